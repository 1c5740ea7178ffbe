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
      vi:
        "số văn bản, ví dụ 12/BC-UBND (danh sách: số quyết định kèm theo; hồ sơ: số của tờ trình)",
      en:
        "document number, e.g. 12/BC-UBND (the list: the decision's number; a dossier: the request letter's)"
    ))
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
        $0.split(separator: "|").map { $0.trimmingSpaces }.filter {
          !$0.isEmpty
        }
      }
    }
    var date: CalendarDate?
    if let text = parsed.value("--date") {
      guard let parsedDate = CalendarDate(text) else { throw dateError(text, usage: usage) }
      date = parsedDate
    }
    return FrameValues(
      issuer: lines("--issuer"), number: parsed.value("--number"), place: parsed.value("--place"),
      date: date, signer: parsed.value("--signer"), preparer: parsed.value("--preparer"),
      recipients: lines("--recipients"))
  }

  /// Why `text` is not a date: a day the month does not have, or not written as a date at all.
  static func dateError(_ text: String, usage: String) -> CLIError {
    let separator: Character = text.contains("/") ? "/" : "-"
    let parts = text.split(separator: separator, omittingEmptySubsequences: false).compactMap {
      Int($0)
    }
    if parts.count == 3 {
      let (year, month, day) =
        separator == "/" ? (parts[2], parts[1], parts[0]) : (parts[0], parts[1], parts[2])
      if (1900...2999).contains(year), (1...12).contains(month), day >= 1,
        let last = (28...31).last(where: { CalendarDate("\(year)-\(month)-\($0)") != nil })
      {
        return CLIError(
          .usage,
          vi:
            "tùy chọn '--date': ngày \(day)/\(month)/\(year) không có thật (tháng \(month) năm \(year) có \(last) ngày)",
          en:
            "option '--date': \(year)-\(month)-\(day) does not exist (that month has \(last) days)",
          usage: usage)
      }
    }
    return CLIError(
      .usage,
      vi:
        "tùy chọn '--date' cần một ngày viết dạng NĂM-THÁNG-NGÀY (2024-11-20) hoặc NGÀY/THÁNG/NĂM (20/11/2024), năm từ 1900 đến 2999, không phải '\(text)'",
      en:
        "option '--date' needs a date written YEAR-MONTH-DAY (2024-11-20) or DAY/MONTH/YEAR (20/11/2024), year 1900 to 2999, not '\(text)'",
      usage: usage)
  }
}
