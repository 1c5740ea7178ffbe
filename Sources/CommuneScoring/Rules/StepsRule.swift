/// Points that rise (or fall) by a fixed amount for every step a value goes beyond a start,
/// capped and floored: "trên 20% thì cứ thêm 5% được tính thêm 0,25 điểm, nhưng tối đa không quá
/// 2 điểm"; "for every 100 additional people, 0.5 points, but not more than 35 points"; and the
/// mirror image, a deduction per step down to a floor.
public struct StepsRule: IndicatorRule {
  public static let kind = "steps"
  public static let summary =
    "counts whole steps of `every` by which the `measure` (a rate, a rate per 100,000 or a count) goes beyond `above`; each step adds (or, with `\"direction\": \"deduct\"`, takes away) `pointsPerStep` from `basePoints`, never beyond `cap` nor below `floor`"

  static let coverage =
    #"{"kind":"steps","measure":{"kind":"rate","numerator":"part","denominator":"whole"},"above":20,"every":5,"basePoints":0,"pointsPerStep":0.25,"cap":2,"whenNone":0}"#
  static let people =
    #"{"kind":"steps","measure":{"kind":"count","field":"count"},"above":0,"every":100,"basePoints":0,"pointsPerStep":0.5,"cap":35}"#
  static let deduction =
    #"{"kind":"steps","measure":{"kind":"rate_per_100000","count":"count","population":"whole"},"above":10,"every":10,"basePoints":5,"pointsPerStep":1,"direction":"deduct","floor":0,"whenNone":5}"#
  public static let examples: [RuleExample] = [
    RuleExample(
      "20% exactly is not above 20%: no step", rule: coverage,
      evidence: ["part": 20, "whole": 100], expected: "0"),
    RuleExample(
      "25% is one step of 5% above 20%: 0.25", rule: coverage,
      evidence: ["part": 25, "whole": 100], expected: "0.25"),
    RuleExample(
      "29.99% is still one step", rule: coverage, evidence: ["part": 2999, "whole": 10000],
      expected: "0.25"),
    RuleExample(
      "100% would be 16 steps (4 points) but the cap is 2", rule: coverage,
      evidence: ["part": 100, "whole": 100], expected: "2"),
    RuleExample(
      "no one to cover gives whenNone", rule: coverage, evidence: ["part": 0, "whole": 0],
      expected: "0"),
    RuleExample(
      "250 people are 2 full hundreds: 1 point", rule: people, evidence: ["count": 250],
      expected: "1"),
    RuleExample(
      "7,000 people reach the cap of 35", rule: people, evidence: ["count": 7000], expected: "35"),
    RuleExample(
      "a missing count is not verifiable", rule: people, evidence: [:], expected: nil),
    RuleExample(
      "30 cases per 100,000 are 2 steps above 10: 5 − 2 = 3", rule: deduction,
      evidence: ["count": 3, "whole": 10000], expected: "3"),
    RuleExample(
      "a deduction stops at the floor", rule: deduction, evidence: ["count": 50, "whole": 10000],
      expected: "0"),
  ]

  /// Whether each step adds points or takes them away.
  public enum Direction: String, Sendable, Equatable {
    case add
    case deduct
  }

  public var measure: Measure
  /// Steps are counted for the part of the value above this limit (in the measure's unit).
  public var above: Rational
  /// The size of one step (in the measure's unit).
  public var every: Rational
  /// The points at or below `above`.
  public var basePoints: Int
  public var pointsPerStep: Int
  public var direction: Direction
  /// The most points (for `add`; `basePoints` for `deduct`).
  public var cap: Int
  /// The fewest points (for `deduct`; `basePoints` for `add`).
  public var floor: Int
  public var whenNone: WhenNone

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> StepsRule
  {
    let measure = try Measure.decode(&reader, fields: fields)
    let above = try Rational.limit(&reader, "above", measure: measure)
    let every = try Rational.limit(&reader, "every", measure: measure)
    let base = try fields.points("basePoints", in: &reader)
    let perStep = try fields.points("pointsPerStep", in: &reader)
    let directionText = try reader.optionalString("direction") ?? "add"
    guard let direction = Direction(rawValue: directionText) else {
      throw DecodeIssue(
        reader.path.appending("direction"),
        .invalid(RulebookMessage(.directionValue, "\(directionText)")))
    }
    let scale = fields.pointScale
    let cap =
      direction == .add
      ? try fields.points("cap", in: &reader)
      : try reader.optionalPoints(
        "cap", scale: scale) ?? base
    let floor =
      direction == .deduct
      ? try reader.optionalPoints("floor", scale: scale) ?? 0
      : try reader.optionalPoints("floor", scale: scale) ?? base
    return StepsRule(
      measure: measure, above: above, every: every, basePoints: base, pointsPerStep: perStep,
      direction: direction, cap: cap, floor: floor,
      whenNone: try WhenNone.decode(&reader, pointScale: scale))
  }

