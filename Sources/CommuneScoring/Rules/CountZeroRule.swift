/// Points when a count is zero (no child addicted to drugs …).
public struct CountZeroRule: IndicatorRule {
  public static let kind = "count_zero"
  public static let summary = "gives `points` when the count `field` is 0, and 0 points otherwise"
  public static let examples: [RuleExample] = [
    RuleExample(
      "zero earns the points", rule: #"{"kind":"count_zero","field":"count","points":25}"#,
      evidence: ["count": 0], points: 25),
    RuleExample(
      "one case earns nothing", rule: #"{"kind":"count_zero","field":"count","points":25}"#,
      evidence: ["count": 1], points: 0),
    RuleExample(
      "a missing count is not verifiable",
      rule: #"{"kind":"count_zero","field":"count","points":25}"#, evidence: [:], points: nil),
  ]

  public var field: FieldRef
  public var points: Int

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> CountZeroRule
  {
    CountZeroRule(
      field: try fields.ref("field", in: &reader, kind: .count),
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
    return .scored(value == 0 ? points : 0)
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    guard adjustable.contains(field.id), let value = values[field], value > 0 else { return [] }
    return [Improvement(field: field.id, from: value, to: 0, points: points)]
  }
}
