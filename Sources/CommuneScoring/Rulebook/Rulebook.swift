/// The language of text meant for people.
public enum Language: String, Sendable, CaseIterable {
  case vi
  case en
}

/// A text given in Vietnamese and English.
public struct LocalizedText: Sendable, Equatable {
  public var vi: String
  public var en: String

  public init(vi: String, en: String) {
    self.vi = vi
    self.en = en
  }

  /// The text in `language`.
  public func text(_ language: Language) -> String { language == .vi ? vi : en }
}

/// Whether a rule's wording and points were checked against the published Decision, and where in
/// it they stand.
public struct Provenance: Sendable, Equatable {
  /// How a rule is known.
  public enum Status: String, Sendable, Equatable {
    /// Read in the published Decision, whose wording is quoted in `quote`.
    case verified
    /// A reasoned reconstruction; must be checked before a real recognition decision.
    case reconstructed
  }

  /// The official wording a rule encodes, or a plain statement of why it is not quoted.
  public enum Quote: Sendable, Equatable {
    /// The official wording, verbatim (in the document's language).
    case text(String)
    /// Not quoted: why, in both languages.
    case missing(LocalizedText)

    /// The verbatim wording, when quoted.
    public var text: String? {
      if case .text(let text) = self { return text }
      return nil
    }
  }

  public var status: Status
  /// Why, or what exactly was verified, in both languages.
  public var note: LocalizedText?
  /// The document, article and clause the rule comes from.
  public var source: ProvenanceSource?
  /// The official wording the rule encodes; required for `verified`.
  public var quote: Quote?

  public init(
    status: Status, note: LocalizedText? = nil, source: ProvenanceSource? = nil,
    quote: Quote? = nil
  ) {
    self.status = status
    self.note = note
    self.source = source
    self.quote = quote
  }
}

/// Where in the law a rule comes from: the document, and within it the article and clause.
public struct ProvenanceSource: Sendable, Equatable {
  /// The document, e.g. "Quyết định số 06/QĐ-TTg ngày 03/01/2019".
  public var document: String
  /// The article ("Điều 4"), when known.
  public var article: String?
  /// The clause or point ("khoản 2, điểm a"), when known.
  public var clause: String?

  public init(document: String, article: String? = nil, clause: String? = nil) {
    self.document = document
    self.article = article
    self.clause = clause
  }
}

/// The kind of value an evidence field holds.
public enum FieldKind: String, Sendable, Equatable {
  /// Yes or no.
  case flag
  /// A non-negative whole number.
  case count
}

/// One evidence field the rulebook declares.
public struct FieldDeclaration: Sendable, Equatable {
  public var id: String
  public var label: LocalizedText
  public var kind: FieldKind
  /// The field this one is a part of (its value may not exceed the whole's).
  public var partOf: String?
  /// The smallest acceptable value (counts only).
  public var minimum: Int?
  /// Whether a commune can still act on this figure within the assessment period (register a
  /// birth late, catch up an immunisation). Only such fields are proposed as steps towards
  /// recognition; a death or an abuse case is never "undone".
  public var adjustable: Bool
  /// Position in `Rulebook.fields`; evidence values are stored by this index.
  public var index: Int
  /// The index of `partOf`, resolved when the rulebook is loaded.
  public var partOfIndex: Int?
}

/// A reference from a rule to a declared field, resolved to its storage index at load time.
public struct FieldRef: Sendable, Equatable {
  public var id: String
  public var index: Int
}

/// A commune category and the total it must reach.
public struct CommuneCategory: Sendable, Equatable {
  public var id: String
  public var name: LocalizedText
  /// The total needed for recognition (≥).
  public var threshold: Int
}

