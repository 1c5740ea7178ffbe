/// Writes `JSONValue`s deterministically: keys sorted by their UTF-8 bytes, two-space indentation,
/// no trailing spaces, a final newline left to the caller.
///
/// Same value, same bytes: this is what makes outputs reproducible and hashable.
public enum JSONWriter {
  /// The value as pretty-printed UTF-8 text with sorted keys.
  public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
    var output = ""
    output.reserveCapacity(1024)
    append(value, to: &output, indent: 0, pretty: pretty)
    return output
  }

  static func append(_ value: JSONValue, to output: inout String, indent: Int, pretty: Bool) {
    switch value {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .number(let text): output += text
    case .string(let text): appendString(text, to: &output)
    case .array(let elements):
      if elements.isEmpty {
        output += "[]"
        return
      }
      output += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { output += "," }
        newline(&output, indent + 1, pretty)
        append(element, to: &output, indent: indent + 1, pretty: pretty)
      }
      newline(&output, indent, pretty)
      output += "]"
    case .object(let object):
      if object.members.isEmpty {
        output += "{}"
        return
      }
      output += "{"
      let sorted = object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
      for (index, member) in sorted.enumerated() {
        if index > 0 { output += "," }
        newline(&output, indent + 1, pretty)
        appendString(member.key, to: &output)
        output += pretty ? ": " : ":"
        append(member.value, to: &output, indent: indent + 1, pretty: pretty)
      }
      newline(&output, indent, pretty)
      output += "}"
    }
  }

  static func newline(_ output: inout String, _ indent: Int, _ pretty: Bool) {
    guard pretty else { return }
    output += "\n"
    output += String(repeating: "  ", count: indent)
  }

  /// Appends `text` as a JSON string literal; non-ASCII text is written as UTF-8, not escaped.
  public static func appendString(_ text: String, to output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}

extension JSONValue {
  /// An integer JSON number.
  public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

  /// An object from members given in any order (the writer sorts keys).
  public static func obj(_ members: [(String, JSONValue)]) -> JSONValue {
    .object(JSONObject(members.map { (key: $0.0, value: $0.1) }))
  }

  /// A string, or null when nil.
  public static func optionalString(_ value: String?) -> JSONValue {
    value.map(JSONValue.string) ?? .null
  }

  /// An integer, or null when nil.
  public static func optionalInt(_ value: Int?) -> JSONValue {
    value.map(JSONValue.int) ?? .null
  }
}
