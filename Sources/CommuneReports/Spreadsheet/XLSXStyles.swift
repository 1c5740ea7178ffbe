/// The style sheet of `XLSXStream` workbooks: one cell format per `XLSXStream.Style`, in order.
/// Times New Roman, as Vietnamese administrative documents are set; verdicts coloured the way
/// spreadsheet users expect (green, red, amber).
enum XLSXStyles {
  static let fonts = [
    font(size: 12),
    font(size: 12, bold: true),
    font(size: 14, bold: true),
    font(size: 11, italic: true),
    font(size: 12, bold: true, color: "FF006100"),
    font(size: 12, bold: true, color: "FF9C0006"),
    font(size: 12, bold: true, color: "FF9C5700"),
  ]
  static let fills = [
    "<fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill>",
    solid("FFDDEBF7"),  // 2: headers
    solid("FFC6EFCE"),  // 3: recognised
    solid("FFFFC7CE"),  // 4: not recognised
    solid("FFFFEB9C"),  // 5: incomplete
    solid("FFF2F2F2"),  // 6: totals and labels
  ]

  static func font(size: Int, bold: Bool = false, italic: Bool = false, color: String? = nil)
    -> String
  {
    "<font>" + (bold ? "<b/>" : "") + (italic ? "<i/>" : "") + "<sz val=\"\(size)\"/>"
      + (color.map { "<color rgb=\"\($0)\"/>" } ?? "")
      + "<name val=\"Times New Roman\"/><family val=\"1\"/></font>"
  }

  static func solid(_ color: String) -> String {
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"\(color)\"/><bgColor indexed=\"64\"/></patternFill></fill>"
  }

  /// font, fill, border, number format, horizontal alignment, wrap — per style.
  static func format(_ style: XLSXStream.Style) -> String {
    let (font, fill, border, numberFormat, horizontal, wrap): (Int, Int, Int, Int, String, Bool)
    switch style {
    case .plain:
      (font, fill, border, numberFormat, horizontal, wrap) = (0, 0, 0, 0, "general", false)
    case .title:
      (font, fill, border, numberFormat, horizontal, wrap) = (2, 0, 0, 0, "center", false)
    case .subtitle:
      (font, fill, border, numberFormat, horizontal, wrap) = (3, 0, 0, 0, "center", false)
    case .header:
      (font, fill, border, numberFormat, horizontal, wrap) = (1, 2, 1, 0, "center", true)
    case .text: (font, fill, border, numberFormat, horizontal, wrap) = (0, 0, 1, 0, "left", false)
    case .code:
      (font, fill, border, numberFormat, horizontal, wrap) = (0, 0, 1, 49, "center", false)
    case .number:
      (font, fill, border, numberFormat, horizontal, wrap) = (0, 0, 1, 0, "center", false)
    case .recognized:
      (font, fill, border, numberFormat, horizontal, wrap) = (4, 3, 1, 0, "center", false)
    case .notRecognized:
      (font, fill, border, numberFormat, horizontal, wrap) = (5, 4, 1, 0, "center", false)
    case .incomplete:
      (font, fill, border, numberFormat, horizontal, wrap) = (6, 5, 1, 0, "center", false)
    case .total:
      (font, fill, border, numberFormat, horizontal, wrap) = (1, 0, 1, 0, "center", false)
    case .label: (font, fill, border, numberFormat, horizontal, wrap) = (0, 0, 1, 0, "left", true)
    case .note: (font, fill, border, numberFormat, horizontal, wrap) = (3, 0, 0, 0, "left", false)
    case .labelBold:
      (font, fill, border, numberFormat, horizontal, wrap) = (1, 6, 1, 0, "left", true)
    case .numberBold:
      (font, fill, border, numberFormat, horizontal, wrap) = (1, 6, 1, 0, "center", false)
    }
    return
      "<xf numFmtId=\"\(numberFormat)\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(border)\" xfId=\"0\""
      + (numberFormat != 0 ? " applyNumberFormat=\"1\"" : "")
      + " applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
      + "<alignment horizontal=\"\(horizontal)\" vertical=\"center\"\(wrap ? " wrapText=\"1\"" : "")/></xf>"
  }

  static let styles: [XLSXStream.Style] = [
    .plain, .title, .subtitle, .header, .text, .code, .number, .recognized, .notRecognized,
    .incomplete, .total, .label, .note, .labelBold, .numberBold,
  ]

  static let xml: String =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    + "<fonts count=\"\(fonts.count)\">\(fonts.joined())</fonts>"
    + "<fills count=\"\(fills.count)\">\(fills.joined())</fills>"
    + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
    + "<border><left style=\"thin\"><color rgb=\"FF808080\"/></left><right style=\"thin\"><color rgb=\"FF808080\"/></right>"
    + "<top style=\"thin\"><color rgb=\"FF808080\"/></top><bottom style=\"thin\"><color rgb=\"FF808080\"/></bottom><diagonal/></border></borders>"
    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    + "<cellXfs count=\"\(styles.count)\">\(styles.map(format).joined())</cellXfs>"
    + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    + "</styleSheet>"
}
