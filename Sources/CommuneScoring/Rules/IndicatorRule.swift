/// The evidence values of one record, stored by field index for fast evaluation.
public struct EvidenceValues: Sendable, Equatable, Hashable {
  /// The marker for a missing value: missing is not zero.
  static let missingMarker = Int.min
  var storage: [Int]
  /// The position of the record's commune category in the rulebook's `categories` (-1 unknown);
  /// set by the evaluator, read by rules that score by category.
  public var categoryIndex: Int = -1

  /// All fields missing.
  public init(fieldCount: Int) {
    storage = Array(repeating: Self.missingMarker, count: fieldCount)
  }

  /// The value of the field at `index` (flags are 0 or 1), or nil when missing.
  public subscript(index: Int) -> Int? {
    get {
      let value = storage[index]
      return value == Self.missingMarker ? nil : value
    }
    set { storage[index] = newValue ?? Self.missingMarker }
  }

  /// The value of a referenced field, or nil when missing.
  public subscript(ref: FieldRef) -> Int? {
    get { self[ref.index] }
    set { self[ref.index] = newValue }
  }
}

/// Which line of a rule decided the points.
public enum BandMatch: Sendable, Equatable {
  /// The band at this position (0-based, top-down).
  case band(Int)
  /// No band held; the rule's `otherwise` points.
  case otherwise
  /// The denominator was 0: the situation does not exist, the rule's `whenNone` points.
  case whenNone
}

/// What a rule found in one record. A plain value (no references), so scoring a batch
/// allocates and counts nothing per rule; which inputs are missing is read from the trace.
public struct RuleOutcome: Sendable, Equatable {
  /// The points, or nil when the rule is not verifiable.
  public var points: Int?
  /// The band that decided, for banded rules.
  public var match: BandMatch?
  /// Set when the rule cannot be computed although nothing is missing (e.g. no child measured).
  public var undefinedBecauseNone: Bool

  public init(
    points: Int?, match: BandMatch? = nil,
    undefinedBecauseNone: Bool = false
  ) {
    self.points = points
    self.match = match
    self.undefinedBecauseNone = undefinedBecauseNone
  }

  /// A rule that scored.
  public static func scored(_ points: Int, _ match: BandMatch? = nil) -> RuleOutcome {
    RuleOutcome(points: points, match: match)
  }
}

/// A change to one evidence field that would raise an indicator's points.
public struct Improvement: Sendable, Equatable {
  public var field: String
  public var from: Int
  public var to: Int
  public var points: Int
  /// Further fields changed together with this one (items met: several flags at once); their
  /// `points` are 0, the whole gain is in `points`.
  public var more: [Improvement] = []
}

/// One worked example of a rule kind: a rule, a record, and the points a user should see.
public struct RuleExample: Sendable {
  /// What the example shows, as a sentence.
  public var title: String
  /// The rule, as it is written in a rulebook (JSON).
  public var rule: String
  /// Field values by id, among `RuleExample.fields`; absent fields are missing.
  public var evidence: [String: Int]
  /// The expected points as a rulebook writes them (`"0.25"`, `"50"`), or nil when the rule must
  /// be not verifiable.
  public var expected: String?
  /// The commune category of the record (among `RuleExample.categories`).
  public var category: String

  public init(_ title: String, rule: String, evidence: [String: Int], points: Int?) {
    self.init(title, rule: rule, evidence: evidence, expected: points.map(String.init))
  }

  public init(
    _ title: String, rule: String, evidence: [String: Int], expected: String?,
    category: String = "standard"
  ) {
    self.title = title
    self.rule = rule
    self.evidence = evidence
    self.expected = expected
    self.category = category
  }

  /// The fields examples may refer to.
  public static let fields: [(id: String, kind: FieldKind)] = [
    ("flag", .flag), ("flag2", .flag), ("flag3", .flag), ("part", .count), ("whole", .count),
    ("count", .count),
  ]

  /// The commune categories examples may use.
  public static let categories = ["standard", "urban_ward", "mountain"]
}

