import CommuneReports
import CommuneScoring

/// `cfc template`: a blank evidence form generated from the rulebook.
enum TemplateCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "json|csv|xlsx", allowed: ["json", "csv", "xlsx"],
    help: LocalizedText(
      vi:
        "mẫu JSON cho một xã, tiêu đề CSV cho nhiều xã, hoặc biểu tự đánh giá xlsx có công thức chấm điểm (mặc định: json)",
      en:
        "a JSON form for one commune, a CSV header for a batch, or the xlsx self-assessment workbook with live scoring formulas (default: json)"
    ))

  static let help = CommandHelp(
    usage: "cfc template [--format json|csv|xlsx] [--lang vi|en] [--rulebook FILE] [-o FILE]",
    summary: LocalizedText(
      vi:
        "In mẫu số liệu trống sinh từ bộ tiêu chí. Trong mẫu JSON, null nghĩa là chưa có số liệu (khác với 0). Xem `cfc rulebook show` để biết ý nghĩa từng trường. Với --format xlsx: biểu tự đánh giá để cán bộ xã nhập số liệu và thấy ngay điểm từng tiêu chí, tổng điểm và kết luận (công thức chạy trong mọi chương trình bảng tính); đọc lại bằng `cfc assess TỆP.xlsx`.",
      en:
        "Prints a blank evidence form generated from the rulebook. In the JSON form, null means not yet known (which is not 0). See `cfc rulebook show` for what each field means. With --format xlsx: the self-assessment workbook, where an officer types the figures and sees each criterion's points, the total and the verdict at once (formulas run in any spreadsheet program); read it back with `cfc assess FILE.xlsx`."
    ),
    options: [format, CommonOptions.rulebook, CommonOptions.output, CommonOptions.lang],
    examples: [
      "cfc template > xa-cua-toi.json", "cfc template --format csv -o danh-sach-xa.csv",
      "cfc template --format xlsx -o bieu-tu-danh-gia.xlsx",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.isEmpty else {
      throw CLIError(
        .usage, vi: "template không nhận tệp", en: "template takes no file", usage: help.usage)
    }
    let rulebook = try RulebookSource.resolve(parsed)
    if parsed.value("--format") == "xlsx" {
      let path = parsed.value("-o")
      try terminal.checkBinary("xlsx", output: path, usage: help.usage)
      let bytes: [UInt8]
      do {
        bytes = try TemplateWorkbook(rulebook: rulebook, language: parsed.language).data()
      } catch {
        switch error {
        case .ruleWithoutFormula(let indicator, let kind):
          throw CLIError(
            .dataError,
            vi:
              "chỉ tiêu \(indicator): loại quy tắc '\(kind)' chưa viết được thành công thức bảng tính",
            en:
              "indicator \(indicator): rule kind '\(kind)' cannot be written as a spreadsheet formula yet"
          )
        }
      }
      let sink = try ResultSink(terminal: terminal, path: path)
      sink.write(bytes: bytes[...])
      try sink.finish()
      return .success
    }
    let text: String
    if parsed.value("--format") == "csv" {
      text =
        "\u{FEFF}" + CSVWriter.row(BatchCSV.identityColumns + rulebook.fields.map(\.id)) + "\r\n"
    } else {
      let evidence = JSONValue.obj(rulebook.fields.map { ($0.id, JSONValue.null) })
      let value = JSONValue.obj([
        (
          "commune",
          .obj([
            ("code", .string("")), ("name", .string("")), ("district", .string("")),
            ("province", .string("")), ("category", .string(rulebook.categories.last?.id ?? "")),
          ])
        ),
        ("year", .null), ("rulebook", .string(rulebook.id)), ("evidence", evidence),
      ])
      text = JSONWriter.write(value) + "\n"
    }
    try ResultSink.deliver(text, terminal: terminal, path: parsed.value("-o"))
    return .success
  }
}
