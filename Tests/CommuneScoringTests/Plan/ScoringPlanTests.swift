import CommuneScoring
import Testing

/// Records for differential tests: random figures, crowded around every band and gate limit of
/// `rulebook`, with missing figures, zero wholes, parts above their wholes and gates firing.
struct PlanRecordMaker {
  let rulebook: Rulebook
  var random: SplitMix64
  /// For each limit of a rate, rate per 100,000 or gate measure: (part, whole or nil, scale ×
  /// limit denominator, limit numerator).
  var limits: [(part: Int, whole: Int?, factor: Int, limit: Int)] = []
  /// The rates' parts and wholes, and whether more is better.
  var rates: [(part: Int, whole: Int, higher: Bool)] = []
  /// Counts that score best at 0 (count_zero rules, gate counts).
  var zeroBest: [Int] = []

  init(_ rulebook: Rulebook, seed: UInt64) {
    self.rulebook = rulebook
    random = SplitMix64(seed: seed)
    for criterion in rulebook.criteria {
      for indicator in criterion.indicators {
        var table: (BandTable, FieldRef, FieldRef)?
        if let rule = indicator.rule as? RateRule {
          table = (rule.table, rule.numerator, rule.denominator)
        } else if let rule = indicator.rule as? RatePer100kRule {
          table = (rule.table, rule.count, rule.population)
        } else if let rule = indicator.rule as? CountZeroRule {
          zeroBest.append(rule.field.index)
        }
        guard let (bands, part, whole) = table else { continue }
        rates.append((part.index, whole.index, bands.better == .higher))
        for band in bands.bands {
          limits.append(
            (part.index, whole.index, bands.scale * band.limit.denominator, band.limit.numerator))
        }
      }
      for gate in criterion.gates {
        guard case .measure(let measure, _, let limit) = gate.condition else { continue }
        zeroBest.append(measure.part.index)
        limits.append(
          (
            measure.part.index, measure.whole?.index, measure.scale * limit.denominator,
            limit.numerator
          ))
      }
    }
  }

  mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }

  /// One record's figures: a good commune three times in four, else random figures.
  mutating func values() -> EvidenceValues {
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    let fields = rulebook.fields
    let good = below(4) != 0
    let wholes = [0, 1, 3, 7, 20, 50, 99, 100, 101, 1000, 99_999, 100_000, 123_457]
    for field in fields {
      if field.kind == .flag {
        values[field.index] = below(good ? 40 : 5) == 0 ? 0 : 1
      } else {
        values[field.index] = below(4) == 0 ? wholes[below(wholes.count)] : below(3000)
      }
    }
    if good {
      for rate in rates {
        let total = values[rate.whole] ?? 0
        values[rate.part] = rate.higher ? max(0, total - below(2)) : min(total, below(2))
      }
      for field in zeroBest where below(10) != 0 { values[field] = 0 }
    }
    // Crowd some figures around a limit: the part at, just below and just above it.
    for _ in 0..<below(4) where !limits.isEmpty {
      let (part, whole, factor, limit) = limits[below(limits.count)]
      var total = 1
      if let whole {
        total = [0, 1, 7, 20, 50, 100, 1000, 100_000, 99_999][below(9)] + below(3)
        values[whole] = total
      }
      // part × factor ≈ limit × total
      let exact = factor == 0 ? 0 : (limit * total) / factor
      values[part] = max(0, exact + below(3) - 1)
    }
    // Some figures missing, some counts zeroed (the gates' counts fire above 0).
    for field in fields where below(60) == 0 { values[field.index] = nil }
    for field in fields where field.kind == .count && below(40) == 0 { values[field.index] = 0 }
    // Nine records in ten keep every part within its whole; the others may not, or break more.
    if below(10) != 0 {
      for _ in 0..<4 {
        for field in fields {
          guard let whole = field.partOfIndex, let part = values[field.index],
            let total = values[whole], part > total
          else { continue }
          values[field.index] = total
        }
      }
    } else if below(3) == 0, let field = fields.randomElement(using: &random) {
      values[field.index] = field.kind == .count ? -1 - below(3) : 2
    }
    return values
  }
}

