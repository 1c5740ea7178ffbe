/// The meaning of a batch's columns, read from its header, and the decoding of its rows.
///
/// This is the row decoder every table goes through (a CSV row, later a workbook row): it takes
/// cells, not bytes of a file format.
public struct CSVLayout: Sendable {
  /// What one column holds.
  public enum Column: Sendable, Equatable {
    case code, name, district, province, category, year
    /// Free text for people, never scored.
    case note
    /// An evidence field, by its index in the rulebook.
    case field(Int)
    /// A row-number column (`STT`), never read.
    case ignored
    /// A column without a name (its cells must be empty).
    case unnamed
  }

  public let columns: [Column]
  public let names: [String]
  /// Cells up to the last named column must be present in every row.
  let namedWidth: Int
  /// The header as read.
  let headerCells: [String]
  let rulebook: Rulebook
  /// Category id, Vietnamese or English wording (normalised) → category id.
  let categories: [String: String]

  static let identity: [(String, Column)] = [
    ("code", .code), ("name", .name), ("district", .district), ("province", .province),
    ("category", .category),
    ("year", .year), ("note", .note),
  ]

  /// Reads the header. An unknown or repeated column, or a missing identity column, stops the
  /// batch before any work: the message names it and suggests the closest known column.
  public init(header: CSVRecord, rulebook: Rulebook) throws(EvidenceError) {
    if let problem = header.malformed {
      throw EvidenceError(.line(header.line, column: nil), .malformedRow(problem))
    }
    try self.init(
      cells: header.cells.indices.map { header.string($0) }, line: header.line, rulebook: rulebook)
  }

  /// Reads a header given as its cells' text, on line `line`.
  public init(
    cells: [String], line: Int, rulebook: Rulebook, names known: ColumnNames? = nil
  ) throws(EvidenceError) {
    let known = known ?? ColumnNames(rulebook: rulebook)
    self.rulebook = rulebook
    var columns: [Column] = []
    var names: [String] = []
    var issues: [EvidenceIssue] = []
    for cell in cells {
      let raw = cell.trimmingASCIISpaces()
      let column: Column
      if raw.isEmpty {
        column = .unnamed
      } else if let found = known.column(raw) {
        column = found
      } else {
        issues.append(
          EvidenceIssue(
            .line(line, column: raw),
            .unknownField(raw, suggestion: Suggestion.closest(to: raw, in: known.known))))
        columns.append(.unnamed)
        names.append(raw)
        continue
      }
      let name = Self.canonicalName(column, rulebook: rulebook) ?? raw
      if column != .ignored, column != .unnamed, columns.contains(column) {
        issues.append(EvidenceIssue(.line(line, column: name), .duplicateColumn(name)))
      }
      columns.append(column)
      names.append(name)
    }
    for (required, column) in [
      ("code", Column.code), ("name", .name), ("province", .province), ("category", .category),
      ("year", .year),
    ] where !columns.contains(column) {
      issues.append(EvidenceIssue(.line(line, column: nil), .missingColumn(required)))
    }
    if !issues.isEmpty { throw EvidenceError(issues) }
    self.columns = columns
    self.names = names
    headerCells = cells
    namedWidth = (columns.lastIndex { $0 != .unnamed } ?? -1) + 1
    var categories: [String: String] = [:]
    for category in rulebook.categories {
      for name in [category.name.vi, category.name.en, category.id] {
        categories[ColumnNames.key(name)] = category.id
      }
    }
    self.categories = categories
  }

  /// The name messages use for a column: its id.
  static func canonicalName(_ column: Column, rulebook: Rulebook) -> String? {
    switch column {
    case .field(let index): return rulebook.fields[index].id
    case .ignored, .unnamed: return nil
    default: return identity.first { $0.1 == column }?.0
    }
  }

  /// Decodes one row into a validated record, or every problem found in it.
  public func decode(_ row: CSVRecord) -> Result<EvidenceRecord, EvidenceError> {
    var notes: [ReadingNote] = []
    return decode(row, notes: &notes)
  }

  /// Decodes one row; what was repaired on the way (a restored code) is added to `notes`.
  public func decode(_ row: CSVRecord, notes: inout [ReadingNote]) -> Result<
    EvidenceRecord, EvidenceError
  > {
    var repeated = CSVRepeatedCells()
    return decode(row, notes: &notes, repeated: &repeated)
  }

