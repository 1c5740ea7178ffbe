/// Plain text wrapped at spaces for a terminal or a printout: the help of every command and the
/// text report both fit their width this way.
public enum TextWrap {
  /// `text` wrapped at spaces to `width` columns; following lines start with `indent` spaces,
  /// the first with `firstIndent`. A word longer than a line stands alone on its line.
  public static func lines(_ text: String, width: Int, indent: Int = 0, firstIndent: Int? = nil)
    -> [String]
  {
    lines(
      words: text.split(separator: " ").map(String.init), width: width, indent: indent,
      firstIndent: firstIndent ?? indent)
  }

  /// `words` set on lines of at most `width` columns (a word longer than that alone on its line).
  public static func lines(words: [String], width: Int, indent: Int, firstIndent: Int) -> [String] {
    var lines: [String] = []
    var line = String(repeating: " ", count: firstIndent)
    // The line's width kept as words are added (nil: a word whose characters may join its
    // neighbours', so the line is counted again), instead of counting the whole line per word.
    var lineWidth: Int? = firstIndent
    var empty = true
    for word in words {
      let wordWidth = columns(word)
      if !empty, (lineWidth ?? line.count) + 1 + (wordWidth ?? word.count) > width {
        lines.append(line)
        line = String(repeating: " ", count: indent)
        lineWidth = indent
        empty = true
      }
      if let known = lineWidth, let wordWidth {
        lineWidth = known + (empty ? 0 : 1) + wordWidth
      } else {
        lineWidth = nil
      }
      line += (empty ? "" : " ") + word
      empty = false
    }
    lines.append(line)
    return lines
  }

  /// The number of characters of `text` when each of its scalars is a character of its own
  /// (letters, precomposed Vietnamese, punctuation, arrows and maths signs: no combining mark,
  /// control, joiner or emoji), so that the count is the number of scalars and two such texts
  /// joined have the sum of their counts; nil otherwise (count the characters).
  static func columns(_ text: some StringProtocol) -> Int? {
    var count = 0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x1E00...0x1EFF, 0x2010...0x2027,
        0x2030...0x205E, 0x2070...0x20C0, 0x2100...0x23FF:
        count += 1
      default: return nil
      }
    }
    return count
  }

  /// A line of a report kept as it is when it fits `width`, otherwise wrapped with a hanging
  /// indent: its own leading spaces plus two ("  - item" continues under "item"'s text).
  public static func hanging(_ line: String, width: Int) -> [String] {
    let simple = columns(line)
    guard (simple ?? line.count) > width else { return [line] }
    // Every scalar a character of its own: words, units and widths found from the bytes.
    if simple != nil { return hangingSimple(line, width: width) }
    return hangingCharacters(line, width: width)
  }

  /// `hanging` for any line, long enough to wrap: cut into characters.
  static func hangingCharacters(_ line: String, width: Int) -> [String] {
    let lead = line.prefix { $0 == " " }.count
    let body = line.dropFirst(lead)
    let bullet = body.hasPrefix("- ") ? 2 : 0
    return lines(
      words: keepingUnits(body.split(separator: " ").map(String.init)), width: width,
      indent: lead + (bullet > 0 ? bullet : 2), firstIndent: lead)
  }

  /// `hanging` for a line whose every scalar is a character of its own (`columns` is not nil):
  /// a space is then a character wherever it is, a character is a number when its scalar is,
  /// and a word's width is its number of scalars, so the line is cut and measured by its bytes.
  /// The lines are those of the general path (`TextWrapTests` holds them to it).
  static func hangingSimple(_ line: String, width: Int) -> [String] {
    var line = line
    return line.withUTF8 { bytes -> [String] in
      let space = UInt8(ascii: " ")
      var lead = 0
      while lead < bytes.count, bytes[lead] == space { lead += 1 }
      // The words (runs between spaces), each with a unit joined to the number before it.
      var words: [(start: Int, end: Int, width: Int)] = []
      var position = lead
      while position < bytes.count {
        if bytes[position] == space {
          position += 1
          continue
        }
        let start = position
        var scalars = 0
        while position < bytes.count, bytes[position] != space {
          if bytes[position] & 0xC0 != 0x80 { scalars += 1 }
          position += 1
        }
        if let last = words.last, endsWithNumber(bytes, last.end),
          isUnit(bytes, start, position)
        {
          words[words.count - 1] = (last.start, position, last.width + 1 + scalars)
        } else {
          words.append((start, position, scalars))
        }
      }
      // Set on lines as `lines(words:width:indent:firstIndent:)` does; following lines start two
      // columns in, as after a "- " bullet.
      let indent = lead + 2
      var lines: [String] = []
      var text = [UInt8](repeating: space, count: lead)
      var lineWidth = lead
      var empty = true
      for word in words {
        if !empty, lineWidth + 1 + word.width > width {
          lines.append(String(decoding: text, as: UTF8.self))
          text = [UInt8](repeating: space, count: indent)
          lineWidth = indent
          empty = true
        }
        if !empty {
          text.append(space)
          lineWidth += 1
        }
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[word.start..<word.end]))
        lineWidth += word.width
        empty = false
      }
      lines.append(String(decoding: text, as: UTF8.self))
      return lines
    }
  }

  /// Whether the scalar ending at byte `end` of `bytes` is a number (`Character.isNumber` of a
  /// character that is one scalar).
  static func endsWithNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
    var start = end - 1
    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    let first = bytes[start]
    if first < 0x80 { return first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") }
    let scalars = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      .unicodeScalars
    return scalars.first?.properties.numericType != nil
  }

  /// Whether bytes `start..<end` are a unit of points ("điểm", "point", "points"), after any
  /// closing punctuation (`.,;:)`) at their end is set aside.
  static func isUnit(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var end = end
    while end > start, ".,;:)".utf8.contains(bytes[end - 1]) { end -= 1 }
    let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
    return word.elementsEqual("điểm".utf8) || word.elementsEqual("point".utf8)
      || word.elementsEqual("points".utf8)
  }

  /// `words` with a unit joined to the number before it ("20 điểm", "5 points"), so that a
  /// line never ends on a bare number.
  static func keepingUnits(_ words: [String]) -> [String] {
    var joined: [String] = []
    for word in words {
      if let last = joined.last, last.last?.isNumber == true,
        ["điểm", "point", "points"].contains(word.trimmingSuffix { ".,;:)".contains($0) })
      {
        joined[joined.count - 1] += " " + word
      } else {
        joined.append(word)
      }
    }
    return joined
  }
}

extension String {
  /// The string without the trailing characters that match `predicate`.
  fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
    var end = endIndex
    while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
    return String(self[..<end])
  }
}
