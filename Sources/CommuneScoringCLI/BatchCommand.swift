import CommuneReports
import CommuneScoring
import Dispatch
import Foundation
import Synchronization

/// `cfc batch FILE`: many communes at once, streamed, scored on every core, in input order.
enum BatchCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "text|csv|json|html|xlsx|docx",
    allowed: ["text", "csv", "json", "html", "xlsx", "docx"],
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
  static let split = OptionSpec(
    names: ["--by"], valueName: "all|province|district",
    allowed: ListSplit.allCases.map(\.rawValue),
    help: LocalizedText(
      vi: "danh sách HTML/Word: một danh sách cho mỗi tỉnh hoặc huyện (mặc định: all)",
      en: "HTML/Word list: one list per province or district (default: all)"))
  static let inputFormat = OptionSpec(
    names: ["--input"], valueName: "csv|json|jsonl", allowed: ["csv", "json", "jsonl"],
    help: LocalizedText(
      vi: "định dạng đầu vào (mặc định: đoán theo tên tệp và nội dung)",
      en: "input format (default: guessed from the name and content)"))

  static let encoding = OptionSpec(
    names: ["--encoding"], valueName: "NAME",
    allowed: ["utf-8", "utf-16le", "utf-16be", "windows-1258", "cp1258"],
    help: LocalizedText(
      vi: "bảng mã của tệp không phải UTF-8 (ví dụ windows-1258); mặc định: tự nhận biết",
      en: "the encoding of a file that is not UTF-8 (e.g. windows-1258); default: detected"))

  static let help = CommandHelp(
    usage:
      "cfc batch FILE [--format text|csv|json|html|xlsx|docx] [--certified-only] [--review FILE] [--lang vi|en] [--rulebook FILE] [-o FILE] [--input csv|json|jsonl] [--jobs N] [--by all|province|district] [--issuer TEXT] [--number TEXT] [--place TEXT] [--date YYYY-MM-DD] [--signer NAME] [--preparer NAME] [--recipients TEXT]",
    summary: LocalizedText(
      vi:
        "Chấm điểm nhiều xã: tệp CSV (một dòng một xã, cột định danh code,name,district,province,category,year rồi các trường số liệu theo thứ tự bất kỳ; ô trống là chưa có số liệu), mảng JSON các hồ sơ, hoặc JSON Lines. Dòng sai được báo kèm số dòng và lý do, các dòng khác vẫn được chấm; khi có dòng bị loại, mã thoát là 1.",
      en:
        "Scores many communes: a CSV file (one row per commune, identity columns code,name,district,province,category,year, then evidence fields in any order; an empty cell is missing), a JSON array of records, or JSON Lines. A bad row is reported with its line and reason and every other row is still assessed; the exit code is then 1."
    ),
    options: [
      format, certifiedOnly, review, CommonOptions.lang, CommonOptions.rulebook,
      CommonOptions.output, inputFormat, encoding, jobs, split,
    ] + FrameOptions.all,
    examples: [
      "cfc batch samples/communes.csv",
      "cfc batch samples/communes.csv --format csv --certified-only -o danh-sach-cong-nhan.csv",
      "cfc batch samples/communes.csv --review samples/review.csv --format json",
      "cfc batch samples/communes.csv --format docx --by district --number 15/QĐ-UBND -o ds.docx",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
      throw parsed.positionals.isEmpty
        ? CLIError(
          .usage, vi: "chưa chỉ ra tệp danh sách xã", en: "no batch file given", usage: help.usage)
        : CLIError(
          .usage, vi: "batch chỉ nhận một tệp", en: "batch takes one file", usage: help.usage)
    }
    var workers = ProcessInfo.processInfo.activeProcessorCount
    if let text = parsed.value("--jobs") {
      guard let number = Int(text), number >= 1, number <= 256 else {
        throw CLIError(
          .usage, vi: "tùy chọn '--jobs' cần một số nguyên từ 1 đến 256, không phải '\(text)'",
          en: "option '--jobs' needs a whole number from 1 to 256, not '\(text)'", usage: help.usage
        )
      }
      workers = number
    }
    let (rulebook, rulebookBytes) = try RulebookSource.resolveWithBytes(parsed)
    let language = parsed.language
    var reviewNotes: [String] = []
    let reviews = try parsed.value("--review").map { (file: String) throws(CLIError) in
      try ReviewFile.load(file, rulebook: rulebook, language: language, notes: &reviewNotes)
    }
    for note in reviewNotes { terminal.err((language == .vi ? "Lưu ý: " : "Note: ") + note + "\n") }
    if parsed.value("--format") == "xlsx", parsed.value("-o") == nil {
      throw CLIError(
        .usage, vi: "xlsx là tệp nhị phân: cần -o TỆP.xlsx",
        en: "xlsx is a binary file: give -o FILE.xlsx", usage: help.usage)
    }
    if parsed.value("--format") == "docx", parsed.value("-o") == nil {
      throw CLIError(
        .usage, vi: "docx là tệp nhị phân: cần -o TỆP.docx",
        en: "docx is a binary file: give -o FILE.docx", usage: help.usage)
    }
    let frame = try FrameOptions.values(parsed, usage: help.usage)
    let reader = try ChunkReader(path: path)
    let sink = try ResultSink(terminal: terminal, path: parsed.value("-o"))
    var pipeline = BatchPipeline(
      options: BatchPipeline.Options(
        format: BatchPipeline.Format(rawValue: parsed.value("--format") ?? "text") ?? .text,
        language: language,
        certifiedOnly: parsed.flags.contains("--certified-only"), workers: workers, source: path,
        encoding: parsed.value("--encoding").flatMap(TextEncoding.init(name:)),
        frame: frame, split: ListSplit(rawValue: parsed.value("--by") ?? "all") ?? .all),
      rulebook: rulebook, rulebookBytes: rulebookBytes, reviews: reviews)
    do {
      try pipeline.run(
        reader: reader, input: parsed.value("--input"), sink: sink, terminal: terminal)
    } catch { throw reader.failure ?? error }
    // A read error ends the input early: the records after it must not be lost silently.
    if let failure = reader.failure { throw failure }
    try sink.finish()
    let w = Wording(language)
    if pipeline.rejected > 0 {
      terminal.err(
        w.t(
          "\(pipeline.rejected) dòng bị loại (xem ở trên); \(pipeline.assessed) xã đã được chấm.\n",
          "\(pipeline.rejected) \(pipeline.rejected == 1 ? "row" : "rows") rejected (see above); \(pipeline.assessed) \(pipeline.assessed == 1 ? "commune" : "communes") assessed.\n"
        ))
      return .rowsRejected
    }
    return .success
  }
}

