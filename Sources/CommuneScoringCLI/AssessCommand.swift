import CommuneReports
import CommuneScoring

/// `cfc assess FILE`: one commune's score, verdict and explanations.
enum AssessCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "text|json|html", allowed: ["text", "json", "html"],
    help: LocalizedText(
      vi: "định dạng kết quả (mặc định: text)", en: "output format (default: text)"))
  static let noPath = OptionSpec(
    names: ["--no-path"], valueName: nil, allowed: nil,
    help: LocalizedText(
      vi: "không tính lộ trình đạt chuẩn", en: "do not compute the path to recognition"))

  static let help = CommandHelp(
    usage: "cfc assess FILE [--format text|json|html] [--lang vi|en] [--rulebook FILE] [-o FILE]",
    summary: LocalizedText(
      vi:
        "Chấm điểm 13 tiêu chí của một xã từ tệp số liệu JSON, giải thích từng điểm, kết luận đạt/không đạt và chỉ ra cần làm gì để đạt chuẩn. FILE là '-' để đọc từ đầu vào chuẩn.",
      en:
        "Scores the 13 criteria of one commune from a JSON evidence file, explains every point, gives the verdict and what would get the commune recognised. FILE may be '-' for standard input."
    ),
    options: [format, CommonOptions.lang, CommonOptions.rulebook, CommonOptions.output, noPath],
    examples: [
      "cfc assess samples/bang-mac.json",
      "cfc assess samples/bang-mac.json --format json --lang en -o bang-mac.json",
    ],
    notes: LocalizedText(
      vi:
        "Điểm đánh dấu † do quy tắc tái dựng quyết định: cần đối chiếu với bảng điểm chính thức trước khi ra quyết định công nhận.",
      en:
        "Points marked † were decided by a reconstructed rule: check them against the official table before a real recognition decision."
    ))

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
      throw parsed.positionals.isEmpty
        ? CLIError(
          .usage, vi: "chưa chỉ ra tệp số liệu", en: "no evidence file given", usage: help.usage)
        : CLIError(
          .usage, vi: "assess chỉ nhận một tệp (dùng 'cfc batch' cho nhiều xã)",
          en: "assess takes one file (use 'cfc batch' for many)", usage: help.usage)
    }
    let rulebook = try RulebookSource.resolve(parsed)
    let bytes = try Files.read(path)
    let record: EvidenceRecord
    do {
      record = try EvidenceDecoder.decode(bytes, rulebook: rulebook)
    } catch {
      throw CLIError(.dataError, ErrorText(parsed.language).lines(error, source: path))
    }
    let assessment = Assessor.assess(
      record, rulebook: rulebook, withPath: !parsed.flags.contains("--no-path"))
    let text: String
    switch parsed.value("--format") ?? "text" {
    case "json": text = JSONReport(rulebook: rulebook, language: parsed.language).render(assessment)
    case "html": text = HTMLReport(rulebook: rulebook, language: parsed.language).render(assessment)
    default: text = TextReport(rulebook: rulebook, language: parsed.language).render(assessment)
    }
    try ResultSink.deliver(text, terminal: terminal, path: parsed.value("-o"))
    return .success
  }
}
