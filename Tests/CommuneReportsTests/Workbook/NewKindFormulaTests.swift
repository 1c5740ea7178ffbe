import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// `Tests/Fixtures/rulebooks/styles.json`: one indicator of each of the six newer rule kinds,
/// with points in hundredths (0,25; 0,5; a threshold of 38,5).
let stylesRulebook: Rulebook = {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  do {
    return try RulebookLoader.load(
      Array(
        try Data(contentsOf: root.appendingPathComponent("Fixtures/rulebooks/styles.json"))))
  } catch {
    fatalError("the styles rulebook does not load: \(error)")
  }
}()

/// A one-indicator rulebook around a rule kind's example rule (as the engine's kind tests build
/// it), so each example also runs through the workbook's formulas.
func formulaExampleRulebook(_ rule: String) throws -> Rulebook {
  func text(maxPoints: String) -> String {
    let fields = RuleExample.fields.filter { rule.contains("\"\($0.id)\"") }.map {
      #"{"id":"\#($0.id)","label":{"vi":"\#($0.id)","en":"\#($0.id)"},"kind":"\#($0.kind.rawValue)"}"#
    }
    let categories = RuleExample.categories.map {
      #"{"id":"\#($0)","name":{"vi":"\#($0)","en":"\#($0)"},"threshold":\#(maxPoints)}"#
    }
    return """
      {"schemaVersion":1,"id":"example","version":"1","title":{"vi":"x","en":"x"},"citation":"x",
       "maxTotal":\(maxPoints),"recognition":{},"categories":[\(categories.joined(separator: ","))],
       "fields":[\(fields.joined(separator: ","))],
       "criteria":[{"id":"K","name":{"vi":"k","en":"k"},"maxPoints":\(maxPoints),"indicators":[
         {"id":"K.1","name":{"vi":"k","en":"k"},"maxPoints":\(maxPoints),
          "provenance":{"status":"reconstructed"},"rule":\(rule)}]}]}
      """
  }
  let draft = try RulebookDecoder.decode(Array(text(maxPoints: "1").utf8))
  let best = try #require(draft.criteria.first?.indicators.first?.rule.bestPoints)
  return try RulebookLoader.load(Array(text(maxPoints: draft.pointsText(best)).utf8))
}

/// Figures for the newer kinds, crowded around the values where their points change: step
/// boundaries, range bounds, band limits, the floor of a deduction, every number of items met.
struct NewKindSampler {
  var random: SplitMix64
  let rulebook: Rulebook

  init(seed: UInt64, rulebook: Rulebook) {
    random = SplitMix64(seed: seed)
    self.rulebook = rulebook
  }

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

  /// A value of `measure` placed on, just below or just above `limit`.
  mutating func place(_ measure: Measure, at limit: Rational, in values: inout EvidenceValues) {
    let whole = measure.whole.map { _ in chance(4) ? 0 : int(1...5000) } ?? 1
    // part × scale / whole = limit  ⇔  part = limit × whole / scale
    let exact = limit.numerator * whole / (limit.denominator * measure.scale)
    var part = max(0, exact + int(-1...1))
    if measure.kind == .rate { part = min(part, whole) }
    values[measure.part] = part
    if let field = measure.whole { values[field] = whole }
  }

  mutating func record(_ number: Int) -> EvidenceRecord {
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    for field in rulebook.fields {
      values[field.index] = field.kind == .flag ? int(0...1) : int(0...300)
    }
    for criterion in rulebook.criteria {
      for indicator in criterion.indicators {
        switch indicator.rule {
        case let rule as StepsRule:
          let k = int(0...(rule.usefulSteps + 2))
          let limit = Rational(
            rule.above.numerator * rule.every.denominator + k * rule.every.numerator
              * rule.above.denominator, rule.above.denominator * rule.every.denominator)
          place(rule.measure, at: limit, in: &values)
        case let rule as RangesRule:
          let bounds = rule.ranges.flatMap { [$0.lower, $0.upper].compactMap { $0 } }
          if let bound = bounds.randomElement(using: &random) {
            place(rule.measure, at: bound, in: &values)
          }
        case let rule as CountBandsRule:
          if let band = rule.table.bands.randomElement(using: &random) {
            values[rule.field] = max(0, band.limit.numerator + int(-1...1))
          }
        case let rule as PerCaseRule:
          values[rule.field] = chance(3) ? Int.max : int(0...(rule.casesToFloor + 2))
        case let rule as ItemsMetRule:
          for item in rule.items { values[item] = int(0...1) }
        default: break
        }
      }
    }
    // Missing figures: a missing figure shows "chưa có số liệu", never 0.
    for field in rulebook.fields where chance(3) { values[field.index] = nil }
    let categories = rulebook.categories.map(\.id) + ["", ""]
    let category = categories[number % categories.count]
    return EvidenceRecord(
      commune: CommuneIdentity(
        code: "0\(1000 + number)", name: "Xã Thử \(number)", district: "Huyện A",
        province: "Tỉnh B", category: category),
      year: 2024, evidence: values)
  }
}

