/// The parts of an Office Open XML workbook that reading a sheet needs: the sheets and their
/// parts, defined names, shared strings and which cell styles are dates.
struct XLSXParts: Sendable {
  struct SheetPart: Sendable {
    var name: String
    var part: String
  }

  var sheets: [SheetPart] = []
  var definedNames: [String: CellReference] = [:]
  var system1904 = false
  var sharedStringsPart: String?
  var stylesPart: String?
  /// Loaded on first use.
  var sharedStrings: [String]?
  var dateStyles: [Bool]?

  init(archive: inout ZipReader) throws(WorkbookError) {
    var workbookPart = "xl/workbook.xml"
    if archive.entry(named: workbookPart) == nil {
      let rels = try Self.relationships(&archive, "_rels/.rels", base: "")
      guard let target = rels.first(where: { $0.type.hasSuffix("/officeDocument") })?.target else {
        throw .badPart(part: "_rels/.rels", reason: "no office document")
      }
      workbookPart = target
    }
    let directory = Self.directory(of: workbookPart)
    let relsPart = directory + "_rels/" + workbookPart.dropFirst(directory.count) + ".rels"
    let rels = try Self.relationships(&archive, relsPart, base: directory)
    sharedStringsPart = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target
    stylesPart = rels.first { $0.type.hasSuffix("/styles") }?.target
    var tokenizer = XMLTokenizer(try Workbook.read(&archive, workbookPart))
    var pendingName: (name: String, sheet: Int?)?
    var nameText = ""
    var scoped: [(String, CellReference)] = []
    do {
      while let event = try tokenizer.next() {
        switch event {
        case .start(let name, let attributes, let selfClosing):
          switch XMLTokenizer.localName(name) {
          case "sheet":
            guard let sheetName = XMLTokenizer.attribute("name", in: attributes),
              let id = XMLTokenizer.attribute("id", in: attributes),
              let target = rels.first(where: { $0.id == id })?.target
            else {
              throw WorkbookError.badPart(part: workbookPart, reason: "a sheet without its part")
            }
            sheets.append(SheetPart(name: sheetName, part: target))
          case "workbookPr":
            let value = XMLTokenizer.attribute("date1904", in: attributes)
            system1904 = value == "1" || value == "true"
          case "definedName" where !selfClosing:
            pendingName = (
              XMLTokenizer.attribute("name", in: attributes) ?? "",
              XMLTokenizer.attribute("localSheetId", in: attributes).flatMap { Int($0) }
            )
            nameText = ""
          default: break
          }
        case .text(let text) where pendingName != nil:
          nameText += text
        case .end(let name) where XMLTokenizer.localName(name) == "definedName":
          if let pending = pendingName, let reference = Self.reference(nameText) {
            if pending.sheet == nil {
              definedNames[pending.name] = reference
            } else {
              scoped.append((pending.name, reference))
            }
          }
          pendingName = nil
        default: break
        }
      }
    } catch let error as XMLError {
      throw .xml(part: workbookPart, error)
    } catch let error as WorkbookError {
      throw error
    } catch {
      throw .badPart(part: workbookPart, reason: "unreadable")
    }
    for (name, reference) in scoped where definedNames[name] == nil {
      definedNames[name] = reference
    }
  }

  /// `'Nhập liệu'!$C$12` or `Sheet1!$C$12:$D$14` → the top-left cell; nil for anything else
  /// (constants, formulas, several areas).
  static func reference(_ text: String) -> CellReference? {
    let text = text.trimmingSpaces
    guard let bang = text.lastIndex(of: "!") else { return nil }
    var sheet = String(text[..<bang])
    if sheet.hasPrefix("'"), sheet.hasSuffix("'"), sheet.count >= 2 {
      sheet = String(sheet.dropFirst().dropLast()).replacingAll("''", with: "'")
    }
    let cells = text[text.index(after: bang)...]
    let first = cells.split(separator: ":", maxSplits: 1).first ?? cells
    guard !sheet.isEmpty, !cells.contains(","), let cell = CellReference.parseCell(first) else {
      return nil
    }
    return CellReference(sheet: sheet, row: cell.row, column: cell.column)
  }

  static func directory(of part: String) -> String {
    guard let slash = part.lastIndex(of: "/") else { return "" }
    return String(part[...slash])
  }

  struct Relationship {
    var id: String
    var type: String
    var target: String
  }

  /// A relationships part, targets resolved against `base` (a folder ending in `/`).
  static func relationships(_ archive: inout ZipReader, _ part: String, base: String)
    throws(WorkbookError) -> [Relationship]
  {
    var tokenizer = XMLTokenizer(try Workbook.read(&archive, part))
    var result: [Relationship] = []
    do {
      while let event = try tokenizer.next() {
        guard case .start(let name, let attributes, _) = event,
          XMLTokenizer.localName(name) == "Relationship",
          let id = XMLTokenizer.attribute("Id", in: attributes),
          let target = XMLTokenizer.attribute("Target", in: attributes)
        else { continue }
        if XMLTokenizer.attribute("TargetMode", in: attributes) == "External" { continue }
        result.append(
          Relationship(
            id: id, type: XMLTokenizer.attribute("Type", in: attributes) ?? "",
            target: resolve(target, base: base)))
      }
    } catch {
      throw .xml(part: part, error)
    }
    return result
  }

