import CommuneScoring

/// `rate`: a percentage read against its bands, exactly.
extension RateRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    table.formula(numerator: numerator, denominator: denominator, context)
  }
}

extension RateRule {
  public func scoringNote(_ explainer: Explainer) -> String { table.note(explainer) }
}