/// Resolves field names used by a rule to declared fields, checking their kind.
public struct FieldResolver {
  let declarations: [String: FieldDeclaration]
  /// Units per point (1 when every point value is whole; 100 for a rulebook writing 0.25).
  public let pointScale: Int
  /// The commune categories the rulebook declares, in order.
  public let categories: [String]

  public init(_ fields: [FieldDeclaration], pointScale: Int = 1, categories: [String] = []) {
    var map: [String: FieldDeclaration] = [:]
    for field in fields { map[field.id] = field }
    declarations = map
    self.pointScale = pointScale
    self.categories = categories
  }

  /// Reads `key` as points, in units of `1/pointScale`.
  public func points(_ key: String, in reader: inout ObjectReader) throws(DecodeIssue) -> Int {
    try reader.points(key, scale: pointScale)
  }

  /// Reads `key` of `reader` as the id of a declared field of `kind`.
  public func ref(_ key: String, in reader: inout ObjectReader, kind: FieldKind) throws(DecodeIssue)
    -> FieldRef
  {
    let id = try reader.string(key)
    // The path is made only to report a problem.
    if let field = declarations[id], field.kind == kind {
      return FieldRef(id: id, index: field.index)
    }
    return try resolve(id, at: reader.path.appending(key), kind: kind)
  }

  /// The declared field `id` of `kind`, read at `path`.
  public func resolve(_ id: String, at path: JSONPath, kind: FieldKind) throws(DecodeIssue)
    -> FieldRef
  {
    guard let field = declarations[id] else {
      let suggestion = Suggestion.closest(to: id, in: declarations.keys.sorted())
      throw DecodeIssue(
        path,
        .invalid(
          RulebookMessage(.ruleFieldNotDeclared, "\(id)", RulebookMessage.hint(suggestion))))
    }
    guard field.kind == kind else {
      throw DecodeIssue(
        path,
        .invalid(
          RulebookMessage(
            .ruleFieldKind, "\(id)", "\(field.kind.rawValue)", "\(kind.rawValue)")))
    }
    return FieldRef(id: id, index: field.index)
  }

  /// The declaration of `id`.
  public subscript(id: String) -> FieldDeclaration? { declarations[id] }
}

/// A kind of indicator rule. Each kind is one type in its own file, listed in `RuleKinds.all`,
/// and describes itself with examples that the test suite runs.
public protocol IndicatorRule: Sendable {
  /// The `kind` string used in rulebooks.
  static var kind: String { get }
  /// One sentence on what the kind scores.
  static var summary: String { get }
  /// Worked examples; every one is run by the tests.
  static var examples: [RuleExample] { get }
  /// Reads the rule's own keys (not `kind`) from a rulebook.
  static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> Self

  /// The fields the rule reads.
  var inputs: [FieldRef] { get }
  /// The most points the rule can give.
  var bestPoints: Int { get }
  /// The fewest points the rule can give.
  var worstPoints: Int { get }
  /// Static checks of the rule (bands ordered, points within range …), as messages.
  func problems(fields: FieldResolver) -> [RulebookMessage]
  /// Scores one record.
  func evaluate(_ values: EvidenceValues) -> RuleOutcome
  /// For each better outcome, the smallest change to a field in `adjustable` that reaches it.
  /// Changes never break the evidence's own constraints (a part stays within its whole).
  func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement]
}

/// The registry of rule kinds.
public enum RuleKinds {
  /// Every kind a rulebook may use.
  public static let all: [any IndicatorRule.Type] = [
    FlagRule.self, CountZeroRule.self, RateRule.self, RatePer100kRule.self, StepsRule.self,
    PerCaseRule.self, CountBandsRule.self, ItemsMetRule.self, RangesRule.self,
    CategoryPointsRule.self,
  ]

  /// The kind named `kind`.
  public static func named(_ kind: String) -> (any IndicatorRule.Type)? {
    all.first { $0.kind == kind }
  }
}
