import CommuneReports
import CommuneScoring

/// The `cfc` command line as a library, so tests can run it in-process.
public enum CLI {
  /// Runs `cfc` with `arguments` (without the program name) and returns the exit code.
  public static func run(_ arguments: [String], terminal: Terminal) -> Int32 {
    let language =
      arguments.contains("--lang=en")
        || zip(arguments, arguments.dropFirst()).contains { $0 == "--lang" && $1 == "en" }
      ? Language.en : .vi
    (terminal as? StandardTerminal)?.language = language
    do {
      return try dispatch(arguments, terminal: terminal, language: language).rawValue
    } catch {
      for line in error.lines(in: language) { terminal.err("Error: \(line)\n") }
      if let usage = error.usage {
        // Wrapped like the help's usage, groups ("[--format text|json]") kept whole.
        let lines = HelpLayout.usage("Usage: ", usage, width: HelpLayout.width(for: terminal))
        terminal.err(lines.joined(separator: "\n") + "\n")
      }
      return error.code.rawValue
    }
  }

  static let commands: [(name: String, summary: LocalizedText)] = [
    (
      "compare",
      LocalizedText(
        vi: "so sánh hai kỳ đánh giá của cùng các xã", en: "compare two rounds of the same communes"
      )
    ),
    (
      "verify",
      LocalizedText(
        vi: "chấm lại và xác nhận một kết quả JSON", en: "re-run and confirm a JSON assessment")
    ),
    (
      "generate",
      LocalizedText(
        vi: "sinh dữ liệu xã giả lập để thử nghiệm, đo hiệu năng",
        en: "generate synthetic communes for trials and benchmarks")
    ),
    (
      "benchmark",
      LocalizedText(
        vi: "đo hiệu năng chấm điểm hàng loạt", en: "measure batch scoring speed and memory")
    ),
    (
      "assess",
      LocalizedText(
        vi: "chấm điểm một xã từ tệp số liệu JSON",
        en: "score one commune from a JSON evidence file")
    ),
    (
      "batch",
      LocalizedText(
        vi: "chấm điểm nhiều xã (CSV, mảng JSON, JSON Lines); lập danh sách công nhận",
        en: "score many communes (CSV, JSON array, JSON Lines); the certification list")
    ),
    (
      "dossier",
      LocalizedText(
        vi: "lập hồ sơ đề nghị công nhận của một xã (HTML và Word)",
        en: "write a commune's recognition dossier (HTML and Word)")
    ),
    (
      "template",
      LocalizedText(
        vi: "in mẫu số liệu trống sinh từ bộ tiêu chí",
        en: "print a blank evidence form generated from the rulebook")
    ),
    (
      "rulebook",
      LocalizedText(
        vi: "xem (show), kiểm tra (validate), chạy thử (test), so sánh (diff) bộ tiêu chí",
        en: "show, validate, test or compare (diff) rulebooks")
    ),
  ]

  /// Each command's help, by name.
  static let helps: [String: CommandHelp] = [
    "assess": AssessCommand.help, "batch": BatchCommand.help, "generate": GenerateCommand.help,
    "compare": CompareCommand.help, "verify": VerifyCommand.help,
    "benchmark": BenchmarkCommand.help, "template": TemplateCommand.help,
    "rulebook": RulebookCommand.help, "dossier": DossierCommand.help,
  ]

  /// Every way people ask for help.
  static let helpWords: [String] = ["--help", "-h", "help", "-help", "--h", "-?", "/?", "?"]

  static func mainHelp(_ language: Language, width: Int = HelpLayout.defaultWidth) -> String {
    let w = Wording(language)
    var lines = HelpLayout.wrap(
      w.t(
        "cfc — chấm điểm xã, phường, thị trấn phù hợp với trẻ em (Quyết định 06/QĐ-TTg)",
        "cfc — scores communes against the child-friendly commune standard (Decision 06/QĐ-TTg)"),
      width: width)
    lines.append("")
    lines += HelpLayout.usage(
      w.t("Cách dùng: ", "Usage: "), w.t("cfc LỆNH [TÙY CHỌN] …", "cfc COMMAND [OPTIONS] …"),
      width: width)
    lines.append("")
    lines.append(w.t("Các lệnh:", "Commands:"))
    for command in commands {
      lines += HelpLayout.option(
        command.name, command.summary.text(language), width: width, column: 13)
    }
    lines.append("")
    lines.append(w.t("Ví dụ:", "Examples:"))
    for example in [
      "cfc assess samples/bang-mac.json",
      "cfc batch samples/communes.csv --format csv --certified-only -o "
        + w.t("danh-sach.csv", "list.csv"),
      "cfc help batch",
    ] {
      lines += HelpLayout.command(example, width: width, indent: 2)
    }
    lines.append("")
    lines += HelpLayout.wrap(
      w.t(
        "`cfc help LỆNH` hoặc `cfc LỆNH --help` mô tả từng lệnh; `--lang en` cho tiếng Anh. Mã thoát: 0 thành công, 1 có dòng bị loại, 64 dùng sai lệnh, 65 dữ liệu không hợp lệ, 66 không đọc được tệp, 73 không ghi được tệp kết quả.",
        "`cfc help COMMAND` or `cfc COMMAND --help` describes each command; `--lang vi` for Vietnamese. Exit codes: 0 success, 1 some rows rejected, 64 misuse, 65 invalid data, 66 unreadable file, 73 the output cannot be written."
      ), width: width)
    return lines.joined(separator: "\n") + "\n"
  }

