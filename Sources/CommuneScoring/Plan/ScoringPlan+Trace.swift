// The trace of one record scored by a compiled plan: what each indicator and criterion found,
// for writers that explain every indicator (`--format jsonl`). The same steps as
// `Evaluator.score(_:_:minimum:trace:)`, over the plan's tables; kept apart from
// `ScoringPlan.score` so that the CSV path, which shows totals only, does not pay for it.

/// What a compiled plan found for each indicator and criterion of one record, as
/// `Evaluator.evaluate` finds it: the points, the band that decided, the gate that fired, the
/// best and worst points still possible and whether the minimums can still be met. Reused from
/// record to record (no allocation).
public struct PlannedTrace: Sendable, Equatable {
  /// One indicator's outcome.
  public struct Indicator: Sendable, Equatable {
    /// The points, nil when not verifiable.
    public var points: Int?
    /// The band that decided, for a rate (nil for a flag or a count).
    public var match: BandMatch?

    public init(points: Int? = nil, match: BandMatch? = nil) {
      self.points = points
      self.match = match
    }
  }

  /// One criterion's outcome.
  public struct Criterion: Sendable, Equatable {
    /// The points, nil when not verifiable.
    public var points: Int?
    /// The position, among the criterion's gates, of the gate that zeroed it.
    public var firedGate: Int?
    /// The most and fewest points still possible (`CriterionScore.best`, `.worst`).
    public var best = 0
    public var worst = 0
    /// `CriterionScore.minimumsAtBest` and `.minimumsAtWorst`.
    public var minimumsAtBest = true
    public var minimumsAtWorst = true

    public init(
      points: Int? = nil, firedGate: Int? = nil, best: Int = 0, worst: Int = 0,
      minimumsAtBest: Bool = true, minimumsAtWorst: Bool = true
    ) {
      self.points = points
      self.firedGate = firedGate
      self.best = best
      self.worst = worst
      self.minimumsAtBest = minimumsAtBest
      self.minimumsAtWorst = minimumsAtWorst
    }
  }

  /// Every indicator of the rulebook, criterion after criterion, in rulebook order.
  public var indicators: [Indicator]
  /// Every criterion, in rulebook order.
  public var criteria: [Criterion]

  /// An empty trace for the records `plan` scores.
  public init(_ plan: ScoringPlan) {
    indicators = Array(repeating: Indicator(), count: plan.indicators.count)
    criteria = Array(repeating: Criterion(), count: plan.criteria.count)
  }
}

extension ScoringPlan {
  /// The position in `PlannedTrace.indicators` of the first indicator of the criterion at
  /// `criterion`.
  public func firstIndicator(ofCriterion criterion: Int) -> Int {
    criteria[criterion].indicators.lowerBound
  }

  /// Whether the rulebook requires minimum points of any criterion or indicator.
  public var hasMinimums: Bool {
    criteria.contains { $0.minimum != nil } || indicators.contains { $0.hasMinimum }
  }

  /// One indicator's points and deciding band (as `BandTable.score`); nil when a product does
  /// not fit in 64 bits.
  @inline(__always)
  static func outcome(
    _ indicator: PlanIndicator, _ slots: UnsafeBufferPointer<Int>,
    _ bands: UnsafeBufferPointer<PlanBand>
  ) -> PlannedTrace.Indicator? {
    let numerator = slots[indicator.part]
    if numerator == Self.missing { return PlannedTrace.Indicator() }
    switch indicator.kind {
    case .flag:
      return PlannedTrace.Indicator(points: numerator != 0 ? indicator.points : 0)
    case .countZero:
      return PlannedTrace.Indicator(points: numerator == 0 ? indicator.points : 0)
    case .banded:
      let denominator = slots[indicator.whole]
      if denominator == Self.missing { return PlannedTrace.Indicator() }
      if denominator == 0 {
        return PlannedTrace.Indicator(
          points: indicator.hasWhenNone ? indicator.whenNone : nil, match: .whenNone)
      }
      for index in indicator.bandStart..<indicator.bandEnd {
        let band = bands[index]
        guard let order = Self.compare(numerator, band.factor, band.limit, denominator) else {
          return nil
        }
        let holds: Bool
        switch band.condition {
        case .atLeast: holds = order >= 0
        case .atMost: holds = order <= 0
        case .equals: holds = order == 0
        }
        if holds {
          return PlannedTrace.Indicator(
            points: band.points, match: .band(index - indicator.bandStart))
        }
      }
      return PlannedTrace.Indicator(points: indicator.points, match: .otherwise)
    }
  }

