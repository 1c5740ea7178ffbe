// The byte-level reading under the JSON record plan (`JSONRecordPlan`): whitespace, keys,
// strings, literals and digits, straight from the record's bytes.

/// Reads the tokens of a JSON record the plan is certain of, from a buffer; anything else
/// gives nil (or false), and the record goes to the general path.
struct JSONPlanScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var at: Int
  let end: Int

  /// What a text value is: its bytes, null, or something the plan does not read.
  enum TextValue {
    case text(Range<Int>)
    case null
    case refused
  }

  @inline(__always)
  mutating func space() {
    while at < end {
      switch bytes[at] {
      case 0x20, 0x09, 0x0A, 0x0D: at += 1
      default: return
      }
    }
  }

  /// Takes `byte` after any spaces.
  @inline(__always)
  mutating func take(_ byte: UInt8) -> Bool {
    space()
    guard at < end, bytes[at] == byte else { return false }
    at += 1
    return true
  }

  /// Whether `bytes[range]` spells `word` (ASCII).
  @inline(__always)
  func equals(_ range: Range<Int>, _ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard range.count == count else { return false }
    let start = word.utf8Start
    for offset in 0..<count where bytes[range.lowerBound + offset] != start[offset] {
      return false
    }
    return true
  }

  /// Takes `key` and its closing quote when they come next (after an opening quote).
  @inline(__always)
  mutating func takeKey(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = key.count
    guard at + count < end, bytes[at + count] == UInt8(ascii: "\""),
      let left = bytes.baseAddress, let right = key.baseAddress
    else { return false }
    // Eight bytes at a time, then the rest.
    let here = UnsafeRawPointer(left + at)
    let there = UnsafeRawPointer(right)
    var offset = 0
    while offset + 8 <= count {
      guard
        here.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          == there.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      else { return false }
      offset += 8
    }
    while offset < count {
      guard left[at + offset] == right[offset] else { return false }
      offset += 1
    }
    at += count + 1
    return true
  }

  /// The bytes of a string up to its closing quote (taken), after its opening quote: nil for
  /// an escape, a control character or no closing quote. Bytes are not checked as UTF-8.
  @inline(__always)
  mutating func stringBody() -> Range<Int>? {
    let start = at
    while at < end {
      let byte = bytes[at]
      if byte == UInt8(ascii: "\"") {
        at += 1
        return start..<at - 1
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
      at += 1
    }
    return nil
  }

  /// A text value (well-formed UTF-8, no escape) or null.
  mutating func text() -> TextValue {
    space()
    if literal("null") { return .null }
    guard at < end, bytes[at] == UInt8(ascii: "\"") else { return .refused }
    at += 1
    guard let range = stringBody(), Self.isUTF8(bytes, range) else { return .refused }
    return .text(range)
  }

  /// Takes `word` when it comes next (its end is checked by what must follow it).
  @inline(__always)
  mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard at + count <= end else { return false }
    let start = word.utf8Start
    for offset in 0..<count where bytes[at + offset] != start[offset] { return false }
    at += count
    return true
  }

  /// Plain digits as JSON writes a non-negative integer (`0`, or no leading zero), at most 18
  /// of them; nil for anything else. What follows is checked by the caller's grammar.
  @inline(__always)
  mutating func digits() -> Int? {
    let start = at
    var value = 0
    while at < end {
      let digit = bytes[at] &- 0x30
      guard digit < 10 else { break }
      value = value &* 10 &+ Int(digit)
      at += 1
    }
    let count = at - start
    guard count > 0, count <= 18, count == 1 || bytes[start] != UInt8(ascii: "0") else {
      return nil
    }
    return value
  }

  /// Whether `bytes[range]` is well-formed UTF-8, as `String(validating:)` requires.
  static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    UTF8Lead.isWellFormed(bytes, range)
  }
}
