/// A rate per 100,000 children, `count × 100000 / population`, read against bands (abuse …).
public struct RatePer100kRule: IndicatorRule {
  public static let kind = "rate_per_100000"
  public static let summary =
    "compares `count` × 100,000 / `population` exactly with top-down `bands` (limits per 100,000); `otherwise` when no band holds; `whenNone` when the population is 0"

  static let abuseBands =
    #"{"kind":"rate_per_100000","count":"count","population":"whole","better":"lower","bands":[{"equals":0,"points":100},{"atMost":30,"points":50}],"otherwise":0,"whenNone":100}"#
  public static let examples: [RuleExample] = [
    RuleExample(
      "no case meets = 0", rule: abuseBands, evidence: ["count": 0, "whole": 2500], points: 100),
    RuleExample(
      "1 in 3,334 children is 29.99 per 100,000 and meets ≤ 30", rule: abuseBands,
      evidence: ["count": 1, "whole": 3334], points: 50),
    RuleExample(
      "1 in 3,333 children is 30.003 per 100,000 and misses ≤ 30", rule: abuseBands,
      evidence: ["count": 1, "whole": 3333], points: 0),
    RuleExample(
      "3 in 10,000 children is exactly 30 per 100,000 and meets ≤ 30", rule: abuseBands,
      evidence: ["count": 3, "whole": 10000], points: 50),
    RuleExample(
      "no children gives whenNone", rule: abuseBands, evidence: ["count": 0, "whole": 0],
      points: 100),
    RuleExample(
      "a missing population is not verifiable", rule: abuseBands, evidence: ["count": 0],
      points: nil),
  ]

  public var count: FieldRef
  public var population: FieldRef
  public var table: BandTable

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> RatePer100kRule
  {
    RatePer100kRule(
      count: try fields.ref("count", in: &reader, kind: .count),
      population: try fields.ref("population", in: &reader, kind: .count),
      table: try BandTable.decode(&reader, scale: 100_000, pointScale: fields.pointScale))
  }

  public var inputs: [FieldRef] { [count, population] }
  public var bestPoints: Int { table.bestPoints }
  public var worstPoints: Int { table.worstPoints }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    table.problems(limitMaximum: nil, denominator: fields[population.id])
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    table.evaluate(count, of: population, in: values)
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    table.improvements(count, of: population, in: values, adjustable: adjustable)
  }
}
