import CommuneScoring

/// A rule kind that writes itself as a live spreadsheet formula.
///
/// The self-assessment workbook (`cfc template --format xlsx`) asks every indicator's rule for
/// its formula. A new rule kind conforms in its own file under `Workbook/Formulas/`
/// (`extension MyRule: SpreadsheetFormula`); a kind that does not conform makes the template
/// refuse to be written rather than show a wrong score.
///
/// The formula must give exactly what `evaluate` gives, in any spreadsheet program:
/// - the rule's points when it scores: worked out in whole units of the rulebook's point scale
///   and written with `context.points` (a literal such as `0.25`) or `context.pointsOf` (units
///   divided by the scale once, at the end), so a cell holds the double nearest the exact decimal;
/// - the text `context.missingText` when an input is missing (`evaluate` gives nil points);
/// - the text `context.undefinedText` when nothing is missing but the rule cannot be computed
///   (`undefinedBecauseNone`).
///
/// Compare rates by cross-multiplying whole numbers (`context.rate`), never by dividing, so that
/// 49/50 meets "≥ 98%" exactly as the engine says.
public protocol SpreadsheetFormula {
  /// The formula (without the leading `=`) for the indicator's points.
  func pointsFormula(_ context: FormulaContext) -> String
  /// How the points are given, in a few words for the form's last column ("≥ 98%: 40 điểm …").
  func scoringNote(_ explainer: Explainer) -> String
}

extension SpreadsheetFormula {
  /// No note unless the kind writes one.
  public func scoringNote(_ explainer: Explainer) -> String { "" }
}

/// What a rule needs to write its formula: where each figure is typed and how a missing or
/// incomputable result reads.
///
/// Figures are referred to by their defined names (`cfc_births`), so formulas read like the
/// rulebook. A flag cell holds `có`/`không` (or `yes`/`no`); a count cell holds a whole number;
/// an empty cell is missing (not 0).
public struct FormulaContext: Sendable {
  /// The language of the texts written into cells.
  public let language: Language
  /// Units per point of the rulebook (1 when every point value is whole; 100 for `0.25`).
  public let pointScale: Int
  /// The words the category cell accepts for each category id, in rulebook order.
  public let categoryWords: [(id: String, words: [String])]

  /// Creates a context writing texts in `language`, for a rulebook whose points are whole and
  /// whose rules do not read the category.
  public init(language: Language) {
    self.language = language
    pointScale = 1
    categoryWords = []
  }

  /// Creates a context for `rulebook`'s formulas, writing texts in `language`.
  public init(rulebook: Rulebook, language: Language) {
    self.language = language
    pointScale = rulebook.pointScale
    categoryWords = rulebook.categories.map { category in
      var words = [category.name.text(language)]
      for word in [category.name.vi, category.name.en, category.id] where !words.contains(word) {
        words.append(word)
      }
      return (category.id, words)
    }
  }

  /// The words the category cell accepts for `id`: its wording in both languages and its id.
  public func words(ofCategory id: String) -> [String] {
    categoryWords.first { $0.id == id }?.words ?? [id]
  }

  /// TRUE when the category cell holds one of `id`'s words (compared ignoring case, as
  /// spreadsheets compare texts).
  public func isCategory(_ id: String) -> String {
    let tests = words(ofCategory: id).map { "cfc_category=\(Self.literal($0))" }
    return tests.count == 1 ? tests[0] : "OR(" + tests.joined(separator: ",") + ")"
  }

  // MARK: - Points

  /// The decimal places of the point scale (0 for whole points, 2 for hundredths).
  public var decimalPlaces: Int { String(pointScale).count - 1 }

  /// `units` of the point scale as a formula literal: `50`, `0.25` (formulas always write a
  /// decimal point, whatever the spreadsheet's language shows).
  public func points(_ units: Int) -> String { PointScale.text(units, scale: pointScale) }

  /// An expression worth a whole number of units, as points: divided by the scale once, so the
  /// cell holds the double nearest the exact decimal (`(25)/100` is exactly what `0.25` is).
  public func pointsOf(_ units: String) -> String {
    pointScale == 1 ? units : "(\(units))/\(pointScale)"
  }

  /// A sum of points, rounded to the scale's decimal places so that adding `0.1` three times
  /// gives the same number as typing `0.3`, and comparisons with a threshold stay exact.
  public func rounded(_ sum: String) -> String {
    pointScale == 1 ? sum : "ROUND(\(sum),\(decimalPlaces))"
  }

  /// The defined name of the input cell of `field`: `cfc_` and the field id.
  public static func name(_ field: String) -> String { "cfc_" + field }

