/// Layer 1 of reading: bytes in any supported encoding → UTF-8 bytes, fed chunk by chunk.
///
/// The encoding is decided once, from the first `sniffLength` bytes (a fixed amount, so the
/// decision never depends on how the file is chunked): a byte-order mark (UTF-8, UTF-16 LE/BE),
/// else the encoding the user named, else UTF-8 when those bytes are valid UTF-8, else
/// Windows-1258 when they look like Vietnamese in it (with a note saying so), else the file is
/// refused. UTF-8 passes through untouched (no copy, no transcoding); its cells are validated
/// where they become text. Legacy text is composed to NFC. Line endings are left as they are.
public struct TextDecoder: Sendable {
  /// How many bytes the encoding is decided from.
  public static let sniffLength = 1 << 16

  let named: TextEncoding?
  /// The encoding in use, once decided.
  public private(set) var encoding: TextEncoding?
  /// Notes for the user (an assumed encoding).
  public private(set) var notes: [ReadingNote] = []
  var pending: [UInt8] = []

  /// A decoder that detects the encoding, or uses `encoding` when the file has no byte-order mark.
  public init(encoding: TextEncoding? = nil) { named = encoding }

  /// The UTF-8 text of `chunk` (with what was held back before); `final` flushes everything.
  /// Throws when the file is refused: bytes that are neither UTF-8 nor recognisable legacy text.
  public mutating func feed(_ chunk: [UInt8], final: Bool) throws(EvidenceError) -> [UInt8] {
    if encoding == nil {
      pending += chunk
      guard pending.count >= Self.sniffLength || final else { return [] }
      let (decided, bomLength) = try decide(pending, final: final)
      encoding = decided
      let rest = Array(pending[bomLength...])
      pending = []
      return try convert(rest, final: final)
    }
    return try convert(chunk, final: final)
  }

  mutating func decide(_ bytes: [UInt8], final: Bool) throws(EvidenceError) -> (TextEncoding, Int) {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
    if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
    if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
    if let named { return (named, 0) }
    let sample = bytes.prefix(Self.sniffLength)
    guard let invalid = Self.firstInvalidUTF8(sample, final: final && bytes.count <= sample.count)
    else { return (.utf8, 0) }
    let legacy = sample.filter { $0 >= 0x80 }
    if !legacy.contains(where: Windows1258.undefined),
      legacy.contains(where: Windows1258.vietnamese)
    {
      notes.append(ReadingNote(line: nil, .encodingAssumed(.windows1258)))
      return (.windows1258, 0)
    }
    throw EvidenceError(
      .line(Self.line(of: invalid, in: sample), column: nil), .notUTF8(byte: sample[invalid]))
  }

  mutating func convert(_ chunk: [UInt8], final: Bool) throws(EvidenceError) -> [UInt8] {
    switch encoding ?? .utf8 {
    case .utf8: return chunk
    case .utf16LE, .utf16BE: return utf16(chunk, final: final)
    case .windows1258: return windows1258(chunk, final: final)
    }
  }

  // MARK: - UTF-16

  mutating func utf16(_ chunk: [UInt8], final: Bool) -> [UInt8] {
    let bytes = pending.isEmpty ? chunk : pending + chunk
    pending = []
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    let little = encoding == .utf16LE
    var index = 0
    func unit(_ at: Int) -> UInt16 {
      little
        ? UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
        : UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }
    while index + 1 < bytes.count {
      let first = unit(index)
      var scalar: Unicode.Scalar?
      var width = 2
      if (0xD800...0xDBFF).contains(first) {
        if index + 3 < bytes.count {
          let second = unit(index + 2)
          if (0xDC00...0xDFFF).contains(second) {
            scalar = Unicode.Scalar(
              0x10000 + (UInt32(first - 0xD800) << 10) + UInt32(second - 0xDC00))
            width = 4
          }
        } else if !final {
          break  // the pair's second half is in the next chunk
        }
      } else {
        scalar = Unicode.Scalar(first)
      }
      output.append(contentsOf: String.UnicodeScalarView([scalar ?? "\u{FFFD}"]).description.utf8)
      index += width
    }
    if index < bytes.count, !final { pending = Array(bytes[index...]) }
    return output
  }

  // MARK: - Windows-1258

  /// Decodes up to the last ASCII byte (NFC never composes across one), holding back the rest.
  mutating func windows1258(_ chunk: [UInt8], final: Bool) -> [UInt8] {
    let bytes = pending.isEmpty ? chunk : pending + chunk
    let cut = final ? bytes.count : (bytes.lastIndex { $0 < 0x80 } ?? 0)
    pending = Array(bytes[cut...])
    var scalars = String.UnicodeScalarView()
    for byte in bytes[..<cut] {
      let value = byte < 0x80 ? UInt32(byte) : UInt32(Windows1258.high[Int(byte) - 0x80])
      scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
    }
    return Array(String(scalars).composedNFC.utf8)
  }

  // MARK: - Helpers

  /// The offset of the first byte that is not valid UTF-8, or nil. A sequence cut off at the
  /// end counts as valid unless `final`.
  static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>, final: Bool) -> Int? {
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index < end {
      let byte = bytes[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      guard let (count, low, high) = UTF8Lead.continuation(after: byte) else { return index }
      let length = count + 1
      for offset in 1..<length {
        guard index + offset < end else { return final ? index : nil }
        let next = bytes[index + offset]
        if offset == 1 ? !(low...high).contains(next) : !(0x80...0xBF).contains(next) {
          return index
        }
      }
      index += length
    }
    return nil
  }

  /// The 1-based line of `offset` (LF, CRLF or a lone CR end a line).
  static func line(of offset: Int, in bytes: ArraySlice<UInt8>) -> Int {
    var line = 1
    var index = bytes.startIndex
    while index < offset {
      let byte = bytes[index]
      if byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.endIndex || bytes[index + 1] != 0x0A))
      {
        line += 1
      }
      index += 1
    }
    return line
  }
}
