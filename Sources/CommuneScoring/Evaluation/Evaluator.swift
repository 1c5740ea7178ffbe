/// The points of one criterion, without the trace that explains them.
public struct CriterionScore: Sendable, Equatable {
  /// The points, or nil when not verifiable.
  public var points: Int?
  /// The most points still possible once missing evidence arrives.
  public var best: Int
  /// The fewest points still possible.
  public var worst: Int
  /// Whether the criterion and its indicators can still reach the minimums recognition requires
  /// of them (with every missing figure at its best); true when there are none.
  public var minimumsAtBest: Bool = true
  /// Whether they reach them whatever the missing figures turn out to be.
  public var minimumsAtWorst: Bool = true
}

/// A verdict without explanations: what a batch needs for its CSV.
public struct Score: Sendable, Equatable {
  public var criteria: [CriterionScore]
  public var total: Int
  public var threshold: Int
  public var status: AssessmentStatus
  /// Set when `status` is incomplete.
  public var outlook: Outlook?
}

/// Stage 3: scores figures against a rulebook. Pure and deterministic.
///
/// `score` gives points and the verdict only; `evaluate` also keeps the trace of every indicator
/// and gate for explanations. Both run the same criterion and verdict code.
public enum Evaluator {
  /// Points and verdict only (the fast path for batches).
  public static func score(_ values: EvidenceValues, category: String, rulebook: Rulebook) -> Score
  {
    var values = values
    values.categoryIndex = rulebook.categoryIndex(category)
    var criteria: [CriterionScore] = []
    criteria.reserveCapacity(rulebook.criteria.count)
    for index in rulebook.criteria.indices {
      criteria.append(
        score(
          rulebook.criteria[index], values,
          minimum: rulebook.minimumPoints(of: rulebook.criteria[index]), trace: nil))
    }
    return verdict(criteria, threshold: threshold(category, rulebook), rulebook: rulebook)
  }

  /// Scores `values` for a commune of `category` (a category id declared by the rulebook), with
  /// the full trace and the reasons.
  public static func evaluate(_ values: EvidenceValues, category: String, rulebook: Rulebook)
    -> Evaluation
  {
    var values = values
    values.categoryIndex = rulebook.categoryIndex(category)
    var results: [CriterionResult] = []
    var scores: [CriterionScore] = []
    results.reserveCapacity(rulebook.criteria.count)
    for criterion in rulebook.criteria {
      var indicators: [IndicatorResult] = []
      let score = score(criterion, values, minimum: rulebook.minimumPoints(of: criterion)) {
        index, indicator, outcome in
        indicators.append(
          IndicatorResult(
            id: indicator.id, index: index, points: outcome.points, maxPoints: indicator.maxPoints,
            status: ScoreStatus(points: outcome.points), outcome: outcome,
            inputs: indicator.rule.inputs.map { FieldValue(field: $0.id, value: values[$0]) },
            provenance: indicator.provenance.status,
            categoryID: indicator.rule is CategoryPointsRule ? category : nil))
      }
      let gates = criterion.gates.map { gate in
        GateResult(
          id: gate.id, field: gate.field.id, value: values[gate.field],
          fired: gate.condition.fires(values),
          inputs: gate.condition.inputs.map { FieldValue(field: $0.id, value: values[$0]) })
      }
      scores.append(score)
      results.append(
        CriterionResult(
          id: criterion.id, points: score.points, maxPoints: criterion.maxPoints,
          status: ScoreStatus(points: score.points),
          gates: gates, indicators: indicators, best: score.best, worst: score.worst))
    }
    let decided = verdict(scores, threshold: threshold(category, rulebook), rulebook: rulebook)
    return Evaluation(
      criteria: results, total: decided.total, maxTotal: rulebook.maxTotal,
      threshold: decided.threshold,
      status: decided.status, reasons: reasons(results, decided, rulebook),
      outlook: decided.outlook, values: values)
  }

  static func threshold(_ category: String, _ rulebook: Rulebook) -> Int {
    rulebook.category(category)?.threshold ?? rulebook.maxTotal
  }

