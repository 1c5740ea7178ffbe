import CommuneScoring

/// `--format csv`: the contract's columns, one row per commune, formatted on the workers.
public struct CSVBatchWriter: BatchWriter {
  let options: BatchWriterOptions

  public init(_ options: BatchWriterOptions) { self.options = options }

  public var formatter: BatchEngine.Formatter {
    let certifiedOnly = options.certifiedOnly
    let withReview = options.withReview
    return { row, bytes in
      guard !certifiedOnly || row.score.status == .recognized else { return }
      CSVRowBuilder.appending(to: &bytes) { builder in
        BatchCSVReport.append(
          row.record, row.score, selfScore: row.ownScore, withReview: withReview,
          pointScale: row.rulebook.pointScale, to: &builder)
      }
    }
  }

  public func begin(into output: inout [UInt8]) {
    output += BatchCSVReport.header(options.rulebook, withReview: options.withReview).utf8
  }

  public func add(_ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]) {
    output += formatted
  }

  public func end(_ tally: BatchTally, into output: inout [UInt8]) {}
}
