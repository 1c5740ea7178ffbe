/// The batch engine: records in, assessed rows and rejections out, in input order.
///
/// It works as a pipeline (`BatchPipeline.swift`). The caller's thread reads each source chunk
/// by chunk and cuts every chunk into raw records: a round, split into groups. The executor's
/// lanes score the groups (decode, apply reviews, score, format) in input order, a few rounds
/// ahead, with no barrier between rounds. The caller's thread checks each round for duplicates,
/// counts it and delivers it in input order once all its groups are scored; when it has nothing
/// to cut or deliver, it scores groups too. Record boundaries are found sequentially, so output,
/// line numbers and the tally are the same whatever the chunk size and the number of workers.
/// Memory holds a few chunks per worker, plus the duplicate index (a few bytes a commune).
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
  /// `planned`, the CSV rows and JSON records the compiled plan can score (`ScoringPlan`,
  /// `CSVRowPlan`, `JSONRecordPlan`) are scored from their bytes and formatted by it, and
  /// delivered as `.formatted`; every other record takes the general path. Without it, every
  /// record does.
  public func run(
    _ sources: [BatchSource], executor: some BatchExecutor, format: @escaping Formatter,
    planned: PlannedFormatter? = nil, deliver: (BatchItem) -> Void
  ) throws(BatchFailure) -> BatchTally {
    var tally = BatchTally()
    var state = DeliveryState()
    // Compiled once for the run: the rulebook is the same for every source.
    let plan = planned != nil ? ScoringPlan(configuration.rulebook) : nil
    let width = max(1, executor.width)
    let queue = BatchJobQueue(
      laneSignal: width > 1 ? executor.makeSignal() : SpinningBatchSignal(),
      mainSignal: width > 1 ? executor.makeSignal() : SpinningBatchSignal())
    var failure: BatchFailure?
    executor.perform(
      iterations: width - 1,
      { _ in
        while let (round, index) = queue.take() { round.score(index, queue: queue) }
      },
      meanwhile: {
        // The lanes end when this does, whatever happens.
        defer { queue.close() }
        do throws(BatchFailure) {
          for (index, source) in sources.enumerated() {
            tally.sources.append((source.name, BatchTally.Counts()))
            try runSource(
              source, index: index, queue: queue, depth: 2 * width + 1, format: format,
              planned: plan.flatMap { plan in planned.map { (plan, $0) } }, state: &state,
              tally: &tally, deliver: deliver)
          }
        } catch {
          failure = error
        }
      })
    if let failure { throw failure }
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

  /// Reads, scores and delivers one source, at most `depth` rounds in flight.
  func runSource(
    _ source: BatchSource, index sourceIndex: Int, queue: BatchJobQueue, depth: Int,
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
    // The pool never holds more buffers than were in flight at once: the limit only frees
    // those of an unusually deep moment.
    let buffers = BatchBufferPool(limit: 64)
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
      fast: fast, buffers: buffers,
      json: fast == nil ? jsonFastPath(decoder, planned: planned) : nil)
    // The rounds cut and not delivered yet, in input order.
    var rounds: [BatchRound] = []
    func push(_ batch: RecordBatch) {
      guard !batch.records.isEmpty || !batch.notes.isEmpty else { return }
      let round = BatchRound(batch, worker: worker, groupSize: configuration.groupSize)
      rounds.append(round)
      queue.push(round)
    }
    push(raw)
    while true {
      if let oldest = rounds.first, oldest.isComplete {
        rounds.removeFirst()
        for note in oldest.notes { deliver(.note(source: source.name, note)) }
        var outputs = oldest.takeOutputs()
        for index in outputs.indices {
          deliverGroup(outputs[index], state: &state, tally: &tally, deliver: deliver)
          // Delivered: the bytes go back to the workers (held here alone, so kept).
          let bytes = outputs[index].bytes
          outputs[index].bytes = []
          buffers.give(bytes)
        }
        continue
      }
      if !finished, rounds.count < depth {
        let chunk = source.next()
        finished = chunk == nil
        do {
          push(try cutter.feed(chunk ?? [], final: finished))
        } catch {
          throw BatchFailure(source: source.name, error: error)
        }
        continue
      }
      guard let oldest = rounds.first else { return }
      switch queue.step(waitingFor: oldest) {
      case .deliver: continue
      case .score(let round, let index): round.score(index, queue: queue)
      case .wait: queue.waitForRound()
      }
    }
  }
}
