extension StringProtocol {
  /// The text without the spaces and tabs around it: Foundation's
  /// `trimmingCharacters(in: .whitespaces)` (Unicode spaces, Zs, the tab and, as Foundation
  /// counts it, the zero-width space U+200B; line breaks kept),
  /// written here so that `cfc` links only FoundationEssentials (a test compares the two).
  var trimmingSpaces: String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    var kept = String.UnicodeScalarView()
    kept.append(contentsOf: scalars[first...last])
    return String(kept)
  }
}
