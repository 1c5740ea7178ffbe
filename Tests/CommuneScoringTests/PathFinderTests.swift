import CommuneScoring
import Testing

func record(_ fields: [String: Int], category: String = "standard") -> EvidenceRecord {
  EvidenceRecord(
    commune: CommuneIdentity(
      code: "1", name: "Xã Thử", district: nil, province: "P", category: category), year: 2024,
    evidence: values(fields))
}

func applying(_ steps: [PathStep], to fields: [String: Int]) -> [String: Int] {
  var result = fields
  for step in steps { result[step.field] = step.to }
  return result
}

@Suite("The path to recognition")
struct PathFinderTests {
  @Test(
    "one more birth registered on time closes a 15-point gap: 96/100 → 98/100 is the smallest change"
  )
  func smallestChange() throws {
    // 1000 − 25 (T2 at 25) − 75 (T13 at 25) − 35 (T9 at 15) − 30 (T7 at 20) = 835: 15 short of 850.
    let fields = evidence([
      "births_registered_on_time": 96, "survey_satisfied": 50, "children_health_checked": 1600,
      "children_under1_fully_immunized": 90,
    ])
    let assessment = Assessor.assess(record(fields), rulebook: Repo.rulebook)
    #expect(assessment.result.total == 835)
    let path = try #require(assessment.path)
    #expect(path.achievable)
    // T7 at 95/100 (+15) costs 5 children; two births (96 → 98, +15) cost 2.
    #expect(
      path.steps == [
        PathStep(
          indicator: "T2.1", field: "births_registered_on_time", from: 96, to: 98, pointsGained: 15)
      ])
    #expect(path.totalAfter == 850)
    let after = Assessor.assess(record(applying(path.steps, to: fields)), rulebook: Repo.rulebook)
    #expect(after.result.status == .recognized)
  }

  @Test("a zero criterion is lifted first, by the cheapest action")
  func liftZero() throws {
    let fields = evidence(["children_forum_held": 0, "children_club_active": 0])
    let assessment = Assessor.assess(record(fields), rulebook: Repo.rulebook)
    #expect(assessment.result.reasons.first == .criterionZero(criterion: "T11", gate: nil))
    let path = try #require(assessment.path)
    #expect(
      path.steps == [
        PathStep(indicator: "T11.1", field: "children_forum_held", from: 0, to: 1, pointsGained: 25)
      ])
  }

  @Test("a child's death cannot be undone: the path says so instead of proposing it")
  func irreversibleGate() throws {
    let fields = evidence(["children_injury_deaths": 1, "children_injured": 1])
    let path = try #require(Assessor.assess(record(fields), rulebook: Repo.rulebook).path)
    #expect(!path.achievable)
    #expect(path.steps.isEmpty)
    #expect(
      path.blockers == [
        .irreversibleGate(criterion: "T5", gate: "T5.G", field: "children_injury_deaths", value: 1)
      ])
  }

  @Test("satisfaction already surveyed cannot be changed: a zero T13 blocks the path")
  func unchangeableZero() throws {
    let fields = evidence(["survey_satisfied": 10])
    let path = try #require(Assessor.assess(record(fields), rulebook: Repo.rulebook).path)
    #expect(!path.achievable)
    #expect(path.blockers == [.criterionCannotBeLifted(criterion: "T13")])
  }

  @Test("a recognised commune has no path")
  func recognised() {
    #expect(Assessor.assess(record(perfectEvidence), rulebook: Repo.rulebook).path == nil)
  }

  @Test(
    "on 2,000 random communes, every achievable path leads to recognition and stays valid evidence")
  func randomPaths() {
    var rng = SeededRandom(seed: 42)
    var achieved = 0
    for index in 0..<2000 {
      let fields = RandomCommunes.make(&rng, missingRate: 0)
      let category = ["standard", "urban_ward", "mountain_island_disadvantaged"][index % 3]
      let assessment = Assessor.assess(record(fields, category: category), rulebook: Repo.rulebook)
      guard let path = assessment.path, path.achievable else { continue }
      if assessment.result.status == .incomplete {
        // Nothing is missing here, so only "nothing to measure" can leave it incomplete.
        #expect(!path.evidenceNeeded.isEmpty, "record \(index): incomplete without evidence needed")
        continue
      }
      achieved += 1
      let changed = applying(path.steps, to: fields)
      let problems = EvidenceValidator.problems(values(changed), rulebook: Repo.rulebook) {
        .json(JSONPath.root.appending($0))
      }
      #expect(problems.isEmpty, "record \(index): the path breaks the evidence: \(problems)")
      for step in path.steps {
        #expect(
          Repo.rulebook.field(step.field)?.adjustable == true,
          "record \(index): \(step.field) cannot change")
      }
      let after = Assessor.assess(record(changed, category: category), rulebook: Repo.rulebook)
      #expect(
        after.result.status == .recognized,
        "record \(index): still \(after.result.status) at \(after.result.total)")
      #expect(after.result.total == path.totalAfter)
    }
    #expect(achieved > 100)
  }
}

@Suite("The path to recognition is minimal")
struct PathMinimalityTests {
  @Test(
    "on random communes, no combination of changes reaches recognition with fewer children or actions"
  )
  func bruteForce() throws {
    var rng = SeededRandom(seed: 77)
    let rulebook = Repo.rulebook
    var checked = 0
    var attempts = 0
    while checked < 60, attempts < 20000 {
      attempts += 1
      let fields = RandomCommunes.make(&rng, missingRate: 0)
      let category = ["standard", "urban_ward", "mountain_island_disadvantaged"][attempts % 3]
      let assessment = Assessor.assess(record(fields, category: category), rulebook: rulebook)
      guard let path = assessment.path, path.achievable, path.evidenceNeeded.isEmpty else {
        continue
      }
      let start = values(fields)
      let found = try cheapestByImprovements(
        start, category: category, rulebook: rulebook, limit: 4000)
      guard found.tried else { continue }
      checked += 1
      let best = found.cost ?? Int.max
      let pathCost = path.steps.reduce(0) { $0 + abs($1.to - $1.from) }
      #expect(
        pathCost == best,
        "commune \(attempts): the path costs \(pathCost), the cheapest combination \(best)")
    }
    #expect(checked >= 20)
  }
}