/// The streaming batch: read a chunk, cut it at record boundaries into one slice per worker,
/// let each worker tokenize, decode, score and render its slice with its own copy of the
/// rulebook (so workers share no reference counts), then write the slices in input order.
/// Memory holds one chunk at a time, plus the summary's small per-commune entries for the text
/// form, which ranks them.
struct BatchPipeline {
  enum Format: String, Sendable { case text, csv, json, html, xlsx, docx }

  struct Options: Sendable {
    var format: Format
    var language: Language
    var certifiedOnly: Bool
    var workers: Int
    var source: String
    var encoding: TextEncoding? = nil
    /// What fills the frame of the HTML and Word certification list.
    var frame = FrameValues()
    var split = ListSplit.all
  }

  /// The rows one worker handles.
  enum Unit: Sendable {
    /// Raw records cut by the batch reader, indexing into bytes shared by every worker.
    case records(bytes: [UInt8], records: ArraySlice<RawRecord>)
  }

  /// One row, processed; its output is `range` of its slice's bytes.
  struct RowResult: Sendable {
    var line: Int
    var key: (code: String, year: Int)?
    var range: Range<Int> = 0..<0
    var entry: BatchEntry?
    var error: EvidenceError?
    var reviewKey: String?
    var notes: [ReadingNote] = []
  }

  /// A worker's output.
  struct SliceOutput: Sendable {
    var bytes: [UInt8] = []
    var rows: [RowResult] = []
  }

  let options: Options
  let rulebook: Rulebook
  let rulebookBytes: [UInt8]
  var reviews: ReviewFile?
  var rejected = 0
  var assessed = 0
  var seen = DuplicateIndex()
  var usedReviews: Set<String> = []
  var summary: BatchSummary
  var wroteFirstJSON = false
  /// For --format xlsx: the rows so far.
  var workbook = XLSXWriter(sheetName: "communes")
  /// For the HTML certification list, which is written whole at the end (recognised communes
  /// only, in input order).
  var certified: [BatchEntry] = []
  var years: Set<Int> = []
  var provinces: Set<String> = []
  var districts: Set<String> = []
  var contexts: WorkerContexts?

