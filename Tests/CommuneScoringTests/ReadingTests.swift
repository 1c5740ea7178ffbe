import CommuneScoring
import Foundation
import Testing

/// Everything a reader produced for a whole input: what a user would see, in order.
struct ReadOutcome: Equatable {
  /// One entry per record: its line, and the code it decoded to or why it was refused.
  var records: [String] = []
  var notes: [ReadingNote] = []
  var error: EvidenceError?
}

/// Reads `bytes` with the batch reader, fed in chunks of `chunk` bytes.
func read(_ bytes: [UInt8], chunk: Int = 1 << 20, format: BatchReader.Format? = nil)
  -> ReadOutcome
{
  var reader = BatchReader(format: format, rulebook: Repo.rulebook)
  var outcome = ReadOutcome()
  var offset = 0
  while true {
    let end = min(bytes.count, offset + chunk)
    let final = end == bytes.count
    do {
      let batch = try reader.feed(Array(bytes[offset..<end]), final: final)
      outcome.notes += batch.notes
      for record in batch.records {
        guard let decoder = reader.decoder else { continue }
        let decoded = decoder.decode(record, in: batch.bytes)
        outcome.notes += decoded.notes
        switch decoded.result {
        case .success(let value): outcome.records.append("\(decoded.line): \(value.commune.code)")
        case .failure(let error):
          outcome.records.append("\(decoded.line): \(error.issues.map(\.problem))")
        }
      }
    } catch {
      outcome.error = error
      return outcome
    }
    if final { return outcome }
    offset = end
  }
}

func read(_ text: String, chunk: Int = 1 << 20) -> ReadOutcome {
  read(Array(text.utf8), chunk: chunk)
}

let header = "code,name,province,category,year,births,births_registered_on_time\n"

@Suite("Reading: text, records, cells")
struct ReadingTests {
  // MARK: - Line endings and chunking

  static let tricky =
    "sep=,\r\nDANH SÁCH XÃ\r\n" + header.replacingOccurrences(of: "\n", with: "\r\n")
    + "06124,\"Xã \"\"Bằng\"\" Mạc\",Lạng Sơn,standard,2024,10,9\r"
    + "06125,\"Xã\nhai dòng\",Lạng Sơn,standard,2024,10,9\n"
    + "06126,\"Xã lỗi,Lạng Sơn,standard,2024,10,9\r\n"
    + "06127,Xã Bốn,Lạng Sơn,standard,2024,10,9\n"
    + ",,,,,,\n\n"
    + "06128,Xã \"Năm\",Lạng Sơn,standard,2024,10,9\n"
    + "06129,Xã Sáu,Lạng Sơn,standard,2024,10,9"

