import CommuneScoring

/// `flag`: the points when the cell says yes, 0 when it says no.
extension FlagRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    context.guarded([(field, .flag)], "IF(\(context.isYes(field)),\(context.points(points)),0)")
  }
}

extension FlagRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    let w = explainer.w
    return w.t("có: \(w.number(points)) điểm; không: 0", "yes: \(w.number(points)) points; no: 0")
  }
}
