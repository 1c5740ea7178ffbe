/// What a gate tests: "a whole criterion zeroed when a case of some kind occurred, or a rate
/// passed a limit".
///
/// A gate written the original way, `"field": "children_injury_deaths"`, is a count above 0.
/// The general form is `"when"`: a `measure` (a count, a rate in percent, or a rate per 100,000,
/// as `steps` and `ranges` read them) compared with a limit (`above`, `atLeast`, `below`,
/// `atMost`), or a `flag` that `is` yes or no. Rates are compared exactly, by cross-multiplying.
public enum GateCondition: Sendable, Equatable {
  /// How a measure is compared with a gate's limit.
  public enum Comparison: String, Sendable, Equatable, CaseIterable {
    /// Strictly above the limit.
    case above
    /// At or above the limit.
    case atLeast
    /// Strictly below the limit.
    case below
    /// At or below the limit.
    case atMost

    /// Whether `order` (the value compared with the limit: −1, 0, 1) makes the gate fire.
    func holds(_ order: Int) -> Bool {
      switch self {
      case .above: order > 0
      case .atLeast: order >= 0
      case .below: order < 0
      case .atMost: order <= 0
      }
    }

    /// Whether a larger value makes the gate fire (above, atLeast).
    var firesHigh: Bool { self == .above || self == .atLeast }
  }

  /// The measure compared with `limit` (in the measure's unit: percent, per 100,000, or a count).
  case measure(Measure, Comparison, Rational)
  /// The flag being yes (`true`) or no (`false`).
  case flag(FieldRef, is: Bool)

  /// The original form: the count `field` above 0.
  public static func countAboveZero(_ field: FieldRef) -> GateCondition {
    .measure(Measure(kind: .count, part: field), .above, Rational(0))
  }

  /// Whether this is a count above 0, the meaning of the original `"field"` form.
  public var isCountAboveZero: Bool {
    guard case .measure(let measure, .above, let limit) = self else { return false }
    return measure.kind == .count && limit.numerator == 0
  }

  /// The field whose change can lift the gate (a count, a rate's numerator, a flag).
  public var field: FieldRef {
    switch self {
    case .measure(let measure, _, _): measure.part
    case .flag(let field, _): field
    }
  }

  /// Every field the condition reads.
  public var inputs: [FieldRef] {
    switch self {
    case .measure(let measure, _, _): measure.inputs
    case .flag(let field, _): [field]
    }
  }

  /// True when the gate zeroes its criterion, false when it does not, nil when an input is
  /// missing. A rate whose whole is 0 measures nothing and never fires.
  public func fires(_ values: EvidenceValues) -> Bool? {
    switch self {
    case .flag(let field, let yes):
      guard let value = values[field] else { return nil }
      return (value != 0) == yes
    case .measure(let measure, let comparison, let limit):
      switch measure.value(values) {
      case .missing: return nil
      case .none: return false
      case .value(let numerator, let denominator):
        return comparison.holds(Measure.compare(numerator, denominator, with: limit))
      }
    }
  }

  /// The smallest change to `field` after which the gate no longer fires, or nil when none
  /// within the field's bounds does (or an input is missing).
  public func lift(_ values: EvidenceValues) -> Improvement? {
    switch self {
    case .flag(let field, let yes):
      guard let value = values[field] else { return nil }
      return Improvement(field: field.id, from: value, to: yes ? 0 : 1, points: 0)
    case .measure(let measure, let comparison, let limit):
      guard let part = values[measure.part] else { return nil }
      let n = Int128(limit.numerator)
      let d = Int128(limit.denominator)
      let target: Int?
      switch comparison {
      case .above: target = measure.largestPart(within: n, over: d, strict: false, values)
      case .atLeast: target = measure.largestPart(within: n, over: d, strict: true, values)
      case .below: target = measure.smallestPart(reaching: n, over: d, strict: false, values)
      case .atMost: target = measure.smallestPart(reaching: n, over: d, strict: true, values)
      }
      guard let to = target, to != part else { return nil }
      return Improvement(field: measure.part.id, from: part, to: to, points: 0)
    }
  }

  /// Static checks: a rate limit within 0–100%, and a condition that can both hold and fail.
  func problems(fields: FieldResolver) -> [RulebookMessage] {
    guard case .measure(let measure, let comparison, let limit) = self else { return [] }
    let written: RulebookMessage.Argument =
      "'\(comparison.rawValue)': \(limit.decimalString(places: 6))"
    let what =
      measure.kind == .count
      ? RulebookMessage.words("số đếm", "the count") : RulebookMessage.words("tỷ lệ", "the rate")
    if measure.kind == .rate, limit > Rational(100) {
      return [.init(.gateRateLimit, written)]
    }
    // The smallest value the measure can take: 0, or a count's declared minimum.
    var floor = Rational(0)
    if measure.kind == .count, let minimum = fields[measure.part.id]?.minimum, minimum > 0 {
      floor = Rational(minimum)
    }
    let lowest = floor.decimalString(places: 6)
    switch comparison {
    case .above where measure.kind == .rate && limit == Rational(100):
      return [.init(.gateNeverAboveHundred, written, what)]
    case .below where limit <= floor, .atMost where limit < floor:
      return [.init(.gateNeverBelow, written, what, "\(lowest)")]
    case .above where limit < floor, .atLeast where limit <= floor,
      .atMost where measure.kind == .rate && limit == Rational(100):
      return [.init(.gateAlwaysHolds, written, what)]
    default: return []
    }
  }
}

extension GateCondition {
  /// Reads a gate's condition: the original `"field"` (a count above 0) or `"when"`.
  static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> GateCondition
  {
    let hasField = try reader.either(
      "field", or: "when",
      otherwise: RulebookMessage(.gateFieldOrWhen))
    if hasField { return .countAboveZero(try fields.ref("field", in: &reader, kind: .count)) }
    var inner = try reader.object("when")
    let condition: GateCondition
    if inner.optionalValue("flag") != nil {
      let field = try fields.ref("flag", in: &inner, kind: .flag)
      let raw = try inner.value("is")
      guard case .bool(let yes) = raw else {
        throw DecodeIssue(
          inner.path.appending("is"), .wrongType(expected: "true or false", found: raw.kindName))
      }
      condition = .flag(field, is: yes)
    } else {
      let measure = try Measure.decode(&inner, fields: fields)
      var found: [Comparison] = []
      for comparison in Comparison.allCases
      where inner.optionalValue(comparison.rawValue) != nil {
        found.append(comparison)
      }
      guard found.count == 1, let comparison = found.first else {
        throw DecodeIssue(
          inner.path,
          .invalid(RulebookMessage(.gateComparison)))
      }
      condition = .measure(
        measure, comparison, try Rational.limit(&inner, comparison.rawValue, measure: measure))
    }
    try inner.finish()
    return condition
  }
}
