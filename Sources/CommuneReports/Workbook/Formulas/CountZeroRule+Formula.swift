import CommuneScoring

/// `count_zero`: the points when the count is 0.
extension CountZeroRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    context.guarded([(field, .count)], "IF(\(context.count(field))=0,\(context.points(points)),0)")
  }
}

extension CountZeroRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    let w = explainer.w
    return w.t("= 0: \(w.number(points)) điểm; > 0: 0", "= 0: \(w.number(points)) points; > 0: 0")
  }
}
