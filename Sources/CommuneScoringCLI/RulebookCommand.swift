import CommuneReports
import CommuneScoring

/// `cfc rulebook show|validate|test|diff`.
enum RulebookCommand {
  static let showFormat = OptionSpec(
    names: ["--format", "-f"], valueName: "text|html|docx", allowed: ["text", "html", "docx"],
    help: LocalizedText(
      vi: "show: văn bản (mặc định) hoặc phiếu đối chiếu html/docx",
      en: "show: text (default) or the verification sheet as html/docx"))

  static let help = CommandHelp(
    usage:
      "cfc rulebook show [--rulebook FILE] [--lang vi|en] [--format text|html|docx] [-o FILE] | cfc rulebook validate FILE | cfc rulebook test FILE | cfc rulebook diff OLD NEW [--batch FILE…]",
    summary: LocalizedText(
      vi:
        "show: in các tiêu chí, chỉ tiêu, mức điểm và nguồn gốc (đã xác minh / tái dựng) của bộ tiêu chí; --format html|docx: phiếu đối chiếu in trên A4, quy tắc bên cạnh nguyên văn, có ô đánh dấu Đúng/Sai. validate: kiểm tra một tệp bộ tiêu chí (cấu trúc, tổng điểm, thứ tự các mức, trường số liệu) và chỉ ra chỗ sai. test: chạy các trường hợp thử viết kèm bộ tiêu chí (cfc rulebook test --help). diff: so sánh hai bộ tiêu chí từng quy định và ảnh hưởng tới các xã (cfc rulebook diff --help).",
      en:
        "show: prints the rulebook's criteria, indicators, points and provenance (verified / reconstructed); --format html|docx: a printable A4 verification sheet, each rule beside its official wording, with Correct/Wrong boxes to tick. validate: checks a rulebook file (structure, point totals, band order, fields) and says where it is wrong. test: runs the test cases written beside a rulebook (cfc rulebook test --help). diff: compares two rulebooks rule by rule, and their effect on communes (cfc rulebook diff --help)."
    ),
    options: [CommonOptions.rulebook, CommonOptions.lang, showFormat, CommonOptions.output],
    examples: [
      "cfc rulebook show", "cfc rulebook show --lang en",
      "cfc rulebook show --format html -o phieu-doi-chieu.html",
      "cfc rulebook validate criteria/qd06-2019.json",
      "cfc rulebook test criteria/qd06-2019.tests.json",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    // The actions with options of their own, each with its own `--help`.
    if let index = arguments.firstIndex(where: { !$0.hasPrefix("-") && $0 != "en" && $0 != "vi" }),
      ["test", "diff"].contains(arguments[index])
    {
      var rest = arguments
      rest.remove(at: index)
      switch arguments[index] {
      case "diff": return try RulebookDiffCommand.run(rest, terminal: terminal)
      default: return try RulebookTestCommand.run(rest, terminal: terminal)
      }
    }
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard !parsed.positionals.isEmpty else {
      throw CLIError(
        .usage, vi: "rulebook cần 'show', 'validate', 'test' hoặc 'diff'",
        en: "rulebook needs 'show', 'validate', 'test' or 'diff'", usage: help.usage)
    }
    switch parsed.positionals[0] {
    case "show":
      guard parsed.positionals.count == 1 else {
        throw CLIError(
          .usage, vi: "rulebook show không nhận tệp (dùng --rulebook FILE)",
          en: "rulebook show takes no file (use --rulebook FILE)",
          usage: help.usage)
      }
      let format = parsed.value("--format") ?? "text"
      if format == "docx" {
        try terminal.checkBinary(format, output: parsed.value("-o"), usage: help.usage)
      }
      let rulebook = try RulebookSource.resolve(parsed)
      let sheet = RulebookVerificationSheet(rulebook: rulebook, language: parsed.language)
      switch format {
      case "docx":
        let sink = try ResultSink(terminal: terminal, path: parsed.value("-o"))
        sink.write(bytes: sheet.docx()[...])
        try sink.finish()
      default:
        let text =
          format == "html"
          ? sheet.html() : RulebookReport(rulebook: rulebook, language: parsed.language).render()
        try ResultSink.deliver(text, terminal: terminal, path: parsed.value("-o"))
      }
      return .success
    case "validate":
      guard parsed.positionals.count == 2 else {
        throw CLIError(
          .usage, vi: "rulebook validate cần một tệp", en: "rulebook validate needs one FILE",
          usage: help.usage)
      }
      let path = parsed.positionals[1]
      let rulebook = try RulebookSource.load(try Files.read(path), name: path)
      let w = Wording(parsed.language)
      terminal.out(
        w.t(
          "\(path): hợp lệ — bộ tiêu chí '\(rulebook.id)' phiên bản \(rulebook.version): \(rulebook.criteria.count) tiêu chí, \(rulebook.criteria.flatMap(\.indicators).count) chỉ tiêu, \(Wording(parsed.language, pointScale: rulebook.pointScale).plain(rulebook.maxTotal)) điểm, \(rulebook.fields.count) trường số liệu\n",
          "\(path): valid — rulebook '\(rulebook.id)' version \(rulebook.version): \(rulebook.criteria.count) criteria, \(rulebook.criteria.flatMap(\.indicators).count) indicators, \(Wording(parsed.language, pointScale: rulebook.pointScale).plain(rulebook.maxTotal)) points, \(rulebook.fields.count) evidence fields\n"
        ))
      return .success
    default:
      throw CLIError(
        .usage,
        vi:
          "thao tác không hợp lệ '\(parsed.positionals[0])' (dùng 'show', 'validate', 'test' hoặc 'diff')",
        en:
          "unknown rulebook action '\(parsed.positionals[0])' (use 'show', 'validate', 'test' or 'diff')",
        usage: help.usage)
    }
  }
}
