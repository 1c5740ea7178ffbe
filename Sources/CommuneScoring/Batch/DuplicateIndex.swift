/// Remembers which (commune code, year) pairs a batch has seen, and where: exact at any size.
///
/// A code of one to nine digits and a year from 0 to 4095 pack into a 46-bit key (digit count
/// 4 bits, value 30 bits, year 12 bits). The usual key (a code below 131,072, a year from 1900
/// to 2155) fits 29 bits, and where it was seen fits 32: the sources are numbered in the order
/// they are read, so a source's lines follow the last position of the sources before it. The
/// two share one 64-bit word, 8 bytes a slot of an open-addressing table. Other packed keys
/// take 12 bytes a slot (the key with the source's index, and the line beside it). The words
/// are spread by their mixed bits over 64 tables that each grow by half at 80 % load, so
/// growing never holds two copies of the whole index at once (about 10–15 bytes a commune).
/// The key is the code's exact text, so `6124` and `06124` stay different; a code that does
/// not pack (letters, more digits), or a place beyond these bounds, goes to an ordinary
/// dictionary. Each key has one home, decided by the key alone, and nothing is ever taken for
/// another: no hashes are compared in place of keys.
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

  /// One open-addressing table: `words` hold a key (never 0) in their high bits and a value in
  /// their low `valueBits`; `extra` holds a second value per slot when the table needs one.
  struct Table: Sendable {
    var words: [UInt64] = []
    var extra: [UInt32] = []
    var used = 0
    let valueBits: UInt64
    let hasExtra: Bool

    /// The word and extra value stored for `key`, or nil after storing them (`mixed` is the
    /// key's hash).
    mutating func first(_ key: UInt64, mixed: UInt64, value: UInt64, extra second: UInt32)
      -> (UInt64, UInt32)?
    {
      if (used + 1) * 5 > words.count * 4 { grow() }
      var position = home(mixed)
      while words[position] != 0 {
        if words[position] >> valueBits == key {
          return (words[position] & ((1 << valueBits) - 1), hasExtra ? extra[position] : 0)
        }
        position += 1
        if position == words.count { position = 0 }
      }
      words[position] = key << valueBits | value
      if hasExtra { extra[position] = second }
      used += 1
      return nil
    }

    /// The home slot of a key whose hash is `mixed` (the bits below the table's choice).
    func home(_ mixed: UInt64) -> Int {
      Int((((mixed << DuplicateIndex.tableBits) >> 32) &* UInt64(words.count)) >> 32)
    }

    mutating func grow() {
      let oldWords = words
      let oldExtra = extra
      let capacity = max(256, words.count + words.count / 2)
      words = Array(repeating: 0, count: capacity)
      extra = hasExtra ? Array(repeating: 0, count: capacity) : []
      for index in oldWords.indices where oldWords[index] != 0 {
        var position = home(DuplicateIndex.mix(oldWords[index] >> valueBits))
        while words[position] != 0 {
          position += 1
          if position == words.count { position = 0 }
        }
        words[position] = oldWords[index]
        if hasExtra { extra[position] = oldExtra[index] }
      }
    }
  }

  static let tableBits: UInt64 = 6
  /// Usual keys with their position (32 bits).
  var compact = [Table](repeating: Table(valueBits: 32, hasExtra: false), count: 1 << tableBits)
  /// Other packed keys with their source's index (18 bits) and their line beside.
  var wide = [Table](repeating: Table(valueBits: 18, hasExtra: true), count: 1 << tableBits)
  /// Packed keys whose place fits neither table.
  var overflow: [UInt64: Place] = [:]
  /// Codes that do not pack, with their year.
  var others: [String: Place] = [:]
  /// The sources met, in order, with the position their lines start after.
  var bases: [(source: Int, base: Int)] = []
  /// The last position given.
  var lastPosition = 0
  /// What `touch` read, kept so that its reads are not optimised away.
  var touched: UInt64 = 0

  public init() {}

  /// Where `code` and `year` first appeared, or nil (and the pair is remembered at `source`,
  /// `line`).
  public mutating func first(code: String, year: Int, source: Int, line: Int) -> Place? {
    guard let key = Self.pack(code, year) else {
      return other("\(code)\u{1F}\(year)", source: source, line: line)
    }
    return first(packed: key, source: source, line: line)
  }

  /// Where the commune whose code and year `pack` gave `key` first appeared, or nil (and it is
  /// remembered): the same as `first(code:year:source:line:)` for its code and year.
  public mutating func first(packed key: UInt64, source: Int, line: Int) -> Place? {
    // A key held by the dictionary stays there: each key has one home at a time.
    if !overflow.isEmpty, let place = overflow[key] { return place }
    if let short = Self.compactKey(key) {
      let mixed = Self.mix(short)
      let table = Int(mixed >> (64 - Self.tableBits))
      if let position = position(source: source, line: line) {
        return compact[table].first(short, mixed: mixed, value: position, extra: 0)
          .map { place($0.0) }
      }
      // A place the word cannot hold: the key may be in the table already.
      if let (found, _) = compact[table].lookup(short, mixed: mixed) { return place(found) }
    } else if source < 1 << 18, line >= 0, line <= UInt32.max {
      let mixed = Self.mix(key)
      return wide[Int(mixed >> (64 - Self.tableBits))].first(
        key, mixed: mixed, value: UInt64(source), extra: UInt32(line)
      ).map { Place(source: Int($0.0), line: Int($0.1)) }
    } else {
      let mixed = Self.mix(key)
      if let (source, line) = wide[Int(mixed >> (64 - Self.tableBits))].lookup(key, mixed: mixed) {
        return Place(source: Int(source), line: Int(line))
      }
    }
    overflow[key] = Place(source: source, line: line)
    return nil
  }

  /// Reads the home slot of each usual key among `keys` (zero keys are skipped), so that the
  /// calls of `first(packed:source:line:)` that follow find them in the cache: the reads are
  /// independent, so the processor waits for memory once for them all rather than once a key.
  /// At a million communes the index is several megabytes, and a slot read cold cost about a
  /// tenth of the serial end's time.
  public mutating func touch(_ keys: some Sequence<UInt64>) {
    var seen: UInt64 = 0
    for key in keys where key != 0 {
      guard let short = Self.compactKey(key) else { continue }
      let mixed = Self.mix(short)
      let table = Int(mixed >> (64 - Self.tableBits))
      seen ^= compact[table].peek(mixed)
    }
    touched ^= seen
  }

  mutating func other(_ key: String, source: Int, line: Int) -> Place? {
    if let place = others[key] { return place }
    others[key] = Place(source: source, line: line)
    return nil
  }

  /// The 32-bit position of `line` in `source`, or nil when it has none (a source read out of
  /// order, a position past 32 bits).
  mutating func position(source: Int, line: Int) -> UInt64? {
    if bases.last?.source != source {
      guard source > bases.last?.source ?? -1 else { return nil }
      bases.append((source, lastPosition))
    }
    guard let base = bases.last?.base, line >= 1 else { return nil }
    let position = base + line
    guard position <= UInt32.max else { return nil }
    lastPosition = max(lastPosition, position)
    return UInt64(position)
  }

  /// The source and line at `position`.
  func place(_ position: UInt64) -> Place {
    let position = Int(position)
    let entry = bases.last { $0.base < position } ?? (0, 0)
    return Place(source: entry.source, line: position - entry.base)
  }

  /// The key in 29 bits when its code is below 131,072 and its year within 1900–2155.
  static func compactKey(_ key: UInt64) -> UInt64? {
    let value = (key >> 12) & ((1 << 30) - 1)
    let year = key & 0xFFF
    guard value < 1 << 17, year >= 1900, year < 2156 else { return nil }
    return (key >> 42) << 25 | value << 8 | (year - 1900)
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

extension DuplicateIndex.Table {
  /// The word in the home slot of a key whose hash is `mixed` (0 when the table is empty).
  @inline(__always)
  func peek(_ mixed: UInt64) -> UInt64 {
    words.isEmpty ? 0 : words[home(mixed)]
  }

  /// The value stored for `key`, without storing anything.
  func lookup(_ key: UInt64, mixed: UInt64) -> (UInt64, UInt32)? {
    guard !words.isEmpty else { return nil }
    var position = home(mixed)
    while words[position] != 0 {
      if words[position] >> valueBits == key {
        return (words[position] & ((1 << valueBits) - 1), hasExtra ? extra[position] : 0)
      }
      position += 1
      if position == words.count { position = 0 }
    }
    return nil
  }
}
