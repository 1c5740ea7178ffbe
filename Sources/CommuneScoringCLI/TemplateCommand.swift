import CommuneReports
import CommuneScoring

/// `cfc template`: a blank evidence form generated from the rulebook.
enum TemplateCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "json|csv", allowed: ["json", "csv"],
    help: LocalizedText(
      vi: "mẫu JSON cho một xã hoặc tiêu đề CSV cho nhiều xã (mặc định: json)",
      en: "a JSON form for one commune or a CSV header for a batch (default: json)"))

  static let help = CommandHelp(
    usage: "cfc template [--format json|csv] [--rulebook FILE] [-o FILE]",
    summary: LocalizedText(
      vi:
        "In mẫu số liệu trống sinh từ bộ tiêu chí. Trong mẫu JSON, null nghĩa là chưa có số liệu (khác với 0). Xem `cfc rulebook show` để biết ý nghĩa từng trường.",
      en:
        "Prints a blank evidence form generated from the rulebook. In the JSON form, null means not yet known (which is not 0). See `cfc rulebook show` for what each field means."
    ),
    options: [format, CommonOptions.rulebook, CommonOptions.output, CommonOptions.lang],
    examples: ["cfc template > xa-cua-toi.json", "cfc template --format csv -o danh-sach-xa.csv"])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.isEmpty else {
      throw CLIError(
        .usage, vi: "template không nhận tệp", en: "template takes no file", usage: help.usage)
    }
    let rulebook = try RulebookSource.resolve(parsed)
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
