/// A count read against top-down bands: "có từ 2 hoạt động trở lên: 1 điểm; có 1 hoạt động: 0,5
/// điểm".
public struct CountBandsRule: IndicatorRule {
  public static let kind = "count_bands"
  public static let summary =
    "compares the count `field` with top-down `bands` (`atLeast`, `atMost` or `equals` a whole number); `better` says whether more or fewer is better; `otherwise` when no band holds"

  static let activities =
    #"{"kind":"count_bands","field":"count","better":"higher","bands":[{"atLeast":2,"points":1},{"atLeast":1,"points":0.5}],"otherwise":0}"#
  static let incidents =
    #"{"kind":"count_bands","field":"count","better":"lower","bands":[{"equals":0,"points":10},{"atMost":2,"points":5}],"otherwise":0}"#
  public static let examples: [RuleExample] = [
    RuleExample(
      "two activities or more: 1 point", rule: activities, evidence: ["count": 2], expected: "1"),
    RuleExample(
      "one activity: 0.5", rule: activities, evidence: ["count": 1], expected: "0.5"),
    RuleExample(
      "no activity: otherwise", rule: activities, evidence: ["count": 0], expected: "0"),
    RuleExample(
      "no incident meets = 0", rule: incidents, evidence: ["count": 0], expected: "10"),
    RuleExample(
      "two incidents meet ≤ 2", rule: incidents, evidence: ["count": 2], expected: "5"),
    RuleExample(
      "three incidents miss every band", rule: incidents, evidence: ["count": 3], expected: "0"),
    RuleExample("a missing count is not verifiable", rule: incidents, evidence: [:], expected: nil),
  ]

  public var field: FieldRef
  /// The bands, with limits in whole numbers (scale 1, compared with the count over 1).
  public var table: BandTable

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> CountBandsRule
  {
    let field = try fields.ref("field", in: &reader, kind: .count)
    let table = try BandTable.decode(&reader, scale: 1, pointScale: fields.pointScale)
    for (index, band) in table.bands.enumerated() where band.limit.denominator != 1 {
      throw DecodeIssue(
        reader.path.appending("bands").appending(index: index),
        .invalid(RulebookMessage(.countBandWhole)))
    }
    return CountBandsRule(field: field, table: table)
  }

  public var inputs: [FieldRef] { [field] }
  public var bestPoints: Int { table.bestPoints }
  public var worstPoints: Int { table.worstPoints }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    var problems = table.problems(limitMaximum: nil, denominator: nil)
    if table.whenNone != .undeclared { problems.append(.init(.whenNoneCount)) }
    return problems
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    guard let count = values[field] else { return RuleOutcome(points: nil) }
    return table.score(numerator: count, denominator: 1)
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    guard adjustable.contains(field.id), let count = values[field] else { return [] }
    return table.improvements(
      numerator: count, denominator: 1, field: field.id, boundedByDenominator: false)
  }
}
