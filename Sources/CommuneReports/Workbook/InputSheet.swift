import CommuneScoring

/// The input sheet: identity, every figure of the rulebook with what it counts and the
/// indicators it feeds, and the categories with their thresholds. Only the yellow cells can be
/// typed in; each has a defined name and a data validation.
struct InputSheetBuilder {
  let workbook: TemplateWorkbook
  var w: Wording { workbook.w }
  var rulebook: Rulebook { workbook.rulebook }
  var language: Language { workbook.language }

  static let valueColumn = 2

  func build(record: EvidenceRecord?, names: inout [DefinedName]) -> SheetModel {
    var sheet = SheetModel(name: workbook.inputSheetName)
    sheet.widths = [6, 50, 18, 15, 12, 36]
    sheet.merged(
      0, 0, 5,
      .text(
        w.t(
          "BIỂU NHẬP SỐ LIỆU TỰ ĐÁNH GIÁ XÃ, PHƯỜNG, THỊ TRẤN PHÙ HỢP VỚI TRẺ EM",
          "CHILD-FRIENDLY COMMUNE SELF-ASSESSMENT: FIGURES")), .title)
    sheet.heights[0] = 40
    sheet.merged(
      1, 0, 5,
      .text(
        "(" + w.t("Theo ", "Under ") + rulebook.citation + w.t("; bộ tiêu chí ", "; rulebook ")
          + "\(rulebook.id) \(rulebook.version))"), .italicCenter)
    sheet.heights[1] = 34
    sheet.merged(
      2, 0, 5,
      .text(
        w.t(
          "Nhập vào các ô màu vàng. Ô chưa có số liệu thì để trống: để trống khác với số 0. Kết quả chấm điểm hiện ngay ở trang «\(workbook.scoringSheetName)».",
          "Type into the yellow cells. Leave a cell empty when the figure is not known: empty is not 0. The score appears at once on the «\(workbook.scoringSheetName)» sheet."
        )), .italicCenter)
    sheet.heights[2] = 34
    // The rulebook the formulas were generated from: `cfc assess` refuses a workbook made for
    // another one.
    sheet.set(3, 4, .text(w.t("Bộ tiêu chí:", "Rulebook:")), .plain)
    sheet.set(3, 5, .text(rulebook.id), .plain)
    names.append(DefinedName(name: "cfc_rulebook", sheet: 0, from: CellAddress(3, 5)))
    let headers = [
      w.t("STT", "No."), w.t("Nội dung", "Item"), w.t("Số liệu", "Value"),
      w.t("Cách nhập", "How to fill"), w.t("Chỉ tiêu", "Indicators"), w.t("Ghi chú", "Notes"),
    ]
    for (column, header) in headers.enumerated() { sheet.set(4, column, .text(header), .header) }
    sheet.printTitles = 4...4
    var row = 5
    sheet.merged(row, 0, 5, .text(w.t("I. THÔNG TIN CHUNG", "I. THE COMMUNE")), .section)
    row += 1
    for (index, item) in identityRows(record).enumerated() {
      sheet.set(row, 0, .text("\(index + 1)"), .number)
      sheet.set(row, 1, .text(item.label), .label)
      if item.id == "category" {
        // The wordings are long: the cell spans three columns and two lines.
        sheet.merged(row, Self.valueColumn, 4, item.value, item.style)
        sheet.heights[row] = 34
      } else {
        sheet.set(row, Self.valueColumn, item.value, item.style)
        sheet.set(row, 3, .text(item.how), .note)
        sheet.set(row, 4, .empty, .note)
      }
      sheet.set(row, 5, .text(item.note), .note)
      names.append(name(FormulaContext.name(item.id), row))
      let cell = CellAddress(row, Self.valueColumn)
      switch item.id {
      case "category":
        sheet.validations.append(
          Validation(
            cell: cell, rule: .namedList("categories_list"), title: item.label,
            message: w.t(
              "Chọn loại xã trong danh sách.", "Choose the category from the list."),
            prompt: w.t("Chọn trong danh sách (mục III).", "Choose from the list (part III).")))
      case "year":
        sheet.validations.append(
          Validation(
            cell: cell, rule: .whole(EvidenceDecoder.plausibleYears), title: item.label,
            message: w.t("Năm là số có 4 chữ số.", "The year has 4 digits."),
            prompt: w.t("Ví dụ: 2024", "For example: 2024")))
      default: break
      }
      row += 1
    }
    row += 1
    sheet.merged(
      row, 0, 5, .text(w.t("II. SỐ LIỆU CỦA KỲ ĐÁNH GIÁ", "II. THE PERIOD'S FIGURES")), .section)
    row += 1
    let used = indicatorsUsing()
    for (index, field) in rulebook.fields.enumerated() {
      sheet.set(row, 0, .text("\(index + 1)"), .number)
      sheet.set(row, 1, .text(field.label.text(language)), .label)
      let value = record?.evidence[field.index]
      switch field.kind {
      case .flag:
        let word = value.map { $0 != 0 ? w.t("có", "yes") : w.t("không", "no") }
        sheet.set(row, Self.valueColumn, word.map(CellModel.Content.text) ?? .empty, .inputText)
        sheet.set(row, 3, .text(w.t("có / không", "yes / no")), .note)
      case .count:
        sheet.set(
          row, Self.valueColumn, value.map(CellModel.Content.number) ?? .empty, .inputNumber)
        sheet.set(
          row, 3,
          .text(w.t("số nguyên ≥ \(field.minimum ?? 0)", "whole number ≥ \(field.minimum ?? 0)")),
          .note)
      }
      sheet.set(row, 4, .text((used[field.id] ?? []).joined(separator: ", ")), .note)
      sheet.set(row, 5, .text(notes(field)), .note)
      names.append(name(FormulaContext.name(field.id), row))
      sheet.validations.append(validation(field, at: CellAddress(row, Self.valueColumn)))
      row += 1
    }
    row += 1
    sheet.merged(
      row, 0, 5,
      .text(
        w.t(
          "III. LOẠI XÃ VÀ SỐ ĐIỂM TỐI THIỂU ĐỂ ĐƯỢC CÔNG NHẬN",
          "III. CATEGORIES AND THE POINTS NEEDED FOR RECOGNITION")), .section)
    row += 1
    let firstCategory = row
    for (index, category) in rulebook.categories.enumerated() {
      sheet.set(row, 0, .text("\(index + 1)"), .number)
      sheet.set(row, 1, .text(category.name.text(language)), .label)
      sheet.set(
        row, Self.valueColumn, .points(category.threshold, scale: rulebook.pointScale), .number)
      sheet.set(row, 3, .text(w.t("điểm", "points")), .note)
      sheet.set(row, 4, .empty, .note)
      sheet.set(row, 5, .empty, .note)
      row += 1
    }
    names.append(
      DefinedName(
        name: "categories_list", sheet: 0, from: CellAddress(firstCategory, 1),
        to: CellAddress(max(firstCategory, row - 1), 1)))
    names.append(
      DefinedName(
        name: "_xlnm.Print_Titles", sheet: 0, from: CellAddress(4, 0), to: CellAddress(4, 5),
        local: true))
    sheet.fitRowHeights()
    return sheet
  }

