/// One line of a band list: a condition on a rate and the points it gives.
public struct Band: Sendable, Equatable {
  /// How the rate is compared with the limit.
  public enum Condition: String, Sendable, Equatable, CaseIterable {
    case atLeast
    case atMost
    case equals
  }

  public var condition: Condition
  /// The limit, in the rule's unit (percent, or per 100,000).
  public var limit: Rational
  public var points: Int
}

/// Whether a higher or a lower rate is better.
public enum Better: String, Sendable, Equatable {
  case higher
  case lower
}

/// What a rate scores when its denominator is 0 (the situation does not exist in the commune).
public enum WhenNone: Sendable, Equatable {
  /// These points.
  case points(Int)
  /// The indicator cannot be verified (e.g. no child was measured).
  case notVerifiable
  /// Not declared: the denominator's own minimum keeps it above 0.
  case undeclared
}

/// A rate `numerator × scale / denominator` read against a top-down list of bands, compared exactly.
///
/// Shared by the `rate` (percent) and `rate_per_100000` rule kinds.
public struct BandTable: Sendable, Equatable {
  public var better: Better
  public var bands: [Band]
  public var otherwise: Int
  public var whenNone: WhenNone
  /// 100 for a percentage, 100,000 for a rate per 100,000.
  public var scale: Int

  /// Reads `better`, `bands`, `otherwise` and `whenNone`.
  static func decode(_ reader: inout ObjectReader, scale: Int, pointScale: Int) throws(DecodeIssue)
    -> BandTable
  {
    let betterText = try reader.string("better")
    guard let better = Better(rawValue: betterText) else {
      throw DecodeIssue(
        reader.path.appending("better"), .invalid(RulebookMessage(.betterValue, "\(betterText)")))
    }
    var bands: [Band] = []
    for (value, path) in try reader.array("bands") {
      var bandReader = try ObjectReader(value, at: path)
      var found: [(Band.Condition, Rational)] = []
      for condition in Band.Condition.allCases
      where bandReader.optionalValue(condition.rawValue) != nil {
        found.append((condition, try bandReader.decimal(condition.rawValue)))
      }
      guard found.count == 1, let (condition, limit) = found.first else {
        throw DecodeIssue(
          path, .invalid(RulebookMessage(.bandCondition)))
      }
      let points = try bandReader.points("points", scale: pointScale)
      try bandReader.finish()
      bands.append(Band(condition: condition, limit: limit, points: points))
    }
    let otherwise = try reader.points("otherwise", scale: pointScale)
    var whenNone = WhenNone.undeclared
    if let raw = reader.optionalValue("whenNone") {
      switch raw {
      case .string("not_verifiable"): whenNone = .notVerifiable
      case .number:
        whenNone = .points(
          try ObjectReader.points(raw, at: reader.path.appending("whenNone"), scale: pointScale))
      default:
        throw DecodeIssue(
          reader.path.appending("whenNone"),
          .wrongType(expected: "points or \"not_verifiable\"", found: raw.kindName))
      }
    }
    return BandTable(
      better: better, bands: bands, otherwise: otherwise, whenNone: whenNone, scale: scale)
  }

  /// Whether `band` holds for `numerator / denominator` (denominator > 0), exactly.
  public func holds(_ band: Band, numerator: Int, denominator: Int) -> Bool {
    let left = Int128(numerator) * Int128(scale) * Int128(band.limit.denominator)
    let right = Int128(band.limit.numerator) * Int128(denominator)
    switch band.condition {
    case .atLeast: return left >= right
    case .atMost: return left <= right
    case .equals: return left == right
    }
  }

  /// Scores the rate of two fields of a record: not verifiable when either is missing.
  public func evaluate(_ part: FieldRef, of whole: FieldRef, in values: EvidenceValues)
    -> RuleOutcome
  {
    guard let numerator = values[part], let denominator = values[whole] else {
      return RuleOutcome(points: nil)
    }
    return score(numerator: numerator, denominator: denominator)
  }

  /// The better bands reachable by changing the `part` field, when the rulebook lets it change.
  func improvements(
    _ part: FieldRef, of whole: FieldRef, in values: EvidenceValues, adjustable: Set<String>
  ) -> [Improvement] {
    guard adjustable.contains(part.id), let numerator = values[part],
      let denominator = values[whole]
    else { return [] }
    return improvements(
      numerator: numerator, denominator: denominator, field: part.id, boundedByDenominator: true)
  }

