import CommuneScoring

/// `--format xlsx`: the batch's rows in a workbook (`XLSXWriter`), codes kept as text. The
/// archive is written in `end`.
public struct XLSXBatchWriter: BatchWriter {
  let options: BatchWriterOptions
  var workbook: XLSXWriter

  public init(_ options: BatchWriterOptions) {
    self.options = options
    workbook = XLSXWriter(sheetName: options.language == .vi ? "Danh sách xã" : "Communes")
  }

  public mutating func begin(into output: inout [UInt8]) {
    workbook.add(
      BatchCSVReport.headerCells(options.rulebook) + (options.withReview ? [.text("reviewed")] : [])
    )
  }

  public mutating func add(
    _ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]
  ) {
    guard !options.certifiedOnly || row.score.status == .recognized else { return }
    let entry = BatchEntry(row.record, row.score, reviewed: row.reviewed)
    workbook.add(
      BatchCSVReport.cells(entry)
        + (options.withReview ? [.text(entry.reviewed ? "yes" : "no")] : []))
  }

  public func end(_ tally: BatchTally, into output: inout [UInt8]) {
    output += workbook.data()
  }
}
