import CommuneScoring

/// A one-sheet .xlsx workbook: text cells stay text (commune codes keep their leading zeros),
/// numbers stay numbers, Vietnamese needs no encoding guess.
public struct XLSXWriter {
  /// One cell.
  public enum Cell: Sendable, Equatable {
    case text(String)
    case number(Int)
    /// A decimal number as written in the file (`0.25`): a number to the spreadsheet.
    case decimal(String)
    case empty

    /// Points held as `units` of `1/scale`: a whole number, or its exact decimal.
    public static func points(_ units: Int, scale: Int) -> Cell {
      scale == 1 || units % scale == 0
        ? .number(units / scale) : .decimal(PointScale.text(units, scale: scale))
    }
  }

  public let sheetName: String
  var rows: [String] = []

  public init(sheetName: String) { self.sheetName = sheetName }

  /// The spreadsheet column name of a 0-based index: A … Z, AA …
  public static func column(_ index: Int) -> String {
    var index = index
    var name = ""
    repeat {
      name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
      index = index / 26 - 1
    } while index >= 0
    return name
  }

  /// Appends a row.
  public mutating func add(_ cells: [Cell]) {
    let number = rows.count + 1
    var xml = "<row r=\"\(number)\">"
    for (index, cell) in cells.enumerated() {
      let reference = Self.column(index) + String(number)
      switch cell {
      case .text(let text):
        xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(HTML.escape(text))</t></is></c>"
      case .number(let value): xml += "<c r=\"\(reference)\"><v>\(value)</v></c>"
      case .decimal(let value): xml += "<c r=\"\(reference)\"><v>\(value)</v></c>"
      case .empty: continue
      }
    }
    rows.append(xml + "</row>")
  }

  /// The workbook's bytes.
  public func data() -> [UInt8] {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    var zip = ZipArchive()
    zip.add(
      "[Content_Types].xml",
      Array(
        (header
          + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
          + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
          + "</Types>").utf8))
    zip.add(
      "_rels/.rels",
      Array(
        (header
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
          .utf8))
    zip.add(
      "xl/workbook.xml",
      Array(
        (header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>"
          + "<sheet name=\"\(HTML.escape(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
          .utf8))
    zip.add(
      "xl/_rels/workbook.xml.rels",
      Array(
        (header
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")
          .utf8))
    var sheet = header + "<worksheet xmlns=\"\(main)\"><sheetData>"
    sheet += rows.joined()
    sheet += "</sheetData></worksheet>"
    zip.add("xl/worksheets/sheet1.xml", Array(sheet.utf8))
    return zip.finish()
  }
}
