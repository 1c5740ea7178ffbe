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
  @Test("the workbook is a valid archive whose sheet holds the CSV's rows, codes as text")
  func workbook() throws {
    let path = try temporaryFolder().appendingPathComponent("list.xlsx").path
    let run = cfc("batch", Repo.path("samples/communes.csv"), "--format", "xlsx", "-o", path)
    #expect(run.code == 0)
    let entries = try storedEntries(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    #expect(
      Set(entries.keys) == [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml",
      ])
    for (name, content) in entries {
      #expect(
        ElementCollector.parse(String(decoding: content, as: UTF8.self)).error == nil,
        "\(name) is not well-formed XML")
    }
    let sheet = String(decoding: try #require(entries["xl/worksheets/sheet1.xml"]), as: UTF8.self)
    #expect(
      sheet.contains(
        "<c r=\"A5\" t=\"inlineStr\"><is><t>00001</t></is></c><c r=\"B5\" t=\"inlineStr\"><is><t>Phường Phúc Xá</t></is></c>"
      ))
    #expect(sheet.contains("<c r=\"G5\"><v>1000</v></c>"))
    let rows = ElementCollector.parse(sheet).elements.filter { $0.name == "row" }
    #expect(
      rows.count
        == csvRows(cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv").stdout).count)
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
    #expect(ElementCollector.parse(sheet).elements.filter { $0.name == "row" }.count == 4)
    let refused = cfc(
      "batch", Repo.path("samples/communes.csv"), "--format", "xlsx", "--lang", "en")
    #expect(refused.code == 64)
    #expect(refused.stderr.hasPrefix("Error: xlsx is a binary file: give -o FILE.xlsx"))
  }
}