  /// A relative target (`worksheets/sheet1.xml`, `../x.xml`, `/xl/x.xml`) as an entry name.
  static func resolve(_ target: String, base: String) -> String {
    var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
    for piece in target.split(separator: "/") {
      if piece == ".." {
        if !parts.isEmpty { parts.removeLast() }
      } else if piece != "." {
        parts.append(piece)
      }
    }
    return parts.joined(separator: "/")
  }

  mutating func rows(sheet index: Int, archive: inout ZipReader, maxCells: Int)
    throws(WorkbookError) -> SheetRows
  {
    if sharedStrings == nil {
      sharedStrings =
        try sharedStringsPart.map { (part: String) throws(WorkbookError) in
          try Self.strings(Workbook.read(&archive, part), part: part, maxCount: maxCells)
        } ?? []
    }
    if dateStyles == nil {
      dateStyles =
        try stylesPart.map { (part: String) throws(WorkbookError) in
          try Self.dateStyles(Workbook.read(&archive, part), part: part)
        } ?? []
    }
    let sheet = sheets[index]
    let reader = XLSXSheetReader(
      tokenizer: XMLTokenizer(try Workbook.read(&archive, sheet.part)), sheet: sheet.name,
      part: sheet.part, strings: sharedStrings ?? [], dateStyles: dateStyles ?? [],
      system1904: system1904, maxCells: maxCells)
    return SheetRows(sheet: sheet.name, source: .xlsx(reader))
  }

  /// The shared strings: each `<si>`'s text runs, phonetic runs left out.
  static func strings(_ bytes: [UInt8], part: String, maxCount: Int) throws(WorkbookError)
    -> [String]
  {
    var tokenizer = XMLTokenizer(bytes)
    var strings: [String] = []
    var current = ""
    var inText = false
    var phonetic = 0
    do {
      while let event = try tokenizer.next() {
        switch event {
        case .start(let name, _, let selfClosing):
          switch XMLTokenizer.localName(name) {
          case "si":
            current = ""
            if selfClosing { strings.append("") }
          case "t": inText = !selfClosing
          case "rPh": if !selfClosing { phonetic += 1 }
          default: break
          }
        case .end(let name):
          switch XMLTokenizer.localName(name) {
          case "si":
            strings.append(current)
            guard strings.count <= maxCount else {
              throw WorkbookError.badPart(part: part, reason: "more than \(maxCount) strings")
            }
          case "t": inText = false
          case "rPh": phonetic -= 1
          default: break
          }
        case .text(let text):
          if inText, phonetic == 0 { current += text }
        }
      }
    } catch let error as XMLError {
      throw .xml(part: part, error)
    } catch let error as WorkbookError {
      throw error
    } catch {
      throw .badPart(part: part, reason: "unreadable")
    }
    return strings
  }

  /// For each cell format (`cellXfs`), whether it shows a date.
  static func dateStyles(_ bytes: [UInt8], part: String) throws(WorkbookError) -> [Bool] {
    var tokenizer = XMLTokenizer(bytes)
    var customDates: Set<Int> = []
    var styles: [Bool] = []
    var inCellXfs = false
    do {
      while let event = try tokenizer.next() {
        switch event {
        case .start(let name, let attributes, let selfClosing):
          switch XMLTokenizer.localName(name) {
          case "numFmt":
            if let id = XMLTokenizer.attribute("numFmtId", in: attributes).flatMap({ Int($0) }),
              isDateFormat(XMLTokenizer.attribute("formatCode", in: attributes) ?? "")
            {
              customDates.insert(id)
            }
          case "cellXfs": inCellXfs = !selfClosing
          case "xf" where inCellXfs:
            let id = XMLTokenizer.attribute("numFmtId", in: attributes).flatMap { Int($0) } ?? 0
            styles.append(
              (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id)
                || (50...58).contains(id) || customDates.contains(id))
          default: break
          }
        case .end(let name) where XMLTokenizer.localName(name) == "cellXfs":
          inCellXfs = false
        default: break
        }
      }
    } catch {
      throw .xml(part: part, error)
    }
    return styles
  }

