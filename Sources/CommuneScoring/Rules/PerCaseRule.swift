/// A deduction for every case, from a starting number of points, never below a floor: "mỗi
/// trường hợp trừ 2 điểm" from 10, down to 0.
public struct PerCaseRule: IndicatorRule {
  public static let kind = "per_case"
  public static let summary =
    "starts from `start` points and takes `perCase` points away for every case counted in `field`, never below `floor` (0 unless given)"

  static let rule =
    #"{"kind":"per_case","field":"count","start":10,"perCase":2.5,"floor":0}"#
  public static let examples: [RuleExample] = [
    RuleExample("no case keeps the start", rule: rule, evidence: ["count": 0], expected: "10"),
    RuleExample("one case takes 2.5 away", rule: rule, evidence: ["count": 1], expected: "7.5"),
    RuleExample("three cases leave 2.5", rule: rule, evidence: ["count": 3], expected: "2.5"),
    RuleExample("five cases reach the floor", rule: rule, evidence: ["count": 5], expected: "0"),
    RuleExample(
      "a count near the 64-bit limit stays at the floor", rule: rule,
      evidence: ["count": Int.max], expected: "0"),
    RuleExample("a missing count is not verifiable", rule: rule, evidence: [:], expected: nil),
  ]

  public var field: FieldRef
  public var start: Int
  public var perCase: Int
  public var floor: Int

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> PerCaseRule
  {
    PerCaseRule(
      field: try fields.ref("field", in: &reader, kind: .count),
      start: try fields.points("start", in: &reader),
      perCase: try fields.points("perCase", in: &reader),
      floor: try reader.optionalPoints("floor", scale: fields.pointScale) ?? 0)
  }

  public var inputs: [FieldRef] { [field] }
  public var bestPoints: Int { start }
  public var worstPoints: Int { floor }

  /// Cases beyond this many cannot lower the points further.
  public var casesToFloor: Int {
    perCase > 0 ? (start - floor + perCase - 1) / perCase : 0
  }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    var problems: [RulebookMessage] = []
    if perCase <= 0 { problems.append(.init(.perCaseNotPositive)) }
    if floor < 0 { problems.append(.init(.floorNegative)) }
    if start <= floor { problems.append(.init(.startNotAboveFloor, "\(start)", "\(floor)")) }
    if casesToFloor > 1000 {
      problems.append(.init(.tooManyCases, "\(casesToFloor)"))
    }
    return problems
  }

  /// The points for `cases` cases.
  public func points(cases: Int) -> Int {
    max(floor, start - min(max(cases, 0), casesToFloor) * perCase)
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    guard let cases = values[field] else { return RuleOutcome(points: nil) }
    return .scored(points(cases: cases))
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    guard adjustable.contains(field.id), let cases = values[field], cases > 0 else { return [] }
    let now = points(cases: cases)
    var result: [Improvement] = []
    // Only counts at or below the floor's count change the points.
    for target in stride(from: min(cases - 1, casesToFloor), through: 0, by: -1) {
      let reached = points(cases: target)
      if reached > now {
        result.append(Improvement(field: field.id, from: cases, to: target, points: reached - now))
      }
    }
    return result
  }
}
