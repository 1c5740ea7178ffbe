/// The byte fast path of one CSV batch: a row's raw bytes → its identity cells (as ranges) and
/// its figures (integers in a reusable slot buffer), without making a single string.
///
/// It reads only the rows it is certain of, exactly as `CSVLayout.decode` would read them: a
/// commune code already in its rulebook shape, text cells in plain UTF-8 (no spaces around, no
/// combining marks to compose), a category written as its id or one of its names, a year and
/// whole numbers as plain digits, flags as `1`, `0`, `có` or `không`, the header's cell count.
/// Any other row (a quote, a sign, a decimal, a blank required cell, …) is refused, and the
/// general path reads it, with its messages and notes.
struct CSVRowPlan: Sendable {
  /// What the fast path does with one column's cells.
  enum Role: Sendable, Equatable {
    case code, name, district, province, category, year
    /// Read by nobody (a note, a row number): any cell.
    case skip
    /// A column without a name: its cells must be empty.
    case blank
    case flag(Int)
    case count(Int)
  }

  let roles: [Role]
  let separator: UInt8
  /// The digits a commune code has (nil: any code of one to nine digits).
  let codeDigits: Int?
  /// Category cells the general path reads without a problem, by their exact bytes, with the
  /// index of the category they name.
  let categoryCells: [([UInt8], Int)]
  /// Each category's id, as written in results.
  let categoryIDs: PlannedCategoryIDs
  let scoring: ScoringPlan

