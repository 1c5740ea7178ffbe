/// DEFLATE compression (RFC 1951), streaming: greedy LZ77 matching over a 32 KB window with one
/// hash probe per position, coded with the fixed Huffman codes. Simple enough to be plainly
/// correct and fast enough to compress a spreadsheet as it is written (XML shrinks 5–15×).
///
/// Matches are extended eight bytes at a time; positions inside a long match are not hashed
/// (as zlib's fastest levels do), since on repetitive XML that hashing was most of the work.
/// Codes are gathered in a 64-bit word and stored eight bytes at a time into a scratch buffer.
///
/// Feed bytes with `write`, end with `finish`; each call appends compressed bytes to `output`,
/// and memory stays bounded (a few chunks of history plus one pending chunk) however long the
/// stream and however large one `write`.
public struct Deflater: Sendable {
  static let window = 32_768
  static let hashBits = 15
  static let chunk = 1 << 16
  /// Matches up to this long have every position inside them hashed; longer ones only their
  /// first position.
  static let insertLimit = 8
  /// History (at most a few chunks, already compressed) followed by pending input.
  var buffer: [UInt8] = []
  /// Where pending input starts in `buffer`.
  var start = 0
  /// The position in the stream of `buffer[0]`.
  var base = 0
  /// For each hash of four bytes, the last position in the stream where they started, modulo
  /// 2³². Positions are never rebased when history is dropped; an entry is only a candidate,
  /// used when it lies within the window and within `buffer`, and its bytes are compared.
  var head = [UInt32](repeating: 0, count: 1 << Deflater.hashBits)
  /// Where one chunk's codes are stored before they are appended to the caller's output.
  var scratch: [UInt8] = []
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
    let done: Void? = bytes.withContiguousStorageIfAvailable { take($0, into: &output) }
    if done == nil { Array(bytes).withUnsafeBufferPointer { take($0, into: &output) } }
  }

  /// Copies `bytes` into the pending chunk, compressing each time a whole chunk is pending.
  mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
    totalIn += bytes.count
    var from = 0
    while from < bytes.count {
      let count = min(Self.chunk - (buffer.count - start), bytes.count - from)
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<from + count]))
      from += count
      if buffer.count - start >= Self.chunk { compressPending(into: &output) }
    }
  }

  /// Compresses what is pending, ends the stream with a final empty block, and appends the
  /// last bytes. The deflater must not be used afterwards.
  public mutating func finish(into output: inout [UInt8]) {
    compressPending(into: &output)
    // End the open block, then a final fixed block holding only its end-of-block code.
    let endOfBlock = Self.codes[256]
    if begun { put(endOfBlock & 0xFFFF, Int(endOfBlock >> 16)) }
    put(0b011, 3)
    put(endOfBlock & 0xFFFF, Int(endOfBlock >> 16))
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

  /// Every code the compressor writes, as `bits | count << 16` (codes are at most 13 bits):
  /// literals and end of block at 0…287, match lengths 0…258 at `lengthsAt + length`, the 30
  /// distance symbols (without extra bits) at `distancesAt + symbol`.
  static let codes: [UInt32] =
    zip(literalCodes, literalLengths).map { $0 | UInt32($1) << 16 }
    + lengthCodes.map { $0.code | UInt32($0.count) << 16 } + distanceCodes.map { $0 | 5 << 16 }
  static let lengthsAt = 288
  static let distancesAt = 288 + 259

  // MARK: - Matching

  mutating func compressPending(into output: inout [UInt8]) {
    let from = start
    let end = buffer.count
    guard from < end else { return }
    if !begun {
      put(0b010, 3)  // BFINAL = 0, BTYPE = 01 (fixed): one block runs until `finish`
      begun = true
    }
    // At most 9 bits per input byte, the bits left from before, and room for one 8-byte store.
    let needed = (end - from) * 9 / 8 + 32
    if scratch.count < needed { scratch = [UInt8](repeating: 0, count: needed) }
    var head = self.head
    self.head = []
    var scratch = self.scratch
    self.scratch = []
    var bits = self.bits
    var bitCount = self.bitCount
    let written = buffer.withUnsafeBufferPointer { buffer in
      head.withUnsafeMutableBufferPointer { head in
        scratch.withUnsafeMutableBytes { scratch in
          Self.codes.withUnsafeBufferPointer { codes in
            Self.deflate(
              UnsafeRawBufferPointer(buffer), from: from, base: UInt32(truncatingIfNeeded: base),
              head: head, codes: codes,
              into: scratch, bits: &bits, bitCount: &bitCount)
          }
        }
      }
    }
    output.append(contentsOf: scratch[0..<written])
    self.head = head
    self.scratch = scratch
    self.bits = bits
    self.bitCount = bitCount
    start = end
    // Keep one window of history.
    if buffer.count > 4 * Self.chunk {
      let drop = buffer.count - Self.window
      buffer.removeFirst(drop)
      start -= drop
      base += drop
    }
  }

  /// Codes `input[from...]` (earlier bytes are history that matches may reach back into) into
  /// `output`; returns how many bytes were stored there. On return fewer than 8 bits wait in
  /// `bits`. `input[0]` is at stream position `base` (modulo 2³²).
  static func deflate(
    _ input: UnsafeRawBufferPointer, from: Int, base: UInt32,
    head: UnsafeMutableBufferPointer<UInt32>,
    codes: UnsafeBufferPointer<UInt32>, into output: UnsafeMutableRawBufferPointer,
    bits: inout UInt64, bitCount: inout Int
  ) -> Int {
    guard let bytes = input.baseAddress, let out = output.baseAddress else { return 0 }
    let end = input.count
    var stored = 0
    @inline(__always) func put(_ code: UInt32) {
      bits |= UInt64(code & 0xFFFF) &<< UInt64(bitCount)
      bitCount += Int(code >> 16)
    }
    // Stores the whole bytes gathered so far; at most 7 bits stay behind.
    @inline(__always) func flush() {
      out.storeBytes(of: bits.littleEndian, toByteOffset: stored, as: UInt64.self)
      let whole = bitCount >> 3
      stored += whole
      bits = bits &>> UInt64(whole << 3)
      bitCount &= 7
    }
    @inline(__always) func load(_ at: Int) -> UInt32 {
      UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }
    @inline(__always) func load8(_ at: Int) -> UInt64 {
      UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }
    @inline(__always) func hash(_ value: UInt32) -> Int {
      Int((value &* 2_654_435_761) >> UInt32(32 - Deflater.hashBits))
    }
    var at = from
    while at < end {
      if at + 4 <= end {
        let value = load(at)
        let slot = hash(value)
        let position = base &+ UInt32(truncatingIfNeeded: at)
        let gap = position &- head[slot]
        head[slot] = position
        let distance = Int(gap)
        let candidate = at - distance
        // 1 ≤ distance ≤ the window, and the candidate still in `input` (unsigned: 0 wraps).
        if gap &- 1 < UInt32(min(Deflater.window, at)), load(candidate) == value {
          // Extend eight bytes at a time: the first differing byte is where the XOR of the two
          // words has its lowest set bit.
          var length = 4
          let longest = min(258, end - at)
          var differs = false
          while length + 8 <= longest {
            let difference = load8(candidate + length) ^ load8(at + length)
            if difference != 0 {
              length += difference.trailingZeroBitCount >> 3
              differs = true
              break
            }
            length += 8
          }
          if !differs {
            while length < longest,
              bytes.load(fromByteOffset: candidate + length, as: UInt8.self)
                == bytes.load(fromByteOffset: at + length, as: UInt8.self)
            {
              length += 1
            }
          }
          put(codes[lengthsAt + length])
          if distance <= 4 {
            put(codes[distancesAt + distance - 1])
          } else {
            let less = distance - 1
            let width = Int.bitWidth - less.leadingZeroBitCount
            let extra = width - 2
            let symbol = 2 * (width - 1) + ((less >> extra) & 1)
            // Up to 18 bits with the extra ones: more than `codes` entries hold.
            let code = codes[distancesAt + symbol] & 0x1F
            bits |= UInt64(code | UInt32(less & ((1 << extra) - 1)) << 5) &<< UInt64(bitCount)
            bitCount += 5 + extra
          }
          flush()
          if length <= insertLimit {
            let stop = min(at + length, end - 3)
            var next = at + 1
            while next < stop {
              head[hash(load(next))] = base &+ UInt32(truncatingIfNeeded: next)
              next += 1
            }
          }
          at += length
          continue
        }
      }
      put(codes[Int(bytes.load(fromByteOffset: at, as: UInt8.self))])
      flush()
      at += 1
    }
    return stored
  }
}
