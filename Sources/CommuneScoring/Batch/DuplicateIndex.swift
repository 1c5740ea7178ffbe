/// Remembers which (commune code, year) pairs a batch has seen, and on which line.
///
/// Exact up to `exactLimit` communes (more than every commune in Vietnam). Past that, so that a
/// stream of millions of rows keeps small memory, keys fold into a compact open-addressing table
/// of their 64-bit FNV-1a hashes and 32-bit lines (12 bytes a commune, grown by half at 85 %
/// load). There, two different communes would be taken for one only if their 64-bit hashes
/// collide: about one chance in 40 million for a batch of a million communes.
public struct DuplicateIndex: Sendable {
  public static let exactLimit = 100_000

  var exact: [String: Int] = [:]
  var hashes: [UInt64] = []
  var lines: [UInt32] = []
  var used = 0

  public init() {}

  /// The line where `code` and `year` first appeared, or nil (and the pair is remembered at
  /// `line`).
  public mutating func firstLine(code: String, year: Int, line: Int) -> Int? {
    if hashes.isEmpty {
      let key = code + "\u{1F}" + String(year)
      if let first = exact[key] { return first }
      exact[key] = line
      if exact.count > Self.exactLimit { fold() }
      return nil
    }
    return compactFirstLine(Self.hash(code, year), line: line)
  }

  static func hash(_ code: String, _ year: Int) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in code.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3
    for byte in String(year).utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash | 1  // never 0, so 0 marks an empty slot
  }

  mutating func fold() {
    resize(to: Self.exactLimit * 2)
    for (key, line) in exact.sorted(by: { $0.value < $1.value }) {
      let parts = key.split(separator: "\u{1F}")
      _ = compactFirstLine(Self.hash(String(parts[0]), Int(parts[1]) ?? 0), line: line)
    }
    exact = [:]
  }

  /// The home slot of `hash` (multiply-shift, so the capacity need not be a power of two).
  func home(_ hash: UInt64) -> Int { Int(((hash >> 32) &* UInt64(hashes.count)) >> 32) }

  mutating func compactFirstLine(_ hash: UInt64, line: Int) -> Int? {
    if (used + 1) * 100 > hashes.count * 85 { resize(to: hashes.count + hashes.count / 2) }
    var position = home(hash)
    while hashes[position] != 0 {
      if hashes[position] == hash { return Int(lines[position]) }
      position += 1
      if position == hashes.count { position = 0 }
    }
    hashes[position] = hash
    lines[position] = UInt32(truncatingIfNeeded: line)
    used += 1
    return nil
  }

  mutating func resize(to capacity: Int) {
    let oldHashes = hashes
    let oldLines = lines
    hashes = Array(repeating: 0, count: capacity)
    lines = Array(repeating: 0, count: capacity)
    for index in oldHashes.indices where oldHashes[index] != 0 {
      var position = home(oldHashes[index])
      while hashes[position] != 0 {
        position += 1
        if position == hashes.count { position = 0 }
      }
      hashes[position] = oldHashes[index]
      lines[position] = oldLines[index]
    }
  }
}
