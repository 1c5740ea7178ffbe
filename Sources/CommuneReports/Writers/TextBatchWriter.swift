import CommuneScoring

/// The default output: one line per commune as it is assessed, then the summary.
public struct TextBatchWriter: BatchWriter {
  let options: BatchWriterOptions
  let report: BatchTextReport
  var summary: BatchSummary

  public init(_ options: BatchWriterOptions) {
    self.options = options
    report = BatchTextReport(rulebook: options.rulebook, language: options.language)
    summary = BatchSummary(criteria: options.rulebook.criteria.count)
  }

  public var formatter: BatchEngine.Formatter {
    let report = report
    let certifiedOnly = options.certifiedOnly
    let namesRulebook = options.namesRulebook
    return { row, bytes in
      guard !certifiedOnly || row.score.status == .recognized else { return }
      var line = report.line(
        BatchEntry(row.record, row.score, reviewed: row.reviewed), own: row.ownScore)
      if namesRulebook, let end = line.firstIndex(of: "\n") {
        line.insert(contentsOf: "  \(row.rulebook.id)", at: end)
      }
      bytes += line.utf8
    }
  }

  public func begin(into output: inout [UInt8]) { output += report.header().utf8 }

  public mutating func add(
    _ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]
  ) {
    summary.add(BatchEntry(row.record, row.score, reviewed: row.reviewed))
    output += formatted
  }

  public mutating func end(_ tally: BatchTally, into output: inout [UInt8]) {
    summary.rejected = tally.all.rejected
    summary.unmatchedReviews = tally.unusedReviews
    output += report.summary(summary).utf8
  }
}
