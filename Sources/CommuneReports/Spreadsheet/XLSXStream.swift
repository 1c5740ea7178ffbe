import CommuneScoring

/// An Office Open XML workbook (.xlsx) written as a stream: sheets one after another, each row
/// compressed into the archive as soon as it is added, so memory stays flat whatever the number
/// of rows. Text is written as inline strings, through the one XML-safe escaping function
/// (`MarkupText`), except the few texts a sheet repeats on every row (a verdict, a category),
/// which may be listed once up front (`sharedStrings`) and referred to by number (`.shared`).
/// Every call appends the bytes to write to `output`.
public struct XLSXStream: Sendable {
  /// The cell formats of `XLSXStyles`, by name.
  public enum Style: Int, Sendable {
    case plain = 0, title, subtitle, header, text, code, number, recognized, notRecognized
    case incomplete, total, label, note, labelBold, numberBold
  }

  /// One cell.
  public enum Cell: Sendable, Equatable {
    case text(String, Style)
    case number(Int, Style)
    /// A decimal number as written in the file (`0.25`).
    case decimal(String, Style)
    /// An empty cell that still carries a format (a border), or nothing when `nil`.
    case empty(Style?)
    /// The text at this index of `sharedStrings`.
    case shared(Int, Style)
  }

  /// How a sheet looks: its name, column widths (in characters), rows frozen at the top,
  /// the header row of an AutoFilter, merged ranges and page orientation.
  public struct Layout: Sendable {
    public var name: String
    public var widths: [Double]
    public var frozenRows: Int
    /// The 1-based row holding the filter's header; the filter spans `widths.count` columns.
    public var filterRow: Int?
    /// Ranges such as `A1:X1`.
    public var merges: [String]
    public var landscape: Bool
    /// Drop-down lists: cells (`D4:D203`) and the range holding their choices.
    public var lists: [(cells: String, choices: String)]

    public init(
      name: String, widths: [Double], frozenRows: Int = 0, filterRow: Int? = nil,
      merges: [String] = [], landscape: Bool = true, lists: [(cells: String, choices: String)] = []
    ) {
      self.lists = lists
      self.name = name
      self.widths = widths
      self.frozenRows = frozenRows
      self.filterRow = filterRow
      self.merges = merges
      self.landscape = landscape
    }
  }

  static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  var zip = ZipWriter()
  var sheets: [Layout] = []
  /// The filter ranges of finished sheets, by sheet index.
  var filters: [Int: String] = [:]
  var current: Layout?
  var rows = 0
  var pending: [UInt8] = []
  /// Texts that `.shared` cells refer to by index, written as the workbook's shared-string table.
  public let sharedStrings: [String]

  /// A workbook with no sheet yet, whose `.shared` cells refer to `sharedStrings`.
  public init(sharedStrings: [String] = []) {
    self.sharedStrings = sharedStrings
  }

