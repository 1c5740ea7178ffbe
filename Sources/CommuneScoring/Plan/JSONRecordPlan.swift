/// The byte fast path of JSON records (JSON Lines, or the records of a JSON array): a record's
/// raw bytes → its identity texts (as ranges) and its figures (integers in a reusable slot
/// buffer), without making a single string or JSON value.
///
/// It reads only records it is certain of, exactly as `FlatRecordReader` and `EvidenceDecoder`
/// would read them: one object with `commune`, `evidence` and `year`, and optionally `rulebook`
/// (the reading rulebook's own id, or null), `note` and `$schema` (text or null), keys in any
/// order and none repeated; `commune` holds `code` (1 to 9 digits), `name`, `province`,
/// `category` (a category's id) and optionally `district`, as texts; `evidence` holds declared
/// fields, each once, as `true`/`false` for a flag, plain digits (at most 18, no sign) for a
/// count, or null. A district is null, absent or not empty. Every text is well-formed UTF-8 without an escape or a control character;
/// a required text starts with a character that is surely not a space. Anything else (an
/// escape, a fraction, a sign, a `review` or `sources`, an unknown or repeated key, another
/// rulebook's id, a year out of range, …) is refused, and the general path reads the record,
/// with its messages.
struct JSONRecordPlan: Sendable {
  /// Each field's id as bytes, by field index.
  let fieldKeys: [[UInt8]]
  let fieldIsFlag: [Bool]
  /// Field lookup by key: open addressing over `hash(key) & mask`, field index + 1 (0: empty).
  let table: [Int32]
  let mask: Int
  /// Each category's id as bytes (index: the category's index in the rulebook).
  let categoryIDs: PlannedCategoryIDs
  /// The category ids a record may name, with the index `Rulebook.categoryIndex` gives.
  let categoryCells: [([UInt8], Int)]
  /// The reading rulebook's id: the only one a record may name on this path.
  let rulebookID: [UInt8]
  let scoring: ScoringPlan

