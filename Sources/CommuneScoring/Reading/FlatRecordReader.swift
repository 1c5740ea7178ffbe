/// The fast way through layer 3 → 4 for JSON: one record of the common flat shape, read
/// straight from its bytes into an evidence record, without building a `JSONValue` tree.
///
/// The common shape is what `cfc generate --format jsonl` and most exporters write:
/// `{"commune":{…strings…},"evidence":{field: integer, true, false or null …},"year":…}`,
/// with optionally `rulebook`, `note` and `$schema`, keys in any order, strings without escapes.
/// Anything else (an escape, a fraction, a `review` or `sources`, an unknown or repeated key, a
/// wrong type) and any record that would be refused gives nil: the caller then reads the record
/// with `JSONParser` and `EvidenceDecoder`, which give the error. So this reader never decides an
/// error, and a record it reads is the one the general path would read (a differential test and
/// a fuzz target hold it to that).
struct FlatRecordReader: Sendable {
  /// The rulebook's field ids as bytes, grouped by length (index: the id's length).
  let fieldsByLength: [[(id: [UInt8], index: Int)]]
  let fieldIsFlag: [Bool]
  let rulebook: Rulebook

  init(rulebook: Rulebook) {
    self.rulebook = rulebook
    var byLength: [[(id: [UInt8], index: Int)]] = []
    for (id, index) in rulebook.fieldIndex {
      let bytes = Array(id.utf8)
      while byLength.count <= bytes.count { byLength.append([]) }
      byLength[bytes.count].append((bytes, index))
    }
    fieldsByLength = byLength
    fieldIsFlag = rulebook.fields.map { $0.kind == .flag }
  }

  /// The record in `bytes`, or nil when it is not of the common shape or would be refused.
  func read(_ bytes: ArraySlice<UInt8>) -> EvidenceRecord? {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = FlatScanner(buffer)
      return read(&scanner)
    }
  }

  /// Identity strings as read (nil: absent or null).
  struct Identity {
    var code: String?
    var name: String?
    var district: String?
    var province: String?
    var category: String?
  }

  func read(_ scanner: inout FlatScanner) -> EvidenceRecord? {
    var identity: Identity?
    var values: EvidenceValues?
    var year: Int?
    var rulebookID: String?
    var seen = Set<TopKey>()
    guard scanner.take(UInt8(ascii: "{")) else { return nil }
    repeat {
      guard let key = scanner.key(), let top = TopKey(key), seen.insert(top).inserted else {
        return nil
      }
      switch top {
      case .commune:
        guard let read = commune(&scanner) else { return nil }
        identity = read
      case .evidence:
        guard let read = evidence(&scanner) else { return nil }
        values = read
      case .year:
        guard let number = scanner.integer() else { return nil }
        year = number
      case .rulebook:
        guard let text = scanner.optionalString() else { return nil }
        rulebookID = text
      case .note, .schema:
        guard scanner.optionalString() != nil else { return nil }
      }
    } while scanner.take(UInt8(ascii: ","))
    guard scanner.take(UInt8(ascii: "}")), scanner.atEnd() else { return nil }
    guard let identity, let values, let year,
      let code = Self.required(identity.code), let name = Self.required(identity.name),
      let province = Self.required(identity.province),
      let category = Self.required(identity.category),
      rulebook.category(category) != nil, EvidenceDecoder.plausibleYears.contains(year)
    else { return nil }
    if let rulebookID, rulebookID != rulebook.id, !rulebook.readsRecordsOf.contains(rulebookID) {
      return nil
    }
    guard
      EvidenceValidator.problems(values, rulebook: rulebook, location: { _ in .json(.root) })
        .isEmpty
    else { return nil }
    return EvidenceRecord(
      commune: CommuneIdentity(
        code: code, name: name, district: identity.district, province: province,
        category: category),
      year: year, rulebookID: rulebookID, evidence: values)
  }

  /// A required identity text, or nil when it is absent, null or only spaces.
  static func required(_ text: String?) -> String? {
    guard let text else { return nil }
    // Most texts start with a letter or digit: not blank, without looking further.
    if let first = text.utf8.first, first > 0x20, first < 0x7F { return text }
    return text.allSatisfy(\.isWhitespace) ? nil : text
  }

  enum TopKey: Hashable {
    case commune, evidence, year, rulebook, note, schema

    init?(_ key: UnsafeBufferPointer<UInt8>) {
      switch key.count {
      case 4 where key.elementsEqual("year".utf8): self = .year
      case 4 where key.elementsEqual("note".utf8): self = .note
      case 7 where key.elementsEqual("commune".utf8): self = .commune
      case 7 where key.elementsEqual("$schema".utf8): self = .schema
      case 8 where key.elementsEqual("evidence".utf8): self = .evidence
      case 8 where key.elementsEqual("rulebook".utf8): self = .rulebook
      default: return nil
      }
    }
  }

  func commune(_ scanner: inout FlatScanner) -> Identity? {
    var identity = Identity()
    var seen = 0
    guard scanner.take(UInt8(ascii: "{")) else { return nil }
    if scanner.take(UInt8(ascii: "}")) { return identity }
    repeat {
      guard let key = scanner.key() else { return nil }
      let bit: Int
      switch key.count {
      case 4 where key.elementsEqual("code".utf8): bit = 1
      case 4 where key.elementsEqual("name".utf8): bit = 2
      case 8 where key.elementsEqual("district".utf8): bit = 4
      case 8 where key.elementsEqual("province".utf8): bit = 8
      case 8 where key.elementsEqual("category".utf8): bit = 16
      default: return nil
      }
      guard seen & bit == 0, let text = scanner.optionalString() else { return nil }
      seen |= bit
      switch bit {
      case 1: identity.code = text
      case 2: identity.name = text
      case 4: identity.district = text
      case 8: identity.province = text
      default: identity.category = text
      }
    } while scanner.take(UInt8(ascii: ","))
    guard scanner.take(UInt8(ascii: "}")) else { return nil }
    return identity
  }

  func evidence(_ scanner: inout FlatScanner) -> EvidenceValues? {
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    var seen = [Bool](repeating: false, count: rulebook.fields.count)
    guard scanner.take(UInt8(ascii: "{")) else { return nil }
    if scanner.take(UInt8(ascii: "}")) { return values }
    repeat {
      guard let key = scanner.key(), let index = field(key), !seen[index] else { return nil }
      seen[index] = true
      guard let value = scanner.fieldValue(flag: fieldIsFlag[index]) else { return nil }
      values[index] = value
    } while scanner.take(UInt8(ascii: ","))
    guard scanner.take(UInt8(ascii: "}")) else { return nil }
    return values
  }

  /// The index of the field whose id is `key`, or nil.
  func field(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    guard key.count < fieldsByLength.count else { return nil }
    for candidate in fieldsByLength[key.count] where candidate.id.elementsEqual(key) {
      return candidate.index
    }
    return nil
  }
}

