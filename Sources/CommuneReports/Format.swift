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

  /// `numerator / denominator` (denominator > 0) with at most `places` decimals, rounded half up,
  /// computed in 128 bits so a rate of counts near the 64-bit limit is shown, not trapped on.
  package static func ratio(
    _ numerator: Int128, _ denominator: Int, _ language: Language, places: Int = 2
  ) -> String {
    var scale: Int128 = 1
    for _ in 0..<places { scale *= 10 }
    let wide = Int128(denominator)
    // Whole part and remainder first, so the rounding never multiplies a huge numerator.
    let whole = numerator / wide
    let remainder = numerator % wide
    var fraction = (remainder * scale * 2 + wide) / (wide * 2)
    var wholePart = whole
    if fraction >= scale {
      fraction -= scale
      wholePart += 1
    }
    var digits = String(wholePart)
    var grouped = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { grouped += language == .vi ? "." : "," }
      grouped.append(character)
    }
    digits = String(fraction)
    digits = String(repeating: "0", count: max(0, places - digits.count)) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return digits.isEmpty ? grouped : grouped + (language == .vi ? "," : ".") + digits
  }

  /// Points held as `units` of `1/scale`, for people: thousands grouped, a decimal comma in
  /// Vietnamese ("0,25"), a point in English; no trailing zeros.
  package static func points(_ units: Int, scale: Int, _ language: Language) -> String {
    guard scale > 1 else { return integer(units, language) }
    let text = PointScale.text(units, scale: scale)
    let parts = text.split(separator: ".")
    let whole = Int(parts[0]) ?? 0
    let head = (text.hasPrefix("-") && whole == 0 ? "-" : "") + integer(whole, language)
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
