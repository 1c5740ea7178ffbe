import CommuneReports
import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `cfc rulebook test FILE`: runs the test cases written beside a rulebook.
enum RulebookTestCommand {
  static let rulebookOption = OptionSpec(
    names: ["--rulebook"], valueName: "FILE", allowed: nil,
    help: LocalizedText(
      vi:
        "bộ tiêu chí để thử (mặc định: tệp bên cạnh, X.tests.json → X.json, hoặc bộ có sẵn cùng mã)",
      en:
        "the rulebook to test (default: the file beside it, X.tests.json → X.json, or the built-in one with that id)"
    ))

  static let help = CommandHelp(
    usage: "cfc rulebook test FILE [--rulebook FILE] [--lang vi|en]",
    summary: LocalizedText(
      vi:
        "Chạy các trường hợp thử do người soạn bộ tiêu chí viết (một hồ sơ, hoặc chỉ các số liệu cần thiết đặt lên hồ sơ gốc 'base', cùng điểm từng chỉ tiêu, tiêu chí, tổng điểm và kết luận phải có). Mỗi trường hợp sai được in ra với điểm cần có, điểm chấm được và lời giải thích của bộ chấm. Mã thoát 1 khi có trường hợp sai; tệp thử sai cấu trúc là lỗi (65) chỉ rõ vị trí JSON.",
      en:
        "Runs the test cases written by a rulebook's authors (a record, or only the figures that matter laid over the 'base' record, with the points per indicator and criterion, the total and the verdict it must get). Each failing case is printed with the expected points, the points scored and the engine's explanation. Exit code 1 when a case fails; a malformed test file is an error (65) naming the JSON path."
    ),
    options: [rulebookOption, CommonOptions.lang],
    examples: [
      "cfc rulebook test criteria/qd06-2019.tests.json",
      "cfc rulebook test criteria/qd06-2019.tests.json --rulebook ban-sua.json --lang en",
    ],
    notes: LocalizedText(
      vi:
        "Cấu trúc tệp: {\"rulebook\": MÃ, \"base\": HỒ SƠ, \"cases\": [{\"name\", \"evidence\" hoặc \"record\", \"category\", \"year\", \"expect\": {\"indicators\": {\"T2.1\": 40}, \"criteria\": {\"T2\": 40}, \"total\", \"status\"}}]}; null là thiếu số liệu / chưa xác minh được. Xem README, mục bộ tiêu chí.",
      en:
        "File layout: {\"rulebook\": ID, \"base\": RECORD, \"cases\": [{\"name\", \"evidence\" or \"record\", \"category\", \"year\", \"expect\": {\"indicators\": {\"T2.1\": 40}, \"criteria\": {\"T2\": 40}, \"total\", \"status\"}}]}; null is missing / not verifiable. See the README's rulebook section."
    ))

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
      throw CLIError(
        .usage, vi: "rulebook test cần đúng một tệp thử",
        en: "rulebook test needs exactly one test FILE", usage: help.usage)
    }
    let bytes = try Files.read(path)
    let (rulebook, origin) = try rulebookFor(path, bytes: bytes, parsed: parsed)
    let suite: RuleTestSuite
    do {
      suite = try RuleTestDecoder.decode(bytes, rulebook: rulebook)
    } catch {
      throw CLIError(.dataError, ErrorText(parsed.language).lines(error, source: path))
    }
    let outcomes = RuleTestRunner.run(suite, rulebook: rulebook)
    terminal.out(
      RuleTestReport(rulebook: rulebook, language: parsed.language).render(outcomes, source: path))
    // Which file was tested: the one beside the tests, --rulebook's, or the built-in one.
    let w = Wording(parsed.language)
    terminal.out(
      w.t("Bộ tiêu chí đã thử: ", "Rulebook tested: ")
        + (origin ?? w.t("bộ có sẵn trong cfc", "the one built into cfc"))
        + " (SHA-256 \(rulebook.sha256))\n")
    return outcomes.allSatisfy(\.passed) ? .success : .rowsRejected
  }

  /// `--rulebook`, else the rulebook file beside the tests, else the built-in one they name.
  /// Also returns the file it came from (nil for the built-in one).
  static func rulebookFor(_ path: String, bytes: [UInt8], parsed: ParsedArguments)
    throws(CLIError) -> (Rulebook, String?)
  {
    if let named = parsed.value("--rulebook") {
      let rulebook = try RulebookSource.resolve(parsed)
      return (rulebook, FileManager.default.fileExists(atPath: named) ? named : nil)
    }
    if path.hasSuffix(".tests.json") {
      let beside = String(path.dropLast(".tests.json".count)) + ".json"
      if FileManager.default.fileExists(atPath: beside) {
        return (try RulebookSource.load(try Files.read(beside), name: beside), beside)
      }
    }
    let builtIn = try RulebookSource.builtIn()
    // The id the tests name, read leniently: a wrong file is reported by the strict decoder.
    if case .object(let object)? = try? JSONParser.parse(bytes),
      case .string(let id)? = object["rulebook"], id != builtIn.id
    {
      throw CLIError(
        .usage,
        vi:
          "\(path): các trường hợp thử viết cho bộ tiêu chí '\(id)', không phải '\(builtIn.id)' có sẵn: chỉ ra bộ tiêu chí bằng --rulebook FILE",
        en:
          "\(path): the tests are written for rulebook '\(id)', not the built-in '\(builtIn.id)': name it with --rulebook FILE",
        usage: help.usage)
    }
    return (builtIn, nil)
  }
}
