import CommuneScoring

/// `flag`: the points when the cell says yes, 0 when it says no.
extension FlagRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    context.guarded([(field, .flag)], "IF(\(context.isYes(field)),\(points),0)")
  }
}

extension FlagRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    explainer.w.t("có: \(points) điểm; không: 0", "yes: \(points) points; no: 0")
  }
}
