import CommuneReports
import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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
    // A workbook made from another rulebook has other fields and categories: say so first,
    // rather than report its cells as wrong.
    if let made = values["cfc_rulebook"]?.text.trimmingSpaces,
      !made.isEmpty, made != rulebook.id, !rulebook.readsRecordsOf.contains(made)
    {
      let place = places["cfc_rulebook"].map { " (\($0))" } ?? ""
      throw CLIError(
        .dataError,
        vi:
          "\(path)\(place): biểu được tạo cho bộ tiêu chí '\(made)' nhưng đang dùng bộ tiêu chí '\(rulebook.id)'; chấm bằng bộ tiêu chí của biểu: cfc assess \(path) --rulebook TỆP-\(made).json",
        en:
          "\(path)\(place): the workbook was made for the rulebook '\(made)' but '\(rulebook.id)' is in use; score it with its own: cfc assess \(path) --rulebook FILE-OF-\(made).json"
      )
    }
    do {
      return try TemplateReading(
        values: values, places: places, rulebook: rulebook, language: language,
        sha256: SHA256.hex(of: bytes))
    } catch {
      let lines = error.all.map { problem in
        "\(path): " + message(problem, rulebook: rulebook, places: places, language: language)
      }
      throw CLIError(.dataError, lines)
    }
  }

  /// One problem of a filled workbook, after the file name: the cell as the spreadsheet shows it,
  /// the name of the cell and, for a figure, its label in the form.
  static func message(
    _ problem: TemplateReadError, rulebook: Rulebook, places: [String: String],
    language: Language
  ) -> String {
    let text = ErrorText(language)
    let w = Wording(language)
    switch problem {
    case .evidence(let evidence):
      return evidence.issues.map { "\(text.location($0.location)): \(text.problem($0.problem))" }
        .joined(separator: "; ")
    case .several(let list):
      return list.map { message($0, rulebook: rulebook, places: places, language: language) }
        .joined(separator: "; ")
    case .missing(let name, let cell):
      return w.t(
        "\(cell) (\(name)) chưa được điền: ô này là bắt buộc",
        "\(cell) (\(name)) is empty: this cell is required")
    case .notAFlag(let name, let cell, let found):
      return w.t(
        "\(cell) (\(name)): '\(found)' không phải 'có' hoặc 'không'",
        "\(cell) (\(name)): '\(found)' is not 'có'/'yes' or 'không'/'no'")
    case .notAWholeNumber(let name, let cell, let found):
      return w.t(
        "\(cell) (\(name)): '\(found)' không phải số nguyên ≥ 0",
        "\(cell) (\(name)): '\(found)' is not a whole number ≥ 0")
    case .unknownCategory(let cell, let found, let allowed):
      return w.t(
        "\(cell) (cfc_category): loại xã '\(found)' không có trong danh sách: ",
        "\(cell) (cfc_category): category '\(found)' is not one of: ")
        + allowed.joined(separator: "; ")
    case .figure(let name, let cell, let problem):
      // The record's check names fields by id; the form shows labels and cells.
      var said = text.problem(problem)
      var label: String?
      for field in rulebook.fields {
        let fieldName = "cfc_" + field.id
        let fieldLabel = field.label.text(language)
        if fieldName == name {
          label = fieldLabel
          said = said.replacing("'\(field.id)'", with: "'\(fieldLabel)'")
        } else if let other = places[fieldName] {
          said = said.replacing(
            "'\(field.id)' (", with: "'\(fieldLabel)' (\(other): "
          ).replacing("'\(field.id)'", with: "'\(fieldLabel)' (\(other))")
        }
      }
      return "\(cell) (\(label.map { "\($0), " } ?? "")\(name)): \(said)"
    }
  }

  /// The note for a code typed as a number, as `cfc batch` gives it, naming the cell.
  static func note(_ reading: TemplateReading, path: String, language: Language) -> String? {
    guard let restored = reading.restoredCode else { return nil }
    let w = Wording(language)
    return w.t("Lưu ý", "Note") + ": \(path): \(restored.cell) (cfc_code): "
      + w.t(
        "mã xã '\(restored.found)' bị mất số 0 ở đầu (ô được nhập dạng số); đã đọc là '\(restored.code)'",
        "commune code '\(restored.found)' lost its leading zeros (the cell was typed as a number); read as '\(restored.code)'"
      ) + "\n"
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
