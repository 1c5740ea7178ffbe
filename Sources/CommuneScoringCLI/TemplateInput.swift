import CommuneReports
import CommuneScoring

/// `cfc assess FILE.xlsx` for a filled self-assessment workbook: the figures are read through
/// the workbook's defined names, assessed by the engine, and the workbook's own results (the
/// values its formulas last computed) are compared with the engine's.
enum TemplateInput {
  /// Whether `bytes` are a workbook (ZIP or old .xls) rather than JSON.
  static func isWorkbook(_ bytes: [UInt8]) -> Bool { WorkbookKind.looksLikeWorkbook(bytes) }

  /// Reads a filled self-assessment workbook.
  static func read(_ bytes: [UInt8], path: String, rulebook: Rulebook, language: Language)
    throws(CLIError) -> TemplateReading
  {
    let text = ErrorText(language)
    var workbook: Workbook
    let values: [String: CellValue]
    do {
      workbook = try Workbook(bytes)
      values = try workbook.definedValues()
    } catch {
      throw CLIError(
        .dataError, vi: "\(path): " + ErrorText(.vi).workbook(error),
        en: "\(path): " + ErrorText(.en).workbook(error))
    }
    guard TemplateReading.isTemplate(workbook.definedNames.keys) else {
      throw CLIError(
        .dataError,
        vi:
          "\(path): không phải biểu tự đánh giá của cfc (thiếu các tên cfc_code, cfc_verdict); tạo biểu bằng 'cfc template --format xlsx', hoặc dùng 'cfc batch' cho danh sách nhiều xã",
        en:
          "\(path): not a cfc self-assessment workbook (no names cfc_code, cfc_verdict); make one with 'cfc template --format xlsx', or use 'cfc batch' for a list of communes"
      )
    }
    let places = workbook.definedNames.mapValues(\.description)
    do {
      return try TemplateReading(
        values: values, places: places, rulebook: rulebook, language: language,
        sha256: SHA256.hex(of: bytes))
    } catch {
      switch error {
      case .evidence(let evidence): throw CLIError(.dataError, text.lines(evidence, source: path))
      case .missing(let name, let cell):
        throw CLIError(
          .dataError, vi: "\(path): \(cell) (\(name)) chưa được điền: ô này là bắt buộc",
          en: "\(path): \(cell) (\(name)) is empty: this cell is required")
      case .notAFlag(let name, let cell, let found):
        throw CLIError(
          .dataError, vi: "\(path): \(cell) (\(name)): '\(found)' không phải 'có' hoặc 'không'",
          en: "\(path): \(cell) (\(name)): '\(found)' is not 'có'/'yes' or 'không'/'no'")
      case .notAWholeNumber(let name, let cell, let found):
        throw CLIError(
          .dataError, vi: "\(path): \(cell) (\(name)): '\(found)' không phải số nguyên ≥ 0",
          en: "\(path): \(cell) (\(name)): '\(found)' is not a whole number ≥ 0")
      case .unknownCategory(let cell, let found, let allowed):
        throw CLIError(
          .dataError,
          vi: "\(path): \(cell) (cfc_category): loại xã '\(found)' không có trong danh sách: "
            + allowed.joined(separator: "; "),
          en: "\(path): \(cell) (cfc_category): category '\(found)' is not one of: "
            + allowed.joined(separator: "; "))
      }
    }
  }

  /// The comparison as lines for the text report.
  static func lines(_ reading: TemplateReading, language: Language) -> [String] {
    let w = Wording(language)
    guard !reading.differences.isEmpty else {
      return [
        "",
        w.t(
          "BẢNG TÍNH: điểm và kết luận trong tệp khớp với kết quả cfc tính lại.",
          "WORKBOOK: the points and verdict in the file match cfc's own assessment."),
      ]
    }
    var lines = [
      "",
      w.t(
        "BẢNG TÍNH: kết quả trong tệp KHÁC kết quả cfc tính lại từ cùng số liệu (công thức bị sửa, biểu mẫu cũ, hoặc bảng tính chưa được tính lại sau khi nhập). Kết quả của cfc ở trên là căn cứ:",
        "WORKBOOK: the results in the file DIFFER from cfc's assessment of the same figures (edited formulas, an old template, or not recalculated since the figures were typed). cfc's results above are the authority:"
      ),
    ]
    for difference in reading.differences {
      lines.append(
        "  \(difference.name): "
          + w.t("bảng tính ", "workbook ")
          + (difference.workbook.map { "'\($0)'" } ?? w.t("(trống)", "(empty)"))
          + " — cfc '\(difference.engine)'")
    }
    return lines
  }

  /// The comparison as a JSON member: `workbook.agrees` and `workbook.differences`.
  static func json(_ reading: TemplateReading) -> (String, JSONValue) {
    (
      "workbook",
      .obj([
        ("agrees", .bool(reading.differences.isEmpty)),
        (
          "differences",
          .array(
            reading.differences.map { difference in
              .obj([
                ("name", .string(difference.name)),
                ("workbook", difference.workbook.map(JSONValue.string) ?? .null),
                ("engine", .string(difference.engine)),
              ])
            })
        ),
      ])
    )
  }
}