  /// Starts a sheet: the rows that follow belong to it.
  public mutating func beginSheet(_ layout: Layout, into output: inout [UInt8]) {
    if current != nil { endSheet(into: &output) }
    sheets.append(layout)
    current = layout
    rows = 0
    zip.begin("xl/worksheets/sheet\(sheets.count).xml", into: &output)
    var xml = Self.header + "<worksheet xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.rels)\">"
    xml += "<sheetPr><pageSetUpPr fitToPage=\"true\"/></sheetPr>"
    xml +=
      "<sheetViews><sheetView workbookViewId=\"0\"\(sheets.count == 1 ? " tabSelected=\"1\"" : "")>"
    if layout.frozenRows > 0 {
      xml +=
        "<pane ySplit=\"\(layout.frozenRows)\" topLeftCell=\"A\(layout.frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        + "<selection pane=\"bottomLeft\" activeCell=\"A\(layout.frozenRows + 1)\" sqref=\"A\(layout.frozenRows + 1)\"/>"
    }
    xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15.6\"/><cols>"
    for (index, width) in layout.widths.enumerated() {
      xml +=
        "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
    }
    xml += "</cols><sheetData>"
    zip.write(Array(xml.utf8), into: &output)
  }

  /// Appends one row's XML to `bytes`: pure, so that rows can be formatted on worker threads
  /// and added in order later with `addRow(xml:)`. Rows and cells carry no reference: they
  /// follow one another.
  public static func rowXML(_ cells: [Cell], height: Double? = nil, into bytes: inout [UInt8]) {
    bytes +=
      height.map { Array("<row ht=\"\($0)\" customHeight=\"1\">".utf8) } ?? Array("<row>".utf8)
    for cell in cells {
      switch cell {
      case .text(let text, let style):
        bytes += "<c s=\"\(style.rawValue)\" t=\"inlineStr\"><is>".utf8
        bytes += needsPreserve(text.utf8) ? preserveOpen : plainOpen
        bytes += MarkupText.escape(text).utf8
        bytes += "</t></is></c>".utf8
      case .shared(let index, let style):
        bytes += "<c s=\"\(style.rawValue)\" t=\"s\"><v>\(index)</v></c>".utf8
      case .number(let value, let style):
        bytes += "<c s=\"\(style.rawValue)\"><v>\(value)</v></c>".utf8
      case .decimal(let value, let style):
        bytes += "<c s=\"\(style.rawValue)\"><v>\(value)</v></c>".utf8
      case .empty(let style):
        bytes += style.map { Array("<c s=\"\($0.rawValue)\"/>".utf8) } ?? Array("<c/>".utf8)
      }
    }
    bytes += "</row>".utf8
  }

  static let preserveOpen = Array("<t xml:space=\"preserve\">".utf8)
  static let plainOpen = Array("<t>".utf8)

  /// Whether a text must be marked `xml:space="preserve"` for its spaces to be kept as written:
  /// a space at either end, two in a row, or a tab, line feed or carriage return anywhere.
  /// Other texts read the same without the mark, and the rows are shorter to compress.
  public static func needsPreserve(_ utf8: some Collection<UInt8>) -> Bool {
    guard let first = utf8.first else { return false }
    var previous = first
    if first == 0x20 { return true }
    for byte in utf8 {
      switch byte {
      case 0x09, 0x0A, 0x0D: return true
      case 0x20 where previous == 0x20: return true
      default: break
      }
      previous = byte
    }
    return previous == 0x20
  }

  /// Adds a row to the current sheet.
  public mutating func addRow(_ cells: [Cell], height: Double? = nil, into output: inout [UInt8]) {
    pending.removeAll(keepingCapacity: true)
    Self.rowXML(cells, height: height, into: &pending)
    addRow(xml: pending[...], into: &output)
  }

  /// Adds a row already formatted by `rowXML`.
  public mutating func addRow(xml: ArraySlice<UInt8>, into output: inout [UInt8]) {
    rows += 1
    zip.write(xml, into: &output)
  }

  /// Adds `count` rows already formatted by `rowXML`, back to back.
  public mutating func addRows(xml: ArraySlice<UInt8>, count: Int, into output: inout [UInt8]) {
    rows += count
    zip.write(xml, into: &output)
  }

  /// The number of rows in the current sheet so far.
  public var rowCount: Int { rows }

  /// Ends the current sheet.
  public mutating func endSheet(into output: inout [UInt8]) {
    guard let layout = current else { return }
    current = nil
    var xml = "</sheetData>"
    if let filterRow = layout.filterRow, !layout.widths.isEmpty {
      let range =
        "A\(filterRow):\(CellReference.columnName(layout.widths.count - 1))\(max(rows, filterRow))"
      xml += "<autoFilter ref=\"\(range)\"/>"
      filters[sheets.count - 1] = range
    }
    if !layout.merges.isEmpty {
      xml += "<mergeCells count=\"\(layout.merges.count)\">"
      for range in layout.merges { xml += "<mergeCell ref=\"\(range)\"/>" }
      xml += "</mergeCells>"
    }
    if !layout.lists.isEmpty {
      xml += "<dataValidations count=\"\(layout.lists.count)\">"
      for list in layout.lists {
        xml +=
          "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"0\" sqref=\"\(list.cells)\">"
          + "<formula1>\(MarkupText.escape(list.choices))</formula1></dataValidation>"
      }
      xml += "</dataValidations>"
    }
    xml +=
      "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
      + "<pageSetup paperSize=\"9\" orientation=\"\(layout.landscape ? "landscape" : "portrait")\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
      + "</worksheet>"
    zip.write(Array(xml.utf8), into: &output)
    zip.end(into: &output)
  }

  /// Ends the workbook: styles, the workbook part, relationships, content types, directory.
  public mutating func finish(into output: inout [UInt8]) {
    endSheet(into: &output)
    zip.add("xl/styles.xml", Array(XLSXStyles.xml.utf8), into: &output)
    if !sharedStrings.isEmpty {
      var table =
        Self.header
        + "<sst xmlns=\"\(Self.main)\" uniqueCount=\"\(sharedStrings.count)\">"
      for text in sharedStrings {
        table +=
          "<si><t\(Self.needsPreserve(text.utf8) ? " xml:space=\"preserve\"" : "")>\(MarkupText.escape(text))</t></si>"
      }
      zip.add("xl/sharedStrings.xml", Array((table + "</sst>").utf8), into: &output)
    }
    var workbook =
      Self.header + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.rels)\">"
      + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    for (index, sheet) in sheets.enumerated() {
      workbook +=
        "<sheet name=\"\(MarkupText.escape(Self.sheetName(sheet.name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
    }
    workbook += "</sheets>"
    if !filters.isEmpty {
      workbook += "<definedNames>"
      for (index, range) in filters.sorted(by: { $0.key < $1.key }) {
        let absolute = range.split(separator: ":").map { part -> String in
          let letters = part.prefix { $0.isLetter }
          return "$\(letters)$\(part.dropFirst(letters.count))"
        }.joined(separator: ":")
        workbook +=
          "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">'\(MarkupText.escape(Self.sheetName(sheets[index].name).replacing("'", with: "''")))'!\(absolute)</definedName>"
      }
      workbook += "</definedNames>"
    }
    workbook += "</workbook>"
    zip.add("xl/workbook.xml", Array(workbook.utf8), into: &output)
    var relationships =
      Self.header
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    for index in sheets.indices {
      relationships +=
        "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.rels)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
    }
    relationships +=
      "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Self.rels)/styles\" Target=\"styles.xml\"/>"
    if !sharedStrings.isEmpty {
      relationships +=
        "<Relationship Id=\"rId\(sheets.count + 2)\" Type=\"\(Self.rels)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    }
    relationships += "</Relationships>"
    zip.add("xl/_rels/workbook.xml.rels", Array(relationships.utf8), into: &output)
    zip.add(
      "_rels/.rels",
      Array(
        (Self.header
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"\(Self.rels)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
          .utf8), into: &output)
    var types =
      Self.header
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    for index in sheets.indices {
      types +=
        "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    if !sharedStrings.isEmpty {
      types +=
        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
    }
    zip.add("[Content_Types].xml", Array((types + "</Types>").utf8), into: &output)
    zip.finish(into: &output)
  }

  /// A sheet name spreadsheet programs accept: at most 31 characters, none of `[]:*?/\`.
  public static func sheetName(_ name: String) -> String {
    let cleaned = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
    return cleaned.isEmpty ? "Sheet" : cleaned
  }
}
