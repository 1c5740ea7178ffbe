import CommuneScoring

/// `--format csv`: the contract's columns, one row per commune, formatted on the workers.
public struct CSVBatchWriter: BatchWriter {
  let options: BatchWriterOptions

  public init(_ options: BatchWriterOptions) { self.options = options }

  public var formatter: BatchEngine.Formatter {
    let certifiedOnly = options.certifiedOnly
    let withReview = options.withReview
    let namesRulebook = options.namesRulebook
    return { row, bytes in
      guard !certifiedOnly || row.score.status == .recognized else { return }
      CSVRowBuilder.appending(to: &bytes) { builder in
        BatchCSVReport.append(
          row.record, row.score, selfScore: row.ownScore, withReview: withReview,
          pointScale: row.rulebook.pointScale, rulebook: namesRulebook ? row.rulebook.id : nil,
          to: &builder)
      }
    }
  }

  /// The same rows for communes the compiled plan scored (none when rows name their rulebook:
  /// the plan serves runs with one rulebook).
  public var plannedFormatter: BatchEngine.PlannedFormatter? {
    guard !options.namesRulebook else { return nil }
    let certifiedOnly = options.certifiedOnly
    let withReview = options.withReview
    return { row, bytes in
      guard !certifiedOnly || row.score.status == .recognized else { return }
      BatchCSVReport.append(planned: row, withReview: withReview, to: &bytes)
    }
  }

  /// Planned rows are written as they were formatted (the default `add(formatted:…)`).
  public var writesFormattedAsIs: Bool { true }

  public func begin(into output: inout [UInt8]) {
    var header = BatchCSVReport.header(options.rulebook, withReview: options.withReview)
    // "\r\n" is one Character: drop it whole, then end the row again.
    if options.namesRulebook { header = String(header.dropLast()) + ",rulebook\r\n" }
    output += header.utf8
  }

  public func add(_ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]) {
    output += formatted
  }

  public func end(_ tally: BatchTally, into output: inout [UInt8]) {}
}
