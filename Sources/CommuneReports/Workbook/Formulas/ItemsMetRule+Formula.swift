import CommuneScoring

/// `items_met`: the items marked yes, each worth `pointsEach`, at most `cap`; not verifiable
/// while any item is neither yes nor no.
extension ItemsMetRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    let met = "(" + items.map { "IF(\(context.isYes($0)),1,0)" }.joined(separator: "+") + ")"
    // `points(met:)`: the cap once enough items are met, else each item's points.
    let enough = pointsEach > 0 ? (cap + pointsEach - 1) / pointsEach : 0
    let units = "IF(\(met)>=\(enough),\(cap),\(met)*\(pointsEach))"
    return context.guarded(items.map { ($0, .flag) }, context.pointsOf(units))
  }
}

extension ItemsMetRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    let w = explainer.w
    return w.t(
      "mỗi nội dung đạt: \(w.number(pointsEach)) điểm, tối đa \(w.number(cap))",
      "each item met: \(w.number(pointsEach)) points, at most \(w.number(cap))")
  }
}