  /// Decodes one row, reusing the text of the province, district and category cells when they
  /// hold the same bytes as in the row before (`repeated`, kept by one worker).
  func decode(
    _ row: CSVRecord, notes: inout [ReadingNote], repeated: inout CSVRepeatedCells
  ) -> Result<EvidenceRecord, EvidenceError> {
    func at(_ column: Int) -> InputLocation { .line(row.line, column: names[column]) }
    if let problem = row.malformed {
      return .failure(EvidenceError(.line(row.line, column: nil), .malformedRow(problem)))
    }
    let cellCount = row.cells.count
    guard cellCount >= namedWidth,
      cellCount <= columns.count
        || (columns.count..<cellCount).allSatisfy({ row.cells[$0].isEmpty })
    else {
      return .failure(
        EvidenceError(
          .line(row.line, column: nil), .cellCount(found: cellCount, expected: columns.count)))
    }
    var issues: [EvidenceIssue] = []
    var code = "", name = "", province = "", category = ""
    var district: String?
    var year = 0
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    var categoryResolved = false
    for (index, column) in columns.enumerated() where index < cellCount {
      let cell = row.cell(index)
      switch column {
      case .province, .category, .district:
        let slot = CSVRepeatedCells.slot(column)
        if let text = repeated.text(slot, cell) {
          switch column {
          case .province: province = text
          case .category:
            category = text
            categoryResolved = true
          default: district = text
          }
          continue
        }
        fallthrough
      case .code, .name:
        guard let text = CellText.text(cell) else {
          issues.append(EvidenceIssue(at(index), .notUTF8(byte: CellText.firstNonUTF8(cell))))
          continue
        }
        if text.isEmpty, column != .district {
          issues.append(EvidenceIssue(at(index), .emptyRequired(names[index])))
          continue
        }
        switch column {
        case .code:
          switch CommuneCode.restored(text, rulebook: rulebook) {
          case .some(let restored):
            if restored != text {
              notes.append(ReadingNote(line: row.line, .codeRestored(from: text, to: restored)))
            }
            code = restored
          case .none:
            issues.append(
              EvidenceIssue(
                at(index), .notACommuneCode(text, digits: rulebook.communeCodeDigits ?? 0)))
          }
        case .name: name = text
        case .province:
          province = text
          repeated.remember(CSVRepeatedCells.slot(column), cell, text)
        case .category: category = text
        default:
          district = text.isEmpty ? nil : text
          if !text.isEmpty { repeated.remember(CSVRepeatedCells.slot(column), cell, text) }
        }
      case .year:
        switch CellText.integer(cell) {
        case .value(let value):
          if EvidenceDecoder.plausibleYears.contains(value) {
            year = value
          } else {
            issues.append(EvidenceIssue(at(index), .implausibleYear(value)))
          }
        case .empty: issues.append(EvidenceIssue(at(index), .emptyRequired("year")))
        case .decimal(let text), .text(let text), .tooLarge(let text):
          issues.append(EvidenceIssue(at(index), .notANumber(field: "year", text: text)))
        }
      case .note, .ignored:
        continue
      case .unnamed:
        if !CellText.isBlank(cell) {
          issues.append(
            EvidenceIssue(
              .line(row.line, column: nil),
              .valueWithoutColumn(column: index + 1, text: CellText.quoted(cell))))
        }
      case .field(let fieldIndex):
        if rulebook.fields[fieldIndex].kind == .flag {
          switch CellText.flag(cell) {
          case .some(.some(let value)): values[fieldIndex] = value
          case .some(.none): break
          case .none:
            issues.append(
              EvidenceIssue(
                at(index),
                .wrongType(
                  field: names[index], expected: "1/0, true/false, yes/no or có/không",
                  found: "'\(CellText.quoted(cell))'")))
          }
          continue
        }
        switch CellText.integer(cell) {
        case .value(let value): values[fieldIndex] = value
        case .empty: break
        case .decimal(let text):
          issues.append(EvidenceIssue(at(index), .notWholeNumber(field: names[index], text: text)))
        case .tooLarge(let text):
          issues.append(EvidenceIssue(at(index), .tooLarge(field: names[index], text: text)))
        case .text(let text):
          issues.append(EvidenceIssue(at(index), .notANumber(field: names[index], text: text)))
        }
      }
    }
    // A category by its id or its wording in the rulebook (Vietnamese or English).
    if !category.isEmpty, !categoryResolved {
      if let id = categories[category] ?? categories[ColumnNames.key(category)] {
        category = id
        if let index = columns.firstIndex(of: .category) {
          repeated.remember(CSVRepeatedCells.slot(.category), row.cell(index), id)
        }
      } else if let index = columns.firstIndex(of: .category) {
        issues.append(
          EvidenceIssue(
            at(index), .unknownCategory(category, valid: rulebook.categories.map(\.id))))
      }
    }
    issues += EvidenceValidator.problems(values, rulebook: rulebook) { field in
      .line(row.line, column: field)
    }
    if !issues.isEmpty { return .failure(EvidenceError(issues)) }
    return .success(
      EvidenceRecord(
        commune: CommuneIdentity(
          code: code, name: name, district: district, province: province, category: category),
        year: year,
        evidence: values))
  }
}

/// The province, district and category cells one worker decoded lately, with their text (for
/// the category, the category id it names): a batch has few distinct ones, so each is read (and
/// the category looked up) once rather than once per row. Only cells that decoded without a
/// problem are remembered, and only the very same bytes reuse them.
struct CSVRepeatedCells {
  /// How many different cells each column keeps (the oldest gives way).
  static let capacity = 32
  var bytes: [[[UInt8]]] = [[], [], []]
  var texts: [[String]] = [[], [], []]
  var next = [0, 0, 0]

  static func slot(_ column: CSVLayout.Column) -> Int {
    switch column {
    case .province: 0
    case .district: 1
    default: 2
    }
  }

  /// The text remembered for `cell` in `slot`, when its bytes are the same.
  func text(_ slot: Int, _ cell: ArraySlice<UInt8>) -> String? {
    let known = bytes[slot]
    for index in known.indices where known[index].count == cell.count {
      if known[index].elementsEqual(cell) { return texts[slot][index] }
    }
    return nil
  }

  mutating func remember(_ slot: Int, _ cell: ArraySlice<UInt8>, _ text: String) {
    if bytes[slot].count < Self.capacity {
      bytes[slot].append(Array(cell))
      texts[slot].append(text)
      return
    }
    bytes[slot][next[slot]] = Array(cell)
    texts[slot][next[slot]] = text
    next[slot] = (next[slot] + 1) % Self.capacity
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingASCIISpaces() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