  static func dispatch(_ arguments: [String], terminal: Terminal, language: Language)
    throws(CLIError) -> ExitCode
  {
    // A language given before the command (`cfc --lang en batch …`) applies to the command.
    var arguments = arguments
    var leadingLanguage: [String] = []
    while let first = arguments.first, first == "--lang" || first.hasPrefix("--lang=") {
      let count = first == "--lang" ? min(2, arguments.count) : 1
      leadingLanguage = Array(arguments.prefix(count))
      arguments.removeFirst(count)
    }
    // Asked only when help is shown: most runs print none.
    var width: Int { HelpLayout.width(for: terminal) }
    guard let command = arguments.first else {
      if !leadingLanguage.isEmpty {
        terminal.out(mainHelp(language, width: width))
        return .success
      }
      terminal.err(mainHelp(language, width: width))
      throw CLIError(
        .usage, vi: "chưa chỉ ra lệnh", en: "no command given",
        usage: "cfc COMMAND [OPTIONS] (cfc --help)")
    }
    var rest = Array(arguments.dropFirst())
    if helpWords.contains(command) {
      // `cfc help batch`, `cfc --help batch`: that command's help.
      if let name = rest.first(where: { !$0.hasPrefix("-") }), let help = helps[name] {
        terminal.out(help.render(language, width: width))
        return .success
      }
      terminal.out(mainHelp(language, width: width))
      return .success
    }
    // `cfc batch help`, `cfc batch -?`: help, not a file called "help".
    if let help = helps[command],
      rest.filter({ !$0.hasPrefix("--lang") && $0 != "en" && $0 != "vi" }) == ["help"]
        || rest.contains(where: { $0 == "-?" || $0 == "-help" || $0 == "--h" })
    {
      terminal.out(help.render(language, width: width))
      return .success
    }
    if let help = helps[command], !leadingLanguage.isEmpty,
      help.options.contains(where: { $0.names.contains("--lang") })
    {
      rest += leadingLanguage
    }
    switch command {
    case "--version", "-V", "version":
      terminal.out("\(EngineInfo.name) \(EngineInfo.version)\n")
      return .success
    case "assess": return try AssessCommand.run(rest, terminal: terminal)
    case "batch": return try BatchCommand.run(rest, terminal: terminal)
    case "generate": return try GenerateCommand.run(rest, terminal: terminal)
    case "compare": return try CompareCommand.run(rest, terminal: terminal)
    case "verify": return try VerifyCommand.run(rest, terminal: terminal)
    case "benchmark": return try BenchmarkCommand.run(rest, terminal: terminal)
    case "template": return try TemplateCommand.run(rest, terminal: terminal)
    case "rulebook": return try RulebookCommand.run(rest, terminal: terminal)
    case "dossier": return try DossierCommand.run(rest, terminal: terminal)
    default:
      let closest = Suggestion.closest(to: command, in: commands.map(\.name))
      throw CLIError(
        .usage,
        vi: "lệnh không hợp lệ '\(command)'"
          + (closest.map { " (có phải ý bạn là '\($0)'?)" } ?? ""),
        en: "unknown command '\(command)'" + (closest.map { " (did you mean '\($0)'?)" } ?? ""),
        usage: "cfc COMMAND [OPTIONS] (cfc --help)")
    }
  }
}

/// How a command describes itself for `--help`.
struct CommandHelp {
  var usage: String
  var summary: LocalizedText
  var options: [OptionSpec]
  var examples: [String]
  var notes: LocalizedText?

  /// The usage line with every option the command takes: the written usage, then any option it
  /// does not mention yet.
  var completeUsage: String {
    var text = usage
    for option in options {
      let mentioned = option.names.contains { name in
        text.contains("[\(name) ") || text.contains("[\(name)]") || text.contains("[\(name)|")
      }
      if mentioned { continue }
      let name = option.names.first { $0.hasPrefix("--") } ?? option.key
      text += " [\(name)\(option.valueName.map { " \($0)" } ?? "")]"
    }
    return text
  }

  /// The help laid out for `width` columns.
  func render(_ language: Language, width: Int = HelpLayout.defaultWidth) -> String {
    let w = Wording(language)
    var lines = HelpLayout.usage(w.t("Cách dùng: ", "Usage: "), completeUsage, width: width)
    lines.append("")
    lines += HelpLayout.wrap(summary.text(language), width: width)
    lines.append("")
    lines.append(w.t("Tùy chọn:", "Options:"))
    for option in options {
      let name = option.names.joined(separator: ", ") + (option.valueName.map { " \($0)" } ?? "")
      lines += HelpLayout.option(name, option.help.text(language), width: width)
    }
    lines += HelpLayout.option(
      "-h, --help", w.t("hiện trợ giúp này", "show this help"), width: width)
    if let notes {
      lines.append("")
      lines += HelpLayout.wrap(notes.text(language), width: width)
    }
    lines.append("")
    lines.append(w.t("Ví dụ:", "Examples:"))
    for example in examples { lines += HelpLayout.command(example, width: width, indent: 2) }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension CommandHelp {
  /// Parses a command's arguments; prints the help and returns nil for `--help`.
  func parse(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ParsedArguments? {
    let parsed = try ArgumentParser.parse(arguments, specs: options, usage: usage)
    if parsed.help {
      terminal.out(render(parsed.language, width: HelpLayout.width(for: terminal)))
      return nil
    }
    return parsed
  }
}

extension ParsedArguments {
  var language: Language { value("--lang") == "en" ? .en : .vi }
}
