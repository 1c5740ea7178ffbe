import CommuneScoring

/// One output format of `cfc batch`: a streaming writer fed in input order.
///
/// The batch engine calls, in this order: `begin` once; then, for every record, `add` (an
/// assessed commune) or `reject` (a record that could not be assessed), in input order; then
/// `end` once with the tally. Each call appends the bytes to write to `output`, which the caller
/// sends on (to a file or standard output) after the call, so a writer that streams keeps flat
/// memory. A writer that needs the whole batch (a document with a summary at the top) may keep
/// what it needs and write everything in `end`.
///
/// Costly per-record formatting belongs in `formatter`: the engine calls it on its worker
/// threads, in parallel, for every assessed record, and hands the bytes it appended to `add` as
/// `formatted`. It must depend on the row alone. A writer that formats in `add` leaves the
/// default, which appends nothing.
///
/// Every format has exactly one writer type, in its own file next to this one; `BatchFormat`
/// is the one place that maps a format's name to its writer.
public protocol BatchWriter {
  /// Formats one assessed row on a worker thread by appending to the bytes given.
  var formatter: BatchEngine.Formatter { get }
  /// Formats one row the compiled plan scored, on a worker thread, exactly as `formatter` would
  /// format it; nil (the default) when the format needs the general path's rows. The engine
  /// delivers such rows as `.formatted` bytes, handed to `add(formatted:communes:into:)`.
  var plannedFormatter: BatchEngine.PlannedFormatter? { get }
  /// Starts the output (a header row, an opening bracket, …).
  mutating func begin(into output: inout [UInt8])
  /// One assessed commune, with the bytes `formatter` produced for it.
  mutating func add(_ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8])
  /// A run of communes the compiled plan scored, in input order: the bytes `plannedFormatter`
  /// produced for them, back to back.
  mutating func add(formatted: ArraySlice<UInt8>, communes: Int, into output: inout [UInt8])
  /// Whether `add(formatted:communes:into:)` appends the bytes unchanged: the caller may then
  /// send them on itself (after what `output` holds), without copying them into `output`.
  /// False by default; a writer whose planned rows are half a megabyte a group says true.
  var writesFormattedAsIs: Bool { get }
  /// One record that was read but could not be assessed (already reported on standard error).
  mutating func reject(_ rejection: BatchRejection, into output: inout [UInt8])
  /// Ends the output, given the run's accounting.
  mutating func end(_ tally: BatchTally, into output: inout [UInt8])
  /// Ends the output, calling `flush` (which sends the bytes on and empties them) whenever
  /// enough has been appended: a document written at the end need not be held whole. By
  /// default, `end(_:into:)` then one flush.
  mutating func end(
    _ tally: BatchTally, into output: inout [UInt8], flush: (inout [UInt8]) -> Void)
}

extension BatchWriter {
  /// Formats nothing on the workers.
  public var formatter: BatchEngine.Formatter { { _, _ in } }
  /// No planned rows: every record takes the general path.
  public var plannedFormatter: BatchEngine.PlannedFormatter? { nil }
  /// Appends the whole end, then flushes it.
  public mutating func end(
    _ tally: BatchTally, into output: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    end(tally, into: &output)
    flush(&output)
  }
  /// The caller hands planned rows to `add(formatted:communes:into:)`.
  public var writesFormattedAsIs: Bool { false }
  /// Planned rows are written as they were formatted.
  public mutating func add(
    formatted: ArraySlice<UInt8>, communes: Int, into output: inout [UInt8]
  ) {
    output += formatted
  }
  /// Writes nothing for a rejected record.
  public mutating func reject(_ rejection: BatchRejection, into output: inout [UInt8]) {}
}

/// What every writer is told about the run.
public struct BatchWriterOptions: Sendable {
  /// The rulebook used for headings and labels (the default one for a run over several years).
  public var rulebook: Rulebook
  public var language: Language
  /// Only recognised communes are listed (the summary still counts every commune).
  public var certifiedOnly: Bool
  /// Whether a review file was given (CSV and xlsx add their review columns).
  public var withReview: Bool
  /// What fills the official frame of the certification list (HTML and Word).
  public var frame: FrameValues
  /// How the certification list is split into documents (HTML and Word).
  public var split: ListSplit
  /// Whether rows name the rulebook that scored them (a run over several rulebooks: CSV adds a
  /// last column `rulebook`, text ends each line with the rulebook's id, the HTML and Word lists
  /// and the xlsx list add a "Bộ tiêu chí" column).
  public var namesRulebook = false

  public init(
    rulebook: Rulebook, language: Language, certifiedOnly: Bool, withReview: Bool,
    frame: FrameValues = FrameValues(), split: ListSplit = .all
  ) {
    self.rulebook = rulebook
    self.language = language
    self.certifiedOnly = certifiedOnly
    self.withReview = withReview
    self.frame = frame
    self.split = split
  }
}

/// The output formats of `cfc batch`.
public enum BatchFormat: String, Sendable, CaseIterable {
  case text, csv, json, html, xlsx, docx
  /// JSON Lines: one compact object per commune, rejected record and tally.
  case jsonl

  /// Whether the output is bytes that are not text (it needs a file).
  public var isBinary: Bool { self == .xlsx || self == .docx }

  /// Whether each commune is one object of its own, so that communes scored by rulebooks with
  /// different criteria can share the output (tables have one column per criterion).
  public var mixesRulebooks: Bool { self == .json || self == .jsonl }

  /// Whether the output shows each JSON record's receipt (the SHA-256 of its bytes): only
  /// `json`, whose objects are whole assessments. The others let reading skip the hashing.
  public var showsInputReceipts: Bool { self == .json }

  /// The writer of this format.
  public func writer(_ options: BatchWriterOptions) -> any BatchWriter {
    switch self {
    case .text: TextBatchWriter(options)
    case .csv: CSVBatchWriter(options)
    case .json: JSONBatchWriter(options)
    case .jsonl: JSONLinesBatchWriter(options)
    case .html: HTMLBatchWriter(options)
    case .docx: DocxBatchWriter(options)
    case .xlsx: XLSXBatchWriter(options)
    }
  }
}
