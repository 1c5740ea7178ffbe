import CommuneScoring
import Testing

/// `Tests/Fixtures/rulebooks/styles.json`: one indicator of every newer rule kind, with decimal
/// points, written from the quoted examples of real scoring tables.
enum Styles {
  static let rulebook: Rulebook = {
    do {
      return try RulebookLoader.load(try Repo.bytes("Tests/Fixtures/rulebooks/styles.json"))
    } catch {
      fatalError("the styles rulebook does not load: \(error)")
    }
  }()

  static let categories = ["urban_ward", "mountain", "standard"]

  /// A random record of the styles rulebook, every field present.
  static func record(_ rng: inout SeededRandom) -> [String: Int] {
    let children = Int.random(in: 1...2000, using: &rng)
    let households = Int.random(in: 0...500, using: &rng)
    return [
      "children": children, "children_covered": Int.random(in: 0...children, using: &rng),
      "participants": Int.random(in: 5000...7200, using: &rng),
      "incidents": Int.random(in: 0...min(5, children), using: &rng),
      "activities": Int.random(in: 0...3, using: &rng),
      "item_a": Int.random(in: 0...1, using: &rng), "item_b": Int.random(in: 0...1, using: &rng),
      "item_c": Int.random(in: 0...1, using: &rng), "households": households,
      "households_reached": Int.random(in: 0...households, using: &rng),
    ]
  }
}

@Suite("Rule styles from real scoring tables")
struct RuleStylesTests {
  func points(_ text: String) -> Int? { PointScale.units(text, scale: Styles.rulebook.pointScale) }

  @Test("the styles rulebook validates with decimal points counted in hundredths")
  func validates() {
    #expect(RulebookValidator.validate(Styles.rulebook).isEmpty)
    #expect(Styles.rulebook.pointScale == 100)
    #expect(Styles.rulebook.maxTotal == 5200)
    #expect(Styles.rulebook.categories.map(\.threshold) == [4000, 3850, 4000])
  }

  @Test("a mountain commune scores each style exactly: 44.25 points, recognised at 38.5")
  func scores() {
    let fields = [
      "children": 1000, "children_covered": 270, "participants": 6850, "incidents": 1,
      "activities": 1, "item_a": 1, "item_b": 0, "item_c": 0, "households": 400,
      "households_reached": 50,
    ]
    let evaluation = Evaluator.evaluate(
      values(fields, rulebook: Styles.rulebook), category: "mountain", rulebook: Styles.rulebook)
    let byIndicator = Dictionary(
      uniqueKeysWithValues: evaluation.criteria.flatMap(\.indicators).map {
        ($0.id, $0.points.map(Styles.rulebook.pointsText))
      })
    #expect(
      byIndicator == [
        "C1.1": "0.25", "C1.2": "34", "C2.1": "7.5", "C2.2": "0.5", "C3.1": "0.5", "C3.2": "1",
        "C3.3": "0.5",
      ])
    #expect(evaluation.total == 4425)
    #expect(evaluation.status == .recognized)
  }

  @Test(
    "on random communes, the path is as cheap as the cheapest combination of changes and leads to recognition"
  )
  func minimalPaths() throws {
    var rng = SeededRandom(seed: 2026)
    let rulebook = Styles.rulebook
    var checked = 0
    for attempt in 0..<400 {
      let fields = Styles.record(&rng)
      let category = Styles.categories[attempt % 3]
      let start = values(fields, rulebook: rulebook)
      let evaluation = Evaluator.evaluate(start, category: category, rulebook: rulebook)
      guard evaluation.status == .notRecognized else { continue }
      let path = PathFinder.path(for: evaluation, category: category, rulebook: rulebook)
      let found = try cheapestByImprovements(
        start, category: category, rulebook: rulebook, limit: 6000)
      guard found.tried else { continue }
      let best = found.cost ?? Int.max
      guard best != Int.max else {
        #expect(!path.achievable, "attempt \(attempt): a path where none exists")
        continue
      }
      checked += 1
      #expect(path.achievable, "attempt \(attempt): no path, though one costs \(best)")
      let pathCost = path.steps.reduce(0) { $0 + abs($1.to - $1.from) }
      #expect(
        pathCost == best, "attempt \(attempt): the path costs \(pathCost), the cheapest \(best)")
      var after = start
      for step in path.steps { after[try #require(rulebook.fieldIndex[step.field])] = step.to }
      let result = Evaluator.evaluate(after, category: category, rulebook: rulebook)
      #expect(result.status == .recognized, "attempt \(attempt)")
      #expect(result.total == path.totalAfter)
    }
    #expect(checked >= 30)
  }

  @Test("a category rule never proposes a change of category; a rule with 10,000 steps is refused")
  func limits() throws {
    var text = String(
      decoding: try Repo.bytes("Tests/Fixtures/rulebooks/styles.json"), as: UTF8.self)
    text = text.replacing(#""every": 100,"#, with: #""every": 1,"#)
      .replacing(#""pointsPerStep": 0.5,"#, with: #""pointsPerStep": 0.001,"#)
    let errors = loadErrors(Array(text.utf8))
    #expect(
      errors == [
        "error: at criteria[0].indicators[1].rule: 35000 steps before the cap: at most 1,000 are allowed (use larger steps)"
      ])
  }
}