  /// Traces the figures in `slots` (already checked by `isValid`) into `trace`: false when
  /// the plan cannot be certain (then `ScoringPlan.score` is not either).
  public func trace(_ slots: UnsafeBufferPointer<Int>, into trace: inout PlannedTrace) -> Bool {
    indicators.withUnsafeBufferPointer { indicators in
      bands.withUnsafeBufferPointer { bands in
        trace.indicators.withUnsafeMutableBufferPointer { outcomes in
          trace.criteria.withUnsafeMutableBufferPointer { results in
            for criterionIndex in criteria.indices {
              let criterion = criteria[criterionIndex]
              guard
                let result = Self.criterion(
                  criterion, indicators: indicators, bands: bands, gates: gates, slots: slots,
                  outcomes: outcomes)
              else { return false }
              results[criterionIndex] = result
            }
            return true
          }
        }
      }
    }
  }

  /// One criterion, its indicators' outcomes into `outcomes`, as
  /// `Evaluator.score(_:_:minimum:trace:)` scores it.
  @inline(__always)
  static func criterion(
    _ criterion: PlanCriterion, indicators: UnsafeBufferPointer<PlanIndicator>,
    bands: UnsafeBufferPointer<PlanBand>, gates: [PlanGate], slots: UnsafeBufferPointer<Int>,
    outcomes: UnsafeMutableBufferPointer<PlannedTrace.Indicator>
  ) -> PlannedTrace.Criterion? {
    var sum = 0
    var best = 0
    var worst = 0
    var verifiable = true
    var indicatorsAtBest = true
    var indicatorsAtWorst = true
    var anyMinimum = criterion.minimum != nil
    for index in criterion.indicators {
      let indicator = indicators[index]
      guard let outcome = Self.outcome(indicator, slots, bands) else { return nil }
      outcomes[index] = outcome
      if indicator.hasMinimum { anyMinimum = true }
      if let points = outcome.points {
        sum += points
        best += points
        worst += points
        if indicator.hasMinimum, points < indicator.minimum {
          indicatorsAtBest = false
          indicatorsAtWorst = false
        }
      } else {
        verifiable = false
        best += indicator.best
        worst += indicator.worst
        if indicator.hasMinimum {
          if indicator.best < indicator.minimum { indicatorsAtBest = false }
          if indicator.worst < indicator.minimum { indicatorsAtWorst = false }
        }
      }
    }
    var gateMissing = false
    for (position, index) in criterion.gates.enumerated() {
      guard let outcome = fires(gates[index], slots) else { return nil }
      guard let firing = outcome else {
        gateMissing = true
        continue
      }
      if firing {
        return PlannedTrace.Criterion(
          points: 0, firedGate: position, best: 0, worst: 0, minimumsAtBest: !anyMinimum,
          minimumsAtWorst: !anyMinimum)
      }
    }
    if gateMissing { worst = 0 }
    let minimum = criterion.minimum ?? 0
    return PlannedTrace.Criterion(
      points: verifiable && !gateMissing ? sum : nil, firedGate: nil, best: best, worst: worst,
      minimumsAtBest: indicatorsAtBest && best >= minimum,
      minimumsAtWorst: gateMissing ? !anyMinimum : indicatorsAtWorst && worst >= minimum)
  }
}
