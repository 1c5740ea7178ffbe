import CommuneReports
import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `cfc dossier RECORD -o FOLDER`: the documents a commune sends for recognition, as HTML and
/// Word files.
enum DossierCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "all|html|docx", allowed: ["all", "html", "docx"],
    help: LocalizedText(
      vi: "định dạng tệp (mặc định: all — cả HTML và Word)",
      en: "file format (default: all — both HTML and Word)"))
  static let folder = OptionSpec(
    names: ["-o", "--output"], valueName: "FOLDER", allowed: nil,
    help: LocalizedText(
      vi: "thư mục ghi hồ sơ (tạo nếu chưa có)", en: "folder to write the dossier to (created)"))

  static let draft = OptionSpec(
    names: ["--draft"], valueName: nil, allowed: nil,
    help: LocalizedText(
      vi: "vẫn lập hồ sơ khi xã chưa đủ điều kiện hay thiếu số liệu, đánh dấu DỰ THẢO",
      en: "write the dossier even when the commune does not qualify or lacks figures, marked DRAFT")
  )

  static let help = CommandHelp(
    usage:
      "cfc dossier RECORD -o FOLDER [--format all|html|docx] [--draft] [--lang vi|en] [--rulebook FILE]",
    summary: LocalizedText(
      vi:
        "Lập hồ sơ đề nghị công nhận của một xã từ tệp số liệu JSON: tờ trình đề nghị công nhận, bảng điểm tự đánh giá, báo cáo giải trình kết quả và nguồn từng số liệu (mục \"sources\" của hồ sơ số liệu), biên bản họp Hội đồng đánh giá xã. Số liệu và điểm được điền sẵn; những gì chỉ người mới viết được (ngày họp, thành phần, ý kiến, chữ ký) để trống. Điều chỉnh của hội đồng thẩm định (nếu có) không được dùng: hồ sơ là kết quả tự đánh giá của xã.",
      en:
        "Writes a commune's recognition dossier from its JSON evidence file: the request letter, the self-assessment scoring sheet, the report explaining the results and the source of each figure (the record's \"sources\"), and the minutes of the commune council's meeting. Figures and points are filled in; what only people can write (the meeting's date, attendance, remarks, signatures) is left blank. A council's review, if any, is not used: the dossier is the commune's own self-assessment."
    ),
    options: [folder, format, draft, CommonOptions.lang, CommonOptions.rulebook] + FrameOptions.all,
    examples: [
      "cfc dossier samples/bang-mac.json -o ho-so-bang-mac",
      "cfc dossier samples/bang-mac.json -o ho-so --place \"Bằng Mạc\" --date 2024-11-20",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
      throw CLIError(
        .usage, vi: "dossier cần đúng một tệp số liệu JSON",
        en: "dossier takes exactly one JSON evidence file", usage: help.usage)
    }
    guard let folder = parsed.value("-o") else {
      throw CLIError(
        .usage, vi: "chưa chỉ ra thư mục ghi hồ sơ (-o THƯ-MỤC)",
        en: "no folder for the dossier (-o FOLDER)", usage: help.usage)
    }
    let frame = try FrameOptions.values(parsed, usage: help.usage)
    let rulebook = try RulebookSource.resolve(parsed)
    if let suggestion = AssessCommand.batchSuggestion(
      path, workbooks: true, command: "dossier", usage: help.usage)
    {
      throw suggestion
    }
    let bytes = try Files.read(path)
    var record: EvidenceRecord
    do {
      record = try EvidenceDecoder.decode(bytes, rulebook: rulebook)
    } catch {
      throw CLIError(.dataError, ErrorText(parsed.language).lines(error, source: path))
    }
    // The dossier is the commune's own: a council's corrections come after it.
    record.review = nil
    let assessment = Assessor.assess(record, rulebook: rulebook)
    let isDraft = parsed.flags.contains("--draft")
    if assessment.result.status != .recognized, !isDraft {
      throw CLIError(
        .dataError,
        vi:
          "\(record.commune.name) chưa đủ điều kiện đề nghị công nhận (\(Wording(.vi).status(assessment.result.status))): không lập hồ sơ đề nghị. Xem con đường đạt chuẩn bằng: cfc assess \(path); hoặc thêm --draft để lập bản dự thảo.",
        en:
          "\(record.commune.name) does not qualify for recognition (\(Wording(.en).status(assessment.result.status))): no request dossier written. See the path to recognition with: cfc assess \(path); or add --draft for a draft."
      )
    }
    let dossier = Dossier(rulebook: rulebook, language: parsed.language, frame: frame)
    let format = parsed.value("--format") ?? "all"
    var files: [(name: String, bytes: [UInt8])] = []
    for var part in dossier.parts(assessment, record: record) {
      if isDraft, assessment.result.status != .recognized {
        let w = Wording(parsed.language)
        part.document.title = w.t("DỰ THẢO — ", "DRAFT — ") + part.document.title
        part.document.body.insert(
          .note(
            w.t(
              "DỰ THẢO: xã chưa đủ điều kiện đề nghị công nhận, hồ sơ này không dùng để nộp.",
              "DRAFT: the commune does not qualify for recognition; this dossier is not to be filed."
            )),
          at: 0)
      }
      if format != "docx" {
        files.append((part.name + ".html", Array(DocumentHTML.render(part.document).utf8)))
      }
      if format != "html" { files.append((part.name + ".docx", DocxWriter.render(part.document))) }
    }
    let written = try writeTogether(files, into: folder)
    let w = Wording(parsed.language)
    terminal.out(
      w.t(
        "Đã ghi hồ sơ của \(record.commune.name):\n",
        "Wrote the dossier of \(record.commune.name):\n")
        + written.map { "  \($0)\n" }.joined())
    return .success
  }

  /// Writes the dossier's files into `folder` so that they appear together or not at all: each
  /// is written and synced to a temporary file first, and only when every one of them is complete
  /// are they renamed into place. On a failure (a full disk) no file of the dossier is left, and a
  /// folder made for it is removed again. Returns the paths written.
  static func writeTogether(_ files: [(name: String, bytes: [UInt8])], into folder: String)
    throws(CLIError) -> [String]
  {
    let made = try makeFolder(folder)
    var outputs: [Output] = []
    do throws(CLIError) {
      for file in files {
        let output = try Output(PathText.appending(folder, file.name))
        outputs.append(output)
        output.write(bytes: file.bytes[...])
        if let failure = output.failure { throw failure }
      }
      for output in outputs { try output.seal() }
      for output in outputs { try output.publish() }
    } catch {
      for output in outputs { output.discard() }
      if made { rmdir(folder) }
      throw error
    }
    return outputs.map(\.path)
  }

  /// Makes `folder` when it does not exist; true when it was made here.
  static func makeFolder(_ folder: String) throws(CLIError) -> Bool {
    if let isFolder = Files.isFolder(folder) {
      guard isFolder else {
        throw CLIError(
          .cannotWrite, vi: "'\(folder)' đã có và không phải là thư mục",
          en: "'\(folder)' exists and is not a folder")
      }
      return false
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      return true
    } catch {
      throw CLIError(
        .cannotWrite, vi: "không tạo được thư mục '\(folder)'",
        en: "cannot create the folder '\(folder)'")
    }
  }
}
