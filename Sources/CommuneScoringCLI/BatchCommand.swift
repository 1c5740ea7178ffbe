import CommuneReports
import CommuneScoring
import Dispatch
import Foundation
import Synchronization

/// `cfc batch FILE`: many communes at once, streamed, scored on every core, in input order.
enum BatchCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "text|csv|json", allowed: ["text", "csv", "json"],
    help: LocalizedText(
      vi: "định dạng kết quả (mặc định: text, kèm bảng tổng hợp)",
      en: "output format (default: text, with a summary)"))
  static let certifiedOnly = OptionSpec(
    names: ["--certified-only"], valueName: nil, allowed: nil,
    help: LocalizedText(
      vi: "chỉ các xã đạt chuẩn: danh sách công nhận",
      en: "only recognised communes: the certification list"))
  static let review = OptionSpec(
    names: ["--review"], valueName: "FILE", allowed: nil,
    help: LocalizedText(
      vi: "điều chỉnh của hội đồng thẩm định (CSV: code,year,field,value,reason)",
      en: "the reviewing council's corrections (CSV: code,year,field,value,reason)"))
  static let jobs = OptionSpec(
    names: ["--jobs", "-j"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "số luồng xử lý (mặc định: số lõi CPU)",
      en: "worker threads (default: the number of cores)"))
  static let inputFormat = OptionSpec(
    names: ["--input"], valueName: "csv|json|jsonl", allowed: ["csv", "json", "jsonl"],
    help: LocalizedText(
      vi: "định dạng đầu vào (mặc định: đoán theo tên tệp và nội dung)",
      en: "input format (default: guessed from the name and content)"))

  static let help = CommandHelp(
    usage:
      "cfc batch FILE [--format text|csv|json] [--certified-only] [--review FILE] [--lang vi|en] [--rulebook FILE] [-o FILE]",
    summary: LocalizedText(
      vi:
        "Chấm điểm nhiều xã: tệp CSV (một dòng một xã, cột định danh code,name,district,province,category,year rồi các trường số liệu theo thứ tự bất kỳ; ô trống là chưa có số liệu), mảng JSON các hồ sơ, hoặc JSON Lines. Dòng sai được báo kèm số dòng và lý do, các dòng khác vẫn được chấm; khi có dòng bị loại, mã thoát là 1.",
      en:
        "Scores many communes: a CSV file (one row per commune, identity columns code,name,district,province,category,year, then evidence fields in any order; an empty cell is missing), a JSON array of records, or JSON Lines. A bad row is reported with its line and reason and every other row is still assessed; the exit code is then 1."
    ),
    options: [
      format, certifiedOnly, review, CommonOptions.lang, CommonOptions.rulebook,
      CommonOptions.output, inputFormat, jobs,
    ],
    examples: [
      "cfc batch samples/communes.csv",
      "cfc batch samples/communes.csv --format csv --certified-only -o danh-sach-cong-nhan.csv",
      "cfc batch samples/communes.csv --review samples/review.csv --format json",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    let parsed = try ArgumentParser.parse(arguments, specs: help.options, usage: help.usage)
    if parsed.help {
      terminal.out(help.render(parsed.language))
      return .success
    }
    guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
      throw CLIError(
        .usage, [parsed.positionals.isEmpty ? "no batch file given" : "batch takes one file"],
        usage: help.usage)
    }
    var workers = ProcessInfo.processInfo.activeProcessorCount
    if let text = parsed.value("--jobs") {
      guard let number = Int(text), number >= 1, number <= 256 else {
        throw CLIError(
          .usage, ["option '--jobs' needs a whole number from 1 to 256, not '\(text)'"],
          usage: help.usage)
      }
      workers = number
    }
    let rulebook = try RulebookSource.resolve(parsed)
    let language = parsed.language
    let reviews = try parsed.value("--review").map { (file: String) throws(CLIError) in
      try ReviewFile.load(file, rulebook: rulebook, language: language)
    }
    let reader = try ChunkReader(path: path)
    let sink = try ResultSink(terminal: terminal, path: parsed.value("-o"))
    var pipeline = BatchPipeline(
      options: BatchPipeline.Options(
        format: BatchPipeline.Format(rawValue: parsed.value("--format") ?? "text") ?? .text,
        language: language,
        certifiedOnly: parsed.flags.contains("--certified-only"), workers: workers, source: path),
      rulebook: rulebook, reviews: reviews)
    try pipeline.run(reader: reader, input: parsed.value("--input"), sink: sink, terminal: terminal)
    try sink.finish()
    let w = Wording(language)
    if pipeline.rejected > 0 {
      terminal.err(
        w.t(
          "\(pipeline.rejected) dòng bị loại (xem ở trên); \(pipeline.assessed) xã đã được chấm.\n",
          "\(pipeline.rejected) rows rejected (see above); \(pipeline.assessed) communes assessed.\n"
        ))
      return .rowsRejected
    }
    return .success
  }
}

