import CommuneScoring
import Testing

/// One boundary of the spec: a change to the perfect record and the points an indicator must get.
struct Boundary: CustomTestStringConvertible, Sendable {
  var indicator: String
  var changes: [String: Int?]
  var points: Int?
  var note: String
  var testDescription: String {
    "\(indicator): \(note) → \(points.map(String.init) ?? "not verifiable")"
  }

  init(_ indicator: String, _ note: String, _ changes: [String: Int?], _ points: Int?) {
    self.indicator = indicator
    self.note = note
    self.changes = changes
    self.points = points
  }
}

@Suite("Every band of the spec, on both sides of its limit")
struct BandBoundaryTests {
  static let boundaries: [Boundary] = [
    Boundary("T2.1", "100/100 = 100%", ["births": 100, "births_registered_on_time": 100], 50),
    Boundary("T2.1", "99/100 misses = 100%", ["births": 100, "births_registered_on_time": 99], 40),
    Boundary("T2.1", "49/50 is exactly 98%", ["births": 50, "births_registered_on_time": 49], 40),
    Boundary(
      "T2.1", "979/1000 misses 98%", ["births": 1000, "births_registered_on_time": 979], 25),
    Boundary("T2.1", "19/20 is exactly 95%", ["births": 20, "births_registered_on_time": 19], 25),
    Boundary("T2.1", "949/1000 misses 95%", ["births": 1000, "births_registered_on_time": 949], 0),
    Boundary("T2.1", "no births", ["births": 0, "births_registered_on_time": 0], 50),
    Boundary("T3.1", "no abuse", ["children_abused": 0, "children_total": 3333], 100),
    Boundary(
      "T3.1", "1 abused among 3,334 children (29.99 per 100,000)",
      ["children_abused": 1, "children_total": 3334], 50),
    Boundary(
      "T3.1", "1 abused among 3,333 children (30.003 per 100,000)",
      ["children_abused": 1, "children_total": 3333], 0),
    Boundary(
      "T3.1", "3 among 10,000 is exactly 30", ["children_abused": 3, "children_total": 10000], 50),
    Boundary(
      "T4.1", "1 among 1,000 is exactly 100",
      ["children_violating_law": 1, "children_total": 1000], 15),
    Boundary(
      "T4.1", "1 among 999 misses 100", ["children_violating_law": 1, "children_total": 999], 0),
    Boundary("T4.1", "none", ["children_violating_law": 0], 25),
    Boundary("T4.2", "one child addicted", ["children_drug_addicted": 1], 0),
    Boundary(
      "T5.1", "11 among 2,000 is exactly 550", ["children_injured": 11, "children_total": 2000], 100
    ),
    Boundary(
      "T5.1", "12 among 2,000 is 600", ["children_injured": 12, "children_total": 2000], 50),
    Boundary(
      "T5.1", "20 among 2,000 is exactly 1,000", ["children_injured": 20, "children_total": 2000],
      50),
    Boundary(
      "T5.1", "21 among 2,000 is 1,050", ["children_injured": 21, "children_total": 2000], 0),
    Boundary(
      "T6.1", "19/20 is exactly 95%",
      ["special_circumstance_children": 20, "special_circumstance_children_supported": 19], 50),
    Boundary(
      "T6.1", "18/20 is exactly 90%",
      ["special_circumstance_children": 20, "special_circumstance_children_supported": 18], 25),
    Boundary(
      "T6.1", "89/100 misses 90%",
      ["special_circumstance_children": 100, "special_circumstance_children_supported": 89], 0),
    Boundary(
      "T6.1", "no child in special circumstances",
      ["special_circumstance_children": 0, "special_circumstance_children_supported": 0], 50),
    Boundary(
      "T6.2", "3/3 cases with a timely plan",
      ["serious_abuse_cases": 3, "serious_abuse_cases_with_timely_plan": 3], 75),
    Boundary(
      "T6.2", "2/3 cases with a timely plan",
      ["serious_abuse_cases": 3, "serious_abuse_cases_with_timely_plan": 2], 0),
    Boundary(
      "T6.2", "no case", ["serious_abuse_cases": 0, "serious_abuse_cases_with_timely_plan": 0], 75),
    Boundary(
      "T7.1", "49/50 is exactly 98%",
      ["children_under1": 50, "children_under1_fully_immunized": 49], 50),
    Boundary(
      "T7.1", "97/100 misses 98%", ["children_under1": 100, "children_under1_fully_immunized": 97],
      35),
    Boundary(
      "T7.1", "95/100 is exactly 95%",
      ["children_under1": 100, "children_under1_fully_immunized": 95], 35),
    Boundary(
      "T7.1", "94/100 misses 95%", ["children_under1": 100, "children_under1_fully_immunized": 94],
      20),
    Boundary(
      "T7.1", "90/100 is exactly 90%",
      ["children_under1": 100, "children_under1_fully_immunized": 90], 20),
    Boundary(
      "T7.1", "89/100 misses 90%", ["children_under1": 100, "children_under1_fully_immunized": 89],
      0),
    Boundary(
      "T7.1", "no infant", ["children_under1": 0, "children_under1_fully_immunized": 0], 50),
    Boundary(
      "T8.1", "50/1000 underweight is exactly 5%",
      ["children_under5_measured": 1000, "children_under5_underweight": 50], 35),
    Boundary(
      "T8.1", "51/1000 underweight misses 5%",
      ["children_under5_measured": 1000, "children_under5_underweight": 51], 20),
    Boundary(
      "T8.1", "100/1000 is exactly 10%",
      ["children_under5_measured": 1000, "children_under5_underweight": 100], 20),
    Boundary(
      "T8.1", "101/1000 misses 10%",
      ["children_under5_measured": 1000, "children_under5_underweight": 101], 0),
    Boundary(
      "T8.1", "nobody measured",
      [
        "children_under5_measured": 0, "children_under5_underweight": 0,
        "children_under5_stunted": 0,
      ], nil),
    Boundary(
      "T8.2", "150/1000 stunted is exactly 15%",
      ["children_under5_measured": 1000, "children_under5_stunted": 150], 40),
    Boundary(
      "T8.2", "151/1000 misses 15%",
      ["children_under5_measured": 1000, "children_under5_stunted": 151], 25),
    Boundary(
      "T8.2", "200/1000 is exactly 20%",
      ["children_under5_measured": 1000, "children_under5_stunted": 200], 25),
    Boundary(
      "T8.2", "201/1000 misses 20%",
      ["children_under5_measured": 1000, "children_under5_stunted": 201], 0),
    Boundary(
      "T9.1", "95/100", ["children_health_check_eligible": 100, "children_health_checked": 95], 50),
    Boundary(
      "T9.1", "94/100", ["children_health_check_eligible": 100, "children_health_checked": 94], 30),
    Boundary(
      "T9.1", "90/100", ["children_health_check_eligible": 100, "children_health_checked": 90], 30),
    Boundary(
      "T9.1", "89/100", ["children_health_check_eligible": 100, "children_health_checked": 89], 15),
    Boundary(
      "T9.1", "80/100", ["children_health_check_eligible": 100, "children_health_checked": 80], 15),
    Boundary(
      "T9.1", "79/100", ["children_health_check_eligible": 100, "children_health_checked": 79], 0),
    Boundary("T10.1", "99/100", ["children_age5": 100, "children_age5_in_preschool": 99], 30),
    Boundary("T10.1", "98/100", ["children_age5": 100, "children_age5_in_preschool": 98], 15),
    Boundary("T10.1", "95/100", ["children_age5": 100, "children_age5_in_preschool": 95], 15),
    Boundary("T10.1", "94/100", ["children_age5": 100, "children_age5_in_preschool": 94], 0),
    Boundary(
      "T10.2", "99/100", ["children_primary_age": 100, "children_primary_in_school": 99], 35),
    Boundary(
      "T10.2", "98/100", ["children_primary_age": 100, "children_primary_in_school": 98], 20),
    Boundary(
      "T10.2", "95/100", ["children_primary_age": 100, "children_primary_in_school": 95], 20),
    Boundary(
      "T10.2", "94/100", ["children_primary_age": 100, "children_primary_in_school": 94], 0),
    Boundary(
      "T10.3", "95/100",
      ["children_lower_secondary_age": 100, "children_lower_secondary_in_school": 95], 35),
    Boundary(
      "T10.3", "94/100",
      ["children_lower_secondary_age": 100, "children_lower_secondary_in_school": 94], 20),
    Boundary(
      "T10.3", "90/100",
      ["children_lower_secondary_age": 100, "children_lower_secondary_in_school": 90], 20),
    Boundary(
      "T10.3", "89/100",
      ["children_lower_secondary_age": 100, "children_lower_secondary_in_school": 89], 0),
    Boundary(
      "T13.1", "27/30 is exactly 90%", ["survey_respondents": 30, "survey_satisfied": 27], 100),
    Boundary("T13.1", "26/30 misses 90%", ["survey_respondents": 30, "survey_satisfied": 26], 75),
    Boundary("T13.1", "80/100", ["survey_respondents": 100, "survey_satisfied": 80], 75),
    Boundary("T13.1", "79/100", ["survey_respondents": 100, "survey_satisfied": 79], 50),
    Boundary("T13.1", "70/100", ["survey_respondents": 100, "survey_satisfied": 70], 50),
    Boundary("T13.1", "69/100", ["survey_respondents": 100, "survey_satisfied": 69], 25),
    Boundary("T13.1", "50/100", ["survey_respondents": 100, "survey_satisfied": 50], 25),
    Boundary("T13.1", "49/100", ["survey_respondents": 100, "survey_satisfied": 49], 0),
  ]

