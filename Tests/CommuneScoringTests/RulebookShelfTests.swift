import CommuneScoring
import Testing

/// Rulebooks in force by dates: periods, the choice by year, and carrying a record over.
@Suite("Rulebook versions by in-force period")
struct RulebookShelfTests {
  /// The shipped rulebook with another id and in-force period (and optionally more edits).
  static func variant(
    id: String, from: String, until: String?, edit: (String) -> String = { $0 }
  ) throws -> Rulebook {
    let period = "{ \"from\": \"\(from)\", \"until\": \(until.map { "\"\($0)\"" } ?? "null") }"
    let text = try Repo.rulebookText()
      .replacing("\"id\": \"qd06-2019\"", with: "\"id\": \"\(id)\"")
      .replacing(#"{ "from": "2019-01-03", "until": null }"#, with: period)
    return try RulebookLoader.load(Array(edit(text).utf8))
  }

  static func entry(_ rulebook: Rulebook) -> RulebookShelf.Entry {
    .init(rulebook: rulebook, source: rulebook.id + ".json")
  }

  @Test("the shipped rulebook is in force from the day Decision 06 was signed, with no end yet")
  func shippedPeriod() throws {
    let period = try #require(Repo.rulebook.inForce)
    #expect(period.from == CalendarDay(year: 2019, month: 1, day: 3))
    #expect(period.until == nil)
    #expect(period.covers(year: 2019) && period.covers(year: 2024) && !period.covers(year: 2018))
  }

  @Test(
    "days are read as YYYY-MM-DD and a day the calendar lacks is refused",
    arguments: [
      ("2019-01-03", true), ("2020-02-29", true), ("2019-02-29", false), ("2019-13-01", false),
      ("2019-1-3", false), ("03/01/2019", false), ("2100-02-29", false), ("2000-02-29", true),
    ])
  func days(text: String, valid: Bool) {
    #expect((CalendarDay(text) != nil) == valid)
  }

  @Test("a year is scored by the rulebook in force on its 31 December")
  func referenceDay() throws {
    let old = InForcePeriod(
      from: try #require(CalendarDay("2014-07-15")), until: CalendarDay("2019-01-02"))
    #expect(old.covers(year: 2014) && old.covers(year: 2018) && !old.covers(year: 2019))
    #expect(old.years?.first == 2014 && old.years?.last == 2018)
    let endsOnNewYearsEve = InForcePeriod(
      from: try #require(CalendarDay("2014-07-15")), until: CalendarDay("2018-12-31"))
    #expect(endsOnNewYearsEve.covers(year: 2018))
  }

  @Test("periods that share a day are refused, naming both files")
  func overlap() throws {
    let old = try Self.variant(id: "old", from: "2014-07-15", until: "2019-01-03")
    #expect(throws: RulebookShelfError.self) {
      try RulebookShelf([Self.entry(old), Self.entry(Repo.rulebook)])
    }
    do {
      _ = try RulebookShelf([Self.entry(Repo.rulebook), Self.entry(old)])
      Issue.record("an overlap was accepted")
    } catch {
      guard case .overlap(let first, let second, _, _) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(first == "old.json" && second == "qd06-2019.json")
    }
  }

  @Test("among several rulebooks every one must say when it is in force, and ids are unique")
  func periodsAndIDs() throws {
    let open = try Self.variant(id: "open", from: "2014-07-15", until: "2018-12-31") {
      $0.replacing(#""inForce": { "from": "2014-07-15", "until": "2018-12-31" },"#, with: "")
    }
    #expect(open.inForce == nil)
    #expect(throws: RulebookShelfError.noPeriod(source: "open.json", id: "open")) {
      try RulebookShelf([Self.entry(open), Self.entry(Repo.rulebook)])
    }
    // Alone, a rulebook that does not say scores every year (as rulebooks written before did).
    #expect(try RulebookShelf([Self.entry(open)]).rulebook(forYear: 2005)?.id == "open")
    let twin = try Self.variant(id: "qd06-2019", from: "2010-01-01", until: "2012-12-31")
    #expect(
      throws: RulebookShelfError.duplicateID(
        "qd06-2019", first: "qd06-2019.json", second: "qd06-2019.json")
    ) {
      try RulebookShelf([Self.entry(Repo.rulebook), Self.entry(twin)])
    }
  }

  @Test("each year gets its rulebook; a year none covers is a problem listing the years covered")
  func choice() throws {
    let old = try Self.variant(id: "old", from: "2014-07-15", until: "2019-01-02")
    let shelf = try RulebookShelf([Self.entry(Repo.rulebook), Self.entry(old)])
    #expect(shelf.rulebook(forYear: 2017)?.id == "old")
    #expect(shelf.rulebook(forYear: 2024)?.id == "qd06-2019")
    #expect(shelf.rulebook(forYear: 2013) == nil)
    #expect(
      shelf.coverage == [
        RulebookCoverage(id: "old", first: 2014, last: 2018),
        RulebookCoverage(id: "qd06-2019", first: 2019, last: nil),
      ])
    let record = EvidenceRecord(
      commune: CommuneIdentity(
        code: "00001", name: "Xã A", district: nil, province: "P", category: "standard"),
      year: 2013, evidence: values(["births": 10]))
    let reading = shelf.readingRulebook
    guard case .failure(let error) = shelf.choose(record, readWith: reading) else {
      Issue.record("a 2013 record was scored")
      return
    }
    #expect(
      error.issues == [
        EvidenceIssue(
          .line(0, column: "year"), .noRulebookForYear(year: 2013, covered: shelf.coverage))
      ])
  }

  @Test("a record read with the newest rulebook is carried over to an older one by field id")
  func carry() throws {
    // The old rulebook calls `births` `births_total` and stores it elsewhere.
    let old = try Self.variant(id: "old", from: "2014-07-15", until: "2019-01-02") {
      $0.replacing("\"births\"", with: "\"births_total\"")
    }
    let shelf = try RulebookShelf([Self.entry(Repo.rulebook), Self.entry(old)])
    let reading = shelf.readingRulebook
    #expect(reading.field("births_total") != nil && reading.field("births") != nil)
    #expect(reading.readsRecordsOf == ["old"])
    var figures = EvidenceValues(fieldCount: reading.fields.count)
    figures[try #require(reading.fieldIndex["births_total"])] = 100
    figures[try #require(reading.fieldIndex["births_registered_on_time"])] = 98
    let record = EvidenceRecord(
      commune: CommuneIdentity(
        code: "00001", name: "Xã A", district: nil, province: "P", category: "standard"),
      year: 2017, evidence: figures)
    let (chosen, carried) = try shelf.choose(record, readWith: reading).get()
    #expect(chosen.id == "old")
    let births = try #require(old.fieldIndex["births_total"])
    #expect(carried.evidence[births] == 100)
    let result = Evaluator.evaluate(carried.evidence, category: "standard", rulebook: old)
    #expect(result.criteria[1].points == 40)
    // The same figure under the newest rulebook's name is not in the old one: refused.
    var newer = EvidenceValues(fieldCount: reading.fields.count)
    newer[try #require(reading.fieldIndex["births"])] = 100
    var wrong = record
    wrong.evidence = newer
    guard case .failure(let error) = shelf.choose(wrong, readWith: reading) else {
      Issue.record("a field the old rulebook lacks was carried")
      return
    }
    #expect(
      error.issues.first?.problem
        == .fieldNotInRulebook(field: "births", rulebook: "old", year: 2017))
  }

  @Test("an in-force period is read strictly, with its JSON path")
  func decoding() throws {
    let text = try Repo.rulebookText()
    for (period, message) in [
      (#"{ "from": "2019-02-30", "until": null }"#, "inForce.from: '2019-02-30' is not a day"),
      (#"{ "from": "2019-01-03", "until": "2018-01-01" }"#, "inForce.until: the last day"),
      (#"{ "until": null }"#, "missing required key 'from'"),
      (#"{ "from": "2019-01-03", "untill": null }"#, "unknown key 'untill'"),
    ] {
      let edited = text.replacing(#"{ "from": "2019-01-03", "until": null }"#, with: period)
      do {
        _ = try RulebookLoader.load(Array(edited.utf8))
        Issue.record("accepted \(period)")
      } catch {
        guard case .decode(let issue) = error else {
          Issue.record("\(error)")
          continue
        }
        #expect(issue.description.contains(message), "\(issue.description)")
      }
    }
  }
}
