import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// `Tests/Fixtures/rulebooks/gates-workbook.json`: gates of every condition (a rate below a
/// limit, a count above a limit, a rate per 100,000 above a limit, a flag being no, and a count
/// above 0 written the original way), with rules that all have formulas.
let gatesWorkbookRulebook: Rulebook = {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  do {
    return try RulebookLoader.load(
      Array(
        try Data(
          contentsOf: root.appendingPathComponent("Tests/Fixtures/rulebooks/gates-workbook.json"))))
  } catch {
    fatalError("gates-workbook.json does not load: \(error)")
  }
}()

@Suite("Gate conditions in the self-assessment workbook")
struct GateFormulaTests {
  let rulebook = gatesWorkbookRulebook

  /// A commune with figures around every gate's limit, some missing, whole of 0 included.
  func record(_ random: inout SplitMix64, _ number: Int) -> EvidenceRecord {
    func pick(_ range: ClosedRange<Int>) -> Int? {
      Int.random(in: 0..<10, using: &random) == 0 ? nil : Int.random(in: range, using: &random)
    }
    let children = pick(0...12)
    var fields: [String: Int?] = [
      "children": children, "children_vaccinated": pick(0...(children ?? 12)),
      "child_deaths": pick(0...6).map { $0 == 0 ? 1 : 0 },
      "abuse_cases": pick(0...4).map { $0 == 0 ? 1 : 0 }, "unfenced_ponds": pick(0...4),
      "protection_plan_adopted": pick(0...1), "forum_held": pick(0...1),
      "club_active": pick(0...1),
    ]
    if number % 4 == 0 {  // Some communes pass every gate, so verdicts vary.
      fields["child_deaths"] = 0
      fields["abuse_cases"] = 0
    }
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    for (id, value) in fields { values[rulebook.fieldIndex[id] ?? 0] = value }
    return EvidenceRecord(
      commune: CommuneIdentity(
        code: "\(90000 + number)", name: "Xã \(number)", district: nil, province: "Tỉnh Mẫu",
        category: number % 2 == 0 ? "standard" : "mountain"), year: 2024, evidence: values)
  }

  @Test(
    "400 random communes typed into the workbook show the engine's criteria, total and verdict",
    arguments: [Language.vi, .en])
  func randomCommunes(language: Language) throws {
    let template = TemplateWorkbook(rulebook: rulebook, language: language)
    let blank = try FormulaEvaluator(try template.model())
    var random = SplitMix64(seed: language == .vi ? 11 : 12)
    var statuses: [AssessmentStatus: Int] = [:]
    var fired: Set<String> = []
    for number in 0..<400 {
      let record = record(&random, number)
      let engine = Evaluator.evaluate(
        record.evidence, category: record.commune.category, rulebook: rulebook)
      statuses[engine.status, default: 0] += 1
      for criterion in engine.criteria {
        if let gate = criterion.firedGate { fired.insert(gate.id) }
      }
      var evaluator = blank
      try fill(&evaluator, record, rulebook, language)
      for (index, criterion) in engine.criteria.enumerated() {
        let shown = try evaluator.value(of: TemplateResults.name(rulebook.criteria[index].id))
        let expected: FormulaEvaluator.Value =
          criterion.points.map { .number(Double($0)) }
          ?? .text(FormulaContext(language: language).missingWords)
        #expect(shown == expected, "commune \(number): \(criterion.id)")
      }
      #expect(try evaluator.value(of: "cfc_total") == .number(Double(engine.total)))
      #expect(
        try evaluator.value(of: "cfc_status") == .text(engine.status.rawValue),
        "commune \(number)")
    }
    #expect(statuses.count == 3, "\(statuses)")
    #expect(fired == ["C1.G", "C2.G1", "C2.G2", "C2.G3", "C3.G"])
  }

  @Test("on the limits: 5/10 vaccinated is not below 50%, 1 in 20 children is not above 5,000")
  func limits() throws {
    let blank = try FormulaEvaluator(
      try TemplateWorkbook(rulebook: rulebook, language: .vi).model())
    func shown(_ counts: [String: Double], plan: String = "có") throws -> [Double?] {
      var evaluator = blank
      for (id, value) in counts { try evaluator.fill("cfc_" + id, .number(value)) }
      try evaluator.fill("cfc_child_deaths", .number(0))
      try evaluator.fill("cfc_protection_plan_adopted", .text(plan))
      try evaluator.fill("cfc_forum_held", .text("có"))
      try evaluator.fill("cfc_club_active", .text("không"))
      return try ["cfc_C1", "cfc_C2", "cfc_C3"].map { name in
        if case .number(let points) = try evaluator.value(of: name) { return points }
        return nil
      }
    }
    // 5/10 is 50%, not below it: 0 by the bands (below 60%), not by the gate; 2 ponds are not
    // above 2: 0 by count_zero; no plan zeroes C3.
    #expect(
      try shown(["children": 10, "children_vaccinated": 5, "abuse_cases": 0, "unfenced_ponds": 2])
        == [0, 0, 10])
    #expect(
      try shown(
        ["children": 10, "children_vaccinated": 6, "abuse_cases": 0, "unfenced_ponds": 0],
        plan: "không") == [10, 20, 0])
    #expect(
      try shown(["children": 20, "children_vaccinated": 20, "abuse_cases": 1, "unfenced_ponds": 0])
        == [30, 20, 10])
    #expect(
      try shown(["children": 19, "children_vaccinated": 19, "abuse_cases": 1, "unfenced_ponds": 0])
        == [30, 0, 10])
    // A missing denominator leaves the gated criterion without points, not at 0.
    #expect(try shown(["children_vaccinated": 5, "abuse_cases": 0, "unfenced_ponds": 0])[0] == nil)
  }
}
