import CommuneScoring
import Testing

@Suite("The rulebook says what a commune code looks like")
struct CommuneCodeTests {
  @Test("the shipped rulebook declares five digits: 6124 is restored to 06124, 123456 refused")
  func shippedRulebookDeclaresFiveDigits() {
    #expect(Repo.rulebook.communeCodeDigits == 5)
    #expect(CommuneCode.restored("6124", rulebook: Repo.rulebook) == "06124")
    #expect(CommuneCode.restored("06124", rulebook: Repo.rulebook) == "06124")
    #expect(CommuneCode.restored("123456", rulebook: Repo.rulebook) == nil)
  }

  @Test("six digits restore to six; a rulebook declaring none takes codes as written")
  func otherRulebooks() throws {
    let text = try Repo.rulebookText()
    let six = try RulebookDecoder.decode(
      Array(text.replacingOccurrences(of: "\"digits\": 5", with: "\"digits\": 6").utf8))
    #expect(CommuneCode.restored("6124", rulebook: six) == "006124")
    let none = try RulebookDecoder.decode(
      Array(
        text.replacingOccurrences(of: "\"communeCode\": {\n    \"digits\": 5\n  },\n", with: "")
          .utf8))
    #expect(none.communeCodeDigits == nil)
    #expect(CommuneCode.restored("6124", rulebook: none) == "6124")
  }

  @Test("a code shape of 0 digits is refused with its JSON path")
  func zeroDigitsRefused() throws {
    let text = try Repo.rulebookText()
    #expect {
      _ = try RulebookDecoder.decode(
        Array(text.replacingOccurrences(of: "\"digits\": 5", with: "\"digits\": 0").utf8))
    } throws: { error in
      "\(error)".contains("communeCode.digits")
    }
  }
}
