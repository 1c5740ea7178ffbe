/// Reads OpenDocument spreadsheets (`content.xml`): sheet names, named ranges, and rows with
/// repeated rows and cells expanded within bounds (an empty repeat only moves the position, so
/// the million trailing empty rows LibreOffice writes cost nothing).
enum ODSReader {
  static let part = "content.xml"

  /// The sheets' names and the single-cell named ranges.
  static func index(_ content: [UInt8]) throws(WorkbookError) -> (
    sheets: [String], definedNames: [String: CellReference]
  ) {
    var tokenizer = XMLTokenizer(content)
    var sheets: [String] = []
    var names: [String: CellReference] = [:]
    var depth = 0
    do {
      while let event = try tokenizer.next() {
        switch event {
        case .start(let name, let attributes, let selfClosing):
          switch XMLTokenizer.localName(name) {
          case "table":
            if depth == 0 { sheets.append(XMLTokenizer.attribute("name", in: attributes) ?? "") }
            if !selfClosing { depth += 1 }
          case "named-range":
            if let rangeName = XMLTokenizer.attribute("name", in: attributes),
              let address = XMLTokenizer.attribute("cell-range-address", in: attributes),
              let reference = reference(address)
            {
              names[rangeName] = reference
            }
          default: break
          }
        case .end(let name) where XMLTokenizer.localName(name) == "table":
          depth -= 1
        default: break
        }
      }
    } catch {
      throw .xml(part: part, error)
    }
    return (sheets, names)
  }

  /// `$Sheet1.$C$12`, `$'Nhập liệu'.C12:.D14` → the top-left cell.
  static func reference(_ address: String) -> CellReference? {
    var text = Substring(address.trimmingSpaces)
    if text.first == "$" { text = text.dropFirst() }
    var sheet = ""
    if text.first == "'" {
      text = text.dropFirst()
      while let character = text.first {
        text = text.dropFirst()
        if character == "'" {
          if text.first == "'" {
            sheet.append("'")
            text = text.dropFirst()
          } else {
            break
          }
        } else {
          sheet.append(character)
        }
      }
    } else {
      guard let dot = text.firstIndex(of: ".") else { return nil }
      sheet = String(text[..<dot])
      text = text[dot...]
    }
    guard text.first == ".", !sheet.isEmpty else { return nil }
    let cell = text.dropFirst().split(separator: ":", maxSplits: 1).first ?? ""
    guard let parsed = CellReference.parseCell(cell) else { return nil }
    return CellReference(sheet: sheet, row: parsed.row, column: parsed.column)
  }

  static func rows(_ content: [UInt8], sheet index: Int, maxCells: Int) throws(WorkbookError)
    -> SheetRows
  {
    var reader = ODSSheetReader(tokenizer: XMLTokenizer(content), maxCells: maxCells)
    try reader.seek(table: index)
    return SheetRows(sheet: reader.sheet, source: .ods(reader))
  }
}

/// Streams the rows of one `table:table`.
struct ODSSheetReader: Sendable {
  static let maxRows = 1_048_576
  static let maxColumns = 16_384
  var tokenizer: XMLTokenizer
  let maxCells: Int
  var sheet = ""
  var row = 0
  var cellCount = 0
  var pending: (cells: [SheetCell], remaining: Int)?
  var finished = false

  init(tokenizer: XMLTokenizer, maxCells: Int) {
    self.tokenizer = tokenizer
    self.maxCells = maxCells
  }

  func fail(_ error: Error) -> WorkbookError {
    if let error = error as? XMLError { return .xml(part: ODSReader.part, error) }
    if let error = error as? WorkbookError { return error }
    return .badPart(part: ODSReader.part, reason: "unreadable")
  }

  /// Moves to just inside the `index`-th top-level table.
  mutating func seek(table index: Int) throws(WorkbookError) {
    var depth = 0
    var seen = 0
    do {
      while let event = try tokenizer.next() {
        switch event {
        case .start(let name, let attributes, let selfClosing)
        where XMLTokenizer.localName(name) == "table":
          if depth == 0 {
            if seen == index {
              sheet = XMLTokenizer.attribute("name", in: attributes) ?? ""
              finished = selfClosing
              return
            }
            seen += 1
          }
          if !selfClosing { depth += 1 }
        case .end(let name) where XMLTokenizer.localName(name) == "table":
          depth -= 1
        default: break
        }
      }
    } catch {
      throw fail(error)
    }
    throw .noSheets
  }

  static func repeats(_ attribute: String, _ attributes: [XMLAttribute]) -> Int {
    guard let text = XMLTokenizer.attribute(attribute, in: attributes), let value = Int(text),
      value >= 1
    else { return 1 }
    return value
  }

