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
      if let usage = error.usage { terminal.err("Usage: \(usage)\n") }
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
      "template",
      LocalizedText(
        vi: "in mẫu số liệu trống sinh từ bộ tiêu chí",
        en: "print a blank evidence form generated from the rulebook")
    ),
    (
      "rulebook",
      LocalizedText(
        vi: "xem (show) hoặc kiểm tra (validate) bộ tiêu chí", en: "show or validate a rulebook")
    ),
  ]

  static func mainHelp(_ language: Language) -> String {
    let w = Wording(language)
    var text = w.t(
      "cfc — chấm điểm xã, phường, thị trấn phù hợp với trẻ em (Quyết định 06/QĐ-TTg)\n\nCách dùng: cfc LỆNH [TÙY CHỌN] …\n\nCác lệnh:\n",
      "cfc — scores communes against the child-friendly commune standard (Decision 06/QĐ-TTg)\n\nUsage: cfc COMMAND [OPTIONS] …\n\nCommands:\n"
    )
    for command in commands {
      text += "  " + Format.pad(command.name, 10) + command.summary.text(language) + "\n"
    }
    text += w.t(
      "\nVí dụ:\n  cfc assess samples/bang-mac.json\n  cfc batch samples/communes.csv --format csv --certified-only -o danh-sach.csv\n\n`cfc LỆNH --help` mô tả từng lệnh. Mã thoát: 0 thành công, 1 có dòng bị loại, 64 dùng sai lệnh, 65 dữ liệu không hợp lệ, 66 không đọc được tệp.\n",
      "\nExamples:\n  cfc assess samples/bang-mac.json\n  cfc batch samples/communes.csv --format csv --certified-only -o list.csv\n\n`cfc COMMAND --help` describes each command. Exit codes: 0 success, 1 some rows rejected, 64 misuse, 65 invalid data, 66 unreadable file.\n"
    )
    return text
  }

  static func dispatch(_ arguments: [String], terminal: Terminal, language: Language)
    throws(CLIError) -> ExitCode
  {
    guard let command = arguments.first else {
      terminal.err(mainHelp(language))
      throw CLIError(
        .usage, vi: "chưa chỉ ra lệnh", en: "no command given",
        usage: "cfc COMMAND [OPTIONS] (cfc --help)")
    }
    let rest = Array(arguments.dropFirst())
    switch command {
    case "--help", "-h", "help":
      terminal.out(mainHelp(language))
      return .success
    case "--version":
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

  func render(_ language: Language) -> String {
    let w = Wording(language)
    var text =
      w.t("Cách dùng: ", "Usage: ") + usage + "\n\n" + summary.text(language) + "\n\n"
      + w.t("Tùy chọn:\n", "Options:\n")
    for option in options {
      let name = option.names.joined(separator: ", ") + (option.valueName.map { " \($0)" } ?? "")
      text += "  " + Format.pad(name, 26) + option.help.text(language) + "\n"
    }
    text += "  " + Format.pad("-h, --help", 26) + w.t("hiện trợ giúp này", "show this help") + "\n"
    if let notes { text += "\n" + notes.text(language) + "\n" }
    text += "\n" + w.t("Ví dụ:\n", "Examples:\n")
    for example in examples { text += "  \(example)\n" }
    return text
  }
}

extension CommandHelp {
  /// Parses a command's arguments; prints the help and returns nil for `--help`.
  func parse(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ParsedArguments? {
    let parsed = try ArgumentParser.parse(arguments, specs: options, usage: usage)
    if parsed.help {
      terminal.out(render(parsed.language))
      return nil
    }
    return parsed
  }
}

extension ParsedArguments {
  var language: Language { value("--lang") == "en" ? .en : .vi }
}
