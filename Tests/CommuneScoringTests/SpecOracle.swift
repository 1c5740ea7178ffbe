import CommuneScoring

/// An independent implementation of shared/spec/qd06-2019.md, written straight from the spec's
/// tables with integer cross-multiplication. It shares no code with the engine, so agreement on
/// thousands of random communes means the rulebook file and the engine encode the spec.
enum SpecOracle {
  struct Result {
    var criteria: [Int?]
    var total: Int
    var status: String
  }

  static let thresholds = [
    "urban_ward": 900, "mountain_island_disadvantaged": 800, "standard": 850,
  ]

  /// `n/d ≥ p%`.
  static func atLeast(_ n: Int, _ d: Int, _ p: Int) -> Bool { n * 100 >= p * d }
  /// `n/d ≤ p%`.
  static func atMost(_ n: Int, _ d: Int, _ p: Int) -> Bool { n * 100 <= p * d }
  /// `n × 100000 / d ≤ t`.
  static func per100kAtMost(_ n: Int, _ d: Int, _ t: Int) -> Bool { n * 100_000 <= t * d }

  static func score(_ e: [String: Int], category: String) -> Result {
    func flag(_ key: String, _ points: Int) -> Int? { e[key].map { $0 != 0 ? points : 0 } }
    func sum(_ parts: [Int?]) -> Int? {
      var total = 0
      for part in parts {
        guard let part else { return nil }
        total += part
      }
      return total
    }
    var c: [Int?] = []
    // T1
    c.append(
      sum([
        flag("child_protection_officer_assigned", 50), flag("village_collaborators_assigned", 15),
        flag("protection_board_meets_regularly", 15), flag("child_budget_allocated", 20),
      ]))
    // T2
    if let births = e["births"], let registered = e["births_registered_on_time"] {
      if births == 0 {
        c.append(50)
      } else if registered == births {
        c.append(50)
      } else if atLeast(registered, births, 98) {
        c.append(40)
      } else if atLeast(registered, births, 95) {
        c.append(25)
      } else {
        c.append(0)
      }
    } else {
      c.append(nil)
    }
    // T3
    if let sexual = e["children_sexually_abused"], sexual > 0 {
      c.append(0)
    } else if e["children_sexually_abused"] == nil {
      c.append(nil)
    } else if let abused = e["children_abused"], let total = e["children_total"] {
      if abused == 0 {
        c.append(100)
      } else if per100kAtMost(abused, total, 30) {
        c.append(50)
      } else {
        c.append(0)
      }
    } else {
      c.append(nil)
    }
    // T4
    var t41: Int?
    if let violating = e["children_violating_law"], let total = e["children_total"] {
      t41 = violating == 0 ? 25 : (per100kAtMost(violating, total, 100) ? 15 : 0)
    }
    let t42 = e["children_drug_addicted"].map { $0 == 0 ? 25 : 0 }
    c.append(sum([t41, t42]))
    // T5
    if let deaths = e["children_injury_deaths"], deaths > 0 {
      c.append(0)
    } else if e["children_injury_deaths"] == nil {
      c.append(nil)
    } else if let injured = e["children_injured"], let total = e["children_total"] {
      if per100kAtMost(injured, total, 550) {
        c.append(100)
      } else if per100kAtMost(injured, total, 1000) {
        c.append(50)
      } else {
        c.append(0)
      }
    } else {
      c.append(nil)
    }
    // T6
    var t61: Int?
    if let special = e["special_circumstance_children"],
      let supported = e["special_circumstance_children_supported"]
    {
      t61 =
        special == 0
        ? 50 : (atLeast(supported, special, 95) ? 50 : (atLeast(supported, special, 90) ? 25 : 0))
    }
    var t62: Int?
    if let cases = e["serious_abuse_cases"], let planned = e["serious_abuse_cases_with_timely_plan"]
    {
      t62 = cases == 0 ? 75 : (planned == cases ? 75 : 0)
    }
    c.append(sum([t61, t62]))
    // T7
    if let infants = e["children_under1"], let immunised = e["children_under1_fully_immunized"] {
      if infants == 0 || atLeast(immunised, infants, 98) {
        c.append(50)
      } else if atLeast(immunised, infants, 95) {
        c.append(35)
      } else if atLeast(immunised, infants, 90) {
        c.append(20)
      } else {
        c.append(0)
      }
    } else {
      c.append(nil)
    }
    // T8
    var t81: Int?
    var t82: Int?
    if let measured = e["children_under5_measured"], measured > 0 {
      if let underweight = e["children_under5_underweight"] {
        t81 = atMost(underweight, measured, 5) ? 35 : (atMost(underweight, measured, 10) ? 20 : 0)
      }
      if let stunted = e["children_under5_stunted"] {
        t82 = atMost(stunted, measured, 15) ? 40 : (atMost(stunted, measured, 20) ? 25 : 0)
      }
    }
    c.append(sum([t81, t82]))
    // T9
    if let eligible = e["children_health_check_eligible"],
      let checked = e["children_health_checked"]
    {
      if eligible == 0 || atLeast(checked, eligible, 95) {
        c.append(50)
      } else if atLeast(checked, eligible, 90) {
        c.append(30)
      } else if atLeast(checked, eligible, 80) {
        c.append(15)
      } else {
        c.append(0)
      }
    } else {
      c.append(nil)
    }
    // T10
    func school(
      _ whole: String, _ part: String, _ top: Int, _ topPoints: Int, _ low: Int, _ lowPoints: Int
    ) -> Int? {
      guard let w = e[whole], let p = e[part] else { return nil }
      if w == 0 || atLeast(p, w, top) { return topPoints }
      return atLeast(p, w, low) ? lowPoints : 0
    }
    c.append(
      sum([
        school("children_age5", "children_age5_in_preschool", 99, 30, 95, 15),
        school("children_primary_age", "children_primary_in_school", 99, 35, 95, 20),
        school(
          "children_lower_secondary_age", "children_lower_secondary_in_school", 95, 35, 90, 20),
      ]))
    // T11, T12
    c.append(sum([flag("children_forum_held", 25), flag("children_club_active", 25)]))
    c.append(sum([flag("play_area_available", 25), flag("recreation_activities_held", 25)]))
    // T13
    if let asked = e["survey_respondents"], let satisfied = e["survey_satisfied"] {
      let points: Int
      if atLeast(satisfied, asked, 90) {
        points = 100
      } else if atLeast(satisfied, asked, 80) {
        points = 75
      } else if atLeast(satisfied, asked, 70) {
        points = 50
      } else if atLeast(satisfied, asked, 50) {
        points = 25
      } else {
        points = 0
      }
      c.append(points)
    } else {
      c.append(nil)
    }
    let total = c.reduce(0) { $0 + ($1 ?? 0) }
    let status: String
    if c.contains(where: { $0 == nil }) {
      status = "incomplete"
    } else if c.contains(0) || total < (thresholds[category] ?? 0) {
      status = "not_recognized"
    } else {
      status = "recognized"
    }
    return Result(criteria: c, total: total, status: status)
  }
}

