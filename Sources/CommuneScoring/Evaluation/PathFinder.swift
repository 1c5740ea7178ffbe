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
    /// Children moved plus actions taken; 128 bits, so many counts near the limit add up exactly.
    var cost: Int128
  }

  /// One reachable state of the knapsack: points gained so far (capped at what is needed), its
  /// cheapest cost, and how it was reached (for reading the choice back).
  struct State {
    var points: Int
    var cost: Int128
    var steps: Int
    var parent: Int
    var option: Int
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
      if let gate = firmGate(criterion, result, values, adjustable) {
        blockers.append(
          .irreversibleGate(
            criterion: criterion.id, gate: gate.id, field: gate.field, value: gate.value ?? 0))
        continue
      }
      if result.status == .notVerifiable {
        assumed += result.best
        // With missing figures at their best, a minimum may still need a figure that is there.
        guard hasMinimums(criterion, rulebook: rulebook) else {
          groups.append([Option(steps: [], gained: 0, cost: 0)])
          continue
        }
        let options = checked(
          criterionOptions(criterion, result, values, adjustable, rulebook: rulebook), criterion,
          result, values, adjustable, rulebook: rulebook, bestCase: true)
        if options.isEmpty {
          blockers.append(
            unreachableMinimum(criterion, result, rulebook: rulebook)
              ?? .criterionCannotBeLifted(criterion: criterion.id))
          continue
        }
        groups.append(options)
        continue
      }
      var options = criterionOptions(criterion, result, values, adjustable, rulebook: rulebook)
      if needsExactCheck(criterion, result, adjustable, rulebook: rulebook) {
        options = checked(options, criterion, result, values, adjustable, rulebook: rulebook)
      }
      let mustLift = rulebook.recognition.noCriterionAtZero && result.status == .zero
      let usable = mustLift ? options.filter { $0.gained > 0 } : options
      if usable.isEmpty {
        blockers.append(
          (mustLift ? nil : unreachableMinimum(criterion, result, rulebook: rulebook))
            ?? .criterionCannotBeLifted(criterion: criterion.id))
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
    guard let best = cheapest(groups, needed: needed) else {
      var reachable = start
      for group in groups { reachable = reachable &+ (group.map(\.gained).max() ?? 0) }
      return PathToRecognition(
        achievable: false, blockers: [.thresholdOutOfReach(best: reachable, threshold: threshold)],
        steps: [],
        evidenceNeeded: evidenceNeeded, totalAfter: start)
    }
    var steps: [PathStep] = []
    for (group, index) in zip(groups, best) { steps += group[index].steps }
    for step in steps { if let index = rulebook.fieldIndex[step.field] { values[index] = step.to } }
    let after = Evaluator.evaluate(values, category: category, rulebook: rulebook)
    return PathToRecognition(
      achievable: true, blockers: [], steps: steps, evidenceNeeded: evidenceNeeded,
      totalAfter: after.total
        + after.criteria.filter { $0.status == .notVerifiable }.reduce(0) { $0 + $1.best })
  }

  /// The option chosen in each group by the cheapest way to gain at least `needed` points (fewest
  /// children and actions, then fewest steps), or nil when no choice gains enough.
  ///
  /// A sparse multiple-choice knapsack: only reachable point totals are kept, and a state is
  /// dropped when another gains at least as many points for strictly less, which can never lead
  /// to a cheaper path. Memory follows the number of distinct useful states, never the size of
  /// the threshold or of a count. States are visited in ascending points and options in order,
  /// and a state is replaced only by a strictly cheaper one, so ties resolve as a dense table would.
  static func cheapest(_ groups: [[Option]], needed: Int) -> [Int]? {
    var layer = [State(points: 0, cost: 0, steps: 0, parent: -1, option: -1)]
    var layers: [[State]] = []
    layers.reserveCapacity(groups.count)
    for group in groups {
      var cells: [Int: Int] = [:]
      var next: [State] = []
      for (stateIndex, state) in layer.enumerated() {
        for (optionIndex, option) in group.enumerated() {
          let reached = state.points + min(option.gained, needed - state.points)
          let candidate = State(
            points: reached, cost: state.cost + option.cost,
            steps: state.steps + option.steps.count, parent: stateIndex, option: optionIndex)
          if let at = cells[reached] {
            if (next[at].cost, next[at].steps) <= (candidate.cost, candidate.steps) { continue }
            next[at] = candidate
          } else {
            cells[reached] = next.count
            next.append(candidate)
          }
        }
      }
      next.sort { $0.points < $1.points }
      var kept: [State] = []
      var cheapestAbove: (cost: Int128, steps: Int)?
      for state in next.reversed() {
        if let bound = cheapestAbove, bound < (state.cost, state.steps) { continue }
        kept.append(state)
        if cheapestAbove.map({ (state.cost, state.steps) < $0 }) ?? true {
          cheapestAbove = (state.cost, state.steps)
        }
      }
      layers.append(layer)
      layer = kept.reversed()
    }
    guard var index = layer.lastIndex(where: { $0.points >= needed }) else { return nil }
    var choice = Array(repeating: 0, count: groups.count)
    var current = layer[index]
    for group in stride(from: groups.count - 1, through: 0, by: -1) {
      choice[group] = current.option
      index = current.parent
      current = layers[group][index]
    }
    return choice
  }

  /// Every combination of indicator improvements within one criterion (including none).
  static func criterionOptions(
    _ criterion: Criterion, _ result: CriterionResult, _ values: EvidenceValues,
    _ adjustable: Set<String>, rulebook: Rulebook
  ) -> [Option] {
    var options = [Option(steps: [], gained: 0, cost: 0)]
    let sharesGateFields = gateSharesFields(criterion, adjustable)
    let minimumsMet = indicatorMinimumsMet(criterion, result)
    for indicator in criterion.indicators {
      // A change never takes a part beyond its whole (a count band has no whole of its own).
      let choices = indicator.rule.improvements(values, adjustable: adjustable).filter { choice in
        ([choice] + choice.more).allSatisfy { change in
          guard let index = rulebook.fieldIndex[change.field],
            let whole = rulebook.fields[index].partOfIndex, let wholeValue = values[whole]
          else { return true }
          return change.to <= wholeValue
        }
      }
      guard !choices.isEmpty else { continue }
      var extended = options
      for option in options {
        for choice in choices {
          let changes = [choice] + choice.more
          guard
            !option.steps.contains(where: { step in changes.contains { $0.field == step.field } })
          else { continue }
          var steps = option.steps
          var cost = option.cost
          for change in changes {
            steps.append(
              PathStep(
                indicator: indicator.id, field: change.field, from: change.from, to: change.to,
                pointsGained: change.points))
            cost += abs(Int128(change.to) - Int128(change.from))
          }
          extended.append(Option(steps: steps, gained: option.gained + choice.points, cost: cost))
        }
      }
      options = sharesGateFields ? extended : pruned(extended, also: minimumsMet)
    }
    return options
  }

  /// `options` without those another option beats outright: as many points or more, for strictly
  /// fewer children and actions (then steps), changing the same fields — such an option can never
  /// be part of a cheapest path, and dropping it keeps the combinations of a criterion with many
  /// steps per indicator from multiplying. Order is kept, so ties resolve as before.
  ///
  /// `also` names what else two options must share to be compared: the indicators whose
  /// minimums they meet (more points in all can still leave one indicator short).
  static func pruned(_ options: [Option], also: (Option) -> [String] = { _ in [] }) -> [Option] {
    guard options.count > 64 else { return options }
    var byFields: [[String]: [Int]] = [:]
    for (index, option) in options.enumerated() {
      byFields[option.steps.map(\.field).sorted() + ["|"] + also(option), default: []].append(
        index)
    }
    var keep = Array(repeating: true, count: options.count)
    for indices in byFields.values {
      let ordered = indices.sorted { options[$0].gained > options[$1].gained }
      var position = 0
      var cheapest: (cost: Int128, steps: Int)?
      while position < ordered.count {
        // Options with equal points do not beat each other here: only strictly more or equal
        // points seen before, with a strictly lower cost, drop one.
        var end = position
        while end < ordered.count, options[ordered[end]].gained == options[ordered[position]].gained
        {
          end += 1
        }
        var groupBest = cheapest
        for index in ordered[position..<end] {
          let key = (options[index].cost, options[index].steps.count)
          if let bound = cheapest, bound < key { keep[index] = false }
          if groupBest.map({ key < $0 }) ?? true { groupBest = key }
        }
        cheapest = groupBest
        position = end
      }
    }
    return options.indices.filter { keep[$0] }.map { options[$0] }
  }
}