  init(options: Options, rulebook: Rulebook, rulebookBytes: [UInt8], reviews: ReviewFile?) {
    self.options = options
    self.rulebook = rulebook
    self.rulebookBytes = rulebookBytes
    self.reviews = reviews
    summary = BatchSummary(criteria: rulebook.criteria.count)
  }

  /// One context slot per worker. The first uses the rulebook already loaded; each other
  /// worker loads its own private copy the first time it runs (while the first is already
  /// scoring), so workers never share reference counts.
  mutating func prepareWorkers(decoder: RecordDecoder?, expectedRows: Int?) {
    // A small batch is not worth a second copy of the rulebook.
    let workers = (expectedRows ?? Int.max) < 2000 ? 1 : options.workers
    let first = RowContext(options: options, rulebook: rulebook, decoder: decoder, reviews: reviews)
    contexts = WorkerContexts(
      first: first, count: workers, rulebookBytes: rulebookBytes, sha256: rulebook.sha256)
  }

  mutating func run(reader: ChunkReader, input: String?, sink: ResultSink, terminal: Terminal)
    throws(CLIError)
  {
    var batchReader = BatchReader(
      format: Self.format(input: input, source: options.source), rulebook: rulebook,
      encoding: options.encoding)
    let text = ErrorText(options.language)
    var chunk = reader.next()
    let wholeFile = (chunk?.count ?? 0) < reader.chunkSize
    let expectedRows = wholeFile ? (chunk?.count ?? 0) / 100 : nil
    var prepared = false
    while true {
      let final = chunk == nil
      let batch: RecordBatch
      do {
        batch = try batchReader.feed(chunk ?? [], final: final)
      } catch {
        throw CLIError(.dataError, text.lines(error, source: options.source))
      }
      for note in batch.notes { Self.tell(note, source: options.source, text: text, terminal) }
      if !prepared, let decoder = batchReader.decoder {
        prepareWorkers(decoder: decoder, expectedRows: expectedRows)
        begin(sink)
        prepared = true
      }
      if !batch.records.isEmpty {
        let parts = Self.split(batch.records.count, into: contexts?.count ?? 1)
        process(
          parts.map { Unit.records(bytes: batch.bytes, records: batch.records[$0]) }, sink: sink,
          terminal: terminal)
      }
      if final { break }
      chunk = reader.next()
    }
    if !prepared {
      prepareWorkers(decoder: nil, expectedRows: 0)
      begin(sink)
    }
    reportUnusedReviews(terminal)
    end(sink)
  }

  /// Tells the user how the file was read (an assumed encoding, a restored code).
  static func tell(_ note: ReadingNote, source: String, text: ErrorText, _ terminal: Terminal) {
    let prefix = text.language == .vi ? "Lưu ý" : "Note"
    terminal.err("\(prefix): \(source): \(text.note(note))\n")
  }

  /// The format named by --input or the file name; nil lets the content decide.
  static func format(input: String?, source: String) -> BatchReader.Format? {
    if let input { return BatchReader.Format(rawValue: input) }
    let lower = source.lowercased()
    if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") { return .csv }
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
    return nil
  }

  /// `count` items cut into at most `parts` contiguous ranges.
  static func split(_ count: Int, into parts: Int) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let size = (count + parts - 1) / parts
    return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
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

  mutating func begin(_ sink: ResultSink) {
    switch options.format {
    case .csv: sink.write(BatchCSVReport.header(rulebook, withReview: reviews != nil))
    case .json: sink.write("[")
    case .xlsx:
      workbook = XLSXWriter(sheetName: options.language == .vi ? "Danh sách xã" : "Communes")
      workbook.add(
        BatchCSVReport.headerCells(rulebook) + (reviews == nil ? [] : [.text("reviewed")]))
    case .text: sink.write(BatchTextReport(rulebook: rulebook, language: options.language).header())
    case .html, .docx: break  // written whole at the end: its title names the years and the area
    }
  }

