/// What can go wrong while decompressing a DEFLATE stream (RFC 1951). Every malformed or
/// truncated stream ends in one of these, never in a trap.
public enum InflateError: Error, Sendable, Equatable {
  /// The stream ended before its last block did.
  case truncated
  /// A block header names the reserved block type 3.
  case reservedBlockType
  /// A stored block's length and its one's complement disagree.
  case storedLengthMismatch
  /// A Huffman code table is over-subscribed, empty where it may not be, or incomplete.
  case invalidCodeLengths
  /// A bit pattern that is not a code of the current table.
  case invalidCode
  /// A length or distance symbol outside the ranges RFC 1951 defines (286, 287, 30, 31).
  case invalidSymbol
  /// A back-reference reaches before the start of the output.
  case distanceTooFar
  /// The output would exceed the limit the caller set (`limit` bytes).
  case outputLimit(Int)
}

/// DEFLATE decompression (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks, written
/// here because the package takes no dependencies. Guarded: the output never grows past the
/// caller's limit, and any damaged input is a typed error.
public enum Inflate {
  /// Decompresses a whole raw DEFLATE stream (no zlib or gzip wrapper).
  ///
  /// - Parameters:
  ///   - input: the compressed bytes; bytes after the final block are ignored.
  ///   - limit: the most bytes the output may hold; more is `InflateError.outputLimit`.
  ///   - expectedSize: a size hint (from a ZIP directory) used only to reserve memory.
  public static func decompress(
    _ input: some Collection<UInt8>, limit: Int, expectedSize: Int? = nil
  ) throws(InflateError) -> [UInt8] {
    let bytes = Array(input)
    var output: [UInt8] = []
    output.reserveCapacity(min(limit, max(0, expectedSize ?? bytes.count * 4), 1 << 26))
    var state = InflateState(bytes: bytes, limit: limit)
    try state.run(into: &output)
    return output
  }
}

/// A canonical Huffman code: counts of codes per length and symbols in code order, with a
/// lookup table for codes of up to `fastBits` bits (indexed by the bits as read, LSB first).
struct HuffmanTable {
  static let fastBits = 9
  var counts = [Int](repeating: 0, count: 16)
  var symbols: [Int] = []
  /// `symbol << 4 | length`, or 0 where the code is longer than `fastBits` (or absent).
  var fast = [UInt16](repeating: 0, count: 1 << HuffmanTable.fastBits)

  /// Whether more codes were asked for than the lengths allow (such a table is refused).
  var oversubscribed = false

  /// Builds the table from code lengths (0 = unused, at most 15). Over-subscribed lengths are
  /// refused; incomplete codes are accepted (RFC 1951 allows one distance code) and fail on use.
  static func make(_ lengths: ArraySlice<Int>) throws(InflateError) -> HuffmanTable {
    let table = HuffmanTable(lengths: lengths)
    if table.oversubscribed { throw .invalidCodeLengths }
    return table
  }

  /// Builds the table without refusing anything; see `oversubscribed`.
  init(lengths: ArraySlice<Int>) {
    for length in lengths { counts[length] += 1 }
    counts[0] = 0
    var left = 1
    for length in 1..<16 {
      left <<= 1
      left -= counts[length]
      if left < 0 { oversubscribed = true }
    }
    var offsets = [Int](repeating: 0, count: 16)
    for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
    symbols = [Int](repeating: 0, count: lengths.count)
    for (symbol, length) in zip(0..., lengths) where length != 0 {
      symbols[offsets[length]] = symbol
      offsets[length] += 1
    }
    // The fast table: walk codes in canonical order.
    var code = 0
    var index = 0
    for length in 1...15 {
      for _ in 0..<counts[length] {
        if length <= Self.fastBits {
          var reversed = 0
          for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
          let entry = UInt16(symbols[index] << 4 | length)
          var fill = reversed
          while fill < 1 << Self.fastBits {
            fast[fill] = entry
            fill += 1 << length
          }
        }
        code += 1
        index += 1
      }
      code <<= 1
    }
  }
}

/// The decoder's moving parts: input position, bit buffer, limit.
struct InflateState {
  let bytes: [UInt8]
  let limit: Int
  var position = 0
  var bitBuffer: UInt64 = 0
  var bitCount = 0

  init(bytes: [UInt8], limit: Int) {
    self.bytes = bytes
    self.limit = limit
  }