/// The tests' seeded generator: the engine's own, so random tests are reproducible.
typealias SeededRandom = SplitMix64

/// Random but valid communes whose rates crowd around the spec's band limits.
enum RandomCommunes {
  static let limits = [
    100, 99, 98, 97, 95, 94, 90, 89, 86, 80, 79, 70, 69, 50, 49, 20, 15, 10, 5, 0,
  ]

  static func whole(_ rng: inout SeededRandom) -> Int {
    switch Int.random(in: 0..<10, using: &rng) {
    case 0: return 0
    case 1...5: return Int.random(in: 1...60, using: &rng)
    default: return Int.random(in: 61...4000, using: &rng)
    }
  }

  /// A part of `whole` near a band limit.
  static func part(of whole: Int, _ rng: inout SeededRandom) -> Int {
    guard whole > 0 else { return 0 }
    let percent = limits.randomElement(using: &rng) ?? 100
    var value = whole * percent / 100 + Int.random(in: -1...1, using: &rng)
    if Int.random(in: 0..<8, using: &rng) == 0 { value = Int.random(in: 0...whole, using: &rng) }
    return min(max(value, 0), whole)
  }

  /// A small count of cases among `children`, near the per-100,000 limits.
  static func cases(among children: Int, perLimit: Int, _ rng: inout SeededRandom) -> Int {
    guard children > 0 else { return 0 }
    let around = children * perLimit / 100_000
    let value =
      [0, 0, around, around + 1, max(around - 1, 0), Int.random(in: 0...3, using: &rng)]
      .randomElement(using: &rng) ?? 0
    return min(value, children)
  }