  /// One criterion: a fired gate zeroes it whatever else is missing; a missing gate input or a
  /// not-verifiable indicator leaves it not verifiable.
  ///
  /// `minimum` is the points recognition requires of the criterion; with its indicators'
  /// `minimumPoints` it decides `minimumsAtBest` and `minimumsAtWorst`. A gate that fires puts
  /// every indicator at 0 for those minimums too.
  static func score(
    _ criterion: borrowing Criterion, _ values: borrowing EvidenceValues, minimum: Int? = nil,
    trace: ((Int, Indicator, RuleOutcome) -> Void)?
  ) -> CriterionScore {
    var sum = 0
    var best = 0
    var worst = 0
    var verifiable = true
    var indicatorsAtBest = true
    var indicatorsAtWorst = true
    var anyMinimum = minimum != nil
    let indicators = criterion.indicators
    for index in indicators.indices {
      let outcome = indicators[index].rule.evaluate(values)
      if let trace { trace(index, indicators[index], outcome) }
      let required = indicators[index].minimumPoints
      if required != nil { anyMinimum = true }
      if let points = outcome.points {
        sum += points
        best += points
        worst += points
        if let required, points < required {
          indicatorsAtBest = false
          indicatorsAtWorst = false
        }
      } else {
        verifiable = false
        best += indicators[index].rule.bestPoints
        worst += indicators[index].rule.worstPoints
        if let required {
          if indicators[index].rule.bestPoints < required { indicatorsAtBest = false }
          if indicators[index].rule.worstPoints < required { indicatorsAtWorst = false }
        }
      }
    }
    var gateMissing = false
    let gates = criterion.gates
    for index in gates.indices {
      guard let fired = gates[index].condition.fires(values) else {
        gateMissing = true
        continue
      }
      if fired {
        return CriterionScore(
          points: 0, best: 0, worst: 0, minimumsAtBest: !anyMinimum, minimumsAtWorst: !anyMinimum)
      }
    }
    if gateMissing { worst = 0 }
    let atBest = indicatorsAtBest && best >= (minimum ?? 0)
    // A missing gate figure may still fire and zero everything: only no minimum survives that.
    let atWorst =
      gateMissing ? !anyMinimum : indicatorsAtWorst && worst >= (minimum ?? 0)
    return CriterionScore(
      points: verifiable && !gateMissing ? sum : nil, best: best, worst: worst,
      minimumsAtBest: atBest, minimumsAtWorst: atWorst)
  }

  /// The recognition rule applied to criterion scores.
  static func verdict(_ criteria: [CriterionScore], threshold: Int, rulebook: Rulebook) -> Score {
    let rule = rulebook.recognition
    var total = 0
    var incomplete = false
    var hasZero = false
    for criterion in criteria {
      if let points = criterion.points {
        total += points
        if points == 0 { hasZero = true }
      } else {
        incomplete = true
      }
    }
    if incomplete {
      let bestTotal = criteria.reduce(0) { $0 + $1.best }
      let worstTotal = criteria.reduce(0) { $0 + $1.worst }
      let bestHasZero = rule.noCriterionAtZero && criteria.contains { $0.best == 0 }
      let worstHasZero = rule.noCriterionAtZero && criteria.contains { $0.worst == 0 }
      let outlook = Outlook(
        bestTotal: bestTotal, worstTotal: worstTotal,
        canStillBeRecognized: !bestHasZero && bestTotal >= threshold
          && criteria.allSatisfy(\.minimumsAtBest),
        recognizedWhateverMissing: !worstHasZero && worstTotal >= threshold
          && criteria.allSatisfy(\.minimumsAtWorst))
      return Score(
        criteria: criteria, total: total, threshold: threshold, status: .incomplete,
        outlook: outlook)
    }
    let recognized =
      !(rule.noCriterionAtZero && hasZero) && total >= threshold
      && criteria.allSatisfy(\.minimumsAtBest)
    return Score(
      criteria: criteria, total: total, threshold: threshold,
      status: recognized ? .recognized : .notRecognized, outlook: nil)
  }

  static func reasons(_ criteria: [CriterionResult], _ score: Score, _ rulebook: Rulebook)
    -> [Reason]
  {
    var reasons: [Reason] = []
    for criterion in criteria {
      switch criterion.status {
      case .zero where rulebook.recognition.noCriterionAtZero:
        reasons.append(.criterionZero(criterion: criterion.id, gate: criterion.firedGate))
      case .notVerifiable:
        let undefined = criterion.indicators.filter { $0.outcome.undefinedBecauseNone }.map(\.id)
        reasons.append(
          .notVerifiable(
            criterion: criterion.id, missing: criterion.missingFields, undefined: undefined))
      default: break
      }
      reasons += minimumReasons(criterion, rulebook)
    }
    if let outlook = score.outlook {
      if outlook.bestTotal < score.threshold {
        reasons.append(.bestBelowThreshold(best: outlook.bestTotal, threshold: score.threshold))
      }
    } else if score.total < score.threshold {
      reasons.append(.belowThreshold(total: score.total, threshold: score.threshold))
    }
    return reasons
  }

  /// The minimums a criterion and its indicators fall short of (even at their best). A zero
  /// criterion already named for being at 0 is not named again for its minimum, nor are the
  /// indicators of a criterion its gate zeroed.
  static func minimumReasons(_ result: CriterionResult, _ rulebook: Rulebook) -> [Reason] {
    guard let criterion = rulebook.criteria.first(where: { $0.id == result.id }) else { return [] }
    let named = result.status == .zero && rulebook.recognition.noCriterionAtZero
    var reasons: [Reason] = []
    if let minimum = rulebook.minimumPoints(of: criterion), !named, result.best < minimum {
      reasons.append(
        .criterionBelowMinimum(
          criterion: result.id, points: result.points, best: result.best, minimum: minimum))
    }
    guard !(named && result.firedGate != nil) else { return reasons }
    for (indicator, outcome) in zip(criterion.indicators, result.indicators) {
      guard let minimum = indicator.minimumPoints else { continue }
      let points = result.firedGate != nil ? 0 : outcome.points
      let best = points ?? indicator.rule.bestPoints
      if best < minimum {
        reasons.append(
          .indicatorBelowMinimum(
            criterion: result.id, indicator: indicator.id, points: points, best: best,
            minimum: minimum))
      }
    }
    return reasons
  }
}
