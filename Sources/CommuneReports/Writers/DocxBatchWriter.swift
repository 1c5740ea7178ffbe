import CommuneScoring

/// `--format docx`: the certification list as a Word file (`BatchHTMLReport.docx`), written at
/// the end like the HTML list it mirrors, its text compressed as it is made.
public struct DocxBatchWriter: BatchWriter {
  let options: BatchWriterOptions
  var gathered: HTMLBatchWriter.Gathered

  public init(_ options: BatchWriterOptions) {
    self.options = options
    gathered = HTMLBatchWriter.Gathered(options)
  }

  public func begin(into output: inout [UInt8]) {}

  public var plannedFormatter: BatchEngine.PlannedFormatter? {
    HTMLBatchWriter.Gathered.plannedFormatter(options)
  }

  public mutating func add(
    _ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]
  ) {
    gathered.add(row)
  }

  public mutating func add(
    formatted: ArraySlice<UInt8>, communes: Int, into output: inout [UInt8]
  ) {
    gathered.add(frames: formatted)
  }

  public mutating func end(_ tally: BatchTally, into output: inout [UInt8]) {
    end(tally, into: &output) { _ in }
  }

  /// Writes the file as the list is made, compressed piece by piece, flushing as it goes.
  public mutating func end(
    _ tally: BatchTally, into output: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    let report = gathered.end(tally, options)
    report.docx(
      certified: gathered.certified, summary: gathered.summary, years: gathered.years.sorted(),
      into: &output, flush: flush)
  }
}
