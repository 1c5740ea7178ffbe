/// DEFLATE compression (RFC 1951), streaming: greedy LZ77 matching over a 32 KB window with one
/// hash probe per position, coded with the fixed Huffman codes. Simple enough to be plainly
/// correct and fast enough to compress a spreadsheet as it is written (XML shrinks 5–10×).
///
/// Feed bytes with `write`, end with `finish`; each call appends compressed bytes to `output`,
/// and memory stays bounded (the window plus one pending chunk) however long the stream.
public struct Deflater: Sendable {
  static let window = 32_768
  static let hashBits = 15
  static let chunk = 1 << 16
  /// History (at most one window, already compressed) followed by pending input.
  var buffer: [UInt8] = []
  /// Where pending input starts in `buffer`.
  var start = 0
  /// For each hash of four bytes, the last position in `buffer` where they started (or -1).
  var head = [Int32](repeating: -1, count: 1 << Deflater.hashBits)
  var bits: UInt64 = 0
  var bitCount = 0
  var begun = false
  /// Uncompressed bytes taken so far.
  public private(set) var totalIn = 0

  /// A compressor with an empty window.
  public init() {}

  /// Compresses `bytes` into a whole raw DEFLATE stream in one call.
  public static func compress(_ bytes: some Collection<UInt8>) -> [UInt8] {
    var deflater = Deflater()
    var output: [UInt8] = []
    deflater.write(bytes, into: &output)
    deflater.finish(into: &output)
    return output
  }

  /// Takes more input; appends whatever compressed bytes are ready to `output`.
  public mutating func write(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
    buffer.append(contentsOf: bytes)
    totalIn += bytes.count
    if buffer.count - start >= Self.chunk { compressPending(into: &output) }
  }

  /// Compresses what is pending, ends the stream with a final empty block, and appends the
  /// last bytes. The deflater must not be used afterwards.
  public mutating func finish(into output: inout [UInt8]) {
    compressPending(into: &output)
    // End the open block, then a final fixed block holding only its end-of-block code.
    if begun { put(Self.literalCodes[256], Self.literalLengths[256]) }
    put(0b011, 3)
    put(Self.literalCodes[256], Self.literalLengths[256])
    while bitCount > 0 {
      output.append(UInt8(truncatingIfNeeded: bits))
      bits >>= 8
      bitCount = max(0, bitCount - 8)
    }
    bits = 0
  }

  mutating func put(_ code: UInt32, _ count: Int) {
    bits |= UInt64(code) << UInt64(bitCount)
    bitCount += count
  }

  // MARK: - Fixed Huffman codes, bit-reversed for LSB-first output

  static func reversed(_ code: Int, _ length: Int) -> UInt32 {
    var result: UInt32 = 0
    for bit in 0..<length where code & (1 << bit) != 0 { result |= 1 << UInt32(length - 1 - bit) }
    return result
  }

  static let literalLengths: [Int] = (0..<288).map { symbol in
    switch symbol {
    case 0..<144: 8
    case 144..<256: 9
    case 256..<280: 7
    default: 8
    }
  }
  static let literalCodes: [UInt32] = (0..<288).map { symbol in
    switch symbol {
    case 0..<144: reversed(0x30 + symbol, 8)
    case 144..<256: reversed(0x190 + symbol - 144, 9)
    case 256..<280: reversed(symbol - 256, 7)
    default: reversed(0xC0 + symbol - 280, 8)
    }
  }
  /// For each match length 3…258: its symbol's code with the extra bits above it, and the
  /// number of bits in all.
  static let lengthCodes: [(code: UInt32, count: Int)] = (0...258).map { length in
    guard length >= 3 else { return (0, 0) }
    if length == 258 { return (literalCodes[285], literalLengths[285]) }
    var index = 0
    while index + 1 < 28, InflateState.lengthBase[index + 1] <= length { index += 1 }
    let symbol = 257 + index
    let extra = InflateState.lengthExtra[index]
    let value = UInt32(length - InflateState.lengthBase[index])
    return (
      literalCodes[symbol] | value << UInt32(literalLengths[symbol]),
      literalLengths[symbol] + extra
    )
  }
  static let distanceCodes: [UInt32] = (0..<30).map { reversed($0, 5) }