/// Fills a workbook with `record` (a record with no category leaves the cell empty) and checks
/// every result against the engine: through the cached values and straight from the engine.
func checkAgainstEngine(
  _ record: EvidenceRecord, rulebook: Rulebook, template: TemplateWorkbook,
  blank: FormulaEvaluator, language: Language, failures: inout [String]
) throws {
  var evaluator = blank
  try fill(&evaluator, record, rulebook, language)
  if record.commune.category.isEmpty { try evaluator.fill("cfc_category", .empty) }
  let expected = try template.model(filledWith: record)
  for name in resultNames(rulebook) {
    let target = try #require(expected.target(of: name))
    guard case .formula(_, let cached)? = expected.sheets[target.sheet].cells[target.cell]?.content
    else { continue }
    let shown = try evaluator.value(of: name)
    if !same(shown, cached) {
      failures.append("\(record.commune.name): \(name) shows \(shown), the engine says \(cached)")
    }
  }
  let engine = Evaluator.evaluate(
    record.evidence, category: record.commune.category, rulebook: rulebook)
  let scale = Double(rulebook.pointScale)
  for (criterion, result) in zip(rulebook.criteria, engine.criteria) {
    for (indicator, points) in zip(criterion.indicators, result.indicators) {
      let shown = try evaluator.value(of: TemplateResults.name(indicator.id))
      if let units = points.points, shown != .number(Double(units) / scale) {
        failures.append(
          "\(record.commune.name): \(indicator.id) shows \(shown), the engine says \(rulebook.pointsText(units))"
        )
      }
    }
  }
  let total = try evaluator.value(of: "cfc_total")
  if total != .number(Double(engine.total) / scale) {
    failures.append("\(record.commune.name): total \(total), engine \(engine.total)")
  }
}

@Suite("The workbook's formulas for steps, per case, count bands, items met, ranges, categories")
struct NewKindFormulaTests {
  @Test(
    "800 communes of a rulebook using every newer kind show the engine's exact decimal points",
    arguments: [Language.vi, .en])
  func stylesCommunes(language: Language) throws {
    let rulebook = stylesRulebook
    let template = TemplateWorkbook(rulebook: rulebook, language: language)
    let blank = try FormulaEvaluator(try template.model())
    var sampler = NewKindSampler(seed: language == .vi ? 11 : 9, rulebook: rulebook)
    var failures: [String] = []
    var statuses: [AssessmentStatus: Int] = [:]
    var decimals = 0
    for number in 0..<800 {
      let record = sampler.record(number)
      let engine = Evaluator.evaluate(
        record.evidence, category: record.commune.category, rulebook: rulebook)
      statuses[engine.status, default: 0] += 1
      if engine.total % rulebook.pointScale != 0 { decimals += 1 }
      try checkAgainstEngine(
        record, rulebook: rulebook, template: template, blank: blank, language: language,
        failures: &failures)
    }
    #expect(failures.isEmpty, "\(failures.prefix(8).joined(separator: "\n"))")
    #expect(statuses.count == 3, "\(statuses)")
    #expect(decimals > 100, "only \(decimals) totals with a decimal part")
  }

