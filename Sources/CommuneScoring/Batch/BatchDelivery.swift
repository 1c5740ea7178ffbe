// The serial end of a batch round, on the caller's thread: each group's rows in input order are
// checked for duplicates, counted and delivered. Kept small, since the workers wait for it:
// rows the compiled plan scored cost a lookup of their packed key, and a run of them goes out
// as one slice of bytes.

extension BatchEngine {
  /// What delivery remembers across sources.
  struct DeliveryState {
    var duplicates = DuplicateIndex()
    var usedReviews: Set<ReviewCorrections.Key> = []
  }

  func deliverGroup(
    _ output: GroupOutput, state: inout DeliveryState, tally: inout BatchTally,
    deliver: (BatchItem) -> Void
  ) {
    let sourceIndex = tally.sources.count - 1
    // A run of planned rows not delivered yet: their bytes and how many they are.
    var runStart = 0
    var runEnd = 0
    var runCount = 0
    func flush() {
      guard runCount > 0 else { return }
      tally.all.read += runCount
      tally.all.assessed += runCount
      tally.sources[sourceIndex].counts.read += runCount
      tally.sources[sourceIndex].counts.assessed += runCount
      deliver(.formatted(output.bytes[runStart..<runEnd], communes: runCount))
      runCount = 0
    }
    state.duplicates.touch(output.rows.lazy.map { $0.outcome < 0 ? $0.key : 0 })
    for entry in output.rows {
      guard entry.outcome < 0 else {
        flush()
        deliverOutcome(
          output.outcomes[entry.outcome], bytes: output.bytes, sourceIndex: sourceIndex,
          state: &state, tally: &tally, deliver: deliver)
        continue
      }
      if let first = state.duplicates.first(
        packed: entry.key, source: sourceIndex, line: entry.line)
      {
        flush()
        let (code, year) = DuplicateIndex.unpack(entry.key)
        tally.all.read += 1
        tally.sources[sourceIndex].counts.read += 1
        reject(
          code: code, year: year, line: entry.line, first: first, sourceIndex: sourceIndex,
          tally: &tally, deliver: deliver)
        continue
      }
      if runCount == 0 { runStart = entry.start }
      runEnd = entry.end
      runCount += 1
    }
    flush()
  }

  /// One record that took the general path.
  func deliverOutcome(
    _ outcome: Outcome, bytes: [UInt8], sourceIndex: Int, state: inout DeliveryState,
    tally: inout BatchTally, deliver: (BatchItem) -> Void
  ) {
    for note in outcome.notes {
      deliver(.note(source: tally.sources[sourceIndex].name, note))
    }
    tally.all.read += 1
    tally.sources[sourceIndex].counts.read += 1
    if let reviewKey = outcome.reviewKey { state.usedReviews.insert(reviewKey) }
    switch outcome.result {
    case .failure(let error):
      tally.all.rejected += 1
      tally.sources[sourceIndex].counts.rejected += 1
      deliver(
        .rejected(
          BatchRejection(
            source: tally.sources[sourceIndex].name, line: outcome.line, error: error)))
    case .success(let row):
      let record = row.record
      if let first = state.duplicates.first(
        code: record.commune.code, year: record.year, source: sourceIndex, line: outcome.line)
      {
        reject(
          code: record.commune.code, year: record.year, line: outcome.line, first: first,
          sourceIndex: sourceIndex, tally: &tally, deliver: deliver)
        return
      }
      tally.all.assessed += 1
      tally.sources[sourceIndex].counts.assessed += 1
      deliver(.assessed(row, formatted: bytes[outcome.range]))
    }
  }

  /// Rejects the record at `line` as a repeat of the commune first seen at `first`.
  func reject(
    code: String, year: Int, line: Int, first: DuplicateIndex.Place, sourceIndex: Int,
    tally: inout BatchTally, deliver: (BatchItem) -> Void
  ) {
    tally.all.rejected += 1
    tally.sources[sourceIndex].counts.rejected += 1
    let problem: EvidenceProblem =
      first.source == sourceIndex
      ? .duplicate(code: code, year: year, firstLine: first.line)
      : .duplicateElsewhere(
        code: code, year: year, firstSource: tally.sources[first.source].name,
        firstLine: first.line)
    deliver(
      .rejected(
        BatchRejection(
          source: tally.sources[sourceIndex].name, line: line,
          error: EvidenceError(.line(line, column: "code"), problem))))
  }
}