  static func make(_ rng: inout SeededRandom, missingRate: Int) -> [String: Int] {
    var e: [String: Int] = [:]
    for flag in [
      "child_protection_officer_assigned", "village_collaborators_assigned",
      "protection_board_meets_regularly",
      "child_budget_allocated", "children_forum_held", "children_club_active",
      "play_area_available",
      "recreation_activities_held",
    ] {
      e[flag] = Int.random(in: 0..<6, using: &rng) == 0 ? 0 : 1
    }
    let pairs = [
      ("births", "births_registered_on_time"),
      ("special_circumstance_children", "special_circumstance_children_supported"),
      ("serious_abuse_cases", "serious_abuse_cases_with_timely_plan"),
      ("children_under1", "children_under1_fully_immunized"),
      ("children_health_check_eligible", "children_health_checked"),
      ("children_age5", "children_age5_in_preschool"),
      ("children_primary_age", "children_primary_in_school"),
      ("children_lower_secondary_age", "children_lower_secondary_in_school"),
    ]
    for (whole, part) in pairs {
      let w = whole == "serious_abuse_cases" ? Int.random(in: 0...3, using: &rng) : self.whole(&rng)
      e[whole] = w
      e[part] = Int.random(in: 0..<3, using: &rng) == 0 ? w : self.part(of: w, &rng)
    }
    let children =
      Int.random(in: 0..<30, using: &rng) == 0
      ? Int.random(in: 0...20, using: &rng) : Int.random(in: 300...12000, using: &rng)
    e["children_total"] = children
    let abused = cases(among: children, perLimit: 30, &rng)
    e["children_abused"] = abused
    e["children_sexually_abused"] = abused > 0 && Int.random(in: 0..<4, using: &rng) == 0 ? 1 : 0
    e["children_violating_law"] = cases(among: children, perLimit: 100, &rng)
    e["children_drug_addicted"] = Int.random(in: 0..<15, using: &rng) == 0 ? min(1, children) : 0
    let injured = cases(
      among: children, perLimit: [550, 1000].randomElement(using: &rng) ?? 550, &rng)
    e["children_injured"] = injured
    e["children_injury_deaths"] = injured > 0 && Int.random(in: 0..<10, using: &rng) == 0 ? 1 : 0
    let special = min(children, self.whole(&rng))
    e["special_circumstance_children"] = special
    e["special_circumstance_children_supported"] = part(of: special, &rng)
    let measured = Int.random(in: 0..<20, using: &rng) == 0 ? 0 : self.whole(&rng)
    e["children_under5_measured"] = measured
    e["children_under5_underweight"] = part(of: measured, &rng)
    e["children_under5_stunted"] = part(of: measured, &rng)
    let asked = Int.random(in: 30...400, using: &rng)
    e["survey_respondents"] = asked
    e["survey_satisfied"] = part(of: asked, &rng)
    if missingRate > 0 {
      for key in e.keys.sorted() where Int.random(in: 0..<100, using: &rng) < missingRate {
        e[key] = nil
      }
    }
    return e
  }
}
