import CommuneScoring

extension BandTable {
  /// The bands read top-down as nested IFs: the first band that holds gives its points,
  /// `otherwise` when none does; `whenNone` first when the denominator is 0.
  func formula(numerator: FieldRef, denominator: FieldRef, _ context: FormulaContext) -> String {
    let n = context.count(numerator)
    let d = context.count(denominator)
    var body = context.points(otherwise)
    for band in bands.reversed() {
      body =
        "IF(\(context.rate(n, d, scale: scale, band.condition, band.limit)),\(context.points(band.points)),\(body))"
    }
    let none: String
    switch whenNone {
    case .points(let points): none = context.points(points)
    case .notVerifiable, .undeclared: none = context.undefinedText
    }
    return context.guarded(
      [(numerator, .count), (denominator, .count)], "IF(\(d)=0,\(none),\(body))")
  }
}

extension BandTable {
  /// The bands top-down, then what is left and what a zero denominator gives.
  func note(_ explainer: Explainer) -> String {
    let w = explainer.w
    var parts = bands.map { "\(explainer.condition($0, scale: scale)): \(w.number($0.points))" }
    parts.append(w.t("còn lại: \(w.number(otherwise))", "otherwise: \(w.number(otherwise))"))
    switch whenNone {
    case .points(let points):
      parts.append(
        w.t("không có trường hợp nào: \(w.number(points))", "none at all: \(w.number(points))"))
    case .notVerifiable, .undeclared: break
    }
    return parts.joined(separator: "; ") + w.t(" (điểm)", " (points)")
  }
}
