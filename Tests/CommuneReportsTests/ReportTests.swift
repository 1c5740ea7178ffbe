import CommuneReports
import CommuneScoring
import Foundation
import Testing

let shippedRulebook: Rulebook = {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  do {
    return try RulebookLoader.load(
      Array(try Data(contentsOf: root.appendingPathComponent("criteria/qd06-2019.json"))))
  } catch {
    fatalError("the shipped rulebook does not load: \(error)")
  }
}()

@Suite("CSV writing")
struct CSVWriterTests {
  @Test("fields with commas, quotes or line breaks are quoted; Vietnamese is kept as is")
  func quoting() {
    #expect(
      CSVWriter.row(["06124", "Xã Bằng Mạc", "Huyện Chi Lăng, Lạng Sơn", "say \"hi\"", "a\nb"])
        == "06124,Xã Bằng Mạc,\"Huyện Chi Lăng, Lạng Sơn\",\"say \"\"hi\"\"\",\"a\nb\"")
    #expect(CSVWriter.field("") == "")
    #expect(CSVWriter.field(" padded") == "\" padded\"")
  }
}

@Suite("Explanations for people")
struct ExplainerTests {
  func evaluation(_ changes: [String: Int]) -> Evaluation {
    var values = EvidenceValues(fieldCount: shippedRulebook.fields.count)
    for (id, value) in changes { values[shippedRulebook.fieldIndex[id] ?? 0] = value }
    return Evaluator.evaluate(values, category: "standard", rulebook: shippedRulebook)
  }

  @Test(
    "a rate explains its figures, its exact value and the band it met, in Vietnamese, without field ids"
  )
  func rateVietnamese() throws {
    let result = evaluation(["births": 50, "births_registered_on_time": 49])
    let indicator = try #require(result.criteria[1].indicators.first)
    let text = Explainer(rulebook: shippedRulebook, language: .vi).explain(indicator, in: 1)
    #expect(
      text
        == "Số trẻ em được đăng ký khai sinh đúng quy định / Số trẻ em sinh ra trong kỳ = 49/50 = 98% → đạt mức ≥ 98% → 40 điểm"
    )
    // In English the id follows the label, so people can find the field in their file.
    let en = Explainer(rulebook: shippedRulebook, language: .en).explain(indicator, in: 1)
    #expect(en.hasPrefix("Births registered as required (births_registered_on_time) / "))
  }

  @Test("a rate per 100,000 uses Vietnamese thousands and decimal separators, English its own")
  func per100k() throws {
    let result = evaluation(["children_abused": 1, "children_total": 3333])
    let indicator = try #require(result.criteria[2].indicators.first)
    let vi = Explainer(rulebook: shippedRulebook, language: .vi).explain(indicator, in: 2)
    #expect(
      vi.hasSuffix(
        "= 1/3.333 = 30 trên 100.000 → không đạt mức thấp nhất (≤ 30 trên 100.000) → 0 điểm"))
    let en = Explainer(rulebook: shippedRulebook, language: .en).explain(indicator, in: 2)
    #expect(
      en.hasSuffix(
        "= 1/3,333 = 30 per 100,000 → misses the lowest band (≤ 30 per 100,000) → 0 points"))
  }

  @Test("a missing figure is named, with what the indicator could still give")
  func missing() throws {
    let result = evaluation(["births": 10])
    let indicator = try #require(result.criteria[1].indicators.first)
    #expect(
      Explainer(rulebook: shippedRulebook, language: .en).explain(indicator, in: 1)
        == "Missing: Births registered as required (births_registered_on_time) → not verifiable yet (up to 50 points)"
    )
  }

  @Test("reasons name the criterion, the gate's figure and the shortfall")
  func reasons() {
    let explainer = Explainer(rulebook: shippedRulebook, language: .vi)
    #expect(
      explainer.reason(.belowThreshold(total: 835, threshold: 850), category: "standard")
        == "Tổng điểm 835 thấp hơn ngưỡng 850 của loại Xã, phường, thị trấn còn lại (thiếu 15 điểm)"
    )
    let gate = GateResultFixture.fired
    #expect(
      explainer.reason(.criterionZero(criterion: "T5", gate: gate), category: "standard").contains(
        "vì Số trẻ em tử vong do tai nạn, thương tích (kể cả đuối nước) = 1 —"
      ))
  }
}

enum GateResultFixture {
  static var fired: GateResult? {
    var values = EvidenceValues(fieldCount: shippedRulebook.fields.count)
    values[shippedRulebook.fieldIndex["children_injury_deaths"] ?? 0] = 1
    return Evaluator.evaluate(values, category: "standard", rulebook: shippedRulebook).criteria[4]
      .firedGate
  }
}

@Suite("Spreadsheet export pieces")
struct SpreadsheetTests {
  @Test("CRC-32 matches the standard check value")
  func crc() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([]) == 0)
  }

  @Test("spreadsheet column names run A … Z, AA …")
  func columns() {
    #expect([0, 25, 26, 27, 51, 52].map(XLSXWriter.column) == ["A", "Z", "AA", "AB", "AZ", "BA"])
  }
}