  /// The fast path of `layout` (read with `separator`), or nil when no row could take it.
  init?(layout: CSVLayout, separator: UInt8, scoring: ScoringPlan) {
    let rulebook = layout.rulebook
    guard rulebook.fields.count == scoring.fieldCount, rulebook.communeCodeDigits ?? 1 <= 9,
      separator < 0x80, separator != UInt8(ascii: "\""), separator != 0x20
    else { return nil }
    var roles: [Role] = []
    for column in layout.columns {
      switch column {
      case .code: roles.append(.code)
      case .name: roles.append(.name)
      case .district: roles.append(.district)
      case .province: roles.append(.province)
      case .category: roles.append(.category)
      case .year: roles.append(.year)
      case .note, .ignored: roles.append(.skip)
      case .unnamed: roles.append(.blank)
      case .field(let index):
        roles.append(rulebook.fields[index].kind == .flag ? .flag(index) : .count(index))
      }
    }
    self.roles = roles
    self.separator = separator
    codeDigits = rulebook.communeCodeDigits
    self.scoring = scoring
    categoryIDs = PlannedCategoryIDs(rulebook)
    // Each category's id and names, mapped as `CSVLayout.decode` maps them.
    var cells: [([UInt8], Int)] = []
    for category in rulebook.categories {
      for text in [category.id, category.name.vi, category.name.en] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, Self.isPlainText(bytes[...]),
          let id = layout.categories[text] ?? layout.categories[ColumnNames.key(text)],
          !cells.contains(where: { $0.0 == bytes })
        else { continue }
        let index = rulebook.categoryIndex(id)
        if index >= 0 { cells.append((bytes, index)) }
      }
    }
    categoryCells = cells
  }

  /// What the fast path read of a row besides its figures.
  typealias Cells = PlannedCells

  /// Reads the record at `range` of `bytes` (its line break excluded) into `cells` and `slots`
  /// (every slot is written). False when the general path must read it.
  func read(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, cells: inout Cells,
    slots: UnsafeMutableBufferPointer<Int>
  ) -> Bool {
    let separator = separator
    var position = range.lowerBound
    let end = range.upperBound
    var code: UInt64 = 0
    var codeCount = 0
    for (column, role) in roles.enumerated() {
      // Every cell but the first starts after a separator.
      if column > 0 {
        guard position < end, bytes[position] == separator else { return false }
        position += 1
      }
      let start = position
      switch role {
      case .count(let slot):
        guard let value = Self.number(bytes, &position, end, separator) else { return false }
        slots[slot] = value
      case .year:
        guard let value = Self.number(bytes, &position, end, separator),
          value != ScoringPlan.missing, EvidenceDecoder.plausibleYears.contains(value)
        else { return false }
        cells.year = value
      case .flag(let slot):
        guard let value = Self.flag(bytes, &position, end, separator) else { return false }
        slots[slot] = value
      case .code:
        while position < end, bytes[position] &- 0x30 < 10 {
          code = code &* 10 &+ UInt64(bytes[position] &- 0x30)
          position += 1
        }
        codeCount = position - start
        guard codeCount > 0, codeCount <= 9, codeCount == codeDigits ?? codeCount else {
          return false
        }
        cells.code = start..<position
      case .name, .district, .province, .category, .skip, .blank:
        while position < end, bytes[position] != separator {
          let byte = bytes[position]
          if byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { return false }
          position += 1
        }
        let cell = UnsafeBufferPointer(rebasing: bytes[start..<position])
        switch role {
        case .skip: break
        case .blank: if !cell.isEmpty { return false }
        case .category:
          guard let index = categoryCells.firstIndex(where: { $0.0.elementsEqual(cell) }) else {
            return false
          }
          cells.category = categoryCells[index].1
        default:
          guard cell.isEmpty ? role == .district : Self.isPlainText(cell[...]) else {
            return false
          }
          switch role {
          case .name: cells.name = start..<position
          case .district: cells.district = start..<position
          default: cells.province = start..<position
          }
        }
      }
    }
    guard position == end else { return false }
    cells.key = UInt64(codeCount) << 42 | code << 12 | UInt64(cells.year)
    return true
  }

  /// A cell of plain digits (at most 18) as a number, or `ScoringPlan.missing` for an empty
  /// cell; nil for anything else. Leaves `position` on the separator or the end.
  @inline(__always)
  static func number(
    _ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int, _ separator: UInt8
  ) -> Int? {
    let start = position
    var value = 0
    while position < end {
      let digit = bytes[position] &- 0x30
      guard digit < 10 else { break }
      value = value &* 10 &+ Int(digit)
      position += 1
    }
    let count = position - start
    guard count <= 18, position == end || bytes[position] == separator else { return nil }
    return count == 0 ? ScoringPlan.missing : value
  }

  /// A flag cell: 1 for `1` or `có`, 0 for `0` or `không`, missing when empty; nil otherwise.
  @inline(__always)
  static func flag(
    _ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int, _ separator: UInt8
  ) -> Int? {
    let start = position
    while position < end, bytes[position] != separator { position += 1 }
    let cell = UnsafeBufferPointer(rebasing: bytes[start..<position])
    switch cell.count {
    case 0: return ScoringPlan.missing
    case 1:
      if cell[0] == UInt8(ascii: "1") { return 1 }
      if cell[0] == UInt8(ascii: "0") { return 0 }
      return nil
    case 3: return cell.elementsEqual([0x63, 0xC3, 0xB3]) ? 1 : nil  // có
    case 6: return cell.elementsEqual([0x6B, 0x68, 0xC3, 0xB4, 0x6E, 0x67]) ? 0 : nil  // không
    default: return nil
    }
  }

  /// Whether `cell` is text that `CellText.text` returns unchanged: no spaces or tabs around it, well-formed UTF-8 (Unicode's table 3-7)
  /// without combining marks (lead bytes 0xCC, 0xCD) that NFC could compose.
  static func isPlainText(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    isPlainText(cell.base, cell.startIndex..<cell.endIndex)
  }

  static func isPlainText(_ cell: ArraySlice<UInt8>) -> Bool {
    cell.withUnsafeBufferPointer { isPlainText($0, 0..<$0.count) }
  }

  static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    guard let first = range.first, let last = range.last else { return true }
    for edge in [bytes[first], bytes[last]] where edge == 0x20 || edge == 0x09 { return false }
    return UTF8Lead.isWellFormed(bytes, range, refusingCombiningMarks: true)
  }
}