/// The shipped rulebook with minimums added: one per criterion, and one for an indicator.
func rulebookWithMinimums() throws -> Rulebook {
  var text = try Repo.rulebookText()
  for (old, new) in [
    (
      "\"noCriterionAtZero\": true\n",
      "\"noCriterionAtZero\": true,\n    \"minimumPerCriterion\": 40\n"
    ),
    ("\"id\": \"T1.1\",\n", "\"id\": \"T1.1\",\n          \"minimumPoints\": 50,\n"),
  ] {
    #expect(text.contains(old), "the shipped rulebook no longer contains \(old)")
    text = text.replacing(old, with: new)
  }
  return try RulebookLoader.load(Array(text.utf8))
}

@Suite struct ScoringPlanTests {
  /// Scores `count` made records both ways and returns how many the plan scored.
  func compare(_ rulebook: Rulebook, count: Int, seed: UInt64) throws -> Int {
    let plan = try #require(ScoringPlan(rulebook), "the plan refuses \(rulebook.id)")
    var maker = PlanRecordMaker(rulebook, seed: seed)
    var scored = 0
    for index in 0..<count {
      let values = maker.values()
      let category = rulebook.categories[index % rulebook.categories.count].id
      let problems = EvidenceValidator.problems(values, rulebook: rulebook) { _ in
        .line(1, column: nil)
      }
      let planned = plan.score(values, categoryIndex: rulebook.categoryIndex(category))
      guard problems.isEmpty else {
        #expect(planned == nil, "the plan scored figures the validator refuses: \(values)")
        continue
      }
      let general = PlannedScore(Evaluator.score(values, category: category, rulebook: rulebook))
      let plannedScore = try #require(planned, "the plan refused valid figures \(values)")
      #expect(plannedScore == general, "figures \(values) in \(category)")
      if plannedScore != general { return scored }
      scored += 1
    }
    return scored
  }

  @Test func theShippedRulebookScoresTheSameThroughThePlanAsThroughTheEvaluator() throws {
    let scored = try compare(Repo.rulebook, count: 40_000, seed: 7)
    // Most made records are valid: the comparison is not vacuous.
    #expect(scored > 20_000)
  }

  @Test func gatesOfEveryMeasureScoreTheSameThroughThePlan() throws {
    let rulebook = fixtureRulebook("gates-workbook.json")
    #expect(try compare(rulebook, count: 20_000, seed: 11) > 10_000)
  }

  @Test func minimumsForCriteriaAndIndicatorsDecideTheSameThroughThePlan() throws {
    #expect(try compare(try rulebookWithMinimums(), count: 20_000, seed: 13) > 10_000)
  }

  @Test func theVerdictsTheMadeRecordsReachAreVaried() throws {
    let rulebook = Repo.rulebook
    let plan = try #require(ScoringPlan(rulebook))
    var maker = PlanRecordMaker(rulebook, seed: 7)
    var statuses: Set<String> = []
    var zeroed = 0
    for _ in 0..<5_000 {
      guard let score = plan.score(maker.values(), categoryIndex: 2) else { continue }
      statuses.insert(score.status.rawValue)
      if score.points.contains(0) { zeroed += 1 }
    }
    #expect(statuses == ["recognized", "not_recognized", "incomplete"])
    #expect(zeroed > 100)
  }

  @Test func aRulebookWithARuleKindThePlanDoesNotKnowIsNotCompiled() {
    #expect(ScoringPlan(fixtureRulebook("styles.json")) == nil)
  }

  @Test func figuresTheValidatorRefusesAreNotScoredByThePlan() throws {
    let rulebook = Repo.rulebook
    let plan = try #require(ScoringPlan(rulebook))
    var broken = values(perfectEvidence)
    broken[try #require(rulebook.fieldIndex["births_registered_on_time"])] = 101
    #expect(plan.score(broken, categoryIndex: 0) == nil)
    var negative = values(perfectEvidence)
    negative[try #require(rulebook.fieldIndex["births"])] = -1
    #expect(plan.score(negative, categoryIndex: 0) == nil)
    let perfect = try #require(plan.score(values(perfectEvidence), categoryIndex: 0))
    #expect(perfect.total == 1000)
    #expect(perfect.status == .recognized)
  }
}
