/// Well-formed UTF-8 (Unicode's table 3-7), in one place for the readers that check bytes
/// without making a string: the CSV and JSON record plans and the text decoder.
enum UTF8Lead {
  /// How many continuation bytes `lead` needs and the range the first of them must be in (the
  /// others are 0x80–0xBF); nil for a byte that cannot lead a sequence of two or more (ASCII, a
  /// continuation byte, C0, C1, F5–FF).
  @inline(__always)
  static func continuation(after lead: UInt8) -> (count: Int, low: UInt8, high: UInt8)? {
    switch lead {
    case 0xC2...0xDF: (1, 0x80, 0xBF)
    case 0xE0: (2, 0xA0, 0xBF)
    case 0xE1...0xEC, 0xEE...0xEF: (2, 0x80, 0xBF)
    case 0xED: (2, 0x80, 0x9F)
    case 0xF0: (3, 0x90, 0xBF)
    case 0xF1...0xF3: (3, 0x80, 0xBF)
    case 0xF4: (3, 0x80, 0x8F)
    default: nil
    }
  }

  /// Whether `bytes[range]` is well-formed UTF-8, as `String(validating:)` requires; with
  /// `refusingCombiningMarks`, also false when it holds a combining mark of U+0300–U+036F (lead
  /// bytes 0xCC, 0xCD), which NFC could compose with the letter before.
  @inline(__always)
  static func isWellFormed(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, refusingCombiningMarks: Bool = false
  ) -> Bool {
    var index = range.lowerBound
    let end = range.upperBound
    while index < end {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      if refusingCombiningMarks, lead == 0xCC || lead == 0xCD { return false }
      guard let (count, low, high) = continuation(after: lead), index + count < end else {
        return false
      }
      let second = bytes[index + 1]
      guard second >= low, second <= high else { return false }
      for offset in stride(from: 2, through: count, by: 1) {
        let next = bytes[index + offset]
        guard next >= 0x80, next <= 0xBF else { return false }
      }
      index += count + 1
    }
    return true
  }
}
