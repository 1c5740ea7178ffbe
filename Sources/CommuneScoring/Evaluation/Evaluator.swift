/// The points of one criterion, without the trace that explains them.
public struct CriterionScore: Sendable, Equatable {
  /// The points, or nil when not verifiable.
  public var points: Int?
  /// The most points still possible once missing evidence arrives.
  public var best: Int
  /// The fewest points still possible.
  public var worst: Int
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
      criteria.append(score(rulebook.criteria[index], values, trace: nil))
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
      let score = score(criterion, values) { index, indicator, outcome in
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
  static func score(
    _ criterion: borrowing Criterion, _ values: borrowing EvidenceValues,
    trace: ((Int, Indicator, RuleOutcome) -> Void)?
  ) -> CriterionScore {
    var sum = 0
    var best = 0
    var worst = 0
    var verifiable = true
    let indicators = criterion.indicators
    for index in indicators.indices {
      let outcome = indicators[index].rule.evaluate(values)
      if let trace { trace(index, indicators[index], outcome) }
      if let points = outcome.points {
        sum += points
        best += points
        worst += points
      } else {
        verifiable = false
        best += indicators[index].rule.bestPoints
        worst += indicators[index].rule.worstPoints
      }
    }
    var gateMissing = false
    let gates = criterion.gates
    for index in gates.indices {
      guard let fired = gates[index].condition.fires(values) else {
        gateMissing = true
        continue
      }
      if fired { return CriterionScore(points: 0, best: 0, worst: 0) }
    }
    if gateMissing { return CriterionScore(points: nil, best: best, worst: 0) }
    return CriterionScore(points: verifiable ? sum : nil, best: best, worst: worst)
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
        canStillBeRecognized: !bestHasZero && bestTotal >= threshold,
        recognizedWhateverMissing: !worstHasZero && worstTotal >= threshold)
      return Score(
        criteria: criteria, total: total, threshold: threshold, status: .incomplete,
        outlook: outlook)
    }
    let recognized = !(rule.noCriterionAtZero && hasZero) && total >= threshold
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
}
