/// Finds the smallest set of evidence changes that gets a commune recognised.
///
/// "Smallest" means the fewest children or actions in all: a count change costs the number of
/// children it moves (registering 2 more births costs 2), setting a flag costs 1. Only fields the
/// rulebook marks `adjustable` are changed, and never beyond their whole. Each criterion at 0 must
/// be lifted; then the total must reach the threshold. The search is exact: a multiple-choice
/// knapsack over the options of each criterion (small: a few indicators, a few bands each).
public enum PathFinder {
  struct Option {
    var steps: [PathStep]
    var gained: Int
    var cost: Int
  }

  /// The path for an evaluation that is not recognised.
  public static func path(for evaluation: Evaluation, category: String, rulebook: Rulebook)
    -> PathToRecognition
  {
    let adjustable = Set(rulebook.fields.filter(\.adjustable).map(\.id))
    var values = evaluation.values
    var evidenceNeeded = evaluation.missingFields
    // A rate with nothing to measure (no child under 5 weighed) needs its denominator collected.
    for (criterion, result) in zip(rulebook.criteria, evaluation.criteria) {
      for (indicator, outcome) in zip(criterion.indicators, result.indicators)
      where outcome.outcome.undefinedBecauseNone {
        for input in indicator.rule.inputs
        where values[input] == 0 && !evidenceNeeded.contains(input.id) {
          evidenceNeeded.append(input.id)
        }
      }
    }
    var blockers: [PathBlocker] = []
    var groups: [[Option]] = []
    // Points that missing evidence is assumed to bring (its best case).
    var assumed = 0
    for (criterion, result) in zip(rulebook.criteria, evaluation.criteria) {
      if let gate = result.firedGate {
        let declaration = criterion.gates.first { $0.id == gate.id }
        if declaration?.reversible != true || !adjustable.contains(gate.field) {
          blockers.append(
            .irreversibleGate(
              criterion: criterion.id, gate: gate.id, field: gate.field, value: gate.value ?? 0))
          continue
        }
      }
      if result.status == .notVerifiable {
        assumed += result.best
        groups.append([Option(steps: [], gained: 0, cost: 0)])
        continue
      }
      let options = criterionOptions(criterion, result, values, adjustable)
      let mustLift = rulebook.recognition.noCriterionAtZero && result.status == .zero
      let usable = mustLift ? options.filter { $0.gained > 0 } : options
      if usable.isEmpty {
        blockers.append(.criterionCannotBeLifted(criterion: criterion.id))
        continue
      }
      groups.append(usable)
    }
    let threshold = evaluation.threshold
    let start = evaluation.total + assumed
    if !blockers.isEmpty {
      return PathToRecognition(
        achievable: false, blockers: blockers, steps: [], evidenceNeeded: evidenceNeeded,
        totalAfter: start)
    }
    let needed = max(0, threshold - start)
    // dp[p] = cheapest choice reaching at least p extra points (capped at `needed`).
    var dp: [(cost: Int, steps: Int, choice: [Int])?] = Array(repeating: nil, count: needed + 1)
    dp[0] = (0, 0, [])
    for group in groups {
      var next: [(cost: Int, steps: Int, choice: [Int])?] = Array(repeating: nil, count: needed + 1)
      for points in 0...needed {
        guard let current = dp[points] else { continue }
        for (index, option) in group.enumerated() {
          let reached = min(needed, points + option.gained)
          let candidate = (
            cost: current.cost + option.cost, steps: current.steps + option.steps.count,
            choice: current.choice + [index]
          )
          if let existing = next[reached],
            (existing.cost, existing.steps) <= (candidate.cost, candidate.steps)
          {
            continue
          }
          next[reached] = candidate
        }
      }
      dp = next
    }
    guard let best = dp[needed] else {
      let reachable = groups.reduce(start) { sum, group in sum + (group.map(\.gained).max() ?? 0) }
      return PathToRecognition(
        achievable: false, blockers: [.thresholdOutOfReach(best: reachable, threshold: threshold)],
        steps: [],
        evidenceNeeded: evidenceNeeded, totalAfter: start)
    }
    var steps: [PathStep] = []
    for (group, index) in zip(groups, best.choice) { steps += group[index].steps }
    for step in steps { if let index = rulebook.fieldIndex[step.field] { values[index] = step.to } }
    let after = Evaluator.evaluate(values, category: category, rulebook: rulebook)
    return PathToRecognition(
      achievable: true, blockers: [], steps: steps, evidenceNeeded: evidenceNeeded,
      totalAfter: after.total + assumed)
  }

  /// Every combination of indicator improvements within one criterion (including none).
  static func criterionOptions(
    _ criterion: Criterion, _ result: CriterionResult, _ values: EvidenceValues,
    _ adjustable: Set<String>
  ) -> [Option] {
    var options = [Option(steps: [], gained: 0, cost: 0)]
    for indicator in criterion.indicators {
      let choices = indicator.rule.improvements(values, adjustable: adjustable)
      guard !choices.isEmpty else { continue }
      var extended = options
      for option in options {
        for choice in choices where !option.steps.contains(where: { $0.field == choice.field }) {
          let step = PathStep(
            indicator: indicator.id, field: choice.field, from: choice.from, to: choice.to,
            pointsGained: choice.points)
          extended.append(
            Option(
              steps: option.steps + [step], gained: option.gained + choice.points,
              cost: option.cost + abs(choice.to - choice.from)))
        }
      }
      options = extended
    }
    return options
  }
}
