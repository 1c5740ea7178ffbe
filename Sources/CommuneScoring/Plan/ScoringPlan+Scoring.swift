// Scoring one record with a compiled plan: the same steps, in the same order, as
// `EvidenceValidator.problems`, `Evaluator.score(_:_:minimum:trace:)` and `Evaluator.verdict`,
// over a buffer of integers (one slot per field, `Int.min` when missing). Only what the batch CSV
// shows is kept: the outlook's two verdicts (recognisable at best, whatever is missing) are not.

extension ScoringPlan {
  /// The marker of a missing figure in a slot (the same as `EvidenceValues`).
  public static let missing = Int.min

  /// Whether the figures pass every check of `EvidenceValidator` (no count below 0, no field
  /// below its minimum, no part above the nearest whole that is present).
  func isValid(_ slots: UnsafeBufferPointer<Int>) -> Bool {
    for index in 0..<slots.count {
      let value = slots[index]
      guard value != Self.missing else { continue }
      if isCount[index], value < 0 { return false }
      if value < minimums[index] { return false }
    }
    for index in 0..<slots.count {
      var whole = partOf[index]
      let part = slots[index]
      guard whole >= 0, part != Self.missing, part >= 0 else { continue }
      while true {
        let value = slots[whole]
        if value != Self.missing {
          if value >= 0, part > value { return false }
          break
        }
        whole = partOf[whole]
        if whole < 0 { break }
      }
    }
    return true
  }

  /// `part × factor` compared with `limit × whole`: -1, 0 or 1; nil when a product does not
  /// fit in 64 bits (the general path, in 128 bits, decides then).
  @inline(__always)
  static func compare(_ part: Int, _ factor: Int, _ limit: Int, _ whole: Int) -> Int? {
    let (left, o1) = part.multipliedReportingOverflow(by: factor)
    let (right, o2) = limit.multipliedReportingOverflow(by: whole)
    guard !o1, !o2 else { return nil }
    return left < right ? -1 : (left == right ? 0 : 1)
  }

