import Foundation
import Testing

@testable import CommuneScoring

/// The shipped rulebook with indicator T1.1 (a flag) worth `points`, every maximum and threshold
/// following it, so the rulebook still validates.
func rulebookWithHugePoints(_ points: Int, thresholdAbove: Int = 0) throws -> Rulebook {
  let bytes = try editedRulebook { object in
    editRule(&object, 0, 0) { $0["points"] = points }
    editIndicator(&object, 0, 0) { $0["maxPoints"] = points }
    guard var criteria = object["criteria"] as? [[String: Any]] else { return }
    criteria[0]["maxPoints"] = 50 + points
    object["criteria"] = criteria
    object["maxTotal"] = 950 + points
    if var categories = object["categories"] as? [[String: Any]] {
      for index in categories.indices { categories[index]["threshold"] = points + thresholdAbove }
      object["categories"] = categories
    }
  }
  return try RulebookLoader.load(bytes)
}

@Suite("No arithmetic can trap, no rulebook can make the work explode")
struct ArithmeticSafetyTests {
  @Test("a rulebook whose maxima add up past the 64-bit limit is refused with messages, not a trap")
  func overflowingMaxima() throws {
    let huge = Int.max / 2 + 1
    let bytes = try editedRulebook { object in
      for c in 0..<3 {
        editRule(&object, c, 0) { rule in if rule["points"] != nil { rule["points"] = huge } }
        editIndicator(&object, c, 0) { $0["maxPoints"] = huge }
      }
      if var criteria = object["criteria"] as? [[String: Any]] {
        for c in 0..<3 { criteria[c]["maxPoints"] = huge }
        object["criteria"] = criteria
      }
    }
    let errors = loadErrors(bytes)
    #expect(errors.contains { $0.contains("criteria[0].maxPoints") })
    #expect(errors.contains { $0.contains("at maxTotal") })
  }

  @Test("a threshold of 10^12 is assessed at once: the path search does not size itself by it")
  func hugeThreshold() throws {
    let rulebook = try rulebookWithHugePoints(1_000_000_000_000, thresholdAbove: 930)
    let fields = evidence(["child_protection_officer_assigned": 0, "births_registered_on_time": 96])
    let assessment = Assessor.assess(record(fields), rulebook: rulebook)
    #expect(assessment.result.status == .notRecognized)
    let path = try #require(assessment.path)
    #expect(path.achievable)
    #expect(
      path.steps.map(\.field) == ["child_protection_officer_assigned", "births_registered_on_time"])
    let after = Assessor.assess(record(applying(path.steps, to: fields)), rulebook: rulebook)
    #expect(after.result.status == .recognized)
    #expect(after.result.total == 1_000_000_000_940)
  }

  @Test("points near the 64-bit limit score and total without overflow")
  func hugePoints() throws {
    let points = Int.max - 1000
    let rulebook = try rulebookWithHugePoints(points)
    let assessment = Assessor.assess(record(perfectEvidence), rulebook: rulebook)
    #expect(assessment.result.total == points + 950)
    #expect(assessment.result.status == .recognized)
    let missing = Assessor.assess(
      record(evidence(["child_protection_officer_assigned": nil])), rulebook: rulebook)
    #expect(missing.result.outlook?.bestTotal == points + 950)
  }

  @Test("counts at the largest accepted value score, and their path is found, without a trap")
  func hugeCounts() throws {
    let big = Int.max
    let fields = evidence([
      "births": big, "births_registered_on_time": big - 3, "children_total": big,
      "children_abused": big, "children_injured": big, "children_injury_deaths": 0,
      "children_health_check_eligible": big, "children_health_checked": big / 2,
      "children_under5_measured": big, "children_under5_underweight": big / 3,
      "children_under5_stunted": big,
    ])
    let assessment = Assessor.assess(record(fields), rulebook: Repo.rulebook)
    #expect(assessment.result.status == .notRecognized)
    #expect(assessment.result.indicator("T2.1") == 40)
    let path = try #require(assessment.path)
    #expect(!path.achievable || !path.steps.isEmpty)
  }

  @Test("the cheapest knapsack choice is found over large point values with few states")
  func sparseKnapsack() {
    let options: [[PathFinder.Option]] = [
      [
        .init(steps: [], gained: 0, cost: 0),
        .init(steps: [], gained: 600_000_000_000, cost: 5),
      ],
      [
        .init(steps: [], gained: 0, cost: 0),
        .init(steps: [], gained: 500_000_000_000, cost: 2),
        .init(steps: [], gained: 400_000_000_000, cost: 1),
      ],
    ]
    #expect(PathFinder.cheapest(options, needed: 1_000_000_000_000) == [1, 2])
    #expect(PathFinder.cheapest(options, needed: 1_000_000_000_001) == [1, 1])
    #expect(PathFinder.cheapest(options, needed: 1_100_000_000_001) == nil)
  }
}