/// The streaming batch: read a chunk, cut it into rows, score the rows on every core, write them
/// in input order, repeat. Memory holds one work batch at a time (plus the summary's small
/// per-commune entries for the text form, which ranks them).
struct BatchPipeline {
  enum Format: String, Sendable { case text, csv, json }

  struct Options: Sendable {
    var format: Format
    var language: Language
    var certifiedOnly: Bool
    var workers: Int
    var source: String
  }

  /// One row of input, before decoding.
  enum Item: Sendable {
    case csv(CSVRecord)
    case json(JSONRecordText, arrayIndex: Int?)
  }

  /// One row, processed.
  struct RowResult: Sendable {
    var line: Int
    var key: String?
    var rendered: String
    var entry: BatchEntry?
    var error: EvidenceError?
    var reviewKey: String?
  }

  let options: Options
  let rulebook: Rulebook
  var reviews: ReviewFile?
  var rejected = 0
  var assessed = 0
  var seen: [String: Int] = [:]
  var usedReviews: Set<String> = []
  var summary: BatchSummary
  var wroteFirstJSON = false

  init(options: Options, rulebook: Rulebook, reviews: ReviewFile?) {
    self.options = options
    self.rulebook = rulebook
    self.reviews = reviews
    summary = BatchSummary(criteria: rulebook.criteria.count)
  }

  static let workBatch = 4096

  mutating func run(reader: ChunkReader, input: String?, sink: ResultSink, terminal: Terminal)
    throws(CLIError)
  {
    var first = reader.next() ?? []
    let layout = Self.detect(input: input, source: options.source, first: first)
    var csvTokenizer = CSVTokenizer()
    var jsonScanner = JSONRecordScanner(layout: layout == "jsonl" ? .lines : .array)
    var csvLayout: CSVLayout?
    var items: [Item] = []
    begin(sink)
    var finished = false
    while !finished {
      let chunk: [UInt8]
      if !first.isEmpty {
        chunk = first
        first = []
      } else if let next = reader.next() {
        chunk = next
      } else {
        chunk = []
        finished = true
      }
      if layout == "csv" {
        var records = csvTokenizer.feed(chunk, final: finished)
        if csvLayout == nil, !records.isEmpty {
          do {
            csvLayout = try CSVLayout(header: records.removeFirst(), rulebook: rulebook)
          } catch {
            throw CLIError(
              .dataError, ErrorText(options.language).lines(error, source: options.source))
          }
        }
        items += records.map(Item.csv)
      } else {
        items += jsonScanner.feed(chunk, final: finished).map {
          Item.json($0, arrayIndex: layout == "json" ? $0.index : nil)
        }
      }
      if items.count >= Self.workBatch || finished {
        process(items, layout: csvLayout, sink: sink, terminal: terminal)
        items.removeAll(keepingCapacity: true)
      }
    }
    if layout == "csv", csvLayout == nil {
      throw CLIError(.dataError, ["\(options.source): the batch is empty (no header row)"])
    }
    reportUnusedReviews(terminal)
    end(sink)
  }

