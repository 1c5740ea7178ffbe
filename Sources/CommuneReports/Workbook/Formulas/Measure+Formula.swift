import CommuneScoring

/// A measure (a rate, a rate per 100,000 or a count) in formulas, shared by `steps` and `ranges`.
extension Measure {
  /// The cells read, all counts: a missing one makes the rule not verifiable.
  var guardedInputs: [(FieldRef, FieldKind)] { inputs.map { ($0, .count) } }

  /// The part's cell.
  func partCell(_ context: FormulaContext) -> String { context.count(part) }

  /// The whole's cell, or `1` for a count.
  func wholeCell(_ context: FormulaContext) -> String { whole.map(context.count) ?? "1" }

  /// TRUE when the measure stands in `symbol` to `limit`, cross-multiplied (never divided).
  func compare(_ symbol: String, _ limit: Rational, _ context: FormulaContext) -> String {
    context.compare(partCell(context), wholeCell(context), scale: scale, symbol, limit)
  }

  /// `body` behind the guards: missing inputs first, then `whenNone` when the whole is 0.
  func guarded(_ body: String, whenNone: WhenNone, _ context: FormulaContext) -> String {
    guard let whole else { return context.guarded(guardedInputs, body) }
    let none: String
    switch whenNone {
    case .points(let points): none = context.points(points)
    case .notVerifiable, .undeclared: none = context.undefinedText
    }
    return context.guarded(guardedInputs, "IF(\(context.count(whole))=0,\(none),\(body))")
  }
}

extension WhenNone {
  /// What a zero whole gives, for the form's notes; empty when the whole cannot be 0.
  func note(_ explainer: Explainer) -> String {
    let w = explainer.w
    switch self {
    case .points(let points):
      return w.t(
        "; không có trường hợp nào: \(w.number(points))", "; none at all: \(w.number(points))")
    case .notVerifiable:
      return w.t("; không có đối tượng: chưa xác minh", "; none at all: not verifiable")
    case .undeclared: return ""
    }
  }
}
