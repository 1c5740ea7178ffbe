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

  /// A name from the input as a message quotes it: a name too long to read (a whole file read
  /// as one header cell, say) is cut, with its length, so an error never repeats megabytes.
  func short(_ name: String) -> String {
    let limit = 60
    guard name.utf8.count > limit * 4 || name.count > limit else { return name }
    return String(name.prefix(limit))
      + w.t("… (\(name.count) ký tự)", "… (\(name.count) characters)")
  }

  /// The location as people read it.
  public func location(_ location: InputLocation) -> String {
    switch location {
    case .json(let path):
      return path.description == "(top level)"
        ? w.t("ở cấp ngoài cùng của tệp", "at the top level")
        : w.t("tại ", "at ") + path.description
    case .line(let line, let column):
      return w.t("dòng \(line)", "line \(line)")
        + (column.map { w.t(", cột '\(short($0))'", ", column '\(short($0))'") } ?? "")
    case .record(let line, let path):
      return w.t("dòng \(line), tại ", "line \(line), at ") + path.description
    case .cell(let sheet, let row, let column, let name):
      let place =
        column.map { CellReference(sheet: sheet, row: row, column: $0).description }
        ?? w.t("trang '\(sheet)', dòng \(row)", "sheet '\(sheet)', row \(row)")
      return w.t("ô ", "cell ") + place
        + (name.map { w.t(" (cột '\($0)')", " (column '\($0)')") } ?? "")
    }
  }

  /// One problem as a fragment.
  public func problem(_ problem: EvidenceProblem) -> String {
    switch problem {
    case .syntax(let error):
      return w.t(
        "JSON không hợp lệ ở dòng \(error.line), cột \(error.column): ",
        "invalid JSON at line \(error.line), column \(error.column): ")
        + (w.language == .vi ? JSONSyntaxWording.vietnamese(error.message) : error.message)
    case .missingRequired(let key):
      return w.t("thiếu trường bắt buộc '\(key)'", "missing required field '\(key)'")
    case .emptyRequired(let key):
      return w.t("trường bắt buộc '\(key)' để trống", "required field '\(key)' is empty")
    case .unknownKey(let key, let suggestion):
      return w.t("khóa không hợp lệ '\(short(key))'", "unknown key '\(short(key))'")
        + hint(suggestion)
    case .unknownField(let key, let suggestion):
      return w.t(
        "trường số liệu '\(short(key))' không có trong bộ tiêu chí",
        "unknown evidence field '\(short(key))'")
        + hint(suggestion)
    case .wrongType(let field, let expected, let found):
      if found.isEmpty { return "'\(field)': \(expected)" }
      return w.t(
        "'\(field)' phải là \(vi(expected)), nhưng gặp \(vi(found))",
        "'\(field)' must be \(expected), found \(found)")
    case .invalid(let field, let message): return "'\(field)': " + message.text(language)
    case .notWholeNumber(let field, let text):
      return w.t(
        "'\(field)' phải là số nguyên, nhưng gặp \(text)",
        "'\(field)' must be a whole number, found \(text)") + numberHint(text)
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
    case .noRulebookForYear(let year, let covered):
      let years = covered.map { coverage in
        let span =
          coverage.first == 0
          ? w.t("mọi năm", "every year")
          : coverage.last.map { $0 == coverage.first ? "\($0)" : "\(coverage.first)–\($0)" }
            ?? w.t("từ \(coverage.first)", "from \(coverage.first)")
        return "\(coverage.id): \(span)"
      }.joined(separator: "; ")
      return w.t(
        "không có bộ tiêu chí nào áp dụng cho năm đánh giá \(year) (các năm có bộ tiêu chí: \(years))",
        "no rulebook in use covers assessment year \(year) (years covered: \(years))")
    case .fieldNotInRulebook(let field, let rulebook, let year):
      return w.t(
        "trường số liệu '\(short(field))' không có trong bộ tiêu chí '\(rulebook)' áp dụng cho năm \(year)",
        "field '\(short(field))' is not in rulebook '\(rulebook)', the one for year \(year)")
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
    case .duplicateElsewhere(let code, let year, let source, let firstLine):
      return w.t(
        "xã '\(code)' năm \(year) đã có ở \(source), dòng \(firstLine)",
        "commune '\(code)' for \(year) already appears in \(source), line \(firstLine)")
    case .malformedRow(let message):
      return w.t("dòng CSV/JSON sai cấu trúc: ", "malformed row: ") + message
    case .missingColumn(let name):
      return w.t("thiếu cột bắt buộc '\(name)'", "missing required column '\(name)'")
    case .duplicateColumn(let name):
      return w.t("cột '\(name)' xuất hiện hai lần", "column '\(name)' appears twice")
    case .notUTF8(let byte):
      return w.t(
        "tệp không phải văn bản UTF-8 (gặp byte 0x\(hex(byte))); hãy lưu lại dưới dạng \"CSV UTF-8\" (trong Excel: Lưu thành > CSV UTF-8; trong LibreOffice: bộ ký tự Unicode (UTF-8)), hoặc chỉ rõ bảng mã bằng --encoding windows-1258",
        "the file is not UTF-8 text (found byte 0x\(hex(byte))); save it again as \"CSV UTF-8\" (Excel: Save As > CSV UTF-8; LibreOffice: character set Unicode (UTF-8)), or name its encoding with --encoding windows-1258"
      )
    case .emptyBatch:
      return w.t("danh sách trống (không có dòng tiêu đề)", "the batch is empty (no header row)")
    case .brokenRecord(let problem):
      return record(problem)
    case .notACommuneCode(let code, let digits):
      return w.t(
        "'\(code)' không phải mã xã (mã xã gồm \(digits) chữ số)",
        "'\(code)' is not a commune code (a commune code has \(digits) digits)")
    case .notANumber(let field, let text):
      return w.t(
        "'\(field)' phải là số nguyên, nhưng gặp '\(text)'",
        "'\(field)' must be a whole number, found '\(text)'") + numberHint(text)
    case .valueWithoutColumn(let column, let text):
      return w.t(
        "ô thứ \(column) có giá trị '\(text)' nhưng cột này không có tên trong dòng tiêu đề",
        "cell \(column) holds '\(text)' but its column has no name in the header")
    case .unknownCommune(let code, let year):
      return w.t(
        "không có xã '\(code)' năm \(year) trong danh sách",
        "no commune '\(code)' for \(year) in the batch")
    }
  }

  func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }

  /// Why the record splitter refused a record.
  func record(_ problem: RecordProblem) -> String {
    switch problem {
    case .unclosedQuote:
      return w.t(
        "dấu ngoặc kép (\") mở một ô nhưng không đóng trên dòng này; các dòng sau được đọc riêng",
        "a quote (\") opens a cell that is not closed on this line; the lines after it are read on their own"
      )
    case .quoteInsideField:
      return w.t(
        "dấu ngoặc kép (\") nằm giữa ô; hãy bỏ nó, hoặc đặt cả ô trong ngoặc kép và viết \"\" cho mỗi dấu",
        "a quote (\") inside a cell; remove it, or quote the whole cell and write \"\" for each quote"
      )
    case .textAfterQuote:
      return w.t(
        "có chữ sau dấu ngoặc kép đóng ô; đặt cả ô trong ngoặc kép và viết \"\" cho mỗi dấu bên trong",
        "text after the closing quote of a cell; quote the whole cell and write \"\" for each quote inside"
      )
    case .jsonStructure(let message):
      return w.t("hồ sơ JSON sai cấu trúc: ", "broken JSON record: ") + message
    case .jsonUnexpected(let found, let expected, let line):
      let what: String
      switch expected {
      case .key: what = w.t("một khóa trong ngoặc kép", "a key in quotes")
      case .keyOrEnd: what = w.t("một khóa hoặc dấu }", "a key or }")
      case .colon: what = w.t("dấu : sau khóa", "':' after the key")
      case .value: what = w.t("một giá trị", "a value")
      case .commaOrEnd: what = w.t("dấu phẩy hoặc dấu đóng } ]", "',' or a closing } or ]")
      case .stringEnd:
        what = w.t(
          "dấu \" đóng chuỗi (chuỗi JSON không chứa xuống dòng)",
          "the closing \" of a text (JSON text cannot hold a line break)")
      case .end: what = w.t("phần còn lại của hồ sơ", "the rest of the record")
      }
      if found.isEmpty {
        return w.t(
          "hồ sơ JSON chưa kết thúc thì tệp đã hết (cần \(what))",
          "the file ends inside this JSON record (expected \(what))")
      }
      let shown = found == "\\n" ? w.t("xuống dòng", "a line break") : "'\(found)'"
      return w.t(
        "hồ sơ JSON hỏng ở dòng \(line): gặp \(shown), cần \(what); đọc tiếp từ hồ sơ sau",
        "the JSON record breaks on line \(line): found \(shown) where \(what) belongs; reading resumes at the next record"
      )
    case .missingComma:
      return w.t(
        "thiếu dấu phẩy (,) giữa hồ sơ trước và hồ sơ này",
        "a comma (,) is missing between the previous record and this one")
    case .textAfterArray:
      return w.t("có chữ sau dấu ] đóng mảng", "text after the closing ] of the array")
    case .arrayNotClosed:
      return w.t("mảng JSON không được đóng bằng ]", "the JSON array is never closed with ]")
    case .notAnArray:
      return w.t(
        "danh sách JSON phải là một mảng các hồ sơ, bắt đầu bằng [",
        "a JSON batch must be an array of records, starting with [")
    }
  }

  /// A hint for a number people wrote the way they would on paper.
  func numberHint(_ text: String) -> String {
    let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    if ["n/a", "na", "-", "--", "x", "?", "không có", "chưa có"].contains(trimmed.lowercased()) {
      return w.t(
        " (để trống ô nếu chưa có số liệu)", " (leave the cell empty when the figure is missing)")
    }
    let groups = trimmed.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," || $0 == " " })
    if groups.count > 1, (1...3).contains(groups[0].count),
      groups.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      groups.dropFirst().allSatisfy({ $0.count == 3 })
    {
      let digits = trimmed.filter(\.isNumber)
      return w.t(
        " (viết số không có dấu phân cách hàng nghìn, ví dụ \(digits))",
        " (write it without thousands separators, e.g. \(digits))")
    }
    return ""
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

  /// A note about how a file was read, as a fragment (after the file name).
  public func note(_ note: ReadingNote) -> String {
    let place = note.line.map { location(.line($0, column: nil)) + ": " } ?? ""
    switch note.kind {
    case .encodingAssumed(let encoding):
      return w.t(
        "tệp không phải UTF-8; đã đọc theo bảng mã \(encoding.rawValue). Nếu chữ hiển thị sai, hãy lưu lại tệp dưới dạng \"CSV UTF-8\" hoặc chỉ rõ --encoding",
        "the file is not UTF-8; it was read as \(encoding.rawValue). If the text looks wrong, save it again as \"CSV UTF-8\" or name its encoding with --encoding"
      )
    case .skippedBeforeHeader(let lines):
      return place
        + w.t(
          "bỏ qua \(lines) dòng tiêu đề phía trên dòng tên cột",
          "skipped \(lines) title \(lines == 1 ? "row" : "rows") above the column names")
    case .codeRestored(let from, let to):
      return place
        + w.t(
          "mã xã '\(from)' bị mất số 0 ở đầu (thường do bảng tính); đã đọc là '\(to)'",
          "commune code '\(from)' lost its leading zeros (usually a spreadsheet did it); read as '\(to)'"
        )
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
