import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// The entries of a ZIP archive (stored or deflated), each checked against its size and CRC-32
/// by the package's own reader.
func storedEntries(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
  var zip = try ZipReader(bytes)
  var entries: [String: [UInt8]] = [:]
  for entry in zip.entries { entries[entry.name] = try zip.read(entry) }
  return entries
}

@Suite("cfc batch --format xlsx")
struct XLSXCommandTests {
  @Test("the workbook is a valid archive whose list holds the CSV's rows, codes as text")
  func workbook() throws {
    let path = try temporaryFolder().appendingPathComponent("list.xlsx").path
    let run = cfc("batch", Repo.path("samples/communes.csv"), "--format", "xlsx", "-o", path)
    #expect(run.code == 0)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let entries = try storedEntries(bytes)
    #expect(entries.keys.contains("xl/styles.xml"))
    for (name, content) in entries {
      #expect(
        ElementCollector.parse(String(decoding: content, as: UTF8.self)).error == nil,
        "\(name) is not well-formed XML")
    }
    var workbook = try Workbook(bytes)
    #expect(workbook.sheetNames == ["Danh sách xã", "Tổng hợp", "Thẩm định", "Trường số liệu"])
    let rows = try workbook.allRows()
    let phucXa = try #require(
      rows.first { $0.dense.count > 2 && $0.dense[2] == .text("Phường Phúc Xá") })
    #expect(phucXa.dense[1] == .text("00001"))
    #expect(phucXa.dense[7] == .number("1000"))
    #expect(phucXa.dense[9] == .text("Đạt"))
    #expect(
      rows.count
        == 2
        + csvRows(cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv").stdout).count)
  }

  @Test("a workbook saved by LibreOffice is scored exactly as the CSV it came from")
  func workbookInput() throws {
    let csv = cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv")
    for name in [
      "communes-libreoffice.xlsx", "communes-libreoffice.ods",
      "communes-libreoffice-numeric-codes.xlsx", "communes-libreoffice-numeric-codes.ods",
    ] {
      let run = cfc("batch", Repo.path("Tests/Fixtures/workbooks/" + name), "--format", "csv")
      #expect(run.code == 0, "\(name): \(run.stderr)")
      #expect(run.stdout == csv.stdout, "\(name)")
    }
  }

  @Test("an old .xls, a cut archive and an unknown sheet are refused with what to do")
  func refusals() throws {
    let folder = try temporaryFolder()
    let xls = folder.appendingPathComponent("old.xls").path
    try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).write(
      to: URL(fileURLWithPath: xls))
    let old = cfc("batch", xls)
    #expect(old.code == 65)
    #expect(old.stderr.contains("lưu lại dạng .xlsx hoặc CSV UTF-8"))
    let cut = folder.appendingPathComponent("cut.xlsx").path
    let whole = try Data(
      contentsOf: URL(
        fileURLWithPath: Repo.path("Tests/Fixtures/workbooks/communes-libreoffice.xlsx")))
    try whole.prefix(3000).write(to: URL(fileURLWithPath: cut))
    #expect(cfc("batch", cut).code == 65)
    let sheet = cfc(
      "batch", Repo.path("Tests/Fixtures/workbooks/communes-libreoffice.xlsx"), "--sheet",
      "Trang 2",
      "--lang", "en")
    #expect(sheet.code == 65)
    #expect(sheet.stderr.contains("no sheet named 'Trang 2'; sheets: 'communes'"))
  }

  @Test("corrections in a workbook (review.csv saved as .xlsx) give the same result as the CSV")
  func reviewWorkbook() throws {
    let csv = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review", Repo.path("samples/review.csv"),
      "--format", "csv")
    let xlsx = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review",
      Repo.path("Tests/Fixtures/workbooks/review-libreoffice.xlsx"), "--format", "csv")
    #expect(xlsx.code == csv.code)
    #expect(xlsx.stdout == csv.stdout)
  }

  @Test("the same batch gives the same bytes; without -o the binary format is refused")
  func deterministicAndNeedsFile() throws {
    let folder = try temporaryFolder()
    let a = folder.appendingPathComponent("a.xlsx").path
    let b = folder.appendingPathComponent("b.xlsx").path
    #expect(
      cfc(
        "batch", Repo.path("samples/communes.csv"), "--format", "xlsx", "--certified-only", "-o", a
      ).code == 0)
    #expect(
      cfc(
        "batch", Repo.path("samples/communes.csv"), "--format", "xlsx", "--certified-only", "-o", b
      ).code == 0)
    #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
    let sheet = String(
      decoding: try #require(
        try storedEntries(Array(try Data(contentsOf: URL(fileURLWithPath: a))))[
          "xl/worksheets/sheet1.xml"]), as: UTF8.self)
    // The title, the subtitle and the headings, then the three recognised communes.
    #expect(ElementCollector.parse(sheet).elements.filter { $0.name == "row" }.count == 6)
    let refused = cfc(
      "batch", Repo.path("samples/communes.csv"), "--format", "xlsx", "--lang", "en")
    #expect(refused.code == 64)
    #expect(
      refused.stderr.hasPrefix(
        "Error: xlsx is a binary file and cannot be shown on a screen: give -o FILE.xlsx"))
  }
}
