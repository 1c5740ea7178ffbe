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
