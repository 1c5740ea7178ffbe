import CommuneScoring
import Testing

/// `Tests/Fixtures/rulebooks/gates.json`: a gate of every condition — a rate below a limit, a
/// count above a limit, a rate per 100,000 above a limit, a flag being no — beside a gate in the
/// original form (a count above 0).
enum Gates {
  static let rulebook = fixtureRulebook("gates.json")

  /// A commune that passes every gate and scores everything.
  static let good: [String: Int] = [
    "children": 10, "children_vaccinated": 10, "child_deaths": 0, "abuse_cases": 0,
    "unfenced_ponds": 0, "protection_plan_adopted": 1, "forum_held": 1, "club_active": 1,
    "play_area": 1,
  ]

  static func evaluate(_ changes: [String: Int?], category: String = "standard") -> Evaluation {
    var fields = good
    for (key, value) in changes { fields[key] = value }
    return Evaluator.evaluate(
      values(fields, rulebook: rulebook), category: category, rulebook: rulebook)
  }

  /// A random record, every field present, small enough to enumerate every change.
  static func record(_ rng: inout SeededRandom) -> [String: Int] {
    let children = Int.random(in: 1...12, using: &rng)
    return [
      "children": children, "children_vaccinated": Int.random(in: 0...children, using: &rng),
      "child_deaths": Int.random(in: 0...9, using: &rng) == 0 ? 1 : 0,
      "abuse_cases": Int.random(in: 0...9, using: &rng) == 0 ? 1 : 0,
      "unfenced_ponds": Int.random(in: 0...5, using: &rng),
      "protection_plan_adopted": Int.random(in: 0...1, using: &rng),
      "forum_held": Int.random(in: 0...1, using: &rng),
      "club_active": Int.random(in: 0...1, using: &rng),
      "play_area": Int.random(in: 0...1, using: &rng),
    ]
  }
}

@Suite("Gates test any condition a rule can")
struct GateConditionTests {
  /// Points as the rulebook writes them, in its units (tenths here).
  func points(_ text: String) -> Int {
    PointScale.units(text, scale: Gates.rulebook.pointScale) ?? -1
  }

  @Test("the gates rulebook validates; a gate written with 'field' still means a count above 0")
  func validates() throws {
    #expect(RulebookValidator.validate(Gates.rulebook).isEmpty)
    let gates = Gates.rulebook.criteria.flatMap(\.gates)
    #expect(gates.map(\.id) == ["C1.G", "C2.G1", "C2.G2", "C2.G3", "C3.G"])
    #expect(gates[1].condition.isCountAboveZero)
    #expect(gates.filter(\.condition.isCountAboveZero).count == 1)
    // The shipped rulebook's gates are unchanged: a count above 0.
    let shipped = Repo.rulebook.criteria.flatMap(\.gates)
    #expect(shipped.count == 2)
    #expect(shipped.filter { !$0.condition.isCountAboveZero }.isEmpty)
  }

  @Test("a rate below 50% zeroes the criterion; exactly 50% (5/10) does not")
  func rateBelow() {
    #expect(Gates.evaluate(["children_vaccinated": 4]).points("C1") == 0)
    #expect(Gates.evaluate(["children_vaccinated": 4]).criteria[0].firedGate?.id == "C1.G")
    let half = Gates.evaluate(["children_vaccinated": 5])
    #expect(half.criteria[0].firedGate == nil)
    #expect(half.criteria[0].gates[0].fired == false)
    #expect(half.points("C1") == 0)  // 50% is under every band: 0 by the bands, not the gate
    #expect(Gates.evaluate(["children_vaccinated": 6]).points("C1") == points("10"))
  }

  @Test("a count above 2 zeroes the criterion; 2 does not")
  func countAbove() {
    #expect(Gates.evaluate(["unfenced_ponds": 2]).points("C2") == points("10"))
    #expect(Gates.evaluate(["unfenced_ponds": 3]).points("C2") == 0)
    #expect(Gates.evaluate(["unfenced_ponds": 3]).criteria[1].firedGate?.id == "C2.G2")
  }

