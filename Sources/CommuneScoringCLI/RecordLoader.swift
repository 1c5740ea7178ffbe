import CommuneReports
import CommuneScoring

/// Reads every record of a file: one evidence record (JSON object), a JSON array, JSON Lines, or
/// a CSV batch. For commands that need all records at once (compare), not for streaming.
enum RecordLoader {
  struct Loaded {
    var records: [(record: EvidenceRecord, line: Int)] = []
    /// Rejected records, as messages with file and line.
    var errors: [String] = []
  }

  static func load(_ path: String, rulebook: Rulebook, language: Language) throws(CLIError)
    -> Loaded
  {
    let bytes = try Files.read(path)
    let text = ErrorText(language)
    var loaded = Loaded()
    let layout = BatchPipeline.detect(input: nil, source: path, first: Array(bytes.prefix(64)))
    if layout == "csv" {
      var tokenizer = CSVTokenizer()
      var rows = tokenizer.feed(bytes, final: true)
      guard !rows.isEmpty else {
        throw CLIError(
          .dataError, vi: "\(path): danh sách trống (không có dòng tiêu đề)",
          en: "\(path): the batch is empty (no header row)")
      }
      let csvLayout: CSVLayout
      do { csvLayout = try CSVLayout(header: rows.removeFirst(), rulebook: rulebook) } catch {
        throw CLIError(.dataError, text.lines(error, source: path))
      }
      for row in rows {
        switch csvLayout.decode(row) {
        case .success(let record): loaded.records.append((record, row.line))
        case .failure(let error): loaded.errors += text.lines(error, source: path)
        }
      }
      return loaded
    }
    // One record on its own: the format of `cfc assess`.
    if case .object? = try? JSONParser.parse(bytes) {
      do {
        loaded.records.append((try EvidenceDecoder.decode(bytes, rulebook: rulebook), 1))
      } catch {
        throw CLIError(.dataError, text.lines(error, source: path))
      }
      return loaded
    }
    var scanner = JSONRecordScanner(layout: layout == "jsonl" ? .lines : .array)
    let context = RowContext(
      options: .init(
        format: .csv, language: language, certifiedOnly: false, workers: 1, source: path),
      rulebook: rulebook,
      layout: nil, reviews: nil)
    for value in scanner.feed(bytes, final: true) {
      switch context.decodeJSON(value, arrayIndex: layout == "json" ? value.index : nil) {
      case .success(let record): loaded.records.append((record, value.line))
      case .failure(let error): loaded.errors += text.lines(error, source: path)
      }
    }
    return loaded
  }
}