  /// The text shown instead of points when a figure is missing.
  public var missingWords: String { language == .vi ? "chưa có số liệu" : "no data yet" }
  /// The text shown when a rate cannot be computed (its denominator is 0 and the rule says so).
  public var undefinedWords: String {
    language == .vi ? "không xác định (mẫu số bằng 0)" : "undefined (nothing to measure)"
  }

  /// `missingWords` as a formula literal.
  public var missingText: String { Self.literal(missingWords) }
  /// `undefinedWords` as a formula literal.
  public var undefinedText: String { Self.literal(undefinedWords) }

  /// A text literal: quoted, inner quotes doubled.
  public static func literal(_ text: String) -> String {
    "\"" + text.replacing("\"", with: "\"\"") + "\""
  }

  /// The words a flag cell accepts for yes and for no (in any case, in both languages).
  public static let yesWords = ["có", "yes"]
  /// The words a flag cell accepts for no.
  public static let noWords = ["không", "no"]

  /// TRUE when the flag `field` says yes.
  public func isYes(_ field: FieldRef) -> String {
    let name = Self.name(field.id)
    return "OR(" + Self.yesWords.map { "\(name)=\(Self.literal($0))" }.joined(separator: ",") + ")"
  }

  /// TRUE when `field` has no usable value: an empty count, or a flag that is neither yes nor no.
  public func isMissing(_ field: FieldRef, kind: FieldKind) -> String {
    let name = Self.name(field.id)
    switch kind {
    case .count: return "NOT(ISNUMBER(\(name)))"
    case .flag:
      return "AND("
        + (Self.yesWords + Self.noWords).map { "\(name)<>\(Self.literal($0))" }.joined(
          separator: ",") + ")"
    }
  }

  /// The count `field`'s value (only meaningful once it is known not to be missing).
  public func count(_ field: FieldRef) -> String { Self.name(field.id) }

  /// `IF(<any input missing>, missingText, body)`: a missing figure is never read as 0.
  public func guarded(_ inputs: [(FieldRef, FieldKind)], _ body: String) -> String {
    guard !inputs.isEmpty else { return body }
    let tests = inputs.map { isMissing($0.0, kind: $0.1) }
    let test = tests.count == 1 ? tests[0] : "OR(" + tests.joined(separator: ",") + ")"
    return "IF(\(test),\(missingText),\(body))"
  }

  /// TRUE when `numerator × scale / denominator` stands in `condition` to `limit`, compared by
  /// cross-multiplying whole numbers: `numerator × (scale × q) ⋚ p × denominator` for a limit
  /// `p/q`, with common factors taken out so the products stay small and exact.
  public func rate(
    _ numerator: String, _ denominator: String, scale: Int, _ condition: Band.Condition,
    _ limit: Rational
  ) -> String {
    let symbol: String
    switch condition {
    case .atLeast: symbol = ">="
    case .atMost: symbol = "<="
    case .equals: symbol = "="
    }
    return compare(numerator, denominator, scale: scale, symbol, limit)
  }

  /// TRUE when `numerator × scale / denominator` stands in `symbol` (`>=`, `>`, `<=`, `<`, `=`)
  /// to `limit`, cross-multiplied as `rate` does. A `denominator` of `"1"` is a plain count.
  public func compare(
    _ numerator: String, _ denominator: String, scale: Int, _ symbol: String, _ limit: Rational
  ) -> String {
    var left = scale * limit.denominator
    var right = limit.numerator
    let divisor = Self.gcd(left, right)
    if divisor > 1 {
      left /= divisor
      right /= divisor
    }
    if right == 0 { return "\(numerator)\(symbol)0" }
    let leftSide = left == 1 ? numerator : "\(numerator)*\(left)"
    let rightSide =
      denominator == "1" ? "\(right)" : (right == 1 ? denominator : "\(right)*\(denominator)")
    return leftSide + symbol + rightSide
  }

  static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }
}

/// Finds the formula of any rule.
public enum RuleFormulas {
  /// The formula of `rule`, or nil when its kind cannot write one yet.
  public static func points(_ rule: any IndicatorRule, _ context: FormulaContext) -> String? {
    (rule as? any SpreadsheetFormula)?.pointsFormula(context)
  }

  /// How `rule` gives its points, for people; empty when its kind says nothing.
  public static func note(_ rule: any IndicatorRule, _ explainer: Explainer) -> String {
    (rule as? any SpreadsheetFormula)?.scoringNote(explainer) ?? ""
  }
}
