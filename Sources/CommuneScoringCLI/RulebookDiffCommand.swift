import CommuneReports
import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `cfc rulebook diff OLD NEW [--batch FILE…]`: what changed rule by rule, and for whom.
enum RulebookDiffCommand {
  static let batch = OptionSpec(
    names: ["--batch"], valueName: "FILE", allowed: nil,
    help: LocalizedText(
      vi:
        "chấm các xã của tệp này (và các tệp, thư mục viết sau OLD NEW) theo cả hai bộ tiêu chí: xã nào đạt thêm, xã nào không còn đạt và vì sao",
      en:
        "score the communes of this file (and of the files and folders after OLD NEW) under both rulebooks: who gains or loses recognition and why"
    ))
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "text|json", allowed: ["text", "json"],
    help: LocalizedText(
      vi: "định dạng kết quả (mặc định: text; json cho chương trình)",
      en: "output format (default: text; json for scripts)"))

  static let help = CommandHelp(
    usage:
      "cfc rulebook diff OLD NEW [--batch FILE…] [--format text|json] [--lang vi|en] [-o FILE]",
    summary: LocalizedText(
      vi:
        "So sánh hai bộ tiêu chí từng quy định một: điểm, các mức, điều kiện, nguồn gốc và trích dẫn, ngưỡng công nhận, trường số liệu (thêm, bớt, đổi giá trị). Với --batch, chấm các xã theo cả hai bộ và liệt kê từng xã có kết luận thay đổi: điểm cũ và mới, các chỉ tiêu đổi điểm — điều một cơ quan cần biết trước khi áp dụng biểu điểm sửa đổi hoặc mới. OLD, NEW là tệp bộ tiêu chí hoặc mã của bộ có sẵn (qd06-2019).",
      en:
        "Compares two rulebooks rule by rule: points, bands, conditions, provenance and quotes, recognition thresholds, evidence fields (added, removed, changed). With --batch, scores the communes under both and lists every commune whose verdict changes: old and new totals, the indicators whose points changed — what an office needs before adopting a corrected or new table. OLD and NEW are rulebook files or the id of a built-in one (qd06-2019)."
    ),
    options: [batch, format, CommonOptions.lang, CommonOptions.output],
    examples: [
      "cfc rulebook diff qd06-2019 ban-sua.json",
      "cfc rulebook diff criteria/qd06-2019.json ban-sua.json --batch samples/communes.csv",
      "cfc rulebook diff qd06-2019 ban-sua.json --batch xa-2024.csv xa-2022.xlsx --format json",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    let extra = Array(parsed.positionals.dropFirst(2))
    guard parsed.positionals.count >= 2, extra.isEmpty || parsed.value("--batch") != nil else {
      throw CLIError(
        .usage, vi: "rulebook diff cần hai bộ tiêu chí: OLD NEW",
        en: "rulebook diff needs two rulebooks: OLD NEW", usage: help.usage)
    }
    let language = parsed.language
    let (old, oldJSON) = try rulebook(parsed.positionals[0])
    let (new, newJSON) = try rulebook(parsed.positionals[1])
    let changes = RulebookDiff.changes(oldJSON, newJSON)
    var impact: RulebookImpact?
    var files: [String] = []
    if let first = parsed.value("--batch") {
      var skipped: [BatchInputs.Skipped] = []
      files = try BatchInputs.files([first] + extra, skipped: &skipped)
      for entry in skipped {
        terminal.err(
          (language == .vi
            ? "Lưu ý: \(entry.path): \(entry.vi)" : "Note: \(entry.path): \(entry.en)")
            + "\n")
      }
      let before = try rows(files, rulebook: old, language: language)
      let after = try rows(files, rulebook: new, language: language)
      var compared = RulebookImpact.compare(old: before.rows, new: after.rows, old: old, new: new)
      compared.read = before.read
      compared.rejected = (before.read - before.rows.count, after.read - after.rows.count)
      impact = compared
    }
    let report = RulebookDiffReport(old: old, new: new, language: language)
    let text =
      parsed.value("--format") == "json"
      ? JSONWriter.write(report.json(changes, impact: impact, sources: files)) + "\n"
      : report.text(changes, impact: impact, sources: files)
    try ResultSink.deliver(text, terminal: terminal, path: parsed.value("-o"))
    return .success
  }

  /// A rulebook file, or the id of a built-in one; loaded and validated, with its JSON.
  static func rulebook(_ name: String) throws(CLIError) -> (Rulebook, JSONValue) {
    var bytes: [UInt8]
    if !FileManager.default.fileExists(atPath: name),
      let builtIn = RulebookSource.builtIns.first(where: { $0.name == "built-in \(name)" })
    {
      bytes = builtIn.bytes
    } else {
      bytes = try Files.read(name)
    }
    let rulebook = try RulebookSource.load(bytes, name: name)
    guard let json = try? JSONParser.parse(bytes) else {
      throw CLIError(.dataError, vi: "\(name): JSON không hợp lệ", en: "\(name): invalid JSON")
    }
    return (rulebook, json)
  }

  /// Every record of `files` scored by `rulebook` (whatever its year), in input order.
  static func rows(_ files: [String], rulebook: Rulebook, language: Language) throws(CLIError)
    -> (rows: [ImpactRow], read: Int)
  {
    var readers: [ChunkReader] = []
    var sources: [BatchSource] = []
    for file in files {
      let reader = try ChunkReader(path: file)
      readers.append(reader)
      if WorkbookKind.looksLikeWorkbook(reader.peek()) {
        sources.append(
          try WorkbookInput.source(file, sheet: nil, rulebook: rulebook, language: language).source)
        continue
      }
      sources.append(
        BatchSource(
          name: file, layout: BatchInputs.layout(input: nil, source: file, first: reader.peek()),
          next: reader.next))
    }
    var rows: [ImpactRow] = []
    let engine = BatchEngine(BatchEngine.Configuration(rulebook: rulebook))
    let tally: BatchTally
    do {
      tally = try engine.run(
        sources, executor: DispatchBatchExecutor(width: 2), format: { _, _ in }
      ) {
        item in
        guard case .assessed(let row, _) = item else { return }
        rows.append(
          ImpactRow(
            source: files[row.source], line: row.line, record: row.record, score: row.score))
      }
    } catch {
      if let failure = readers.lazy.compactMap(\.failure).first { throw failure }
      throw CLIError(.dataError, ErrorText(language).lines(error.error, source: error.source))
    }
    if let failure = readers.lazy.compactMap(\.failure).first { throw failure }
    return (rows, tally.all.read)
  }
}
