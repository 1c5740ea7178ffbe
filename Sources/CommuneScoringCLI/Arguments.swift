import CommuneReports
import CommuneScoring

/// Exit codes shared with scripts (see shared/spec/contract.md).
public enum ExitCode: Int32, Sendable {
  case success = 0
  /// The run completed but some batch rows were rejected.
  case rowsRejected = 1
  case usage = 64
  case dataError = 65
  case cannotRead = 66
  /// Writing the output failed.
  case cannotWrite = 73
}

/// A problem that stops a command, with the exit code it maps to.
public struct CLIError: Error, Equatable {
  public var code: ExitCode
  /// The message lines, without the `Error: ` prefix (English).
  public var lines: [String]
  /// The same lines in Vietnamese, when they differ from `lines`.
  public var vietnamese: [String]?
  /// Set for misuse: the usage line to print after the message.
  public var usage: String?

  public init(_ code: ExitCode, _ lines: [String], usage: String? = nil) {
    self.code = code
    self.lines = lines
    self.usage = usage
  }

  /// A one-line message in both languages.
  public init(_ code: ExitCode, vi: String, en: String, usage: String? = nil) {
    self.init(code, [en], usage: usage)
    vietnamese = [vi]
  }

  /// The lines in `language`.
  public func lines(in language: Language) -> [String] {
    language == .vi ? (vietnamese ?? lines) : lines
  }
}

/// One option a command accepts.
struct OptionSpec {
  var names: [String]
  var valueName: String?
  var allowed: [String]?
  var help: LocalizedText

  var key: String { names[0] }
}

/// Parsed command-line arguments.
struct ParsedArguments {
  var options: [String: String] = [:]
  var flags: Set<String> = []
  var positionals: [String] = []
  var help = false

  func value(_ key: String) -> String? { options[key] }
}

/// A small strict parser: unknown options are errors with a suggestion, values are checked.
enum ArgumentParser {
  static func parse(_ arguments: [String], specs: [OptionSpec], usage: String) throws(CLIError)
    -> ParsedArguments
  {
    var parsed = ParsedArguments()
    var index = 0
    var onlyPositionals = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositionals = true
        continue
      }
      if argument == "--help" || argument == "-h" {
        parsed.help = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let spec = specs.first(where: { $0.names.contains(name) }) else {
        let all = specs.flatMap(\.names) + ["--help"]
        let hint = Suggestion.closest(to: name, in: all).map { " (did you mean '\($0)'?)" } ?? ""
        let goiY =
          Suggestion.closest(to: name, in: all).map { " (có phải ý bạn là '\($0)'?)" } ?? ""
        throw CLIError(
          .usage, vi: "tùy chọn không hợp lệ '\(name)'\(goiY)",
          en: "unknown option '\(name)'\(hint)", usage: usage)
      }
      guard let valueName = spec.valueName else {
        if inlineValue != nil {
          throw CLIError(
            .usage, vi: "tùy chọn '\(name)' không nhận giá trị",
            en: "option '\(name)' takes no value", usage: usage)
        }
        parsed.flags.insert(spec.key)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard index < arguments.count else {
          throw CLIError(
            .usage, vi: "tùy chọn '\(name)' cần một giá trị (\(valueName))",
            en: "option '\(name)' needs a value (\(valueName))", usage: usage)
        }
        value = arguments[index]
        index += 1
      }
      if let allowed = spec.allowed, !allowed.contains(value) {
        let choices = allowed.joined(separator: ", ")
        throw CLIError(
          .usage, vi: "tùy chọn '\(name)' phải là một trong: \(choices); không phải '\(value)'",
          en: "option '\(name)' must be one of \(choices), not '\(value)'", usage: usage)
      }
      parsed.options[spec.key] = value
    }
    try refuseOutputOverInput(parsed, specs: specs, usage: usage)
    return parsed
  }

  /// `-o` naming one of the command's input files (even by another path) would destroy the data
  /// being read: refused before any work starts.
  static func refuseOutputOverInput(_ parsed: ParsedArguments, specs: [OptionSpec], usage: String)
    throws(CLIError)
  {
    guard let output = parsed.value("-o") else { return }
    let fileOptions = specs.filter {
      $0.key != "-o" && ($0.valueName?.contains("FILE") == true || $0.valueName == "FOLDER")
    }
    let inputs = parsed.positionals + fileOptions.compactMap { parsed.value($0.key) }
    if let folder = inputs.first(where: { Files.inside($0, output) }) {
      throw CLIError(
        .usage,
        vi:
          "-o '\(output)' nằm trong thư mục đầu vào '\(folder)': lần chạy sau sẽ đọc nó như số liệu; hãy ghi ra ngoài thư mục",
        en:
          "-o '\(output)' is inside the input folder '\(folder)': the next run would read it as data; write it outside the folder",
        usage: usage)
    }
    guard let input = inputs.first(where: { Files.same($0, output) }) else { return }
    throw CLIError(
      .usage,
      vi:
        "-o '\(output)' chính là tệp đầu vào '\(input)': kết quả sẽ ghi đè số liệu; hãy chọn tên khác",
      en:
        "-o '\(output)' is the input file '\(input)': the result would overwrite it; choose another name",
      usage: usage)
  }
}

/// Options several commands share.
enum CommonOptions {
  static let lang = OptionSpec(
    names: ["--lang"], valueName: "vi|en", allowed: ["vi", "en"],
    help: LocalizedText(
      vi: "ngôn ngữ của văn bản cho người đọc (mặc định: vi)",
      en: "language of text for people (default: vi)"))
  static let rulebook = OptionSpec(
    names: ["--rulebook"], valueName: "FILE", allowed: nil,
    help: LocalizedText(
      vi:
        "chấm mọi hồ sơ bằng bộ tiêu chí này (một tệp, hoặc mã của một bộ có sẵn / trong --criteria) thay vì chọn theo năm",
      en:
        "score every record with this rulebook (a file, or the id of a built-in one / one in --criteria) instead of choosing by year"
    ))
  static let criteria = OptionSpec(
    names: ["--criteria"], valueName: "FOLDER", allowed: nil,
    help: LocalizedText(
      vi:
        "chọn bộ tiêu chí theo năm đánh giá trong các tệp .json của thư mục này (mỗi bộ ghi thời gian hiệu lực inForce) thay cho các bộ có sẵn",
      en:
        "choose the rulebook by assessment year among the .json files of this folder (each says when it is in force, inForce) instead of the built-in ones"
    ))
  static let output = OptionSpec(
    names: ["-o", "--output"], valueName: "FILE", allowed: nil,
    help: LocalizedText(
      vi: "ghi kết quả vào tệp (ghi trọn vẹn hoặc không ghi gì)",
      en: "write the result to FILE (all or nothing)"))
}