  /// Whether a number format shows a date: it has a day or year code outside quotes,
  /// brackets and escapes.
  static func isDateFormat(_ code: String) -> Bool {
    var inQuote = false
    var inBracket = false
    var escaped = false
    for character in code {
      if escaped {
        escaped = false
        continue
      }
      switch character {
      case "\\": escaped = true
      case "\"": inQuote.toggle()
      case "[" where !inQuote: inBracket = true
      case "]" where !inQuote: inBracket = false
      case "d", "D", "y", "Y": if !inQuote, !inBracket { return true }
      default: break
      }
    }
    return false
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

/// Streams the rows of one worksheet part (`<sheetData>`): values as stored, formulas' cached
/// values, shared and inline strings, dates by cell style.
struct XLSXSheetReader: Sendable {
  var tokenizer: XMLTokenizer
  let sheet: String
  let part: String
  let strings: [String]
  let dateStyles: [Bool]
  let system1904: Bool
  let maxCells: Int
  var cellCount = 0
  var lastRow = 0

  init(
    tokenizer: XMLTokenizer, sheet: String, part: String, strings: [String], dateStyles: [Bool],
    system1904: Bool, maxCells: Int
  ) {
    self.tokenizer = tokenizer
    self.sheet = sheet
    self.part = part
    self.strings = strings
    self.dateStyles = dateStyles
    self.system1904 = system1904
    self.maxCells = maxCells
  }

  func bad(_ reason: String) -> WorkbookError { .badPart(part: part, reason: reason) }

  mutating func next() throws(WorkbookError) -> SheetRow? {
    do {
      return try nextRow()
    } catch let error as XMLError {
      throw .xml(part: part, error)
    } catch let error as WorkbookError {
      throw error
    } catch {
      throw bad("unreadable")
    }
  }

  mutating func nextRow() throws -> SheetRow? {
    var rowNumber: Int?
    var cells: [SheetCell] = []
    var column = -1
    var type = ""
    var style = 0
    var value = ""
    var inline = ""
    var collecting: Substring = ""
    var phonetic = 0
    var inCell = false
    while let event = try tokenizer.next() {
      switch event {
      case .start(let name, let attributes, let selfClosing):
        switch XMLTokenizer.localName(name) {
        case "row":
          if let text = XMLTokenizer.attribute("r", in: attributes) {
            guard let number = Int(text), number > lastRow, number <= 1_048_576 else {
              throw bad("row number '\(text)' out of order or out of range")
            }
            rowNumber = number
          } else {
            rowNumber = lastRow + 1
          }
          lastRow = rowNumber ?? lastRow
          cells = []
          column = -1
          // A row opened inside an unclosed cell: that cell belongs to no row any more.
          inCell = false
          if selfClosing { continue }
        case "c":
          if let reference = XMLTokenizer.attribute("r", in: attributes) {
            guard let cell = CellReference.parseCell(Substring(reference)), cell.column > column
            else { throw bad("cell reference '\(reference)' out of order or invalid") }
            column = cell.column
          } else {
            column += 1
          }
          guard column < 16_384 else { throw bad("more than 16,384 columns") }
          type = XMLTokenizer.attribute("t", in: attributes) ?? "n"
          style = XMLTokenizer.attribute("s", in: attributes).flatMap { Int($0) } ?? 0
          value = ""
          inline = ""
          inCell = !selfClosing
        case "v" where inCell: collecting = "v"
        case "t" where inCell: collecting = selfClosing ? "" : "t"
        case "rPh": if !selfClosing { phonetic += 1 }
        default: break
        }
      case .text(let text):
        if collecting == "v" { value += text }
        if collecting == "t", phonetic == 0 { inline += text }
      case .end(let name):
        switch XMLTokenizer.localName(name) {
        case "v", "t": collecting = ""
        case "rPh": phonetic -= 1
        case "c":
          guard inCell, column >= 0 else { continue }
          inCell = false
          guard
            let cellValue = try cellValue(type: type, style: style, value: value, inline: inline)
          else { continue }
          cellCount += 1
          guard cellCount <= maxCells else {
            throw WorkbookError.tooManyCells(sheet: sheet, limit: maxCells)
          }
          cells.append(SheetCell(column: column, value: cellValue))
        case "row":
          if !cells.isEmpty, let rowNumber { return SheetRow(number: rowNumber, cells: cells) }
        default: break
        }
      }
    }
    return nil
  }

  func cellValue(type: String, style: Int, value: String, inline: String) throws(WorkbookError)
    -> CellValue?
  {
    switch type {
    case "s":
      guard let index = Int(value.trimmingSpaces), index >= 0, index < strings.count else {
        throw bad("shared string '\(value)' does not exist")
      }
      return strings[index].isEmpty ? nil : .text(strings[index])
    case "inlineStr": return inline.isEmpty ? nil : .text(inline)
    case "str": return value.isEmpty ? nil : .text(value)
    case "b": return value.isEmpty ? nil : .boolean(value.trimmingSpaces == "1" || value == "true")
    case "e": return value.isEmpty ? nil : .error(value)
    case "d":
      // ISO 8601 date text.
      let parts = value.prefix(10).split(separator: "-").compactMap { Int($0) }
      guard parts.count == 3 else { return value.isEmpty ? nil : .text(value) }
      return .date(year: parts[0], month: parts[1], day: parts[2])
    default:
      if value.trimmingSpaces.isEmpty { return nil }
      guard let number = SpreadsheetNumber.plain(value) else {
        throw bad("'\(value)' is not a number")
      }
      if style < dateStyles.count, dateStyles[style],
        let date = SpreadsheetNumber.date(serial: number, system1904: system1904)
      {
        return date
      }
      return .number(number)
    }
  }
}
