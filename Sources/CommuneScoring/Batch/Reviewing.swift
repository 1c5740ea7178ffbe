/// A reviewing council's corrections for many communes, as read from a review file.
public struct ReviewCorrections: Sendable {
  /// One correction and the line of the review file it was read from.
  public struct Entry: Sendable, Equatable {
    public var line: Int
    public var adjustment: Adjustment

    public init(line: Int, adjustment: Adjustment) {
      self.line = line
      self.adjustment = adjustment
    }
  }

  /// The review file's name, for messages.
  public var source: String
  /// The council that signed the corrections, when the file says.
  public var council: String?
  /// Corrections by commune code and year.
  public var byCommune: [Key: [Entry]]
  /// The column of the codes, to place a correction that matches no commune.
  public var codeColumn = ReviewCodeColumn()

  /// A commune code and an assessment year.
  public struct Key: Hashable, Sendable {
    public var code: String
    public var year: Int

    public init(code: String, year: Int) {
      self.code = code
      self.year = year
    }
  }

  public init(source: String, council: String?, byCommune: [Key: [Entry]]) {
    self.source = source
    self.council = council
    self.byCommune = byCommune
  }
}

/// The one place where a council's review is applied to a record, for `cfc assess` and batches
/// alike: merging corrections, checking the corrected figures, and scoring both sides.
public enum Reviewing {
  /// `record` with `entries` (a review file's corrections for it) added to its own review, or
  /// the problems the corrected figures have, located at the correcting lines.
  public static func merge(
    _ entries: [ReviewCorrections.Entry], council: String?, into record: EvidenceRecord,
    rulebook: Rulebook, line: Int
  ) -> Result<EvidenceRecord, EvidenceError> {
    var record = record
    let existing = record.review?.adjustments ?? []
    record.review = Review(
      council: council ?? record.review?.council,
      adjustments: existing + entries.map(\.adjustment))
    let reviewed = EvidenceValidator.applying(
      record.review, to: record.evidence, rulebook: rulebook)
    let problems = EvidenceValidator.problems(reviewed, rulebook: rulebook) { field in
      .line(entries.last { $0.adjustment.field == field }?.line ?? line, column: field)
    }
    if !problems.isEmpty { return .failure(EvidenceError(problems)) }
    return .success(record)
  }

  /// The figures that count: the record's own, with its review's corrections applied.
  public static func figures(_ record: EvidenceRecord, rulebook: Rulebook) -> EvidenceValues {
    record.review == nil
      ? record.evidence
      : EvidenceValidator.applying(record.review, to: record.evidence, rulebook: rulebook)
  }

  /// The result that counts and, for a reviewed record, the commune's own result.
  public static func scores(_ record: EvidenceRecord, rulebook: Rulebook) -> (
    result: Score, own: Score?
  ) {
    let category = record.commune.category
    guard record.review != nil else {
      return (Evaluator.score(record.evidence, category: category, rulebook: rulebook), nil)
    }
    let result = Evaluator.score(
      figures(record, rulebook: rulebook), category: category, rulebook: rulebook)
    let own = Evaluator.score(record.evidence, category: category, rulebook: rulebook)
    return (result, own)
  }
}