/// Reads the tokens of a flat JSON record from a buffer; every method returns nil (or false) on
/// anything outside the common shape, leaving the record to the general parser.
struct FlatScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var at = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  mutating func skipSpace() {
    while at < bytes.count {
      switch bytes[at] {
      case 0x20, 0x09, 0x0A, 0x0D: at += 1
      default: return
      }
    }
  }

  /// Takes `byte` after any spaces.
  mutating func take(_ byte: UInt8) -> Bool {
    skipSpace()
    guard at < bytes.count, bytes[at] == byte else { return false }
    at += 1
    return true
  }

  mutating func atEnd() -> Bool {
    skipSpace()
    return at == bytes.count
  }

  /// The bytes of a string without escapes, after its opening quote was taken.
  mutating func rawString() -> UnsafeBufferPointer<UInt8>? {
    let start = at
    while at < bytes.count {
      let byte = bytes[at]
      if byte == UInt8(ascii: "\"") {
        defer { at += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<at])
      }
      // An escape or a control character: the general parser decides.
      if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
      at += 1
    }
    return nil
  }

  /// A key and its colon.
  mutating func key() -> UnsafeBufferPointer<UInt8>? {
    guard take(UInt8(ascii: "\"")), let key = rawString(), take(UInt8(ascii: ":")) else {
      return nil
    }
    return key
  }

  /// A string, or null (`.some(nil)`); nil for anything else.
  mutating func optionalString() -> String?? {
    skipSpace()
    if literal("null") { return .some(nil) }
    guard take(UInt8(ascii: "\"")), let raw = rawString() else { return nil }
    guard let text = String(validating: raw, as: UTF8.self) else { return nil }
    return .some(text)
  }

  mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard at + count <= bytes.count else { return false }
    for offset in 0..<count where bytes[at + offset] != word.utf8Start[offset] { return false }
    // A literal ends at a delimiter (`nullx` is not JSON).
    if at + count < bytes.count, FlatScanner.isWordByte(bytes[at + count]) { return false }
    at += count
    return true
  }

  /// A byte that may continue a literal or a number (the splitter's own test, so both readers
  /// end a word at the same byte).
  static func isWordByte(_ byte: UInt8) -> Bool { JSONSplitter.literalByte(byte) }

  /// An integer as JSON writes it (`-?(0|[1-9][0-9]*)`) that fits in 64 bits.
  mutating func integer() -> Int? {
    skipSpace()
    var negative = false
    if at < bytes.count, bytes[at] == UInt8(ascii: "-") {
      negative = true
      at += 1
    }
    let start = at
    var value = 0
    while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 {
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[at] - 0x30))
      // Int.min is left to the general path.
      guard !overflow, !overflow2 else { return nil }
      value = sum
      at += 1
    }
    let digits = at - start
    guard digits > 0, !(digits > 1 && bytes[start] == UInt8(ascii: "0")) else { return nil }
    if at < bytes.count, FlatScanner.isWordByte(bytes[at]) { return nil }
    return negative ? -value : value
  }

  /// A field's value: an integer for a count, true or false for a flag, null for missing
  /// (`.some(nil)`); nil for anything else.
  mutating func fieldValue(flag: Bool) -> Int?? {
    skipSpace()
    if literal("null") { return .some(nil) }
    if flag {
      if literal("true") { return .some(1) }
      if literal("false") { return .some(0) }
      return nil
    }
    guard let number = integer() else { return nil }
    return .some(number)
  }
}
