import CommuneReports
import CommuneScoring
import Testing

@Suite("Reports of counts near the 64-bit limit")
struct HugeCountReportTests {
  func hugeAssessment() -> Assessment {
    let big = Int.max
    var values = EvidenceValues(fieldCount: shippedRulebook.fields.count)
    let fields: [String: Int] = [
      "births": big, "births_registered_on_time": big - 3, "children_total": big,
      "children_abused": big - 1, "children_sexually_abused": 0, "children_violating_law": big,
      "children_injured": big, "children_injury_deaths": 0,
      "children_under5_measured": big, "children_under5_underweight": big / 3,
      "child_protection_officer_assigned": 0,
    ]
    for (id, value) in fields { values[shippedRulebook.fieldIndex[id] ?? 0] = value }
    let record = EvidenceRecord(
      commune: CommuneIdentity(
        code: "00001", name: "Xã Lớn", district: nil, province: "P", category: "standard"),
      year: 2024, evidence: values)
    return Assessor.assess(record, rulebook: shippedRulebook)
  }

  @Test(
    "the explanation shows the exact rate of huge counts: 9,223,372,036,854,775,804 of the maximum")
  func explanation() throws {
    let assessment = hugeAssessment()
    let text = TextReport(rulebook: shippedRulebook, language: .en).render(assessment)
    #expect(text.contains("9,223,372,036,854,775,804/9,223,372,036,854,775,807 = 100%"))
    let vi = TextReport(rulebook: shippedRulebook, language: .vi).render(assessment)
    #expect(vi.contains("9.223.372.036.854.775.807"))
    // 9,223,372,036,854,775,806 abused among 9,223,372,036,854,775,807 children per 100,000.
    #expect(text.contains("99,999.99 per 100,000") || text.contains("100,000 per 100,000"))
  }

  @Test("JSON and HTML render huge counts without a trap")
  func jsonAndHTML() {
    let assessment = hugeAssessment()
    let json = JSONReport(rulebook: shippedRulebook, language: .vi).render(assessment)
    #expect(json.contains("9223372036854775807"))
    let html = HTMLReport(rulebook: shippedRulebook, language: .en).render(assessment)
    #expect(html.contains("9,223,372,036,854,775,807"))
  }
}
