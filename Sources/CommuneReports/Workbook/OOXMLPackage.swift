/// Writes a `WorkbookModel` as an Office Open XML workbook (.xlsx): styles, defined names,
/// data validation, protection without a password, A4 page setup, formulas with their cached
/// results, and a request to recalculate on opening.
public enum OOXMLPackage {
  static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let packageRels = "http://schemas.openxmlformats.org/package/2006/relationships"

  /// The workbook's bytes.
  public static func write(_ workbook: WorkbookModel) -> [UInt8] {
    var zip = ZipArchive()
    zip.add("[Content_Types].xml", Array(contentTypes(workbook).utf8))
    zip.add(
      "_rels/.rels",
      Array(
        (header + "<Relationships xmlns=\"\(packageRels)\">"
          + "<Relationship Id=\"rId1\" Type=\"\(rels)/officeDocument\" Target=\"xl/workbook.xml\"/>"
          + "</Relationships>").utf8))
    zip.add("xl/workbook.xml", Array(workbookXML(workbook).utf8))
    var relationships = header + "<Relationships xmlns=\"\(packageRels)\">"
    for index in workbook.sheets.indices {
      relationships +=
        "<Relationship Id=\"rId\(index + 1)\" Type=\"\(rels)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
    }
    relationships +=
      "<Relationship Id=\"rId\(workbook.sheets.count + 1)\" Type=\"\(rels)/styles\" Target=\"styles.xml\"/>"
    zip.add("xl/_rels/workbook.xml.rels", Array((relationships + "</Relationships>").utf8))
    zip.add("xl/styles.xml", Array(WorkbookStyles.xml(decimalComma: workbook.decimalComma).utf8))
    for (index, sheet) in workbook.sheets.enumerated() {
      zip.add(
        "xl/worksheets/sheet\(index + 1).xml", Array(sheetXML(sheet, selected: index == 0).utf8))
    }
    return zip.finish()
  }

  static func contentTypes(_ workbook: WorkbookModel) -> String {
    var xml =
      header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    for index in workbook.sheets.indices {
      xml +=
        "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    return xml + "</Types>"
  }

  static func workbookXML(_ workbook: WorkbookModel) -> String {
    var xml =
      header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rels)\">"
      + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    for (index, sheet) in workbook.sheets.enumerated() {
      xml +=
        "<sheet name=\"\(MarkupText.escape(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
    }
    xml += "</sheets><definedNames>"
    for name in workbook.names {
      let sheet = workbook.sheets[name.sheet]
      var target = sheet.quotedName + "!" + name.from.absolute
      if let to = name.to { target += ":" + to.absolute }
      let scope = name.local ? " localSheetId=\"\(name.sheet)\"" : ""
      xml +=
        "<definedName name=\"\(MarkupText.escape(name.name))\"\(scope)>\(MarkupText.escape(target))</definedName>"
    }
    // Spreadsheet programs that honour it recompute every formula when the file is opened, so a
    // workbook filled by a script shows its own results, not the blank template's.
    return xml + "</definedNames><calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>"
  }

  static func sheetXML(_ sheet: SheetModel, selected: Bool) -> String {
    let addresses = sheet.cells.keys.sorted()
    let lastRow = addresses.map(\.row).max() ?? 0
    let lastColumn = max(addresses.map(\.column).max() ?? 0, sheet.widths.count - 1)
    var xml =
      header + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(rels)\">"
      + "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
      + "<dimension ref=\"A1:\(CellAddress(lastRow, lastColumn).reference)\"/>"
      + "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
    if sheet.frozenRows > 0 {
      xml +=
        "<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"A\(sheet.frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
    }
    xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"16\"/><cols>"
    for (index, width) in sheet.widths.enumerated() {
      let hidden = sheet.hiddenColumns.contains(index) ? " hidden=\"1\"" : ""
      xml +=
        "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"\(hidden)/>"
    }
    xml += "</cols><sheetData>"
    var row = -1
    for address in addresses {
      if address.row != row {
        if row >= 0 { xml += "</row>" }
        row = address.row
        let height = sheet.heights[row].map { " ht=\"\($0)\" customHeight=\"1\"" } ?? ""
        xml += "<row r=\"\(row + 1)\"\(height)>"
      }
      if let cell = sheet.cells[address] { xml += cellXML(cell, at: address) }
    }
    if row >= 0 { xml += "</row>" }
    xml += "</sheetData><sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\"/>"
    if !sheet.merges.isEmpty {
      xml += "<mergeCells count=\"\(sheet.merges.count)\">"
      for (from, to) in sheet.merges {
        xml += "<mergeCell ref=\"\(from.reference):\(to.reference)\"/>"
      }
      xml += "</mergeCells>"
    }
    if !sheet.validations.isEmpty {
      xml += "<dataValidations count=\"\(sheet.validations.count)\">"
      for validation in sheet.validations { xml += validationXML(validation) }
      xml += "</dataValidations>"
    }
    xml +=
      "<pageMargins left=\"0.6\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
      + "<pageSetup paperSize=\"9\" orientation=\"portrait\" fitToWidth=\"1\" fitToHeight=\"\(sheet.onePage ? 1 : 0)\"/>"
    return xml + "</worksheet>"
  }

  static func cellXML(_ cell: CellModel, at address: CellAddress) -> String {
    let start = "<c r=\"\(address.reference)\" s=\"\(cell.style.rawValue)\""
    switch cell.content {
    case .empty: return start + "/>"
    case .number(let value): return start + "><v>\(value)</v></c>"
    case .decimal(let value): return start + "><v>\(value)</v></c>"
    case .text(let text):
      return start
        + " t=\"inlineStr\"><is><t xml:space=\"preserve\">\(MarkupText.escape(text))</t></is></c>"
    case .formula(let formula, .number(let value)):
      return start + "><f>\(MarkupText.escape(formula))</f><v>\(value)</v></c>"
    case .formula(let formula, .decimal(let value)):
      return start + "><f>\(MarkupText.escape(formula))</f><v>\(value)</v></c>"
    case .formula(let formula, .text(let text)):
      return start
        + " t=\"str\"><f>\(MarkupText.escape(formula))</f><v>\(MarkupText.escape(text))</v></c>"
    }
  }

  static func validationXML(_ validation: Validation) -> String {
    var type: String
    var formulas: String
    var op = ""
    switch validation.rule {
    case .words(let words):
      type = "list"
      formulas =
        "<formula1>\(MarkupText.escape("\"" + words.joined(separator: ",") + "\""))</formula1>"
    case .namedList(let name):
      type = "list"
      formulas = "<formula1>\(MarkupText.escape(name))</formula1>"
    case .whole(let range):
      type = "whole"
      op = " operator=\"between\""
      formulas = "<formula1>\(range.lowerBound)</formula1><formula2>\(range.upperBound)</formula2>"
    case .custom(let formula):
      type = "custom"
      formulas = "<formula1>\(MarkupText.escape(formula))</formula1>"
    }
    return
      "<dataValidation type=\"\(type)\"\(op) allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
      + " errorTitle=\"\(MarkupText.escape(clip(validation.title, 32)))\" error=\"\(MarkupText.escape(clip(validation.message, 255)))\""
      + " promptTitle=\"\(MarkupText.escape(clip(validation.title, 32)))\" prompt=\"\(MarkupText.escape(clip(validation.prompt, 255)))\""
      + " sqref=\"\(validation.cell.reference)\">\(formulas)</dataValidation>"
  }

  /// Spreadsheet programs refuse titles and messages longer than their limits.
  static func clip(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }
}
