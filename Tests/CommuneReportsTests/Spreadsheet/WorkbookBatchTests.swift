import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// The repository's root.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repositoryBytes(_ path: String) throws -> [UInt8] {
  Array(try Data(contentsOf: repositoryRoot.appendingPathComponent(path)))
}

/// The shipped CSV batch, decoded.
func csvRecords() throws -> [EvidenceRecord] {
  var reader = BatchReader(format: .csv, rulebook: shippedRulebook)
  let batch = try reader.feed(try repositoryBytes("samples/communes.csv"), final: true)
  let decoder = try #require(reader.decoder)
  return try batch.records.map { try decoder.decode($0, in: batch.bytes).result.get() }
}

/// Every row of a workbook batch, decoded.
func workbookRecords(_ bytes: [UInt8], sheet: String? = nil) throws -> [DecodedRecord] {
  var workbook = try Workbook(bytes)
  var batch = try WorkbookBatch(&workbook, sheet: sheet, rulebook: shippedRulebook)
  var records: [DecodedRecord] = []
  while let record = try batch.next() { records.append(record) }
  return records
}

/// A small workbook written by the package's own writer: `rows` of text cells.
func writtenWorkbook(_ rows: [[String]], sheet: String = "Trang 1") -> [UInt8] {
  var stream = XLSXStream()
  var output: [UInt8] = []
  stream.beginSheet(XLSXStream.Layout(name: sheet, widths: []), into: &output)
  for row in rows {
    stream.addRow(row.map { $0.isEmpty ? .empty(nil) : .text($0, .plain) }, into: &output)
  }
  stream.finish(into: &output)
  return output
}

@Suite("Batches read from workbooks")
struct WorkbookBatchTests {
  @Test(
    "the shipped batch saved by LibreOffice decodes to exactly the CSV's records",
    arguments: [
      "communes-libreoffice.xlsx", "communes-libreoffice.ods",
      "communes-libreoffice-numeric-codes.xlsx", "communes-libreoffice-numeric-codes.ods",
    ])
  func sameAsCSV(name: String) throws {
    let expected = try csvRecords()
    let decoded = try workbookRecords(try repositoryBytes("Tests/Fixtures/workbooks/\(name)"))
    #expect(decoded.map(\.line) == Array(2...(expected.count + 1)))
    for (record, csv) in zip(decoded, expected) {
      let record = try record.result.get()
      #expect(record.commune == csv.commune)
      #expect(record.year == csv.year)
      #expect(record.evidence == csv.evidence)
    }
    if name.contains("numeric") {
      // Leading zeros the spreadsheet removed are restored, with a note naming the row.
      #expect(decoded[0].notes.map(\.line) == [2])
    }
  }

  @Test("a bad cell is named by sheet, row and column as the spreadsheet shows them")
  func located() throws {
    let bytes = writtenWorkbook([
      ["DANH SÁCH XÃ"],
      [],
      ["Mã xã", "Tên xã", "Tỉnh", "Loại xã", "Năm", "births"],
      ["06124", "Xã Bằng Mạc", "Lạng Sơn", "standard", "2024", "mười"],
    ])
    let decoded = try workbookRecords(bytes)
    #expect(decoded.count == 1)
    let error = try #require(
      decoded.first.map { record -> EvidenceError? in
        if case .failure(let error) = record.result { return error }
        return nil
      } ?? nil)
    #expect(
      error.issues.first?.location == .cell(sheet: "Trang 1", row: 4, column: 5, name: "births"))
    #expect(ErrorText(.vi).location(error.issues[0].location) == "ô Trang 1!F4 (cột 'births')")
  }

  @Test("a header with an unknown column is refused, naming its cell")
  func unknownColumn() throws {
    let bytes = writtenWorkbook([["code", "name", "province", "category", "year", "birts"]])
    #expect(throws: WorkbookBatchError.self) { try workbookRecords(bytes) }
    var workbook = try Workbook(bytes)
    do {
      _ = try WorkbookBatch(&workbook, sheet: nil, rulebook: shippedRulebook)
      Issue.record("the header was accepted")
    } catch {
      guard case .header(let header) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(
        header.issues.first?.location
          == .cell(sheet: "Trang 1", row: 1, column: 5, name: "birts"))
    }
  }
}

@Suite("Corrections read from workbooks")
struct WorkbookReviewTests {
  @Test("the review CSV saved by LibreOffice as .xlsx gives the same corrections as the CSV")
  func sameAsCSV() throws {
    let csv = try ReviewReader.read(
      try repositoryBytes("samples/review.csv"), rulebook: shippedRulebook)
    let workbook = try WorkbookReview.read(
      try repositoryBytes("Tests/Fixtures/workbooks/review-libreoffice.xlsx"),
      rulebook: shippedRulebook)
    #expect(workbook.issues.isEmpty)
    #expect(workbook.rows.map(\.code) == csv.rows.map(\.code))
    #expect(workbook.rows.map(\.adjustment) == csv.rows.map(\.adjustment))
    #expect(workbook.rows.map(\.line) == csv.rows.map(\.line))
  }

