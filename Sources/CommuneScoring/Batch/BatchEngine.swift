import Synchronization

/// The batch engine: records in, assessed rows and rejections out, in input order.
///
/// Reading is cut into rounds of one chunk each. In a round, the chunk's raw records are split
/// into groups that the executor runs in parallel (decode, apply reviews, score, format), while
/// one more iteration cuts the next chunk into raw records. Then, on the caller's thread, the
/// groups' results are checked for duplicates, counted, and delivered in input order. Record
/// boundaries are found sequentially, so output, line numbers and the tally are the same
/// whatever the chunk size and the number of workers. Memory holds about two chunks, plus the
/// duplicate index (a few bytes a commune).
public struct BatchEngine: Sendable {
  /// Formats one assessed row on a worker thread by appending bytes (or nothing).
  public typealias Formatter = @Sendable (BatchRow, inout [UInt8]) -> Void

  /// What the engine needs to know besides its inputs.
  public struct Configuration: Sendable {
    /// The rulebook used to read records (CSV columns, JSON keys).
    public var rulebook: Rulebook
    /// The rulebook that scores a record, with the record carried over to it, or why no
    /// rulebook can (`RulebookShelf.choose`); by default `rulebookForYear`'s, record unchanged.
    /// Problems located at `.line(_, column:)` get the record's line.
    public var rulebookForRecord:
      @Sendable (EvidenceRecord) -> Result<(Rulebook, EvidenceRecord), EvidenceError>
    /// A council's corrections, applied to the communes they name.
    public var reviews: ReviewCorrections?
    /// Raw records per group handed to one worker.
    public var groupSize: Int
    /// The text encoding of the sources (nil: detected).
    public var encoding: TextEncoding?

    public init(
      rulebook: Rulebook, rulebookForYear: (@Sendable (Int) -> Rulebook)? = nil,
      rulebookForRecord: (
        @Sendable (EvidenceRecord) -> Result<(Rulebook, EvidenceRecord), EvidenceError>
      )? = nil,
      reviews: ReviewCorrections? = nil, groupSize: Int = 256, encoding: TextEncoding? = nil
    ) {
      self.encoding = encoding
      self.rulebook = rulebook
      let forYear = rulebookForYear ?? { _ in rulebook }
      self.rulebookForRecord = rulebookForRecord ?? { .success((forYear($0.year), $0)) }
      self.reviews = reviews
      self.groupSize = max(1, groupSize)
    }
  }

  public let configuration: Configuration

  public init(_ configuration: Configuration) { self.configuration = configuration }

  /// Reads every source in order and delivers every record's outcome in input order, then the
  /// review corrections no record used. Returns the tally.
  ///
  /// `format` runs on the executor's threads; `deliver` runs on the caller's thread.
  public func run(
    _ sources: [BatchSource], executor: some BatchExecutor, format: @escaping Formatter,
    deliver: (BatchItem) -> Void
  ) throws(BatchFailure) -> BatchTally {
    var tally = BatchTally()
    var state = DeliveryState()
    for (index, source) in sources.enumerated() {
      tally.sources.append((source.name, BatchTally.Counts()))
      try runSource(
        source, index: index, executor: executor, format: format, state: &state, tally: &tally,
        deliver: deliver)
    }
    if let reviews = configuration.reviews {
      let unused = reviews.byCommune.filter { !state.usedReviews.contains($0.key) }
      let entries = unused.flatMap { key, entries in entries.map { (key, $0) } }
        .sorted { $0.1.line < $1.1.line }
      for (key, entry) in entries {
        tally.unusedReviews += 1
        deliver(
          .unusedReview(
            BatchRejection(
              source: reviews.source, line: entry.line,
              error: EvidenceError(
                .line(entry.line, column: "code"),
                .unknownCommune(code: key.code, year: key.year)))))
      }
    }
    return tally
  }

  /// What delivery remembers across sources.
  struct DeliveryState {
    var duplicates = DuplicateIndex()
    var usedReviews: Set<ReviewCorrections.Key> = []
  }

