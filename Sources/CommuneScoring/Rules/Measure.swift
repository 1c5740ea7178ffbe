/// What a rule measures in a record: a percentage, a rate per 100,000, or a plain count.
///
/// Shared by the kinds that step, range or band over a value (`steps`, `ranges`). Values are
/// exact fractions `part × scale / whole`, compared by cross-multiplying in 128 bits.
public struct Measure: Sendable, Equatable {
  /// The kind of measure, as written in a rulebook.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// `numerator / denominator`, in percent.
    case rate
    /// `count × 100,000 / population`.
    case ratePer100000 = "rate_per_100000"
    /// A count as it is.
    case count
  }

  public var kind: Kind
  /// The field that changes the value (numerator, count).
  public var part: FieldRef
  /// The whole it is divided by, for rates.
  public var whole: FieldRef?

  /// 100 for a percentage, 100,000 per 100,000, 1 for a count.
  public var scale: Int {
    switch kind {
    case .rate: 100
    case .ratePer100000: 100_000
    case .count: 1
    }
  }

  /// The fields read.
  public var inputs: [FieldRef] { [part] + (whole.map { [$0] } ?? []) }

  /// Reads `measure`: `{"kind": "rate", "numerator": …, "denominator": …}`,
  /// `{"kind": "rate_per_100000", "count": …, "population": …}` or `{"kind": "count", "field": …}`.
  static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> Measure
  {
    var inner = try reader.object("measure")
    let kindText = try inner.string("kind")
    guard let kind = Kind(rawValue: kindText) else {
      throw DecodeIssue(
        inner.path.appending("kind"),
        .invalid(
          RulebookMessage(
            .unknownMeasure, "\(kindText)",
            "\(Kind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))")))
    }
    let measure: Measure
    switch kind {
    case .rate:
      measure = Measure(
        kind: kind, part: try fields.ref("numerator", in: &inner, kind: .count),
        whole: try fields.ref("denominator", in: &inner, kind: .count))
    case .ratePer100000:
      measure = Measure(
        kind: kind, part: try fields.ref("count", in: &inner, kind: .count),
        whole: try fields.ref("population", in: &inner, kind: .count))
    case .count:
      measure = Measure(kind: kind, part: try fields.ref("field", in: &inner, kind: .count))
    }
    try inner.finish()
    return measure
  }

  /// The exact value in a record: `part × scale / whole`.
  public enum Value: Sendable, Equatable {
    /// An input is missing.
    case missing
    /// The whole is 0: nothing to measure.
    case none
    /// `numerator / denominator` (denominator > 0), in the measure's unit.
    case value(numerator: Int128, denominator: Int128)
  }

  /// The value of the measure in `values`.
  public func value(_ values: EvidenceValues) -> Value {
    guard let part = values[self.part] else { return .missing }
    return value(part: part, in: values)
  }

  /// The value with `part` in place of the record's own part.
  func value(part: Int, in values: EvidenceValues) -> Value {
    guard let whole else { return .value(numerator: Int128(part), denominator: 1) }
    guard let total = values[whole] else { return .missing }
    if total == 0 { return .none }
    return .value(numerator: Int128(part) * Int128(scale), denominator: Int128(total))
  }

  /// The largest value the part may take: its whole for a rate (a part never exceeds it).
  func partBound(_ values: EvidenceValues) -> Int? {
    guard kind == .rate, let whole else { return nil }
    return values[whole]
  }

  /// The smallest part whose value is at least `limitNumerator / limitDenominator` (strictly
  /// above when `strict`), or nil when no part within its bound (or within 64 bits) reaches it.
  func smallestPart(
    reaching limitNumerator: Int128, over limitDenominator: Int128, strict: Bool,
    _ values: EvidenceValues
  ) -> Int? {
    // part × scale × ld ≥ ln × whole  ⇔  part ≥ ln × whole / (scale × ld)
    let total = Int128(whole.flatMap { values[$0] } ?? 1)
    let (factor, o1) = Int128(scale).multipliedReportingOverflow(by: limitDenominator)
    let (target, o2) = limitNumerator.multipliedReportingOverflow(by: total)
    // Overflow means the part needed is beyond any 64-bit count: unreachable.
    guard !o1, !o2, factor > 0 else { return nil }
    var candidate = target / factor
    if candidate * factor < target || (strict && candidate * factor == target) { candidate += 1 }
    if let bound = partBound(values), candidate > Int128(bound) { return nil }
    return Int(exactly: max(candidate, 0))
  }

  /// The largest part whose value is at most `limitNumerator / limitDenominator` (strictly below
  /// when `strict`), within its bound, or nil when none is.
  func largestPart(
    within limitNumerator: Int128, over limitDenominator: Int128, strict: Bool,
    _ values: EvidenceValues
  ) -> Int? {
    let total = Int128(whole.flatMap { values[$0] } ?? 1)
    let (factor, o1) = Int128(scale).multipliedReportingOverflow(by: limitDenominator)
    let (target, o2) = limitNumerator.multipliedReportingOverflow(by: total)
    guard !o1, factor > 0 else { return nil }
    var candidate = o2 ? Int128(Int.max) : target / factor
    if !o2, strict, candidate * factor == target { candidate -= 1 }
    if let bound = partBound(values) { candidate = min(candidate, Int128(bound)) }
    candidate = min(candidate, Int128(Int.max))
    guard candidate >= 0 else { return nil }
    return Int(exactly: candidate)
  }

  /// `value` compared with `limit`: negative, zero or positive.
  static func compare(_ numerator: Int128, _ denominator: Int128, with limit: Rational) -> Int {
    let left = numerator * Int128(limit.denominator)
    let right = Int128(limit.numerator) * denominator
    return left < right ? -1 : (left == right ? 0 : 1)
  }
}