  /// csv, json (an array) or jsonl, from --input, the file name, or the first bytes.
  static func detect(input: String?, source: String, first: [UInt8]) -> String {
    if let input { return input }
    let lower = source.lowercased()
    if lower.hasSuffix(".csv") { return "csv" }
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return "jsonl" }
    let start = first.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let firstByte = first.dropFirst(start).first {
      $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09
    }
    if firstByte == UInt8(ascii: "[") { return "json" }
    if firstByte == UInt8(ascii: "{") { return "jsonl" }
    return "csv"
  }

  func begin(_ sink: ResultSink) {
    switch options.format {
    case .csv: sink.write(BatchCSVReport.header(rulebook, withReview: reviews != nil))
    case .json: sink.write("[")
    case .text: sink.write(BatchTextReport(rulebook: rulebook, language: options.language).header())
    }
  }

  mutating func end(_ sink: ResultSink) {
    switch options.format {
    case .csv: break
    case .json: sink.write(wroteFirstJSON ? "\n]\n" : "]\n")
    case .text:
      summary.rejected = rejected
      sink.write(BatchTextReport(rulebook: rulebook, language: options.language).summary(summary))
    }
  }

  /// Scores a work batch on every core, then writes it in input order.
  mutating func process(_ items: [Item], layout: CSVLayout?, sink: ResultSink, terminal: Terminal) {
    guard !items.isEmpty else { return }
    let slices = min(items.count, max(1, options.workers * 4))
    let size = (items.count + slices - 1) / slices
    let results = SliceResults(count: slices)
    let context = RowContext(options: options, rulebook: rulebook, layout: layout, reviews: reviews)
    let work: @Sendable (Int) -> Void = { slice in
      let start = slice * size
      let end = min(items.count, start + size)
      guard start < end else { return }
      var out: [RowResult] = []
      out.reserveCapacity(end - start)
      for index in start..<end { out.append(context.process(items[index])) }
      results.storage.withLock { $0[slice] = out }
    }
    if options.workers == 1 {
      for slice in 0..<slices { work(slice) }
    } else {
      DispatchQueue.concurrentPerform(iterations: slices, execute: work)
    }
    let ordered = results.storage.withLock { $0 }
    let text = ErrorText(options.language)
    for slice in ordered {
      for var result in slice {
        if let key = result.key, result.error == nil {
          if let firstLine = seen[key] {
            let code = result.entry?.code ?? ""
            result.error = EvidenceError(
              .line(result.line, column: "code"),
              .duplicate(code: code, year: result.entry?.year ?? 0, firstLine: firstLine))
          } else {
            seen[key] = result.line
          }
        }
        if let reviewKey = result.reviewKey { usedReviews.insert(reviewKey) }
        if let error = result.error {
          rejected += 1
          for line in text.lines(error, source: options.source) { terminal.err("Error: \(line)\n") }
          if options.format == .json, !options.certifiedOnly {
            let messages = error.issues.map {
              JSONValue.string(text.location($0.location) + ": " + text.problem($0.problem))
            }
            writeJSON(
              JSONWriter.write(
                .obj([
                  ("line", .int(result.line)), ("status", .string("rejected")),
                  ("errors", .array(messages)),
                ])), sink)
          }
          continue
        }
        assessed += 1
        if let entry = result.entry, options.format == .text { summary.add(entry) }
        guard !result.rendered.isEmpty else { continue }
        if options.format == .json {
          writeJSON(result.rendered, sink)
        } else {
          sink.write(result.rendered)
        }
      }
    }
  }

  mutating func writeJSON(_ object: String, _ sink: ResultSink) {
    sink.write(wroteFirstJSON ? ",\n" : "\n")
    sink.write(object)
    wroteFirstJSON = true
  }

  mutating func reportUnusedReviews(_ terminal: Terminal) {
    guard let reviews else { return }
    let text = ErrorText(options.language)
    for (key, entries) in reviews.byCommune.sorted(by: {
      ($0.value.first?.line ?? 0) < ($1.value.first?.line ?? 0)
    }) where !usedReviews.contains(key) {
      let parts = key.split(separator: "\u{1F}")
      let code = String(parts.first ?? "")
      let year = Int(parts.last ?? "") ?? 0
      for entry in entries {
        rejected += 1
        terminal.err(
          "Error: \(reviews.path): \(text.location(.line(entry.line, column: "code"))): \(text.problem(.unknownCommune(code: code, year: year)))\n"
        )
      }
    }
  }
}

