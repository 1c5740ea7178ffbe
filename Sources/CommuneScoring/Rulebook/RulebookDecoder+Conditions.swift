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
}