  public var inputs: [FieldRef] { measure.inputs }
  public var bestPoints: Int { max(direction == .add ? cap : basePoints, whenNone.points ?? .min) }
  public var worstPoints: Int {
    min(direction == .add ? basePoints : floor, whenNone.points ?? .max)
  }

  /// How many steps can change the points before the cap (or floor) stops them.
  public var usefulSteps: Int {
    guard pointsPerStep > 0 else { return 0 }
    let room = direction == .add ? cap - basePoints : basePoints - floor
    return room <= 0 ? 0 : (room + pointsPerStep - 1) / pointsPerStep
  }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    var problems: [RulebookMessage] = []
    if every.numerator <= 0 { problems.append(.init(.everyNotPositive)) }
    if pointsPerStep <= 0 { problems.append(.init(.pointsPerStepNotPositive)) }
    if floor < 0 { problems.append(.init(.floorNegative)) }
    if basePoints < 0 { problems.append(.init(.basePointsNegative)) }
    switch direction {
    case .add where cap <= basePoints:
      problems.append(.init(.capNotAboveBase, "\(cap)", "\(basePoints)"))
    case .deduct where floor >= basePoints:
      problems.append(.init(.floorNotBelowBase, "\(floor)", "\(basePoints)"))
    default: break
    }
    if usefulSteps > 1000 {
      problems.append(
        .init(
          .tooManySteps, "\(usefulSteps)",
          direction == .add
            ? RulebookMessage.words("mức trần", "cap") : RulebookMessage.words("mức sàn", "floor")))
    }
    if measure.kind == .rate, above >= Rational(100) {
      problems.append(.init(.aboveHundred))
    }
    problems += whenNone.problems(whole: measure.whole, fields: fields)
    return problems
  }

  /// Whole steps of `every` by which `numerator / denominator` exceeds `above` (0 when it does
  /// not), at most `usefulSteps` (more cannot change the points).
  public func steps(numerator: Int128, denominator: Int128) -> Int {
    // (value − above) / every = (n·ad − an·d)·ed / (d·ad·en); floor(floor(x / b) / c) is
    // floor(x / (b·c)) for positive b and c, so no product needs more than 128 bits.
    let excess =
      numerator * Int128(above.denominator) - Int128(above.numerator) * denominator
    guard excess > 0 else { return 0 }
    let first = excess * Int128(every.denominator) / (denominator * Int128(above.denominator))
    let steps = first / Int128(every.numerator)
    return Int(min(steps, Int128(usefulSteps)))
  }

  /// The points for a number of steps.
  public func points(steps: Int) -> Int {
    let moved = min(steps, usefulSteps) * pointsPerStep
    return direction == .add ? min(cap, basePoints + moved) : max(floor, basePoints - moved)
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    switch measure.value(values) {
    case .missing: return RuleOutcome(points: nil)
    case .none: return whenNone.outcome
    case .value(let numerator, let denominator):
      let steps = steps(numerator: numerator, denominator: denominator)
      return .scored(points(steps: steps))
    }
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    guard adjustable.contains(measure.part.id), let part = values[measure.part],
      case .value(let numerator, let denominator) = measure.value(values)
    else { return [] }
    let current = steps(numerator: numerator, denominator: denominator)
    let now = points(steps: current)
    // Solve for the part reaching `above + k × every` (or staying below it, to deduct less).
    func boundary(_ k: Int) -> (Int128, Int128) {
      let n =
        Int128(above.numerator) * Int128(every.denominator) + Int128(k) * Int128(every.numerator)
        * Int128(above.denominator)
      return (n, Int128(above.denominator) * Int128(every.denominator))
    }
    var result: [Improvement] = []
    let targets: [Int] =
      direction == .add
      ? (current < usefulSteps ? Array((current + 1)...usefulSteps) : [])
      : Array((0..<current).reversed())
    for k in targets {
      let (n, d) = direction == .add ? boundary(k) : boundary(k + 1)
      let candidate =
        direction == .add
        ? measure.smallestPart(reaching: n, over: d, strict: false, values)
        : measure.largestPart(within: n, over: d, strict: true, values)
      guard let to = candidate, direction == .add ? to > part : to < part else { continue }
      guard case .value(let newN, let newD) = measure.value(part: to, in: values) else { continue }
      let reached = points(steps: steps(numerator: newN, denominator: newD))
      guard reached > now else { continue }
      result.append(Improvement(field: measure.part.id, from: part, to: to, points: reached - now))
    }
    return result
  }
}
