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
    {
      didSet { readingRulebookScores = { _ in false } }
    }
    /// Whether `rulebookForRecord` gives the records of a year to `rulebook` itself, unchanged:
    /// only those may the compiled plan score. Always, without a chooser; never, for a chooser
    /// that does not say.
    public var readingRulebookScores: @Sendable (_ year: Int) -> Bool
    /// A council's corrections, applied to the communes they name.
    public var reviews: ReviewCorrections?
    /// Raw records per group handed to one worker.
    public var groupSize: Int
    /// The text encoding of the sources (nil: detected).
    public var encoding: TextEncoding?

    /// Whether JSON records keep the SHA-256 of their own bytes (`inputSHA256`, the receipt a
    /// single assessment shows). Only outputs that show it need it; hashing is about a third of
    /// reading JSON Lines.
    public var inputReceipts = true

    public init(
      rulebook: Rulebook, rulebookForYear: (@Sendable (Int) -> Rulebook)? = nil,
      rulebookForRecord: (
        @Sendable (EvidenceRecord) -> Result<(Rulebook, EvidenceRecord), EvidenceError>
      )? = nil,
      readingRulebookScores: (@Sendable (_ year: Int) -> Bool)? = nil,
      reviews: ReviewCorrections? = nil, groupSize: Int = 256, encoding: TextEncoding? = nil
    ) {
      self.encoding = encoding
      self.rulebook = rulebook
      let forYear = rulebookForYear ?? { _ in rulebook }
      self.rulebookForRecord = rulebookForRecord ?? { .success((forYear($0.year), $0)) }
      let chooses = rulebookForYear != nil || rulebookForRecord != nil
      self.readingRulebookScores = readingRulebookScores ?? { _ in !chooses }
      self.reviews = reviews
      self.groupSize = max(1, groupSize)
    }
  }

  public let configuration: Configuration

  public init(_ configuration: Configuration) { self.configuration = configuration }

  /// Reads every source in order and delivers every record's outcome in input order, then the
  /// review corrections no record used. Returns the tally.
  ///
  /// `format` runs on the executor's threads; `deliver` runs on the caller's thread. With
  /// `planned`, the CSV rows the compiled plan can score (`ScoringPlan`, `CSVRowPlan`) are
  /// scored from their bytes and formatted by it, and delivered as `.formatted`; every other
  /// record takes the general path. Without it, every record does.
  public func run(
    _ sources: [BatchSource], executor: some BatchExecutor, format: @escaping Formatter,
    planned: PlannedFormatter? = nil, deliver: (BatchItem) -> Void
  ) throws(BatchFailure) -> BatchTally {
    var tally = BatchTally()
    var state = DeliveryState()
    // Compiled once for the run: the rulebook is the same for every source.
    let plan = planned != nil ? ScoringPlan(configuration.rulebook) : nil
    for (index, source) in sources.enumerated() {
      tally.sources.append((source.name, BatchTally.Counts()))
      try runSource(
        source, index: index, executor: executor, format: format,
        planned: plan.flatMap { plan in planned.map { (plan, $0) } }, state: &state,
        tally: &tally, deliver: deliver)
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
                reviews.codeColumn.location(line: entry.line),
                .unknownCommune(code: key.code, year: key.year)))))
      }
    }
    return tally
  }

  func runSource(
    _ source: BatchSource, index sourceIndex: Int, executor: some BatchExecutor,
    format: @escaping Formatter, planned: (ScoringPlan, PlannedFormatter)?,
    state: inout DeliveryState, tally: inout BatchTally, deliver: (BatchItem) -> Void
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
    var fast: Worker.FastPath?
    if let (plan, formatter) = planned, let layout = decoder.layout,
      let separator = decoder.csvSeparator,
      let rows = CSVRowPlan(layout: layout, separator: separator, scoring: plan)
    {
      fast = Worker.FastPath(rows: rows, format: formatter)
    }
    let worker = Worker(
      source: sourceIndex, decoder: decoder.keepingReceipts(configuration.inputReceipts),
      configuration: configuration, format: format,
      fast: fast)
    // The previous round's results and the notes read since, delivered while the workers
    // score this round (with one thread, before it): input order is kept.
    var pending: (outputs: [GroupOutput], notes: [ReadingNote])?
    func deliverPending() {
      guard let (outputs, notes) = pending else { return }
      pending = nil
      for output in outputs {
        deliverGroup(output, state: &state, tally: &tally, deliver: deliver)
      }
      for note in notes { deliver(.note(source: source.name, note)) }
    }
    while true {
      // This round: the groups of `raw`, and (one more iteration) the cut of the next chunk.
      let current = raw
      let groups = Self.groups(current.records.count, size: configuration.groupSize)
      let outputs = Slots<GroupOutput>(count: groups.count)
      let wasFinished = finished
      if finished {
        executor.perform(
          iterations: groups.count,
          { index in outputs.set(index, worker.process(current, groups[index])) },
          meanwhile: deliverPending)
      } else {
        let chunk = source.next()
        let next = Mutex<Result<(RecordCutter, RecordBatch), EvidenceError>?>(nil)
        let cutterNow = cutter
        executor.perform(
          iterations: groups.count + 1,
          { index in
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
          }, meanwhile: deliverPending)
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
      pending = (outputs.values(), wasFinished ? [] : raw.notes)
      if wasFinished {
        deliverPending()
        break
      }
    }
  }

  /// `count` items in groups of at most `size`.
  static func groups(_ count: Int, size: Int) -> [Range<Int>] {
    stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }
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
