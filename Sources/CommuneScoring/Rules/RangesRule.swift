/// Fixed ranges of a value, each with its points: "từ 10% đến 20%: 1 điểm; trên 20%: 2 điểm".
public struct RangesRule: IndicatorRule {
  public static let kind = "ranges"
  public static let summary =
    "gives the points of the range the `measure` falls in; each range has a lower bound (`atLeast` or `above`) and/or an upper bound (`atMost` or `below`); ranges do not overlap; `otherwise` outside them; `whenNone` when the whole is 0"

  static let rule =
    #"{"kind":"ranges","measure":{"kind":"rate","numerator":"part","denominator":"whole"},"ranges":[{"atLeast":10,"atMost":20,"points":1},{"above":20,"points":2}],"otherwise":0,"whenNone":"not_verifiable"}"#
  public static let examples: [RuleExample] = [
    RuleExample(
      "below 10% is outside every range", rule: rule, evidence: ["part": 9, "whole": 100],
      expected: "0"),
    RuleExample(
      "10% exactly is in 10%–20%", rule: rule, evidence: ["part": 1, "whole": 10], expected: "1"),
    RuleExample(
      "20% exactly is still in 10%–20%", rule: rule, evidence: ["part": 20, "whole": 100],
      expected: "1"),
    RuleExample(
      "20.01% is above 20%", rule: rule, evidence: ["part": 2001, "whole": 10000], expected: "2"),
    RuleExample(
      "nothing to measure is not verifiable", rule: rule, evidence: ["part": 0, "whole": 0],
      expected: nil),
  ]

  /// One range: its bounds (nil for open) and points.
  public struct Range: Sendable, Equatable {
    public var lower: Rational?
    /// Whether the lower bound itself is in the range (`atLeast`) or not (`above`).
    public var lowerInclusive: Bool
    public var upper: Rational?
    /// Whether the upper bound itself is in the range (`atMost`) or not (`below`).
    public var upperInclusive: Bool
    public var points: Int

    /// Whether `numerator / denominator` is in the range.
    func contains(_ numerator: Int128, _ denominator: Int128) -> Bool {
      if let lower {
        let c = Measure.compare(numerator, denominator, with: lower)
        if c < 0 || (c == 0 && !lowerInclusive) { return false }
      }
      if let upper {
        let c = Measure.compare(numerator, denominator, with: upper)
        if c > 0 || (c == 0 && !upperInclusive) { return false }
      }
      return true
    }
  }

  public var measure: Measure
  public var ranges: [Range]
  public var otherwise: Int
  public var whenNone: WhenNone

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> RangesRule
  {
    let measure = try Measure.decode(&reader, fields: fields)
    var ranges: [Range] = []
    for (value, path) in try reader.array("ranges") {
      var inner = try ObjectReader(value, at: path)
      func bound(_ inclusive: String, _ exclusive: String) throws(DecodeIssue) -> (Rational?, Bool)
      {
        let hasInclusive = inner.optionalValue(inclusive) != nil
        let hasExclusive = inner.optionalValue(exclusive) != nil
        if hasInclusive && hasExclusive {
          throw DecodeIssue(
            path, .invalid(RulebookMessage(.rangeBoth, "\(inclusive)", "\(exclusive)")))
        }
        if hasInclusive { return (try Rational.limit(&inner, inclusive, measure: measure), true) }
        if hasExclusive { return (try Rational.limit(&inner, exclusive, measure: measure), false) }
        return (nil, true)
      }
      let (lower, lowerInclusive) = try bound("atLeast", "above")
      let (upper, upperInclusive) = try bound("atMost", "below")
      if lower == nil && upper == nil {
        throw DecodeIssue(
          path,
          .invalid(RulebookMessage(.rangeNoBound)))
      }
      let points = try fields.points("points", in: &inner)
      try inner.finish()
      ranges.append(
        Range(
          lower: lower, lowerInclusive: lowerInclusive, upper: upper,
          upperInclusive: upperInclusive, points: points))
    }
    return RangesRule(
      measure: measure, ranges: ranges, otherwise: try fields.points("otherwise", in: &reader),
      whenNone: try WhenNone.decode(&reader, pointScale: fields.pointScale))
  }

