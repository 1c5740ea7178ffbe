import CommuneScoring

/// A rule kind that writes itself as a live spreadsheet formula.
///
/// The self-assessment workbook (`cfc template --format xlsx`) asks every indicator's rule for
/// its formula. A new rule kind conforms in its own file under `Workbook/Formulas/`
/// (`extension MyRule: SpreadsheetFormula`); a kind that does not conform makes the template
/// refuse to be written rather than show a wrong score.
///
/// The formula must give exactly what `evaluate` gives, in any spreadsheet program:
/// - the rule's points (a whole number) when it scores;
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

  /// Creates a context writing texts in `language`.
  public init(language: Language) { self.language = language }

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
    var left = scale * limit.denominator
    var right = limit.numerator
    let divisor = Self.gcd(left, right)
    if divisor > 1 {
      left /= divisor
      right /= divisor
    }
    let symbol: String
    switch condition {
    case .atLeast: symbol = ">="
    case .atMost: symbol = "<="
    case .equals: symbol = "="
    }
    if right == 0 { return "\(numerator)\(symbol)0" }
    let leftSide = left == 1 ? numerator : "\(numerator)*\(left)"
    let rightSide = right == 1 ? denominator : "\(right)*\(denominator)"
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
