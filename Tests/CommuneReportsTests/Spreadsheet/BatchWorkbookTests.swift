import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// The shipped batch's communes, assessed, as workbook entries.
func sampleEntries() throws -> [BatchEntry] {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let bytes = Array(try Data(contentsOf: root.appendingPathComponent("samples/communes.csv")))
  var reader = BatchReader(format: .csv, rulebook: shippedRulebook)
  let batch = try reader.feed(bytes, final: true)
  let decoder = try #require(reader.decoder)
  return try batch.records.map { raw in
    let record = try decoder.decode(raw, in: batch.bytes).result.get()
    let score = Evaluator.score(
      record.evidence, category: record.commune.category, rulebook: shippedRulebook)
    return BatchEntry(record, score, reviewed: false)
  }
}

/// Writes a council workbook of `entries` in small pieces, as a stream would.
func councilWorkbook(
  _ entries: [BatchEntry], language: Language = .vi, withReview: Bool = false,
  certifiedOnly: Bool = false
) -> [UInt8] {
  var workbook = BatchWorkbook(
    rulebook: shippedRulebook, language: language, withReview: withReview,
    certifiedOnly: certifiedOnly)
  var file: [UInt8] = []
  var output: [UInt8] = []
  workbook.begin(into: &output)
  file += output
  for entry in entries {
    output.removeAll()
    let own =
      withReview ? BatchWorkbook.OwnResult(total: entry.total - 5, status: .notRecognized) : nil
    workbook.add(entry, own: own, into: &output)
    file += output
  }
  output.removeAll()
  workbook.end(rejected: 1, into: &output)
  return file + output
}