  @Test("a rate per 100,000 is compared exactly: 1 in 20 is 5,000 and is not above 5,000")
  func ratePer100k() {
    #expect(
      Gates.evaluate(["children": 20, "children_vaccinated": 20, "abuse_cases": 1])
        .criteria[1].firedGate == nil)
    #expect(
      Gates.evaluate(["children": 19, "children_vaccinated": 19, "abuse_cases": 1])
        .criteria[1].firedGate?.id == "C2.G3")
  }

  @Test("a flag being no zeroes the criterion")
  func flagIsNo() {
    #expect(Gates.evaluate(["protection_plan_adopted": 0]).points("C3") == 0)
    #expect(Gates.evaluate(["protection_plan_adopted": 1]).points("C3") == points("15.5"))
  }

  @Test(
    "a gate whose figure is missing leaves the criterion undecided: best its indicators, worst 0")
  func missing() throws {
    let evaluation = Gates.evaluate(["abuse_cases": nil])
    let c2 = evaluation.criteria[1]
    #expect(c2.status == .notVerifiable)
    #expect(c2.best == points("20") && c2.worst == 0)
    #expect(c2.missingFields == ["abuse_cases"])
    #expect(evaluation.status == .incomplete)
    let outlook = try #require(evaluation.outlook)
    #expect(outlook.canStillBeRecognized && !outlook.recognizedWhateverMissing)
    // A missing denominator is missing too; a fired gate decides whatever else is missing.
    #expect(
      Gates.evaluate(["children_vaccinated": nil]).criteria[0].missingFields == [
        "children_vaccinated"
      ])
    let fired = Gates.evaluate(["abuse_cases": nil, "unfenced_ponds": 4])
    #expect(fired.criteria[1].status == .zero)
    #expect(fired.status == .notRecognized)
  }

  @Test(
    "a reversible gate is lifted within the cheapest change that scores: 4/10 vaccinated → 6/10")
  func liftsReversibleGate() throws {
    // Only C1 is short: the gate fires at 40%, and lifting it alone (5/10) gives 0 points, so
    // the cheapest way reaches 60% (6/10): 10 points, 2 children.
    var fields = Gates.good
    fields["children_vaccinated"] = 4
    let start = values(fields, rulebook: Gates.rulebook)
    let evaluation = Evaluator.evaluate(start, category: "mountain", rulebook: Gates.rulebook)
    let path = PathFinder.path(for: evaluation, category: "mountain", rulebook: Gates.rulebook)
    #expect(path.achievable)
    #expect(
      path.steps == [
        PathStep(
          indicator: "C1.1", field: "children_vaccinated", from: 4, to: 6,
          pointsGained: points("10"))
      ])
    // A flag gate: the plan adopted is the one action, and it brings back the whole criterion.
    fields = Gates.good
    fields["protection_plan_adopted"] = 0
    let flagPath = PathFinder.path(
      for: Evaluator.evaluate(
        values(fields, rulebook: Gates.rulebook), category: "standard", rulebook: Gates.rulebook),
      category: "standard", rulebook: Gates.rulebook)
    #expect(
      flagPath.steps == [
        PathStep(
          indicator: "C3.G", field: "protection_plan_adopted", from: 0, to: 1,
          pointsGained: points("15.5"))
      ])
  }

  @Test("an irreversible rate gate blocks the path and says which gate")
  func irreversibleRateGate() {
    var fields = Gates.good
    fields["abuse_cases"] = 1
    let evaluation = Evaluator.evaluate(
      values(fields, rulebook: Gates.rulebook), category: "standard", rulebook: Gates.rulebook)
    let path = PathFinder.path(for: evaluation, category: "standard", rulebook: Gates.rulebook)
    #expect(!path.achievable)
    #expect(
      path.blockers == [
        .irreversibleGate(criterion: "C2", gate: "C2.G3", field: "abuse_cases", value: 1)
      ])
  }

  @Test(
    "on random communes, the path is exactly as cheap as the cheapest of every possible change")
  func minimalPaths() throws {
    var rng = SeededRandom(seed: 611)
    var achieved = 0
    for attempt in 0..<500 {
      let fields = Gates.record(&rng)
      let category = attempt % 2 == 0 ? "standard" : "mountain"
      if try checkMinimalPath(
        fields, category: category, rulebook: Gates.rulebook, "commune \(attempt)")
      {
        achieved += 1
      }
    }
    #expect(achieved >= 100)
  }
}

@Suite("Mistakes in a gate are refused with their JSON path")
struct GateValidationTests {
  func errors(_ replacements: [(String, String)]) throws -> [String] {
    loadErrors(try editedFixture("gates.json", replacements))
  }

  @Test("a rate limit outside 0–100% is refused")
  func rateLimitRange() throws {
    #expect(
      try errors([(#""below": 50"#, #""below": 150"#)]) == [
        "error: at criteria[0].gates[0].when: 'below': 150: a rate limit is a percentage from 0 to 100"
      ])
  }

  @Test("a limit that can never trigger, or always does, is refused")
  func neverOrAlways() throws {
    #expect(
      try errors([(#""below": 50"#, #""below": 0"#)]) == [
        "error: at criteria[0].gates[0].when: 'below': 0 can never hold (the rate is never below 0): the gate could never fire"
      ])
    #expect(
      try errors([(#""above": 2"#, #""atLeast": 0"#)]) == [
        "error: at criteria[1].gates[1].when: 'atLeast': 0 holds whatever the count is: the gate would zero the criterion in every commune"
      ])
    #expect(
      try errors([(#""below": 50"#, #""above": 100"#)]) == [
        "error: at criteria[0].gates[0].when: 'above': 100 can never hold (the rate is never above 100%): the gate could never fire"
      ])
  }

  @Test("a gate on an undeclared field, or on a field of the wrong kind, is refused")
  func fields() throws {
    #expect(
      try errors([
        (
          "\"field\": \"unfenced_ponds\"\n            },\n            \"above\"",
          "\"field\": \"unfenced_pond\"\n            },\n            \"above\""
        )
      ]) == [
        "at criteria[1].gates[1].when.measure.field: field 'unfenced_pond' is not declared in 'fields' (did you mean 'unfenced_ponds'?)"
      ])
    #expect(
      try errors([(#""flag": "protection_plan_adopted""#, #""flag": "children""#)]) == [
        "at criteria[2].gates[0].when.flag: field 'children' is a count, this rule needs a flag"
      ])
  }

  @Test("a gate needs one condition, with one comparison")
  func shape() throws {
    #expect(
      try errors([(#""id": "C2.G2","#, #""id": "C2.G2", "field": "child_deaths","#)]) == [
        "at criteria[1].gates[1]: a gate needs exactly one of 'field' (a count above 0 zeroes the criterion) or 'when' (a condition: {\"measure\": …, \"above\": …} or {\"flag\": …, \"is\": true|false})"
      ])
    #expect(
      try errors([(#""above": 2"#, #""above": 2, "below": 1"#)]) == [
        "at criteria[1].gates[1].when: a gate's condition needs exactly one of 'above', 'atLeast', 'below', 'atMost' (or a 'flag' and 'is')"
      ])
    #expect(
      try errors([(#""above": 2"#, #""above": 2.5"#)]) == [
        "at criteria[1].gates[1].when.above: a count limit must be a whole number"
      ])
  }
}
