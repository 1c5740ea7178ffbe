import CommuneScoring

/// `steps`: whole steps of `every` beyond `above`, each adding (or deducting) its points, capped
/// and floored, exactly as `StepsRule.steps` counts them.
///
/// With the value `part × scale / whole`, the steps are `⌊E / D⌋` for the whole numbers
/// `E = part × A − whole × B` and `D = whole × C` (0 when `E ≤ 0`). A spreadsheet has no integer
/// division, so `INT(E/D)` is only an estimate (LibreOffice's `INT` even rounds a quotient
/// within 15 digits of a whole number up); it is then corrected by one step either way with exact
/// cross-multiplied comparisons, `q·D > E` and `(q+1)·D ≤ E`, which hold for whole numbers below
/// 2^53 in every spreadsheet program.
extension StepsRule: SpreadsheetFormula {
  public func pointsFormula(_ context: FormulaContext) -> String {
    // (part·scale/whole − an/ad) / (en/ed) = (part·scale·ad·ed − an·ed·whole) / (whole·ad·en)
    var a = measure.scale * above.denominator * every.denominator
    var b = above.numerator * every.denominator
    var c = above.denominator * every.numerator
    let divisor = FormulaContext.gcd(FormulaContext.gcd(a, b), c)
    if divisor > 1 {
      a /= divisor
      b /= divisor
      c /= divisor
    }
    let part = measure.partCell(context)
    let whole = measure.wholeCell(context)
    let partTimes = a == 1 ? part : "\(part)*\(a)"
    let excess: String
    let quotient: String
    if whole == "1" {
      excess = b == 0 ? partTimes : "(\(partTimes)-\(b))"
      quotient = "\(c)"
    } else {
      excess = b == 0 ? partTimes : "(\(partTimes)-\(whole)*\(b))"
      quotient = c == 1 ? whole : "\(whole)*\(c)"
    }
    let estimate = "INT(\(excess)/(\(quotient)))"
    let steps =
      "MIN(\(usefulSteps),\(estimate)-IF(\(estimate)*\(quotient)>\(excess),1,0)+IF((\(estimate)+1)*\(quotient)<=\(excess),1,0))"
    let units =
      direction == .add
      ? "MIN(\(cap),\(basePoints)+\(steps)*\(pointsPerStep))"
      : "MAX(\(floor),\(basePoints)-\(steps)*\(pointsPerStep))"
    let body = "IF(\(excess)<=0,\(context.points(basePoints)),\(context.pointsOf(units)))"
    return measure.guarded(body, whenNone: whenNone, context)
  }
}

extension StepsRule {
  public func scoringNote(_ explainer: Explainer) -> String {
    let w = explainer.w
    let unit = measure.scale
    let above = explainer.limit(self.above, scale: unit)
    let every = explainer.limit(self.every, scale: unit)
    let text =
      direction == .add
      ? w.t(
        "đến \(above): \(w.number(basePoints)); trên đó cứ thêm \(every): +\(w.number(pointsPerStep)), tối đa \(w.number(cap)) (điểm)",
        "up to \(above): \(w.number(basePoints)); every further \(every): +\(w.number(pointsPerStep)), at most \(w.number(cap)) (points)"
      )
      : w.t(
        "đến \(above): \(w.number(basePoints)); trên đó cứ thêm \(every): −\(w.number(pointsPerStep)), không dưới \(w.number(floor)) (điểm)",
        "up to \(above): \(w.number(basePoints)); every further \(every): −\(w.number(pointsPerStep)), not below \(w.number(floor)) (points)"
      )
    return text + whenNone.note(explainer)
  }
}
