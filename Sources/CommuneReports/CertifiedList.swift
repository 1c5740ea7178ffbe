import CommuneScoring

/// The recognised communes of a batch, kept compactly for the certification list (HTML and
/// Word). The list is sorted by province and district, so it can only be written at the end,
/// but it need not hold a `BatchEntry` (five strings and an array) per commune: each commune is
/// a few bytes in blocks of a megabyte, and nothing else until the end, when the order is made
/// (four bytes a commune). About 30 bytes a commune with a generated batch's names, where
/// entries and the rows made from them took about 1.8 KB.
///
/// A commune's bytes, numbers as LEB128 variable-length unsigned integers:
///
///     district (its index in `districts`), code length, the code's UTF-8 bytes,
///     category (index in `categories`), rulebook (index in `rulebooks` plus one, 0 for none),
///     reviewed (0 or 1), total (zigzag: 2n for n ≥ 0, −2n − 1 below), name length, the name
public struct CertifiedList: Sendable {
  /// One recognised commune, read back from its bytes.
  struct Listed: Equatable {
    var code: String
    var name: String
    var district: Int
    var category: Int
    /// Index into `rulebooks`, nil when the list does not name rulebooks.
    var rulebook: Int?
    var reviewed: Bool
    var total: Int
  }

  /// Bytes per block: a commune's bytes never cross a block's end (a longer commune gets a
  /// block of its own).
  static let blockSize = 1 << 20
  var blocks: [[UInt8]] = []
  /// Where each commune's bytes start (block × `blockSize` + offset), in list order; made by
  /// `sort()`, empty before. Four bytes reach 4 GiB of communes' bytes, about a hundred million
  /// recognised communes.
  var order: [UInt32] = []
  /// The number of communes appended.
  public private(set) var count = 0
  /// The districts met so far, each once, and where each stands in `districts`.
  var districts: [DistrictKey] = []
  var districtIndex: [DistrictKey: Int] = [:]
  var categories: [String] = []
  var rulebooks: [String] = []

  public init() {}

  /// Adds a recognised commune.
  public mutating func append(_ entry: BatchEntry) {
    let key = DistrictKey(province: entry.province, district: entry.district)
    let district: Int
    if let known = districtIndex[key] {
      district = known
    } else {
      district = districts.count
      districts.append(key)
      districtIndex[key] = district
    }
    // A code longer than 255 bytes or a name longer than 65,535 is cut at a character's end, as
    // the list always did; no commune's is.
    let code = Self.prefix(entry.code.utf8, 255)
    let name = Self.prefix(entry.name.utf8, 0xFFFF)
    let category = Self.index(of: entry.category, in: &categories)
    let rulebook = entry.rulebook.map { Self.index(of: $0, in: &rulebooks) + 1 } ?? 0
    var bytes: [UInt8] = []
    Self.put(UInt64(district), &bytes)
    bytes.append(UInt8(code.count))
    bytes += code
    Self.put(UInt64(category), &bytes)
    Self.put(UInt64(rulebook), &bytes)
    bytes.append(entry.reviewed ? 1 : 0)
    let total = Int64(entry.total)
    Self.put(total >= 0 ? UInt64(total) << 1 : (UInt64(bitPattern: -(total + 1)) << 1) | 1, &bytes)
    Self.put(UInt64(name.count), &bytes)
    bytes += name
    if blocks.isEmpty || blocks[blocks.count - 1].count + bytes.count > Self.blockSize {
      var block: [UInt8] = []
      block.reserveCapacity(max(Self.blockSize, bytes.count))
      blocks.append(block)
    }
    blocks[blocks.count - 1] += bytes
    count += 1
    order = []
  }

  /// Appends `value` as a LEB128 variable-length unsigned integer.
  static func put(_ value: UInt64, _ bytes: inout [UInt8]) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// The first bytes of `text`, at most `limit`, ending at a character's end.
  static func prefix(_ text: String.UTF8View, _ limit: Int) -> ArraySlice<UInt8> {
    let bytes = Array(text)
    var end = min(bytes.count, limit)
    while end < bytes.count, end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
    return bytes[..<end]
  }

  static func index(of text: String, in table: inout [String]) -> Int {
    if let index = table.firstIndex(of: text) { return index }
    table.append(text)
    return table.count - 1
  }

  /// Reads a commune's bytes from `place` on.
  struct Cursor {
    let block: Int
    var at: Int

