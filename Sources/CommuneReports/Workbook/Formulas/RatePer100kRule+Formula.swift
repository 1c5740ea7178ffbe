import CommuneScoring

/// `rate_per_100000`: a rate per 100,000 read against its bands, exactly.
extension RatePer100kRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    table.formula(numerator: count, denominator: population, context)
  }
}

extension RatePer100kRule {
  public func scoringNote(_ explainer: Explainer) -> String { table.note(explainer) }
}
