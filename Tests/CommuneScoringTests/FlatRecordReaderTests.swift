import CommuneScoring
import Testing

/// The fast reader of flat JSON records against the general one (`JSONParser` then
/// `EvidenceDecoder`): the same record, or the same error, for every line.
@Suite("Flat JSON records: fast and general readers agree")
struct FlatRecordReaderTests {
  static let rulebook = Repo.rulebook

  /// A plausible record as one JSON line: keys in a random order, random spacing, some figures
  /// missing or null.
  static func line(_ random: inout SplitMix64, number: Int) -> String {
    func space() -> String { ["", "", "", " ", "  ", "\t"][Int(random.next() % 6)] }
    // Figures first (a part never above its whole, mostly), then written in a random order.
    var figures: [String: Int] = [:]
    for field in rulebook.fields where field.kind == .count && field.partOf == nil {
      figures[field.id] = Int(random.next() % 3000)
    }
    for field in rulebook.fields where field.kind == .count && field.partOf != nil {
      let whole = field.partOf.flatMap { figures[$0] } ?? 300
      figures[field.id] = Int(random.next() % UInt64(whole + (random.next() % 50 == 0 ? 5 : 1)))
    }
    var evidence: [String] = []
    for field in rulebook.fields.shuffled(using: &random) {
      switch random.next() % 12 {
      case 0: continue
      case 1: evidence.append("\"\(field.id)\":\(space())null")
      default:
        let value =
          field.kind == .flag
          ? (random.next() % 4 == 0 ? "false" : "true") : String(figures[field.id] ?? 0)
        evidence.append("\"\(field.id)\":\(space())\(value)")
      }
    }
    var commune = [
      "\"code\":\"\(fiveDigits(number))\"", "\"name\":\"Xã Thử Nghiệm \(number)\"",
      "\"province\":\"Lạng Sơn\"",
      "\"category\":\"\(random.next() % 2 == 0 ? "standard" : "mountain_island_disadvantaged")\"",
    ]
    if random.next() % 3 != 0 { commune.append("\"district\":\"Huyện Chi Lăng\"") }
    var top = [
      "\"commune\":{\(commune.shuffled(using: &random).joined(separator: ","+space()))}",
      "\"year\":\(space())\(random.next() % 5 == 0 ? 2019 : 2024)",
      "\"evidence\":{\(evidence.joined(separator: "," + space()))}",
    ]
    if random.next() % 4 == 0 { top.append("\"rulebook\":\"qd06-2019\"") }
    if random.next() % 6 == 0 { top.append("\"note\":\"số liệu minh họa\"") }
    return space() + "{" + top.shuffled(using: &random).joined(separator: "," + space()) + "}"
      + space()
  }

  /// Small damages and unusual but valid spellings, chosen by the generator.
  static func damaged(_ line: String, _ random: inout SplitMix64) -> String {
    var bytes = Array(line.utf8)
    let at = Int(random.next() % UInt64(bytes.count))
    switch random.next() % 16 {
    case 0: bytes.remove(at: at)
    case 1:
      let inserted: [UInt8] = [
        0x22, 0x5C, 0x2C, 0x7D, 0x7B, 0x2E, 0x65, 0x30, 0x2D, 0x20, 0x09, 0x01, 0xC3, 0xFF, 0x3A,
      ]
      bytes.insert(inserted[Int(random.next() % UInt64(inserted.count))], at: at)
    case 2: return line.replacing("\"births\":", with: "\"births\":1.5,\"x\":")
    case 3: return line.replacing(#""year":"#, with: #""year":2024,"year":"#)
    case 4: return line.replacing(#"Xã Thử"#, with: #"X\u00e3 Thử"#)
    case 5: return line.replacing(#"{"#, with: #"{"review":{"adjustments":[]},"#)
    case 6: return line.replacing(#""standard""#, with: #""townlet""#)
    case 7: return line.replacing(#""year":"#, with: #""year":1999,"x":"#)
    case 8: return line.replacing(#""Lạng Sơn""#, with: #""  ""#)
    case 9: return line.replacing(#": 1"#, with: #": 01"#).replacing(#":1"#, with: #":-1"#)
    case 10: return line.replacing(#"true"#, with: #"1"#)
    case 11: return line.replacing(#""rulebook":"qd06-2019""#, with: #""rulebook":"other""#)
    case 12: return line.replacing(#"{"#, with: #"{"sources":{"births":"sổ"},"#)
    case 13: return line.replacing(#""births""#, with: #""birth""#)
    case 14: return line.replacing(#""district":"Huyện Chi Lăng""#, with: #""district":null"#)
    default: bytes.append(UInt8(ascii: "x"))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Decodes `line` both ways; returns whether the fast reader took it.
  @discardableResult
  static func expectSame(_ line: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> Bool
  {
    let bytes = Array(line.utf8)
    let record = RawRecord(line: 7, range: 0..<bytes.count, index: 3)
    let fast = RecordDecoder.jsonLines(rulebook: rulebook, fast: true).decode(record, in: bytes)
    let general = RecordDecoder.jsonLines(rulebook: rulebook, fast: false).decode(
      record, in: bytes)
    #expect(fast.line == general.line, sourceLocation: sourceLocation)
    #expect(fast.result == general.result, "\(line)", sourceLocation: sourceLocation)
    #expect(fast.notes == general.notes, sourceLocation: sourceLocation)
    return (try? fast.result.get()) != nil
  }

  @Test("generated records read the same both ways, and the fast reader takes them")
  func generated() {
    var random = SplitMix64(seed: 12)
    var read = 0
    for number in 1...600 where Self.expectSame(Self.line(&random, number: number)) { read += 1 }
    // Some generated figures break a rule (a part above its whole) and are refused.
    #expect(read > 100)
  }

  @Test("damaged and unusual lines give the same record or the same error both ways")
  func damagedLines() {
    var random = SplitMix64(seed: 99)
    for number in 1...1500 {
      Self.expectSame(Self.damaged(Self.line(&random, number: number), &random))
    }
  }

  @Test("the shipped samples and edge spellings read the same both ways")
  func samples() throws {
    for name in ["bang-mac", "dong-mo-missing", "quang-lang-reviewed", "phuc-xa-ba-dinh"] {
      let text = try String(decoding: Repo.bytes("samples/\(name).json"), as: UTF8.self)
      Self.expectSame(text)
    }
    for line in [
      "", " ", "{}", "[]", "null", "{\"commune\":{}}", #"{"year":-0}"#,
      #"{"year":99999999999999999999}"#, #"{"year":-9223372036854775808}"#, "{\"year\":2024",
    ] {
      Self.expectSame(line)
    }
  }
}

/// `number` as five digits, as commune codes are written.
func fiveDigits(_ number: Int) -> String {
  let digits = String(number)
  return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}