/// The conditions of recognition besides the threshold.
public struct RecognitionRule: Sendable, Equatable {
  /// Every criterion must have been assessed (none not verifiable).
  public var allCriteriaAssessed: Bool
  /// No criterion may score 0.
  public var noCriterionAtZero: Bool
  /// Every criterion must reach these points ("tất cả các tiêu chí đạt ≥ 85 điểm"), unless it
  /// states its own `minimumPoints`. nil: no minimum.
  public var minimumPerCriterion: Int? = nil
}

/// A condition that zeroes a whole criterion: a count above a limit (a child's death…), a rate
/// past a limit, a flag being yes or no.
public struct Gate: Sendable, Equatable {
  public var id: String
  /// What the gate tests.
  public var condition: GateCondition
  public var description: LocalizedText
  public var provenance: Provenance
  /// Whether the situation can be undone within the assessment period (a death cannot).
  public var reversible: Bool

  /// The field whose change can lift the gate (a count, a rate's numerator, a flag).
  public var field: FieldRef { condition.field }
}

/// One scored indicator of a criterion.
public struct Indicator: Sendable {
  public var id: String
  public var name: LocalizedText
  public var maxPoints: Int
  public var provenance: Provenance
  public var rule: any IndicatorRule
  /// The points recognition requires of this indicator ("các chỉ tiêu … đạt điểm tối thiểu");
  /// nil: none.
  public var minimumPoints: Int? = nil
}

/// One of the rulebook's criteria.
public struct Criterion: Sendable {
  public var id: String
  public var name: LocalizedText
  public var citation: String?
  public var maxPoints: Int
  public var gates: [Gate]
  public var indicators: [Indicator]
  /// The points recognition requires of this criterion, as written on it; see
  /// `Rulebook.minimumPoints(of:)` for the one that applies.
  public var minimumPoints: Int? = nil
}

/// A complete, validated set of rules: every number that decides a score lives here.
public struct Rulebook: Sendable {
  public var schemaVersion: Int
  public var id: String
  public var version: String
  public var title: LocalizedText
  public var citation: String
  public var maxTotal: Int
  public var categories: [CommuneCategory]
  public var recognition: RecognitionRule
  public var fields: [FieldDeclaration]
  public var criteria: [Criterion]
  /// SHA-256 of the bytes the rulebook was read from.
  public var sha256: String
  /// How many digits a commune code has (`communeCode.digits`): a shorter code, whose leading
  /// zeros a spreadsheet removed, is restored; any other is refused. nil: codes as written.
  public var communeCodeDigits: Int? = nil

  /// The declaration of field `id`, if declared.
  public func field(_ id: String) -> FieldDeclaration? {
    fieldIndex[id].map { fields[$0] }
  }

  /// The category `id`, if declared.
  public func category(_ id: String) -> CommuneCategory? {
    categories.first { $0.id == id }
  }

  /// When the rulebook is in force (`inForce`); nil when the rulebook does not say, and then it
  /// scores every year it is used for.
  public var inForce: InForcePeriod? = nil
  /// Ids of other rulebooks whose records this one reads for a batch mixing years (each record
  /// is then carried over to its own year's rulebook).
  public var readsRecordsOf: Set<String> = []

  /// Field id → storage index.
  public var fieldIndex: [String: Int]
  /// Units per point: every point value in this rulebook (and in its results) is a whole number
  /// of `1/pointScale` points. 1 for a rulebook whose points are all whole.
  public var pointScale: Int = 1

  /// The points recognition requires of `criterion`: its own `minimumPoints`, else the
  /// recognition rule's `minimumPerCriterion`; nil when none.
  public func minimumPoints(of criterion: Criterion) -> Int? {
    criterion.minimumPoints ?? recognition.minimumPerCriterion
  }

  /// The position of category `id` in `categories`, or -1.
  public func categoryIndex(_ id: String) -> Int {
    categories.firstIndex { $0.id == id } ?? -1
  }

  /// `units` as a plain decimal (`0.25`, `50`), as written in a rulebook or JSON.
  public func pointsText(_ units: Int) -> String { PointScale.text(units, scale: pointScale) }
}
