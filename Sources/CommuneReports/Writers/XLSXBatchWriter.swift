import CommuneScoring

/// `--format xlsx`: the council's workbook (`BatchWorkbook`), streamed: each commune's cells are
/// formatted on the workers, compressed into the archive in input order, and the summary and
/// review sheets are written at the end. Memory stays flat whatever the number of communes.
public struct XLSXBatchWriter: BatchWriter {
  let options: BatchWriterOptions
  var workbook: BatchWorkbook

  public init(_ options: BatchWriterOptions) {
    self.options = options
    workbook = BatchWorkbook(
      rulebook: options.rulebook, language: options.language, withReview: options.withReview,
      certifiedOnly: options.certifiedOnly, namesRulebook: options.namesRulebook)
  }

  public var formatter: BatchEngine.Formatter {
    let certifiedOnly = options.certifiedOnly
    let withReview = options.withReview
    let language = options.language
    let namesRulebook = options.namesRulebook
    return { row, bytes in
      guard !certifiedOnly || row.score.status == .recognized else { return }
      BatchWorkbook.cellsXML(
        Self.entry(row, namesRulebook: namesRulebook), own: Self.own(row),
        rulebook: row.rulebook, language: language, withReview: withReview, into: &bytes)
    }
  }

  /// The same rows, as frames, for communes the compiled plan scored (none when rows name
  /// their rulebook: the plan serves runs with one rulebook).
  public var plannedFormatter: BatchEngine.PlannedFormatter? {
    guard !options.namesRulebook else { return nil }
    let cells = BatchWorkbook.PlannedCells(
      rulebook: options.rulebook, language: options.language, withReview: options.withReview,
      certifiedOnly: options.certifiedOnly)
    return { row, bytes in cells.frame(row, into: &bytes) }
  }

  /// The row as the workbook lists it, naming its rulebook in a run over several.
  static func entry(_ row: BatchRow, namesRulebook: Bool) -> BatchEntry {
    var entry = BatchEntry(row.record, row.score, reviewed: row.reviewed)
    if namesRulebook { entry.rulebook = row.rulebook.id }
    return entry
  }

  static func own(_ row: BatchRow) -> BatchWorkbook.OwnResult? {
    row.ownScore.map { BatchWorkbook.OwnResult(total: $0.total, status: $0.status) }
  }

  public mutating func begin(into output: inout [UInt8]) {
    workbook.begin(into: &output)
  }

  public mutating func add(
    _ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]
  ) {
    workbook.add(
      Self.entry(row, namesRulebook: options.namesRulebook), own: Self.own(row),
      formatted: formatted.isEmpty ? nil : formatted, into: &output)
  }

  public mutating func add(
    formatted: ArraySlice<UInt8>, communes: Int, into output: inout [UInt8]
  ) {
    workbook.add(frames: formatted, into: &output)
  }

  public mutating func end(_ tally: BatchTally, into output: inout [UInt8]) {
    workbook.end(rejected: tally.all.rejected, into: &output)
  }
}
