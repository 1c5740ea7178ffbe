import CommuneScoring
import Testing

/// A JSON record around `evidence` (a JSON object's members) with optional overrides.
func recordJSON(
  evidence: String = #""births": 10, "births_registered_on_time": 9"#,
  category: String = "standard", extra: String = ""
) -> String {
  """
  {"commune": {"code": "06124", "name": "Xã Bằng Mạc", "province": "Lạng Sơn", "category": "\(category)"},
   "year": 2024, \(extra)
   "evidence": {\(evidence)}}
  """
}

func decodeProblems(_ json: String) -> [EvidenceIssue] {
  do {
    _ = try EvidenceDecoder.decode(Array(json.utf8), rulebook: Repo.rulebook)
    return []
  } catch {
    return error.issues
  }
}

func at(_ path: String) -> InputLocation {
  .json(JSONPath(components: path.split(separator: ".").map { .key(String($0)) }))
}

@Suite("Evidence records are checked with the place and the field named")
struct EvidenceValidationTests {
  @Test("a valid record decodes, and absent fields are missing, not zero")
  func valid() throws {
    let record = try EvidenceDecoder.decode(Array(recordJSON().utf8), rulebook: Repo.rulebook)
    #expect(record.commune.name == "Xã Bằng Mạc")
    #expect(record.evidence[try #require(Repo.rulebook.fieldIndex["births"])] == 10)
    #expect(record.evidence[try #require(Repo.rulebook.fieldIndex["children_total"])] == nil)
    #expect(record.inputSHA256?.count == 64)
  }

  @Test("a part larger than its whole names both fields and values")
  func partExceedsWhole() {
    #expect(
      decodeProblems(recordJSON(evidence: #""births": 10, "births_registered_on_time": 11"#)) == [
        EvidenceIssue(
          at("evidence.births_registered_on_time"),
          .partExceedsWhole(
            part: "births_registered_on_time", partValue: 11, whole: "births", wholeValue: 10))
      ])
  }

  @Test("a part is checked against the nearest whole that is present")
  func partOfMissingMiddle() {
    #expect(
      decodeProblems(recordJSON(evidence: #""children_total": 5, "children_sexually_abused": 6"#))
        == [
          EvidenceIssue(
            at("evidence.children_sexually_abused"),
            .partExceedsWhole(
              part: "children_sexually_abused", partValue: 6, whole: "children_total", wholeValue: 5
            ))
        ])
  }

  @Test("negative counts, wrong types and decimals are refused")
  func wrongValues() {
    #expect(
      decodeProblems(recordJSON(evidence: #""births": -1"#)) == [
        EvidenceIssue(at("evidence.births"), .negative(field: "births", value: -1))
      ])
    #expect(
      decodeProblems(recordJSON(evidence: #""births": "12""#)) == [
        EvidenceIssue(
          at("evidence.births"),
          .wrongType(field: "births", expected: "a whole number", found: "a string"))
      ])
    #expect(
      decodeProblems(recordJSON(evidence: #""births": 12.5"#)) == [
        EvidenceIssue(at("evidence.births"), .notWholeNumber(field: "births", text: "12.5"))
      ])
    #expect(
      decodeProblems(recordJSON(evidence: #""child_budget_allocated": 1"#)) == [
        EvidenceIssue(
          at("evidence.child_budget_allocated"),
          .wrongType(
            field: "child_budget_allocated", expected: "true or false", found: "an integer"))
      ])
    #expect(
      decodeProblems(recordJSON(evidence: #""births": 99999999999999999999"#)) == [
        EvidenceIssue(
          at("evidence.births"), .tooLarge(field: "births", text: "99999999999999999999"))
      ])
  }

  @Test("a survey below its minimum is refused naming the minimum")
  func minimum() {
    #expect(
      decodeProblems(recordJSON(evidence: #""survey_respondents": 29, "survey_satisfied": 20"#))
        == [
          EvidenceIssue(
            at("evidence.survey_respondents"),
            .belowMinimum(field: "survey_respondents", value: 29, minimum: 30))
        ])
  }

  @Test("an unknown field suggests the closest declared one")
  func unknownField() {
    #expect(
      decodeProblems(recordJSON(evidence: #""birth": 3"#)) == [
        EvidenceIssue(at("evidence.birth"), .unknownField("birth", suggestion: "births"))
      ])
  }

  @Test("an unknown category lists the valid ones")
  func unknownCategory() {
    #expect(
      decodeProblems(recordJSON(category: "mountain")) == [
        EvidenceIssue(
          at("commune.category"),
          .unknownCategory(
            "mountain", valid: ["urban_ward", "mountain_island_disadvantaged", "standard"]))
      ])
  }

  @Test("a record for another rulebook names both rulebooks")
  func rulebookMismatch() {
    #expect(
      decodeProblems(recordJSON(extra: #""rulebook": "qd34-2014","#)) == [
        EvidenceIssue(at("rulebook"), .rulebookMismatch(record: "qd34-2014", inUse: "qd06-2019"))
      ])
  }

  @Test("missing identity, unknown keys and broken JSON are located")
  func structure() {
    #expect(
      decodeProblems(
        #"{"commune": {"code": "1", "name": "X", "category": "standard"}, "year": 2024, "evidence": {}}"#
      ) == [
        EvidenceIssue(at("commune"), .missingRequired("province"))
      ])
    #expect(
      decodeProblems(
        #"{"commune": {"code": "1", "name": "X", "province": "P", "category": "standard"}, "yaer": 2024, "evidence": {}}"#
      ) == [
        EvidenceIssue(.json(.root), .unknownKey("yaer", suggestion: "year"))
      ])
    #expect(
      decodeProblems(
        #"{"commune": {"code": " ", "name": "X", "province": "P", "category": "standard"}, "year": 2024, "evidence": {}}"#
      ) == [
        EvidenceIssue(at("commune.code"), .emptyRequired("code"))
      ])
    #expect(
      decodeProblems(
        recordJSON(extra: #""year": 24,"#).replacingOccurrences(of: #""year": 2024,"#, with: ""))
        == [EvidenceIssue(at("year"), .implausibleYear(24))])
    let broken = decodeProblems("{\n \"commune\": \n}")
    guard case .syntax(let error)? = broken.first?.problem else {
      Issue.record("expected a syntax error, got \(broken)")
      return
    }
    #expect(error.line == 3)
  }

  @Test("several problems in one record are all reported")
  func severalProblems() {
    let problems = decodeProblems(
      recordJSON(evidence: #""births": -2, "survey_respondents": 10, "survey_satisfied": 11"#))
    #expect(problems.count == 3)
  }

  @Test("a council adjustment that breaks part ≤ whole is refused at the adjustment")
  func badAdjustment() {
    let json = recordJSON(
      extra:
        #""review": {"adjustments": [{"field": "births_registered_on_time", "value": 12, "reason": "x"}]},"#
    )
    #expect(
      decodeProblems(json) == [
        EvidenceIssue(
          .json(
            JSONPath(components: [.key("review"), .key("adjustments"), .index(0), .key("value")])),
          .partExceedsWhole(
            part: "births_registered_on_time", partValue: 12, whole: "births", wholeValue: 10))
      ])
  }
}
