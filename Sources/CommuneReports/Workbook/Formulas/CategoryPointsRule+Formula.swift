import CommuneScoring

/// `category_points`: the points listed for the category chosen on the input sheet, by the
/// words its list offers; `otherwise` for any other category, and (as the engine scores a
/// record without a known category) while none is chosen.
extension CategoryPointsRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    var body = context.points(otherwise)
    for (category, points) in listed.reversed() where points != otherwise {
      body = "IF(\(context.isCategory(category)),\(context.points(points)),\(body))"
    }
    return body
  }
}

extension CategoryPointsRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    let w = explainer.w
    var parts = listed.map { "\(explainer.categoryName($0.category)): \(w.number($0.points))" }
    parts.append(w.t("loại khác: \(w.number(otherwise))", "other: \(w.number(otherwise))"))
    return parts.joined(separator: "; ") + w.t(" (điểm)", " (points)")
  }
}
