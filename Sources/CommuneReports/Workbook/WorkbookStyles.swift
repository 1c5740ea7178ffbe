/// The workbook's style sheet, one cell format per `CellStyle` case, in the same order.
/// Times New Roman, as Vietnamese administrative documents are set.
enum WorkbookStyles {
  static let fonts = [
    "<font><sz val=\"12\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>",
    "<font><b/><sz val=\"12\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>",
    "<font><b/><sz val=\"14\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>",
    "<font><i/><sz val=\"12\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>",
    "<font><b/><sz val=\"13\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>",
    "<font><sz val=\"10\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>",
  ]
  static let fills = [
    "<fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill>",
    solid("FFFFF2CC"),  // 2: input cells, a pale yellow people recognise as "type here"
    solid("FFD9D9D9"),  // 3: table headers
    solid("FFDDEBF7"),  // 4: computed results
    solid("FFF2F2F2"),  // 5: sections and criterion rows
  ]

  static func solid(_ color: String) -> String {
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"\(color)\"/><bgColor indexed=\"64\"/></patternFill></fill>"
  }

  /// font, fill, border, number format, horizontal alignment, wrap, locked — per `CellStyle`.
  /// The format of point cells: General (whole numbers as `50`, decimals as `0.25` with no
  /// trailing zeros), tagged Vietnamese (`[$-42A]`) for a decimal comma when asked.
  static let vietnameseGeneral = 164

  static func format(_ style: CellStyle, decimalComma: Bool) -> String {
    var (font, fill, border, numberFormat, horizontal, wrap, locked):
      (Int, Int, Int, Int, String?, Bool, Bool)
    switch style {
    case .plain:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (0, 0, 0, 0, nil, false, true)
    case .title:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        2, 0, 0, 0, "center", true, true
      )
    case .subtitle:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        1, 0, 0, 0, "center", true, true
      )
    case .header:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        1, 3, 1, 0, "center", true, true
      )
    case .label:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        0, 0, 1, 0, "left", true, true
      )
    case .labelBold:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        1, 5, 1, 0, "left", true, true
      )
    case .inputText:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        0, 2, 1, 49, "left", true, false
      )
    case .inputNumber:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        0, 2, 1, 1, "center", false, false
      )
    case .number:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        0, 0, 1, 0, "center", false, true
      )
    case .result:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        0, 4, 1, 0, "center", true, true
      )
    case .resultBold:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        1, 4, 1, 0, "center", true, true
      )
    case .note:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        5, 0, 1, 0, "left", true, true
      )
    case .section:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        1, 5, 1, 0, "left", true, true
      )
    case .verdict:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        4, 4, 1, 0, "center", true, true
      )
    case .boldCenter:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        1, 5, 1, 0, "center", false, true
      )
    case .italicCenter:
      (font, fill, border, numberFormat, horizontal, wrap, locked) = (
        3, 0, 0, 0, "center", true, true
      )
    }
    let points: Set<CellStyle> = [.number, .result, .resultBold, .boldCenter]
    if decimalComma, numberFormat == 0, points.contains(style) {
      numberFormat = vietnameseGeneral
    }
    var alignment = "<alignment vertical=\"center\""
    if let horizontal { alignment += " horizontal=\"\(horizontal)\"" }
    if wrap { alignment += " wrapText=\"1\"" }
    // Notes (how each indicator is scored) keep a space from the cell's borders.
    if style == .note { alignment += " indent=\"1\"" }
    alignment += "/>"
    let protection = locked ? "" : "<protection locked=\"0\"/>"
    return
      "<xf numFmtId=\"\(numberFormat)\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(border)\" xfId=\"0\""
      + " applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\""
      + (numberFormat != 0 ? " applyNumberFormat=\"1\"" : "") + ">" + alignment + protection
      + "</xf>"
  }

  static func xml(decimalComma: Bool) -> String {
    let thin =
      "<left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
      + "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/>"
    return OOXMLPackage.header
      + "<styleSheet xmlns=\"\(OOXMLPackage.main)\">"
      + (decimalComma
        ? "<numFmts count=\"1\"><numFmt numFmtId=\"\(vietnameseGeneral)\" formatCode=\"[$-42A]General\"/></numFmts>"
        : "")
      + "<fonts count=\"\(fonts.count)\">" + fonts.joined() + "</fonts>"
      + "<fills count=\"\(fills.count)\">" + fills.joined() + "</fills>"
      + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border>\(thin)</border></borders>"
      + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
      + "<cellXfs count=\"\(CellStyle.allCases.count)\">"
      + CellStyle.allCases.map { format($0, decimalComma: decimalComma) }.joined()
      + "</cellXfs>"
      + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
      + "</styleSheet>"
  }
}
