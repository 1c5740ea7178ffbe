/// A batch read from a workbook sheet through the same header matching and row decoding as a
/// CSV batch (`ColumnNames`, `CSVLayout`): title rows above the header skipped, columns named
/// as people name them, codes, numbers, flags and categories decoded by the same code. Problems
/// name the sheet, row and column as the spreadsheet shows them (`Danh sách!K12`).
///
/// Rows come one at a time (`next`), in sheet order; empty rows are skipped.
public struct WorkbookBatch: Sendable {
  /// The sheet read.
  public let sheet: String
  /// The header's layout.
  public let layout: CSVLayout
  /// The 1-based row of the header.
  public let headerRow: Int
  /// Notes about the header (title rows skipped above it).
  public private(set) var notes: [ReadingNote] = []
  var rows: SheetRows
  var pending: SheetRow?
  let yearColumns: Set<Int>

  /// How many rows may precede the header (title rows) before the sheet is refused.
  static let maxTitleRows = 30

  /// Finds the header of `sheet` (the first sheet when nil) and prepares to read its rows.
  /// A workbook that cannot be read throws `WorkbookError` inside `.workbook`; a header with
  /// unknown or missing columns throws its `EvidenceError`.
  public init(_ workbook: inout Workbook, sheet name: String?, rulebook: Rulebook)
    throws(WorkbookBatchError)
  {
    do {
      rows = try workbook.rows(sheet: name)
    } catch {
      throw .workbook(error)
    }
    sheet = rows.sheet
    let names = ColumnNames(rulebook: rulebook)
    var best: (known: Int, cells: [String], row: Int)?
    var skipped = 0
    var found: (CSVLayout, Int)?
    while found == nil {
      let row: SheetRow?
      do {
        row = try rows.next()
      } catch {
        throw .workbook(error)
      }
      guard let row else { break }
      let cells = row.dense.map { $0?.text ?? "" }
      let columns = cells.map { names.column($0) }
      let known = columns.filter { $0 != nil }.count
      if columns.contains(.code), known >= 2 {
        do {
          found = (
            try CSVLayout(cells: cells, line: row.number, rulebook: rulebook, names: names),
            row.number
          )
        } catch {
          throw .header(Self.located(error, sheet: rows.sheet, names: cells))
        }
        break
      }
      if best == nil || known > best?.known ?? 0 { best = (known, cells, row.number) }
      skipped += 1
      if skipped > Self.maxTitleRows { break }
    }
    guard let (layout, headerRow) = found else {
      guard let best else {
        throw .header(
          EvidenceError(.cell(sheet: rows.sheet, row: 1, column: nil, name: nil), .emptyBatch))
      }
      do {
        _ = try CSVLayout(cells: best.cells, line: best.row, rulebook: rulebook, names: names)
      } catch {
        throw .header(Self.located(error, sheet: rows.sheet, names: best.cells))
      }
      throw .header(
        EvidenceError(
          .cell(sheet: rows.sheet, row: best.row, column: nil, name: nil), .missingColumn("code")))
    }
    self.layout = layout
    self.headerRow = headerRow
    if skipped > 0 {
      notes.append(ReadingNote(line: headerRow, .skippedBeforeHeader(lines: skipped)))
    }
    yearColumns = Set(layout.columns.indices.filter { layout.columns[$0] == .year })
  }

  /// The next row after the header, decoded (nil after the last).
  public mutating func next() throws(WorkbookBatchError) -> DecodedRecord? {
    let row: SheetRow?
    do {
      row = try rows.next()
    } catch {
      throw .workbook(error)
    }
    guard let row else { return nil }
    return decode(row)
  }

  /// One sheet row as a CSV record: the cells' text laid end to end, with their ranges.
  func record(_ row: SheetRow) -> CSVRecord {
    var bytes: [UInt8] = []
    var cells: [Range<Int>] = []
    for (index, value) in row.dense.enumerated() {
      let start = bytes.count
      if let value {
        if yearColumns.contains(index), case .date(let year, _, _) = value {
          bytes += String(year).utf8  // a year typed as a date
        } else {
          bytes += value.text.utf8
        }
      }
      cells.append(start..<bytes.count)
    }
    // A spreadsheet stores no empty trailing cells: they are empty, not missing columns.
    while cells.count < layout.columns.count { cells.append(bytes.count..<bytes.count) }
    return CSVRecord(line: row.number, bytes: bytes, cells: cells, malformed: nil)
  }

  func decode(_ row: SheetRow) -> DecodedRecord {
    var notes: [ReadingNote] = []
    let result = layout.decode(record(row), notes: &notes).mapError {
      Self.located($0, sheet: sheet, names: layout.names)
    }
    return DecodedRecord(line: row.number, result: result, notes: notes)
  }

  /// The locations of an error in this sheet's CSV text (`csvText`, line N = row N) as the
  /// spreadsheet shows them: `Sheet1!C12`, or the row for a whole-row problem.
  public func cellLocations(_ error: EvidenceError) -> EvidenceError {
    Self.located(error, sheet: sheet, names: layout.names)
  }

  /// Line-and-column locations turned into cell references.
  static func located(_ error: EvidenceError, sheet: String, names: [String]) -> EvidenceError {
    EvidenceError(
      error.issues.map { issue in
        guard case .line(let row, let name) = issue.location else { return issue }
        let column = name.flatMap { names.firstIndex(of: $0) }
        return EvidenceIssue(
          .cell(sheet: sheet, row: row, column: column, name: name), issue.problem)
      })
  }
}

/// Why a workbook batch cannot be read at all.
public enum WorkbookBatchError: Error, Sendable, Equatable {
  /// The workbook itself (archive, XML, sheet name).
  case workbook(WorkbookError)
  /// The header: unknown, repeated or missing columns, or no header at all.
  case header(EvidenceError)
}
