/// A cell's value as the spreadsheet stores it (for a formula: its cached result).
public enum CellValue: Sendable, Equatable {
  /// Text (shared, inline, or a formula's text result).
  case text(String)
  /// A number, as exact decimal text without exponent (`118`, `0.5`, `-3`; `1.18E2` → `118`).
  case number(String)
  /// A boolean.
  case boolean(Bool)
  /// A date (a number in a date-formatted cell, or an OpenDocument date).
  case date(year: Int, month: Int, day: Int)
  /// An error value such as `#DIV/0!` or `#N/A`.
  case error(String)

  /// The value as CSV-like text for the row decoder: numbers in plain decimal, booleans as
  /// `true`/`false`, dates as `YYYY-MM-DD`, errors as written.
  public var text: String {
    switch self {
    case .text(let text), .number(let text), .error(let text): return text
    case .boolean(let value): return value ? "true" : "false"
    case .date(let year, let month, let day):
      func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
      return "\(year)-\(two(month))-\(two(day))"
    }
  }
}

/// One non-empty cell of a row.
public struct SheetCell: Sendable, Equatable {
  /// 0-based column (A = 0).
  public let column: Int
  /// The value.
  public let value: CellValue

  /// A cell.
  public init(column: Int, value: CellValue) {
    self.column = column
    self.value = value
  }
}

/// One row that holds at least one cell, with its row number as the spreadsheet shows it.
public struct SheetRow: Sendable, Equatable {
  /// 1-based row number.
  public let number: Int
  /// The non-empty cells, in column order.
  public let cells: [SheetCell]

  /// A row.
  public init(number: Int, cells: [SheetCell]) {
    self.number = number
    self.cells = cells
  }

  /// The cells laid out densely from column A to the last non-empty one; gaps are nil.
  public var dense: [CellValue?] {
    // The readers give cells in column order; a damaged file must still never trap here.
    guard let last = cells.lazy.map(\.column).max(), last >= 0 else { return [] }
    var values = [CellValue?](repeating: nil, count: last + 1)
    for cell in cells where cell.column >= 0 { values[cell.column] = cell.value }
    return values
  }
}

/// A cell's place: sheet, row and column, written as people read it (`Sheet1!C12`).
public struct CellReference: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The sheet's name.
  public let sheet: String
  /// 1-based row.
  public let row: Int
  /// 0-based column (A = 0).
  public let column: Int

  /// A reference.
  public init(sheet: String, row: Int, column: Int) {
    self.sheet = sheet
    self.row = row
    self.column = column
  }

  /// `Sheet1!C12`.
  public var description: String { "\(sheet)!\(Self.columnName(column))\(row)" }

  /// The column's letters: 0 → A, 25 → Z, 26 → AA.
  public static func columnName(_ index: Int) -> String {
    var index = max(0, index)
    var name: [UInt8] = []
    repeat {
      name.append(UInt8(65 + index % 26))
      index = index / 26 - 1
    } while index >= 0
    return String(decoding: name.reversed(), as: UTF8.self)
  }

  /// Parses `C12` or `$C$12` (no sheet) into (row, column); nil if it is not one cell within
  /// the largest sheet (1,048,576 rows, 16,384 columns).
  public static func parseCell(_ text: Substring) -> (row: Int, column: Int)? {
    var column = 0
    var row = 0
    var letters = 0
    var digits = 0
    for scalar in text.unicodeScalars {
      switch scalar {
      case "$": continue
      case "A"..."Z", "a"..."z":
        guard digits == 0, letters < 3 else { return nil }
        let value = Int(scalar.properties.uppercaseMapping.unicodeScalars.first?.value ?? 65) - 64
        column = column * 26 + value
        letters += 1
      case "0"..."9":
        guard letters > 0, digits < 7 else { return nil }
        row = row * 10 + Int(scalar.value - 48)
        digits += 1
      default: return nil
      }
    }
    guard letters > 0, digits > 0, row >= 1, row <= 1_048_576, column >= 1, column <= 16_384
    else { return nil }
    return (row, column - 1)
  }
}

/// Number text and date serials as spreadsheets store them.
public enum SpreadsheetNumber {
  /// Exact plain decimal text for a stored number (`1.18E2` → `118`, `118.000` → `118`,
  /// `-0` → `0`); nil if it is not a number. Exponents beyond ±400 are refused.
  public static func plain(_ text: String) -> String? {
    var scalars = Substring(text).utf8.drop { $0 == 0x20 }
    while scalars.last == 0x20 { scalars = scalars.dropLast() }
    var negative = false
    if scalars.first == 0x2D {
      negative = true
      scalars = scalars.dropFirst()
    } else if scalars.first == 0x2B {
      scalars = scalars.dropFirst()
    }
    var digits: [UInt8] = []
    var pointAt: Int?
    var exponent = 0
    var sawDigit = false
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let byte = scalars[index]
      if byte >= 0x30, byte <= 0x39 {
        digits.append(byte)
        sawDigit = true
      } else if byte == 0x2E, pointAt == nil {
        pointAt = digits.count
      } else if byte == 0x45 || byte == 0x65 {
        let rest = String(decoding: scalars[scalars.index(after: index)...], as: UTF8.self)
        guard sawDigit, let value = Int(rest), abs(value) <= 400 else { return nil }
        exponent = value
        break
      } else {
        return nil
      }
      index = scalars.index(after: index)
    }
    guard sawDigit else { return nil }
    // value = digits × 10^(exponent − fractional digits)
    let scale = exponent - (digits.count - (pointAt ?? digits.count))
    var integer: [UInt8]
    var fraction: [UInt8]
    if scale >= 0 {
      integer = digits + [UInt8](repeating: 0x30, count: scale)
      fraction = []
    } else {
      let split = digits.count + scale
      if split > 0 {
        integer = Array(digits[..<split])
        fraction = Array(digits[split...])
      } else {
        integer = []
        fraction = [UInt8](repeating: 0x30, count: -split) + digits
      }
    }
    while integer.first == 0x30 { integer.removeFirst() }
    while fraction.last == 0x30 { fraction.removeLast() }
    if integer.isEmpty { integer = [0x30] }
    var result = integer
    if !fraction.isEmpty { result += [0x2E] + fraction }
    if negative, result != [0x30] { result.insert(0x2D, at: 0) }
    return String(decoding: result, as: UTF8.self)
  }

  /// The civil date of a whole day count since 1970-01-01.
  static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
    // Howard Hinnant's days_from_civil inverse.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The date of a spreadsheet serial number (its whole part), in the 1900 system (with its
  /// famous 29 February 1900) or the 1904 system; nil outside years 1900–9999.
  static func date(serial: String, system1904: Bool) -> CellValue? {
    guard let plain = plain(serial) else { return nil }
    let whole = plain.split(separator: ".").first.map(String.init) ?? plain
    guard let days = Int(whole), days >= 0, days < 2_958_466 else { return nil }
    if system1904 {
      let value = civil(daysSince1970: days - 24_107)
      return .date(year: value.year, month: value.month, day: value.day)
    }
    if days == 60 { return .date(year: 1900, month: 2, day: 29) }
    // Serial 1 is 1900-01-01; serials after the phantom 29 February are one day ahead.
    let offset = days < 60 ? days - 25_568 : days - 25_569
    let value = civil(daysSince1970: offset)
    return .date(year: value.year, month: value.month, day: value.day)
  }
}