  /// The fast path of records read with `rulebook`, or nil when none could take it.
  init?(rulebook: Rulebook, scoring: ScoringPlan) {
    guard rulebook.fields.count == scoring.fieldCount, rulebook.fields.count < Int32.max - 1
    else { return nil }
    let keys = rulebook.fields.map { Array($0.id.utf8) }
    // A key is matched by its bytes up to the closing quote: an id with a quote, a backslash
    // or a control character could not be written that way.
    for key in keys
    where key.isEmpty || key.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
      return nil
    }
    // The general path finds a field by its id (`Rulebook.field`): the plan must find the same.
    for (index, field) in rulebook.fields.enumerated()
    where rulebook.field(field.id)?.index != index {
      return nil
    }
    fieldKeys = keys
    fieldIsFlag = rulebook.fields.map { $0.kind == .flag }
    var size = 16
    while size < keys.count * 4 { size *= 2 }
    var table = [Int32](repeating: 0, count: size)
    for (index, key) in keys.enumerated() {
      var slot = Self.hash(key[...]) & (size - 1)
      while table[slot] != 0 { slot = (slot + 1) & (size - 1) }
      table[slot] = Int32(index + 1)
    }
    self.table = table
    mask = size - 1
    categoryIDs = PlannedCategoryIDs(rulebook)
    var cells: [([UInt8], Int)] = []
    for category in rulebook.categories {
      let bytes = Array(category.id.utf8)
      let index = rulebook.categoryIndex(category.id)
      guard !bytes.isEmpty, index >= 0, !cells.contains(where: { $0.0 == bytes }) else { continue }
      cells.append((bytes, index))
    }
    categoryCells = cells
    rulebookID = Array(rulebook.id.utf8)
    self.scoring = scoring
  }

  /// FNV-1a of a key's bytes.
  @inline(__always)
  static func hash(_ key: ArraySlice<UInt8>) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return Int(truncatingIfNeeded: hash >> 8)
  }

  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for index in range { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01B3 }
    return Int(truncatingIfNeeded: hash >> 8)
  }

  /// The index of the field whose id is `bytes[range]`, or nil.
  func field(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    var slot = Self.hash(bytes, range) & mask
    while true {
      let entry = Int(table[slot])
      guard entry != 0 else { return nil }
      let key = fieldKeys[entry - 1]
      if key.count == range.count,
        key.withUnsafeBufferPointer({ $0.elementsEqual(bytes[range]) })
      {
        return entry - 1
      }
      slot = (slot + 1) & mask
    }
  }

  /// What the fast path read of a record besides its figures.
  typealias Cells = PlannedCells

  /// One worker's memory of how records spell themselves, so that each key is most often
  /// found by one comparison: the field that followed each field in the record before, and
  /// which fields the current record already named.
  struct Habits {
    /// By field index (the last entry: the start of `evidence`), the field that came next.
    var next: [Int]
    /// By field index, the number of the last record that named the field.
    var seen: [UInt32]
    var record: UInt32 = 0

    init(fieldCount: Int) {
      next = Array(repeating: 0, count: fieldCount + 1)
      seen = Array(repeating: 0, count: fieldCount)
    }
  }

  /// Reads the record at `range` of `bytes` into `cells` and `slots` (every slot is written).
  /// False when the general path must read it.
  func read(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, cells: inout Cells,
    slots: UnsafeMutableBufferPointer<Int>, habits: inout Habits
  ) -> Bool {
    var scanner = JSONPlanScanner(bytes: bytes, at: range.lowerBound, end: range.upperBound)
    var seen = 0
    guard scanner.take(UInt8(ascii: "{")) else { return false }
    repeat {
      guard scanner.take(UInt8(ascii: "\"")), let key = scanner.stringBody(),
        scanner.take(UInt8(ascii: ":"))
      else { return false }
      let bit: Int
      switch key.count {
      case 4 where scanner.equals(key, "year"):
        bit = 1
        scanner.space()
        guard let year = scanner.digits(), EvidenceDecoder.plausibleYears.contains(year) else {
          return false
        }
        cells.year = year
      case 7 where scanner.equals(key, "commune"):
        bit = 2
        guard commune(&scanner, &cells) else { return false }
      case 8 where scanner.equals(key, "evidence"):
        bit = 4
        guard evidence(&scanner, slots, &habits) else { return false }
      case 8 where scanner.equals(key, "rulebook"):
        bit = 8
        switch scanner.text() {
        case .text(let id):
          guard rulebookID.withUnsafeBufferPointer({ $0.elementsEqual(bytes[id]) }) else {
            return false
          }
        case .null: break
        case .refused: return false
        }
      case 4 where scanner.equals(key, "note"):
        bit = 16
        if case .refused = scanner.text() { return false }
      case 7 where scanner.equals(key, "$schema"):
        bit = 32
        if case .refused = scanner.text() { return false }
      default: return false
      }
      guard seen & bit == 0 else { return false }
      seen |= bit
    } while scanner.take(UInt8(ascii: ","))
    guard scanner.take(UInt8(ascii: "}")), seen & 7 == 7 else { return false }
    scanner.space()
    guard scanner.at == scanner.end else { return false }
    var code: UInt64 = 0
    for index in cells.code { code = code &* 10 &+ UInt64(bytes[index] &- 0x30) }
    cells.key = UInt64(cells.code.count) << 42 | code << 12 | UInt64(cells.year)
    return true
  }

  /// The `commune` object: its five texts, the required ones present and not blank.
  func commune(_ scanner: inout JSONPlanScanner, _ cells: inout Cells) -> Bool {
    guard scanner.take(UInt8(ascii: "{")) else { return false }
    var seen = 0
    cells.district = 0..<0
    repeat {
      guard scanner.take(UInt8(ascii: "\"")), let key = scanner.stringBody(),
        scanner.take(UInt8(ascii: ":"))
      else { return false }
      let bit: Int
      switch key.count {
      case 4 where scanner.equals(key, "code"): bit = 1
      case 4 where scanner.equals(key, "name"): bit = 2
      case 8 where scanner.equals(key, "province"): bit = 4
      case 8 where scanner.equals(key, "category"): bit = 8
      case 8 where scanner.equals(key, "district"): bit = 16
      default: return false
      }
      guard seen & bit == 0 else { return false }
      seen |= bit
      let value: Range<Int>
      switch scanner.text() {
      case .text(let range): value = range
      case .null:
        // Only the district may be null (as if absent).
        guard bit == 16 else { return false }
        continue
      case .refused: return false
      }
      switch bit {
      case 1:
        guard value.count >= 1, value.count <= 9,
          value.allSatisfy({ scanner.bytes[$0] &- 0x30 < 10 })
        else { return false }
        cells.code = value
      case 2, 4:
        guard Self.startsWithNonSpace(scanner.bytes, value) else { return false }
        if bit == 2 { cells.name = value } else { cells.province = value }
      case 8:
        let text = UnsafeBufferPointer(rebasing: scanner.bytes[value])
        guard let index = categoryCells.firstIndex(where: { $0.0.elementsEqual(text) }) else {
          return false
        }
        cells.category = categoryCells[index].1
      default:
        // An empty district is a district of its own to the general path (JSON writes `""`,
        // not null); a planned row has no way to say so.
        guard !value.isEmpty else { return false }
        cells.district = value
      }
    } while scanner.take(UInt8(ascii: ","))
    return scanner.take(UInt8(ascii: "}")) && seen & 15 == 15
  }

  /// The `evidence` object into `slots`: each declared field at most once.
  func evidence(
    _ scanner: inout JSONPlanScanner, _ slots: UnsafeMutableBufferPointer<Int>,
    _ habits: inout Habits
  ) -> Bool {
    for index in slots.indices { slots[index] = ScoringPlan.missing }
    guard scanner.take(UInt8(ascii: "{")) else { return false }
    if scanner.take(UInt8(ascii: "}")) { return true }
    habits.record &+= 1
    let record = habits.record
    var previous = fieldKeys.count
    repeat {
      guard scanner.take(UInt8(ascii: "\"")) else { return false }
      // Most often the field that followed the previous one in the record before.
      let guess = habits.next[previous]
      let index: Int
      if fieldKeys[guess].withUnsafeBufferPointer({ scanner.takeKey($0) }) {
        index = guess
      } else {
        guard let key = scanner.stringBody(), let found = field(scanner.bytes, key) else {
          return false
        }
        index = found
        habits.next[previous] = found
      }
      guard scanner.take(UInt8(ascii: ":")), habits.seen[index] != record else { return false }
      habits.seen[index] = record
      previous = index
      scanner.space()
      if scanner.literal("null") {
        continue
      } else if fieldIsFlag[index] {
        if scanner.literal("true") {
          slots[index] = 1
        } else if scanner.literal("false") {
          slots[index] = 0
        } else {
          return false
        }
      } else {
        guard let value = scanner.digits() else { return false }
        slots[index] = value
      }
    } while scanner.take(UInt8(ascii: ","))
    return scanner.take(UInt8(ascii: "}"))
  }

  /// Whether the text at `range` surely starts with a character that is not white space
  /// (`Character.isWhitespace`, which decides a blank required text): a visible ASCII
  /// character, or a letter of U+00C0–U+07FF or U+1E00–U+1FFF (Vietnamese `Đ`, `Ấ`, …).
  /// Any other start (a space, or a rarer character) is left to the general path.
  static func startsWithNonSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> Bool
  {
    guard let first = range.first else { return false }
    let lead = bytes[first]
    if lead > 0x20, lead < 0x7F { return true }
    if lead >= 0xC3, lead <= 0xDF { return true }
    return lead == 0xE1 && range.count > 1 && bytes[first + 1] >= 0xB8
  }
}