  @Test("LF, CRLF, a lone CR and quoted line breaks give the right records and lines")
  func lineEndings() {
    let outcome = read(Self.tricky)
    #expect(outcome.error == nil)
    #expect(
      outcome.records == [
        "4: 06124", "5: 06125",
        "7: [CommuneScoring.EvidenceProblem.brokenRecord(CommuneScoring.RecordProblem.unclosedQuote)]",
        "8: 06127",
        "11: [CommuneScoring.EvidenceProblem.brokenRecord(CommuneScoring.RecordProblem.quoteInsideField)]",
        "12: 06129",
      ])
    #expect(outcome.notes == [ReadingNote(line: 3, .skippedBeforeHeader(lines: 1))])
  }

  @Test("any chunking, down to one byte, gives the same records, lines and notes")
  func chunkIndependent() {
    let whole = read(Self.tricky)
    for size in [1, 2, 3, 5, 7, 64] {
      #expect(read(Self.tricky, chunk: size) == whole, "chunks of \(size)")
    }
  }

  @Test("a stray quote costs one record: the lines it would swallow are read again")
  func strayQuote() {
    var text = header
    for number in 1...50 {
      let name = number == 20 ? "\"Xã \(number)" : "Xã \(number)"
      text += "\(10000 + number),\(name),P,standard,2024,10,9\n"
    }
    let outcome = read(text)
    #expect(outcome.records.count == 50)
    #expect(
      outcome.records.filter { $0.contains("unclosedQuote") } == [
        "21: [CommuneScoring.EvidenceProblem.brokenRecord(CommuneScoring.RecordProblem.unclosedQuote)]"
      ])
    #expect(outcome.records.last == "51: 10050")
  }

  @Test("a quoted line break in a valid record still spans lines")
  func quotedLineBreak() {
    let outcome = read(
      header + "06124,\"Xã\r\nBằng Mạc\",P,standard,2024,10,9\n06125,B,P,standard,2024,1,1\n")
    #expect(outcome.records == ["2: 06124", "4: 06125"])
  }

  // MARK: - Encodings

  static let sample = "code;name;province;category;year\n06124;Xã Bằng Mạc;Lạng Sơn;standard;2024\n"

  @Test("UTF-16 LE and BE with a byte-order mark are read like UTF-8", arguments: [true, false])
  func utf16(little: Bool) {
    var bytes: [UInt8] = little ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in Self.sample.utf16 {
      bytes +=
        little ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
    }
    #expect(read(bytes, chunk: 3).records == ["2: 06124"])
  }

  @Test("Windows-1258 is detected, composed to NFC and noted")
  func windows1258() throws {
    // "Xã Bằng Mạc" in Windows-1258: a + 0xDE (tilde), ă (0xE3) + 0xCC (grave), a + 0xF2 (dot).
    let bytes =
      Array("code,name,province,category,year\n06124,X".utf8) + [0x61, 0xDE] + Array(" B".utf8)
      + [0xE3, 0xCC] + Array("ng M".utf8) + [0x61, 0xF2] + Array("c,P,standard,2024\n".utf8)
    var reader = BatchReader(format: nil, rulebook: Repo.rulebook)
    let batch = try reader.feed(bytes, final: true)
    #expect(batch.notes == [ReadingNote(line: nil, .encodingAssumed(.windows1258))])
    let record = try #require(batch.records.first)
    let decoded = try #require(reader.decoder).decode(record, in: batch.bytes)
    #expect(try decoded.result.get().commune.name == "Xã Bằng Mạc")
    #expect(try decoded.result.get().commune.name.unicodeScalars.count == 11)
  }

  @Test("bytes that are neither UTF-8 nor Vietnamese in Windows-1258 are refused on their line")
  func refused() {
    let bytes = Array("code,name,province,category,year\n06124,Caf".utf8) + [0x81, 0x0A]
    #expect(read(bytes).error == EvidenceError(.line(2, column: nil), .notUTF8(byte: 0x81)))
  }

  @Test("text in NFD is composed to NFC")
  func nfd() throws {
    let text = Self.sample.decomposedStringWithCanonicalMapping
    var reader = BatchReader(format: nil, rulebook: Repo.rulebook)
    let batch = try reader.feed(Array(text.utf8), final: true)
    let record = try #require(batch.records.first)
    let name = try #require(reader.decoder).decode(record, in: batch.bytes).result.get().commune
      .name
    #expect(name == "Xã Bằng Mạc")
    #expect(Array(name.utf8) == Array("Xã Bằng Mạc".precomposedStringWithCanonicalMapping.utf8))
  }

  // MARK: - Headers and cells

  @Test("headers as people write them: case, spaces, Vietnamese labels, STT, trailing columns")
  func headers() throws {
    let text =
      "BÁO CÁO\tNĂM 2024\n\n STT\tMã xã\tTên xã\t TỈNH \tLoại xã\tNăm\tSố trẻ em sinh ra trong kỳ\t\t\n"
      + "1\t6124\tXã A\tP\tXã, phường, thị trấn còn lại\t2024.0\t118.0\t\t\n"
    var reader = BatchReader(format: nil, rulebook: Repo.rulebook)
    let batch = try reader.feed(Array(text.utf8), final: true)
    let record = try #require(batch.records.first)
    let decoded = try #require(reader.decoder).decode(record, in: batch.bytes)
    let value = try decoded.result.get()
    #expect(value.commune.code == "06124")
    #expect(value.commune.category == "standard")
    #expect(value.year == 2024)
    #expect(value.evidence[try #require(Repo.rulebook.fieldIndex["births"])] == 118)
    #expect(decoded.notes == [ReadingNote(line: 4, .codeRestored(from: "6124", to: "06124"))])
    #expect(batch.notes == [ReadingNote(line: 3, .skippedBeforeHeader(lines: 1))])
  }

  @Test("a repeated column (by id or by label) stops the batch")
  func repeatedColumn() {
    let outcome = read("code,name,province,category,year,births,Số trẻ em sinh ra trong kỳ\n")
    #expect(
      outcome.error
        == EvidenceError(.line(1, column: "births"), .duplicateColumn("births")))
  }

  @Test("an unknown column is reported with a suggestion, even below title rows")
  func unknownColumn() {
    let outcome = read("Danh sách\ncode,name,province,category,year,birhts\n")
    #expect(
      outcome.error
        == EvidenceError(.line(2, column: "birhts"), .unknownField("birhts", suggestion: "births")))
  }

  @Test(
    "numbers: 118.0 is 118; thousands separators, N/A and - are refused with the cell quoted",
    arguments: [
      ("118.0", nil), ("1.460", EvidenceProblem.notWholeNumber(field: "births", text: "1.460")),
      ("N/A", .notANumber(field: "births", text: "N/A")),
      ("-", .notANumber(field: "births", text: "-")),
    ])
  func numbers(cell: String, problem: EvidenceProblem?) {
    let outcome = read("code,name,province,category,year,births\n06124,A,P,standard,2024,\(cell)\n")
    #expect(outcome.records == [problem.map { "2: \([$0])" } ?? "2: 06124"])
  }

  @Test(
    "a code that cannot be a commune code is an error", arguments: ["123456", "AB12", "06 124"])
  func badCode(code: String) {
    let outcome = read("code,name,province,category,year\n\(code),A,P,standard,2024\n")
    #expect(outcome.records == ["2: \([EvidenceProblem.notACommuneCode(code, digits: 5)])"])
  }

  // MARK: - JSON

  static func jsonRecord(_ code: String) -> String {
    "{\"commune\": {\"code\": \"\(code)\", \"name\": \"A\", \"province\": \"P\", \"category\": \"standard\"},\n \"year\": 2024, \"evidence\": {}}"
  }

  @Test("a JSON array with a missing comma loses only the record after it")
  func missingComma() {
    let text =
      "[\n" + Self.jsonRecord("00001") + ",\n" + Self.jsonRecord("00002") + "\n"
      + Self.jsonRecord("00003") + ",\n" + Self.jsonRecord("00004") + "\n]\n"
    let outcome = read(Array(text.utf8), format: .json)
    #expect(outcome.records.count == 4)
    #expect(outcome.records[2] == "6: \([EvidenceProblem.brokenRecord(.missingComma)])")
    #expect(outcome.records[3] == "8: 00004")
  }

  @Test("a JSON array with a missing brace or a stray quote loses only that record")
  func brokenJSON() {
    let text =
      "[\n" + Self.jsonRecord("00001").dropLast() + ",\n" + Self.jsonRecord("00002")
      + ",\n" + Self.jsonRecord("00003").replacingOccurrences(of: "\"A\"", with: "\"A\"B\"")
      + ",\n" + Self.jsonRecord("00004") + "\n]\n"
    for chunk in [1, 7, 1 << 20] {
      let outcome = read(Array(text.utf8), chunk: chunk, format: .json)
      #expect(outcome.records.count == 4, "chunks of \(chunk)")
      #expect(outcome.records[0].hasPrefix("2: [CommuneScoring.EvidenceProblem.brokenRecord"))
      #expect(outcome.records[1] == "4: 00002")
      #expect(outcome.records[2].hasPrefix("6: [CommuneScoring.EvidenceProblem.brokenRecord"))
      #expect(outcome.records[3] == "8: 00004")
    }
  }
}
