import CommuneScoring
import Foundation
import Testing

/// `composedNFC` is the standard library's normalisation on Linux (so `cfc` need not link ICU);
/// it must compose exactly as Foundation's `precomposedStringWithCanonicalMapping` does.
@Suite("NFC composition")
struct CompositionTests {
  /// Every Vietnamese letter with every tone, decomposed, and some text around it.
  static var vietnamese: [String] {
    let bases = Array("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐ")
    let tones: [String] = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"]
    var texts: [String] = []
    for base in bases {
      for tone in tones {
        let word = String(base) + tone
        texts.append(word.decomposedStringWithCanonicalMapping)
        texts.append("Xã \(word)n, huyện Hữu Lũng")
      }
    }
    // Marks in a non-canonical order, and marks with no letter before them.
    texts += ["a\u{323}\u{302}", "a\u{302}\u{323}", "\u{301}x", "Tỷ lệ 95 %", "ﬁ ﬀ Å K", ""]
    return texts
  }

  @Test("Vietnamese text composes as Foundation composes it")
  func vietnameseText() {
    for text in Self.vietnamese {
      #expect(
        Array(text.composedNFC.utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8),
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }

  /// Scalars given a combining class after Unicode 15.1, the version of Foundation's ICU here:
  /// the standard library, which knows them, may order them otherwise. None is Vietnamese.
  static func newerThanICU(_ scalar: Unicode.Scalar) -> Bool {
    guard let age = scalar.properties.age else { return false }
    return age.major >= 16
  }

  @Test("every scalar of the Basic Multilingual Plane, alone and before a mark, composes alike")
  func everyScalar() {
    var differing: [String] = []
    for value in UInt32(0)...0xFFFF {
      guard let scalar = Unicode.Scalar(value), !Self.newerThanICU(scalar) else { continue }
      for text in [String(scalar), String(scalar) + "\u{301}", String(scalar) + "\u{323}\u{302}"]
      where Array(text.composedNFC.utf8) != Array(text.precomposedStringWithCanonicalMapping.utf8) {
        differing.append("U+" + String(value, radix: 16, uppercase: true))
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(20))")
  }
}
