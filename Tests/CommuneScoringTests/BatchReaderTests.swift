import CommuneScoring
import Testing

func cells(_ record: CSVRecord) -> [String] { record.cells.indices.map { record.string($0) } }

@Suite("CSV reading (RFC 4180)")
struct CSVTokenizerTests {
  static let text =
    "\u{FEFF}code,name,note\r\n06124,\"Xã Bằng Mạc, Lạng Sơn\",\"say \"\"hi\"\"\nsecond line\"\r\n\r\n06125,Xã Quang Lang,\n06126,x,y"

  @Test("quoted commas, doubled quotes and line breaks; BOM, CRLF and blank lines")
  func whole() {
    var tokenizer = CSVTokenizer()
    let records = tokenizer.feed(Array(Self.text.utf8), final: true)
    #expect(
      records.map(cells) == [
        ["code", "name", "note"], ["06124", "Xã Bằng Mạc, Lạng Sơn", "say \"hi\"\nsecond line"],
        ["06125", "Xã Quang Lang", ""],
        ["06126", "x", "y"],
      ])
    #expect(records.map(\.line) == [1, 2, 5, 6])
    #expect(records.allSatisfy { $0.malformed == nil })
  }

  @Test("fed one byte at a time, the records are the same")
  func byteByByte() {
    var whole = CSVTokenizer()
    let expected = whole.feed(Array(Self.text.utf8), final: true)
    var tokenizer = CSVTokenizer()
    var records: [CSVRecord] = []
    for byte in Self.text.utf8 { records += tokenizer.feed([byte]) }
    records += tokenizer.feed([], final: true)
    #expect(records == expected)
  }

  @Test("stray and unclosed quotes are reported on their row")
  func malformed() {
    var tokenizer = CSVTokenizer()
    let records = tokenizer.feed(Array("a,b\r\n1,x\"y\r\n2,\"open".utf8), final: true)
    #expect(records.count == 3)
    #expect(records[1].malformed == "a quote inside an unquoted field (quote the whole field)")
    #expect(records[2].malformed == "a quoted field is never closed")
  }
}

@Suite("Batch CSV rows")
struct CSVLayoutTests {
  func layout(_ header: String) throws -> CSVLayout {
    var tokenizer = CSVTokenizer()
    let record = try #require(tokenizer.feed(Array(header.utf8), final: true).first)
    return try CSVLayout(header: record, rulebook: Repo.rulebook)
  }

  func row(_ layout: CSVLayout, _ text: String) throws -> Result<EvidenceRecord, EvidenceError> {
    var tokenizer = CSVTokenizer()
    let record = try #require(tokenizer.feed(Array(("h\n" + text).utf8), final: true).last)
    return layout.decode(record)
  }

  @Test("an unknown column stops the batch with a suggestion; a missing identity column too")
  func header() {
    #expect(
      throws: EvidenceError([
        EvidenceIssue(.line(1, column: "birth"), .unknownField("birth", suggestion: "births"))
      ])
    ) {
      try layout("code,name,province,category,year,birth")
    }
    #expect(throws: EvidenceError([EvidenceIssue(.line(1, column: nil), .missingColumn("year"))])) {
      try layout("code,name,province,category,births")
    }
  }

  @Test("flags in every accepted spelling, empty cells missing, columns in any order")
  func values() throws {
    let layout = try layout(
      "births_registered_on_time,code,name,district,province,category,year,births,child_budget_allocated,children_forum_held,children_club_active,play_area_available"
    )
    for (text, expected) in [
      ("1", 1), ("0", 0), ("TRUE", 1), ("false", 0), ("Yes", 1), ("no", 0), ("Có", 1), ("KHÔNG", 0),
      ("có", 1),
    ] {
      let record = try row(layout, "9,1,X,,P,standard,2024,10,\(text),,có,không").get()
      #expect(
        record.evidence[try #require(Repo.rulebook.fieldIndex["child_budget_allocated"])]
          == expected, "\(text)")
      #expect(record.evidence[try #require(Repo.rulebook.fieldIndex["children_forum_held"])] == nil)
      #expect(
        record.evidence[try #require(Repo.rulebook.fieldIndex["births_registered_on_time"])] == 9)
      #expect(record.commune.district == nil)
    }
  }

  @Test("every problem of a bad row is reported with its line and column")
  func badRow() throws {
    let layout = try layout(
      "code,name,province,category,year,births,births_registered_on_time,child_budget_allocated,children_total"
    )
    let failure = try row(layout, "1,X,P,standrd,2024,10,11,maybe,12.5")
    guard case .failure(let error) = failure else {
      Issue.record("expected a failure")
      return
    }
    #expect(
      error.issues == [
        EvidenceIssue(
          .line(2, column: "child_budget_allocated"),
          .wrongType(
            field: "child_budget_allocated", expected: "1/0, true/false, yes/no or có/không",
            found: "'maybe'")),
        EvidenceIssue(
          .line(2, column: "children_total"), .notWholeNumber(field: "children_total", text: "12.5")
        ),
        EvidenceIssue(
          .line(2, column: "category"),
          .unknownCategory(
            "standrd", valid: ["urban_ward", "mountain_island_disadvantaged", "standard"])),
        EvidenceIssue(
          .line(2, column: "births_registered_on_time"),
          .partExceedsWhole(
            part: "births_registered_on_time", partValue: 11, whole: "births", wholeValue: 10)),
      ])
    guard case .failure(let short) = try row(layout, "1,X,P,standard,2024") else {
      Issue.record("expected a failure")
      return
    }
    #expect(
      short.issues == [EvidenceIssue(.line(2, column: nil), .cellCount(found: 5, expected: 9))])
  }
}

