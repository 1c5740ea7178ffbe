/// One correction read from a reviewing council's file.
public struct ReviewRow: Sendable, Equatable {
  /// The line the row starts on.
  public var line: Int
  /// The commune code (leading zeros restored).
  public var code: String
  public var year: Int
  public var adjustment: Adjustment
  /// The council's name, when the row gives it.
  public var council: String?
}

/// A review file, read: its rows, every problem in them, and notes on how it was read.
public struct ReviewTable: Sendable {
  public var rows: [ReviewRow] = []
  /// Problems of single rows (a bad value, an unknown field); the rest are still read.
  public var issues: [EvidenceIssue] = []
  public var notes: [ReadingNote] = []
  /// Where the commune codes are, for a message about a code found later (a correction that
  /// matches no commune): the heading written over them, and in a workbook the sheet and column.
  public var codeColumn = ReviewCodeColumn()
}

/// The column of a review file that holds the commune codes, as the council wrote it.
public struct ReviewCodeColumn: Sendable, Equatable {
  /// The heading as written ("Mã xã"), or "code".
  public var heading = "code"
  /// A workbook's sheet and the column's index (from 0); nil for CSV.
  public var sheet: String?
  public var index: Int?

  public init(heading: String = "code", sheet: String? = nil, index: Int? = nil) {
    self.heading = heading
    self.sheet = sheet
    self.index = index
  }

  /// The place of the code on `line` (a CSV line or a sheet's row).
  public func location(line: Int) -> InputLocation {
    guard let sheet else { return .line(line, column: heading) }
    return .cell(sheet: sheet, row: line, column: index, name: heading)
  }
}

/// Reads a reviewing council's corrections (`code,year,field,value,reason[,council]`) through
/// the same layers as a batch: any encoding, separator, line ending and title rows; columns by
/// id or Vietnamese heading; one broken row costs one row.
public enum ReviewReader {
  enum Column: Sendable, Equatable { case code, year, field, value, reason, council, ignored }

  static let headings: [(Column, [String])] = [
    (.code, ["code", "mã", "mã xã", "mã đơn vị"]),
    (.year, ["year", "năm"]),
    (.field, ["field", "trường", "trường số liệu", "chỉ tiêu"]),
    (.value, ["value", "giá trị", "số liệu", "giá trị thẩm định"]),
    (.reason, ["reason", "lý do", "ghi chú"]),
    (.council, ["council", "hội đồng", "hội đồng thẩm định"]),
    (.ignored, ["stt", "tt"]),
  ]
  static let required: [(String, Column)] = [
    ("code", .code), ("year", .year), ("field", .field), ("value", .value), ("reason", .reason),
  ]

  static func column(_ name: String) -> Column? {
    let key = ColumnNames.key(name)
    return headings.first { $0.1.contains(key) }?.0
  }

  /// Reads a whole review file. Throws when it cannot be read at all: refused bytes, no header,
  /// an unknown, missing or repeated column.
  public static func read(_ bytes: [UInt8], rulebook: Rulebook, encoding: TextEncoding? = nil)
    throws(EvidenceError) -> ReviewTable
  {
    var decoder = TextDecoder(encoding: encoding)
    let text = try decoder.feed(bytes, final: true)
    var finder = HeaderFinder { cells in
      let columns = cells.map(column)
      let known = columns.filter { $0 != nil }.count
      return (known, columns.contains(.code) && columns.contains(.field))
    }
    var table = ReviewTable()
    let found: HeaderFinder.Found
    switch finder.feed(text, final: true) {
    case .found(let header): found = header
    case .notFound(let best):
      guard let best else { throw EvidenceError(.line(1, column: nil), .emptyBatch) }
      _ = try header(best.cells, line: best.line)
      throw EvidenceError(.line(best.line, column: nil), .missingColumn("code"))
    case nil: throw EvidenceError(.line(1, column: nil), .emptyBatch)
    }
    table.notes = decoder.notes + finder.notes
    let columns = try header(found.cells, line: found.line)
    if let index = columns.firstIndex(of: .code) {
      table.codeColumn.heading = found.cells[index].trimmingASCIISpaces()
    }
    var splitter = CSVSplitter(
      separator: found.separator, width: columns.count, startingAtLine: found.nextLine)
    let batch = splitter.feed(found.rest, final: true)
    let names = ColumnNames(rulebook: rulebook)
    for record in batch.records {
      if let problem = record.problem {
        table.issues.append(EvidenceIssue(.line(record.line, column: nil), .brokenRecord(problem)))
        continue
      }
      let row = RecordDecoder.cells(record, in: batch.bytes, separator: found.separator)
      if let entry = decode(
        row, columns: columns, headings: found.cells, rulebook: rulebook, names: names,
        into: &table)
      {
        table.rows.append(entry)
      }
    }
    return table
  }

  /// The header's columns; an unknown, repeated or missing column is an error.
  static func header(_ cells: [String], line: Int) throws(EvidenceError) -> [Column?] {
    var issues: [EvidenceIssue] = []
    var columns: [Column?] = []
    let known = headings.filter { $0.0 != .ignored }.map { $0.1[0] }
    for cell in cells {
      let name = cell.trimmingASCIISpaces()
      if name.isEmpty {
        columns.append(nil)
        continue
      }
      guard let column = column(name) else {
        issues.append(
          EvidenceIssue(
            .line(line, column: name),
            .unknownField(name, suggestion: Suggestion.closest(to: name, in: known))))
        columns.append(nil)
        continue
      }
      if column != .ignored, columns.contains(column) {
        let id = headings.first { $0.0 == column }?.1[0] ?? name
        issues.append(EvidenceIssue(.line(line, column: id), .duplicateColumn(id)))
      }
      columns.append(column)
    }
    for (name, column) in required where !columns.contains(column) {
      issues.append(EvidenceIssue(.line(line, column: nil), .missingColumn(name)))
    }
    if !issues.isEmpty { throw EvidenceError(issues) }
    return columns
  }

