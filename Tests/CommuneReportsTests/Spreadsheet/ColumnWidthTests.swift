import CommuneReports
import CommuneScoring
import Testing

/// The widths of the list's columns, as `<col>` elements say them (1-based column → width).
func listWidths(_ file: [UInt8]) throws -> [Int: Double] {
  var zip = try ZipReader(file)
  let entry = try #require(zip.entries.first { $0.name == "xl/worksheets/sheet1.xml" })
  let xml = String(decoding: try zip.read(entry), as: UTF8.self)
  var widths: [Int: Double] = [:]
  for part in xml.split(separator: "<col ").dropFirst() {
    let attributes = part.prefix { $0 != ">" }
    func value(_ name: String) -> String? {
      guard let start = attributes.range(of: name + "=\"") else { return nil }
      return String(attributes[start.upperBound...].prefix { $0 != "\"" })
    }
    if let column = value("min").flatMap(Int.init), let width = value("width").flatMap(Double.init)
    {
      widths[column] = width
    }
  }
  return widths
}

@Suite("The council's workbook: column widths measured from the names written")
struct ColumnWidthTests {
  @Test("the name, district and province columns fit the longest of each, not a fixed guess")
  func fitted() throws {
    var entries = try sampleEntries()
    let short = try listWidths(councilWorkbook(entries))
    // The shipped names are short: narrower than the old fixed 26 characters, but each fits.
    let longestName = entries.map(\.name.count).max() ?? 0
    #expect(try #require(short[3]) >= Double(longestName) * 0.95)
    #expect(try #require(short[3]) < 26)
    entries[2].name = "Xã Thử Nghiệm Có Một Cái Tên Rất Dài Ơi Là"
    entries[4].district = "Thành phố Buôn Ma Thuột mở rộng"
    let long = try listWidths(councilWorkbook(entries))
    #expect(long[3] == (Double(entries[2].name.count) * 0.95 + 2).rounded(.up))
    #expect(entries[2].name.count == 42)
    #expect(long[4] == (31 * 0.95 + 2).rounded(.up))
    #expect(long[5] == short[5])
  }

  @Test("one very long name is capped, so the other columns stay on the page")
  func capped() throws {
    var entries = try sampleEntries()
    entries[0].name = String(repeating: "Xã Rất Dài ", count: 20)
    #expect(try listWidths(councilWorkbook(entries))[3] == 48)
  }

  @Test(
    "widths come from the first 1,000 communes listed; every commune is still written, in order")
  func boundedSample() throws {
    let samples = try sampleEntries()
    var entries: [BatchEntry] = []
    for index in 0..<1001 {
      var entry = samples[index % samples.count]
      entry.code = String(10000 + index)
      entries.append(entry)
    }
    entries[1000].name = "Xã Cuối Danh Sách Với Một Cái Tên Rất Là Dài Dòng"
    let file = councilWorkbook(entries)
    let widths = try listWidths(file)
    #expect(try #require(widths[3]) < 26)
    var workbook = try Workbook(file)
    let rows = try workbook.allRows()
    #expect(rows.count == 3 + 1001)
    #expect(rows[3].dense[1] == .text("10000"))
    #expect(rows[1003].dense[2] == .text("Xã Cuối Danh Sách Với Một Cái Tên Rất Là Dài Dòng"))
  }
}
