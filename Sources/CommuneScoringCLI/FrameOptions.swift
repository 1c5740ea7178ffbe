import CommuneReports
import CommuneScoring

/// The options that fill an official document's frame (`--issuer`, `--number`, `--place`,
/// `--date`, `--signer`, `--preparer`, `--recipients`). Anything not given stays a blank ("…")
/// for the office to write by hand.
enum FrameOptions {
  static let issuer = OptionSpec(
    names: ["--issuer"], valueName: "TEXT", allowed: nil,
    help: LocalizedText(
      vi: "cơ quan ban hành, các dòng cách nhau bởi '|' (mặc định: UBND của xã, huyện hoặc tỉnh)",
      en: "issuing body, lines separated by '|' (default: the People's Committee of the unit)"))
  static let number = OptionSpec(
    names: ["--number"], valueName: "TEXT", allowed: nil,
    help: LocalizedText(
      vi: "số văn bản, ví dụ 12/BC-UBND (danh sách: số quyết định kèm theo)",
      en: "document number, e.g. 12/BC-UBND (the list: the decision's number)"))
  static let place = OptionSpec(
    names: ["--place"], valueName: "TEXT", allowed: nil,
    help: LocalizedText(
      vi: "địa danh ở dòng ngày tháng, ví dụ Bằng Mạc", en: "place name on the date line"))
  static let date = OptionSpec(
    names: ["--date"], valueName: "YYYY-MM-DD", allowed: nil,
    help: LocalizedText(
      vi: "ngày ban hành (cũng nhận DD/MM/YYYY)", en: "date of issue (DD/MM/YYYY also accepted)"))
  static let signer = OptionSpec(
    names: ["--signer"], valueName: "NAME", allowed: nil,
    help: LocalizedText(
      vi: "họ tên người ký thay mặt Ủy ban nhân dân", en: "name of who signs for the committee"))
  static let preparer = OptionSpec(
    names: ["--preparer"], valueName: "NAME", allowed: nil,
    help: LocalizedText(vi: "họ tên người lập biểu", en: "name of who drew the document up"))
  static let recipients = OptionSpec(
    names: ["--recipients"], valueName: "TEXT", allowed: nil,
    help: LocalizedText(
      vi: "nơi nhận, cách nhau bởi '|' (luôn thêm 'Lưu: VT.')",
      en: "recipients, separated by '|' ('Archive.' is always added)"))

  /// Every frame option, for a command's option list.
  static let all = [issuer, number, place, date, signer, preparer, recipients]

  /// The values given on the command line.
  static func values(_ parsed: ParsedArguments, usage: String) throws(CLIError) -> FrameValues {
    func lines(_ key: String) -> [String]? {
      parsed.value(key).map {
        $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
          !$0.isEmpty
        }
      }
    }
    var date: CalendarDate?
    if let text = parsed.value("--date") {
      guard let parsedDate = CalendarDate(text) else {
        throw CLIError(
          .usage,
          vi: "tùy chọn '--date' cần một ngày có thật dạng YYYY-MM-DD, không phải '\(text)'",
          en: "option '--date' needs a real date as YYYY-MM-DD, not '\(text)'", usage: usage)
      }
      date = parsedDate
    }
    return FrameValues(
      issuer: lines("--issuer"), number: parsed.value("--number"), place: parsed.value("--place"),
      date: date, signer: parsed.value("--signer"), preparer: parsed.value("--preparer"),
      recipients: lines("--recipients"))
  }
}
