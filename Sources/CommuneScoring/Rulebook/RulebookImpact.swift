/// One record of a batch as one rulebook scored it.
public struct ImpactRow: Sendable {
  /// The input it came from and its line there: the same record under both rulebooks.
  public var source: String
  public var line: Int
  public var record: EvidenceRecord
  public var score: Score

  public init(source: String, line: Int, record: EvidenceRecord, score: Score) {
    self.source = source
    self.line = line
    self.record = record
    self.score = score
  }
}

/// A commune's verdict, total and threshold under one rulebook.
public struct VerdictSide: Sendable, Equatable {
  public var status: AssessmentStatus
  public var total: Int
  public var threshold: Int

  init(_ score: Score) {
    status = score.status
    total = score.total
    threshold = score.threshold
  }
}

/// A commune whose verdict is not the same under the new rulebook, and why.
public struct VerdictChange: Sendable, Equatable {
  public var source: String
  public var line: Int
  public var commune: CommuneIdentity
  public var year: Int
  public var from: VerdictSide
  public var to: VerdictSide
  /// The indicators whose points changed: id, old points, new points (nil: not verifiable or
  /// absent from that rulebook).
  public var indicators: [(id: String, from: Int?, to: Int?)]

  /// Whether the commune is recognised under the new rulebook and was not under the old.
  public var gains: Bool { to.status == .recognized && from.status != .recognized }
  /// Whether the commune was recognised under the old rulebook and is not under the new.
  public var loses: Bool { from.status == .recognized && to.status != .recognized }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.source == rhs.source && lhs.line == rhs.line && lhs.commune == rhs.commune
      && lhs.year == rhs.year && lhs.from == rhs.from && lhs.to == rhs.to
      && lhs.indicators.elementsEqual(rhs.indicators) {
        $0.id == $1.id && $0.from == $1.from && $0.to == $1.to
      }
  }
}

/// What a change of rulebook does to a batch: every commune whose verdict changes, with the
/// indicators behind it, and how many totals moved.
public struct RulebookImpact: Sendable {
  /// Records read from the batch (each run reads them all).
  public var read = 0
  /// Records rejected under the old and under the new rulebook.
  public var rejected = (old: 0, new: 0)
  /// Records scored under both rulebooks.
  public var compared = 0
  /// Of those, how many totals changed (whether or not the verdict did).
  public var totalsChanged = 0
  /// Records only one of the rulebooks could score (by source and line).
  public var onlyOld: [(source: String, line: Int)] = []
  public var onlyNew: [(source: String, line: Int)] = []
  /// Every verdict that changed, in input order.
  public var changes: [VerdictChange] = []

  /// Compares the scores of the same records under `old` and `new` (rows matched by source
  /// and line; each list in input order).
  public static func compare(
    old oldRows: [ImpactRow], new newRows: [ImpactRow], old: Rulebook, new: Rulebook
  ) -> RulebookImpact {
    var impact = RulebookImpact()
    struct Key: Hashable {
      var source: String
      var line: Int
    }
    var byKey: [Key: Int] = [:]
    for (index, row) in oldRows.enumerated() {
      byKey[Key(source: row.source, line: row.line)] = index
    }
    var matched = Set<Int>()
    for row in newRows {
      guard let index = byKey[Key(source: row.source, line: row.line)] else {
        impact.onlyNew.append((row.source, row.line))
        continue
      }
      matched.insert(index)
      let before = oldRows[index]
      impact.compared += 1
      if before.score.total != row.score.total { impact.totalsChanged += 1 }
      guard before.score.status != row.score.status else { continue }
      impact.changes.append(
        VerdictChange(
          source: row.source, line: row.line, commune: row.record.commune, year: row.record.year,
          from: VerdictSide(before.score), to: VerdictSide(row.score),
          indicators: indicatorChanges(before.record, old, row.record, new)))
    }
    for (index, row) in oldRows.enumerated() where !matched.contains(index) {
      impact.onlyOld.append((row.source, row.line))
    }
    return impact
  }

  /// The indicators (by id, in the new rulebook's order, then the old one's) whose points differ.
  static func indicatorChanges(
    _ oldRecord: EvidenceRecord, _ old: Rulebook, _ newRecord: EvidenceRecord, _ new: Rulebook
  ) -> [(id: String, from: Int?, to: Int?)] {
    func points(_ record: EvidenceRecord, _ rulebook: Rulebook) -> [(String, Int?)] {
      Evaluator.evaluate(
        Reviewing.figures(record, rulebook: rulebook), category: record.commune.category,
        rulebook: rulebook
      ).criteria.flatMap { criterion in
        // A gate's zero is the criterion's, shown on each indicator it zeroed.
        criterion.indicators.map { ($0.id, criterion.firedGate == nil ? $0.points : 0) }
      }
    }
    let before = points(oldRecord, old)
    let after = points(newRecord, new)
    var result: [(id: String, from: Int?, to: Int?)] = []
    for (id, value) in after {
      let previous = before.first { $0.0 == id }
      if previous == nil || previous?.1 != value { result.append((id, previous?.1, value)) }
    }
    for (id, value) in before where !after.contains(where: { $0.0 == id }) {
      result.append((id, value, nil))
    }
    return result
  }
}
