/// The meaning of a batch CSV's columns, read from its header, and the decoding of its rows.
public struct CSVLayout: Sendable {
  /// What one column holds.
  public enum Column: Sendable, Equatable {
    case code, name, district, province, category, year
    /// Free text for people, never scored.
    case note
    /// An evidence field, by its index in the rulebook.
    case field(Int)
  }

  public let columns: [Column]
  public let names: [String]
  let rulebook: Rulebook

  static let identity: [(String, Column)] = [
    ("code", .code), ("name", .name), ("district", .district), ("province", .province),
    ("category", .category),
    ("year", .year), ("note", .note),
  ]

  /// Reads the header. An unknown or repeated column, or a missing identity column, stops the
  /// batch before any work: the message names it and suggests the closest known column.
  public init(header: CSVRecord, rulebook: Rulebook) throws(EvidenceError) {
    self.rulebook = rulebook
    var columns: [Column] = []
    var names: [String] = []
    var issues: [EvidenceIssue] = []
    let known = Self.identity.map(\.0) + rulebook.fields.map(\.id)
    if let problem = header.malformed {
      issues.append(EvidenceIssue(.line(header.line, column: nil), .malformedRow(problem)))
    }
    for index in header.cells.indices {
      let name = header.string(index).trimmingASCIISpaces()
      let column: Column
      if let identity = Self.identity.first(where: { $0.0 == name }) {
        column = identity.1
      } else if let fieldIndex = rulebook.fieldIndex[name] {
        column = .field(fieldIndex)
      } else {
        issues.append(
          EvidenceIssue(
            .line(header.line, column: name),
            .unknownField(name, suggestion: Suggestion.closest(to: name, in: known))))
        continue
      }
      if names.contains(name) {
        issues.append(EvidenceIssue(.line(header.line, column: name), .duplicateColumn(name)))
      }
      columns.append(column)
      names.append(name)
    }
    for required in ["code", "name", "province", "category", "year"] where !names.contains(required)
    {
      issues.append(EvidenceIssue(.line(header.line, column: nil), .missingColumn(required)))
    }
    if !issues.isEmpty { throw EvidenceError(issues) }
    self.columns = columns
    self.names = names
  }

  /// Decodes one row into a validated record, or every problem found in it.
  public func decode(_ row: CSVRecord) -> Result<EvidenceRecord, EvidenceError> {
    func at(_ column: Int) -> InputLocation { .line(row.line, column: names[column]) }
    if let problem = row.malformed {
      return .failure(EvidenceError(.line(row.line, column: nil), .malformedRow(problem)))
    }
    guard row.cells.count == columns.count else {
      return .failure(
        EvidenceError(
          .line(row.line, column: nil), .cellCount(found: row.cells.count, expected: columns.count))
      )
    }
    var issues: [EvidenceIssue] = []
    var code = "", name = "", province = "", category = ""
    var district: String?
    var year = 0
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    for (index, column) in columns.enumerated() {
      switch column {
      case .code, .name, .province, .category, .district:
        let text = Self.text(row.cell(index))
        if text.isEmpty, column != .district {
          issues.append(EvidenceIssue(at(index), .emptyRequired(names[index])))
          continue
        }
        switch column {
        case .code: code = text
        case .name: name = text
        case .province: province = text
        case .category: category = text
        default: district = text.isEmpty ? nil : text
        }
      case .year:
        switch Self.integer(row.cell(index)) {
        case .value(let value):
          if EvidenceDecoder.plausibleYears.contains(value) {
            year = value
          } else {
            issues.append(EvidenceIssue(at(index), .implausibleYear(value)))
          }
        case .empty: issues.append(EvidenceIssue(at(index), .emptyRequired("year")))
        case .decimal(let text), .text(let text), .tooLarge(let text):
          issues.append(
            EvidenceIssue(
              at(index), .wrongType(field: "year", expected: "a whole number", found: "'\(text)'")))
        }
      case .note:
        continue
      case .field(let fieldIndex):
        if rulebook.fields[fieldIndex].kind == .flag {
          switch Self.flag(row.cell(index)) {
          case .some(.some(let value)): values[fieldIndex] = value
          case .some(.none): break
          case .none:
            issues.append(
              EvidenceIssue(
                at(index),
                .wrongType(
                  field: names[index], expected: "1/0, true/false, yes/no or có/không",
                  found: "'\(row.string(index))'")))
          }
          continue
        }
        switch Self.integer(row.cell(index)) {
        case .value(let value): values[fieldIndex] = value
        case .empty: break
        case .decimal(let text):
          issues.append(EvidenceIssue(at(index), .notWholeNumber(field: names[index], text: text)))
        case .tooLarge(let text):
          issues.append(EvidenceIssue(at(index), .tooLarge(field: names[index], text: text)))
        case .text(let text):
          issues.append(
            EvidenceIssue(
              at(index),
              .wrongType(field: names[index], expected: "a whole number", found: "'\(text)'")))
        }
      }
    }
    if !category.isEmpty, rulebook.category(category) == nil,
      let index = names.firstIndex(of: "category")
    {
      issues.append(
        EvidenceIssue(at(index), .unknownCategory(category, valid: rulebook.categories.map(\.id))))
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

  enum Integer {
    case value(Int), empty, decimal(String), tooLarge(String), text(String)
  }

  /// A cell as a whole number, read straight from its bytes (the hot path of a batch).
  static func integer(_ cell: ArraySlice<UInt8>) -> Integer {
    var start = cell.startIndex
    var end = cell.endIndex
    while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
    while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1 }
    if start == end { return .empty }
    var negative = false
    var position = start
    if cell[position] == UInt8(ascii: "-") {
      negative = true
      position += 1
    }
    var value = 0
    var digits = 0
    while position < end, cell[position] >= 0x30, cell[position] <= 0x39 {
      let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflowB) = times.addingReportingOverflow(Int(cell[position] - 0x30))
      if overflowA || overflowB {
        return .tooLarge(String(decoding: cell[start..<end], as: UTF8.self))
      }
      value = sum
      digits += 1
      position += 1
    }
    if position == end, digits > 0 { return .value(negative ? -value : value) }
    if digits > 0, position < end,
      cell[position] == UInt8(ascii: ".") || cell[position] == UInt8(ascii: ",")
    {
      return .decimal(String(decoding: cell[start..<end], as: UTF8.self))
    }
    return .text(String(decoding: cell[start..<end], as: UTF8.self))
  }

  /// A cell as text without surrounding spaces and tabs.
  static func text(_ cell: ArraySlice<UInt8>) -> String {
    var start = cell.startIndex
    var end = cell.endIndex
    while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
    while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1 }
    return String(decoding: cell[start..<end], as: UTF8.self)
  }

  /// A cell as a flag: 1/0, true/false, yes/no, có/không in any case; `.some(nil)` when empty,
  /// nil when it is none of these.
  static func flag(_ cell: ArraySlice<UInt8>) -> Int?? {
    // The common cases, straight from the bytes.
    if cell.count == 1, let byte = cell.first {
      if byte == UInt8(ascii: "1") { return 1 }
      if byte == UInt8(ascii: "0") { return 0 }
    }
    if cell.isEmpty { return .some(nil) }
    let text = String(decoding: cell, as: UTF8.self).trimmingASCIISpaces().lowercased()
    switch text {
    case "": return .some(nil)
    case "1", "true", "yes", "có", "co": return 1
    case "0", "false", "no", "không", "khong": return 0
    default: return nil
    }
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