    init(_ place: Int) {
      block = place / CertifiedList.blockSize
      at = place % CertifiedList.blockSize
    }

    mutating func number(_ list: CertifiedList) -> UInt64 {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        let byte = list.blocks[block][at]
        at += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return value }
        shift += 7
      }
    }

    /// The next `count` bytes.
    mutating func bytes(_ list: CertifiedList, _ count: Int) -> ArraySlice<UInt8> {
      defer { at += count }
      return list.blocks[block][at..<(at + count)]
    }
  }

  func district(at place: Int) -> Int {
    var cursor = Cursor(place)
    return Int(cursor.number(self))
  }

  /// The code's bytes of the commune at `place`.
  func codeBytes(at place: Int) -> ArraySlice<UInt8> {
    var cursor = Cursor(place)
    _ = cursor.number(self)
    let length = Int(blocks[cursor.block][cursor.at])
    cursor.at += 1
    return cursor.bytes(self, length)
  }

  /// The commune whose bytes start at `place`, and where the next one's would start in its
  /// block.
  func read(at place: Int) -> (Listed, end: Int) {
    var cursor = Cursor(place)
    let district = Int(cursor.number(self))
    let codeLength = Int(blocks[cursor.block][cursor.at])
    cursor.at += 1
    let code = String(decoding: cursor.bytes(self, codeLength), as: UTF8.self)
    let category = Int(cursor.number(self))
    let rulebook = Int(cursor.number(self))
    let reviewed = cursor.bytes(self, 1).first != 0
    let zigzag = cursor.number(self)
    let total = Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
    let name = String(decoding: cursor.bytes(self, Int(cursor.number(self))), as: UTF8.self)
    let listed = Listed(
      code: code, name: name, district: district, category: category,
      rulebook: rulebook == 0 ? nil : rulebook - 1, reviewed: reviewed, total: total)
    return (listed, cursor.at)
  }

  /// The commune whose bytes start at `place`.
  func listed(at place: Int) -> Listed { read(at: place).0 }

  /// The commune at `index` in list order.
  func listed(_ index: Int) -> Listed { listed(at: Int(order[index])) }

  /// The district (index in `districts`) of the commune at `index` in list order.
  func district(_ index: Int) -> Int { district(at: Int(order[index])) }

  /// Puts the communes in list order: province, district (Vietnamese alphabetical order), then
  /// commune code. Communes of the same district and code (other years) keep input order.
  public mutating func sort() {
    guard order.count != count else { return }
    var places: [UInt32] = []
    places.reserveCapacity(count)
    for block in blocks.indices {
      var at = 0
      while at < blocks[block].count {
        let place = block * Self.blockSize + at
        places.append(UInt32(place))
        at = read(at: place).end
      }
    }
    // Each district's place among the districts met: equal places for keys that sort alike, so
    // comparing places is comparing the keys themselves.
    let byKey = districts.indices.sorted { districts[$0] < districts[$1] }
    var rank = [Int32](repeating: 0, count: districts.count)
    var place: Int32 = 0
    for (position, index) in byKey.enumerated() {
      if position > 0, districts[byKey[position - 1]] < districts[index] { place += 1 }
      rank[index] = place
    }
    // `sort` is stable: communes that compare alike keep input order.
    places.sort { a, b in
      let (left, right) = (district(at: Int(a)), district(at: Int(b)))
      if left != right { return rank[left] < rank[right] }
      return Self.codeLess(codeBytes(at: Int(a)), codeBytes(at: Int(b)))
    }
    order = places
  }

  /// Whether code `a` sorts before code `b` as strings do: byte by byte when both are ASCII.
  static func codeLess(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
    guard a.allSatisfy({ $0 < 0x80 }), b.allSatisfy({ $0 < 0x80 }) else {
      return String(decoding: a, as: UTF8.self) < String(decoding: b, as: UTF8.self)
    }
    return a.lexicographicallyPrecedes(b)
  }

  func province(_ index: Int) -> String { districts[district(index)].province }

  func districtKey(_ index: Int) -> DistrictKey { districts[district(index)] }

  /// The runs of `range` (in list order) over which `key` stays the same.
  func runs<Key: Equatable>(_ range: Range<Int>, by key: (Int) -> Key) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var start = range.lowerBound
    for index in range where index > start && key(index) != key(index - 1) {
      runs.append(start..<index)
      start = index
    }
    if start < range.upperBound { runs.append(start..<range.upperBound) }
    return runs
  }
}
