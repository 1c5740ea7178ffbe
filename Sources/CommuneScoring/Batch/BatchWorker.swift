/// One record's outcome inside a group, when it took the general path.
struct Outcome: Sendable {
  var line: Int
  var result: Result<BatchRow, EvidenceError>
  var range: Range<Int> = 0..<0
  var reviewKey: ReviewCorrections.Key?
  var notes: [ReadingNote] = []
}

/// A group's rows in input order, with the formatted bytes of its assessed rows back to back.
struct GroupOutput: Sendable {
  /// One row: a planned one (its line, packed key and bytes) or the index of its outcome.
  struct Entry: Sendable {
    var line: Int
    var key: UInt64 = 0
    var start = 0
    var end = 0
    /// The index in `outcomes`, or -1 for a row the plan scored.
    var outcome = -1
  }

  var rows: [Entry] = []
  var outcomes: [Outcome] = []
  var bytes: [UInt8] = []
}

/// What every worker shares (read-only) to process a group.
struct Worker: Sendable {
  /// The compiled plan of a CSV source, and the writer's formatter for the rows it scores.
  /// A class: rows use it by reference, not by copying every table of the plan.
  final class FastPath: Sendable {
    let rows: CSVRowPlan
    let format: BatchEngine.PlannedFormatter

    init(rows: CSVRowPlan, format: @escaping BatchEngine.PlannedFormatter) {
      self.rows = rows
      self.format = format
    }
  }

  let source: Int
  let decoder: RecordDecoder
  let configuration: BatchEngine.Configuration
  let format: BatchEngine.Formatter
  let fast: FastPath?
  /// Where each group takes its bytes' buffer.
  let buffers: BatchBufferPool
  /// The compiled plan of a JSON source (`JSONRecordPlan`), and its formatter.
  var json: JSONFastPath? = nil

  func process(_ raw: RecordBatch, _ group: Range<Int>) -> GroupOutput {
    process(raw, group, fast: fast, json: json)
  }

  /// `process`, with the compiled paths as parameters: the caller keeps them alive for the
  /// whole group, so the rows use them unretained. Retaining and releasing them for each row,
  /// as the compiler did, made two threads fight over one object's reference count, row after
  /// row: two workers then spent up to a fifth more CPU than one (`swift_release` was 12 % of
  /// a two-worker profile, 1 % of a one-worker one).
  private func process(
    _ raw: RecordBatch, _ group: Range<Int>, fast: FastPath?, json: JSONFastPath?
  ) -> GroupOutput {
    var output = GroupOutput()
    output.bytes = buffers.take()
    output.rows.reserveCapacity(group.count)
    output.bytes.reserveCapacity(group.count * 192)
    // The reference to the rulebook of the last record: a batch mostly uses one, so rows share
    // it rather than each holding a copy.
    var lastRulebook: BatchRulebookReference?
    var repeated = CSVRepeatedCells()
    var planned = PlannedScratch(fast)
    var plannedJSON = JSONPlannedScratch(json)
    let fast = fast.map(Unmanaged.passUnretained)
    let json = json.map(Unmanaged.passUnretained)
    for index in group {
      let record = raw.records[index]
      if let fast, record.problem == nil,
        fast._withUnsafeGuaranteedRef({
          planned.score(
            record, in: raw.bytes, fast: $0, configuration: configuration, into: &output)
        })
      {
        continue
      }
      if let json, record.problem == nil,
        json._withUnsafeGuaranteedRef({
          plannedJSON.score(
            record, in: raw.bytes, fast: $0, configuration: configuration, into: &output)
        })
      {
        continue
      }
      let decoded = decoder.decode(record, in: raw.bytes, repeated: &repeated)
      var outcome = assess(
        decoded.result, line: decoded.line, rulebook: &lastRulebook, into: &output.bytes)
      outcome.notes = decoded.notes
      output.rows.append(GroupOutput.Entry(line: decoded.line, outcome: output.outcomes.count))
      output.outcomes.append(outcome)
    }
    return output
  }

