/// Remembers which (commune code, year) pairs a batch has seen, and where: exact at any size.
///
/// A code of one to nine digits and a year from 0 to 4095 pack into one 64-bit word together
/// with the source's index (digit count 4 bits, value 30 bits, year 12 bits, source 18 bits);
/// words live in open-addressing tables with 32-bit lines beside them, 12 bytes a slot. The
/// words are spread by their mixed bits over 64 tables that each grow by half at 80 % load, so
/// growing never holds two copies of the whole index at once (about 15–23 bytes a commune at
/// the peak, instead of up to 30). The key is the code's exact text, so `6124` and `06124` stay
/// different. Any other code (letters, more digits, a larger source index) goes to an ordinary
/// dictionary. Nothing is ever taken for another: no hashes are compared in place of keys.
public struct DuplicateIndex: Sendable {
  /// Where a commune was first seen.
  public struct Place: Sendable, Equatable {
    public var source: Int
    public var line: Int

    public init(source: Int, line: Int) {
      self.source = source
      self.line = line
    }
  }

  /// One open-addressing table.
  struct Table: Sendable {
    var words: [UInt64] = []
    var lines: [UInt32] = []
    var used = 0

    /// Where `key` was first seen, or nil after remembering it (`mixed` is the key's hash).
    mutating func first(_ key: UInt64, mixed: UInt64, source: Int, line: Int) -> Place? {
      if (used + 1) * 5 > words.count * 4 { grow() }
      var position = home(mixed)
      while words[position] != 0 {
        if words[position] >> 18 == key {
          return Place(source: Int(words[position] & 0x3FFFF), line: Int(lines[position]))
        }
        position += 1
        if position == words.count { position = 0 }
      }
      words[position] = key << 18 | UInt64(source)
      lines[position] = UInt32(line)
      used += 1
      return nil
    }

    /// The home slot of a key whose hash is `mixed` (the bits below the table's choice).
    func home(_ mixed: UInt64) -> Int {
      Int((((mixed << DuplicateIndex.tableBits) >> 32) &* UInt64(words.count)) >> 32)
    }

    mutating func grow() {
      let oldWords = words
      let oldLines = lines
      let capacity = max(256, words.count + words.count / 2)
      words = Array(repeating: 0, count: capacity)
      lines = Array(repeating: 0, count: capacity)
      for index in oldWords.indices where oldWords[index] != 0 {
        var position = home(DuplicateIndex.mix(oldWords[index] >> 18))
        while words[position] != 0 {
          position += 1
          if position == words.count { position = 0 }
        }
        words[position] = oldWords[index]
        lines[position] = oldLines[index]
      }
    }
  }

  static let tableBits: UInt64 = 6
  var tables = [Table](repeating: Table(), count: 1 << tableBits)
  var others: [String: Place] = [:]

  public init() {}

  /// Where `code` and `year` first appeared, or nil (and the pair is remembered at `source`,
  /// `line`).
  public mutating func first(code: String, year: Int, source: Int, line: Int) -> Place? {
    guard let key = Self.pack(code, year), source < 1 << 18, line >= 0, line <= UInt32.max else {
      let key = "\(code)\u{1F}\(year)"
      if let place = others[key] { return place }
      others[key] = Place(source: source, line: line)
      return nil
    }
    let mixed = Self.mix(key)
    return tables[Int(mixed >> (64 - Self.tableBits))].first(
      key, mixed: mixed, source: source, line: line)
  }

  /// Where the commune whose code and year `pack` gave `key` first appeared, or nil (and it is
  /// remembered): the same as `first(code:year:source:line:)` for its code and year.
  public mutating func first(packed key: UInt64, source: Int, line: Int) -> Place? {
    guard source < 1 << 18, line >= 0, line <= UInt32.max else {
      let (code, year) = Self.unpack(key)
      return first(code: code, year: year, source: source, line: line)
    }
    let mixed = Self.mix(key)
    return tables[Int(mixed >> (64 - Self.tableBits))].first(
      key, mixed: mixed, source: source, line: line)
  }

  /// The code (with its leading zeros) and the year a packed key holds.
  public static func unpack(_ key: UInt64) -> (code: String, year: Int) {
    let digits = Int(key >> 42)
    let value = String((key >> 12) & ((1 << 30) - 1))
    let code = String(repeating: "0", count: max(0, digits - value.count)) + value
    return (code, Int(key & 0xFFF))
  }

  /// The code's digit count, value and the year in 46 bits (never 0: the count is at least 1).
  static func pack(_ code: String, _ year: Int) -> UInt64? {
    guard year >= 0, year < 4096 else { return nil }
    var value: UInt64 = 0
    var digits: UInt64 = 0
    for byte in code.utf8 {
      guard byte >= 0x30, byte <= 0x39, digits < 9 else { return nil }
      value = value * 10 + UInt64(byte - 0x30)
      digits += 1
    }
    guard digits > 0 else { return nil }
    return digits << 42 | value << 12 | UInt64(year)
  }

  /// The key's bits mixed (multiply-shift): the top ones choose the table, the next the slot.
  static func mix(_ key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }
}
