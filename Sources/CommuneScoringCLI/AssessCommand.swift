import CommuneReports
import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `cfc assess FILE`: one commune's score, verdict and explanations.
enum AssessCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "text|json|html|docx",
    allowed: ["text", "json", "html", "docx"],
    help: LocalizedText(
      vi: "định dạng kết quả (mặc định: text)", en: "output format (default: text)"))
  static let noPath = OptionSpec(
    names: ["--no-path"], valueName: nil, allowed: nil,
    help: LocalizedText(
      vi: "không tính lộ trình đạt chuẩn", en: "do not compute the path to recognition"))

  static let help = CommandHelp(
    usage:
      "cfc assess FILE [--format text|json|html|docx] [--lang vi|en] [--rulebook FILE] [--criteria FOLDER] [-o FILE] [--no-path] [--issuer TEXT] [--number TEXT] [--place TEXT] [--date YYYY-MM-DD] [--signer NAME] [--preparer NAME] [--recipients TEXT]",
    summary: LocalizedText(
      vi:
        "Chấm điểm 13 tiêu chí của một xã từ tệp số liệu JSON hoặc biểu tự đánh giá .xlsx đã điền (cfc template --format xlsx), giải thích từng điểm, kết luận đạt/không đạt và chỉ ra cần làm gì để đạt chuẩn. Với biểu .xlsx, cfc so điểm và kết luận trong tệp với kết quả tự tính lại và nói rõ nếu khác. FILE là '-' để đọc từ đầu vào chuẩn.",
      en:
        "Scores the 13 criteria of one commune from a JSON evidence file or a filled .xlsx self-assessment workbook (cfc template --format xlsx), explains every point, gives the verdict and what would get the commune recognised. For a workbook, cfc compares the points and verdict in the file with its own and says when they differ. FILE may be '-' for standard input."
    ),
    options: [
      format, CommonOptions.lang, CommonOptions.rulebook, CommonOptions.criteria,
      CommonOptions.output, noPath,
    ]
      + FrameOptions.all,
    examples: [
      "cfc assess samples/bang-mac.json",
      "cfc assess samples/bang-mac.json --format json --lang en -o bang-mac.json",
      "cfc assess samples/bang-mac.json --format docx --place \"Bằng Mạc\" -o bang-diem.docx",
      "cfc assess bieu-tu-danh-gia.xlsx",
    ],
    notes: LocalizedText(
      vi:
        "Bảng điểm HTML và Word có khung văn bản hành chính (Nghị định 30/2020/NĐ-CP); chỗ nào không có tùy chọn thì để trống (…) để điền tay. Điểm có dấu (*) chấm theo mức điểm xây dựng lại từ Quyết định: đối chiếu với biểu điểm chính thức khi thẩm định.",
      en:
        "The HTML and Word sheets carry the administrative frame (Decree 30/2020/NĐ-CP); what no option fills is left blank (…) to write by hand. Points marked (*) were scored on brackets rebuilt from the Decision: check them against the official table when reviewing."
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
    let frame = try FrameOptions.values(parsed, usage: help.usage)
    let selection = try RulebookSource.selection(parsed)
    var rulebook = selection.reading
    if parsed.value("--format") == "docx" {
      try terminal.checkBinary("docx", output: parsed.value("-o"), usage: help.usage)
    }
    if let suggestion = batchSuggestion(path, workbooks: false) { throw suggestion }
    let bytes = try Files.read(path)
    let record: EvidenceRecord
    // A filled self-assessment workbook (`cfc template --format xlsx`), read through its names.
    var reading: TemplateReading?
    if TemplateInput.isWorkbook(bytes) {
      var read = try TemplateInput.read(
        bytes, path: path, rulebook: rulebook, language: parsed.language)
      // Read again with the rulebook of the workbook's year when it is another one.
      let ofYear = try RulebookSource.forYear(
        read.record.year, selection: selection, path: path,
        at: .json(.root.appending("cfc_year")), language: parsed.language)
      if ofYear.sha256 != rulebook.sha256 || ofYear.fields.count != rulebook.fields.count {
        rulebook = ofYear
        read = try TemplateInput.read(
          bytes, path: path, rulebook: rulebook, language: parsed.language)
      }
      reading = read
      if let note = TemplateInput.note(read, path: path, language: parsed.language) {
        terminal.err(note)
      }
      record = read.record
    } else {
      rulebook = try RulebookSource.forYear(
        RulebookSource.peekYear(bytes), selection: selection, path: path,
        at: .json(.root.appending("year")), language: parsed.language)
      do {
        record = try EvidenceDecoder.decode(bytes, rulebook: rulebook)
      } catch {
        // A JSON array that is not one commune's record: a batch, most likely.
        if let suggestion = batchSuggestion(path, workbooks: true) { throw suggestion }
        if bytes.first(where: { $0 > 0x20 }) == UInt8(ascii: "[") {
          throw CLIError(
            .usage,
            vi: "'\(path)' là một mảng nhiều hồ sơ; để chấm nhiều xã, dùng: cfc batch \(path)",
            en: "'\(path)' is an array of records; to score many communes, use: cfc batch \(path)",
            usage: help.usage)
        }
        throw CLIError(.dataError, ErrorText(parsed.language).lines(error, source: path))
      }
    }
    let assessment = Assessor.assess(
      record, rulebook: rulebook, withPath: !parsed.flags.contains("--no-path"))
    let sheet = HTMLReport(rulebook: rulebook, language: parsed.language, frame: frame)
    var text: String
    switch parsed.value("--format") ?? "text" {
    case "json":
      let report = JSONReport(rulebook: rulebook, language: parsed.language)
      if let reading, case .object(var object) = report.value(assessment) {
        let (key, value) = TemplateInput.json(reading)
        object.members.append((key: key, value: value))
        text = JSONWriter.write(.object(object)) + "\n"
      } else {
        text = report.render(assessment)
      }
    case "html": text = sheet.render(assessment)
    case "docx":
      let sink = try ResultSink(terminal: terminal, path: parsed.value("-o"))
      sink.write(bytes: sheet.docx(assessment)[...])
      try sink.finish()
      return .success
    default:
      text = TextReport(rulebook: rulebook, language: parsed.language).render(assessment)
      if let reading {
        text +=
          TemplateInput.lines(reading, language: parsed.language).joined(separator: "\n")
          + "\n"
      }
    }
    try ResultSink.deliver(text, terminal: terminal, path: parsed.value("-o"))
    return .success
  }

  /// A batch file (CSV, workbook, JSON Lines) given to `assess` or `dossier`: point to
  /// `cfc batch`. Workbooks are only suggested once they failed to read as one commune's workbook.
  /// A file that does not exist is left to the reading, which says so.
  static func batchSuggestion(
    _ path: String, workbooks: Bool, command: String = "assess", usage: String = help.usage
  ) -> CLIError? {
    let lower = path.lowercased()
    let batchEndings =
      [".csv", ".tsv", ".jsonl", ".ndjson"] + (workbooks ? [".xlsx", ".ods", ".xls"] : [])
    guard let ending = batchEndings.first(where: { lower.hasSuffix($0) }),
      path == "-" || FileManager.default.fileExists(atPath: path)
    else { return nil }
    let (vi, en) =
      command == "dossier"
      ? (
        "'cfc dossier' lập hồ sơ cho một xã, từ tệp số liệu JSON của xã đó — để chấm cả tệp, dùng: cfc batch \(path)",
        "'cfc dossier' writes one commune's dossier from its JSON evidence file — score the whole file with: cfc batch \(path)"
      )
      : (
        "'cfc assess' chấm một xã từ tệp JSON — dùng: cfc batch \(path)",
        "'cfc assess' scores one commune from a JSON file — use: cfc batch \(path)"
      )
    return CLIError(
      .usage,
      vi: "'\(path)' là tệp nhiều xã (\(ending)); " + vi,
      en: "'\(path)' is a file of many communes (\(ending)); " + en,
      usage: usage)
  }
}
