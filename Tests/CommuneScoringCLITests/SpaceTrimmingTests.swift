import Foundation
import Testing

@testable import CommuneScoringCLI

/// `trimmingSpaces` stands in for Foundation's `trimmingCharacters(in: .whitespaces)`.
@Suite("Space trimming")
struct SpaceTrimmingTests {
  @Test("spaces and tabs are trimmed as Foundation trims them, line breaks and inner spaces kept")
  func sameAsFoundation() {
    for text in [
      "", " ", "  a  ", "\tUBND xã\u{00A0}", "\u{3000}Hà Nội\u{2003}", "\na\n", " a b ",
      "\u{200B}x", "x\u{FEFF}", "Sở Y tế ", "\u{1680}x\u{202F}",
    ] {
      #expect(
        text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces),
        "\(Array(text.unicodeScalars))")
      #expect(
        text[...].trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
    }
  }
}
