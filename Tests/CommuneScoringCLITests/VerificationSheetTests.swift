import Foundation
import Testing

@Suite("The rulebook's verification sheet and provenance notes")
struct VerificationSheetTests {
  /// Each table row's `data-id` → its `data-path`.
  func rows(_ html: String) -> [String: String] {
    var rows: [String: String] = [:]
    for element in ElementCollector.parse(html).elements where element.name == "tr" {
      if let id = element.attributes["data-id"] { rows[id] = element.attributes["data-path"] }
    }
    return rows
  }

  @Test(
    "the sheet lists every indicator, gate and threshold with its JSON path and boxes to tick, and says how to record the result"
  )
  func shipped() throws {
    let run = cfc("rulebook", "show", "--format", "html")
    #expect(run.code == 0)
    #expect(ElementCollector.parse(run.stdout).error == nil)
    let rows = rows(run.stdout)
    #expect(rows["T1.1"] == "criteria[0].indicators[0].provenance")
    #expect(rows["T13.1"] == "criteria[12].indicators[0].provenance")
    #expect(rows["T3.G"] == "criteria[2].gates[0].provenance")
    #expect(rows["Loại 1"] == "categories[0].threshold")
    // 23 indicators, 2 gates, 3 categories.
    #expect(rows.count == 28)
    let html = run.stdout
    #expect(html.contains("PHIẾU ĐỐI CHIẾU") || html.contains("Phiếu đối chiếu bộ tiêu chí"))
    // The hash stands on its own line, in a fixed-width font, to be compared character by character.
    #expect(html.contains("có mã băm sha256 sau:</p>"))
    #expect(
      html.range(
        of: #"<p class="fingerprint"><code>[0-9a-f]{64}</code></p>"#, options: .regularExpression)
        != nil)
    // The conclusion and the signatures print on one page: never a signature alone.
    #expect(html.contains(#"<div class="ending">"#))
    let ending = try #require(html.components(separatedBy: #"<div class="ending">"#).last)
    #expect(ending.contains("Kết luận (số dòng Đúng"))
    #expect(ending.contains("NGƯỜI ĐỐI CHIẾU"))
    // The rule in words beside the wording (here: not quoted, the reason printed once).
    #expect(html.contains("= 100% → 50; ≥ 98% → 40; ≥ 95% → 25; còn lại → 0"))
    #expect(html.contains("Chưa có nguyên văn [1]"))
    #expect(
      html.contains(
        "[1] Chưa có nguyên văn: tài liệu đặc tả của dự án không chép lời văn chính thức"))
    #expect(html.components(separatedBy: "<td>☐</td>").count - 1 == 2 * 28)
    // (Quotes are escaped in HTML.)
    #expect(html.contains("đặt &quot;status&quot;: &quot;verified&quot;"))
    #expect(html.contains("&quot;quote&quot;: {&quot;text&quot;: &quot;…&quot;}"))
    #expect(html.contains("NGƯỜI ĐỐI CHIẾU"))
  }

  @Test("a verified rule shows its source, article, clause and the quoted wording")
  func quoted() throws {
    let run = cfc(
      "rulebook", "show", "--format", "html", "--lang", "en", "--rulebook",
      Repo.path("Tests/Fixtures/rulebooks/styles.json"))
    #expect(run.code == 0)
    #expect(run.stdout.contains("[verified] — Bảng điểm mẫu, Điều 3, khoản 2 — “Trên 20%"))
    #expect(run.stdout.contains("Ward: at least 40 points; every criterion assessed"))
    #expect(run.stdout.contains("Mountain commune: at least 38.5 points"))
    #expect(rows(run.stdout)["C3.3"] == "criteria[2].indicators[2].provenance")
  }

  @Test("the sheet as a Word file goes to -o, and only there")
  func docx() throws {
    let folder = try temporaryFolder()
    let path = folder.appendingPathComponent("phieu.docx").path
    let run = cfc("rulebook", "show", "--format", "docx", "-o", path)
    #expect(run.code == 0)
    let bytes = try #require(FileManager.default.contents(atPath: path))
    #expect(bytes.prefix(2) == Data("PK".utf8))
    let xml = try DocxText.documentXML(path)
    // The title in capitals (w:caps), its last two words held together.
    #expect(xml.contains("<w:caps/>"))
    #expect(xml.contains("VỚI VĂN BẢN GỐC") || xml.contains("với văn bản\u{00A0}gốc"))
    // The conclusion keeps with the signatures that follow it.
    let conclusion = try #require(xml.range(of: "Kết luận (số dòng Đúng"))
    let paragraphStart = try #require(
      xml.range(of: "<w:p>", options: .backwards, range: xml.startIndex..<conclusion.lowerBound))
    #expect(xml[paragraphStart.lowerBound..<conclusion.lowerBound].contains("<w:keepNext/>"))
    #expect(cfc("rulebook", "show", "--format", "pdf").code == 64)
  }

  @Test("recognition minimums are lines to tick, at the path where each is written")
  func minimums() {
    let run = cfc(
      "rulebook", "show", "--rulebook", Repo.path("Tests/Fixtures/rulebooks/minimums.json"),
      "--format", "html")
    #expect(run.code == 0)
    let lines = rows(run.stdout)
    #expect(lines["Tối thiểu"] == "recognition.minimumPerCriterion")
    #expect(lines["K3"] == "criteria[2].minimumPoints")
    #expect(run.stdout.contains("Mỗi tiêu chí đạt từ 85 điểm trở lên"))
    #expect(run.stdout.contains("Tiêu chí K3 đạt từ 50 điểm trở lên"))
    #expect(run.stdout.contains("tối thiểu 45 điểm để được công nhận"))
  }

  @Test("rulebook show prints each provenance note in the chosen language")
  func notes() {
    let en = cfc("rulebook", "show", "--lang", "en").stdout
    let vi = cfc("rulebook", "show").stdout
    #expect(en.contains("note: brackets below 100% could not be read in the published table"))
    #expect(!en.contains("không đọc được các mức dưới 100%"))
    #expect(vi.contains("ghi chú: không đọc được các mức dưới 100% trong bảng điểm đã công bố"))
    #expect(!vi.contains("brackets below 100% could not be read"))
  }

  @Test("a gate's line shows the condition the engine applies, not only the gate's own label")
  func gateCondition() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var text = try String(
      contentsOfFile: Repo.path("Tests/Fixtures/rulebooks/gates.json"), encoding: .utf8)
    // The label still says 50%; the rule now says 40%: the checker must see the 40.
    text = text.replacingOccurrences(of: "\"below\": 50", with: "\"below\": 40")
    let edited = folder.appendingPathComponent("gates-40.json").path
    try text.write(toFile: edited, atomically: true, encoding: .utf8)
    let sheet = cfc("rulebook", "show", "--rulebook", edited, "--format", "html").stdout
    #expect(sheet.contains("tiêu chí bị 0 điểm khi Số trẻ em được tiêm chủng đầy đủ"))
    #expect(sheet.contains("dưới 40%"))
  }
}
