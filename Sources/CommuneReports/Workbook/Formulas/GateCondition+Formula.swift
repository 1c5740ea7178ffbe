import CommuneScoring

/// A gate's condition as formulas, as `GateCondition.fires` gives it: TRUE when the gate zeroes
/// its criterion, never when one of its figures is missing (that leaves the criterion not
/// verifiable instead), never for a rate whose whole is 0.
extension GateCondition {
  /// TRUE when the gate fires.
  public func firedFormula(_ context: FormulaContext) -> String {
    switch self {
    case .flag(let field, let yes):
      let name = FormulaContext.name(field.id)
      let words = yes ? FormulaContext.yesWords : FormulaContext.noWords
      return "OR(" + words.map { "\(name)=\(FormulaContext.literal($0))" }.joined(separator: ",")
        + ")"
    case .measure(let measure, let comparison, let limit):
      // `N` turns a text into 0, so the comparison never errs; ISNUMBER keeps a missing figure
      // from firing.
      let part = "N(\(FormulaContext.name(measure.part.id)))"
      guard let whole = measure.whole else {
        return "AND(ISNUMBER(\(FormulaContext.name(measure.part.id))),"
          + compared(part, "1", scale: 1, comparison, limit, context) + ")"
      }
      let wholeName = FormulaContext.name(whole.id)
      return "AND(ISNUMBER(\(FormulaContext.name(measure.part.id))),ISNUMBER(\(wholeName)),"
        + "N(\(wholeName))>0,"
        + compared(part, "N(\(wholeName))", scale: measure.scale, comparison, limit, context)
        + ")"
    }
  }

  /// TRUE when one of the gate's figures is missing.
  public func missingFormula(_ context: FormulaContext) -> String {
    let tests: [String]
    switch self {
    case .flag(let field, _): tests = [context.isMissing(field, kind: .flag)]
    case .measure(let measure, _, _):
      tests = measure.inputs.map { context.isMissing($0, kind: .count) }
    }
    return tests.count == 1 ? tests[0] : "OR(" + tests.joined(separator: ",") + ")"
  }

  /// `part × scale / whole` compared with `limit`, by cross-multiplying whole numbers.
  func compared(
    _ part: String, _ whole: String, scale: Int, _ comparison: Comparison, _ limit: Rational,
    _ context: FormulaContext
  ) -> String {
    switch comparison {
    case .atLeast: context.rate(part, whole, scale: scale, .atLeast, limit)
    case .atMost: context.rate(part, whole, scale: scale, .atMost, limit)
    case .above: "NOT(" + context.rate(part, whole, scale: scale, .atMost, limit) + ")"
    case .below: "NOT(" + context.rate(part, whole, scale: scale, .atLeast, limit) + ")"
    }
  }
}
