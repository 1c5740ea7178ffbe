import CommuneScoring
import Testing

@Suite struct PlannedTraceTests {
  /// Traces `count` made records through the plan and evaluates them with the full trace;
  /// returns how many the plan traced (each compared indicator by indicator).
  func compare(_ rulebook: Rulebook, count: Int, seed: UInt64) throws -> Int {
    let plan = try #require(ScoringPlan(rulebook), "the plan refuses \(rulebook.id)")
    var maker = PlanRecordMaker(rulebook, seed: seed)
    var trace = PlannedTrace(plan)
    var traced = 0
    for index in 0..<count {
      let values = maker.values()
      let category = rulebook.categories[index % rulebook.categories.count].id
      guard plan.score(values, categoryIndex: rulebook.categoryIndex(category)) != nil else {
        continue
      }
      var slots = Array(repeating: ScoringPlan.missing, count: rulebook.fields.count)
      for field in rulebook.fields {
        slots[field.index] = values[field.index] ?? ScoringPlan.missing
      }
      let ok = slots.withUnsafeBufferPointer { plan.trace($0, into: &trace) }
      try #require(ok, "the plan scored but could not trace \(values)")
      let evaluation = Evaluator.evaluate(values, category: category, rulebook: rulebook)
      let score = Evaluator.score(values, category: category, rulebook: rulebook)
      var flat = 0
      for (criterionIndex, criterion) in evaluation.criteria.enumerated() {
        #expect(plan.firstIndicator(ofCriterion: criterionIndex) == flat)
        let general = score.criteria[criterionIndex]
        let expected = PlannedTrace.Criterion(
          points: criterion.points,
          firedGate: criterion.gates.firstIndex { $0.fired == true }, best: general.best,
          worst: general.worst, minimumsAtBest: general.minimumsAtBest,
          minimumsAtWorst: general.minimumsAtWorst)
        #expect(trace.criteria[criterionIndex] == expected, "\(criterion.id) of \(values)")
        for indicator in criterion.indicators {
          #expect(
            trace.indicators[flat]
              == PlannedTrace.Indicator(points: indicator.points, match: indicator.outcome.match),
            "\(indicator.id) of \(values)")
          flat += 1
        }
      }
      if trace.criteria.count != evaluation.criteria.count { return traced }
      traced += 1
    }
    return traced
  }

  @Test func theShippedRulebookTracesEachIndicatorAsTheEvaluatorDoes() throws {
    #expect(try compare(Repo.rulebook, count: 20_000, seed: 17) > 10_000)
  }

  @Test func gatesOfEveryMeasureAreTracedAsTheEvaluatorFiresThem() throws {
    #expect(try compare(fixtureRulebook("gates-workbook.json"), count: 10_000, seed: 19) > 5_000)
  }

  @Test func minimumsAtBestAndAtWorstAreTracedAsTheEvaluatorDecidesThem() throws {
    #expect(try compare(try rulebookWithMinimums(), count: 10_000, seed: 23) > 5_000)
  }
}
