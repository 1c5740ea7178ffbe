import CommuneScoring

/// A gate zeroes its criterion when its count is known and above 0, whatever else is missing.
extension Gate {
  /// TRUE when the gate zeroes its criterion. `N` reads an empty or text cell as 0, so a missing
  /// count never fires a gate.
  public func firedFormula(_ context: FormulaContext) -> String {
    guard condition.isCountAboveZero else { return condition.firedFormula(context) }
    return "N(\(FormulaContext.name(field.id)))>0"
  }

  /// TRUE when the gate's count is missing, which leaves its criterion not verifiable.
  public func missingFormula(_ context: FormulaContext) -> String {
    guard condition.isCountAboveZero else { return condition.missingFormula(context) }
    return context.isMissing(field, kind: .count)
  }
}

/// A criterion's points, best and worst, as the engine's `Evaluator.score` gives them.
extension Criterion {
  /// The criterion's points: 0 when a gate fired; not verifiable when a gate's count or any
  /// indicator is not verifiable; otherwise the sum of its indicators.
  /// `cells` are the references of the indicators' points, in order.
  public func pointsFormula(indicatorCells cells: [String], _ context: FormulaContext) -> String {
    let all =
      "IF(COUNT(\(cells.joined(separator: ",")))=\(cells.count),\(context.rounded("SUM(\(cells.joined(separator: ",")))")),\(context.missingText))"
    guard !gates.isEmpty else { return all }
    return
      "IF(\(anyGate(\.fired, context)),0,IF(\(anyGate(\.missing, context)),\(context.missingText),\(all)))"
  }

  /// The most points the criterion can still reach once missing figures arrive.
  public func bestFormula(indicatorCells cells: [String], _ context: FormulaContext) -> String {
    let sum = substituted(cells, context) { $0.rule.bestPoints }
    guard !gates.isEmpty else { return sum }
    return "IF(\(anyGate(\.fired, context)),0,\(sum))"
  }

  /// The fewest points the criterion can still get: 0 while a gate's count is missing.
  public func worstFormula(indicatorCells cells: [String], _ context: FormulaContext) -> String {
    let sum = substituted(cells, context) { $0.rule.worstPoints }
    guard !gates.isEmpty else { return sum }
    return "IF(\(anyGate(\.fired, context)),0,IF(\(anyGate(\.missing, context)),0,\(sum)))"
  }

  /// Each indicator's points, or `fallback` when it is not verifiable, added up.
  func substituted(
    _ cells: [String], _ context: FormulaContext, fallback: (Indicator) -> Int
  ) -> String {
    let terms = zip(cells, indicators).map { cell, indicator in
      "IF(ISNUMBER(\(cell)),\(cell),\(context.points(fallback(indicator))))"
    }
    return terms.count == 1
      ? terms[0] : context.rounded("SUM(" + terms.joined(separator: ",") + ")")
  }

  func anyGate(_ test: KeyPath<GateTests, String>, _ context: FormulaContext) -> String {
    let tests = gates.map { GateTests(gate: $0, context: context)[keyPath: test] }
    return tests.count == 1 ? tests[0] : "OR(" + tests.joined(separator: ",") + ")"
  }

  struct GateTests {
    let gate: Gate
    let context: FormulaContext
    var fired: String { gate.firedFormula(context) }
    var missing: String { gate.missingFormula(context) }
  }
}
