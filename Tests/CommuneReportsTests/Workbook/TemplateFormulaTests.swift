import CommuneReports
import CommuneScoring
import Testing

/// Random communes for the workbook's formulas: figures crowded around every band limit, zero
/// denominators, fired gates and missing figures.
struct CommuneSampler {
  var random: SplitMix64
  let rulebook: Rulebook

  init(seed: UInt64, rulebook: Rulebook) {
    random = SplitMix64(seed: seed)
    self.rulebook = rulebook
  }

  mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

  mutating func record(_ number: Int) -> EvidenceRecord {
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    for field in rulebook.fields {
      switch field.kind {
      case .flag: values[field.index] = chance(85) ? 1 : 0
      case .count:
        let whole = field.partOf.flatMap { rulebook.fieldIndex[$0] }.flatMap { values[$0] }
        let limit = whole ?? (chance(10) ? 0 : Int.random(in: 0...4000, using: &random))
        values[field.index] =
          whole != nil && chance(50)
          ? limit - Int.random(in: 0...min(limit, 3), using: &random)
          : Int.random(in: 0...max(limit, 0), using: &random)
      }
    }
    // Put the parts of some rates exactly on, just above or just below a band limit; every
    // third commune aims at the top bands, so that recognised communes come up too.
    let good = number % 3 == 0
    for criterion in rulebook.criteria {
      for indicator in criterion.indicators where good || chance(60) {
        let (part, whole, table): (FieldRef, FieldRef, BandTable)
        switch indicator.rule {
        case let rule as RateRule:
          (part, whole, table) = (rule.numerator, rule.denominator, rule.table)
        case let rule as RatePer100kRule:
          (part, whole, table) = (rule.count, rule.population, rule.table)
        default: continue
        }
        guard
          let band = good && chance(90)
            ? table.bands.first : table.bands.randomElement(using: &random)
        else { continue }
        let denominator =
          chance(5) ? 0 : Int.random(in: 1...(table.scale == 100 ? 3000 : 40000), using: &random)
        let exact = band.limit.numerator * denominator / (table.scale * band.limit.denominator)
        let numerator = max(0, exact + Int.random(in: -1...1, using: &random))
        values[whole] = denominator
        values[part] = table.scale == 100 ? min(numerator, denominator) : numerator
      }
      for gate in criterion.gates where good || chance(30) {
        values[gate.field] = good ? 0 : Int.random(in: 0...1, using: &random)
      }
    }
    if good {
      for field in rulebook.fields where field.kind == .flag { values[field.index] = 1 }
      for criterion in rulebook.criteria {
        for indicator in criterion.indicators {
          guard let rule = indicator.rule as? CountZeroRule else { continue }
          values[rule.field] = chance(90) ? 0 : 1
        }
      }
    }
    for field in rulebook.fields where chance(good ? 1 : 4) { values[field.index] = nil }
    let category = rulebook.categories[number % rulebook.categories.count]
    return EvidenceRecord(
      commune: CommuneIdentity(
        code: String(10000 + number).dropFirst().description.padding(toLength: 5),
        name: "Xã Thử \(number)", district: number % 3 == 0 ? nil : "Huyện A",
        province: "Tỉnh B", category: category.id),
      year: 2024, evidence: values)
  }
}

extension String {
  func padding(toLength length: Int) -> String {
    count >= length ? self : String(repeating: "0", count: length - count) + self
  }
}

/// Types a record into a blank workbook through its defined names, as a script would.
func fill(
  _ evaluator: inout FormulaEvaluator, _ record: EvidenceRecord, _ rulebook: Rulebook,
  _ language: Language
) throws {
  let commune = record.commune
  try evaluator.fill("cfc_code", .text(commune.code))
  try evaluator.fill("cfc_name", .text(commune.name))
  try evaluator.fill("cfc_district", commune.district.map(FormulaEvaluator.Value.text) ?? .empty)
  try evaluator.fill("cfc_province", .text(commune.province))
  let category = rulebook.category(commune.category)?.name.text(language) ?? commune.category
  try evaluator.fill("cfc_category", .text(category))
  try evaluator.fill("cfc_year", .number(Double(record.year)))
  for field in rulebook.fields {
    let value: FormulaEvaluator.Value
    switch (field.kind, record.evidence[field.index]) {
    case (_, nil): value = .empty
    case (.flag, let flag?):
      value = .text(
        flag != 0 ? (language == .vi ? "có" : "yes") : (language == .vi ? "không" : "no"))
    case (.count, let count?): value = .number(Double(count))
    }
    try evaluator.fill("cfc_" + field.id, value)
  }
}

func same(_ value: FormulaEvaluator.Value, _ expected: CachedResult?) -> Bool {
  switch (value, expected) {
  case (.number(let a), .number(let b)?): return a == Double(b)
  case (.number(let a), .decimal(let b)?): return a == Double(b)
  case (.text(let a), .text(let b)?): return a == b
  default: return false
  }
}

/// Every defined result name whose value the engine decides.
func resultNames(_ rulebook: Rulebook) -> [String] {
  var names: [String] = []
  for criterion in rulebook.criteria {
    names.append(TemplateResults.name(criterion.id))
    names += criterion.indicators.map { TemplateResults.name($0.id) }
  }
  return names + ["cfc_total", "cfc_threshold", "cfc_status", "cfc_verdict"]
}

