import CommuneScoring

extension ErrorText {
  /// A workbook that cannot be read, in plain words: what is wrong and what to do.
  public func workbook(_ error: WorkbookError) -> String {
    switch error {
    case .legacyExcel:
      return w.t(
        "đây là tệp Excel cũ (.xls), cfc không đọc được; hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx hoặc CSV UTF-8",
        "this is an old binary Excel file (.xls), which cfc does not read; open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8"
      )
    case .notASpreadsheet(let found):
      return w.t(
        "tệp ZIP này không phải bảng tính .xlsx hay .ods (loại: \(found))",
        "this ZIP file is not an .xlsx or .ods spreadsheet (type: \(found))")
    case .archive(let error): return archive(error)
    case .xml(let part, let error):
      return w.t(
        "phần '\(part)' của bảng tính bị hỏng ở dòng \(error.line): \(error.reason)",
        "part '\(part)' of the workbook is damaged at line \(error.line): \(error.reason)")
    case .badPart(let part, let reason):
      return w.t(
        "phần '\(part)' của bảng tính không hợp lệ: \(reason)",
        "part '\(part)' of the workbook is not valid: \(reason)")
    case .noSheets:
      return w.t("bảng tính không có trang tính nào", "the workbook has no sheet")
    case .unknownSheet(let name, let available):
      return w.t(
        "không có trang tính '\(name)'; các trang tính: ", "no sheet named '\(name)'; sheets: ")
        + available.map { "'\($0)'" }.joined(separator: ", ")
        + hint(Suggestion.closest(to: name, in: available))
    case .tooManyCells(let sheet, let limit):
      return w.t(
        "trang tính '\(sheet)' có hơn \(limit) ô, quá lớn để đọc",
        "sheet '\(sheet)' holds more than \(limit) cells, too many to read")
    }
  }

  /// A damaged or hostile archive, in plain words.
  public func archive(_ error: ArchiveError) -> String {
    let damaged = w.t(
      "tệp bảng tính bị hỏng hoặc không đầy đủ", "the workbook file is damaged or incomplete")
    switch error {
    case .notAnArchive:
      return w.t(
        "tệp không phải bảng tính .xlsx/.ods hợp lệ (hoặc đã bị cắt cụt)",
        "the file is not a valid .xlsx/.ods workbook (or it was cut short)")
    case .truncated(let what):
      return damaged + w.t(" (thiếu dữ liệu: \(what))", " (\(what) cut short)")
    case .corrupt(let what): return damaged + " (\(what))"
    case .tooManyEntries(let count, let limit):
      return w.t(
        "tệp nén có \(count) mục, nhiều hơn giới hạn \(limit)",
        "the archive lists \(count) entries, more than the limit of \(limit)")
    case .encrypted(let entry):
      return w.t(
        "bảng tính được đặt mật khẩu ('\(entry)' bị mã hóa); hãy lưu lại không mật khẩu",
        "the workbook is password-protected ('\(entry)' is encrypted); save it without a password")
    case .unsupportedMethod(let entry, let method):
      return w.t(
        "'\(entry)' dùng kiểu nén \(method) không được hỗ trợ",
        "'\(entry)' uses unsupported compression method \(method)")
    case .tooLarge(let entry, let limit):
      return w.t(
        "'\(entry)' giải nén ra hơn \(limit) byte, vượt giới hạn",
        "'\(entry)' expands past the limit of \(limit) bytes")
    case .suspiciousRatio(let entry, let ratio):
      return w.t(
        "'\(entry)' giải nén gấp \(ratio) lần kích thước nén, không phải một bảng tính thật",
        "'\(entry)' expands \(ratio) times its compressed size, which no real workbook does")
    case .deflate(let entry, let error):
      return damaged + " ('\(entry)': \(error))"
    case .sizeMismatch(let entry, let expected, let found):
      return damaged
        + w.t(
          " ('\(entry)': \(found) byte thay vì \(expected))",
          " ('\(entry)': \(found) bytes instead of \(expected))")
    case .checksumMismatch(let entry):
      return damaged
        + w.t(" ('\(entry)': sai mã kiểm tra CRC-32)", " ('\(entry)': CRC-32 mismatch)")
    case .missingEntry(let entry):
      return damaged + w.t(" (thiếu '\(entry)')", " ('\(entry)' missing)")
    }
  }
}