  mutating func next() throws(WorkbookError) -> SheetRow? {
    if var pending = self.pending {
      if pending.remaining > 0, row < Self.maxRows {
        pending.remaining -= 1
        self.pending = pending.remaining > 0 ? pending : nil
        return try emit(pending.cells)
      }
      self.pending = nil
    }
    guard !finished else { return nil }
    do {
      return try readRow()
    } catch {
      throw fail(error)
    }
  }

  mutating func emit(_ cells: [SheetCell]) throws(WorkbookError) -> SheetRow {
    row += 1
    cellCount += cells.count
    guard cellCount <= maxCells else { throw .tooManyCells(sheet: sheet, limit: maxCells) }
    return SheetRow(number: row, cells: cells)
  }

  mutating func readRow() throws -> SheetRow? {
    var depth = 0  // nested tables inside cells are skipped
    var cells: [SheetCell] = []
    var rowRepeat = 1
    var column = 0
    var inRow = false
    // The cell being read.
    var cellRepeat = 1
    var valueType = ""
    var cellAttributes: [XMLAttribute] = []
    var paragraphs: [String] = []
    var inParagraph = false
    var annotation = 0
    var inCell = false

    func finishCell() throws {
      let text = paragraphs.joined(separator: "\n")
      let value: CellValue?
      func attribute(_ name: String) -> String? {
        XMLTokenizer.attribute(name, in: cellAttributes)
      }
      switch valueType {
      case "float", "percentage", "currency":
        value =
          attribute("value").flatMap(SpreadsheetNumber.plain).map(CellValue.number)
          ?? (text.isEmpty ? nil : .text(text))
      case "boolean":
        value = attribute("boolean-value").map { CellValue.boolean($0 == "true" || $0 == "1") }
      case "date":
        let parts = (attribute("date-value") ?? "").prefix(10).split(separator: "-").compactMap {
          Int($0)
        }
        value =
          parts.count == 3
          ? .date(year: parts[0], month: parts[1], day: parts[2])
          : (text.isEmpty ? nil : .text(text))
      default:
        value = text.isEmpty ? nil : .text(text)
      }
      if let value {
        let end = min(column + cellRepeat, ODSSheetReader.maxColumns)
        if end - column > maxCells - cellCount - cells.count {
          throw WorkbookError.tooManyCells(sheet: sheet, limit: maxCells)
        }
        for index in column..<end { cells.append(SheetCell(column: index, value: value)) }
      }
      column = min(column + cellRepeat, ODSSheetReader.maxColumns)
    }

    while let event = try tokenizer.next() {
      switch event {
      case .start(let qualified, let attributes, let selfClosing):
        let name = XMLTokenizer.localName(qualified)
        if depth > 0 {
          if name == "table", !selfClosing { depth += 1 }
          continue
        }
        switch name {
        case "table":
          if !selfClosing { depth += 1 }
        case "table-row":
          inRow = true
          cells = []
          column = 0
          rowRepeat = Self.repeats("number-rows-repeated", attributes)
          if selfClosing {
            row = min(row + rowRepeat, Self.maxRows)
            inRow = false
          }
        case "table-cell", "covered-table-cell":
          guard inRow else { continue }
          cellRepeat = Self.repeats("number-columns-repeated", attributes)
          valueType = XMLTokenizer.attribute("value-type", in: attributes) ?? ""
          cellAttributes = attributes
          paragraphs = []
          inCell = !selfClosing
          if selfClosing { try finishCell() }
        case "annotation": if !selfClosing { annotation += 1 }
        case "p", "h":
          if inCell, annotation == 0 {
            paragraphs.append("")
            inParagraph = !selfClosing
          }
        case "s":
          if inParagraph, annotation == 0 {
            let count = min(Self.repeats("c", attributes), 1000)
            paragraphs[paragraphs.count - 1] += String(repeating: " ", count: count)
          }
        case "tab": if inParagraph, annotation == 0 { paragraphs[paragraphs.count - 1] += "\t" }
        case "line-break":
          if inParagraph, annotation == 0 { paragraphs[paragraphs.count - 1] += "\n" }
        default: break
        }
      case .text(let text):
        if inParagraph, annotation == 0, depth == 0 { paragraphs[paragraphs.count - 1] += text }
      case .end(let qualified):
        let name = XMLTokenizer.localName(qualified)
        if name == "table" {
          if depth > 0 {
            depth -= 1
            continue
          }
          finished = true
          return nil
        }
        guard depth == 0 else { continue }
        switch name {
        case "annotation": annotation -= 1
        case "p", "h": inParagraph = false
        case "table-cell", "covered-table-cell":
          if inCell {
            inCell = false
            try finishCell()
          }
        case "table-row":
          inRow = false
          if cells.isEmpty {
            row = min(row + rowRepeat, Self.maxRows)
            continue
          }
          guard row < Self.maxRows else { continue }
          if rowRepeat > 1 { pending = (cells, rowRepeat - 1) }
          return try emit(cells)
        default: break
        }
      }
    }
    finished = true
    return nil
  }
}