  func name(_ name: String, _ row: Int) -> DefinedName {
    DefinedName(name: name, sheet: 0, from: CellAddress(row, Self.valueColumn))
  }

  struct IdentityRow {
    var id: String
    var label: String
    var value: CellModel.Content
    var style: CellStyle
    var how: String
    var note: String
  }

  func identityRows(_ record: EvidenceRecord?) -> [IdentityRow] {
    let commune = record?.commune
    let text = { (value: String?) in value.map(CellModel.Content.text) ?? .empty }
    let category = commune.flatMap { rulebook.category($0.category) }?.name.text(language)
    return [
      IdentityRow(
        id: "code", label: w.t("Mã đơn vị hành chính", "Administrative code"),
        value: text(commune?.code), style: .inputText, how: w.t("chữ số", "digits"),
        note: w.t("Giữ nguyên số 0 ở đầu, ví dụ 06124", "Keep leading zeros, e.g. 06124")),
      IdentityRow(
        id: "name", label: w.t("Tên xã, phường, thị trấn", "Commune, ward or township"),
        value: text(commune?.name), style: .inputText, how: w.t("chữ", "text"),
        note: w.t("Ví dụ: Xã Bằng Mạc", "E.g. Xã Bằng Mạc")),
      IdentityRow(
        id: "district", label: w.t("Huyện, quận, thị xã, thành phố", "District"),
        value: text(commune?.district), style: .inputText, how: w.t("chữ", "text"),
        note: w.t("Có thể để trống", "May be left empty")),
      IdentityRow(
        id: "province", label: w.t("Tỉnh, thành phố trực thuộc trung ương", "Province"),
        value: text(commune?.province), style: .inputText, how: w.t("chữ", "text"), note: ""),
      IdentityRow(
        id: "category", label: w.t("Loại xã", "Category"), value: text(category),
        style: .inputText, how: w.t("chọn trong danh sách", "choose from the list"),
        note: w.t("Quyết định số điểm tối thiểu (mục III)", "Decides the points needed (part III)")),
      IdentityRow(
        id: "year", label: w.t("Năm đánh giá", "Assessment year"),
        value: record.map { .number($0.year) } ?? .empty, style: .inputNumber,
        how: w.t("số năm", "year"), note: ""),
    ]
  }

