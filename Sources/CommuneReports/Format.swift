import CommuneScoring

/// Number formatting for people: Vietnamese groups thousands with '.' and uses ',' for decimals.
package enum Format {
  /// An integer with thousands separators.
  package static func integer(_ value: Int, _ language: Language) -> String {
    let digits = String(abs(value))
    var grouped = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { grouped += language == .vi ? "." : "," }
      grouped.append(character)
    }
    return (value < 0 ? "-" : "") + grouped
  }

  /// An exact value shown with at most `places` decimals.
  package static func decimal(_ value: Rational, _ language: Language, places: Int = 2) -> String {
    let text = value.decimalString(places: places)
    let parts = text.split(separator: ".")
    let whole = Int(parts[0]) ?? 0
    let head = integer(whole, language)
    guard parts.count == 2 else { return head }
    return head + (language == .vi ? "," : ".") + parts[1]
  }

  /// Pads `text` on the right to `width` characters (by grapheme, so Vietnamese aligns).
  package static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  /// Pads `text` on the left to `width` characters.
  package static func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