  /// One indicator's points: `.some(nil)` when not verifiable, nil when the plan cannot say.
  @inline(__always)
  static func points(
    _ indicator: PlanIndicator, _ slots: UnsafeBufferPointer<Int>,
    _ bands: UnsafeBufferPointer<PlanBand>
  ) -> Int?? {
    let numerator = slots[indicator.part]
    if numerator == Self.missing { return .some(nil) }
    switch indicator.kind {
    case .flag:
      return numerator != 0 ? indicator.points : 0
    case .countZero:
      return numerator == 0 ? indicator.points : 0
    case .banded:
      let denominator = slots[indicator.whole]
      if denominator == Self.missing { return .some(nil) }
      if denominator == 0 { return .some(indicator.hasWhenNone ? indicator.whenNone : nil) }
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
        if holds { return band.points }
      }
      return indicator.points
    }
  }

  /// Whether a gate fires: `.some(nil)` when a figure is missing, nil when the plan cannot say.
  @inline(__always)
  static func fires(_ gate: PlanGate, _ slots: UnsafeBufferPointer<Int>) -> Bool?? {
    switch gate {
    case .flag(let slot, let yes):
      let value = slots[slot]
      if value == Self.missing { return .some(nil) }
      return (value != 0) == yes
    case .measure(let part, let whole, let factor, let limit, let comparison):
      let value = slots[part]
      if value == Self.missing { return .some(nil) }
      var total = 1
      if let whole {
        total = slots[whole]
        if total == Self.missing { return .some(nil) }
        if total == 0 { return false }
      }
      guard let order = Self.compare(value, factor, limit, total) else { return nil }
      return comparison.holds(order)
    }
  }

  /// Scores the figures in `slots` for a commune of the category at `category` (an index into
  /// the rulebook's categories) into `score`. False when the plan cannot be certain; `score`
  /// then holds nothing of use.
  func score(
    _ slots: UnsafeBufferPointer<Int>, category: Int, into score: inout PlannedScore
  ) -> Bool {
    let verdict = indicators.withUnsafeBufferPointer { indicators in
      bands.withUnsafeBufferPointer { bands in
        score.points.withUnsafeMutableBufferPointer { points in
          Self.criteria(
            criteria, indicators: indicators, bands: bands, gates: gates, slots: slots,
            into: points)
        }
      }
    }
    guard let verdict else { return false }
    let threshold = thresholds[category]
    score.total = verdict.total
    score.threshold = threshold
    if verdict.incomplete {
      score.status = .incomplete
      score.bestTotal = verdict.bestTotal
      score.worstTotal = verdict.worstTotal
    } else {
      let recognized =
        !(noCriterionAtZero && verdict.hasZero) && verdict.total >= threshold
        && verdict.allAtBest
      score.status = recognized ? .recognized : .notRecognized
      score.bestTotal = nil
      score.worstTotal = nil
    }
    return true
  }

  /// What `Evaluator.verdict` gathers from the criteria's scores.
  struct Gathered {
    var total = 0
    var incomplete = false
    var hasZero = false
    var bestTotal = 0
    var worstTotal = 0
    var allAtBest = true
  }

  /// Every criterion's points into `points` (`PlannedScore.notVerifiable` when not
  /// verifiable), as `Evaluator.score(_:_:minimum:trace:)` gives them; nil when the plan
  /// cannot be certain.
  @inline(__always)
  static func criteria(
    _ criteria: [PlanCriterion], indicators: UnsafeBufferPointer<PlanIndicator>,
    bands: UnsafeBufferPointer<PlanBand>, gates: [PlanGate], slots: UnsafeBufferPointer<Int>,
    into points: UnsafeMutableBufferPointer<Int>
  ) -> Gathered? {
    var gathered = Gathered()
    for criterionIndex in criteria.indices {
      let criterion = criteria[criterionIndex]
      var sum = 0
      var best = 0
      var worst = 0
      var verifiable = true
      var indicatorsAtBest = true
      var anyMinimum = criterion.minimum != nil
      for index in criterion.indicators {
        let indicator = indicators[index]
        guard let outcome = Self.points(indicator, slots, bands) else { return nil }
        if indicator.hasMinimum { anyMinimum = true }
        if let points = outcome {
          sum += points
          best += points
          worst += points
          if indicator.hasMinimum, points < indicator.minimum { indicatorsAtBest = false }
        } else {
          verifiable = false
          best += indicator.best
          worst += indicator.worst
          if indicator.hasMinimum, indicator.best < indicator.minimum { indicatorsAtBest = false }
        }
      }
      var gateMissing = false
      var fired = false
      for index in criterion.gates {
        guard let outcome = fires(gates[index], slots) else { return nil }
        guard let firing = outcome else {
          gateMissing = true
          continue
        }
        if firing {
          fired = true
          break
        }
      }
      // The criterion's score, as `Evaluator.score(_:_:minimum:trace:)` gives it.
      let criterionPoints: Int?
      let atBest: Bool
      if fired {
        criterionPoints = 0
        best = 0
        worst = 0
        atBest = !anyMinimum
      } else {
        if gateMissing { worst = 0 }
        atBest = indicatorsAtBest && best >= (criterion.minimum ?? 0)
        criterionPoints = verifiable && !gateMissing ? sum : nil
      }
      // The verdict's running figures, as `Evaluator.verdict` gathers them.
      if let criterionPoints {
        gathered.total += criterionPoints
        if criterionPoints == 0 { gathered.hasZero = true }
        points[criterionIndex] = criterionPoints
      } else {
        gathered.incomplete = true
        points[criterionIndex] = PlannedScore.notVerifiable
      }
      gathered.bestTotal += best
      gathered.worstTotal += worst
      if !atBest { gathered.allAtBest = false }
    }
    return gathered
  }

  /// Scores `values` for a commune of `category` (a category id of the rulebook): nil when the
  /// values fail a check or the plan cannot be certain. The one-call form tests use.
  public func score(_ values: EvidenceValues, categoryIndex: Int) -> PlannedScore? {
    guard values.storage.count == fieldCount, thresholds.indices.contains(categoryIndex) else {
      return nil
    }
    var result = PlannedScore(criteria: criteria.count)
    let scored = values.storage.withUnsafeBufferPointer { slots in
      isValid(slots) && score(slots, category: categoryIndex, into: &result)
    }
    return scored ? result : nil
  }
}