  func assess(
    _ decoded: Result<EvidenceRecord, EvidenceError>, line: Int,
    rulebook reference: inout BatchRulebookReference?, into bytes: inout [UInt8]
  ) -> Outcome {
    var record: EvidenceRecord
    switch decoded {
    case .failure(let error): return Outcome(line: line, result: .failure(error))
    case .success(let value): record = value
    }
    let rulebook: Rulebook
    switch configuration.rulebookForRecord(record) {
    case .success(let (chosen, carried)):
      rulebook = chosen
      record = carried
    case .failure(let error):
      let issues = error.issues.map { issue in
        guard case .line(_, let column) = issue.location else { return issue }
        return EvidenceIssue(.line(line, column: column), issue.problem)
      }
      return Outcome(line: line, result: .failure(EvidenceError(issues)))
    }
    // A row holds its rulebook by reference; rows scored by the same rulebook (the same bytes:
    // the same hash, id and version) share one.
    let shared: BatchRulebookReference
    if let cached = reference, !rulebook.sha256.isEmpty, cached.value.sha256 == rulebook.sha256,
      cached.value.id == rulebook.id, cached.value.version == rulebook.version
    {
      shared = cached
    } else {
      shared = BatchRulebookReference(rulebook)
      reference = shared
    }
    var reviewKey: ReviewCorrections.Key?
    if let reviews = configuration.reviews {
      let key = ReviewCorrections.Key(code: record.commune.code, year: record.year)
      if let entries = reviews.byCommune[key] {
        reviewKey = key
        switch Reviewing.merge(
          entries, council: reviews.council, into: record, rulebook: rulebook, line: line)
        {
        case .success(let merged): record = merged
        case .failure(let error):
          return Outcome(line: line, result: .failure(error), reviewKey: reviewKey)
        }
      }
    }
    let (score, own) = Reviewing.scores(record, rulebook: rulebook)
    let row = BatchRow(
      source: source, line: line, record: record, score: score, ownScore: own,
      scoredWith: shared)
    let start = bytes.count
    format(row, &bytes)
    return Outcome(
      line: line, result: .success(row), range: start..<bytes.count, reviewKey: reviewKey)
  }
}

/// One worker's reusable buffers for the fast path: nothing is allocated per row.
struct PlannedScratch {
  var slots: [Int]
  var cells = CSVRowPlan.Cells()
  var score: PlannedScore
  var years = PlannedYears()

  init(_ fast: Worker.FastPath?) {
    slots = Array(repeating: ScoringPlan.missing, count: fast?.rows.scoring.fieldCount ?? 0)
    score = PlannedScore(criteria: fast?.rows.scoring.criterionCount ?? 0)
  }

  /// Reads, checks, scores and formats `record` by the plan into `output`; false (and nothing
  /// written) when the general path must take it.
  mutating func score(
    _ record: RawRecord, in bytes: [UInt8], fast: Worker.FastPath,
    configuration: BatchEngine.Configuration, into output: inout GroupOutput
  ) -> Bool {
    Self.score(
      record, in: bytes, fast: fast, configuration: configuration, slots: &slots,
      cells: &cells, score: &score, years: &years, into: &output)
  }

  /// The same, over the buffers given. The slots of fields without a column are never written
  /// (they stay missing); every other slot is written by each row read.
  static func score(
    _ record: RawRecord, in bytes: [UInt8], fast: Worker.FastPath,
    configuration: BatchEngine.Configuration, slots: inout [Int], cells: inout CSVRowPlan.Cells,
    score: inout PlannedScore, years: inout PlannedYears, into output: inout GroupOutput
  ) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      let read = slots.withUnsafeMutableBufferPointer { slots in
        fast.rows.read(buffer, record.range, cells: &cells, slots: slots)
      }
      guard read, years.contains(cells.year, configuration) else { return false }
      let scored = slots.withUnsafeBufferPointer { slots in
        fast.rows.scoring.isValid(slots)
          && fast.rows.scoring.score(slots, category: cells.category, into: &score)
      }
      guard scored else { return false }
      return output.addPlanned(
        cells, line: record.line, in: buffer,
        category: fast.rows.categoryIDs[cells.category],
        pointScale: fast.rows.scoring.pointScale, figures: slots, score: score,
        configuration: configuration, format: fast.format)
    }
  }
}

/// The years whose records the reading rulebook scores (`Configuration.readingRulebookScores`),
/// asked once per year by each worker.
struct PlannedYears {
  /// By year from 2000: 0 not asked yet, 1 scored by the reading rulebook, 2 not.
  var known = [UInt8](repeating: 0, count: EvidenceDecoder.plausibleYears.count)

  mutating func contains(_ year: Int, _ configuration: BatchEngine.Configuration) -> Bool {
    let index = year - EvidenceDecoder.plausibleYears.lowerBound
    guard known.indices.contains(index) else { return false }
    if known[index] == 0 { known[index] = configuration.readingRulebookScores(year) ? 1 : 2 }
    return known[index] == 1
  }
}
