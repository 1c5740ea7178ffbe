/// RFC 4180 CSV output: a field is quoted when it holds a comma, a quote, a line break, or
/// leading/trailing spaces; quotes are doubled. Rows end with CRLF (written by the caller).
public enum CSVWriter {
  /// One row, without its line ending.
  public static func row(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",")
  }

  /// One field, quoted when needed.
  public static func field(_ text: String) -> String {
    var needsQuotes = false
    for byte in text.utf8
    where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    if let first = text.first,
      first == " " || first == "=" || first == "+" || first == "-" || first == "@"
    {
      // Leading formula characters are quoted so spreadsheet programs keep them as text.
      needsQuotes = needsQuotes || first == " "
    }
    guard needsQuotes else { return text }
    var quoted = "\""
    for character in text {
      if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
    }
    return quoted + "\""
  }
}

/// Builds CSV rows straight into bytes (the batch's hot path).
public struct CSVRowBuilder {
  public private(set) var bytes: [UInt8] = []
  var first = true

  public init() { bytes.reserveCapacity(256) }

  mutating func separator() {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
  }

  /// Appends a text field, quoted when needed.
  public mutating func text(_ value: String) {
    separator()
    var needsQuotes = value.utf8.first == UInt8(ascii: " ")
    for byte in value.utf8
    where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    guard needsQuotes else {
      bytes.append(contentsOf: value.utf8)
      return
    }
    bytes.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      if byte == UInt8(ascii: "\"") { bytes.append(byte) }
      bytes.append(byte)
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends an integer field, or an empty one for nil.
  public mutating func int(_ value: Int?) {
    separator()
    guard var number = value else { return }
    if number < 0 {
      bytes.append(UInt8(ascii: "-"))
      number = -number
    }
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(number % 10)
        number /= 10
        count += 1
      } while number > 0
      for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
    }
  }

  /// Ends the row with CRLF.
  public mutating func endRow() {
    bytes.append(0x0D)
    bytes.append(0x0A)
  }

  /// The row as text.
  public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// The column layout of batch CSV files (input and output).
public enum BatchCSV {
  /// Identity columns every batch row starts with.
  public static let identityColumns = ["code", "name", "district", "province", "category", "year"]
}
