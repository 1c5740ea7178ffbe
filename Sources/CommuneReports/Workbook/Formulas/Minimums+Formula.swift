import CommuneScoring

/// Recognition minimums ("tất cả các tiêu chí đạt ≥ 85 điểm", "các chỉ tiêu … đạt điểm tối
/// thiểu") as formulas, as the engine's `Evaluator` applies them.
///
/// The scoring sheet gives each criterion or indicator with a minimum a hidden cell holding the
/// engine's sentence when it falls short of it even at its best (empty when it does not), and each
/// criterion with any minimum a hidden cell holding 1 when its minimums are met whatever the
/// missing figures turn out to be. The verdict reads those cells (`VerdictCells`).
extension Criterion {
  /// The engine's sentence when this criterion falls short of `minimum` even at its best, else
  /// empty. `points` and `best` are the references of its points and of the most it can still
  /// reach (0 once a gate fired). A criterion at 0 that the rule "no criterion at 0" already
  /// names is not named again, as the engine does.
  func minimumReasonFormula(
    minimum: Int, points: String, best: String, explainer: Explainer, noCriterionAtZero: Bool,
    _ context: FormulaContext
  ) -> String {
    let scored = context.sentence(points, maxUnits: maxPoints) { shown in
      explainer.minimumSentence(
        criterion: id, indicator: nil, verified: true, shown: shown, minimum: minimum)
    }
    let reachable = context.sentence(best, maxUnits: maxPoints) { shown in
      explainer.minimumSentence(
        criterion: id, indicator: nil, verified: false, shown: shown, minimum: minimum)
    }
    let verified = noCriterionAtZero ? "IF(\(points)=0,\"\",\(scored))" : scored
    return
      "IF(\(best)>=\(context.points(minimum)),\"\",IF(ISNUMBER(\(points)),\(verified),\(reachable)))"
  }

  /// The engine's sentence when `indicator` (whose points are in `cell`) falls short of its
  /// `minimumPoints` even at its best, else empty. A gate that fired counts the indicator at 0;
  /// when the rule "no criterion at 0" already names the criterion, its indicators are not named.
  func indicatorMinimumReasonFormula(
    _ indicator: Indicator, cell: String, explainer: Explainer, noCriterionAtZero: Bool,
    _ context: FormulaContext
  ) -> String {
    guard let minimum = indicator.minimumPoints else { return "\"\"" }
    func constant(_ points: Int, verified: Bool) -> String {
      guard points < minimum else { return "\"\"" }
      return FormulaContext.literal(
        explainer.minimumSentence(
          criterion: id, indicator: indicator.id, verified: verified,
          shown: explainer.w.points(points), minimum: minimum))
    }
    let scored = context.sentence(cell, maxUnits: indicator.maxPoints) { shown in
      explainer.minimumSentence(
        criterion: id, indicator: indicator.id, verified: true, shown: shown, minimum: minimum)
    }
    let own =
      "IF(ISNUMBER(\(cell)),IF(\(cell)>=\(context.points(minimum)),\"\",\(scored)),"
      + "\(constant(indicator.rule.bestPoints, verified: false)))"
    guard !gates.isEmpty else { return own }
    let zeroed = noCriterionAtZero ? "\"\"" : constant(0, verified: true)
    return "IF(\(anyGate(\.fired, context)),\(zeroed),\(own))"
  }

  /// 1 when the criterion's minimum (`minimum`, nil for none) and its indicators' are met
  /// whatever the missing figures turn out to be, else 0: a gate that fired, or whose figure is
  /// missing (it may still fire), fails them. `worst` is the reference of the fewest points the
  /// criterion can still get; `indicatorCells` those of its indicators' points, in order.
  func minimumsAtWorstFormula(
    minimum: Int?, worst: String, indicatorCells: [String], _ context: FormulaContext
  ) -> String {
    var tests: [String] = []
    if let minimum { tests.append("\(worst)>=\(context.points(minimum))") }
    for (indicator, cell) in zip(indicators, indicatorCells) {
      guard let required = indicator.minimumPoints else { continue }
      let missing = indicator.rule.worstPoints >= required ? "TRUE" : "FALSE"
      tests.append("IF(ISNUMBER(\(cell)),\(cell)>=\(context.points(required)),\(missing))")
    }
    let met = "IF(AND(\(tests.joined(separator: ","))),1,0)"
    guard !gates.isEmpty else { return met }
    return "IF(OR(\(anyGate(\.fired, context)),\(anyGate(\.missing, context))),0,\(met))"
  }