@Suite("CSV slices read without copying")
struct CSVSliceTests {
  @Test("a slice gives the same cells and lines as the copying reader, errors included")
  func sameAsCopying() {
    let text =
      "06124,\"Xã Bằng Mạc, Lạng Sơn\",\"say \"\"hi\"\"\nsecond\"\r\n\r\n06125,plain,\n1,x\"y,z\n06126,\"open"
    var tokenizer = CSVTokenizer(startingAtLine: 7)
    let copying = tokenizer.feed(Array(text.utf8), final: true)
    let slice = CSVTokenizer.records(in: Array(text.utf8), startingAtLine: 7)
    #expect(slice.map(cells) == copying.map(cells))
    #expect(slice.map(\.line) == copying.map(\.line))
    #expect(slice.map(\.malformed) == copying.map(\.malformed))
    #expect(slice.map(\.line) == [7, 10, 11, 12])
  }
}

@Suite("Record boundaries")
struct CSVBoundaryTests {
  @Test("record ends skip line breaks inside quotes, at every alignment")
  func ends() {
    for padding in 0..<9 {
      let text =
        String(repeating: "x", count: padding) + ",a\n\"b\nc\",d\r\n"
        + String(repeating: "y", count: 17) + "\n\"q\"\"\"\n"
      let bytes = Array(text.utf8)
      let (ends, lines) = bytes.withUnsafeBufferPointer { CSVBoundaries.recordEnds($0) }
      var expected: [Int] = []
      var inQuotes = false
      for (index, byte) in bytes.enumerated() {
        if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
        if byte == 0x0A, !inQuotes { expected.append(index + 1) }
      }
      #expect(ends == expected, "padding \(padding)")
      #expect(lines == [1, 3, 4, 5], "padding \(padding)")
    }
  }
}

@Suite("Duplicate communes")
struct DuplicateIndexTests {
  @Test("a repeated code and year is found with its file and first line, exactly, at any size")
  func duplicates() {
    var index = DuplicateIndex()
    #expect(index.first(code: "06124", year: 2024, source: 0, line: 2) == nil)
    #expect(index.first(code: "06124", year: 2022, source: 0, line: 3) == nil)
    #expect(index.first(code: "06124", year: 2024, source: 1, line: 4) == .init(source: 0, line: 2))
    // A code without its leading zero is another text: not taken for the first.
    #expect(index.first(code: "6124", year: 2024, source: 0, line: 5) == nil)
    let count = 300_000
    var falseDuplicates = 0
    for number in 0..<count
    where index.first(code: String(10_000_000 + number), year: 2024, source: 2, line: number + 10)
      != nil
    {
      falseDuplicates += 1
    }
    #expect(falseDuplicates == 0)
    #expect(index.first(code: "06124", year: 2024, source: 3, line: 999_999)?.line == 2)
    #expect(
      index.first(code: "10000007", year: 2024, source: 3, line: 9) == .init(source: 2, line: 17))
    #expect(index.first(code: "10000007", year: 2023, source: 3, line: 5) == nil)
    // Codes that do not pack into a number are kept exactly too.
    #expect(index.first(code: "X-1", year: 2024, source: 0, line: 7) == nil)
    #expect(index.first(code: "X-1", year: 2024, source: 0, line: 8) == .init(source: 0, line: 7))
    #expect(index.first(code: "1234567890", year: 2024, source: 0, line: 8) == nil)
    #expect(index.first(code: "1234567890", year: 2024, source: 0, line: 9)?.line == 8)
  }
}
