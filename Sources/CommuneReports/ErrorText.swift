import CommuneScoring

/// Error messages for people, in Vietnamese or English. Each names the place and the field.
public struct ErrorText: Sendable {
  public let language: Language
  let w: Wording

  public init(_ language: Language) {
    self.language = language
    w = Wording(language)
  }

  func hint(_ suggestion: String?) -> String {
    suggestion.map { w.t(" (có phải ý bạn là '\($0)'?)", " (did you mean '\($0)'?)") } ?? ""
  }

  /// The location as people read it.
  public func location(_ location: InputLocation) -> String {
    switch location {
    case .json(let path): return w.t("tại ", "at ") + path.description
    case .line(let line, let column):
      return w.t("dòng \(line)", "line \(line)")
        + (column.map { w.t(", cột '\($0)'", ", column '\($0)'") } ?? "")
    case .record(let line, let path):
      return w.t("dòng \(line), tại ", "line \(line), at ") + path.description
    }
  }

  /// One problem as a fragment.
  public func problem(_ problem: EvidenceProblem) -> String {
    switch problem {
    case .syntax(let error):
      return w.t(
        "JSON không hợp lệ ở dòng \(error.line), cột \(error.column): ",
        "invalid JSON at line \(error.line), column \(error.column): ") + error.message
    case .missingRequired(let key):
      return w.t("thiếu trường bắt buộc '\(key)'", "missing required field '\(key)'")
    case .emptyRequired(let key):
      return w.t("trường bắt buộc '\(key)' để trống", "required field '\(key)' is empty")
    case .unknownKey(let key, let suggestion):
      return w.t("khóa không hợp lệ '\(key)'", "unknown key '\(key)'") + hint(suggestion)
    case .unknownField(let key, let suggestion):
      return w.t(
        "trường số liệu '\(key)' không có trong bộ tiêu chí", "unknown evidence field '\(key)'")
        + hint(suggestion)
    case .wrongType(let field, let expected, let found):
      if found.isEmpty { return "'\(field)': \(expected)" }
      return w.t(
        "'\(field)' phải là \(vi(expected)), nhưng gặp \(vi(found))",
        "'\(field)' must be \(expected), found \(found)")
    case .notWholeNumber(let field, let text):
      return w.t(
        "'\(field)' phải là số nguyên, nhưng gặp \(text)",
        "'\(field)' must be a whole number, found \(text)")
    case .negative(let field, let value):
      return w.t(
        "'\(field)' không được âm (gặp \(value))",
        "'\(field)' must not be negative (found \(value))")
    case .tooLarge(let field, let text):
      return w.t("'\(field)' quá lớn: \(text)", "'\(field)' is too large: \(text)")
    case .partExceedsWhole(let part, let partValue, let whole, let wholeValue):
      return w.t(
        "'\(part)' (\(partValue)) lớn hơn '\(whole)' (\(wholeValue)); phần không thể lớn hơn tổng",
        "'\(part)' (\(partValue)) is larger than '\(whole)' (\(wholeValue)); a part cannot exceed its whole"
      )
    case .belowMinimum(let field, let value, let minimum):
      return w.t(
        "'\(field)' là \(value), dưới mức tối thiểu \(minimum); số liệu này không hợp lệ",
        "'\(field)' is \(value), below the minimum of \(minimum); the evidence is not valid")
    case .unknownCategory(let category, let valid):
      return w.t(
        "loại xã '\(category)' không hợp lệ; các loại hợp lệ: ",
        "unknown category '\(category)'; valid categories: ")
        + valid.joined(separator: ", ") + hint(Suggestion.closest(to: category, in: valid))
    case .rulebookMismatch(let record, let inUse):
      return w.t(
        "hồ sơ ghi bộ tiêu chí '\(record)' nhưng đang dùng bộ tiêu chí '\(inUse)'",
        "the record is for rulebook '\(record)' but rulebook '\(inUse)' is in use")
    case .implausibleYear(let year):
      return w.t(
        "năm \(year) không hợp lệ (phải từ 2000 đến 2100)",
        "year \(year) is not plausible (2000 to 2100)")
    case .cellCount(let found, let expected):
      return w.t(
        "dòng có \(found) ô, tiêu đề có \(expected) cột",
        "the row has \(found) cells, the header has \(expected) columns")
    case .duplicate(let code, let year, let firstLine):
      return w.t(
        "xã '\(code)' năm \(year) đã có ở dòng \(firstLine)",
        "commune '\(code)' for \(year) already appears on line \(firstLine)")
    case .malformedRow(let message):
      return w.t("dòng CSV/JSON sai cấu trúc: ", "malformed row: ") + message
    case .missingColumn(let name):
      return w.t("thiếu cột bắt buộc '\(name)'", "missing required column '\(name)'")
    case .duplicateColumn(let name):
      return w.t("cột '\(name)' xuất hiện hai lần", "column '\(name)' appears twice")
    case .unknownCommune(let code, let year):
      return w.t(
        "không có xã '\(code)' năm \(year) trong danh sách",
        "no commune '\(code)' for \(year) in the batch")
    }
  }

  func vi(_ english: String) -> String {
    guard language == .vi else { return english }
    switch english {
    case "true or false": return "true hoặc false"
    case "a whole number", "an integer": return "số nguyên"
    case "a string": return "chuỗi ký tự"
    case "an object": return "đối tượng JSON"
    case "an array": return "mảng JSON"
    case "a boolean": return "giá trị true/false"
    case "a decimal number": return "số thập phân"
    case "null": return "null"
    default: return english
    }
  }

  /// Every issue of an error, one per line, each prefixed with `source` (a file name).
  public func lines(_ error: EvidenceError, source: String) -> [String] {
    error.issues.map { issue in
      // A syntax error carries its own line and column.
      if case .syntax = issue.problem { return "\(source): \(problem(issue.problem))" }
      return "\(source): \(location(issue.location)): \(problem(issue.problem))"
    }
  }
}
