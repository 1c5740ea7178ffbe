import CommuneReports
import CommuneScoring
import Testing

/// Runs `sources` (CSV) through the engine into `format`'s writer, as `cfc batch` does;
/// `planned` lets the compiled plan score what it can. Returns the bytes written (flushed in
/// pieces where the writer flushes), what was reported (rejections, notes, unused review lines,
/// the tally), and how many communes the plan scored.
func writerRun(
  _ format: BatchFormat, _ sources: [(String, [UInt8])], options: BatchWriterOptions,
  reviews: ReviewCorrections? = nil, planned: Bool, executor: some BatchExecutor,
  chunkSize: Int
) throws -> (output: [UInt8], reports: [String], plannedCommunes: Int) {
  try writerRun(
    format, sources.map { ($0.0, .csv, $0.1) }, options: options,
    configuration: BatchEngine.Configuration(rulebook: options.rulebook, reviews: reviews),
    planned: planned, executor: executor, chunkSize: chunkSize)
}

/// The same, for sources of any layout read with `configuration`.
func writerRun(
  _ format: BatchFormat, _ sources: [(String, BatchLayout, [UInt8])],
  options: BatchWriterOptions, configuration: BatchEngine.Configuration, planned: Bool,
  executor: some BatchExecutor, chunkSize: Int
) throws -> (output: [UInt8], reports: [String], plannedCommunes: Int) {
  var writer = format.writer(options)
  var output: [UInt8] = []
  var reports: [String] = []
  var plannedCommunes = 0
  writer.begin(into: &output)
  let tally = try BatchEngine(configuration).run(
    sources.map { BatchSource(name: $0.0, layout: $0.1, bytes: $0.2, chunkSize: chunkSize) },
    executor: executor, format: writer.formatter,
    planned: planned ? writer.plannedFormatter : nil
  ) { item in
    switch item {
    case .assessed(let row, let formatted): writer.add(row, formatted: formatted, into: &output)
    case .formatted(let bytes, let communes):
      writer.add(formatted: bytes, communes: communes, into: &output)
      plannedCommunes += communes
    case .rejected(let rejection):
      reports.append("rejected \(rejection.source):\(rejection.line) \(rejection.error)")
      writer.reject(rejection, into: &output)
    case .note(let source, let note): reports.append("note \(source) \(note)")
    case .unusedReview(let rejection): reports.append("unused \(rejection.line)")
    }
  }
  var written: [UInt8] = []
  writer.end(tally, into: &output) { bytes in
    written += bytes
    bytes.removeAll(keepingCapacity: true)
  }
  written += output
  reports.append("tally \(tally.all) \(tally.sources.map(\.counts))")
  return (written, reports, plannedCommunes)
}

/// A council's review of four communes (three in the generated batches, 99999 in none): each
/// has its births recounted to 500, so the general path scores them twice.
let recountedReviews: ReviewCorrections = {
  var byCommune: [ReviewCorrections.Key: [ReviewCorrections.Entry]] = [:]
  for code in ["00002", "00010", "00077", "99999"] {
    byCommune[ReviewCorrections.Key(code: code, year: 2024)] = [
      ReviewCorrections.Entry(
        line: 2, adjustment: Adjustment(field: "births", value: 500, reason: "recount"))
    ]
  }
  return ReviewCorrections(source: "review.csv", council: "HĐ", byCommune: byCommune)
}()
