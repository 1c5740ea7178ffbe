import CommuneScoring
import Testing

/// `Tests/Fixtures/rulebooks/minimums.json`: "tất cả các tiêu chí đạt ≥ 85 điểm" (every
/// criterion at least 85 of its 100, K3 with its own 50) and "các chỉ tiêu … đạt điểm tối
/// thiểu" (K1.1 at least 45, K2.1 at least 25), points in tenths.
enum Minimums {
  static let rulebook = fixtureRulebook("minimums.json")

  static let good: [String: Int] = [
    "children": 10, "births_registered": 10, "officer_assigned": 1, "children_vaccinated": 10,
    "unsafe_sites": 0, "forum_held": 1, "club_active": 1,
  ]

  static func evaluate(_ changes: [String: Int?], category: String = "standard") -> Evaluation {
    var fields = good
    for (key, value) in changes { fields[key] = value }
    return Evaluator.evaluate(
      values(fields, rulebook: rulebook), category: category, rulebook: rulebook)
  }

  static func record(_ rng: inout SeededRandom) -> [String: Int] {
    let children = Int.random(in: 1...10, using: &rng)
    return [
      "children": children,
      "births_registered": Int.random(in: max(0, children - 4)...children, using: &rng),
      "officer_assigned": Int.random(in: 0...3, using: &rng) == 0 ? 0 : 1,
      "children_vaccinated": Int.random(in: 0...children, using: &rng),
      "unsafe_sites": Int.random(in: 0...3, using: &rng),
      "forum_held": Int.random(in: 0...1, using: &rng),
      "club_active": Int.random(in: 0...1, using: &rng),
    ]
  }
}

@Suite("Recognition may require minimum points of each criterion and indicator")
struct MinimumsTests {
  func points(_ text: String) -> Int {
    PointScale.units(text, scale: Minimums.rulebook.pointScale) ?? -1
  }

  @Test("the minimums rulebook validates: 85 for every criterion, K3's own 50, two indicators")
  func validates() {
    let rulebook = Minimums.rulebook
    #expect(RulebookValidator.validate(rulebook).isEmpty)
    #expect(rulebook.recognition.minimumPerCriterion == points("85"))
    #expect(rulebook.criteria.map { rulebook.minimumPoints(of: $0) } == [850, 850, 500])
    #expect(
      rulebook.criteria.flatMap(\.indicators).compactMap(\.minimumPoints) == [
        points("45"), points("25"),
      ])
    #expect(Repo.rulebook.recognition.minimumPerCriterion == nil)
  }

  @Test("a criterion below its minimum is not recognised, whatever the total; exactly 85 is")
  func criterionMinimum() {
    // 8/10 registered: K1.1 45 + K1.2 30 = 75 < 85, though the total 275 ≥ 270.
    let short = Minimums.evaluate(["births_registered": 8])
    #expect(short.total == points("275"))
    #expect(short.status == .notRecognized)
    #expect(
      short.reasons == [
        .criterionBelowMinimum(
          criterion: "K1", points: points("75"), best: points("75"), minimum: points("85"))
      ])
    // 5 steps less 1 site: K2 = 62.5 + 25 = 87.5 ≥ 85; K3 at its own 60 ≥ 50.
    #expect(Minimums.evaluate(["unsafe_sites": 1, "club_active": 0]).status == .notRecognized)
    #expect(Minimums.evaluate(["unsafe_sites": 1]).status == .recognized)
    #expect(Minimums.evaluate(["club_active": 0, "unsafe_sites": 0]).reasons.isEmpty == false)
  }

  @Test("an indicator below its minimum fails recognition even when its criterion reaches 85")
  func indicatorMinimum() {
    // 6/10 vaccinated: one step, 12.5 < 25; K2 = 12.5 + 37.5 = 50 < 85 as well.
    let evaluation = Minimums.evaluate(["children_vaccinated": 6])
    #expect(
      evaluation.reasons.contains(
        .indicatorBelowMinimum(
          criterion: "K2", indicator: "K2.1", points: points("12.5"), best: points("12.5"),
          minimum: points("25"))))
    #expect(evaluation.status == .notRecognized)
  }

  @Test("missing evidence: best and worst cases decide the minimums as they decide the total")
  func missing() throws {
    // The missing K2.2 may give 37.5 at best, 0 at worst: K2 is 62.5 + ? ≥ 85 only at best.
    let open = Minimums.evaluate(["unsafe_sites": nil])
    #expect(open.status == .incomplete)
    let outlook = try #require(open.outlook)
    #expect(outlook.canStillBeRecognized)
    #expect(!outlook.recognizedWhateverMissing)
    #expect(outlook.decided == nil)
    // With 7/10 vaccinated (25), even the best K2 (25 + 37.5) is below 85: decided.
    let closed = Minimums.evaluate(["unsafe_sites": nil, "children_vaccinated": 7])
    #expect(closed.outlook?.decided == .notRecognized)
    #expect(
      closed.reasons.contains(
        .criterionBelowMinimum(
          criterion: "K2", points: nil, best: points("62.5"), minimum: points("85"))))
  }

  @Test("the path lifts a criterion to its minimum by the cheapest change: 8/10 → 9/10")
  func path() {
    let start = values(
      Minimums.good.merging(["births_registered": 8]) { $1 }, rulebook: Minimums.rulebook)
    let evaluation = Evaluator.evaluate(start, category: "standard", rulebook: Minimums.rulebook)
    let path = PathFinder.path(for: evaluation, category: "standard", rulebook: Minimums.rulebook)
    #expect(
      path.steps == [
        PathStep(
          indicator: "K1.1", field: "births_registered", from: 8, to: 9,
          pointsGained: points("15"))
      ])
  }

  @Test(
    "on random communes, the path is exactly as cheap as the cheapest of every possible change")
  func minimalPaths() throws {
    var rng = SeededRandom(seed: 8585)
    var achieved = 0
    for attempt in 0..<500 {
      if try checkMinimalPath(
        Minimums.record(&rng), category: attempt % 2 == 0 ? "standard" : "mountain",
        rulebook: Minimums.rulebook, "commune \(attempt)")
      {
        achieved += 1
      }
    }
    #expect(achieved >= 100)
  }

  @Test("a minimum above the maximum, or one that can never fail, is refused with its JSON path")
  func validation() throws {
    #expect(
      loadErrors(
        try editedFixture("minimums.json", [(#""minimumPoints": 45"#, #""minimumPoints": 75"#)]))
        == [
          "error: at criteria[0].indicators[0].minimumPoints: minimum 75 is above maxPoints (70): it could never be met"
        ])
    #expect(
      loadErrors(
        try editedFixture("minimums.json", [(#""minimumPoints": 50"#, #""minimumPoints": 0"#)]))
        == [
          "error: at criteria[2].minimumPoints: minimum 0 is always met (the fewest points possible are 0): it must be above that"
        ])
    #expect(
      loadErrors(
        try editedFixture(
          "minimums.json",
          [(#""minimumPerCriterion": 85"#, #""minimumPerCriterion": 101"#)])) == [
          "error: at recognition.minimumPerCriterion: 101 points is above the 100 criterion K1 can score: it could never be recognised (give K1 its own 'minimumPoints')",
          "error: at recognition.minimumPerCriterion: 101 points is above the 100 criterion K2 can score: it could never be recognised (give K2 its own 'minimumPoints')",
        ])
    #expect(
      loadErrors(
        try editedFixture(
          "minimums.json", [(#""minimumPerCriterion": 85"#, #""minimumPerCriterion": 85.25"#)])
      )
      .isEmpty)
  }
}
