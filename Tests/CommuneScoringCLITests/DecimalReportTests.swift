import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// Reports of a rulebook whose points are decimals (`Tests/Fixtures/rulebooks/styles.json`,
/// counted in hundredths): people read decimal commas, programs read numbers.
@Suite("Decimal points in reports")
struct DecimalReportTests {
  let rulebook = Repo.path("Tests/Fixtures/rulebooks/styles.json")
  let batch = Repo.path("Tests/Fixtures/decimal/communes.csv")
  let later = Repo.path("Tests/Fixtures/decimal/communes-2025.csv")

  @Test("the batch CSV writes decimal points as numbers with a decimal point")
  func csv() {
    let run = cfc("batch", batch, "--rulebook", rulebook, "--format", "csv")
    #expect(run.code == 0)
    #expect(
      run.stdout.contains(
        "00006,Xã Quyết Tiến 6,Huyện Cao Lộc,Lạng Sơn,mountain,2024,17,38.5,not_recognized,6.5,8,2.5,,\r\n"
      ))
    #expect(run.stdout.contains(",2024,16,40,not_recognized,2,11,3,,\r\n"))
  }

  @Test("the batch as text and HTML shows decimal commas, never units of the point scale")
  func textAndHTML() {
    let text = cfc("batch", batch, "--rulebook", rulebook).stdout
    #expect(text.contains("Huyện Cao Lộc         17    38,5  không đạt"))
    #expect(!text.contains("3850"))
    let html = cfc("batch", batch, "--rulebook", rulebook, "--format", "html").stdout
    #expect(html.contains("(từ 38,5 điểm)"))
    #expect(!html.contains("3850"))
  }

  @Test("one commune's sheet: points with commas for people, with points in data attributes")
  func assessHTML() throws {
    let folder = try temporaryFolder()
    let record = folder.appendingPathComponent("xa.json")
    try Data(
      """
      {"commune":{"code":"00006","name":"Xã Quyết Tiến 6","district":"Huyện Cao Lộc","province":"Lạng Sơn","category":"mountain"},
       "year":2024,"evidence":{"children":400,"children_covered":130,"participants":1250,"incidents":1,"activities":1,
       "item_a":true,"item_b":false,"item_c":true,"households":200,"households_reached":30}}
      """.utf8
    ).write(to: record)
    let run = cfc("assess", record.path, "--rulebook", rulebook, "--format", "html")
    #expect(run.code == 0)
    let html = run.stdout
    #expect(html.contains("từ 38,5 điểm trở lên"))
    #expect(html.contains("C1 Bao phủ: 6,5/37"))
    #expect(html.contains(">7,5/10<"))
    #expect(html.contains("data-points=\"6.5\""))
    #expect(html.contains("data-total=\"17\""))
    #expect(!html.contains("650/") && !html.contains(">1700<"))
    let english = cfc(
      "assess", record.path, "--rulebook", rulebook, "--format", "html", "--lang", "en")
    #expect(english.stdout.contains("at least 38.5 points"))
  }

  @Test("cfc compare shows the change in decimal points, and its workbook holds numbers")
  func compare() throws {
    let text = cfc("compare", batch, later, "--rulebook", rulebook).stdout
    #expect(text.contains("2024: 17 không đạt → 2025: 23,5 không đạt (+6,5)"))
    #expect(text.contains("C1 +4, C2 +2,5"))
    let path = try temporaryFolder().appendingPathComponent("so-sanh.xlsx").path
    #expect(
      cfc("compare", batch, later, "--rulebook", rulebook, "--format", "xlsx", "-o", path).code == 0
    )
    let entries = try storedEntries(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    let sheet = String(decoding: entries["xl/worksheets/sheet1.xml"] ?? [], as: UTF8.self)
    #expect(sheet.contains("<v>23.5</v>"))
    #expect(sheet.contains("<v>6.5</v>"))
    #expect(sheet.contains("<v>2.5</v>"))
  }

  @Test("the council's workbook holds decimal points as numbers")
  func batchWorkbook() throws {
    let path = try temporaryFolder().appendingPathComponent("list.xlsx").path
    #expect(cfc("batch", batch, "--rulebook", rulebook, "--format", "xlsx", "-o", path).code == 0)
    var workbook = try Workbook(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    let rows = try workbook.allRows()
    let row = try #require(
      rows.first { $0.dense.count > 2 && $0.dense[2] == .text("Xã Quyết Tiến 6") })
    #expect(row.dense.contains(.number("38.5")))
    #expect(row.dense.contains(.number("6.5")))
    #expect(row.dense.contains(.number("2.5")))
  }
}