  /// Field id → the indicators (and gates) that read it.
  func indicatorsUsing() -> [String: [String]] {
    var used: [String: [String]] = [:]
    for criterion in rulebook.criteria {
      for gate in criterion.gates { used[gate.field.id, default: []].append(criterion.id) }
      for indicator in criterion.indicators {
        for input in indicator.rule.inputs where used[input.id]?.contains(indicator.id) != true {
          used[input.id, default: []].append(indicator.id)
        }
      }
    }
    return used
  }

  /// The field's constraints and effects, in words.
  func notes(_ field: FieldDeclaration) -> String {
    var notes: [String] = []
    if let whole = field.partOf, let declaration = rulebook.field(whole) {
      notes.append(
        w.t("Không lớn hơn mục II.", "At most item II.") + "\(declaration.index + 1) ("
          + declaration.label.text(language) + ")")
    }
    if let minimum = field.minimum, minimum > 0 {
      notes.append(w.t("Tối thiểu \(minimum)", "At least \(minimum)"))
    }
    for criterion in rulebook.criteria {
      for gate in criterion.gates where gate.field.id == field.id {
        notes.append(gate.description.text(language))
      }
    }
    return notes.joined(separator: ". ")
  }

  /// What the cell of `field` accepts: có/không for a flag; a whole number ≥ its minimum, and
  /// no larger than the nearest whole that is given, for a count.
  func validation(_ field: FieldDeclaration, at cell: CellAddress) -> Validation {
    let label = field.label.text(language)
    if field.kind == .flag {
      return Validation(
        cell: cell, rule: .words([w.t("có", "yes"), w.t("không", "no")]), title: label,
        message: w.t("Chọn có hoặc không (hoặc để trống).", "Choose yes or no (or leave empty)."),
        prompt: w.t("có / không; để trống nếu chưa rõ", "yes / no; leave empty if not known"))
    }
    let me = FormulaContext.name(field.id)
    let minimum = field.minimum ?? 0
    var tests = ["ISNUMBER(\(me))", "\(me)=INT(\(me))", "\(me)>=\(minimum)"]
    // The nearest whole that is given (as the engine checks it).
    var chain: [String] = []
    var whole = field.partOf
    while let id = whole, let declaration = rulebook.field(id) {
      chain.append(FormulaContext.name(id))
      whole = declaration.partOf
    }
    if !chain.isEmpty {
      var test = "TRUE"
      for name in chain.reversed() { test = "IF(ISNUMBER(\(name)),\(me)<=\(name),\(test))" }
      tests.append(test)
    }
    // A whole no smaller than its parts already typed.
    for part in rulebook.fields where part.partOf == field.id {
      let name = FormulaContext.name(part.id)
      tests.append("OR(NOT(ISNUMBER(\(name))),\(me)>=\(name))")
    }
    var message = w.t("Nhập số nguyên ≥ \(minimum)", "Type a whole number ≥ \(minimum)")
    if let id = field.partOf, let declaration = rulebook.field(id) {
      message += w.t(", không lớn hơn ", ", at most ") + declaration.label.text(language)
    }
    if rulebook.fields.contains(where: { $0.partOf == field.id }) {
      message += w.t(", không nhỏ hơn các số liệu thành phần", ", no smaller than its parts")
    }
    return Validation(
      cell: cell, rule: .custom("AND(" + tests.joined(separator: ",") + ")"), title: label,
      message: message + ".",
      prompt: w.t("Để trống nếu chưa có số liệu (khác với 0).", "Leave empty if not known (not 0).")
    )
  }
}
