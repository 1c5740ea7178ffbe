import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// A rulebook of `Tests/Fixtures/rulebooks/`, loaded.
func minimumsFixture(_ name: String) -> Rulebook {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  do {
    return try RulebookLoader.load(
      Array(
        try Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/rulebooks/" + name))))
  } catch {
    fatalError("\(name) does not load: \(error)")
  }
}

/// `minimums.json` (a minimum per criterion, a criterion's own, indicators' minimums, "no
/// criterion at 0") and `minimums-gates.json` (no such rule, gates that zero a criterion whose
/// indicators have minimums, a decimal minimum).
let minimumsRulebook = minimumsFixture("minimums.json")
let minimumsGatesRulebook = minimumsFixture("minimums-gates.json")

@Suite("Recognition minimums in the self-assessment workbook")
struct MinimumFormulaTests {
  /// A commune with figures around the minimums, some missing.
  func record(_ random: inout SplitMix64, _ number: Int, _ rulebook: Rulebook) -> EvidenceRecord {
    func pick(_ range: ClosedRange<Int>) -> Int? {
      Int.random(in: 0..<8, using: &random) == 0 ? nil : Int.random(in: range, using: &random)
    }
    func share(_ children: Int?, _ percents: [Int]) -> Int? {
      guard let children, let percent = percents.randomElement(using: &random) else { return nil }
      let near = percent * children / 100 + Int.random(in: -1...1, using: &random)
      return Int.random(in: 0..<8, using: &random) == 0 ? nil : min(children, max(0, near))
    }
    func flag(_ yes: Int) -> Int? {
      pick(1...100).map { $0 <= yes ? 1 : 0 }
    }
    let children = Int.random(in: 1...200, using: &random)
    let fields: [String: Int?] = [
      "children": children, "births_registered": share(children, [60, 80, 90, 100]),
      "children_vaccinated": share(children, [50, 60, 70, 80, 100]),
      "unsafe_sites": pick(0...3), "officer_assigned": flag(85), "forum_held": flag(80),
      "club_active": flag(75), "child_injuries": pick(0...5).map { $0 == 0 ? 1 : 0 },
      "forum_reported": flag(85),
    ]
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    for (id, value) in fields {
      if let index = rulebook.fieldIndex[id] { values[index] = value }
    }
    return EvidenceRecord(
      commune: CommuneIdentity(
        code: "\(91000 + number)", name: "Xã \(number)", district: nil, province: "Tỉnh Mẫu",
        category: number % 2 == 0 ? "standard" : "mountain"), year: 2024, evidence: values)
  }

  @Test(
    "400 random communes show the engine's points, status and verdict, naming each minimum not met",
    arguments: [
      ("minimums.json", Language.vi), ("minimums.json", .en),
      ("minimums-gates.json", .vi), ("minimums-gates.json", .en),
    ])
  func randomCommunes(rulebookName: String, language: Language) throws {
    let rulebook = rulebookName == "minimums.json" ? minimumsRulebook : minimumsGatesRulebook
    let template = TemplateWorkbook(rulebook: rulebook, language: language)
    let blank = try FormulaEvaluator(try template.model())
    var random = SplitMix64(seed: language == .vi ? 21 : 22)
    var statuses: [AssessmentStatus: Int] = [:]
    var named: [String: Int] = [:]
    for number in 0..<400 {
      let record = record(&random, number, rulebook)
      let engine = Evaluator.evaluate(
        record.evidence, category: record.commune.category, rulebook: rulebook)
      statuses[engine.status, default: 0] += 1
      let expected = template.expectedResults(for: record)
      var evaluator = blank
      try fill(&evaluator, record, rulebook, language)
      for name in expected.names {
        let shown = try evaluator.value(of: name)
        #expect(same(shown, expected.byName[name]), "commune \(number): \(name) shows \(shown)")
      }
      #expect(try evaluator.value(of: "cfc_status") == .text(engine.status.rawValue))
      // The verdict ends with the engine's own sentences of the minimums not met, in order.
      let explainer = Explainer(rulebook: rulebook, language: language)
      let sentences = engine.reasons.compactMap { reason -> String? in
        switch reason {
        case .criterionBelowMinimum: named["criterion \(engine.status)", default: 0] += 1
        case .indicatorBelowMinimum: named["indicator \(engine.status)", default: 0] += 1
        default: return nil
        }
        return explainer.reason(reason, category: record.commune.category)
      }
      guard case .text(let verdict) = try evaluator.value(of: "cfc_verdict") else {
        Issue.record("commune \(number): the verdict is not a text")
        continue
      }
      if sentences.isEmpty {
        #expect(
          !verdict.contains("tối thiểu") && !verdict.contains("minimum"),
          "commune \(number): \(verdict)")
      } else {
        #expect(verdict.hasSuffix(": " + sentences.joined(separator: "; ")), "\(verdict)")
      }
    }
    #expect(statuses.count == 3, "\(statuses)")
    #expect(
      Set(named.keys) == [
        "criterion notRecognized", "criterion incomplete", "indicator notRecognized",
        "indicator incomplete",
      ] || rulebookName == "minimums-gates.json" && named.count >= 3, "\(named)")
  }

  @Test("a total above the threshold with K1 below its minimum reads not recognised, and why")
  func shortOfAMinimum() throws {
    let rulebook = minimumsRulebook
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    for (id, value) in [
      ("children", 10), ("births_registered", 8), ("officer_assigned", 1),
      ("children_vaccinated", 10), ("unsafe_sites", 0), ("forum_held", 1), ("club_active", 1),
    ] {
      values[rulebook.fieldIndex[id] ?? 0] = value
    }
    let record = EvidenceRecord(
      commune: CommuneIdentity(
        code: "91001", name: "Xã Gần Đạt", district: nil, province: "Tỉnh Mẫu",
        category: "mountain"), year: 2024, evidence: values)
    for (language, words) in [
      (
        Language.vi,
        "KHÔNG ĐẠT chuẩn: Tiêu chí K1 (Khai sinh và bảo vệ trẻ em) đạt 75 điểm, dưới mức tối thiểu 85 điểm để được công nhận"
      ),
      (
        .en,
        "NOT RECOGNISED: Criterion K1 (Birth registration and protection) scored 75 points, below the minimum of 85 points for recognition"
      ),
    ] {
      let template = TemplateWorkbook(rulebook: rulebook, language: language)
      let model = try template.model()
      // The verdict's row has room for the sentences, which appear as figures are typed.
      let verdict = try #require(model.target(of: "cfc_verdict"))
      #expect(model.sheets[verdict.sheet].heights[verdict.cell.row] ?? 0 >= 100)
      var evaluator = try FormulaEvaluator(model)
      try fill(&evaluator, record, rulebook, language)
      #expect(try evaluator.value(of: "cfc_total") == .number(275))
      #expect(try evaluator.value(of: "cfc_verdict") == .text(words))
      #expect(template.expectedResults(for: record).byName["cfc_verdict"] == .text(words))
    }
  }

  @Test("points in a sentence are written as the engine writes them: 1.234,5 điểm, 1 point")
  func pointsWords() throws {
    for (language, value, words) in [
      (Language.vi, 1234.5, "1.234,5 điểm"), (.vi, 62.5, "62,5 điểm"), (.vi, 0, "0 điểm"),
      (.en, 1, "1 point"), (.en, 1234.25, "1,234.25 points"),
      (.vi, 1_000_000.05, "1.000.000,05 điểm"),
    ] {
      // A rulebook counting in hundredths, its workbook as the host of one more formula.
      let context = FormulaContext(rulebook: stylesRulebook, language: language)
      #expect(context.pointScale == 100)
      var model = try TemplateWorkbook(rulebook: stylesRulebook, language: language).model()
      let formula = context.pointsWords("A1", maxUnits: 200_000_000)
      model.sheets[0].set(999, 1, .formula(formula, cached: .text("")), .plain)
      var evaluator = try FormulaEvaluator(model)
      evaluator.typed[0, default: [:]][CellAddress(0, 0)] = .number(value)
      #expect(try evaluator.value(sheet: 0, CellAddress(999, 1)) == .text(words))
    }
  }
}
