import CommuneScoring

/// `count_bands`: the count against top-down bands of whole numbers, as nested IFs.
extension CountBandsRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    let count = context.count(field)
    var body = context.points(table.otherwise)
    for band in table.bands.reversed() {
      body =
        "IF(\(context.rate(count, "1", scale: 1, band.condition, band.limit)),\(context.points(band.points)),\(body))"
    }
    return context.guarded([(field, .count)], body)
  }
}

extension CountBandsRule {
  public func scoringNote(_ explainer: Explainer) -> String { table.note(explainer) }
}
