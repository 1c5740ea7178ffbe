import CommuneScoring

/// The council's workbook after the list: the summary sheet, the sheet where a council types
/// its corrections, and the list of figures it can correct.
extension BatchWorkbook {
  /// The summary sheet and the end of the archive. `rejected` counts the records that could
  /// not be assessed.
  public mutating func end(rejected: Int, into output: inout [UInt8]) {
    mergePlannedCounts()
    startList(into: &output)
    stream.endSheet(into: &output)
    stream.beginSheet(
      XLSXStream.Layout(
        name: t("Tổng hợp", "Summary"), widths: [summaryWidth, 10, 10, 12, 16],
        merges: ["A1:E1"], landscape: false), into: &output)
    stream.addRow(
      [.text(t("TỔNG HỢP KẾT QUẢ", "SUMMARY OF RESULTS"), .title)], height: 24, into: &output)
    stream.addRow([], into: &output)
    let counts = [
      t("Số xã", "Communes"), t("Đạt", "Recognised"), t("Không đạt", "Not recognised"),
      t("Chưa đủ số liệu", "Incomplete"),
    ]
    func numbers(_ counts: Counts, bold: Bool = false) -> [XLSXStream.Cell] {
      [counts.total, counts.recognized, counts.notRecognized, counts.incomplete].map {
        .number($0, bold ? .numberBold : .number)
      }
    }
    stream.addRow(
      [.text(t("Theo loại xã", "By category"), .header)] + counts.map { .text($0, .header) },
      height: 32, into: &output)
    for category in rulebook.categories {
      let name = language == .vi ? category.name.vi : category.name.en
      stream.addRow(
        [.text(name, .text)] + numbers(byCategory[category.id] ?? Counts()), into: &output)
    }
    stream.addRow(
      [.text(t("Tổng cộng", "Total"), .labelBold)] + numbers(all, bold: true), into: &output)
    stream.addRow([], into: &output)
    stream.addRow(
      [.text(t("Theo huyện (tỉnh)", "By district (province)"), .header)]
        + counts.map { .text($0, .header) }, height: 32, into: &output)
    for (key, value) in byDistrict.sorted(by: { $0.key < $1.key }) {
      let district = key.district.isEmpty ? t("(không ghi huyện)", "(no district)") : key.district
      stream.addRow(
        [.text("\(district), \(key.province)", .text)] + numbers(value), into: &output)
    }
    stream.addRow([], into: &output)
    stream.addRow([.text(t("Các tiêu chí", "The criteria"), .header)], into: &output)
    for criterion in rulebook.criteria {
      stream.addRow(
        [
          .text(
            "\(criterion.id). " + (language == .vi ? criterion.name.vi : criterion.name.en), .text)
        ],
        into: &output)
    }
    stream.addRow([], into: &output)
    if rejected > 0 {
      stream.addRow(
        [
          .text(
            t(
              "\(rejected) dòng không chấm được (xem thông báo lỗi khi chạy cfc).",
              "\(rejected) \(rejected == 1 ? "record" : "records") could not be assessed (see cfc's error messages)."
            ),
            .note)
        ], into: &output)
    }
    stream.addRow(
      [
        .text(
          t(
            "Chấm theo bộ tiêu chí \(rulebook.id) (\(rulebook.citation)), SHA-256 \(rulebook.sha256.prefix(12))….",
            "Scored with rulebook \(rulebook.id) (\(rulebook.citation)), SHA-256 \(rulebook.sha256.prefix(12))…."
          ),
          .note)
      ], into: &output)
    reviewSheets(into: &output)
    stream.finish(into: &output)
  }

  /// Rows ready for the council's corrections, in the layout `--review` reads.
  static let reviewRows = 300

  /// The sheet where a council types its corrections (read back by `--review`), and the list
  /// of figures it can correct.
  mutating func reviewSheets(into output: inout [UInt8]) {
    let fieldsSheet = t("Trường số liệu", "Fields")
    let first = 5
    let last = first + Self.reviewRows - 1
    stream.beginSheet(
      XLSXStream.Layout(
        name: WorkbookReview.sheetNames[language == .vi ? 0 : 1],
        widths: [10, 8, 52, 14, 40, 30], frozenRows: 4, merges: ["A1:F1", "A2:F2", "A3:F3"],
        lists: [
          (
            "C\(first):C\(last)",
            "'\(fieldsSheet)'!$B$2:$B$\(rulebook.fields.count + 1)"
          )
        ]), into: &output)
    stream.addRow(
      [.text(t("THẨM ĐỊNH CỦA HỘI ĐỒNG", "THE COUNCIL'S CORRECTIONS"), .title)], height: 24,
      into: &output)
    stream.addRow(
      [
        .text(
          t(
            "Mỗi dòng một số liệu được điều chỉnh: mã xã, năm, trường số liệu (chọn trong danh sách), số liệu đã thẩm định, lý do.",
            "One corrected figure per row: commune code, year, field (pick from the list), the verified value, the reason."
          ), .note)
      ], into: &output)
    stream.addRow(
      [
        .text(
          t(
            "Chấm lại với các điều chỉnh: cfc batch DANH-SACH.csv --review TỆP-NÀY.xlsx --format xlsx -o KET-QUA.xlsx",
            "Score again with the corrections: cfc batch LIST.csv --review THIS-FILE.xlsx --format xlsx -o RESULT.xlsx"
          ), .note)
      ], into: &output)
    stream.addRow(
      [
        t("Mã xã", "code"), t("Năm", "year"), t("Trường số liệu", "field"),
        t("Giá trị thẩm định", "value"), t("Lý do", "reason"), t("Hội đồng", "council"),
      ].map { .text($0, .header) }, height: 32, into: &output)
    var blank: [UInt8] = []
    XLSXStream.rowXML(
      [
        .empty(.code), .empty(.number), .empty(.text), .empty(.number), .empty(.text),
        .empty(.text),
      ],
      into: &blank)
    for _ in 0..<Self.reviewRows { stream.addRow(xml: blank[...], into: &output) }
    stream.beginSheet(
      XLSXStream.Layout(name: fieldsSheet, widths: [40, 70, 8], frozenRows: 1, landscape: false),
      into: &output)
    stream.addRow(
      [t("Mã trường", "Field id"), t("Tên trường", "Field"), t("Tiêu chí", "Criterion")].map {
        .text($0, .header)
      }, into: &output)
    var criterionOf: [String: String] = [:]
    for criterion in rulebook.criteria {
      for gate in criterion.gates where criterionOf[gate.field.id] == nil {
        criterionOf[gate.field.id] = criterion.id
      }
      for indicator in criterion.indicators {
        for input in indicator.rule.inputs where criterionOf[input.id] == nil {
          criterionOf[input.id] = criterion.id
        }
      }
    }
    for field in rulebook.fields {
      stream.addRow(
        [
          .text(field.id, .text), .text(language == .vi ? field.label.vi : field.label.en, .text),
          .text(criterionOf[field.id] ?? "", .number),
        ], into: &output)
    }
  }
}
