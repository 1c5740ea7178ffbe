import CommuneReports
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("Text inside XML and HTML")
struct MarkupTextTests {
  /// True when `text` placed as element text and as an attribute value parses as XML.
  func parses(_ text: String) -> Bool {
    let document =
      "<r a=\"\(MarkupText.escape(text))\" b='\(MarkupText.escape(text))'>"
      + MarkupText.escape(text) + "</r>"
    return XMLParser(data: Data(document.utf8)).parse()
  }

  @Test("the five markup characters become entities")
  func markupCharacters() {
    #expect(
      MarkupText.escape("a & b < c > d \"e\" 'f'")
        == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
  }

  @Test("Vietnamese text without markup characters comes back unchanged")
  func plainText() {
    #expect(MarkupText.escape("Xã Bằng Mạc, Huyện Chi Lăng") == "Xã Bằng Mạc, Huyện Chi Lăng")
    #expect(MarkupText.escape("") == "")
  }

  @Test("control characters pasted from a word processor are removed, tab and line feed are kept")
  func controlCharacters() {
    #expect(MarkupText.escape("Xã\u{0B} Bằng\u{01}\u{00} Mạc\u{7F}\u{85}") == "Xã Bằng Mạc")
    #expect(MarkupText.escape("a\tb\nc") == "a\tb\nc")
    #expect(MarkupText.escape("a\r\nb") == "a&#13;\nb")
    #expect(MarkupText.escape("x\u{FFFE}\u{FFFF}y") == "xy")
  }

  @Test("a vertical tab or form feed between two words becomes one space, never joins them")
  func separatingControls() {
    #expect(MarkupText.escape("Xã\u{0B}Bằng\u{0C}Mạc") == "Xã Bằng Mạc")
    #expect(MarkupText.escape("Xã\u{0B}\u{0C}\u{1F}Bằng") == "Xã Bằng")
    #expect(MarkupText.escape("Xã \u{0B}Bằng\u{85}") == "Xã Bằng")
    #expect(MarkupText.escape("\u{0C}Xã") == "Xã")
    #expect(MarkupText.escape("a\u{0B}<b>") == "a &lt;b&gt;")
  }

  @Test("every character from U+0000 to U+00FF, and the noncharacters, make well-formed XML")
  func everyLowCharacter() throws {
    var all = ""
    for value in UInt32(0)...0xFF { all.unicodeScalars.append(try #require(Unicode.Scalar(value))) }
    all += "\u{FFFE}\u{FFFF}\u{10FFFF}"
    #expect(parses(all))
    for value in UInt32(0)...0x20 {
      #expect(
        parses("a" + String(try #require(Unicode.Scalar(value))) + "b"),
        "U+\(String(value, radix: 16))")
    }
  }
}
