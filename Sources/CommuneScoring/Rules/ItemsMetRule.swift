/// A number of items met, each worth the same points, capped: "mỗi nội dung đạt được tính 0,5
/// điểm, tối đa 1 điểm".
public struct ItemsMetRule: IndicatorRule {
  public static let kind = "items_met"
  public static let summary =
    "counts the flags in `items` that are yes and gives `pointsEach` for each, at most `cap` (all items × `pointsEach` unless given)"

  static let rule =
    #"{"kind":"items_met","items":["flag","flag2","flag3"],"pointsEach":0.5,"cap":1}"#
  public static let examples: [RuleExample] = [
    RuleExample(
      "no item met: 0", rule: rule, evidence: ["flag": 0, "flag2": 0, "flag3": 0], expected: "0"),
    RuleExample(
      "one item met: 0.5", rule: rule, evidence: ["flag": 0, "flag2": 1, "flag3": 0],
      expected: "0.5"),
    RuleExample(
      "three items met are capped at 1", rule: rule, evidence: ["flag": 1, "flag2": 1, "flag3": 1],
      expected: "1"),
    RuleExample(
      "a missing item is not verifiable", rule: rule, evidence: ["flag": 1, "flag2": 1],
      expected: nil),
  ]

  public var items: [FieldRef]
  public var pointsEach: Int
  public var cap: Int

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> ItemsMetRule
  {
    var items: [FieldRef] = []
    let listPath = reader.path.appending("items")
    for (value, path) in try reader.array("items") {
      let id = try ObjectReader.string(value, at: path)
      let ref = try fields.resolve(id, at: path, kind: .flag)
      if items.contains(where: { $0.id == id }) {
        throw DecodeIssue(path, .invalid(RulebookMessage(.itemTwice, "\(id)")))
      }
      items.append(ref)
    }
    if items.isEmpty { throw DecodeIssue(listPath, .invalid(RulebookMessage(.noItems))) }
    let each = try fields.points("pointsEach", in: &reader)
    let cap =
      try reader.optionalPoints("cap", scale: fields.pointScale)
      ?? items.count.multipliedReportingOverflow(by: each).partialValue
    return ItemsMetRule(items: items, pointsEach: each, cap: cap)
  }

  public var inputs: [FieldRef] { items }
  public var bestPoints: Int { cap }
  public var worstPoints: Int { 0 }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    var problems: [RulebookMessage] = []
    if pointsEach <= 0 { problems.append(.init(.pointsEachNotPositive)) }
    if cap <= 0 { problems.append(.init(.capNotPositive)) }
    let (all, overflow) = items.count.multipliedReportingOverflow(by: pointsEach)
    if !overflow, cap > all {
      problems.append(.init(.capUnreachable, "\(cap)", "\(all)"))
    }
    return problems
  }

  /// The points for `met` items.
  public func points(met: Int) -> Int {
    pointsEach > 0 && met >= (cap + pointsEach - 1) / pointsEach ? cap : met * pointsEach
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    var met = 0
    for item in items {
      guard let value = values[item] else { return RuleOutcome(points: nil) }
      if value != 0 { met += 1 }
    }
    return .scored(points(met: met))
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    var met = 0
    var open: [FieldRef] = []
    for item in items {
      guard let value = values[item] else { return [] }
      if value != 0 {
        met += 1
      } else if adjustable.contains(item.id) {
        open.append(item)
      }
    }
    let now = points(met: met)
    var result: [Improvement] = []
    for extra in open.indices {
      let reached = points(met: met + extra + 1)
      guard reached > now else { continue }
      let changes = open[...extra].map {
        Improvement(field: $0.id, from: 0, to: 1, points: 0)
      }
      var first = changes[changes.startIndex]
      first.points = reached - now
      first.more = Array(changes.dropFirst())
      result.append(first)
      if reached >= cap { break }
    }
    return result
  }
}
