/// Runs the lanes of a batch's pipeline, in parallel or not.
///
/// The batch engine never creates threads itself: it is given an executor. The engine asks it
/// for `width - 1` lanes that score groups of records while the calling thread reads, cuts,
/// scores too, and delivers in input order. The command line gives one whose lanes are threads;
/// tests give `SerialBatchExecutor` (the calling thread does everything), so a batch's output
/// can be compared across executors.
public protocol BatchExecutor: Sendable {
  /// How many threads may work at once, the calling thread included (1 for a serial executor).
  var width: Int { get }
  /// Calls `body(0) … body(iterations - 1)`, in any order and possibly at the same time, and
  /// returns when every call has returned.
  func perform(iterations: Int, _ body: @Sendable (Int) -> Void)
  /// The same, while `meanwhile` runs on the calling thread (the batch engine's lanes run while
  /// it reads and delivers); returns when both are done. `meanwhile` must never wait for an
  /// iteration to start: the engine's does not.
  func perform(iterations: Int, _ body: @Sendable (Int) -> Void, meanwhile: () -> Void)
  /// A new signal for the engine's threads to sleep on while they wait for one another.
  func makeSignal() -> any BatchSignal
}

extension BatchExecutor {
  /// Runs `meanwhile`, then the iterations: nothing overlaps.
  public func perform(iterations: Int, _ body: @Sendable (Int) -> Void, meanwhile: () -> Void) {
    meanwhile()
    perform(iterations: iterations, body)
  }

  /// A signal that spins while it waits: enough for an executor whose iterations do not overlap
  /// `meanwhile` (nothing then waits), wasteful for one with threads.
  public func makeSignal() -> any BatchSignal { SpinningBatchSignal() }
}

/// Runs iterations one after another on the calling thread.
public struct SerialBatchExecutor: BatchExecutor {
  public init() {}
  public var width: Int { 1 }
  public func perform(iterations: Int, _ body: @Sendable (Int) -> Void) {
    for index in 0..<iterations { body(index) }
  }
}

/// How the records of a batch input are laid out.
public enum BatchLayout: String, Sendable, Equatable {
  /// A CSV file with a header row.
  case csv
  /// A JSON array of records.
  case jsonArray = "json"
  /// JSON Lines: one record per line.
  case jsonLines = "jsonl"
  /// One JSON record on its own (a commune's dossier, as `cfc assess` reads it).
  case jsonRecord = "record"
}

/// One input of a batch: a name for messages, its layout when known (nil: decided by its
/// content), and a way to pull its bytes chunk by chunk.
///
/// `next` is called on the caller's thread only, until it returns nil. Chunks may have any size
/// (even one byte): the output does not depend on it.
public struct BatchSource {
  /// The name shown in errors and in the tally (a path, or "-" for standard input).
  public var name: String
  public var layout: BatchLayout?
  public var next: () -> [UInt8]?

  public init(name: String, layout: BatchLayout?, next: @escaping () -> [UInt8]?) {
    self.name = name
    self.layout = layout
    self.next = next
  }

  /// A source over bytes already in memory, cut into chunks of `chunkSize` bytes.
  public init(name: String, layout: BatchLayout?, bytes: [UInt8], chunkSize: Int = 1 << 20) {
    var offset = 0
    let size = max(1, chunkSize)
    self.init(name: name, layout: layout) {
      guard offset < bytes.count else { return nil }
      let end = min(bytes.count, offset + size)
      defer { offset = end }
      return Array(bytes[offset..<end])
    }
  }
}

/// One assessed record, as the engine hands it to writers.
public struct BatchRow: Sendable {
  /// Which source (index into the run's sources) the record came from.
  public var source: Int
  /// The line where the record starts in its source (1-based).
  public var line: Int
  /// The record as read; `record.review` holds the council's adjustments when it was reviewed.
  public var record: EvidenceRecord
  /// The result that counts: the reviewed one when a council reviewed the record.
  public var score: Score
  /// The commune's own result, when a council reviewed the record (nil otherwise).
  public var ownScore: Score?
  /// The rulebook the record was scored with (chosen by the record's year).
  public var rulebook: Rulebook { scoredWith.value }
  /// The same, held by one reference: copying a row (worker → delivery → writer) then costs one
  /// reference count, not one for every array and text of the rulebook.
  let scoredWith: BatchRulebookReference

  /// Whether a council's review decided the result.
  public var reviewed: Bool { ownScore != nil }
}

/// A rulebook held by reference, shared by the rows scored with it.
final class BatchRulebookReference: Sendable {
  let value: Rulebook

  init(_ value: Rulebook) { self.value = value }
}

/// A record that could not be assessed, with every reason found.
public struct BatchRejection: Sendable, Equatable {
  /// The name of the file the problem is in (the batch file, or the review file).
  public var source: String
  /// The line where the record starts.
  public var line: Int
  public var error: EvidenceError

  public init(source: String, line: Int, error: EvidenceError) {
    self.source = source
    self.line = line
    self.error = error
  }
}

/// The accounting of a batch run: every record read is either assessed or rejected.
public struct BatchTally: Sendable, Equatable {
  /// The figures of one source (or of the whole run).
  public struct Counts: Sendable, Equatable {
    public var read = 0
    public var assessed = 0
    public var rejected = 0

    public init(read: Int = 0, assessed: Int = 0, rejected: Int = 0) {
      self.read = read
      self.assessed = assessed
      self.rejected = rejected
    }
  }

  /// The whole run.
  public var all = Counts()
  /// Each source, in the order read.
  public var sources: [(name: String, counts: Counts)] = []
  /// Review corrections that named no commune of the batch (each is also reported).
  public var unusedReviews = 0

  public init() {}

  public static func == (lhs: BatchTally, rhs: BatchTally) -> Bool {
    lhs.all == rhs.all && lhs.unusedReviews == rhs.unusedReviews
      && lhs.sources.map(\.name) == rhs.sources.map(\.name)
      && lhs.sources.map(\.counts) == rhs.sources.map(\.counts)
  }

  /// True when every record was assessed and every review correction was used.
  public var isClean: Bool { all.rejected == 0 && unusedReviews == 0 }
}

/// What the engine delivers, in input order.
public enum BatchItem {
  /// An assessed record, with the bytes the writer's formatter produced for it.
  case assessed(BatchRow, formatted: ArraySlice<UInt8>)
  /// Assessed communes that the compiled plan scored, in input order: only their bytes, as the
  /// writer's planned formatter produced them (only when the run was given one).
  case formatted(ArraySlice<UInt8>, communes: Int)
  /// A record that was read but could not be assessed.
  case rejected(BatchRejection)
  /// How a source was read (an assumed encoding, a restored code), with the source's name.
  case note(source: String, ReadingNote)
  /// A review correction for a commune that is not in the batch (delivered at the end).
  case unusedReview(BatchRejection)
}

/// Why a batch source could not be read at all: refused bytes, an empty batch, a CSV header
/// with unknown, repeated or missing columns.
public struct BatchFailure: Error, Sendable, Equatable {
  public var source: String
  public var error: EvidenceError

  public init(source: String, error: EvidenceError) {
    self.source = source
    self.error = error
  }
}
