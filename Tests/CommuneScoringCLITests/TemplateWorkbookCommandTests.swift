import CommuneReports
import CommuneScoring
import Foundation
import Testing

@Suite("cfc template --format xlsx and cfc assess of a filled workbook")
struct TemplateWorkbookCommandTests {
  let rulebook: Rulebook = {
    do {
      return try RulebookLoader.load(
        Array(try Data(contentsOf: URL(fileURLWithPath: Repo.path("criteria/qd06-2019.json")))))
    } catch {
      fatalError("the shipped rulebook does not load: \(error)")
    }
  }()

  func record(_ sample: String) throws -> EvidenceRecord {
    try EvidenceDecoder.decode(
      Array(try Data(contentsOf: URL(fileURLWithPath: Repo.path("samples/" + sample)))),
      rulebook: rulebook)
  }

  func write(_ bytes: [UInt8], _ name: String) throws -> String {
    let path = try temporaryFolder().appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// `cfc assess --format json` as a dictionary, without the receipt of the input's bytes and the
  /// workbook comparison (which a JSON record does not have).
  func assessment(_ path: String) throws -> (NSDictionary, Any?) {
    let run = cfc("assess", path, "--format", "json")
    #expect(run.code == 0, "\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    var comparable = object
    comparable["input"] = nil
    comparable["workbook"] = nil
    return (comparable as NSDictionary, object["workbook"])
  }

  @Test("the template is a workbook with every name of the contract, and needs -o")
  func names() throws {
    let path = try temporaryFolder().appendingPathComponent("bieu-tu-danh-gia.xlsx").path
    let run = cfc("template", "--format", "xlsx", "-o", path)
    #expect(run.code == 0, "\(run.stderr)")
    var workbook = try Workbook(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    #expect(workbook.sheetNames == ["Nhập liệu", "Chấm điểm"])
    var expected = ["code", "name", "district", "province", "category", "year"].map { "cfc_" + $0 }
    expected += rulebook.fields.map { "cfc_" + $0.id }
    expected += rulebook.criteria.map { "cfc_" + $0.id } + ["cfc_total", "cfc_verdict"]
    #expect(expected.count == 6 + rulebook.fields.count + 13 + 2)
    for name in expected { #expect(workbook.definedNames[name] != nil, "no defined name \(name)") }
    #expect(workbook.definedNames["cfc_births"]?.description.hasPrefix("Nhập liệu!C") == true)
    #expect(workbook.definedNames["cfc_T1"]?.sheet == "Chấm điểm")
    // Blank, the workbook's results say that figures are missing, not 0.
    let values = try workbook.definedValues()
    #expect(values["cfc_T2"] == .text("chưa có số liệu"))
    #expect(values["cfc_total"] == .number("0"))

    let noOutput = cfc("template", "--format", "xlsx")
    #expect(noOutput.code == 64)
    #expect(noOutput.stderr.contains("-o"))
  }

  @Test("with --lang en the sheets, labels and verdict are in English")
  func english() throws {
    let path = try temporaryFolder().appendingPathComponent("self-assessment.xlsx").path
    #expect(cfc("template", "--format", "xlsx", "--lang", "en", "-o", path).code == 0)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    var workbook = try Workbook(bytes)
    #expect(workbook.sheetNames == ["Input", "Scoring"])
    let input = try workbook.allRows(sheet: "Input").flatMap(\.cells).map(\.value.text)
    #expect(input.contains("Children born in the period"))
    #expect(
      try workbook.definedValues()["cfc_verdict"] == .text("NO CATEGORY CHOSEN: no verdict yet"))
  }

  @Test(
    "a filled workbook assesses exactly like the same figures as a JSON record, and agrees",
    arguments: [
      "bang-mac.json", "vu-quy-kien-xuong.json", "dong-mo-missing.json", "hai-thinh-drowning.json",
    ])
  func sameAsJSON(sample: String) throws {
    let filled = try TemplateWorkbook(rulebook: rulebook, language: .vi).data(
      filledWith: try record(sample))
    let path = try write(filled, "filled.xlsx")
    let (fromWorkbook, comparison) = try assessment(path)
    let (fromJSON, _) = try assessment(Repo.path("samples/" + sample))
    #expect(fromWorkbook == fromJSON)
    let workbook = try #require(comparison as? [String: Any])
    #expect(workbook["agrees"] as? Bool == true)
    let text = cfc("assess", path)
    #expect(
      text.stdout.contains("BẢNG TÍNH: điểm và kết luận trong tệp khớp với kết quả cfc tính lại."))
  }

  @Test("an edited formula result is reported with both values, and the engine's verdict stands")
  func edited() throws {
    let template = TemplateWorkbook(rulebook: rulebook, language: .vi)
    var model = try template.model(filledWith: try record("bang-mac.json"))
    let total = try #require(model.target(of: "cfc_total"))
    let original = try #require(model.sheets[total.sheet].cells[total.cell])
    guard case .formula(let formula, .number(let points)) = original.content else {
      Issue.record("cfc_total is not a formula with a number")
      return
    }
    model.sheets[total.sheet].cells[total.cell]?.content = .formula(formula, cached: .number(999))
    let path = try write(OOXMLPackage.write(model), "edited.xlsx")
    let run = cfc("assess", path)
    #expect(run.code == 0)
    #expect(run.stdout.contains("KHÁC kết quả cfc tính lại"))
    #expect(run.stdout.contains("cfc_total: bảng tính '999' — cfc '\(points)'"))
    #expect(run.stdout.contains("KẾT LUẬN: ĐẠT chuẩn"))
    let (_, comparison) = try assessment(path)
    let workbook = try #require(comparison as? [String: Any])
    #expect(workbook["agrees"] as? Bool == false)
    let differences = try #require(workbook["differences"] as? [[String: Any]])
    #expect(differences.count == 1)
    #expect(differences.first?["name"] as? String == "cfc_total")
    #expect(differences.first?["workbook"] as? String == "999")
    #expect(differences.first?["engine"] as? String == "\(points)")
  }

  @Test("a flag cell that is not có/không is refused with its cell and name")
  func badFlag() throws {
    var model = try TemplateWorkbook(rulebook: rulebook, language: .vi).model(
      filledWith: try record("bang-mac.json"))
    let flag = try #require(model.target(of: "cfc_play_area_available"))
    model.sheets[flag.sheet].cells[flag.cell]?.content = .text("hình như có")
    let path = try write(OOXMLPackage.write(model), "bad.xlsx")
    let run = cfc("assess", path)
    #expect(run.code == 65)
    #expect(
      run.stderr.contains(
        "Nhập liệu!\(flag.cell.reference) (cfc_play_area_available): 'hình như có' không phải 'có' hoặc 'không'"
      ))
  }