  /// Whether recognition requires minimum points of this criterion or of one of its indicators.
  func hasMinimums(in rulebook: Rulebook) -> Bool {
    rulebook.minimumPoints(of: self) != nil || indicators.contains { $0.minimumPoints != nil }
  }
}

extension FormulaContext {
  /// `words` with a formula in place of the points it shows: `words` is called with a marker
  /// where the points go, and the points of the cell `value` (at most `maxUnits` units) are
  /// written there as the engine writes them ("62,5 điểm", "1 point").
  func sentence(_ value: String, maxUnits: Int, _ words: (String) -> String) -> String {
    let marker = "\u{1}"
    let text = words(marker)
    let parts = text.split(separator: marker, omittingEmptySubsequences: false).map(String.init)
    return parts.map { Self.literal($0) }.joined(
      separator: "&\(pointsWords(value, maxUnits: maxUnits))&")
  }

  /// The points of the cell `value` as text, as `Wording.points` writes them: thousands
  /// grouped ("1.000" in Vietnamese, "1,000" in English), the decimals the point scale needs
  /// without trailing zeros after a decimal comma (or point), then the unit. Built from whole
  /// numbers with `TEXT(n,"0")`, which every spreadsheet writes the same in every language.
  public func pointsWords(_ value: String, maxUnits: Int) -> String {
    let units = pointScale == 1 ? "ROUND(\(value),0)" : "ROUND(\(value)*\(pointScale),0)"
    let whole = pointScale == 1 ? units : "INT(\(units)/\(pointScale))"
    var text = grouped(whole, maxWhole: maxUnits / pointScale)
    if pointScale > 1 {
      let fraction = "MOD(\(units),\(pointScale))"
      text +=
        "&IF(\(fraction)=0,\"\",\(Self.literal(language == .vi ? "," : "."))&"
        + trimmed(fraction, places: decimalPlaces) + ")"
    }
    let unit =
      language == .vi
      ? Self.literal(" điểm") : "IF(\(units)=\(pointScale),\" point\",\" points\")"
    return "\(text)&\(unit)"
  }

  /// A whole number below `10^(3k)` with its thousands grouped by the language's separator.
  func grouped(_ whole: String, maxWhole: Int) -> String {
    let separator = Self.literal(language == .vi ? "." : ",")
    var groups = 1
    var limit = 1000
    while limit <= maxWhole, groups < 6 {
      groups += 1
      limit *= 1000
    }
    // From the largest group down: the leading group unpadded, each following one as 3 digits.
    var formula = "TEXT(\(whole),\"0\")"
    var below = 1000
    for _ in 1..<groups {
      let head = "TEXT(INT(\(whole)/\(below)),\"0\")"
      var tail = ""
      var unit = below
      while unit > 1 {
        unit /= 1000
        let part = unit == 1 ? whole : "INT(\(whole)/\(unit))"
        tail += "&\(separator)&TEXT(MOD(\(part),1000),\"000\")"
      }
      formula = "IF(\(whole)<\(below),\(formula),\(head)\(tail))"
      below *= 1000
    }
    return formula
  }

  /// A fraction of `places` digits (a whole number of units below `10^places`) without its
  /// trailing zeros: 50 hundredths is "5", 25 is "25", 5 is "05".
  func trimmed(_ fraction: String, places: Int) -> String {
    var formula = "TEXT(\(fraction),\"\(String(repeating: "0", count: places))\")"
    var divisor = 10
    for digits in stride(from: places - 1, through: 1, by: -1) {
      formula =
        "IF(MOD(\(fraction),\(divisor))=0,TEXT(\(fraction)/\(divisor),\"\(String(repeating: "0", count: digits))\"),\(formula))"
      divisor *= 10
    }
    return formula
  }
}
