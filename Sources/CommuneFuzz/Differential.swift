import CommuneReports
import CommuneScoring
import CommuneScoringCLI
import Foundation

/// Differential checks: the same input read two ways must give the same outcome, or the process
/// stops with both outcomes (libFuzzer keeps the input as a crash).
enum Differential {
  /// Everything a batch read produces, in order: each record's line and result (or why it was
  /// refused), each note, and a header error if the batch could not be read at all.
  struct Outcome: Equatable {
    var records: [String] = []
    var notes: [String] = []
    var failure: String?
  }

  /// Reads `bytes` fed in chunks of the given sizes (the last size repeats) and decodes every
  /// record, as the pipeline does.
  static func read(_ bytes: [UInt8], format: BatchReader.Format?, chunkSizes: [Int]) -> Outcome {
    var reader = BatchReader(format: format, rulebook: FuzzTargets.shipped)
    var outcome = Outcome()
    var start = 0
    var turn = 0
    func take(_ batch: RecordBatch) {
      outcome.notes += batch.notes.map { String(describing: $0) }
      guard let decoder = reader.decoder else {
        if !batch.records.isEmpty { outcome.records.append("records before a decoder") }
        return
      }
      for record in batch.records {
        let decoded = decoder.decode(record, in: batch.bytes)
        outcome.records.append("\(decoded.line): \(decoded.result)")
        outcome.notes += decoded.notes.map { String(describing: $0) }
      }
    }
    do {
      while start < bytes.count {
        let size = max(1, chunkSizes[min(turn, chunkSizes.count - 1)])
        let end = min(bytes.count, start + size)
        take(try reader.feed(Array(bytes[start..<end]), final: false))
        start = end
        turn += 1
      }
      take(try reader.feed([], final: true))
    } catch {
      outcome.failure = String(describing: error)
    }
    return outcome
  }

  /// Chunk sizes chosen from the input itself, so every input is tried with its own cut points:
  /// byte by byte, and a mixture of small sizes.
  static func chunkings(for bytes: [UInt8]) -> [[Int]] {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes.prefix(64) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let mixed = (0..<8).map { 1 + Int((hash >> (UInt64($0) * 8)) & 0x3f) }
    return [[1], mixed]
  }

  /// The chunking differential: the whole input in one piece, byte by byte, and in mixed small
  /// chunks give the same records, lines, results and notes, for every batch format.
  static func chunks(_ bytes: [UInt8]) {
    // The first byte picks the format (detected, CSV, JSON array, JSON Lines).
    let formats: [BatchReader.Format?] = [nil, .csv, .json, .jsonl]
    let format = formats[Int(bytes.first ?? 0) % formats.count]
    let input = Array(bytes.dropFirst())
    let whole = read(input, format: format, chunkSizes: [max(1, input.count)])
    for sizes in chunkings(for: input) {
      let cut = read(input, format: format, chunkSizes: sizes)
      if cut != whole {
        fatalError(
          "chunking changes the outcome (format \(String(describing: format)), chunks \(sizes)):\n"
            + "whole: \(whole)\ncut:   \(cut)")
      }
    }
  }

  /// The workers differential: `cfc batch` with one worker and with three gives the same
  /// standard output, standard error and exit code.
  static func workers(_ bytes: [UInt8]) {
    let formats = ["csv", "json"]
    let format = formats[Int(bytes.first ?? 0) % formats.count]
    let path = FuzzTargets.file("workers.csv", Array(bytes.dropFirst()))
    func run(_ jobs: String) -> (Int32, String, String) {
      let terminal = CapturedTerminal()
      let code = CLI.run(
        ["batch", path, "--format", format, "--jobs", jobs, "--lang", "en"], terminal: terminal)
      return (code, terminal.stdout, terminal.stderr)
    }
    let one = run("1")
    let three = run("3")
    if one != three {
      fatalError(
        "--jobs changes the outcome:\n--jobs 1: \(one)\n--jobs 3: \(three)")
    }
  }

  /// The scoring-plan differential: a CSV batch through the CSV writer, the certification
  /// list's (HTML) and the council's workbook (xlsx) with the compiled plan scoring the rows it
  /// is certain of, and with every row on the general path, gives the same bytes (for xlsx, the
  /// same parts once inflated), the same reports and the same tally, with one worker.
  static func planned(_ bytes: [UInt8]) {
    for format in [BatchFormat.csv, .html, .xlsx] { planned(bytes, format) }
  }

  /// An archive's parts by name, inflated (how DEFLATE cuts its blocks depends on how the rows
  /// arrive); nil when it does not read back.
  static func parts(_ archive: [UInt8]) -> [String: [UInt8]]? {
    guard var reader = try? ZipReader(archive) else { return nil }
    var parts: [String: [UInt8]] = [:]
    for entry in reader.entries {
      guard let bytes = try? reader.read(entry) else { return nil }
      parts[entry.name] = bytes
    }
    return parts
  }