  @Test("indicator points at the limit and one step past it", arguments: boundaries)
  func boundary(_ boundary: Boundary) {
    #expect(evaluate(boundary.changes).indicator(boundary.indicator) == boundary.points)
  }

  @Test("the perfect record scores 1,000 and is recognised in every category")
  func perfect() {
    for category in ["standard", "urban_ward", "mountain_island_disadvantaged"] {
      let result = evaluate([:], category: category)
      #expect(result.total == 1000)
      #expect(result.status == .recognized)
      #expect(result.reasons.isEmpty)
    }
  }

  @Test("a sexually abused child zeroes T3 whatever its rate")
  func abuseGate() {
    let result = evaluate([
      "children_abused": 1, "children_sexually_abused": 1, "children_total": 100_000,
    ])
    #expect(result.points("T3") == 0)
    #expect(result.indicator("T3.1") == 50)
    #expect(result.status == .notRecognized)
    #expect(
      result.reasons.first == .criterionZero(criterion: "T3", gate: result.criteria[2].firedGate))
    #expect(result.criteria[2].firedGate?.id == "T3.G")
  }

  @Test("a child's death zeroes T5 even when other T5 figures are missing")
  func deathGate() {
    let result = evaluate([
      "children_injury_deaths": 1, "children_injured": 1, "children_total": nil,
    ])
    #expect(result.points("T5") == 0)
    #expect(result.criteria[4].status == .zero)
  }

  @Test("a total exactly at the threshold is recognised, 10 points below is not")
  func thresholds() {
    // 1000 − 75 (T13 at 25) − 35 (T9 at 15) − 25 (T2 at 25) − 15 (T7 at 35) = 850.
    let at850: [String: Int?] = [
      "survey_satisfied": 50, "children_health_checked": 1600, "births_registered_on_time": 95,
      "children_under1_fully_immunized": 95,
    ]
    let exact = evaluate(at850, category: "standard")
    #expect(exact.total == 850)
    #expect(exact.status == .recognized)
    var below = at850
    below["children_violating_law"] = 1  // T4.1 at 15: −10
    let short = evaluate(below, category: "standard")
    #expect(short.total == 840)
    #expect(short.status == .notRecognized)
    #expect(short.reasons == [.belowThreshold(total: 840, threshold: 850)])
    #expect(evaluate(at850, category: "urban_ward").status == .notRecognized)
    #expect(evaluate(below, category: "mountain_island_disadvantaged").status == .recognized)
  }
}