  @Test("every example of every rule kind scores in the workbook as the engine scores it")
  func everyKindExample() throws {
    var failures: [String] = []
    var checked = 0
    for kind in RuleKinds.all {
      for example in kind.examples {
        let rulebook = try formulaExampleRulebook(example.rule)
        let template = TemplateWorkbook(rulebook: rulebook, language: .vi)
        let blank = try FormulaEvaluator(try template.model())
        var values = EvidenceValues(fieldCount: rulebook.fields.count)
        for (field, value) in example.evidence {
          values[try #require(rulebook.fieldIndex[field])] = value
        }
        let record = EvidenceRecord(
          commune: CommuneIdentity(
            code: "00001", name: "\(kind.kind): \(example.title)", district: nil, province: "B",
            category: example.category),
          year: 2024, evidence: values)
        try checkAgainstEngine(
          record, rulebook: rulebook, template: template, blank: blank, language: .vi,
          failures: &failures)
        // The example's own expectation, as the form shows it.
        var evaluator = blank
        try fill(&evaluator, record, rulebook, .vi)
        let shown = try evaluator.value(of: "cfc_K_1")
        let wanted: FormulaEvaluator.Value =
          try example.expected.map { .number(try #require(Double($0))) }
          ?? .text(
            rulebook.criteria[0].indicators[0].rule.inputs.allSatisfy { values[$0] != nil }
              ? "không xác định (mẫu số bằng 0)" : "chưa có số liệu")
        if shown != wanted { failures.append("\(kind.kind): \(example.title): shows \(shown)") }
        // And random figures around the example's own.
        var sampler = NewKindSampler(seed: UInt64(checked + 1), rulebook: rulebook)
        for number in 0..<60 {
          var random = sampler.record(number)
          random.commune.category = RuleExample.categories[number % 3]
          try checkAgainstEngine(
            random, rulebook: rulebook, template: template, blank: blank, language: .vi,
            failures: &failures)
        }
        checked += 1
      }
    }
    #expect(failures.isEmpty, "\(failures.prefix(8).joined(separator: "\n"))")
    #expect(checked >= 40)
  }

  @Test(
    "steps are counted exactly even when the spreadsheet's INT estimate is one off either way",
    arguments: [-1.0, 1.0])
  func stepEstimateIsCorrected(skew: Double) throws {
    let rulebook = stylesRulebook
    let template = TemplateWorkbook(rulebook: rulebook, language: .vi)
    var blank = try FormulaEvaluator(try template.model())
    blank.intSkew = skew
    var sampler = NewKindSampler(seed: 77, rulebook: rulebook)
    var failures: [String] = []
    for number in 0..<300 {
      try checkAgainstEngine(
        sampler.record(number), rulebook: rulebook, template: template, blank: blank,
        language: .vi, failures: &failures)
    }
    #expect(failures.isEmpty, "\(failures.prefix(8).joined(separator: "\n"))")
  }

  @Test("a step boundary among 10^13 children is exact: 25% less one child is no step")
  func hugeBoundary() throws {
    let rulebook = stylesRulebook
    let blank = try FormulaEvaluator(
      try TemplateWorkbook(rulebook: rulebook, language: .vi).model())
    let children = 9_999_999_999_999
    for (covered, points) in [(children / 4, 0.0), (children / 4 + 1, 0.25), (children, 2)] {
      var evaluator = blank
      try evaluator.fill("cfc_children", .number(Double(children)))
      try evaluator.fill("cfc_children_covered", .number(Double(covered)))
      var values = EvidenceValues(fieldCount: rulebook.fields.count)
      values[try #require(rulebook.fieldIndex["children"])] = children
      values[try #require(rulebook.fieldIndex["children_covered"])] = covered
      let engine = Evaluator.evaluate(values, category: "standard", rulebook: rulebook)
      #expect(engine.criteria[0].indicators[0].points.map { Double($0) / 100 } == points)
      #expect(try evaluator.value(of: "cfc_C1_1") == .number(points), "\(covered)")
    }
  }

  @Test("points show as exact decimals; a missing figure shows 'chưa có số liệu', not 0")
  func decimalsAndMissing() throws {
    let rulebook = stylesRulebook
    let model = try TemplateWorkbook(rulebook: rulebook, language: .vi).model()
    let blank = try FormulaEvaluator(model)
    var empty = blank
    #expect(try empty.value(of: "cfc_C2_1") == .text("chưa có số liệu"))
    #expect(try empty.value(of: "cfc_C3_1") == .text("chưa có số liệu"))
    var evaluator = blank
    try evaluator.fill("cfc_incidents", .number(1))
    try evaluator.fill("cfc_item_a", .text("có"))
    try evaluator.fill("cfc_item_b", .text("không"))
    try evaluator.fill("cfc_item_c", .text("không"))
    try evaluator.fill("cfc_category", .text("Xã miền núi"))
    #expect(try evaluator.value(of: "cfc_C2_1") == .number(7.5))
    #expect(try evaluator.value(of: "cfc_C3_1") == .number(0.5))
    #expect(try evaluator.value(of: "cfc_C3_3") == .number(0.5))
    #expect(try evaluator.value(of: "cfc_threshold") == .number(38.5))
    // The formulas write decimals with a point, as every spreadsheet program reads them.
    let target = try #require(model.target(of: "cfc_C3_3"))
    guard case .formula(let formula, _)? = model.sheets[target.sheet].cells[target.cell]?.content
    else { throw FormulaEvaluator.Failure(description: "cfc_C3_3 is not a formula") }
    #expect(formula.contains("0.5"))
  }

  @Test("the scoring notes say how each newer kind gives its points, with decimal commas")
  func notes() throws {
    let explainer = Explainer(rulebook: stylesRulebook, language: .vi)
    let notes = stylesRulebook.criteria.flatMap(\.indicators).map {
      RuleFormulas.note($0.rule, explainer)
    }
    #expect(
      notes == [
        "đến 20%: 0; trên đó cứ thêm 5%: +0,25, tối đa 2 (điểm)",
        "đến 0: 0; trên đó cứ thêm 100: +0,5, tối đa 35 (điểm)",
        "10 điểm, mỗi trường hợp trừ 2,5, không dưới 0",
        "≥ 2: 1; ≥ 1: 0,5; còn lại: 0 (điểm)",
        "mỗi nội dung đạt: 0,5 điểm, tối đa 1",
        "từ 10% đến 20%: 1; trên 20%: 2; còn lại: 0 (điểm); không có đối tượng: chưa xác minh",
        "Phường: 1; Xã miền núi: 0,5; loại khác: 0 (điểm)",
      ])
  }
}
