/// A problem in an XML part of a workbook: where (byte offset and line) and what.
public struct XMLError: Error, Sendable, Equatable {
  /// 1-based line of the problem.
  public let line: Int
  /// What is wrong, as a lower-case fragment.
  public let reason: String
}

/// One step of an XML document.
public enum XMLEvent: Sendable, Equatable {
  /// An opening tag (`selfClosing` for `<x/>`, which gets no `end`). Names are qualified
  /// (`table:table-cell`); `XMLTokenizer.localName` drops the prefix.
  case start(name: String, attributes: [XMLAttribute], selfClosing: Bool)
  /// A closing tag.
  case end(name: String)
  /// Character data between tags, entities decoded (CDATA included).
  case text(String)
}

/// One attribute, its value with entities decoded.
public struct XMLAttribute: Sendable, Equatable {
  /// The qualified name (`office:value-type`).
  public let name: String
  /// The decoded value.
  public let value: String
}

/// A small pull tokenizer for the XML inside workbooks: tags, attributes, text, CDATA; skips
/// comments, processing instructions and the document type declaration. It expands only the
/// five predefined and numeric character references, so no entity can make it explode. It does
/// not check that tags balance; the readers above it look for the elements they need.
public struct XMLTokenizer: Sendable {
  let bytes: [UInt8]
  var position = 0

  /// A tokenizer over a whole document.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// The name without its namespace prefix.
  public static func localName(_ name: String) -> Substring {
    if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
    return name[...]
  }

  /// The value of the attribute whose local name is `local`.
  public static func attribute(_ local: String, in attributes: [XMLAttribute]) -> String? {
    attributes.first { localName($0.name) == local }?.value
  }

  func error(_ reason: String, at offset: Int) -> XMLError {
    var line = 1
    for byte in bytes[..<min(offset, bytes.count)] where byte == 0x0A { line += 1 }
    return XMLError(line: line, reason: reason)
  }

  /// The next event, or nil at the end of the document.
  public mutating func next() throws(XMLError) -> XMLEvent? {
    while position < bytes.count {
      if bytes[position] != 0x3C {  // text up to the next '<'
        let start = position
        while position < bytes.count, bytes[position] != 0x3C { position += 1 }
        return .text(try decode(start..<position))
      }
      // A tag or markup.
      guard position + 1 < bytes.count else {
        throw error("unexpected end inside a tag", at: position)
      }
      switch bytes[position + 1] {
      case 0x2F:  // </name>
        let start = position + 2
        guard let close = find(0x3E, from: start) else {
          throw error("unterminated closing tag", at: position)
        }
        position = close + 1
        return .end(name: trimmedName(start..<close))
      case 0x3F:  // <? ... ?>
        guard let close = find([0x3F, 0x3E], from: position + 2) else {
          throw error("unterminated processing instruction", at: position)
        }
        position = close + 2
      case 0x21:  // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE >
        if hasPrefix("<!--") {
          guard let close = find([0x2D, 0x2D, 0x3E], from: position + 4) else {
            throw error("unterminated comment", at: position)
          }
          position = close + 3
        } else if hasPrefix("<![CDATA[") {
          let start = position + 9
          guard let close = find([0x5D, 0x5D, 0x3E], from: start) else {
            throw error("unterminated CDATA section", at: position)
          }
          position = close + 3
          return .text(String(decoding: bytes[start..<close], as: UTF8.self))
        } else {
          // A document type declaration, possibly with an internal subset in brackets.
          var depth = 0
          var at = position + 2
          while at < bytes.count {
            if bytes[at] == 0x5B { depth += 1 }
            if bytes[at] == 0x5D { depth -= 1 }
            if bytes[at] == 0x3E, depth <= 0 { break }
            at += 1
          }
          guard at < bytes.count else { throw error("unterminated declaration", at: position) }
          position = at + 1
        }
      default:
        return try startTag()
      }
    }
    return nil
  }

  func hasPrefix(_ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    return text.withUTF8Buffer { prefix in
      for index in 0..<count where bytes[position + index] != prefix[index] { return false }
      return true
    }
  }

