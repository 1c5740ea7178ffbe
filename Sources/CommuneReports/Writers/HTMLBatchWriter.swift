import CommuneScoring

/// `--format html`: the certification list (`BatchHTMLReport`), written whole at the end since
/// its title names the years and the area. Keeps only the recognised communes and the summary.
public struct HTMLBatchWriter: BatchWriter {
  /// What the certification list needs of the whole batch, gathered row by row.
  struct Gathered {
    var summary: BatchSummary
    var certified: [BatchEntry] = []
    var years: Set<Int> = []
    var provinces: Set<String> = []
    var districts: Set<String> = []
    let namesRulebook: Bool
    /// The rulebooks of the recognised communes, in order of first appearance (a run over
    /// several rulebooks only).
    var rulebooks: [Rulebook] = []

    init(_ options: BatchWriterOptions) {
      summary = BatchSummary(criteria: options.rulebook.criteria.count)
      namesRulebook = options.namesRulebook
    }

    mutating func add(_ row: BatchRow) {
      var entry = BatchEntry(row.record, row.score, reviewed: row.reviewed)
      if namesRulebook { entry.rulebook = row.rulebook.id }
      summary.add(entry)
      years.insert(entry.year)
      provinces.insert(entry.province)
      if let district = entry.district { districts.insert(district) }
      if entry.status == .recognized {
        certified.append(entry)
        if namesRulebook, !rulebooks.contains(where: { $0.id == row.rulebook.id }) {
          rulebooks.append(row.rulebook)
        }
      }
    }

    func report(_ options: BatchWriterOptions) -> BatchHTMLReport {
      BatchHTMLReport(
        rulebook: options.rulebook, language: options.language, frame: options.frame,
        split: options.split, namesRulebook: options.namesRulebook, otherRulebooks: rulebooks)
    }
  }

  let options: BatchWriterOptions
  var gathered: Gathered

  public init(_ options: BatchWriterOptions) {
    self.options = options
    gathered = Gathered(options)
  }

  public func begin(into output: inout [UInt8]) {}

  public mutating func add(
    _ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]
  ) {
    gathered.add(row)
  }

  public mutating func end(_ tally: BatchTally, into output: inout [UInt8]) {
    gathered.summary.rejected = tally.all.rejected
    gathered.summary.unmatchedReviews = tally.unusedReviews
    output +=
      gathered.report(options).render(
        certified: gathered.certified, summary: gathered.summary, years: gathered.years.sorted(),
        provinces: gathered.provinces.sorted(), districts: gathered.districts.sorted()
      ).utf8
  }
}
