/// An exact non-negative fraction of integers, for rates and band limits.
///
/// Rates are never divided in floating point: `49/50` is exactly 98%, and comparisons
/// cross-multiply in 128-bit integers so no realistic count can overflow.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The numerator (≥ 0).
  public let numerator: Int
  /// The denominator (> 0).
  public let denominator: Int

  /// Creates `numerator / denominator`, reduced to lowest terms; `denominator` must be positive.
  public init(_ numerator: Int, _ denominator: Int = 1) {
    precondition(denominator > 0, "a rational needs a positive denominator")
    let divisor = Rational.gcd(Swift.abs(numerator), denominator)
    self.numerator = numerator / Swift.max(divisor, 1)
    self.denominator = denominator / Swift.max(divisor, 1)
  }

  static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }

  /// Parses a plain decimal such as `98`, `99.5` or `0.25` exactly; nil for anything else
  /// (signs, exponents, more than 6 decimal places, or values above one billion).
  public init?(decimal text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 10,
      whole.allSatisfy(\.isASCIIDigit), let wholeValue = Int(whole)
    else { return nil }
    var fractionValue = 0
    var scale = 1
    if parts.count == 2 {
      let fraction = parts[1]
      guard !fraction.isEmpty, fraction.count <= 6, fraction.allSatisfy(\.isASCIIDigit),
        let value = Int(fraction)
      else { return nil }
      fractionValue = value
      scale = Int(pow10: fraction.count)
    }
    guard wholeValue <= 1_000_000_000 else { return nil }
    self.init(wholeValue * scale + fractionValue, scale)
  }

  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    Int128(lhs.numerator) * Int128(rhs.denominator) < Int128(rhs.numerator)
      * Int128(lhs.denominator)
  }

  public static func == (lhs: Rational, rhs: Rational) -> Bool {
    lhs.numerator == rhs.numerator && lhs.denominator == rhs.denominator
  }

  /// This value multiplied by an integer factor (used to turn a fraction into a percentage or a
  /// rate per 100,000).
  public func scaled(by factor: Int) -> Rational { Rational(numerator * factor, denominator) }

  /// The value written as a decimal with at most `places` digits after the point, rounded half
  /// up; for display only, never for decisions.
  public func decimalString(places: Int = 2) -> String {
    let scale = Int128(Int(pow10: places))
    let scaled = (Int128(numerator) * scale * 2 + Int128(denominator)) / (Int128(denominator) * 2)
    let whole = scaled / scale
    var fraction = String(scaled % scale)
    if places == 0 { return String(whole) }
    fraction = String(repeating: "0", count: places - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
  }

  public var description: String {
    denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)"
  }
}

extension Int {
  /// 10 to the power `exponent` (small exponents only).
  init(pow10 exponent: Int) {
    var value = 1
    for _ in 0..<exponent { value *= 10 }
    self = value
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