extension WhenNone {
  /// Reads the optional `whenNone`: points, or `"not_verifiable"`.
  static func decode(_ reader: inout ObjectReader, pointScale: Int) throws(DecodeIssue) -> WhenNone
  {
    guard let raw = reader.optionalValue("whenNone") else { return .undeclared }
    switch raw {
    case .string("not_verifiable"): return .notVerifiable
    case .number:
      return .points(
        try ObjectReader.points(raw, at: reader.path.appending("whenNone"), scale: pointScale))
    default:
      throw DecodeIssue(
        reader.path.appending("whenNone"),
        .wrongType(expected: "points or \"not_verifiable\"", found: raw.kindName))
    }
  }

  /// The outcome when the measure's whole is 0.
  var outcome: RuleOutcome {
    switch self {
    case .points(let points): return .scored(points, .whenNone)
    case .notVerifiable, .undeclared:
      return RuleOutcome(points: nil, match: .whenNone, undefinedBecauseNone: true)
    }
  }

  /// The problem when the whole may be 0 and nothing says what that scores.
  func problems(whole: FieldRef?, fields: FieldResolver) -> [RulebookMessage] {
    switch self {
    case .points(let points) where points < 0: return [.init(.whenNoneNegative)]
    case .undeclared:
      guard let whole, let field = fields[whole.id], (field.minimum ?? 0) < 1 else { return [] }
      return [.init(.whenNoneRequired, "\(field.id)")]
    default: return []
    }
  }

  /// Points `whenNone` can give, if any.
  var points: Int? {
    if case .points(let points) = self { return points }
    return nil
  }
}

extension Rational {
  /// Reads a limit in a measure's unit; counts must be whole.
  static func limit(_ reader: inout ObjectReader, _ key: String, measure: Measure)
    throws(DecodeIssue) -> Rational
  {
    let value = try reader.decimal(key)
    if measure.kind == .count, value.denominator != 1 {
      throw DecodeIssue(
        reader.path.appending(key), .invalid(RulebookMessage(.countLimitWhole)))
    }
    return value
  }
}