/// Each worker's rows, put back in input order by slice number.
final class SliceResults: Sendable {
  let storage: Mutex<[[BatchPipeline.RowResult]]>

  init(count: Int) { storage = Mutex(Array(repeating: [], count: count)) }
}

/// Everything a worker needs to process one row; immutable and shared by all workers.
struct RowContext: Sendable {
  let options: BatchPipeline.Options
  let rulebook: Rulebook
  let layout: CSVLayout?
  let reviews: ReviewFile?

  func process(_ item: BatchPipeline.Item) -> BatchPipeline.RowResult {
    let line: Int
    let decoded: Result<EvidenceRecord, EvidenceError>
    switch item {
    case .csv(let record):
      line = record.line
      decoded =
        layout.map { $0.decode(record) }
        ?? .failure(EvidenceError(.line(record.line, column: nil), .missingColumn("code")))
    case .json(let text, let arrayIndex):
      line = text.line
      decoded = decodeJSON(text, arrayIndex: arrayIndex)
    }
    var record: EvidenceRecord
    switch decoded {
    case .failure(let error):
      return BatchPipeline.RowResult(line: line, key: nil, rendered: "", entry: nil, error: error)
    case .success(let value): record = value
    }
    let key = ReviewFile.key(record.commune.code, record.year)
    var reviewKey: String?
    if let entries = reviews?.byCommune[key] {
      reviewKey = key
      let existing = record.review?.adjustments ?? []
      record.review = Review(
        council: reviews?.council ?? record.review?.council,
        adjustments: existing + entries.map(\.adjustment))
      let reviewed = EvidenceValidator.applying(
        record.review, to: record.evidence, rulebook: rulebook)
      let problems = EvidenceValidator.problems(reviewed, rulebook: rulebook) { field in
        .line(entries.last { $0.adjustment.field == field }?.line ?? line, column: field)
      }
      if !problems.isEmpty {
        return BatchPipeline.RowResult(
          line: line, key: key, rendered: "", entry: nil, error: EvidenceError(problems),
          reviewKey: reviewKey)
      }
    }
    let values = EvidenceValidator.applying(record.review, to: record.evidence, rulebook: rulebook)
    let score = Evaluator.score(values, category: record.commune.category, rulebook: rulebook)
    let reviewed = record.review != nil
    let entry = BatchEntry(record, score, reviewed: reviewed)
    var rendered = ""
    if !options.certifiedOnly || score.status == .recognized {
      switch options.format {
      case .csv:
        let own =
          reviewed
          ? Evaluator.score(record.evidence, category: record.commune.category, rulebook: rulebook)
          : nil
        rendered = BatchCSVReport.row(record, score, selfScore: own, withReview: reviews != nil)
      case .json:
        let assessment = Assessor.assess(record, rulebook: rulebook)
        rendered = JSONWriter.write(
          JSONReport(rulebook: rulebook, language: options.language).value(assessment))
      case .text:
        rendered = BatchTextReport(rulebook: rulebook, language: options.language).line(entry)
      }
    }
    return BatchPipeline.RowResult(
      line: line, key: key, rendered: rendered, entry: entry, error: nil, reviewKey: reviewKey)
  }

  func decodeJSON(_ text: JSONRecordText, arrayIndex: Int?) -> Result<EvidenceRecord, EvidenceError>
  {
    let base = arrayIndex.map { JSONPath.root.appending(index: $0) } ?? .root
    if let problem = text.malformed {
      return .failure(EvidenceError(.record(line: text.line, path: base), .malformedRow(problem)))
    }
    let json: JSONValue
    do {
      json = try JSONParser.parse(text.bytes)
    } catch {
      var shifted = error
      shifted.line += text.line - 1
      return .failure(EvidenceError(.record(line: text.line, path: base), .syntax(shifted)))
    }
    do {
      return .success(try EvidenceDecoder.decode(json, rulebook: rulebook, at: base))
    } catch {
      let issues = error.issues.map { issue -> EvidenceIssue in
        if case .json(let path) = issue.location {
          return EvidenceIssue(.record(line: text.line, path: path), issue.problem)
        }
        return issue
      }
      return .failure(EvidenceError(issues))
    }
  }
}
