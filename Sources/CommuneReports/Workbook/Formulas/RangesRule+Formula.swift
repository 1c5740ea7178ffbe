import CommuneScoring

/// `ranges`: the first range holding the value gives its points (ranges never overlap, so the
/// first is the only one), `otherwise` outside them, `whenNone` when the whole is 0. Bounds are
/// compared by cross-multiplying.
extension RangesRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    var body = context.points(otherwise)
    for range in ranges.reversed() {
      var tests: [String] = []
      if let lower = range.lower {
        tests.append(measure.compare(range.lowerInclusive ? ">=" : ">", lower, context))
      }
      if let upper = range.upper {
        tests.append(measure.compare(range.upperInclusive ? "<=" : "<", upper, context))
      }
      let test = tests.count == 1 ? tests[0] : "AND(" + tests.joined(separator: ",") + ")"
      body = "IF(\(test),\(context.points(range.points)),\(body))"
    }
    return measure.guarded(body, whenNone: whenNone, context)
  }
}

extension RangesRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    let w = explainer.w
    var parts = ranges.map {
      explainer.range($0, scale: measure.scale) + ": " + w.number($0.points)
    }
    parts.append(w.t("còn lại: \(w.number(otherwise))", "otherwise: \(w.number(otherwise))"))
    return parts.joined(separator: "; ") + w.t(" (điểm)", " (points)") + whenNone.note(explainer)
  }
}