  mutating func end(_ sink: ResultSink) {
    switch options.format {
    case .csv: break
    case .json: sink.write(wroteFirstJSON ? "\n]\n" : "]\n")
    case .text:
      summary.rejected = rejected
      sink.write(BatchTextReport(rulebook: rulebook, language: options.language).summary(summary))
    case .xlsx:
      sink.write(bytes: workbook.data()[...])
    case .html:
      summary.rejected = rejected
      sink.write(
        BatchHTMLReport(
          rulebook: rulebook, language: options.language, frame: options.frame,
          split: options.split
        ).render(
          certified: certified, summary: summary, years: years.sorted(),
          provinces: provinces.sorted(), districts: districts.sorted()))
    case .docx:
      summary.rejected = rejected
      sink.write(
        bytes: BatchHTMLReport(
          rulebook: rulebook, language: options.language, frame: options.frame,
          split: options.split
        ).docx(certified: certified, summary: summary, years: years.sorted())[...])
    }
  }

  /// Runs one unit per worker, then writes them in input order.
  mutating func process(_ units: [Unit], sink: ResultSink, terminal: Terminal) {
    guard !units.isEmpty, let contexts else { return }
    let outputs = SharedSlots<SliceOutput>(count: units.count)
    if units.count == 1 {
      let output = contexts.context(0).process(units[0])
      outputs.storage.withLock { $0[0] = output }
    } else {
      DispatchQueue.concurrentPerform(iterations: units.count) { index in
        let output = contexts.context(index % contexts.count).process(units[index])
        outputs.storage.withLock { $0[index] = output }
      }
    }
    let ordered = outputs.storage.withLock { $0 }
    let text = ErrorText(options.language)
    for case let output? in ordered {
      for var result in output.rows {
        if let key = result.key, result.error == nil,
          let firstLine = seen.firstLine(code: key.code, year: key.year, line: result.line)
        {
          result.error = EvidenceError(
            .line(result.line, column: "code"),
            .duplicate(code: key.code, year: key.year, firstLine: firstLine))
        }
        if let reviewKey = result.reviewKey { usedReviews.insert(reviewKey) }
        for note in result.notes { Self.tell(note, source: options.source, text: text, terminal) }
        if let error = result.error {
          rejected += 1
          for line in text.lines(error, source: options.source) { terminal.err("Error: \(line)\n") }
          if options.format == .json, !options.certifiedOnly {
            let messages = error.issues.map {
              JSONValue.string(text.location($0.location) + ": " + text.problem($0.problem))
            }
            writeJSON(
              output: JSONWriter.write(
                .obj([
                  ("line", .int(result.line)), ("status", .string("rejected")),
                  ("errors", .array(messages)),
                ])), sink)
          }
          continue
        }
        assessed += 1
        if let entry = result.entry {
          summary.add(entry)
          if options.format == .xlsx, !options.certifiedOnly || entry.status == .recognized {
            workbook.add(
              BatchCSVReport.cells(entry)
                + (reviews == nil ? [] : [.text(entry.reviewed ? "yes" : "no")]))
          }
          if options.format == .html || options.format == .docx {
            years.insert(entry.year)
            provinces.insert(entry.province)
            if let district = entry.district { districts.insert(district) }
            if entry.status == .recognized { certified.append(entry) }
          }
        }
        guard !result.range.isEmpty else { continue }
        if options.format == .json {
          sink.write(wroteFirstJSON ? ",\n" : "\n")
          wroteFirstJSON = true
        }
        sink.write(bytes: output.bytes[result.range])
      }
    }
  }