@Suite("The self-assessment workbook's formulas, checked without a spreadsheet program")
struct TemplateFormulaTests {
  let rulebook = shippedRulebook

  @Test("every indicator of the shipped rulebook has a formula, and no formula divides")
  func everyRuleHasAFormula() throws {
    let model = try TemplateWorkbook(rulebook: rulebook, language: .vi).model()
    var evaluator = try FormulaEvaluator(model)
    for name in resultNames(rulebook) { _ = try evaluator.value(of: name) }
    for criterion in rulebook.criteria {
      for indicator in criterion.indicators {
        let formula = try #require(
          RuleFormulas.points(indicator.rule, FormulaContext(language: .vi)))
        #expect(!formula.contains("/"), "\(indicator.id) divides: \(formula)")
      }
    }
  }

  @Test(
    "a blank workbook shows 'chưa có số liệu' for every indicator, not 0, and asks for a category")
  func blank() throws {
    let model = try TemplateWorkbook(rulebook: rulebook, language: .vi).model()
    var evaluator = try FormulaEvaluator(model)
    for criterion in rulebook.criteria {
      #expect(
        try evaluator.value(of: TemplateResults.name(criterion.id)) == .text("chưa có số liệu"))
      for indicator in criterion.indicators {
        #expect(
          try evaluator.value(of: TemplateResults.name(indicator.id)) == .text("chưa có số liệu"))
      }
    }
    #expect(try evaluator.value(of: "cfc_total") == .number(0))
    #expect(try evaluator.value(of: "cfc_status") == .text("incomplete"))
    #expect(
      try evaluator.value(of: "cfc_verdict") == .text("CHƯA CHỌN LOẠI XÃ: chưa kết luận được"))
    // The cached values written into the blank file are what the formulas give.
    for name in resultNames(rulebook) {
      let target = try #require(model.target(of: name))
      guard case .formula(_, let cached)? = model.sheets[target.sheet].cells[target.cell]?.content
      else {
        Issue.record("\(name) is not a formula")
        continue
      }
      #expect(same(try evaluator.value(of: name), cached), "\(name)")
    }
  }

  @Test(
    "600 random communes typed in through the defined names show the engine's points, total and verdict",
    arguments: [Language.vi, .en])
  func randomCommunes(language: Language) throws {
    let template = TemplateWorkbook(rulebook: rulebook, language: language)
    let blank = try FormulaEvaluator(try template.model())
    var sampler = CommuneSampler(seed: language == .vi ? 6 : 2019, rulebook: rulebook)
    var statuses: [AssessmentStatus: Int] = [:]
    var failures = 0
    for number in 0..<600 {
      let record = sampler.record(number)
      let engine = Evaluator.evaluate(
        record.evidence, category: record.commune.category, rulebook: rulebook)
      statuses[engine.status, default: 0] += 1
      let expected = try template.model(filledWith: record)
      var evaluator = blank
      try fill(&evaluator, record, rulebook, language)
      for name in resultNames(rulebook) {
        let target = try #require(expected.target(of: name))
        guard
          case .formula(_, let cached)? = expected.sheets[target.sheet].cells[target.cell]?.content
        else { continue }
        let shown = try evaluator.value(of: name)
        if !same(shown, cached) {
          failures += 1
          if failures < 10 {
            Issue.record("commune \(number): \(name) shows \(shown), the engine says \(cached)")
          }
        }
      }
      // And straight from the engine, not only through the cached values.
      for (index, criterion) in engine.criteria.enumerated() {
        let shown = try evaluator.value(of: TemplateResults.name(rulebook.criteria[index].id))
        if let points = criterion.points {
          #expect(shown == .number(Double(points)))
        } else {
          #expect(shown == .text(FormulaContext(language: language).missingWords))
        }
      }
      #expect(try evaluator.value(of: "cfc_total") == .number(Double(engine.total)))
      #expect(try evaluator.value(of: "cfc_status") == .text(engine.status.rawValue))
    }
    #expect(failures == 0)
    // The sample reaches every verdict, so each branch of the formulas was exercised.
    #expect(statuses.count == 3, "\(statuses)")
  }

  @Test("rates on a band limit: 49/50 is exactly 98%, 1 in 3,334 children meets ≤ 30 per 100,000")
  func boundaries() throws {
    let model = try TemplateWorkbook(rulebook: rulebook, language: .vi).model()
    var evaluator = try FormulaEvaluator(model)
    try evaluator.fill("cfc_births", .number(50))
    try evaluator.fill("cfc_births_registered_on_time", .number(49))
    let t21 = try evaluator.value(of: "cfc_T2_1")
    let engine = Evaluator.evaluate(
      values(["births": 50, "births_registered_on_time": 49]), category: "standard",
      rulebook: rulebook)
    #expect(t21 == .number(Double(engine.criteria[1].indicators[0].points ?? -1)))
  }
}

func values(_ fields: [String: Int]) -> EvidenceValues {
  var values = EvidenceValues(fieldCount: shippedRulebook.fields.count)
  for (id, value) in fields { values[shippedRulebook.fieldIndex[id] ?? 0] = value }
  return values
}
