import CommuneReports
import Foundation
import Testing

@Suite("Rejected rows of a workbook batch are named by their cell")
struct WorkbookRowErrorTests {
  /// The shipped batch as a workbook whose sheet is `sheet`, with `bad` typed into a cell.
  func workbook(sheet: String, row: Int, column: Int, bad: String) throws -> String {
    let text = try String(contentsOfFile: Repo.path("samples/communes.csv"), encoding: .utf8)
    var writer = XLSXWriter(sheetName: sheet)
    for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
      var cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
        String($0).replacing("\u{FEFF}", with: "")
      }
      if index + 1 == row { cells[column] = bad }
      writer.add(cells.map { Int($0).map(XLSXWriter.Cell.number) ?? .text($0) })
    }
    let path = try temporaryFolder().appendingPathComponent("xa.xlsx").path
    try Data(writer.data()).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("a bad figure is named as the spreadsheet shows its cell, e.g. H4, with the sheet")
  func cell() throws {
    // Row 4, column H (the 8th): a flag.
    let path = try workbook(sheet: "Danh sách", row: 4, column: 7, bad: "abc")
    let vi = cfc("batch", path, "--format", "csv")
    #expect(vi.code == 1)
    #expect(
      vi.stderr.contains(
        "Error: \(path): ô Danh sách!H4 (cột 'village_collaborators_assigned'): "))
    #expect(!vi.stderr.contains("dòng 4"))
    let en = cfc("batch", path, "--format", "json", "--lang", "en")
    #expect(en.stderr.contains(": cell Danh sách!H4 (column 'village_collaborators_assigned'): "))
    #expect(en.stdout.contains("\"cell Danh sách!H4 (column 'village_collaborators_assigned'): "))
  }

  @Test("the same slip in a CSV batch is still named by its line and column")
  func csvLine() throws {
    var lines = try String(contentsOfFile: Repo.path("samples/communes.csv"), encoding: .utf8)
      .split(whereSeparator: \.isNewline).map(String.init)
    var cells = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    cells[7] = "abc"
    lines[3] = cells.joined(separator: ",")
    let path = try temporaryFolder().appendingPathComponent("xa.csv").path
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    let run = cfc("batch", path, "--format", "csv")
    #expect(run.stderr.contains("\(path): dòng 4, cột 'village_collaborators_assigned': "))
  }
}
