/// Writes `JSONValue`s deterministically: keys sorted by their UTF-8 bytes, two-space indentation,
/// no trailing spaces, a final newline left to the caller.
///
/// Same value, same bytes: this is what makes outputs reproducible and hashable.
public enum JSONWriter {
  /// The value as pretty-printed UTF-8 text with sorted keys.
  public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    append(value, to: &output, pretty: pretty)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the value's UTF-8 text (sorted keys, compact unless `pretty`) to `output`: what
  /// streaming writers use, without building a `String` first.
  public static func append(_ value: JSONValue, to output: inout [UInt8], pretty: Bool = false) {
    append(value, to: &output, indent: 0, pretty: pretty)
  }

  static func append(_ value: JSONValue, to output: inout [UInt8], indent: Int, pretty: Bool) {
    switch value {
    case .null: output += "null".utf8
    case .bool(let flag): output += (flag ? "true" : "false").utf8
    case .number(let text): output += text.utf8
    case .string(let text): appendString(text, to: &output)
    case .array(let elements):
      if elements.isEmpty {
        output += "[]".utf8
        return
      }
      output.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        newline(&output, indent + 1, pretty)
        append(element, to: &output, indent: indent + 1, pretty: pretty)
      }
      newline(&output, indent, pretty)
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      if object.members.isEmpty {
        output += "{}".utf8
        return
      }
      output.append(UInt8(ascii: "{"))
      let members = object.members
      // Objects are usually small: sort their indices, not the members themselves (and not at
      // all when they are already in order).
      func precedes(_ a: Int, _ b: Int) -> Bool {
        members[a].key.utf8.lexicographicallyPrecedes(members[b].key.utf8)
      }
      let inOrder = members.indices.dropFirst().allSatisfy { !precedes($0, $0 - 1) }
      let order = inOrder ? Array(members.indices) : members.indices.sorted(by: precedes)
      for (position, index) in order.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(&output, indent + 1, pretty)
        appendString(members[index].key, to: &output)
        if pretty { output += ": ".utf8 } else { output.append(UInt8(ascii: ":")) }
        append(members[index].value, to: &output, indent: indent + 1, pretty: pretty)
      }
      newline(&output, indent, pretty)
      output.append(UInt8(ascii: "}"))
    }
  }

  static func newline(_ output: inout [UInt8], _ indent: Int, _ pretty: Bool) {
    guard pretty else { return }
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
  }

  /// Appends `text` as a JSON string literal; non-ASCII text is written as UTF-8, not escaped.
  public static func appendString(_ text: String, to output: inout String) {
    var bytes: [UInt8] = []
    appendString(text, to: &bytes)
    output += String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `text` as a JSON string literal in UTF-8; runs that need no escape are copied whole.
  public static func appendString(_ text: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      var start = 0
      for index in bytes.indices {
        let byte = bytes[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
          continue
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        start = index + 1
        switch byte {
        case UInt8(ascii: "\""): output += #"\""#.utf8
        case UInt8(ascii: "\\"): output += #"\\"#.utf8
        case UInt8(ascii: "\n"): output += #"\n"#.utf8
        case UInt8(ascii: "\r"): output += #"\r"#.utf8
        case UInt8(ascii: "\t"): output += #"\t"#.utf8
        default:
          let hex = Array("0123456789abcdef".utf8)
          output += #"\u00"#.utf8
          output.append(hex[Int(byte >> 4)])
          output.append(hex[Int(byte & 0xF)])
        }
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
    output.append(UInt8(ascii: "\""))
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
