import Testing

@testable import CommuneReports

/// Wrapping keeps each line's width as words are added; it must agree with counting the
/// characters of every line, whatever the text.
@Suite("Text wrapping")
struct TextWrapTests {
  /// The wrapping as it was first written: the line's characters counted again for each word.
  static func reference(_ words: [String], width: Int, indent: Int, firstIndent: Int) -> [String] {
    var lines: [String] = []
    var line = String(repeating: " ", count: firstIndent)
    var empty = true
    for word in words {
      if !empty, line.count + 1 + word.count > width {
        lines.append(line)
        line = String(repeating: " ", count: indent)
        empty = true
      }
      line += (empty ? "" : " ") + word
      empty = false
    }
    lines.append(line)
    return lines
  }

  static let texts = [
    "Tỷ lệ trẻ em dưới 5 tuổi được tiêm chủng đầy đủ các loại vắc xin theo quy định: 95 %",
    // The same with decomposed marks: "e" + U+0301 is one character, not two.
    "Ty\u{309} lê\u{323} tre\u{309} em du\u{31B}o\u{301}i 5 tuô\u{309}i đu\u{31B}o\u{31B}\u{323}c tiêm chu\u{309}ng",
    // A word starting with a combining mark joins the space before it.
    "ab \u{301}cd ef \u{301}\u{301} gh ij kl mn op qr st uv wx yz",
    "emoji 👨‍👩‍👧 flags 🇻🇳🇻🇳 and a\r\nline break, ≥ 20 điểm – “quoted” … → done",
    "Criterion 3: rate 98.5 % (at least 95 %), 20 points; otherwise 10 points.",
  ]

  @Test("lines are those of counting every line's characters, for any text and width")
  func sameAsCounting() {
    for text in Self.texts {
      let words = text.split(separator: " ").map(String.init)
      for width in 4...40 {
        for (indent, first) in [(0, 0), (2, 0), (4, 2)] {
          #expect(
            TextWrap.lines(words: words, width: width, indent: indent, firstIndent: first)
              == Self.reference(words, width: width, indent: indent, firstIndent: first),
            "\(text) at \(width)")
        }
      }
    }
  }

  @Test("a width is counted from scalars only when each is a character of its own")
  func columns() {
    let plain = "Tỷ lệ 95 % – “đạt” ≥ 20 → …"
    #expect(TextWrap.columns(plain) == plain.count)
    #expect(TextWrap.columns("e\u{301}") == nil)
    #expect(TextWrap.columns("a\r\nb") == nil)
    #expect(TextWrap.columns("🇻🇳") == nil)
  }

  @Test("a long line wraps under its item's text, a short one stays as it is")
  func hanging() {
    #expect(TextWrap.hanging("  - ngắn", width: 20) == ["  - ngắn"])
    #expect(
      TextWrap.hanging("  - Tỷ lệ tiêm chủng đạt 98 %, được 20 điểm", width: 24)
        == ["  - Tỷ lệ tiêm chủng đạt", "    98 %, được 20 điểm"])
  }

  @Test("a line of single-scalar characters wraps by its bytes exactly as by its characters")
  func hangingByBytes() {
    let lines = [
      "  - Tỷ lệ tiêm chủng đạt 98 %, được 20 điểm; chưa đạt 95 % thì 10 điểm.",
      "T6   Trẻ em có hoàn cảnh đặc biệt được trợ giúp, chăm sóc: 75/125 điểm (đạt ≥ 60 điểm)",
      "    - Criterion 3: rate 98.5 % (at least 95 %), 20 points; otherwise 10 points.",
      "Score 7 point. 8 points, 9 points: 10 points) 11 points;) 12 pointsx 13 Points 14 điểm.",
      "Numbers that are not digits: ½ điểm, ² points, Ⅻ points, ⁴ điểm, x điểm, 1a điểm, 2 2 điểm",
      "   leading   and   repeated   spaces,\u{A0}a no-break\u{A0}space 5 điểm   at   the end   ",
      "-  a dash without its space, a-very-long-word-that-is-longer-than-any-line-we-will-try-here",
      "Trích: “Quyết định 06/QĐ-TTg” … → ≥ 20 ‰ — điểm 100 điểm …",
    ]
    for line in lines {
      #expect(TextWrap.columns(line) != nil, "\(line)")
      for width in 4...90 {
        #expect(
          TextWrap.hangingSimple(line, width: width)
            == TextWrap.hangingCharacters(line, width: width), "\(line) at \(width)")
      }
    }
  }
}