  func find(_ byte: UInt8, from start: Int) -> Int? {
    var at = start
    while at < bytes.count {
      if bytes[at] == byte { return at }
      at += 1
    }
    return nil
  }

  func find(_ pattern: [UInt8], from start: Int) -> Int? {
    guard let first = pattern.first else { return start }
    var at = start
    while at + pattern.count <= bytes.count {
      if bytes[at] == first, bytes[at..<at + pattern.count].elementsEqual(pattern) { return at }
      at += 1
    }
    return nil
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  func trimmedName(_ range: Range<Int>) -> String {
    var end = range.upperBound
    while end > range.lowerBound, Self.isSpace(bytes[end - 1]) { end -= 1 }
    return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
  }

  mutating func startTag() throws(XMLError) -> XMLEvent {
    let tagStart = position
    var at = position + 1
    let nameStart = at
    while at < bytes.count, !Self.isSpace(bytes[at]), bytes[at] != 0x3E, bytes[at] != 0x2F {
      at += 1
    }
    guard at > nameStart else { throw error("a tag without a name", at: tagStart) }
    let name = String(decoding: bytes[nameStart..<at], as: UTF8.self)
    var attributes: [XMLAttribute] = []
    while true {
      while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
      guard at < bytes.count else { throw error("unterminated tag '\(name)'", at: tagStart) }
      if bytes[at] == 0x3E {
        position = at + 1
        return .start(name: name, attributes: attributes, selfClosing: false)
      }
      if bytes[at] == 0x2F {
        guard at + 1 < bytes.count, bytes[at + 1] == 0x3E else {
          throw error("stray '/' in tag '\(name)'", at: at)
        }
        position = at + 2
        return .start(name: name, attributes: attributes, selfClosing: true)
      }
      let attributeStart = at
      while at < bytes.count, bytes[at] != 0x3D, !Self.isSpace(bytes[at]), bytes[at] != 0x3E {
        at += 1
      }
      let attributeName = String(decoding: bytes[attributeStart..<at], as: UTF8.self)
      while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
      guard at < bytes.count, bytes[at] == 0x3D else {
        throw error("attribute '\(attributeName)' in '\(name)' has no value", at: attributeStart)
      }
      at += 1
      while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
      guard at < bytes.count, bytes[at] == 0x22 || bytes[at] == 0x27 else {
        throw error("attribute '\(attributeName)' in '\(name)' is not quoted", at: attributeStart)
      }
      let quote = bytes[at]
      let valueStart = at + 1
      guard let valueEnd = find(quote, from: valueStart) else {
        throw error("unterminated attribute '\(attributeName)' in '\(name)'", at: attributeStart)
      }
      attributes.append(XMLAttribute(name: attributeName, value: try decode(valueStart..<valueEnd)))
      at = valueEnd + 1
    }
  }

  /// Text with character references decoded.
  func decode(_ range: Range<Int>) throws(XMLError) -> String {
    guard bytes[range].contains(0x26) else {
      return String(decoding: bytes[range], as: UTF8.self)
    }
    var output: [UInt8] = []
    output.reserveCapacity(range.count)
    var at = range.lowerBound
    while at < range.upperBound {
      let byte = bytes[at]
      guard byte == 0x26 else {
        output.append(byte)
        at += 1
        continue
      }
      guard let semicolon = find(0x3B, from: at), semicolon < range.upperBound,
        semicolon - at <= 12
      else { throw error("an '&' that starts no character reference", at: at) }
      let name = String(decoding: bytes[at + 1..<semicolon], as: UTF8.self)
      let scalar: Unicode.Scalar?
      switch name {
      case "lt": scalar = "<"
      case "gt": scalar = ">"
      case "amp": scalar = "&"
      case "quot": scalar = "\""
      case "apos": scalar = "'"
      default:
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if name.hasPrefix("#") {
          scalar = UInt32(name.dropFirst(1), radix: 10).flatMap(Unicode.Scalar.init)
        } else {
          scalar = nil
        }
      }
      guard let scalar else { throw error("unknown character reference '&\(name);'", at: at) }
      output += Array(String(Character(scalar)).utf8)
      at = semicolon + 1
    }
    return String(decoding: output, as: UTF8.self)
  }
}
