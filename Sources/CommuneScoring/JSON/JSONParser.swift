/// A problem found while reading JSON text, with the line and column where it was found.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// 1-based line of the problem.
  public var line: Int
  /// 1-based column (in bytes) of the problem.
  public var column: Int
  /// What is wrong, as a lower-case fragment.
  public var message: String

  /// Creates an error at a line and column.
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict JSON (RFC 8259) reader.
///
/// Unlike `JSONSerialization` it refuses duplicate keys, keeps number text exactly, keeps key
/// order, and reports line and column for every syntax error.
public enum JSONParser {
  /// Nesting deeper than this is refused, so hostile input cannot exhaust the stack.
  public static let maximumDepth = 64

  /// Parses one JSON document from UTF-8 bytes (a leading byte-order mark is ignored).
  public static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    let array = Array(bytes)
    return try array.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) -> JSONValue in
      var reader = Reader(buffer: buffer)
      reader.skipByteOrderMark()
      reader.skipWhitespace()
      let value = try reader.parseValue(depth: 0)
      reader.skipWhitespace()
      if reader.position < buffer.count {
        throw reader.error("unexpected text after the end of the JSON value")
      }
      return value
    }
  }

  struct Reader {
    let buffer: UnsafeBufferPointer<UInt8>
    var position = 0

    init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func skipByteOrderMark() {
      if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
        position = 3
      }
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
      let end = min(offset ?? position, buffer.count)
      var line = 1
      var lineStart = 0
      for index in 0..<end where buffer[index] == UInt8(ascii: "\n") {
        line += 1
        lineStart = index + 1
      }
      return JSONSyntaxError(line: line, column: end - lineStart + 1, message: message)
    }

    mutating func skipWhitespace() {
      while position < buffer.count {
        switch buffer[position] {
        case 0x20, 0x09, 0x0A, 0x0D: position += 1
        default: return
        }
      }
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
      guard position < buffer.count else {
        throw error("unexpected end of input, expected a value")
      }
      if depth > JSONParser.maximumDepth {
        throw error("nesting is deeper than \(JSONParser.maximumDepth) levels")
      }
      switch buffer[position] {
      case UInt8(ascii: "{"): return try parseObject(depth: depth)
      case UInt8(ascii: "["): return try parseArray(depth: depth)
      case UInt8(ascii: "\""): return .string(try parseString())
      case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
      case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
      case UInt8(ascii: "n"): try expectLiteral("null"); return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return .number(try parseNumber())
      default:
        throw error("unexpected character '\(Self.printable(buffer[position]))', expected a value")
      }
    }

    static func printable(_ byte: UInt8) -> String {
      byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
      let count = literal.utf8CodeUnitCount
      let start = position
      let pointer = literal.utf8Start
      for offset in 0..<count {
        guard position < buffer.count, buffer[position] == pointer[offset] else {
          throw error("invalid literal, expected '\(literal)'", at: start)
        }
        position += 1
      }
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
      position += 1
      var members: [(key: String, value: JSONValue)] = []
      var seen = Set<String>()
      skipWhitespace()
      if position < buffer.count, buffer[position] == UInt8(ascii: "}") {
        position += 1
        return .object(JSONObject(members))
      }
      while true {
        skipWhitespace()
        guard position < buffer.count, buffer[position] == UInt8(ascii: "\"") else {
          throw error("expected a quoted key")
        }
        let keyStart = position
        let key = try parseString()
        // A small object is searched directly; a large one through a set, built when needed.
        let duplicate: Bool
        if members.count < 16 {
          duplicate = members.contains { $0.key == key }
        } else {
          if seen.isEmpty { seen = Set(members.map(\.key)) }
          duplicate = !seen.insert(key).inserted
        }
        if duplicate { throw error("duplicate key '\(key)'", at: keyStart) }
        skipWhitespace()
        guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else {
          throw error("expected ':' after key '\(key)'")
        }
        position += 1
        skipWhitespace()
        let value = try parseValue(depth: depth + 1)
        members.append((key, value))
        skipWhitespace()
        guard position < buffer.count else {
          throw error("unexpected end of input inside an object")
        }
        if buffer[position] == UInt8(ascii: ",") {
          position += 1
          continue
        }
        if buffer[position] == UInt8(ascii: "}") {
          position += 1
          return .object(JSONObject(members))
        }
        throw error("expected ',' or '}' in an object")
      }
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
      position += 1
      var elements: [JSONValue] = []
      skipWhitespace()
      if position < buffer.count, buffer[position] == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      }
      while true {
        skipWhitespace()
        elements.append(try parseValue(depth: depth + 1))
        skipWhitespace()
        guard position < buffer.count else {
          throw error("unexpected end of input inside an array")
        }
        if buffer[position] == UInt8(ascii: ",") {
          position += 1
          continue
        }
        if buffer[position] == UInt8(ascii: "]") {
          position += 1
          return .array(elements)
        }
        throw error("expected ',' or ']' in an array")
      }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
      let start = position
      func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
      if buffer[position] == UInt8(ascii: "-") { position += 1 }
      guard position < buffer.count, isDigit(buffer[position]) else {
        throw error("invalid number", at: start)
      }
      if buffer[position] == UInt8(ascii: "0") {
        position += 1
        if position < buffer.count, isDigit(buffer[position]) {
          throw error("invalid number: leading zeros are not allowed", at: start)
        }
      } else {
        while position < buffer.count, isDigit(buffer[position]) { position += 1 }
      }
      if position < buffer.count, buffer[position] == UInt8(ascii: ".") {
        position += 1
        guard position < buffer.count, isDigit(buffer[position]) else {
          throw error("invalid number", at: start)
        }
        while position < buffer.count, isDigit(buffer[position]) { position += 1 }
      }
      if position < buffer.count,
        buffer[position] == UInt8(ascii: "e") || buffer[position] == UInt8(ascii: "E")
      {
        position += 1
        if position < buffer.count,
          buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-")
        {
          position += 1
        }
        guard position < buffer.count, isDigit(buffer[position]) else {
          throw error("invalid number", at: start)
        }
        while position < buffer.count, isDigit(buffer[position]) { position += 1 }
      }
      return String(
        decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
      let start = position
      // Most strings hold no escape: made straight from the bytes between the quotes.
      var end = position + 1
      while end < buffer.count {
        let byte = buffer[end]
        if byte == UInt8(ascii: "\"") {
          let inside = UnsafeBufferPointer(rebasing: buffer[(start + 1)..<end])
          guard let text = String(validating: inside, as: UTF8.self) else { break }
          position = end + 1
          return text
        }
        // An escape or a control character: the full reading below (which also reports errors).
        if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
        end += 1
      }
      position += 1
      var bytes: [UInt8] = []
      while true {
        guard position < buffer.count else { throw error("unterminated string", at: start) }
        let byte = buffer[position]
        switch byte {
        case UInt8(ascii: "\""):
          position += 1
          guard let text = String(validating: bytes, as: UTF8.self) else {
            throw error("string is not valid UTF-8", at: start)
          }
          return text
        case UInt8(ascii: "\\"):
          position += 1
          guard position < buffer.count else { throw error("unterminated string", at: start) }
          let escape = buffer[position]
          position += 1
          switch escape {
          case UInt8(ascii: "\""): bytes.append(0x22)
          case UInt8(ascii: "\\"): bytes.append(0x5C)
          case UInt8(ascii: "/"): bytes.append(0x2F)
          case UInt8(ascii: "b"): bytes.append(0x08)
          case UInt8(ascii: "f"): bytes.append(0x0C)
          case UInt8(ascii: "n"): bytes.append(0x0A)
          case UInt8(ascii: "r"): bytes.append(0x0D)
          case UInt8(ascii: "t"): bytes.append(0x09)
          case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
              guard position + 1 < buffer.count, buffer[position] == UInt8(ascii: "\\"),
                buffer[position + 1] == UInt8(ascii: "u")
              else { throw error("unpaired surrogate in \\u escape") }
              position += 2
              let low = try parseHex4()
              guard (0xDC00...0xDFFF).contains(low) else {
                throw error("unpaired surrogate in \\u escape")
              }
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
              throw error("unpaired surrogate in \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            bytes.append(contentsOf: String(Character(unicode)).utf8)
          default:
            throw error("invalid escape '\\\(Self.printable(escape))' in string", at: position - 2)
          }
        default:
          if byte < 0x20 { throw error("control character in string (escape it)") }
          bytes.append(byte)
          position += 1
        }
      }
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
      var value: UInt32 = 0
      for _ in 0..<4 {
        guard position < buffer.count else { throw error("invalid \\u escape") }
        let byte = buffer[position]
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
        default: throw error("invalid \\u escape")
        }
        value = value * 16 + digit
        position += 1
      }
      return value
    }
  }
}
