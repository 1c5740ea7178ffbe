/// A percentage `numerator / denominator` read against bands (births registered on time …).
public struct RateRule: IndicatorRule {
  public static let kind = "rate"
  public static let summary =
    "compares the percentage `numerator`/`denominator` exactly with top-down `bands` (limits in percent); `otherwise` when no band holds; `whenNone` when the denominator is 0"

  static let birthBands =
    #"{"kind":"rate","numerator":"part","denominator":"whole","better":"higher","bands":[{"equals":100,"points":50},{"atLeast":98,"points":40},{"atLeast":95,"points":25}],"otherwise":0,"whenNone":50}"#
  static let underweightBands =
    #"{"kind":"rate","numerator":"part","denominator":"whole","better":"lower","bands":[{"atMost":5,"points":35},{"atMost":10,"points":20}],"otherwise":0,"whenNone":"not_verifiable"}"#
  public static let examples: [RuleExample] = [
    RuleExample(
      "100% meets = 100%", rule: birthBands, evidence: ["part": 118, "whole": 118], points: 50),
    RuleExample(
      "49/50 is exactly 98% and meets ≥ 98%", rule: birthBands,
      evidence: ["part": 49, "whole": 50], points: 40),
    RuleExample(
      "97.99% misses ≥ 98%", rule: birthBands, evidence: ["part": 9799, "whole": 10000], points: 25),
    RuleExample(
      "19/20 is exactly 95% and meets ≥ 95%", rule: birthBands,
      evidence: ["part": 19, "whole": 20], points: 25),
    RuleExample(
      "below every band gives otherwise", rule: birthBands, evidence: ["part": 94, "whole": 100],
      points: 0),
    RuleExample(
      "no births gives whenNone", rule: birthBands, evidence: ["part": 0, "whole": 0], points: 50),
    RuleExample(
      "a missing numerator is not verifiable", rule: birthBands, evidence: ["whole": 10],
      points: nil),
    RuleExample(
      "50/1000 underweight is exactly 5% and meets ≤ 5%", rule: underweightBands,
      evidence: ["part": 50, "whole": 1000], points: 35),
    RuleExample(
      "51/1000 underweight misses ≤ 5%", rule: underweightBands,
      evidence: ["part": 51, "whole": 1000], points: 20),
    RuleExample(
      "none measured is not verifiable when the rule says so", rule: underweightBands,
      evidence: ["part": 0, "whole": 0], points: nil),
  ]

  public var numerator: FieldRef
  public var denominator: FieldRef
  public var table: BandTable

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> RateRule
  {
    RateRule(
      numerator: try fields.ref("numerator", in: &reader, kind: .count),
      denominator: try fields.ref("denominator", in: &reader, kind: .count),
      table: try BandTable.decode(&reader, scale: 100, pointScale: fields.pointScale))
  }

  public var inputs: [FieldRef] { [numerator, denominator] }
  public var bestPoints: Int { table.bestPoints }
  public var worstPoints: Int { table.worstPoints }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    table.problems(limitMaximum: Rational(100), denominator: fields[denominator.id])
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    table.evaluate(numerator, of: denominator, in: values)
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    table.improvements(numerator, of: denominator, in: values, adjustable: adjustable)
  }
}
