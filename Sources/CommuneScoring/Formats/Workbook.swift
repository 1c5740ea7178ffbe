/// What can go wrong while reading a workbook. Typed, with the part and place involved.
public enum WorkbookError: Error, Sendable, Equatable {
  /// The old binary Excel format (OLE2, `D0 CF 11 E0`): the user must save as .xlsx or CSV.
  case legacyExcel
  /// A ZIP archive that is neither an Office Open XML nor an OpenDocument spreadsheet
  /// (`found` names what it looks like, e.g. a word-processing document).
  case notASpreadsheet(found: String)
  /// The archive itself is damaged, truncated or hostile.
  case archive(ArchiveError)
  /// An XML part is malformed.
  case xml(part: String, XMLError)
  /// A part is missing or does not say what the format requires.
  case badPart(part: String, reason: String)
  /// The workbook has no sheet.
  case noSheets
  /// No sheet has that name.
  case unknownSheet(String, available: [String])
  /// The sheet holds more cells than `limit` (repeated cells and rows count).
  case tooManyCells(sheet: String, limit: Int)
}

/// The kind of a spreadsheet file, told by its first bytes and its parts.
public enum WorkbookKind: String, Sendable, Equatable {
  /// Office Open XML (.xlsx).
  case xlsx
  /// OpenDocument (.ods).
  case ods

  /// Whether `bytes` start like a ZIP archive or an OLE2 compound file (old .xls): a file that
  /// should be opened as a workbook rather than read as text.
  public static func looksLikeWorkbook(_ bytes: some Collection<UInt8>) -> Bool {
    let head = Array(bytes.prefix(4))
    return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
      || head == [0xD0, 0xCF, 0x11, 0xE0]
  }
}

/// A spreadsheet workbook (.xlsx or .ods) read from memory: its sheets by name, its defined
/// names, and each sheet's rows streamed one at a time. Pure: bytes in, values out.
public struct Workbook: Sendable {
  /// xlsx or ods.
  public let kind: WorkbookKind
  /// The sheets' names, in the workbook's order.
  public let sheetNames: [String]
  /// Defined names (named ranges) that point at one cell, by name: the top-left cell of a
  /// range. Sheet-scoped names are included when no workbook-wide name shares them.
  public let definedNames: [String: CellReference]
  /// The largest number of cells a sheet may hold (repeated cells and rows count).
  public let maxCells: Int
  var archive: ZipReader
  var xlsx: XLSXParts?

