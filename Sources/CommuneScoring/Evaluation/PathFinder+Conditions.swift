/// Gates and recognition minimums in the path to recognition.
///
/// A criterion whose gates read a figure the commune can change, or that recognition requires
/// a minimum of, has each of its options checked against the rules themselves: the option's
/// changes are applied, every gate that fires is lifted by the smallest change to its figure
/// (when it can be undone), and the criterion is scored again, so the points an option gains
/// are exactly what the evaluator gives. An option that leaves a gate firing, or a minimum
/// unmet, is dropped.
extension PathFinder {
  /// The first gate that zeroes the criterion and cannot be lifted within the period: it is
  /// not `reversible`, its figure is not `adjustable`, or no value of the figure lifts it.
  static func firmGate(
    _ criterion: Criterion, _ result: CriterionResult, _ values: EvidenceValues,
    _ adjustable: Set<String>
  ) -> GateResult? {
    for (gate, outcome) in zip(criterion.gates, result.gates) where outcome.fired == true {
      guard gate.reversible, adjustable.contains(gate.field.id), gate.condition.lift(values) != nil
      else { return outcome }
    }
    return nil
  }

  /// Whether the criterion's options must be scored again by the evaluator: a gate fired, a
  /// gate reads a figure that can change, or recognition requires a minimum of it.
  static func needsExactCheck(
    _ criterion: Criterion, _ result: CriterionResult, _ adjustable: Set<String>,
    rulebook: Rulebook
  ) -> Bool {
    if result.firedGate != nil { return true }
    if hasMinimums(criterion, rulebook: rulebook) { return true }
    return criterion.gates.contains { gate in
      gate.condition.inputs.contains { adjustable.contains($0.id) }
    }
  }

  /// Whether recognition requires minimum points of the criterion or one of its indicators.
  static func hasMinimums(_ criterion: Criterion, rulebook: Rulebook) -> Bool {
    rulebook.minimumPoints(of: criterion) != nil
      || criterion.indicators.contains { $0.minimumPoints != nil }
  }

  /// Whether a figure an indicator may change is also read by a gate of the criterion: then
  /// two options changing the same figures may lift the gate at different costs, and neither
  /// may be dropped for the other before both are checked.
  static func gateSharesFields(_ criterion: Criterion, _ adjustable: Set<String>) -> Bool {
    let gateFields = Set(
      criterion.gates.flatMap { $0.condition.inputs.map(\.id) }.filter(adjustable.contains))
    guard !gateFields.isEmpty else { return false }
    return criterion.indicators.contains { indicator in
      indicator.rule.inputs.contains { gateFields.contains($0.id) }
    }
  }

  /// `options` as the evaluator scores them, with the gate lifts each needs; options that
  /// cannot be made to work are dropped. `bestCase`: the criterion is not verifiable, and its
  /// points are those with every missing figure at its best.
  static func checked(
    _ options: [Option], _ criterion: Criterion, _ result: CriterionResult,
    _ values: EvidenceValues, _ adjustable: Set<String>, rulebook: Rulebook,
    bestCase: Bool = false
  ) -> [Option] {
    // A criterion not verifiable yet is counted at its best (missing figures at their best).
    let current = bestCase ? result.best : result.points ?? 0
    var kept: [Option] = []
    for option in options {
      var changed = values
      for step in option.steps {
        if let index = rulebook.fieldIndex[step.field] { changed[index] = step.to }
      }
      var steps = option.steps
      var lifted = true
      // Each lift can only lower the number of firing gates a lift cannot undo, so one pass per
      // gate is enough; a gate that still fires after them drops the option.
      for _ in 0...criterion.gates.count {
        guard let gate = criterion.gates.first(where: { $0.condition.fires(changed) == true })
        else { break }
        guard gate.reversible, adjustable.contains(gate.field.id),
          let lift = gate.condition.lift(changed),
          let index = rulebook.fieldIndex[lift.field]
        else {
          lifted = false
          break
        }
        if let whole = rulebook.fields[index].partOfIndex, let wholeValue = changed[whole],
          lift.to > wholeValue
        {
          lifted = false
          break
        }
        changed[index] = lift.to
        if let position = steps.firstIndex(where: { $0.field == lift.field }) {
          steps[position].to = lift.to
        } else {
          // Gates come before indicators in the rulebook, so their steps do too.
          steps.insert(
            PathStep(
              indicator: gate.id, field: lift.field, from: values[index] ?? 0, to: lift.to,
              pointsGained: 0),
            at: steps.prefix { step in
              criterion.gates.contains { $0.id == step.indicator }
            }.count)
        }
      }
      guard lifted, !criterion.gates.contains(where: { $0.condition.fires(changed) == true })
      else { continue }
      let score = Evaluator.score(
        criterion, changed, minimum: rulebook.minimumPoints(of: criterion), trace: nil)
      guard let points = bestCase ? score.best : score.points, score.minimumsAtBest else {
        continue
      }
      let gained = points - current
      // What lifting a gate unlocks (or figures read twice add) goes to the gate's own step,
      // else to the step the lift changed, so the steps' gains add up to what the option gains.
      let difference = gained - steps.reduce(0) { $0 + $1.pointsGained }
      if difference != 0, !steps.isEmpty {
        let position =
          steps.firstIndex { step in criterion.gates.contains { $0.id == step.indicator } }
          ?? steps.firstIndex { step in
            criterion.gates.contains { $0.condition.field.id == step.field }
          } ?? 0
        steps[position].pointsGained += difference
      }
      var cost: Int128 = 0
      for step in steps { cost += abs(Int128(step.to) - Int128(step.from)) }
      kept.append(Option(steps: steps, gained: gained, cost: cost))
    }
    return kept
  }

  /// For the pruning of options: the indicators with a minimum that an option's gains meet.
  static func indicatorMinimumsMet(_ criterion: Criterion, _ result: CriterionResult)
    -> (Option) -> [String]
  {
    let required = criterion.indicators.compactMap { indicator in
      indicator.minimumPoints.map { (indicator.id, $0) }
    }
    guard !required.isEmpty else { return { _ in [] } }
    var current: [String: Int] = [:]
    for indicator in result.indicators { current[indicator.id] = indicator.points ?? 0 }
    return { option in
      required.filter { id, minimum in
        let gained = option.steps.filter { $0.indicator == id }.reduce(0) { $0 + $1.pointsGained }
        return (current[id] ?? 0) + gained >= minimum
      }.map(\.0)
    }
  }

  /// The minimum a criterion cannot reach (even with its missing figures at their best, or by
  /// any change within the period): its indicators' first, then its own.
  static func unreachableMinimum(
    _ criterion: Criterion, _ result: CriterionResult, rulebook: Rulebook
  ) -> PathBlocker? {
    for (indicator, outcome) in zip(criterion.indicators, result.indicators) {
      guard let minimum = indicator.minimumPoints else { continue }
      let points = result.firedGate != nil ? 0 : outcome.points ?? indicator.rule.bestPoints
      if points < minimum {
        return .minimumOutOfReach(
          criterion: criterion.id, indicator: indicator.id, minimum: minimum)
      }
    }
    if let minimum = rulebook.minimumPoints(of: criterion), result.best < minimum {
      return .minimumOutOfReach(criterion: criterion.id, indicator: nil, minimum: minimum)
    }
    return nil
  }
}
