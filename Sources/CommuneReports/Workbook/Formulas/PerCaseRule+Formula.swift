import CommuneScoring

/// `per_case`: the start less the points of every case, never below the floor. Cases beyond
/// `casesToFloor` are cut first, so a huge count never multiplies into an inexact product.
extension PerCaseRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    let cases = context.count(field)
    let units = "MAX(\(floor),\(start)-MIN(\(cases),\(casesToFloor))*\(perCase))"
    return context.guarded([(field, .count)], context.pointsOf(units))
  }
}

extension PerCaseRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    let w = explainer.w
    return w.t(
      "\(w.number(start)) điểm, mỗi trường hợp trừ \(w.number(perCase)), không dưới \(w.number(floor))",
      "\(w.number(start)) points, \(w.number(perCase)) off for every case, not below \(w.number(floor))"
    )
  }
}