  /// Opens a workbook. `.xls` files are refused with `WorkbookError.legacyExcel`.
  public init(
    _ bytes: [UInt8], limits: ArchiveLimits = ArchiveLimits(), maxCells: Int = 20_000_000
  ) throws(WorkbookError) {
    if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      throw .legacyExcel
    }
    do {
      archive = try ZipReader(bytes, limits: limits)
    } catch {
      throw .archive(error)
    }
    self.maxCells = maxCells
    if archive.entry(named: "xl/workbook.xml") != nil
      || archive.entry(named: "[Content_Types].xml") != nil
        && archive.entries.contains(where: { $0.name.hasPrefix("xl/") })
    {
      kind = .xlsx
      let parts = try XLSXParts(archive: &archive)
      xlsx = parts
      sheetNames = parts.sheets.map(\.name)
      definedNames = parts.definedNames
    } else if let mimetype = archive.entry(named: "mimetype") {
      let type = String(decoding: try Self.read(&archive, mimetype.name), as: UTF8.self)
      guard type.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") else {
        throw .notASpreadsheet(found: type)
      }
      kind = .ods
      let content = try Self.read(&archive, "content.xml")
      let index = try ODSReader.index(content)
      sheetNames = index.sheets
      definedNames = index.definedNames
    } else if archive.entry(named: "word/document.xml") != nil {
      throw .notASpreadsheet(
        found: "application/vnd.openxmlformats-officedocument.wordprocessingml")
    } else {
      throw .notASpreadsheet(found: "application/zip")
    }
    guard !sheetNames.isEmpty else { throw .noSheets }
  }

  static func read(_ archive: inout ZipReader, _ name: String) throws(WorkbookError) -> [UInt8] {
    do {
      return try archive.read(name)
    } catch .missingEntry(let missing) {
      throw .badPart(part: missing, reason: "missing")
    } catch {
      throw .archive(error)
    }
  }

  /// The rows of the sheet named `name` (the first sheet when nil), one at a time.
  public mutating func rows(sheet name: String? = nil) throws(WorkbookError) -> SheetRows {
    let sheet = try resolve(name)
    switch kind {
    case .xlsx:
      guard var parts = xlsx else { throw .noSheets }
      let rows = try parts.rows(sheet: sheet, archive: &archive, maxCells: maxCells)
      xlsx = parts
      return rows
    case .ods:
      let content = try Self.read(&archive, "content.xml")
      return try ODSReader.rows(content, sheet: sheet, maxCells: maxCells)
    }
  }

  /// Every non-empty row of a sheet (the first when nil).
  public mutating func allRows(sheet name: String? = nil) throws(WorkbookError) -> [SheetRow] {
    var reader = try rows(sheet: name)
    var rows: [SheetRow] = []
    while let row = try reader.next() { rows.append(row) }
    return rows
  }

  /// The value at a reference (nil for an empty cell).
  public mutating func value(at reference: CellReference) throws(WorkbookError) -> CellValue? {
    var reader = try rows(sheet: reference.sheet)
    while let row = try reader.next() {
      if row.number > reference.row { return nil }
      if row.number == reference.row {
        return row.cells.first { $0.column == reference.column }?.value
      }
    }
    return nil
  }

  /// The values of every single-cell defined name, read in one pass over each sheet involved.
  public mutating func definedValues() throws(WorkbookError) -> [String: CellValue] {
    var wanted: [String: [Int: [Int: [String]]]] = [:]
    for (name, reference) in definedNames {
      wanted[reference.sheet, default: [:]][reference.row, default: [:]][
        reference.column, default: []
      ]
      .append(name)
    }
    var values: [String: CellValue] = [:]
    for (sheet, rowsWanted) in wanted where sheetNames.contains(sheet) {
      var reader = try rows(sheet: sheet)
      let last = rowsWanted.keys.max() ?? 0
      while let row = try reader.next(), row.number <= last {
        guard let columns = rowsWanted[row.number] else { continue }
        for cell in row.cells {
          for name in columns[cell.column] ?? [] { values[name] = cell.value }
        }
      }
    }
    return values
  }

  func resolve(_ name: String?) throws(WorkbookError) -> Int {
    guard let name else { return 0 }
    if let index = sheetNames.firstIndex(of: name) { return index }
    // People type sheet names loosely: ignore case and surrounding spaces.
    let loose = name.trimmingSpaces.lowercased()
    if let index = sheetNames.firstIndex(where: { $0.trimmingSpaces.lowercased() == loose }) {
      return index
    }
    throw .unknownSheet(name, available: sheetNames)
  }
}

extension String {
  var trimmingSpaces: String {
    var scalars = Substring(self)
    while scalars.first?.isWhitespace == true { scalars = scalars.dropFirst() }
    while scalars.last?.isWhitespace == true { scalars = scalars.dropLast() }
    return String(scalars)
  }
}

/// A sheet's rows, read one at a time (row numbers as the spreadsheet shows them; rows with no
/// cell are skipped).
public struct SheetRows: Sendable {
  /// The sheet's name.
  public let sheet: String
  enum Source: Sendable {
    case xlsx(XLSXSheetReader)
    case ods(ODSSheetReader)
  }
  var source: Source

  /// The next row that holds a cell, or nil after the last.
  public mutating func next() throws(WorkbookError) -> SheetRow? {
    switch source {
    case .xlsx(var reader):
      let row = try reader.next()
      source = .xlsx(reader)
      return row
    case .ods(var reader):
      let row = try reader.next()
      source = .ods(reader)
      return row
    }
  }
}
