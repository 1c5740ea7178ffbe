/// Stage 3: scores figures against a rulebook. Pure and deterministic.
public enum Evaluator {
  /// Scores `values` for a commune of `category` (a category id declared by the rulebook).
  public static func evaluate(_ values: EvidenceValues, category: String, rulebook: Rulebook)
    -> Evaluation
  {
    let threshold = rulebook.category(category)?.threshold ?? rulebook.maxTotal
    var criteria: [CriterionResult] = []
    criteria.reserveCapacity(rulebook.criteria.count)
    for criterion in rulebook.criteria {
      criteria.append(evaluate(criterion, values))
    }
    return decide(criteria, threshold: threshold, rulebook: rulebook, values: values)
  }

  static func evaluate(_ criterion: Criterion, _ values: EvidenceValues) -> CriterionResult {
    var gates: [GateResult] = []
    for gate in criterion.gates {
      let value = values[gate.field]
      gates.append(
        GateResult(id: gate.id, field: gate.field.id, value: value, fired: value.map { $0 > 0 }))
    }
    var indicators: [IndicatorResult] = []
    var sum = 0
    var best = 0
    var worst = 0
    var verifiable = true
    for (index, indicator) in criterion.indicators.enumerated() {
      let outcome = indicator.rule.evaluate(values)
      if let points = outcome.points {
        sum += points
        best += points
        worst += points
      } else {
        verifiable = false
        best += indicator.rule.bestPoints
        worst += indicator.rule.worstPoints
      }
      indicators.append(
        IndicatorResult(
          id: indicator.id, index: index, points: outcome.points, maxPoints: indicator.maxPoints,
          status: ScoreStatus(points: outcome.points), outcome: outcome,
          inputs: indicator.rule.inputs.map { FieldValue(field: $0.id, value: values[$0]) },
          provenance: indicator.provenance.status))
    }
    let points: Int?
    if gates.contains(where: { $0.fired == true }) {
      // A fired gate decides the criterion whatever else is missing.
      points = 0
      best = 0
      worst = 0
    } else if gates.contains(where: { $0.fired == nil }) {
      points = nil
      worst = 0
    } else {
      points = verifiable ? sum : nil
    }
    return CriterionResult(
      id: criterion.id, points: points, maxPoints: criterion.maxPoints,
      status: ScoreStatus(points: points),
      gates: gates, indicators: indicators, best: best, worst: worst)
  }

  static func decide(
    _ criteria: [CriterionResult], threshold: Int, rulebook: Rulebook, values: EvidenceValues
  ) -> Evaluation {
    let rule = rulebook.recognition
    let total = criteria.reduce(0) { $0 + ($1.points ?? 0) }
    let incomplete = criteria.contains { $0.status == .notVerifiable }
    var reasons: [Reason] = []
    for criterion in criteria {
      switch criterion.status {
      case .zero where rule.noCriterionAtZero:
        reasons.append(.criterionZero(criterion: criterion.id, gate: criterion.firedGate))
      case .notVerifiable:
        let undefined = criterion.indicators.filter { $0.outcome.undefinedBecauseNone }.map(\.id)
        reasons.append(
          .notVerifiable(
            criterion: criterion.id, missing: criterion.missingFields, undefined: undefined))
      default: break
      }
    }
    var outlook: Outlook?
    let status: AssessmentStatus
    if incomplete {
      let bestTotal = criteria.reduce(0) { $0 + $1.best }
      let worstTotal = criteria.reduce(0) { $0 + $1.worst }
      let bestHasZero = rule.noCriterionAtZero && criteria.contains { $0.best == 0 }
      let worstHasZero = rule.noCriterionAtZero && criteria.contains { $0.worst == 0 }
      outlook = Outlook(
        bestTotal: bestTotal, worstTotal: worstTotal,
        canStillBeRecognized: !bestHasZero && bestTotal >= threshold,
        recognizedWhateverMissing: !worstHasZero && worstTotal >= threshold)
      if bestTotal < threshold {
        reasons.append(.bestBelowThreshold(best: bestTotal, threshold: threshold))
      }
      status = .incomplete
    } else {
      if total < threshold { reasons.append(.belowThreshold(total: total, threshold: threshold)) }
      status = reasons.isEmpty ? .recognized : .notRecognized
    }
    return Evaluation(
      criteria: criteria, total: total, maxTotal: rulebook.maxTotal, threshold: threshold,
      status: status,
      reasons: reasons, outlook: outlook, values: values)
  }
}
