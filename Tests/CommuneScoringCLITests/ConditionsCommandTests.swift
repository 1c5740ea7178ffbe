import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// `cfc` with rulebooks that use general gate conditions and recognition minimums.
@Suite("Gate conditions and minimums through the command line")
struct ConditionsCommandTests {
  let gates = Repo.path("Tests/Fixtures/rulebooks/gates.json")
  func record(_ name: String) -> String { Repo.path("Tests/Fixtures/conditions/\(name)") }

  /// The text with its lines joined: the report wraps long sentences at 80 columns.
  func flat(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  @Test(
    "an officer reads why each criterion was zeroed and the cheapest way out, in both languages")
  func assessText() {
    let vi = cfc("assess", "--rulebook", gates, record("gates-vaccination-low.json"))
    #expect(vi.code == 0, "\(vi.stderr)")
    #expect(
      flat(vi.stdout).contains(
        "Tiêu chí C1 (Chăm sóc sức khỏe trẻ em) bị 0 điểm vì Số trẻ em được tiêm chủng đầy đủ / Số trẻ em dưới 16 tuổi = 4/10 = 40%, dưới 50%"
      ))
    #expect(
      flat(vi.stdout).contains(
        "bị 0 điểm vì Có kế hoạch bảo vệ trẻ em được phê duyệt: không — không tiêu chí nào được 0 điểm"
      ))
    #expect(
      flat(vi.stdout).contains(
        "C3.G: bảo đảm Có kế hoạch bảo vệ trẻ em được phê duyệt → +13 điểm"))
    let en = cfc("assess", "--rulebook", gates, "--lang", "en", record("gates-death.json"))
    #expect(
      flat(en.stdout).contains(
        "C2.G3 More than 5,000 abused children per 100,000 scores criterion 2 at 0: Children abused (abuse_cases) / Children under 16 (children) = 1/12 = 8,333.33 per 100,000 (the criterion scores 0 when above 5,000 per 100,000) → criterion scores 0"
      ))
    #expect(flat(en.stdout).contains("this cannot be undone within the period"))
  }

  @Test("the JSON result says what each general gate read; a missing figure leaves it undecided")
  func assessJSON() throws {
    let run = cfc(
      "assess", "--rulebook", gates, "--format", "json", record("gates-missing.json"))
    #expect(run.code == 0, "\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(object["status"] as? String == "incomplete")
    let criteria = try #require(object["criteria"] as? [[String: Any]])
    let c2gates = try #require(criteria[1]["gates"] as? [[String: Any]])
    #expect(c2gates[0]["condition"] == nil)  // the original form is written as before
    #expect(c2gates[2]["zeroesCriterion"] is NSNull)
    #expect((c2gates[2]["inputs"] as? [String: Any])?["children"] as? Int == 10)
    #expect((c2gates[2]["inputs"] as? [String: Any])?["abuse_cases"] is NSNull)
    #expect(criteria[1]["missingFields"] as? [String] == ["abuse_cases"])
  }

  @Test("rulebook validate accepts the example and names the JSON path of a mistake")
  func validate() throws {
    #expect(cfc("rulebook", "validate", gates).code == 0)
    let folder = try temporaryFolder()
    let broken = folder.appendingPathComponent("broken.json")
    let text = try String(contentsOfFile: gates, encoding: .utf8).replacing(
      #""below": 50"#, with: #""below": 150"#)
    try Data(text.utf8).write(to: broken)
    let run = cfc("rulebook", "validate", broken.path)
    #expect(run.code == 65)
    #expect(
      run.stderr.contains(
        "tại criteria[0].gates[0].when: 'below': 150: ngưỡng tỷ lệ là phần trăm từ 0 đến 100"))
    #expect(
      cfc("rulebook", "validate", broken.path, "--lang", "en").stderr.contains(
        "at criteria[0].gates[0].when: 'below': 150: a rate limit is a percentage from 0 to 100"))
  }
}

@Suite("Recognition minimums through the command line")
struct MinimumsCommandTests {
  let minimums = Repo.path("Tests/Fixtures/rulebooks/minimums.json")
  func record(_ name: String) -> String { Repo.path("Tests/Fixtures/conditions/\(name)") }
  func flat(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  @Test("a criterion short of 85 is named with its minimum, and the path lifts it")
  func assess() throws {
    let vi = cfc("assess", "--rulebook", minimums, record("minimums-short.json"))
    #expect(vi.code == 0, "\(vi.stderr)")
    #expect(
      flat(vi.stdout).contains(
        "Tiêu chí K1 (Khai sinh và bảo vệ trẻ em) đạt 75 điểm, dưới mức tối thiểu 85 điểm để được công nhận"
      ))
    #expect(
      flat(vi.stdout).contains(
        "K1.1: tăng Số trẻ em được đăng ký khai sinh đúng hạn thêm 1 (8/10 → 9/10) → +15 điểm"))
    let en = cfc("assess", "--rulebook", minimums, "--lang", "en", record("minimums-missing.json"))
    #expect(
      flat(en.stdout).contains(
        "Indicator K2.1 (Children fully vaccinated) scored 12.5 points, below its minimum of 25 points for recognition"
      ))
    let json = cfc(
      "assess", "--rulebook", minimums, "--format", "json", record("minimums-short.json"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let codes = (object["reasonCodes"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
    #expect(codes == ["criterion_below_minimum", "below_threshold"])
  }

  @Test(
    "rulebook show states the minimums; the workbook names the minimum a commune falls short of")
  func showAndTemplate() throws {
    let show = cfc("rulebook", "show", "--rulebook", minimums)
    #expect(
      flat(show.stdout).contains(
        "- Mỗi tiêu chí đạt từ 85 điểm trở lên (hoặc mức riêng của tiêu chí)"))
    #expect(flat(show.stdout).contains("tối đa 70; tối thiểu 45 điểm để được công nhận"))
    let folder = try temporaryFolder()
    let blank = folder.appendingPathComponent("bieu.xlsx").path
    let template = cfc("template", "--format", "xlsx", "--rulebook", minimums, "-o", blank)
    #expect(template.code == 0, "\(template.stderr)")
    // The same workbook filled with a commune short of K1's minimum: its verdict cell says why,
    // and `cfc assess` of it agrees with the engine.
    let rulebook = try RulebookLoader.load(
      Array(try Data(contentsOf: URL(fileURLWithPath: minimums))))
    let record = try EvidenceDecoder.decode(
      Array(try Data(contentsOf: URL(fileURLWithPath: record("minimums-short.json")))),
      rulebook: rulebook)
    let filled = folder.appendingPathComponent("xa-gan-dat.xlsx")
    try Data(try TemplateWorkbook(rulebook: rulebook, language: .vi).data(filledWith: record))
      .write(to: filled)
    let run = cfc("assess", "--rulebook", minimums, "--format", "json", filled.path)
    #expect(run.code == 0, "\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let workbook = try #require(object["workbook"] as? [String: Any])
    #expect(workbook["agrees"] as? Bool == true, "\(workbook)")
    let model = try TemplateWorkbook(rulebook: rulebook, language: .vi).model(filledWith: record)
    let verdict = try #require(model.target(of: "cfc_verdict"))
    guard case .formula(_, let cached)? = model.sheets[verdict.sheet].cells[verdict.cell]?.content
    else {
      Issue.record("the verdict is not a formula")
      return
    }
    #expect(
      cached
        == .text(
          "KHÔNG ĐẠT chuẩn: Tiêu chí K1 (Khai sinh và bảo vệ trẻ em) đạt 75 điểm, dưới mức tối thiểu 85 điểm để được công nhận"
        ))
  }
}
