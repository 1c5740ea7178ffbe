import CommuneScoring
import Testing

@Suite("The engine agrees with an independent implementation of the spec")
struct SpecConformanceTests {
  static let categories = ["standard", "urban_ward", "mountain_island_disadvantaged"]

  func check(seed: UInt64, count: Int, missingRate: Int) {
    var rng = SeededRandom(seed: seed)
    var mismatches = 0
    for index in 0..<count {
      let record = RandomCommunes.make(&rng, missingRate: missingRate)
      let category = Self.categories[index % 3]
      let expected = SpecOracle.score(record, category: category)
      let actual = Evaluator.evaluate(values(record), category: category, rulebook: Repo.rulebook)
      let lean = Evaluator.score(values(record), category: category, rulebook: Repo.rulebook)
      let same =
        actual.total == expected.total && actual.status.rawValue == expected.status
        && actual.criteria.map(\.points) == expected.criteria
        && lean.total == expected.total && lean.status.rawValue == expected.status
        && lean.criteria.map(\.points) == expected.criteria && lean.outlook == actual.outlook
      if !same {
        mismatches += 1
        if mismatches <= 3 {
          Issue.record(
            "record \(index) (\(category)): engine \(actual.total) \(actual.status.rawValue) \(actual.criteria.map(\.points)); spec \(expected.total) \(expected.status) \(expected.criteria); evidence \(record.sorted { $0.key < $1.key })"
          )
        }
      }
    }
    #expect(mismatches == 0)
  }

  @Test("5,000 complete random communes crowded around the band limits")
  func completeRecords() { check(seed: 2019, count: 5000, missingRate: 0) }

  @Test("5,000 random communes with missing figures")
  func recordsWithMissingFields() { check(seed: 6, count: 5000, missingRate: 4) }

  @Test("the generated communes cover every verdict")
  func coverage() {
    var rng = SeededRandom(seed: 2019)
    var seen: Set<String> = []
    for index in 0..<2000 {
      seen.insert(
        SpecOracle.score(
          RandomCommunes.make(&rng, missingRate: 2), category: Self.categories[index % 3]
        ).status)
    }
    #expect(seen == ["recognized", "not_recognized", "incomplete"])
  }
}
