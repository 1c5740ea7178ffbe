/// Gates and recognition conditions, read apart from the rest of the rulebook.
extension RulebookDecoder {
  /// One gate: its id, its condition (the original `"field"` or `"when"`), description,
  /// provenance and whether it can be undone.
  static func decodeGate(_ value: JSONValue, at path: JSONPath, _ resolver: FieldResolver)
    throws(DecodeIssue) -> Gate
  {
    var reader = try ObjectReader(value, at: path)
    let id = try reader.string("id")
    let condition = try GateCondition.decode(&reader, fields: resolver)
    let description = try localized(&reader, "description")
    let provenance = try decodeProvenance(&reader)
    let reversible = try reader.optionalBool("reversible") ?? false
    try reader.finish()
    return Gate(
      id: id, condition: condition, description: description, provenance: provenance,
      reversible: reversible)
  }

  /// The recognition rule: `allCriteriaAssessed`, `noCriterionAtZero` (both true unless said
  /// otherwise) and `minimumPerCriterion`, the points every criterion must reach.
  static func decodeRecognition(_ top: inout ObjectReader, pointScale: Int) throws(DecodeIssue)
    -> RecognitionRule
  {
    var reader = try top.object("recognition")
    let rule = RecognitionRule(
      allCriteriaAssessed: try reader.optionalBool("allCriteriaAssessed") ?? true,
      noCriterionAtZero: try reader.optionalBool("noCriterionAtZero") ?? true,
      minimumPerCriterion: try reader.optionalPoints("minimumPerCriterion", scale: pointScale))
    try reader.finish()
    return rule
  }
}
