/// What a commune code looks like: the rulebook says (`communeCode.digits`, five for the national
/// list of administrative units); a rulebook that says nothing takes codes as written.
public enum CommuneCode {
  /// `text` as a commune code with the leading zeros a spreadsheet removed restored (`1` →
  /// `00001`, `6124.0` → `06124` for five digits); nil when it cannot be a commune code. `text`
  /// itself when the rulebook declares no code shape.
  public static func restored(_ text: String, rulebook: Rulebook) -> String? {
    guard let digits = rulebook.communeCodeDigits else { return text }
    return CellText.code(text, digits: digits)
  }
}

/// Layer 4 of reading: one cell's bytes → a value (a whole number, a flag, text, a code), read
/// straight from the bytes where it can be (numbers never become strings on the good path).
enum CellText {
  enum Integer: Equatable {
    case value(Int), empty, decimal(String), tooLarge(String), text(String)
  }

  /// The cell without the spaces and tabs around it.
  static func trimmed(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var start = cell.startIndex
    var end = cell.endIndex
    while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
    while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1 }
    return cell[start..<end]
  }

  /// A cell as a whole number. `118.0` (how a spreadsheet may write a whole number) is 118;
  /// other decimals, thousands separators and words are refused with the text found.
  static func integer(_ cell: ArraySlice<UInt8>) -> Integer {
    let cell = trimmed(cell)
    let start = cell.startIndex
    let end = cell.endIndex
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
      if overflowA || overflowB { return .tooLarge(quoted(cell)) }
      value = sum
      digits += 1
      position += 1
    }
    if position == end, digits > 0 { return .value(negative ? -value : value) }
    if digits > 0, cell[position] == UInt8(ascii: ".") {
      // 118.0, 118.00: a whole number written by a spreadsheet.
      let fraction = cell[(position + 1)..<end]
      if !fraction.isEmpty, fraction.allSatisfy({ $0 == UInt8(ascii: "0") }) {
        return .value(negative ? -value : value)
      }
    }
    if digits > 0,
      cell[position] == UInt8(ascii: ".") || cell[position] == UInt8(ascii: ",")
    {
      return .decimal(quoted(cell))
    }
    return .text(quoted(cell))
  }

  /// A cell as text, trimmed and composed to NFC; nil when its bytes are not UTF-8.
  static func text(_ cell: ArraySlice<UInt8>) -> String? {
    let cell = trimmed(cell)
    // Plain ASCII, the usual code and category cell, needs no checks.
    guard cell.contains(where: { $0 >= 0x80 }) else { return String(decoding: cell, as: UTF8.self) }
    guard let text = String(validating: cell, as: UTF8.self) else { return nil }
    // U+0300–U+036F (combining marks, as NFD writes Vietnamese) start with 0xCC or 0xCD.
    if cell.contains(where: { $0 == 0xCC || $0 == 0xCD }) {
      return text.composedNFC
    }
    return text
  }

  /// The first byte of `cell` that is not UTF-8 (for the message).
  static func firstNonUTF8(_ cell: ArraySlice<UInt8>) -> UInt8 {
    TextDecoder.firstInvalidUTF8(cell, final: true).map { cell[$0] } ?? 0
  }

  /// The cell as text for a message: never invalid UTF-8, at most 60 characters.
  static func quoted(_ cell: ArraySlice<UInt8>) -> String {
    let text = String(decoding: trimmed(cell).prefix(240), as: UTF8.self)
    return text.count > 60 ? String(text.prefix(60)) + "…" : text
  }

  /// Whether the cell holds nothing but spaces.
  static func isBlank(_ cell: ArraySlice<UInt8>) -> Bool { trimmed(cell).isEmpty }

  /// A commune code: `digits` digits, with the leading zeros a spreadsheet removed restored
  /// (`6124` → `06124`; `6124.0` too). Nil when the text cannot be a commune code.
  static func code(_ text: String, digits: Int) -> String? {
    var number = Substring(text)
    if let dot = number.firstIndex(of: "."),
      number[number.index(after: dot)...].allSatisfy({ $0 == "0" }),
      number.index(after: dot) != number.endIndex
    {
      number = number[..<dot]
    }
    guard !number.isEmpty, number.count <= digits,
      number.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return nil }
    if number.count == digits { return String(number) }
    return String(repeating: "0", count: digits - number.count) + number
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
    guard let text = text(cell)?.lowercased() else { return nil }
    switch text {
    case "": return .some(nil)
    case "1", "true", "yes", "có", "co", "1.0": return 1
    case "0", "false", "no", "không", "khong", "0.0": return 0
    default: return nil
    }
  }
}
