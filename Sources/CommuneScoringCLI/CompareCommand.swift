import CommuneReports
import CommuneScoring

/// `cfc compare OLD NEW`: how each commune moved between two rounds.
enum CompareCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "text|json|html|docx|xlsx",
    allowed: ["text", "json", "html", "docx", "xlsx"],
    help: LocalizedText(
      vi: "định dạng kết quả (mặc định: text)", en: "output format (default: text)"))

  static let help = CommandHelp(
    usage:
      "cfc compare OLD NEW [--format text|json|html|docx|xlsx] [--lang vi|en] [--rulebook FILE] [-o FILE]",
    summary: LocalizedText(
      vi:
        "So sánh hai kỳ đánh giá (hai hồ sơ, hoặc hai danh sách CSV/JSON): thay đổi điểm từng tiêu chí của từng xã, xã nào được hoặc mất công nhận và do tiêu chí nào, xã chỉ có ở một kỳ. Xã được ghép theo mã; kết quả thẩm định được dùng khi có.",
      en:
        "Compares two rounds (two records, or two CSV/JSON batches): each commune's change in points per criterion, who gained or lost recognition and which criteria caused it, communes present in only one round. Communes are matched by code; reviewed results are used where they exist."
    ),
    options: [format, CommonOptions.lang, CommonOptions.rulebook, CommonOptions.output]
      + FrameOptions.all,
    examples: [
      "cfc compare dot-2022.csv dot-2024.csv",
      "cfc compare bang-mac-2022.json bang-mac-2024.json --format json",
      "cfc compare dot-2022.csv dot-2024.csv --format xlsx -o so-sanh.xlsx",
    ])

  /// One commune in one round.
  struct Side {
    var record: EvidenceRecord
    var score: Score
  }

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.count == 2 else {
      throw CLIError(
        .usage, vi: "compare cần hai tệp: kỳ trước và kỳ sau",
        en: "compare needs two files: the earlier round and the later one",
        usage: help.usage)
    }
    let frame = try FrameOptions.values(parsed, usage: help.usage)
    let format = parsed.value("--format") ?? "text"
    if format == "xlsx" || format == "docx" {
      try terminal.checkBinary(format, output: parsed.value("-o"), usage: help.usage)
    }
    let rulebook = try RulebookSource.resolve(parsed)
    let language = parsed.language
    var rejected = 0
    func side(_ path: String) throws(CLIError) -> [String: Side] {
      let loaded = try RecordLoader.load(path, rulebook: rulebook, language: language)
      for error in loaded.errors { terminal.err("Error: \(error)\n") }
      rejected += loaded.errors.count
      var sides: [String: Side] = [:]
      for (record, _) in loaded.records {
        let values = EvidenceValidator.applying(
          record.review, to: record.evidence, rulebook: rulebook)
        sides[record.commune.code] = Side(
          record: record,
          score: Evaluator.score(values, category: record.commune.category, rulebook: rulebook))
      }
      return sides
    }
    let old = try side(parsed.positionals[0])
    let new = try side(parsed.positionals[1])
    let report = CompareReport(rulebook: rulebook, language: language)
    let codes = Set(old.keys).union(new.keys).sorted()
    var changes: [CompareReport.Change] = []
    for code in codes {
      changes.append(
        CompareReport.Change(
          code: code, old: old[code].map { ($0.record, $0.score) },
          new: new[code].map { ($0.record, $0.score) }))
    }
    switch format {
    case "xlsx", "docx":
      let sink = try ResultSink(terminal: terminal, path: parsed.value("-o"))
      sink.write(
        bytes: (format == "xlsx" ? report.xlsx(changes) : report.docx(changes, frame: frame))[...])
      try sink.finish()
    default:
      let text =
        format == "json"
        ? report.json(changes)
        : format == "html" ? report.html(changes, frame: frame) : report.text(changes)
      try ResultSink.deliver(text, terminal: terminal, path: parsed.value("-o"))
    }
    return rejected > 0 ? .rowsRejected : .success
  }
}