  func runSource(
    _ source: BatchSource, index sourceIndex: Int, executor: some BatchExecutor,
    format: @escaping Formatter, state: inout DeliveryState, tally: inout BatchTally,
    deliver: (BatchItem) -> Void
  ) throws(BatchFailure) {
    var cutter = RecordCutter(
      layout: source.layout, rulebook: configuration.rulebook, encoding: configuration.encoding)
    var finished = false
    var raw = RecordBatch(bytes: [], records: [])
    // Until the header is read there is no decoder: read on.
    while cutter.decoder == nil || raw.records.isEmpty, !finished {
      let chunk = source.next()
      finished = chunk == nil
      do {
        let batch = try cutter.feed(chunk ?? [], final: finished)
        for note in batch.notes { deliver(.note(source: source.name, note)) }
        raw.notes = []
        if raw.records.isEmpty { raw = batch } else { raw.records += batch.records }
        raw.notes = []
      } catch {
        throw BatchFailure(source: source.name, error: error)
      }
    }
    guard let decoder = cutter.decoder else { return }
    let worker = Worker(
      source: sourceIndex, decoder: decoder, configuration: configuration, format: format)
    while true {
      // This round: the groups of `raw`, and (one more iteration) the cut of the next chunk.
      let current = raw
      let groups = Self.groups(current.records.count, size: configuration.groupSize)
      let outputs = Slots<GroupOutput>(count: groups.count)
      let wasFinished = finished
      if finished {
        executor.perform(iterations: groups.count) { index in
          outputs.set(index, worker.process(current, groups[index]))
        }
      } else {
        let chunk = source.next()
        let next = Mutex<Result<(RecordCutter, RecordBatch), EvidenceError>?>(nil)
        let cutterNow = cutter
        executor.perform(iterations: groups.count + 1) { index in
          guard index < groups.count else {
            var cutter = cutterNow
            let result = Result { () throws(EvidenceError) -> (RecordCutter, RecordBatch) in
              let batch = try cutter.feed(chunk ?? [], final: chunk == nil)
              return (cutter, batch)
            }
            next.withLock { $0 = result }
            return
          }
          outputs.set(index, worker.process(current, groups[index]))
        }
        finished = chunk == nil
        switch next.withLock({ $0 }) {
        case .success(let (newCutter, batch)):
          cutter = newCutter
          raw = batch
        case .failure(let error):
          throw BatchFailure(source: source.name, error: error)
        case nil:
          break
        }
      }
      for output in outputs.values() {
        deliverGroup(output, state: &state, tally: &tally, deliver: deliver)
      }
      if wasFinished { break }
      for note in raw.notes { deliver(.note(source: source.name, note)) }
    }
  }

  /// `count` items in groups of at most `size`.
  static func groups(_ count: Int, size: Int) -> [Range<Int>] {
    stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }

  func deliverGroup(
    _ output: GroupOutput, state: inout DeliveryState, tally: inout BatchTally,
    deliver: (BatchItem) -> Void
  ) {
    let sourceIndex = tally.sources.count - 1
    for outcome in output.outcomes {
      for note in outcome.notes {
        deliver(.note(source: tally.sources[sourceIndex].name, note))
      }
      tally.all.read += 1
      tally.sources[sourceIndex].counts.read += 1
      if let reviewKey = outcome.reviewKey { state.usedReviews.insert(reviewKey) }
      switch outcome.result {
      case .failure(let error):
        tally.all.rejected += 1
        tally.sources[sourceIndex].counts.rejected += 1
        deliver(
          .rejected(
            BatchRejection(
              source: tally.sources[sourceIndex].name, line: outcome.line, error: error)))
      case .success(let row):
        let record = row.record
        if let first = state.duplicates.first(
          code: record.commune.code, year: record.year, source: sourceIndex, line: outcome.line)
        {
          tally.all.rejected += 1
          tally.sources[sourceIndex].counts.rejected += 1
          let code = record.commune.code
          let problem: EvidenceProblem =
            first.source == sourceIndex
            ? .duplicate(code: code, year: record.year, firstLine: first.line)
            : .duplicateElsewhere(
              code: code, year: record.year, firstSource: tally.sources[first.source].name,
              firstLine: first.line)
          deliver(
            .rejected(
              BatchRejection(
                source: tally.sources[sourceIndex].name, line: outcome.line,
                error: EvidenceError(.line(outcome.line, column: "code"), problem))))
          continue
        }
        tally.all.assessed += 1
        tally.sources[sourceIndex].counts.assessed += 1
        deliver(.assessed(row, formatted: output.bytes[outcome.range]))
      }
    }
  }
}

/// One record's outcome inside a group.
struct Outcome: Sendable {
  var line: Int
  var result: Result<BatchRow, EvidenceError>
  var range: Range<Int> = 0..<0
  var reviewKey: ReviewCorrections.Key?
  var notes: [ReadingNote] = []
}

/// A group's outcomes, with the formatted bytes of its assessed rows back to back.
struct GroupOutput: Sendable {
  var outcomes: [Outcome] = []
  var bytes: [UInt8] = []
}

/// Slots that workers fill by index, read back in order.
final class Slots<Value: Sendable>: Sendable {
  let storage: Mutex<[Value?]>

  init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

  func set(_ index: Int, _ value: Value) {
    storage.withLock { $0[index] = value }
  }

  func values() -> [Value] { storage.withLock { $0.compactMap { $0 } } }
}

/// What every worker shares (read-only) to process a group.
struct Worker: Sendable {
  let source: Int
  let decoder: RecordDecoder
  let configuration: BatchEngine.Configuration
  let format: BatchEngine.Formatter

  func process(_ raw: RecordBatch, _ group: Range<Int>) -> GroupOutput {
    var output = GroupOutput()
    output.outcomes.reserveCapacity(group.count)
    output.bytes.reserveCapacity(group.count * 128)
    // The reference to the rulebook of the last record: a batch mostly uses one, so rows share
    // it rather than each holding a copy.
    var lastRulebook: BatchRulebookReference?
    var repeated = CSVRepeatedCells()
    for index in group {
      let decoded = decoder.decode(raw.records[index], in: raw.bytes, repeated: &repeated)
      var outcome = assess(
        decoded.result, line: decoded.line, rulebook: &lastRulebook, into: &output.bytes)
      outcome.notes = decoded.notes
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
