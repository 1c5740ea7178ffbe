import CommuneScoring

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

extension CSVWriter {
  /// Whether a text field needs quotes in a batch row: a leading space, a comma, a quote or a
  /// line break in it.
  @inline(__always)
  public static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    if utf8.first == UInt8(ascii: " ") { return true }
    for byte in utf8
    where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
      return true
    }
    return false
  }
}

/// Builds CSV rows straight into bytes (the batch's hot path).
public struct CSVRowBuilder {
  public private(set) var bytes: [UInt8] = []
  var first = true

  public init() { bytes.reserveCapacity(256) }

  /// Lets `body` build rows at the end of `bytes` (no copy: the bytes move in and back out).
  public static func appending(to bytes: inout [UInt8], _ body: (inout CSVRowBuilder) -> Void) {
    var builder = CSVRowBuilder(taking: &bytes)
    body(&builder)
    swap(&bytes, &builder.bytes)
  }

  init(taking bytes: inout [UInt8]) {
    self.bytes = []
    swap(&self.bytes, &bytes)
  }

  mutating func separator() {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
  }

  /// Appends a text field, quoted when needed.
  public mutating func text(_ value: String) {
    var value = value
    value.withUTF8 { text(utf8: $0) }
  }

  /// Appends a text field given as its UTF-8 bytes, quoted when needed (as `text`).
  public mutating func text(utf8: UnsafeBufferPointer<UInt8>) {
    separator()
    guard CSVWriter.needsQuotes(utf8) else {
      bytes.append(contentsOf: utf8)
      return
    }
    bytes.append(UInt8(ascii: "\""))
    for byte in utf8 {
      if byte == UInt8(ascii: "\"") { bytes.append(byte) }
      bytes.append(byte)
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends an integer field, or an empty one for nil.
  public mutating func int(_ value: Int?) {
    separator()
    guard let value else { return }
    var magnitude = value.magnitude
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    // Points and years: divisions by constants (multiplications), no loop.
    if magnitude < 10_000 {
      let zero = UInt8(ascii: "0")
      if magnitude >= 1000 { bytes.append(zero + UInt8(magnitude / 1000)) }
      if magnitude >= 100 { bytes.append(zero + UInt8(magnitude / 100 % 10)) }
      if magnitude >= 10 { bytes.append(zero + UInt8(magnitude / 10 % 10)) }
      bytes.append(zero + UInt8(magnitude % 10))
      return
    }
    var divisor: UInt = 1
    while divisor <= magnitude / 10 { divisor *= 10 }
    repeat {
      bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
      magnitude %= divisor
      divisor /= 10
    } while divisor > 0
  }

  /// Appends points held as `units` of `1/scale` as a number (`50`, `0.25`: a decimal point, as
  /// JSON writes it, so programs read a number), or an empty field for nil. A whole-point
  /// rulebook (scale 1) writes exactly what `int` writes.
  public mutating func points(_ units: Int?, scale: Int) {
    guard scale > 1, let units else { return int(units) }
    separator()
    bytes.append(contentsOf: PointScale.text(units, scale: scale).utf8)
  }

  /// Ends the row with CRLF; the next field starts a new row.
  public mutating func endRow() {
    bytes.append(0x0D)
    bytes.append(0x0A)
    first = true
  }

  /// Appends text that is already formatted (a rendered row).
  public mutating func raw(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  /// The bytes written so far.
  public var count: Int { bytes.count }

  /// The row as text.
  public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// The column layout of batch CSV files (input and output).
public enum BatchCSV {
  /// Identity columns every batch row starts with.
  public static let identityColumns = ["code", "name", "district", "province", "category", "year"]
}
