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

/// The column layout of batch CSV files (input and output).
public enum BatchCSV {
  /// Identity columns every batch row starts with.
  public static let identityColumns = ["code", "name", "district", "province", "category", "year"]
}
