import CommuneScoring

/// `--format html`: the certification list (`BatchHTMLReport`), written at the end since its
/// title names the years and the area and its rows are sorted by province and district. Keeps
/// only the summary and the recognised communes, compactly (`CertifiedList`), and writes the
/// list row by row, so memory holds neither the rows nor the page.
public struct HTMLBatchWriter: BatchWriter {
  /// What the certification list needs of the whole batch, gathered row by row.
  struct Gathered {
    var summary: BatchSummary
    var certified = CertifiedList()
    var years: Set<Int> = []
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
      add(entry)
      if entry.status == .recognized, namesRulebook,
        !rulebooks.contains(where: { $0.id == row.rulebook.id })
      {
        rulebooks.append(row.rulebook)
      }
    }

    /// Communes the compiled plan scored (`PlannedListFrame`), in input order; the plan
    /// serves runs with one rulebook only, whose lists name no rulebook.
    mutating func add(frames: ArraySlice<UInt8>) {
      PlannedListFrame.forEachEntry(frames) { add($0) }
    }

    mutating func add(_ entry: BatchEntry) {
      summary.add(entry)
      years.insert(entry.year)
      if entry.status == .recognized { certified.append(entry) }
    }

    /// Writes each commune the compiled plan scored as a frame (none when rows name their
    /// rulebook: the plan serves runs with one rulebook).
    static func plannedFormatter(_ options: BatchWriterOptions) -> BatchEngine.PlannedFormatter? {
      guard !options.namesRulebook else { return nil }
      return { row, bytes in PlannedListFrame.append(row, to: &bytes) }
    }

    mutating func end(_ tally: BatchTally, _ options: BatchWriterOptions) -> BatchHTMLReport {
      summary.rejected = tally.all.rejected
      summary.unmatchedReviews = tally.unusedReviews
      certified.sort()
      return BatchHTMLReport(
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

  public var plannedFormatter: BatchEngine.PlannedFormatter? {
    Gathered.plannedFormatter(options)
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

  public mutating func end(
    _ tally: BatchTally, into output: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    let report = gathered.end(tally, options)
    report.render(
      certified: gathered.certified, summary: gathered.summary, years: gathered.years.sorted()
    ) { piece in
      output += piece.utf8
      if output.count >= 1 << 16 { flush(&output) }
    }
  }
}