@Suite("Missing evidence is not zero")
struct MissingEvidenceTests {
  @Test("a missing field makes its indicator and criterion not verifiable, and says which field")
  func missingField() {
    let result = evaluate(["births_registered_on_time": nil])
    #expect(result.status == .incomplete)
    #expect(result.points("T2") == nil)
    #expect(result.criteria[1].status == .notVerifiable)
    #expect(result.total == 950)
    #expect(result.missingFields == ["births_registered_on_time"])
    #expect(
      result.reasons == [
        .notVerifiable(criterion: "T2", missing: ["births_registered_on_time"], undefined: [])
      ])
    #expect(result.outlook?.bestTotal == 1000)
    #expect(result.outlook?.worstTotal == 950)
    #expect(result.outlook?.decided == nil)
  }

  @Test("a criterion at zero decides the verdict whatever is missing")
  func decidedByZero() {
    let result = evaluate(["survey_satisfied": nil, "births_registered_on_time": 90])
    #expect(result.status == .incomplete)
    #expect(result.outlook?.decided == .notRecognized)
    #expect(result.reasons.first == .criterionZero(criterion: "T2", gate: nil))
  }

  @Test("when even the best case misses the threshold, the verdict is already decided")
  func decidedNotRecognized() {
    // Best case: 1000 − 50 (T1.1) − 30 (T7 at 20) − 35 (T9 at 15) − 50 (T5 at 50) = 835 < 850.
    let result = evaluate([
      "survey_satisfied": nil, "child_protection_officer_assigned": 0,
      "children_under1_fully_immunized": 90,
      "children_health_checked": 1600, "children_injured": 12,
    ])
    #expect(result.status == .incomplete)
    #expect(result.outlook?.bestTotal == 835)
    #expect(result.outlook?.decided == .notRecognized)
    #expect(result.reasons.last == .bestBelowThreshold(best: 835, threshold: 850))
  }

  @Test("when even the worst case is recognised, the verdict is decided the other way")
  func decidedRecognized() {
    // T13 missing: worst case 0 points would zero a criterion, so use a partly missing criterion.
    let result = evaluate(["children_club_active": nil], category: "mountain_island_disadvantaged")
    #expect(result.status == .incomplete)
    #expect(result.total == 950)
    #expect(result.outlook?.worstTotal == 975)
    #expect(result.outlook?.decided == .recognized)
  }

  @Test("a missing gate input makes the criterion not verifiable")
  func missingGate() {
    let result = evaluate(["children_sexually_abused": nil])
    #expect(result.criteria[2].status == .notVerifiable)
    #expect(result.criteria[2].missingFields == ["children_sexually_abused"])
    #expect(result.criteria[2].best == 100)
    #expect(result.criteria[2].worst == 0)
  }

  @Test("nobody measured makes T8 not verifiable with nothing missing")
  func nothingToMeasure() {
    let result = evaluate([
      "children_under5_measured": 0, "children_under5_underweight": 0, "children_under5_stunted": 0,
    ])
    #expect(result.status == .incomplete)
    #expect(
      result.reasons == [.notVerifiable(criterion: "T8", missing: [], undefined: ["T8.1", "T8.2"])])
  }
}