  public var inputs: [FieldRef] { measure.inputs }
  public var bestPoints: Int {
    max(ranges.map(\.points).max() ?? otherwise, otherwise, whenNone.points ?? .min)
  }
  public var worstPoints: Int {
    min(ranges.map(\.points).min() ?? otherwise, otherwise, whenNone.points ?? .max)
  }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    var problems: [RulebookMessage] = []
    if ranges.isEmpty { problems.append(.init(.rangesEmpty)) }
    if otherwise < 0 { problems.append(.init(.otherwiseNegative)) }
    for (index, range) in ranges.enumerated() {
      if range.points < 0 { problems.append(.init(.rangePointsNegative, "\(index)")) }
      if let lower = range.lower, let upper = range.upper,
        upper < lower || (upper == lower && !(range.lowerInclusive && range.upperInclusive))
      {
        problems.append(.init(.rangeHoldsNothing, "\(index)"))
      }
      for other in 0..<index where overlap(ranges[other], range) {
        problems.append(.init(.rangeOverlap, "\(index)", "\(other)"))
      }
    }
    problems += whenNone.problems(whole: measure.whole, fields: fields)
    return problems
  }

  /// Whether some value lies in both ranges.
  func overlap(_ a: Range, _ b: Range) -> Bool {
    // The larger lower bound must not pass the smaller upper bound.
    func lowerMax() -> (Rational, Bool)? {
      switch (a.lower, b.lower) {
      case (nil, nil): return nil
      case (let x?, nil): return (x, a.lowerInclusive)
      case (nil, let y?): return (y, b.lowerInclusive)
      case (let x?, let y?):
        if x == y { return (x, a.lowerInclusive && b.lowerInclusive) }
        return x > y ? (x, a.lowerInclusive) : (y, b.lowerInclusive)
      }
    }
    func upperMin() -> (Rational, Bool)? {
      switch (a.upper, b.upper) {
      case (nil, nil): return nil
      case (let x?, nil): return (x, a.upperInclusive)
      case (nil, let y?): return (y, b.upperInclusive)
      case (let x?, let y?):
        if x == y { return (x, a.upperInclusive && b.upperInclusive) }
        return x < y ? (x, a.upperInclusive) : (y, b.upperInclusive)
      }
    }
    guard let (low, lowIn) = lowerMax(), let (high, highIn) = upperMin() else { return true }
    return low < high || (low == high && lowIn && highIn)
  }

  func score(_ numerator: Int128, _ denominator: Int128) -> RuleOutcome {
    for (index, range) in ranges.enumerated() where range.contains(numerator, denominator) {
      return .scored(range.points, .band(index))
    }
    return .scored(otherwise, .otherwise)
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    switch measure.value(values) {
    case .missing: return RuleOutcome(points: nil)
    case .none: return whenNone.outcome
    case .value(let numerator, let denominator): return score(numerator, denominator)
    }
  }

  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    guard adjustable.contains(measure.part.id), let part = values[measure.part],
      case .value(let numerator, let denominator) = measure.value(values)
    else { return [] }
    let now = score(numerator, denominator).points ?? 0
    var result: [Improvement] = []
    for range in ranges where range.points > now {
      // The nearest part inside the range: up to its lower bound, or down to its upper bound.
      var candidate: Int?
      if let lower = range.lower, Measure.compare(numerator, denominator, with: lower) <= 0 {
        candidate = measure.smallestPart(
          reaching: Int128(lower.numerator), over: Int128(lower.denominator),
          strict: !range.lowerInclusive, values)
      } else if let upper = range.upper, Measure.compare(numerator, denominator, with: upper) >= 0 {
        candidate = measure.largestPart(
          within: Int128(upper.numerator), over: Int128(upper.denominator),
          strict: !range.upperInclusive, values)
      }
      guard let to = candidate, to != part,
        case .value(let n, let d) = measure.value(part: to, in: values),
        range.contains(n, d)
      else { continue }
      let reached = score(n, d).points ?? 0
      guard reached > now else { continue }
      result.append(Improvement(field: measure.part.id, from: part, to: to, points: reached - now))
    }
    return result
  }
}
