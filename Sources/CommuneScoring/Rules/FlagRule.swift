/// Points when a yes/no field is yes (an officer is assigned, a forum was held …).
public struct FlagRule: IndicatorRule {
  public static let kind = "flag"
  public static let summary = "gives `points` when the flag `field` is yes, 0 when it is no"
  public static let examples: [RuleExample] = [
    RuleExample(
      "yes earns the points", rule: #"{"kind":"flag","field":"flag","points":50}"#,
      evidence: ["flag": 1], points: 50),
    RuleExample(
      "no earns nothing", rule: #"{"kind":"flag","field":"flag","points":50}"#,
      evidence: ["flag": 0], points: 0),
    RuleExample(
      "a missing flag is not verifiable", rule: #"{"kind":"flag","field":"flag","points":50}"#,
      evidence: [:], points: nil),
  ]

  public var field: FieldRef
  public var points: Int

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> FlagRule
  {
    FlagRule(
      field: try fields.ref("field", in: &reader, kind: .flag),
      points: try fields.points("points", in: &reader))
  }

  public var inputs: [FieldRef] { [field] }
  public var bestPoints: Int { points }
  public var worstPoints: Int { 0 }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    points > 0 ? [] : [.init(.pointsNotPositive)]
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    guard let value = values[field] else { return RuleOutcome(points: nil) }
    return .scored(value != 0 ? points : 0)
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    guard adjustable.contains(field.id), values[field] != 1 else { return [] }
    return [Improvement(field: field.id, from: values[field] ?? 0, to: 1, points: points)]
  }
}
