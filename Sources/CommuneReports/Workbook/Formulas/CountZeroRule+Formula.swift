import CommuneScoring

/// `count_zero`: the points when the count is 0.
extension CountZeroRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    context.guarded([(field, .count)], "IF(\(context.count(field))=0,\(points),0)")
  }
}

extension CountZeroRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    explainer.w.t("= 0: \(points) điểm; > 0: 0", "= 0: \(points) points; > 0: 0")
  }
}