  /// Decodes one row. Problems name each column by the heading the council wrote over it
  /// (`headings`, the header row as read), and a figure by the words typed in its `field` cell,
  /// so that the message quotes what the person sees in their own file.
  static func decode(
    _ row: CSVRecord, columns: [Column?], headings: [String], rulebook: Rulebook,
    names: ColumnNames, into table: inout ReviewTable
  ) -> ReviewRow? {
    let line = row.line
    func heading(_ column: Column) -> String {
      if let index = columns.firstIndex(of: column), index < headings.count {
        let written = headings[index].trimmingASCIISpaces()
        if !written.isEmpty { return written }
      }
      return Self.headings.first { $0.0 == column }?.1[0] ?? ""
    }
    let namedWidth = (columns.lastIndex { $0 != nil } ?? -1) + 1
    guard row.cells.count >= namedWidth,
      row.cells.count <= columns.count
        || (columns.count..<row.cells.count).allSatisfy({ row.cells[$0].isEmpty })
    else {
      table.issues.append(
        EvidenceIssue(
          .line(line, column: nil), .cellCount(found: row.cells.count, expected: columns.count)))
      return nil
    }
    func cell(_ column: Column) -> ArraySlice<UInt8> {
      guard let index = columns.firstIndex(of: column), index < row.cells.count else { return [] }
      return row.cell(index)
    }
    var issues: [EvidenceIssue] = []
    func text(_ column: Column, _ name: String, required: Bool = true) -> String {
      guard let value = CellText.text(cell(column)) else {
        issues.append(
          EvidenceIssue(
            .line(line, column: name), .notUTF8(byte: CellText.firstNonUTF8(cell(column)))))
        return ""
      }
      if value.isEmpty, required {
        issues.append(EvidenceIssue(.line(line, column: name), .emptyRequired(name)))
      }
      return value
    }
    var code = text(.code, heading(.code))
    if !code.isEmpty {
      if let restored = CommuneCode.restored(code, rulebook: rulebook) {
        if restored != code {
          table.notes.append(ReadingNote(line: line, .codeRestored(from: code, to: restored)))
        }
        code = restored
      } else {
        issues.append(
          EvidenceIssue(
            .line(line, column: heading(.code)),
            .notACommuneCode(code, digits: rulebook.communeCodeDigits ?? 0)))
      }
    }
    var year = 0
    switch CellText.integer(cell(.year)) {
    case .value(let value) where EvidenceDecoder.plausibleYears.contains(value): year = value
    case .value(let value):
      issues.append(EvidenceIssue(.line(line, column: heading(.year)), .implausibleYear(value)))
    case .empty:
      issues.append(
        EvidenceIssue(.line(line, column: heading(.year)), .emptyRequired(heading(.year))))
    case .decimal(let found), .text(let found), .tooLarge(let found):
      issues.append(
        EvidenceIssue(
          .line(line, column: heading(.year)), .notANumber(field: heading(.year), text: found)))
    }
    let fieldName = text(.field, heading(.field))
    let reason = text(.reason, heading(.reason))
    let council =
      columns.contains(.council) ? text(.council, heading(.council), required: false) : ""
    var field: FieldDeclaration?
    if !fieldName.isEmpty {
      if case .field(let index)? = names.column(fieldName) {
        field = rulebook.fields[index]
      } else {
        issues.append(
          EvidenceIssue(
            .line(line, column: heading(.field)),
            .unknownField(
              fieldName,
              suggestion: Suggestion.closest(to: fieldName, in: rulebook.fields.map(\.id)))))
      }
    }
    var value: Int?
    if let field {
      let raw = cell(.value)
      if field.kind == .flag {
        switch CellText.flag(raw) {
        case .some(.some(let flag)): value = flag
        case .some(.none):
          issues.append(
            EvidenceIssue(.line(line, column: heading(.value)), .emptyRequired(heading(.value))))
        case .none:
          issues.append(
            EvidenceIssue(
              .line(line, column: heading(.value)),
              .wrongType(
                field: fieldName, expected: "1/0, true/false, yes/no or có/không",
                found: "'\(CellText.quoted(raw))'")))
        }
      } else {
        switch CellText.integer(raw) {
        case .value(let number) where number < 0:
          issues.append(
            EvidenceIssue(
              .line(line, column: heading(.value)), .negative(field: fieldName, value: number)))
        case .value(let number): value = number
        case .empty:
          issues.append(
            EvidenceIssue(.line(line, column: heading(.value)), .emptyRequired(heading(.value))))
        case .decimal(let found):
          issues.append(
            EvidenceIssue(
              .line(line, column: heading(.value)), .notWholeNumber(field: fieldName, text: found)))
        case .tooLarge(let found):
          issues.append(
            EvidenceIssue(
              .line(line, column: heading(.value)), .tooLarge(field: fieldName, text: found)))
        case .text(let found):
          issues.append(
            EvidenceIssue(
              .line(line, column: heading(.value)), .notANumber(field: fieldName, text: found)))
        }
      }
    }
    table.issues += issues
    guard issues.isEmpty, let field, let value else { return nil }
    return ReviewRow(
      line: line, code: code, year: year,
      adjustment: Adjustment(field: field.id, value: value, reason: reason),
      council: council.isEmpty ? nil : council)
  }
}