@Suite("The council's workbook")
struct BatchWorkbookTests {
  @Test("it reads back with Vietnamese headings, words for verdicts and categories, codes as text")
  func vietnamese() throws {
    let entries = try sampleEntries()
    let bytes = councilWorkbook(entries)
    try Data(bytes).write(
      to: FileManager.default.temporaryDirectory.appendingPathComponent("cfc-council-preview.xlsx"))
    var workbook = try Workbook(bytes)
    #expect(workbook.sheetNames == ["Danh sách xã", "Tổng hợp", "Thẩm định", "Trường số liệu"])
    let rows = try workbook.allRows()
    #expect(
      rows[0].cells.first?.value
        == .text("KẾT QUẢ ĐÁNH GIÁ XÃ, PHƯỜNG, THỊ TRẤN PHÙ HỢP VỚI TRẺ EM"))
    let header = rows[2].dense.map { $0?.text ?? "" }
    #expect(
      Array(header.prefix(10)) == [
        "STT", "Mã xã", "Tên xã", "Huyện", "Tỉnh", "Loại xã", "Năm", "Tổng điểm", "Điểm chuẩn",
        "Kết quả",
      ])
    let first = rows[3].dense
    #expect(first[0] == .number("1"))
    #expect(first[1] == .text("06124"))
    #expect(first[2] == .text("Xã Bằng Mạc"))
    #expect(first[5] == .text("Xã, thị trấn thuộc miền núi, hải đảo; xã đặc biệt khó khăn"))
    #expect(first[7] == .number(String(entries[0].total)))
    #expect(first[9] == .text("Đạt"))
    #expect(rows.count == 3 + entries.count)
    let summary = try workbook.allRows(sheet: "Tổng hợp").map { $0.dense.map { $0?.text ?? "" } }
    let total = try #require(summary.first { $0.first == "Tổng cộng" })
    #expect(total[1] == String(entries.count))
    #expect(summary.contains { $0.first == "Huyện Chi Lăng, Lạng Sơn" && $0[1] == "3" })
  }

  @Test(
    "verdicts and categories are written once, in the shared-string table; spaces are kept as typed"
  )
  func sharedStringsAndSpaces() throws {
    var entries = try sampleEntries()
    entries[0].name = "Xã  Bằng   Mạc"
    entries[1].name = " Thị trấn Đồng Mỏ\t"
    entries[2].category = "not_a_category"
    let bytes = councilWorkbook(entries, language: .en)
    var archive = try ZipReader(bytes)
    let entry = try #require(archive.entries.first { $0.name == "xl/sharedStrings.xml" })
    let table = String(decoding: try archive.read(entry), as: UTF8.self)
    let expected =
      ["Recognised", "Not recognised", "Incomplete"]
      + shippedRulebook.categories.map(\.name.en)
    #expect(table.contains("uniqueCount=\"\(expected.count)\""))
    #expect(
      table.components(separatedBy: "<si><t>").dropFirst().map {
        String($0.prefix { $0 != "<" })
      } == expected.map { MarkupText.escape($0) })
    let sheet = String(
      decoding: try archive.read(
        try #require(archive.entries.first { $0.name == "xl/worksheets/sheet1.xml" })),
      as: UTF8.self)
    // A verdict refers to the table; a plain name is written without xml:space, a name whose
    // spaces a reader could drop keeps it.
    #expect(sheet.contains("<c s=\"7\" t=\"s\"><v>0</v></c>"))
    #expect(!sheet.contains(">Recognised<"))
    #expect(sheet.contains("<t>Phường Phúc Xá</t>"))
    #expect(sheet.contains("<t xml:space=\"preserve\">Xã  Bằng   Mạc</t>"))
    var workbook = try Workbook(bytes)
    let rows = try workbook.allRows()
    #expect(rows[3].dense[2] == .text("Xã  Bằng   Mạc"))
    #expect(rows[4].dense[2] == .text(" Thị trấn Đồng Mỏ\t"))
    #expect(rows[3].dense[9] == .text(BatchWorkbook.verdict(entries[0].status, .en)))
    #expect(
      rows[4].dense[5]
        == .text(
          expected[3 + shippedRulebook.categories.firstIndex { $0.id == entries[1].category }!]))
    #expect(rows[5].dense[5] == .text("not_a_category"))
  }

  @Test("a text needs xml:space only for spaces at its ends, two in a row, tabs or line ends")
  func preserve() {
    for text in [" a", "a ", "a  b", "a\tb", "a\nb", "a\rb", " ", "  "] {
      #expect(XLSXStream.needsPreserve(text.utf8), "\(text.debugDescription)")
    }
    for text in ["", "a", "a b", "Xã Bằng Mạc", "06124", "a b c"] {
      #expect(!XLSXStream.needsPreserve(text.utf8), "\(text.debugDescription)")
    }
  }

  @Test("with a review, the commune's own total and verdict stand beside the reviewed ones")
  func review() throws {
    let entries = try sampleEntries()
    var workbook = try Workbook(councilWorkbook(entries, language: .en, withReview: true))
    let rows = try workbook.allRows()
    let header = rows[2].dense.map { $0?.text ?? "" }
    #expect(header.suffix(3) == ["Reviewed", "Own total", "Own verdict"])
    let first = rows[3].dense
    #expect(first[first.count - 2] == .number(String(entries[0].total - 5)))
    #expect(first[first.count - 1] == .text("Not recognised"))
  }

  @Test("a certified-only workbook lists only recognised communes but counts them all")
  func certifiedOnly() throws {
    let entries = try sampleEntries()
    var workbook = try Workbook(councilWorkbook(entries, certifiedOnly: true))
    let rows = try workbook.allRows()
    let recognised = entries.filter { $0.status == .recognized }.count
    #expect(rows.count == 3 + recognised)
    let summary = try workbook.allRows(sheet: "Tổng hợp").map { $0.dense.map { $0?.text ?? "" } }
    #expect(summary.first { $0.first == "Tổng cộng" }?[1] == String(entries.count))
  }

  @Test("control characters in a name cannot corrupt the file")
  func controlCharacters() throws {
    var entries = try sampleEntries()
    entries[0].name = "Xã\u{0B} Bằng <Mạc> & \u{1}"
    var workbook = try Workbook(councilWorkbook(entries))
    #expect(try workbook.allRows()[3].dense[2] == .text("Xã Bằng <Mạc> & "))
  }
}