  mutating func writeJSON(output object: String, _ sink: ResultSink) {
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

/// The workers' contexts: the first is given, each other is created by its own worker on first
/// use.
final class WorkerContexts: Sendable {
  let first: RowContext
  let others: SharedSlots<RowContext>
  let count: Int
  let rulebookBytes: [UInt8]
  let sha256: String

  init(first: RowContext, count: Int, rulebookBytes: [UInt8], sha256: String) {
    self.first = first
    others = SharedSlots(count: count)
    self.count = count
    self.rulebookBytes = rulebookBytes
    self.sha256 = sha256
  }

  /// Worker `index`'s context, loading its rulebook copy if this is its first use. The bytes
  /// already loaded once, so a copy cannot fail; if it somehow did, the first context serves.
  func context(_ index: Int) -> RowContext {
    if index == 0 { return first }
    if let existing = others.storage.withLock({ $0[index] }) { return existing }
    guard let copy = try? RulebookLoader.load(rulebookBytes, sha256: sha256) else { return first }
    let context = RowContext(
      options: first.options, rulebook: copy, decoder: first.decoder?.with(copy),
      reviews: first.reviews)
    others.storage.withLock { $0[index] = context }
    return context
  }
}

/// Slots that workers fill by index, read back in order.
final class SharedSlots<Value: Sendable>: Sendable {
  let storage: Mutex<[Value?]>

  init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }
}

/// Everything a worker needs to process its rows; each worker has its own.
struct RowContext: Sendable {
  let options: BatchPipeline.Options
  let rulebook: Rulebook
  let decoder: RecordDecoder?
  let reviews: ReviewFile?

  func process(_ unit: BatchPipeline.Unit) -> BatchPipeline.SliceOutput {
    var output = BatchPipeline.SliceOutput()
    var builder = CSVRowBuilder()
    switch unit {
    case .records(let bytes, let records):
      output.rows.reserveCapacity(records.count)
      for record in records {
        guard let decoder else { break }
        let decoded = decoder.decode(record, in: bytes)
        var row = process(decoded.result, line: record.line, into: &builder)
        row.notes = decoded.notes
        output.rows.append(row)
      }
    }
    output.bytes = builder.bytes
    return output
  }

  func process(
    _ decoded: Result<EvidenceRecord, EvidenceError>, line: Int, into builder: inout CSVRowBuilder
  ) -> BatchPipeline.RowResult {
    var record: EvidenceRecord
    switch decoded {
    case .failure(let error): return BatchPipeline.RowResult(line: line, key: nil, error: error)
    case .success(let value): record = value
    }
    let key = (code: record.commune.code, year: record.year)
    var reviewKey: String?
    if let reviews, let entries = reviews.byCommune[ReviewFile.key(key.code, key.year)] {
      reviewKey = ReviewFile.key(key.code, key.year)
      let existing = record.review?.adjustments ?? []
      record.review = Review(
        council: reviews.council ?? record.review?.council,
        adjustments: existing + entries.map(\.adjustment))
      let reviewed = EvidenceValidator.applying(
        record.review, to: record.evidence, rulebook: rulebook)
      let problems = EvidenceValidator.problems(reviewed, rulebook: rulebook) { field in
        .line(entries.last { $0.adjustment.field == field }?.line ?? line, column: field)
      }
      if !problems.isEmpty {
        return BatchPipeline.RowResult(
          line: line, key: key, error: EvidenceError(problems), reviewKey: reviewKey)
      }
    }
    let values =
      record.review == nil
      ? record.evidence
      : EvidenceValidator.applying(record.review, to: record.evidence, rulebook: rulebook)
    let score = Evaluator.score(values, category: record.commune.category, rulebook: rulebook)
    let reviewed = record.review != nil
    var result = BatchPipeline.RowResult(line: line, key: key, reviewKey: reviewKey)
    if options.format == .text || options.format == .html || options.format == .xlsx
      || options.format == .docx
    {
      result.entry = BatchEntry(record, score, reviewed: reviewed)
    }
    guard !options.certifiedOnly || score.status == .recognized else { return result }
    let start = builder.count
    switch options.format {
    case .csv:
      let own =
        reviewed
        ? Evaluator.score(record.evidence, category: record.commune.category, rulebook: rulebook)
        : nil
      BatchCSVReport.append(record, score, selfScore: own, withReview: reviews != nil, to: &builder)
    case .json:
      let assessment = Assessor.assess(record, rulebook: rulebook)
      builder.raw(
        JSONWriter.write(
          JSONReport(rulebook: rulebook, language: options.language).value(assessment)))
    case .text:
      builder.raw(
        BatchTextReport(rulebook: rulebook, language: options.language).line(
          BatchEntry(record, score, reviewed: reviewed)))
    case .html, .xlsx, .docx:
      break
    }
    result.range = start..<builder.count
    return result
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
      var record = try EvidenceDecoder.decode(json, rulebook: rulebook, at: base)
      // The receipt names the record's own bytes, as for a single assessment.
      record.inputSHA256 = SHA256.hex(of: text.bytes)
      return .success(record)
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