  @Test("the council's workbook has a review sheet that reads back empty until typed into")
  func emptyReviewSheet() throws {
    let bytes = councilWorkbook(try sampleEntries())
    let workbook = try Workbook(bytes)
    #expect(workbook.sheetNames == ["Danh sách xã", "Tổng hợp", "Thẩm định", "Trường số liệu"])
    let table = try WorkbookReview.read(bytes, rulebook: shippedRulebook)
    #expect(table.rows.isEmpty)
    #expect(table.issues.isEmpty)
  }

  @Test("corrections typed under Vietnamese headings on a 'Thẩm định' sheet are read, by label")
  func typedCorrections() throws {
    var stream = XLSXStream()
    var bytes: [UInt8] = []
    stream.beginSheet(XLSXStream.Layout(name: "Danh sách xã", widths: []), into: &bytes)
    stream.addRow([.text("unrelated", .plain)], into: &bytes)
    stream.beginSheet(XLSXStream.Layout(name: "Thẩm định", widths: []), into: &bytes)
    stream.addRow([.text("THẨM ĐỊNH CỦA HỘI ĐỒNG", .title)], into: &bytes)
    stream.addRow(
      ["Mã xã", "Năm", "Trường số liệu", "Giá trị thẩm định", "Lý do", "Hội đồng"].map {
        .text($0, .header)
      }, into: &bytes)
    let label = try #require(shippedRulebook.field("births_registered_on_time")).label.vi
    stream.addRow(
      [
        .text("06124", .code), .number(2024, .number), .text(label, .text), .number(115, .number),
        .text("2 trường hợp đăng ký quá hạn", .text), .text("Hội đồng huyện Chi Lăng", .text),
      ], into: &bytes)
    stream.addRow(
      [.number(6124, .code), .number(2024, .number), .text("birts", .text), .number(1, .number)],
      into: &bytes)
    stream.finish(into: &bytes)
    let table = try WorkbookReview.read(bytes, rulebook: shippedRulebook)
    #expect(table.rows.count == 1)
    #expect(table.rows.first?.code == "06124")
    #expect(table.rows.first?.line == 3)
    #expect(table.rows.first?.adjustment.field == "births_registered_on_time")
    #expect(table.rows.first?.adjustment.value == 115)
    #expect(table.rows.first?.council == "Hội đồng huyện Chi Lăng")
    let places = table.issues.map(\.location)
    // Each problem names the column by the heading the council typed, not by a field id.
    #expect(places.contains(.cell(sheet: "Thẩm định", row: 4, column: 2, name: "Trường số liệu")))
    #expect(places.contains(.cell(sheet: "Thẩm định", row: 4, column: 4, name: "Lý do")))
  }
}

@Suite("Workbook sheets as CSV text for the batch engine")
struct WorkbookCSVTests {
  func decoded(_ bytes: [UInt8]) throws -> [DecodedRecord] {
    var workbook = try Workbook(bytes)
    var batch = try WorkbookBatch(&workbook, sheet: nil, rulebook: shippedRulebook)
    let text = try batch.csvText()
    var reader = BatchReader(format: .csv, rulebook: shippedRulebook)
    let records = try reader.feed(text, final: true)
    let decoder = try #require(reader.decoder)
    return records.records.map { decoder.decode($0, in: records.bytes) }
  }

  @Test(
    "the shipped batch saved by LibreOffice reads through the CSV reader exactly as the CSV",
    arguments: ["communes-libreoffice.xlsx", "communes-libreoffice-numeric-codes.ods"])
  func sameAsCSV(name: String) throws {
    let expected = try csvRecords()
    let records = try decoded(try repositoryBytes("Tests/Fixtures/workbooks/\(name)"))
    #expect(records.map(\.line) == Array(2...(expected.count + 1)))
    #expect(try records.map { try $0.result.get().evidence } == expected.map(\.evidence))
    #expect(try records.map { try $0.result.get().commune } == expected.map(\.commune))
  }

  @Test("line numbers are the sheet's row numbers, past title rows, gaps and cells with commas")
  func rowNumbers() throws {
    let bytes = writtenWorkbook([
      ["DANH SÁCH XÃ, NĂM 2024"],
      [],
      ["Mã xã", "Tên xã", "Huyện", "Tỉnh", "Loại xã", "Năm", "births"],
      [
        "06124", "Xã Bằng Mạc", "Huyện Chi Lăng, \"Lạng Sơn\"", "Lạng Sơn", "standard", "2024",
        "118",
      ],
      [],
      ["06142", "Thị trấn\nĐồng Mỏ", "", "Lạng Sơn", "standard", "2024", "x"],
    ])
    let records = try decoded(bytes)
    #expect(records.map(\.line) == [4, 6])
    #expect(try records[0].result.get().commune.district == "Huyện Chi Lăng, \"Lạng Sơn\"")
    guard case .failure(let error) = records[1].result else {
      Issue.record("a bad count was accepted")
      return
    }
    #expect(error.issues.first?.location == .line(6, column: "births"))
  }
}