  // MARK: - Matching

  mutating func compressPending(into output: inout [UInt8]) {
    let from = start
    let end = buffer.count
    guard from < end else { return }
    if !begun {
      put(0b010, 3)  // BFINAL = 0, BTYPE = 01 (fixed): one block runs until `finish`
      begun = true
    }
    var head = self.head
    self.head = []
    var bits = self.bits
    var bitCount = self.bitCount
    var compressed: [UInt8] = []
    compressed.reserveCapacity((end - from) / 4 + 16)
    let literalCodes = Self.literalCodes
    let literalLengths = Self.literalLengths
    let lengthCodes = Self.lengthCodes
    let distanceCodes = Self.distanceCodes
    buffer.withUnsafeBufferPointer { buffer in
      head.withUnsafeMutableBufferPointer { head in
        @inline(__always) func put(_ code: UInt32, _ count: Int) {
          bits |= UInt64(code) << UInt64(bitCount)
          bitCount += count
          if bitCount >= 32 {
            let word = UInt32(truncatingIfNeeded: bits)
            compressed.append(UInt8(truncatingIfNeeded: word))
            compressed.append(UInt8(truncatingIfNeeded: word >> 8))
            compressed.append(UInt8(truncatingIfNeeded: word >> 16))
            compressed.append(UInt8(truncatingIfNeeded: word >> 24))
            bits >>= 32
            bitCount -= 32
          }
        }
        @inline(__always) func load(_ at: Int) -> UInt32 {
          UInt32(buffer[at]) | UInt32(buffer[at + 1]) << 8 | UInt32(buffer[at + 2]) << 16
            | UInt32(buffer[at + 3]) << 24
        }
        @inline(__always) func hash(_ value: UInt32) -> Int {
          Int((value &* 2_654_435_761) >> UInt32(32 - Deflater.hashBits))
        }
        var at = from
        while at < end {
          if at + 4 <= end {
            let value = load(at)
            let slot = hash(value)
            let candidate = Int(head[slot])
            head[slot] = Int32(at)
            if candidate >= 0, at - candidate <= Deflater.window, load(candidate) == value {
              var length = 4
              let longest = min(258, end - at)
              while length < longest, buffer[candidate + length] == buffer[at + length] {
                length += 1
              }
              let (code, count) = lengthCodes[length]
              put(code, count)
              let distance = at - candidate
              if distance <= 4 {
                put(distanceCodes[distance - 1], 5)
              } else {
                let less = distance - 1
                let width = Int.bitWidth - less.leadingZeroBitCount
                let extra = width - 2
                let symbol = 2 * (width - 1) + ((less >> extra) & 1)
                put(
                  distanceCodes[symbol] | UInt32(less & ((1 << extra) - 1)) << 5, 5 + extra)
              }
              let stop = min(at + length, end - 3)
              var next = at + 1
              while next < stop {
                head[hash(load(next))] = Int32(next)
                next += 1
              }
              at += length
              continue
            }
          }
          let byte = Int(buffer[at])
          put(literalCodes[byte], literalLengths[byte])
          at += 1
        }
      }
    }
    output += compressed
    self.head = head
    self.bits = bits
    self.bitCount = bitCount
    start = end
    // Keep one window of history.
    if buffer.count > 4 * Self.chunk {
      let drop = buffer.count - Self.window
      buffer.removeFirst(drop)
      start -= drop
      for index in self.head.indices {
        let position = Int(self.head[index]) - drop
        self.head[index] = position >= 0 ? Int32(position) : -1
      }
    }
  }
}
