import CommuneScoring

/// The recognised communes of a batch, kept compactly for the certification list (HTML and
/// Word). The list is sorted by province and district, so it can only be written at the end,
/// but it need not hold a `BatchEntry` (five strings and an array) per commune: each commune is
/// a few bytes in blocks of a megabyte (its total, numbers standing for its district, category
/// and rulebook, then its code and name), and the order is a list of their places. About 45
/// bytes a commune, where entries and the rows made from them took about 1.8 KB.
public struct CertifiedList: Sendable {
  /// One recognised commune, read back from its bytes.
  struct Listed {
    var code: String
    var name: String
    var district: Int
    var category: Int
    /// Index into `rulebooks`, nil when the list does not name rulebooks.
    var rulebook: Int?
    var reviewed: Bool
    var total: Int
  }

  /// Bytes per block: a commune's bytes never cross a block's end.
  static let blockSize = 1 << 20
  /// Each commune's bytes: total (8), district (4), category (2), rulebook (2, 0xFFFF for none),
  /// reviewed (1), code length (1), name length (2), code, name.
  static let fixedSize = 20
  var blocks: [[UInt8]] = []
  /// Where each commune's bytes start (block × `blockSize` + offset), in list order once sorted.
  var order: [Int] = []
  /// The districts met so far, each once, and where each stands in `districts`.
  var districts: [DistrictKey] = []
  var districtIndex: [DistrictKey: Int32] = [:]
  var categories: [String] = []
  var rulebooks: [String] = []
  /// Whether `order` is list order (`sort()`).
  var isSorted = true

  public init() {}

  /// The number of communes listed.
  public var count: Int { order.count }

  /// Adds a recognised commune.
  public mutating func append(_ entry: BatchEntry) {
    let key = DistrictKey(province: entry.province, district: entry.district)
    let district: Int32
    if let known = districtIndex[key] {
      district = known
    } else {
      district = Int32(districts.count)
      districts.append(key)
      districtIndex[key] = district
    }
    // A code or name too long for its length field is cut at a character's end; no commune's is.
    let code = Self.prefix(entry.code.utf8, 255)
    let name = Self.prefix(entry.name.utf8, 0xFFFF)
    let size = Self.fixedSize + code.count + name.count
    if blocks.isEmpty || blocks[blocks.count - 1].count + size > Self.blockSize {
      var block: [UInt8] = []
      block.reserveCapacity(Self.blockSize)
      blocks.append(block)
    }
    let last = blocks.count - 1
    order.append(last * Self.blockSize + blocks[last].count)
    let category = Self.index(of: entry.category, in: &categories)
    let rulebook = entry.rulebook.map { Self.index(of: $0, in: &rulebooks) } ?? 0xFFFF
    Self.put(UInt64(bitPattern: Int64(entry.total)), 8, &blocks[last])
    Self.put(UInt64(UInt32(bitPattern: district)), 4, &blocks[last])
    Self.put(UInt64(category), 2, &blocks[last])
    Self.put(UInt64(rulebook), 2, &blocks[last])
    blocks[last].append(entry.reviewed ? 1 : 0)
    blocks[last].append(UInt8(code.count))
    Self.put(UInt64(name.count), 2, &blocks[last])
    blocks[last] += code
    blocks[last] += name
    isSorted = false
  }

  static func put(_ value: UInt64, _ width: Int, _ bytes: inout [UInt8]) {
    for shift in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * shift))) }
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

  func value(_ place: Int, _ offset: Int, _ width: Int) -> UInt64 {
    let block = blocks[place / Self.blockSize]
    let start = place % Self.blockSize + offset
    var value: UInt64 = 0
    for index in 0..<width { value |= UInt64(block[start + index]) << (8 * index) }
    return value
  }

  func district(at place: Int) -> Int { Int(value(place, 8, 4)) }

  /// The code's bytes of the commune at `place`.
  func codeBytes(at place: Int) -> ArraySlice<UInt8> {
    let block = blocks[place / Self.blockSize]
    let start = place % Self.blockSize + Self.fixedSize
    return block[start..<start + Int(value(place, 17, 1))]
  }

  /// The commune whose bytes start at `place`.
  func listed(at place: Int) -> Listed {
    let block = blocks[place / Self.blockSize]
    let start = place % Self.blockSize + Self.fixedSize
    let codeEnd = start + Int(value(place, 17, 1))
    let nameEnd = codeEnd + Int(value(place, 18, 2))
    let rulebook = Int(value(place, 14, 2))
    return Listed(
      code: String(decoding: block[start..<codeEnd], as: UTF8.self),
      name: String(decoding: block[codeEnd..<nameEnd], as: UTF8.self),
      district: district(at: place), category: Int(value(place, 12, 2)),
      rulebook: rulebook == 0xFFFF ? nil : rulebook, reviewed: value(place, 16, 1) != 0,
      total: Int(Int64(bitPattern: value(place, 0, 8))))
  }

  /// The commune at `index` in list order.
  func listed(_ index: Int) -> Listed { listed(at: order[index]) }

  /// Puts the communes in list order: province, district (Vietnamese alphabetical order), then
  /// commune code. Communes of the same district and code (other years) keep input order.
  public mutating func sort() {
    guard !isSorted else { return }
    // Each district's place among the districts met: equal places for keys that sort alike, so
    // comparing places is comparing the keys themselves.
    let byKey = districts.indices.sorted { districts[$0] < districts[$1] }
    var rank = [Int32](repeating: 0, count: districts.count)
    var place: Int32 = 0
    for (position, index) in byKey.enumerated() {
      if position > 0, districts[byKey[position - 1]] < districts[index] { place += 1 }
      rank[index] = place
    }
    let list = self
    order.sort { a, b in
      let (left, right) = (list.district(at: a), list.district(at: b))
      if left != right { return rank[left] < rank[right] }
      return Self.codeLess(list.codeBytes(at: a), list.codeBytes(at: b))
    }
    isSorted = true
  }

  /// Whether code `a` sorts before code `b` as strings do: byte by byte when both are ASCII.
  static func codeLess(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
    guard a.allSatisfy({ $0 < 0x80 }), b.allSatisfy({ $0 < 0x80 }) else {
      return String(decoding: a, as: UTF8.self) < String(decoding: b, as: UTF8.self)
    }
    return a.lexicographicallyPrecedes(b)
  }

  func province(_ index: Int) -> String { districts[district(at: order[index])].province }

  func districtKey(_ index: Int) -> DistrictKey { districts[district(at: order[index])] }

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