  /// The points and the deciding band for a rate.
  public func score(numerator: Int, denominator: Int) -> RuleOutcome {
    if denominator == 0 {
      switch whenNone {
      case .points(let points): return .scored(points, .whenNone)
      case .notVerifiable, .undeclared:
        return RuleOutcome(points: nil, match: .whenNone, undefinedBecauseNone: true)
      }
    }
    for (index, band) in bands.enumerated()
    where holds(band, numerator: numerator, denominator: denominator) {
      return .scored(band.points, .band(index))
    }
    return .scored(otherwise, .otherwise)
  }

  var bestPoints: Int {
    var best = max(bands.map(\.points).max() ?? otherwise, otherwise)
    if case .points(let points) = whenNone { best = max(best, points) }
    return best
  }

  var worstPoints: Int {
    var worst = min(bands.map(\.points).min() ?? otherwise, otherwise)
    if case .points(let points) = whenNone { worst = min(worst, points) }
    return worst
  }

  /// Static checks: bands in order and reachable, points falling, limits in range.
  func problems(limitMaximum: Rational?, denominator: FieldDeclaration?) -> [RulebookMessage] {
    var problems: [RulebookMessage] = []
    if bands.isEmpty { problems.append(.init(.bandsEmpty)) }
    let allowed: Set<Band.Condition> =
      better == .higher ? [.atLeast, .equals] : [.atMost, .equals]
    for (index, band) in bands.enumerated() {
      if !allowed.contains(band.condition) {
        problems.append(
          .init(.bandDirection, "\(index)", "\(band.condition.rawValue)", "\(better.rawValue)"))
      }
      if let maximum = limitMaximum, band.limit > maximum {
        problems.append(
          .init(
            .bandLimitAbove, "\(index)", "\(band.limit.decimalString(places: 6))",
            "\(maximum.decimalString())"))
      }
      if band.points < 0 { problems.append(.init(.bandPointsNegative, "\(index)")) }
      if index > 0 {
        let previous = bands[index - 1]
        let ordered = better == .higher ? band.limit < previous.limit : band.limit > previous.limit
        if !ordered {
          problems.append(
            .init(
              .bandOrder, "\(index)", "\(band.limit.decimalString(places: 6))",
              better == .higher
                ? RulebookMessage.words("thấp hơn", "below")
                : RulebookMessage.words("cao hơn", "above"), "\(index - 1)",
              "\(previous.limit.decimalString(places: 6))"))
        }
        if band.points >= previous.points {
          problems.append(
            .init(
              .bandPointsOrder, "\(index)", "\(band.points)", "\(index - 1)",
              "\(previous.points)"))
        }
      }
    }
    if let last = bands.last, otherwise >= last.points {
      problems.append(.init(.otherwiseOrder, "\(otherwise)", "\(last.points)"))
    }
    if otherwise < 0 { problems.append(.init(.otherwiseNegative)) }
    switch whenNone {
    case .points(let points) where points < 0: problems.append(.init(.whenNoneNegative))
    case .undeclared:
      if let field = denominator, (field.minimum ?? 0) < 1 {
        problems.append(.init(.whenNoneRequired, "\(field.id)"))
      }
    default: break
    }
    return problems
  }

  /// The smallest change to the numerator (within 0…denominator when `boundedByDenominator`)
  /// that reaches each band better than the current one.
  func improvements(numerator: Int, denominator: Int, field: String, boundedByDenominator: Bool)
    -> [Improvement]
  {
    guard denominator > 0 else { return [] }
    let current = score(numerator: numerator, denominator: denominator).points ?? 0
    var result: [Improvement] = []
    for band in bands where band.points > current {
      // Solve numerator × scale × ld  (op)  ln × denominator for the nearest whole numerator.
      let factor = Int128(scale) * Int128(band.limit.denominator)
      let target = Int128(band.limit.numerator) * Int128(denominator)
      var candidate: Int128
      switch band.condition {
      case .atLeast: candidate = (target + factor - 1) / factor
      case .atMost: candidate = target / factor
      case .equals:
        guard target % factor == 0 else { continue }
        candidate = target / factor
      }
      if better == .higher, candidate < Int128(numerator) { continue }
      if better == .lower, candidate > Int128(numerator) { continue }
      if boundedByDenominator, candidate > Int128(denominator) { continue }
      guard candidate >= 0, let value = Int(exactly: candidate) else { continue }
      let reached = score(numerator: value, denominator: denominator).points ?? 0
      guard reached > current else { continue }
      result.append(
        Improvement(field: field, from: numerator, to: value, points: reached - current))
    }
    return result
  }
}