  static let lengthBase = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
    131, 163, 195, 227, 258,
  ]
  static let lengthExtra = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distanceBase = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]
  static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  /// Tops the bit buffer up with as many whole bytes as fit and remain.
  @inline(__always) mutating func refill() {
    while bitCount <= 56, position < bytes.count {
      bitBuffer |= UInt64(bytes[position]) << UInt64(bitCount)
      position += 1
      bitCount += 8
    }
  }

  @inline(__always) mutating func bits(_ count: Int) throws(InflateError) -> Int {
    if count == 0 { return 0 }
    if bitCount < count {
      refill()
      if bitCount < count { throw .truncated }
    }
    let value = Int(bitBuffer & ((1 << UInt64(count)) - 1))
    bitBuffer >>= UInt64(count)
    bitCount -= count
    return value
  }

  @inline(__always) mutating func decode(_ table: HuffmanTable) throws(InflateError) -> Int {
    if bitCount < HuffmanTable.fastBits { refill() }
    if bitCount >= HuffmanTable.fastBits {
      let entry = Int(table.fast[Int(bitBuffer & UInt64((1 << HuffmanTable.fastBits) - 1))])
      if entry != 0 {
        let length = entry & 15
        bitBuffer >>= UInt64(length)
        bitCount -= length
        return entry >> 4
      }
    }
    // Slow path (long codes, or the last few bits of the stream): one bit at a time.
    var code = 0
    var first = 0
    var index = 0
    for length in 1...15 {
      code |= try bits(1)
      let count = table.counts[length]
      if code - first < count { return table.symbols[index + code - first] }
      index += count
      first += count
      first <<= 1
      code <<= 1
    }
    throw .invalidCode
  }

  mutating func run(into output: inout [UInt8]) throws(InflateError) {
    var last = false
    while !last {
      last = try bits(1) == 1
      switch try bits(2) {
      case 0: try stored(into: &output)
      case 1:
        try codes(into: &output, lengths: Self.fixedLengths, distances: Self.fixedDistances)
      case 2:
        let (lengths, distances) = try dynamicTables()
        try codes(into: &output, lengths: lengths, distances: distances)
      default: throw .reservedBlockType
      }
    }
  }

  mutating func stored(into output: inout [UInt8]) throws(InflateError) {
    // Drop to a byte boundary, then give back whole bytes still in the buffer.
    bitBuffer >>= UInt64(bitCount & 7)
    bitCount -= bitCount & 7
    position -= bitCount / 8
    bitBuffer = 0
    bitCount = 0
    guard position + 4 <= bytes.count else { throw .truncated }
    let length = Int(bytes[position]) | Int(bytes[position + 1]) << 8
    let complement = Int(bytes[position + 2]) | Int(bytes[position + 3]) << 8
    guard length == ~complement & 0xFFFF else { throw .storedLengthMismatch }
    position += 4
    guard position + length <= bytes.count else { throw .truncated }
    guard output.count + length <= limit else { throw .outputLimit(limit) }
    output += bytes[position..<position + length]
    position += length
  }

  static let fixedLengths: HuffmanTable = {
    var lengths = [Int](repeating: 8, count: 288)
    for symbol in 144..<256 { lengths[symbol] = 9 }
    for symbol in 256..<280 { lengths[symbol] = 7 }
    return HuffmanTable(lengths: lengths[...])
  }()
  static let fixedDistances = HuffmanTable(lengths: [Int](repeating: 5, count: 30)[...])

  mutating func dynamicTables() throws(InflateError) -> (HuffmanTable, HuffmanTable) {
    let literalCount = try bits(5) + 257
    let distanceCount = try bits(5) + 1
    let codeLengthCount = try bits(4) + 4
    guard literalCount <= 286, distanceCount <= 30 else { throw .invalidCodeLengths }
    var codeLengths = [Int](repeating: 0, count: 19)
    for index in 0..<codeLengthCount { codeLengths[Self.codeLengthOrder[index]] = try bits(3) }
    let codeLengthTable = try HuffmanTable.make(codeLengths[...])
    guard codeLengthTable.counts.contains(where: { $0 > 0 }) else { throw .invalidCodeLengths }
    var lengths = [Int](repeating: 0, count: literalCount + distanceCount)
    var index = 0
    while index < lengths.count {
      let symbol = try decode(codeLengthTable)
      if symbol < 16 {
        lengths[index] = symbol
        index += 1
        continue
      }
      var repeated = 0
      var times: Int
      switch symbol {
      case 16:
        guard index > 0 else { throw .invalidCodeLengths }
        repeated = lengths[index - 1]
        times = 3 + (try bits(2))
      case 17: times = 3 + (try bits(3))
      default: times = 11 + (try bits(7))
      }
      guard index + times <= lengths.count else { throw .invalidCodeLengths }
      for _ in 0..<times {
        lengths[index] = repeated
        index += 1
      }
    }
    guard lengths[256] != 0 else { throw .invalidCodeLengths }
    let literals = try HuffmanTable.make(lengths[0..<literalCount])
    let distances = try HuffmanTable.make(lengths[literalCount...])
    return (literals, distances)
  }

  mutating func codes(into output: inout [UInt8], lengths: HuffmanTable, distances: HuffmanTable)
    throws(InflateError)
  {
    while true {
      let symbol = try decode(lengths)
      if symbol < 256 {
        guard output.count < limit else { throw .outputLimit(limit) }
        output.append(UInt8(symbol))
        continue
      }
      if symbol == 256 { return }
      let lengthIndex = symbol - 257
      guard lengthIndex < 29 else { throw .invalidSymbol }
      let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtra[lengthIndex]))
      let distanceSymbol = try decode(distances)
      guard distanceSymbol < 30 else { throw .invalidSymbol }
      let distance =
        Self.distanceBase[distanceSymbol] + (try bits(Self.distanceExtra[distanceSymbol]))
      guard distance <= output.count else { throw .distanceTooFar }
      guard output.count + length <= limit else { throw .outputLimit(limit) }
      var from = output.count - distance
      for _ in 0..<length {
        output.append(output[from])
        from += 1
      }
    }
  }
}
