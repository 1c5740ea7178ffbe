import CommuneScoring
import Testing

@Suite("Rulebook mistakes worded in both languages")
struct RulebookMessageTests {
  /// The placeholders (`$0`, `$1` …) a wording uses.
  func placeholders(_ text: String) -> Set<String> {
    var found: Set<String> = []
    var characters = text[...]
    while let dollar = characters.firstIndex(of: "$") {
      let digits = characters[characters.index(after: dollar)...].prefix(while: \.isNumber)
      if !digits.isEmpty { found.insert("$" + digits) }
      characters = characters[characters.index(after: dollar)...]
    }
    return found
  }

  /// Letters only Vietnamese writes (ă â đ ê ô ơ ư and the tone marks).
  func isVietnamese(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0xC0...0x1EF9).contains($0.value) }
  }

  @Test(
    "every mistake has a Vietnamese wording of its own, quoting the same names and numbers",
    arguments: RulebookMessage.ID.allCases)
  func everyMistake(id: RulebookMessage.ID) {
    let wording = id.wording
    #expect(!wording.vi.isEmpty && !wording.en.isEmpty)
    #expect(wording.vi != wording.en, "\(id.rawValue) is not translated")
    #expect(isVietnamese(wording.vi), "\(id.rawValue): '\(wording.vi)' is not Vietnamese")
    #expect(!isVietnamese(wording.en), "\(id.rawValue): '\(wording.en)' is not English")
    #expect(placeholders(wording.vi) == placeholders(wording.en), "\(id.rawValue)")
  }

  @Test("a message quotes its names as written and translates its words")
  func arguments() {
    let message = RulebookMessage(
      .bandOrder, "2", "95", RulebookMessage.words("thấp hơn", "below"), "1", "20")
    #expect(
      message.text(.vi)
        == "bands[2]: ngưỡng 95 phải thấp hơn ngưỡng của bands[1] (20): các mức được xét từ trên xuống, nên mức này không bao giờ được dùng"
    )
    #expect(
      message.description
        == "bands[2]: limit 95 must be below the limit of bands[1] (20): bands are read top-down, so this band could never be reached"
    )
    let hint = RulebookMessage(.ruleFieldNotDeclared, "birth", RulebookMessage.hint("births"))
    #expect(
      hint.text(.vi)
        == "trường số liệu 'birth' chưa được khai báo trong 'fields' (có phải ý bạn là 'births'?)")
    #expect(hint.text(.en) == "field 'birth' is not declared in 'fields' (did you mean 'births'?)")
  }

  @Test("every syntax message of the JSON parser reads in Vietnamese, quoting what it found")
  func syntax() throws {
    for (source, vietnamese) in [
      ("{\"a\": 1} x", "còn chữ sau khi giá trị JSON đã kết thúc"),
      ("{\"a\": ", "tệp kết thúc đột ngột, cần một giá trị"),
      ("{\"a\": 1, \"a\": 2}", "khóa bị lặp 'a'"),
      ("{\"a\": @}", "ký tự không mong đợi '@', cần một giá trị"),
      ("{\"a\": tru}", "giá trị không hợp lệ, cần 'true'"),
      ("{\"a\": 01}", "số không hợp lệ: không được có số 0 ở đầu"),
      ("{\"a\": \"x\\q\"}", "ký tự thoát không hợp lệ '\\q' trong chuỗi"),
      ("{\"a\" 1}", "cần dấu ':' sau khóa 'a'"),
      ("[1 2]", "cần dấu ',' hoặc ']' trong mảng"),
    ] {
      do {
        _ = try RulebookDecoder.decode(Array(source.utf8))
        Issue.record("'\(source)' was read")
      } catch {
        guard case .syntax(let syntax) = error.problem else {
          Issue.record("'\(source)': \(error)")
          continue
        }
        #expect(JSONSyntaxWording.vietnamese(syntax.message) == vietnamese, "\(syntax.message)")
      }
    }
  }
}