  @Test(
    "every bad cell of a filled form is reported, cross-field checks at the cell with its label")
  func everyBadCell() throws {
    var model = try TemplateWorkbook(rulebook: rulebook, language: .vi).model(
      filledWith: try record("bang-mac.json"))
    func set(_ name: String, _ content: CellModel.Content) throws -> String {
      let target = try #require(model.target(of: name))
      model.sheets[target.sheet].cells[target.cell]?.content = content
      return "Nhập liệu!" + target.cell.reference
    }
    let births = try set("cfc_births", .number(118))
    let onTime = try set("cfc_births_registered_on_time", .number(200))
    let respondents = try set("cfc_survey_respondents", .number(10))
    let play = try set("cfc_play_area_available", .text("chắc có"))
    let path = try write(OOXMLPackage.write(model), "badf.xlsx")
    let run = cfc("assess", path)
    #expect(run.code == 65)
    let lines = run.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines.contains(
        "Error: \(path): \(onTime) (Số trẻ em được đăng ký khai sinh đúng quy định, cfc_births_registered_on_time): 'Số trẻ em được đăng ký khai sinh đúng quy định' (200) lớn hơn 'Số trẻ em sinh ra trong kỳ' (\(births): 118); phần không thể lớn hơn tổng"
      ), "\(run.stderr)")
    #expect(
      lines.contains(
        "Error: \(path): \(respondents) (Số người (trẻ em và người dân) được khảo sát, cfc_survey_respondents): 'Số người (trẻ em và người dân) được khảo sát' là 10, dưới mức tối thiểu 30; số liệu này không hợp lệ"
      ), "\(run.stderr)")
    #expect(
      lines.contains(
        "Error: \(path): \(play) (cfc_play_area_available): 'chắc có' không phải 'có' hoặc 'không'"),
      "\(run.stderr)")
    // Officers cannot find JSON paths or field ids in a form.
    #expect(!run.stderr.contains("evidence."))
    #expect(!run.stderr.contains("'births'"))
    // In the order of the form, top to bottom.
    let order = [onTime, play, respondents].compactMap { cell in
      lines.firstIndex { $0.contains(": \(cell) (") }
    }
    #expect(order == order.sorted() && order.count == 3)
  }

  @Test("a commune code typed as a number gets its leading zeros back, with a note naming the cell")
  func codeAsNumber() throws {
    var model = try TemplateWorkbook(rulebook: rulebook, language: .vi).model(
      filledWith: try record("bang-mac.json"))
    let code = try #require(model.target(of: "cfc_code"))
    model.sheets[code.sheet].cells[code.cell]?.content = .number(1)
    let path = try write(OOXMLPackage.write(model), "code.xlsx")
    let run = cfc("assess", path, "--format", "json")
    #expect(run.code == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "Lưu ý: \(path): Nhập liệu!\(code.cell.reference) (cfc_code): mã xã '1' bị mất số 0 ở đầu (ô được nhập dạng số); đã đọc là '00001'"
      ), "\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let commune = try #require(object["commune"] as? [String: Any])
    #expect(commune["code"] as? String == "00001")
  }

  @Test("a blank template is refused with the missing commune code named, not scored as zeros")
  func blank() throws {
    let path = try write(
      try TemplateWorkbook(rulebook: rulebook, language: .vi).data(), "blank.xlsx")
    let run = cfc("assess", path)
    #expect(run.code == 65)
    #expect(run.stderr.contains("Nhập liệu!C7 (cfc_code) chưa được điền"))
  }

  @Test("a truncated workbook is refused in plain words, without a crash")
  func truncated() throws {
    let bytes = try TemplateWorkbook(rulebook: rulebook, language: .vi).data(
      filledWith: try record("bang-mac.json"))
    let path = try write(Array(bytes.prefix(bytes.count / 2)), "cut.xlsx")
    let run = cfc("assess", path, "--lang", "en")
    #expect(run.code == 65)
    #expect(run.stderr.contains("cut.xlsx: the file is not a valid .xlsx/.ods workbook"))
  }

  @Test("a workbook that is not a self-assessment workbook is refused with what to do")
  func otherWorkbook() throws {
    let folder = try temporaryFolder()
    let list = folder.appendingPathComponent("list.xlsx").path
    #expect(
      cfc("batch", Repo.path("samples/communes.csv"), "--format", "xlsx", "-o", list).code <= 1)
    let run = cfc("assess", list)
    #expect(run.code == 65)
    #expect(run.stderr.contains("cfc template --format xlsx"))
  }

  @Test("a workbook made for another rulebook is named as such, not reported cell by cell")
  func otherRulebook() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rulebook = Repo.path("Tests/Fixtures/rulebooks/gates-workbook.json")
    let workbook = folder.appendingPathComponent("bieu.xlsx").path
    #expect(cfc("template", "--format", "xlsx", "--rulebook", rulebook, "-o", workbook).code == 0)
    let run = cfc("assess", workbook)
    #expect(run.code == 65)
    #expect(
      run.stderr.contains(
        "biểu được tạo cho bộ tiêu chí 'gates-workbook-example' nhưng đang dùng bộ tiêu chí 'qd06-2019'"
      ))
    #expect(!run.stderr.contains("cfc_category"), "\(run.stderr)")
    // With its own rulebook the same workbook is read (and its empty cells are reported).
    let own = cfc("assess", workbook, "--rulebook", rulebook)
    #expect(!own.stderr.contains("biểu được tạo cho bộ tiêu chí"))
  }
}
