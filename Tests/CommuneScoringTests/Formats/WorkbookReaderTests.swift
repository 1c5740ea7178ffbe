import CommuneScoring
import Testing

@Suite("Workbook reading (xlsx and ods)")
struct WorkbookReaderTests {
  /// The shipped CSV's rows as text cells, for comparison with what a spreadsheet saved.
  static func csvRows() throws -> [[String]] {
    let text = String(decoding: try Repo.bytes("samples/communes.csv"), as: UTF8.self)
    return text.split(whereSeparator: \.isNewline).map { line in
      line.split(separator: ",", omittingEmptySubsequences: false).map {
        String($0).replacingOccurrences(of: "\u{FEFF}", with: "")
      }
    }
  }

  @Test(
    "the shipped batch saved by LibreOffice reads back cell for cell",
    arguments: ["communes-libreoffice.xlsx", "communes-libreoffice.ods"])
  func libreOffice(name: String) throws {
    var workbook = try Workbook(try Repo.bytes("Tests/Fixtures/workbooks/\(name)"))
    #expect(workbook.sheetNames == ["communes"])
    let rows = try workbook.allRows()
    let expected = try Self.csvRows()
    #expect(rows.map(\.number) == Array(1...expected.count))
    for (row, csv) in zip(rows, expected) {
      let cells = row.dense.map { $0?.text ?? "" }
      let trimmed = Array(csv.prefix(cells.count))
      #expect(cells == trimmed, "row \(row.number)")
      #expect(csv.dropFirst(cells.count).allSatisfy { $0.isEmpty })
    }
    // Codes saved as text keep their leading zeros; counts are numbers.
    #expect(rows[1].cells[0].value == .text("06124"))
    #expect(rows[1].cells[10].value == .number("118"))
  }

  @Test(
    "codes a spreadsheet turned into numbers arrive as numbers, without their zeros",
    arguments: [
      "communes-libreoffice-numeric-codes.xlsx", "communes-libreoffice-numeric-codes.ods",
    ])
  func numericCodes(name: String) throws {
    var workbook = try Workbook(try Repo.bytes("Tests/Fixtures/workbooks/\(name)"))
    let rows = try workbook.allRows()
    #expect(rows[1].cells[0].value == .number("6124"))
  }

  @Test("an old binary .xls is refused so that the user can save it again")
  func legacyExcel() {
    let ole2: [UInt8] =
      [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
    #expect(throws: WorkbookError.legacyExcel) { try Workbook(ole2) }
    #expect(WorkbookKind.looksLikeWorkbook(ole2))
  }

  @Test("an unknown sheet name lists the sheets there are")
  func unknownSheet() throws {
    var workbook = try Workbook(
      try Repo.bytes("Tests/Fixtures/workbooks/communes-libreoffice.xlsx"))
    #expect(throws: WorkbookError.unknownSheet("Trang 2", available: ["communes"])) {
      try workbook.rows(sheet: "Trang 2")
    }
    #expect(try workbook.allRows(sheet: " COMMUNES ").count == 7)
  }

  @Test("a ZIP that is not a spreadsheet is named for what it is")
  func notASpreadsheet() throws {
    #expect(throws: WorkbookError.notASpreadsheet(found: "application/zip")) {
      try Workbook(try Repo.bytes("Tests/Fixtures/archives/python-deflated.zip"))
    }
  }

  @Test("numbers are exact decimal text whatever their notation")
  func numberText() {
    #expect(SpreadsheetNumber.plain("1.18E2") == "118")
    #expect(SpreadsheetNumber.plain("118.000") == "118")
    #expect(SpreadsheetNumber.plain("0.5") == "0.5")
    #expect(SpreadsheetNumber.plain("-0") == "0")
    #expect(SpreadsheetNumber.plain("6.124E3") == "6124")
    #expect(SpreadsheetNumber.plain("1E-3") == "0.001")
    #expect(SpreadsheetNumber.plain("12abc") == nil)
    #expect(SpreadsheetNumber.plain("1E999") == nil)
  }

  @Test("cell references read as people write them")
  func references() {
    #expect(CellReference(sheet: "Sheet1", row: 12, column: 2).description == "Sheet1!C12")
    #expect(CellReference.columnName(26) == "AA")
    #expect(CellReference.columnName(16_383) == "XFD")
    #expect(CellReference.parseCell("$C$12")?.row == 12)
    #expect(CellReference.parseCell("$C$12")?.column == 2)
    #expect(CellReference.parseCell("XFE1") == nil)
    #expect(CellReference.parseCell("A0") == nil)
  }
}