  static func planned(_ bytes: [UInt8], _ format: BatchFormat) {
    func run(_ planned: Bool) -> (output: [UInt8], reports: [String]) {
      var writer = format.writer(
        BatchWriterOptions(
          rulebook: FuzzTargets.shipped, language: .en, certifiedOnly: false, withReview: false))
      var output: [UInt8] = []
      var reports: [String] = []
      writer.begin(into: &output)
      do {
        let tally = try BatchEngine(.init(rulebook: FuzzTargets.shipped)).run(
          [BatchSource(name: "fuzz.csv", layout: .csv, bytes: bytes, chunkSize: 4096)],
          executor: SerialBatchExecutor(), format: writer.formatter,
          planned: planned ? writer.plannedFormatter : nil
        ) { item in
          switch item {
          case .assessed(let row, let formatted):
            writer.add(row, formatted: formatted, into: &output)
          case .formatted(let formatted, let communes):
            writer.add(formatted: formatted, communes: communes, into: &output)
          case .rejected(let rejection):
            reports.append("rejected \(rejection.line) \(rejection.error)")
          case .note(_, let note): reports.append("note \(note)")
          case .unusedReview(let rejection): reports.append("unused \(rejection.line)")
          }
        }
        writer.end(tally, into: &output)
        reports.append("tally \(tally.all)")
      } catch {
        reports.append("failed \(error)")
      }
      return (output, reports)
    }
    let general = run(false)
    let planned = run(true)
    let same: Bool
    // A run that failed never ends its workbook (the command line discards it): only a whole
    // one must read back.
    let ended = !general.reports.contains { $0.hasPrefix("failed") }
    if format == .xlsx, ended {
      guard let generalParts = parts(general.output), let plannedParts = parts(planned.output)
      else { fatalError("a workbook the batch wrote does not read back") }
      same = generalParts == plannedParts
    } else {
      same = planned.output == general.output
    }
    if !same || planned.reports != general.reports {
      fatalError(
        "the scoring plan changes --format \(format):\ngeneral: \(general.reports)\n"
          + String(decoding: general.output, as: UTF8.self) + "\nplanned: \(planned.reports)\n"
          + String(decoding: planned.output, as: UTF8.self))
    }
  }

  /// The JSON record plan's differential: a JSON Lines batch (records' receipts not kept, as for
  /// `--format csv` and `--format jsonl`) through the CSV, the JSON Lines and the HTML list's
  /// writers, with the plan scoring the records it is certain of and with every record on the
  /// general path, gives the same bytes, the same reports and the same tally, with one worker.
  static func plannedJSON(_ bytes: [UInt8]) {
    for format in [BatchFormat.csv, .jsonl, .html] {
      func run(_ planned: Bool) -> (output: [UInt8], reports: [String]) {
        var writer = format.writer(
          BatchWriterOptions(
            rulebook: FuzzTargets.shipped, language: .vi, certifiedOnly: false,
            withReview: false))
        var output: [UInt8] = []
        var reports: [String] = []
        writer.begin(into: &output)
        var configuration = BatchEngine.Configuration(rulebook: FuzzTargets.shipped)
        configuration.inputReceipts = false
        do {
          let tally = try BatchEngine(configuration).run(
            [BatchSource(name: "fuzz.jsonl", layout: .jsonLines, bytes: bytes, chunkSize: 4096)],
            executor: SerialBatchExecutor(), format: writer.formatter,
            planned: planned ? writer.plannedFormatter : nil
          ) { item in
            switch item {
            case .assessed(let row, let formatted):
              writer.add(row, formatted: formatted, into: &output)
            case .formatted(let formatted, let communes):
              writer.add(formatted: formatted, communes: communes, into: &output)
            case .rejected(let rejection):
              reports.append("rejected \(rejection.line) \(rejection.error)")
            case .note(_, let note): reports.append("note \(note)")
            case .unusedReview(let rejection): reports.append("unused \(rejection.line)")
            }
          }
          writer.end(tally, into: &output)
          reports.append("tally \(tally.all)")
        } catch {
          reports.append("failed \(error)")
        }
        return (output, reports)
      }
      let general = run(false)
      let planned = run(true)
      if planned.output != general.output || planned.reports != general.reports {
        fatalError(
          "the JSON record plan changes --format \(format):\ngeneral: \(general.reports)\n"
            + String(decoding: general.output, as: UTF8.self)
            + "\nplanned: \(planned.reports)\n" + String(decoding: planned.output, as: UTF8.self))
      }
    }
  }

  /// The flat-record differential: every line of the input read by the fast flat-record reader
  /// and by the general parser gives the same record, or the same error.
  static func flatRecords(_ bytes: [UInt8]) {
    let fast = RecordDecoder.jsonLines(rulebook: FuzzTargets.shipped, fast: true)
    let general = RecordDecoder.jsonLines(rulebook: FuzzTargets.shipped, fast: false)
    var start = 0
    var line = 1
    while start <= bytes.count {
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      let record = RawRecord(line: line, range: start..<end, index: line - 1)
      let a = fast.decode(record, in: bytes)
      let b = general.decode(record, in: bytes)
      if a.result != b.result || a.line != b.line || a.notes != b.notes {
        fatalError("flat-record reader disagrees on line \(line):\n\(a.result)\n\(b.result)")
      }
      start = end + 1
      line += 1
    }
  }
}
