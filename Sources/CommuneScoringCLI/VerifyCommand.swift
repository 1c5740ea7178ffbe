import CommuneReports
import CommuneScoring

/// `cfc verify ASSESSMENT.json EVIDENCE.json`: re-runs an assessment and confirms it, or shows
/// what differs.
enum VerifyCommand {
  static let help = CommandHelp(
    usage: "cfc verify ASSESSMENT.json EVIDENCE.json [--rulebook FILE] [--lang vi|en]",
    summary: LocalizedText(
      vi:
        "Kiểm tra một kết quả JSON (của `cfc assess --format json`): so mã băm SHA-256 của hồ sơ số liệu và của bộ tiêu chí với biên nhận trong kết quả, chấm lại và so từng giá trị. Mã thoát 0 khi tái lập chính xác, 1 khi có khác biệt (được liệt kê), 65 khi tệp không phải kết quả của cfc.",
      en:
        "Checks a JSON assessment (from `cfc assess --format json`): compares the SHA-256 of the evidence file and of the rulebook with the receipt in the assessment, re-runs it and compares every value. Exit 0 when reproduced exactly, 1 when something differs (listed), 65 when the file is not a cfc assessment."
    ),
    options: [CommonOptions.rulebook, CommonOptions.lang],
    examples: [
      "cfc assess xa.json --format json -o ket-qua.json && cfc verify ket-qua.json xa.json"
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.count == 2 else {
      throw CLIError(
        .usage, vi: "verify cần tệp kết quả (JSON) và tệp số liệu đã dùng để chấm",
        en: "verify needs the assessment (JSON) and the evidence file it was made from",
        usage: help.usage)
    }
    let w = Wording(parsed.language)
    let assessmentPath = parsed.positionals[0]
    let evidencePath = parsed.positionals[1]
    let claimed: JSONValue
    do { claimed = try JSONParser.parse(try Files.read(assessmentPath)) } catch let error
      as CLIError
    { throw error } catch {
      throw CLIError(.dataError, ["\(assessmentPath): invalid JSON at \(error)"])
    }
    guard case .object(let object) = claimed, case .object(let receipt)? = object["rulebook"],
      case .string(let rulebookHash)? = receipt["sha256"],
      case .object(let input)? = object["input"]
    else {
      throw CLIError(
        .dataError,
        vi:
          "\(assessmentPath): không phải kết quả của `cfc assess --format json` (không có biên nhận bộ tiêu chí và hồ sơ)",
        en:
          "\(assessmentPath): not an assessment from `cfc assess --format json` (no rulebook and input receipt)"
      )
    }
    let language: Language = object["language"] == .string("en") ? .en : .vi
    let rulebook = try RulebookSource.resolve(parsed)
    let evidenceBytes = try Files.read(evidencePath)
    var findings: [String] = []
    let evidenceHash = SHA256.hex(of: evidenceBytes)
    if input["sha256"] != .string(evidenceHash) {
      let stated: String
      if case .string(let text)? = input["sha256"] { stated = text } else { stated = "—" }
      findings.append(
        w.t(
          "hồ sơ số liệu khác với hồ sơ đã được chấm: sha256 \(evidenceHash), kết quả ghi \(stated)",
          "the evidence file is not the one assessed: its sha256 is \(evidenceHash), the assessment says \(stated)"
        ))
    }
    if rulebookHash != rulebook.sha256 {
      findings.append(
        w.t(
          "kết quả được chấm bằng bộ tiêu chí sha256 \(rulebookHash), bộ đang dùng là \(rulebook.sha256) (dùng --rulebook)",
          "the assessment was made with rulebook sha256 \(rulebookHash); the one in use is \(rulebook.sha256) (use --rulebook)"
        ))
    }
    if case .object(let engine)? = object["engine"],
      engine["version"] != .string(EngineInfo.version)
    {
      findings.append(
        w.t(
          "kết quả được tạo bởi một phiên bản cfc khác",
          "the assessment was made by another version of cfc"))
    }
    let record: EvidenceRecord
    do { record = try EvidenceDecoder.decode(evidenceBytes, rulebook: rulebook) } catch {
      throw CLIError(.dataError, ErrorText(parsed.language).lines(error, source: evidencePath))
    }
    let recomputed = JSONReport(rulebook: rulebook, language: language).value(
      Assessor.assess(record, rulebook: rulebook))
    for difference in JSONDiff.differences(claimed, recomputed) {
      let stated =
        difference.expected.map { JSONWriter.write($0, pretty: false) }
        ?? w.t("(không có)", "(absent)")
      let actual =
        difference.actual.map { JSONWriter.write($0, pretty: false) }
        ?? w.t("(không có)", "(absent)")
      findings.append(
        w.t(
          "tại \(difference.path): kết quả ghi \(stated), chấm lại được \(actual)",
          "at \(difference.path): the assessment says \(stated), re-running gives \(actual)"))
    }
    if findings.isEmpty {
      terminal.out(
        w.t(
          "Đã xác nhận: \(assessmentPath) được tái lập chính xác từ \(evidencePath) (hồ sơ sha256 \(evidenceHash), bộ tiêu chí \(rulebook.id) sha256 \(rulebook.sha256)).\n",
          "Verified: \(assessmentPath) is reproduced exactly from \(evidencePath) (record sha256 \(evidenceHash), rulebook \(rulebook.id) sha256 \(rulebook.sha256)).\n"
        ))
      return .success
    }
    terminal.out(
      w.t("KHÔNG xác nhận được \(assessmentPath):\n", "NOT verified: \(assessmentPath):\n"))
    for finding in findings { terminal.out("  - \(finding)\n") }
    return .rowsRejected
  }
}
