/// One JSON value cut out of a batch file, with where it was.
public struct JSONRecordText: Sendable, Equatable {
  /// The line (1-based) where the value starts.
  public var line: Int
  /// The value's position in a JSON array (0-based), or its record number in JSON Lines.
  public var index: Int
  public var bytes: [UInt8]
  /// Set when the batch's own structure is broken here.
  public var malformed: String?
}

/// Cuts a JSON array of records, or JSON Lines, into one value per record, incrementally, so
/// that a batch of any size is read with flat memory. Each value is then parsed on its own.
public struct JSONRecordScanner: Sendable {
  /// The layout of the batch.
  public enum Layout: Sendable { case array, lines }

  let layout: Layout
  var pending: [UInt8] = []
  var line = 1
  var index = 0
  var state = State.start

  enum State { case start, beforeValue, afterValue, done }

  public init(layout: Layout) { self.layout = layout }

  /// The complete values in `chunk` (with what was left over before).
  public mutating func feed(_ chunk: some Collection<UInt8>, final: Bool = false)
    -> [JSONRecordText]
  {
    pending.append(contentsOf: chunk)
    var values: [JSONRecordText] = []
    var position = 0
    let count = pending.count
    func skipSpace() {
      while position < count {
        let byte = pending[position]
        if byte == 0x0A {
          line += 1
        } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
          return
        }
        position += 1
      }
    }
    scanning: while true {
      if state == .start {
        if pending.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        if layout == .array {
          skipSpace()
          guard position < count else { break scanning }
          guard pending[position] == UInt8(ascii: "[") else {
            values.append(
              JSONRecordText(
                line: line, index: 0, bytes: [],
                malformed: "a JSON batch must be an array of records"))
            state = .done
            break scanning
          }
          position += 1
        }
        state = .beforeValue
      }
      skipSpace()
      guard position < count else { break scanning }
      if layout == .array {
        let byte = pending[position]
        if state == .afterValue {
          if byte == UInt8(ascii: ",") {
            position += 1
            state = .beforeValue
            continue
          }
          if byte == UInt8(ascii: "]") {
            position += 1
            state = .done
            skipSpace()
            if position < count {
              values.append(
                JSONRecordText(
                  line: line, index: index, bytes: [], malformed: "text after the end of the array")
              )
            }
            position = count
            break scanning
          }
          values.append(
            JSONRecordText(
              line: line, index: index, bytes: [], malformed: "expected ',' or ']' between records")
          )
          state = .done
          break scanning
        }
        if byte == UInt8(ascii: "]"), index == 0 {
          position += 1
          state = .done
          continue
        }
      }
      if state == .done {
        position = count
        break scanning
      }
      // One value: up to its matching close, or (JSON Lines) to the end of its line.
      guard let end = valueEnd(from: position, final: final) else { break scanning }
      let startLine = line
      var newlines = 0
      for byte in pending[position..<end] where byte == 0x0A { newlines += 1 }
      values.append(
        JSONRecordText(line: startLine, index: index, bytes: Array(pending[position..<end])))
      line += newlines
      index += 1
      position = end
      state = .afterValue
      if layout == .lines { state = .beforeValue }
    }
    if final, layout == .array, state != .done {
      values.append(
        JSONRecordText(
          line: line, index: index, bytes: [], malformed: "the array is never closed with ']'"))
      state = .done
    }
    pending.removeFirst(position)
    return values
  }

  /// Where the value starting at `start` ends, or nil if more input is needed. A JSON Lines
  /// record ends at its line break (JSON text cannot hold a raw one); an array element at its
  /// matching close or the next top-level separator.
  func valueEnd(from start: Int, final: Bool) -> Int? {
    if layout == .lines {
      if let newline = pending[start...].firstIndex(of: 0x0A) { return newline }
      return final ? pending.count : nil
    }
    var depth = 0
    var inString = false
    var escaped = false
    var position = start
    while position < pending.count {
      let byte = pending[position]
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
      } else {
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          if depth == 0 { return position + 1 }
          if depth < 0 { return position }
        case UInt8(ascii: ","):
          if depth == 0 { return position }
        default: break
        }
      }
      position += 1
    }
    return final ? pending.count : nil
  }
}
