/// Exact decimal points (0,25; 0,5) as whole numbers of a rulebook's smallest unit.
///
/// A rulebook whose points are all whole has a scale of 1, so its points are plain integers
/// everywhere; one that writes `0.25` has a scale of 100 (points are counted in hundredths).
/// The scale is found from the rulebook itself: the most decimal places any point value uses,
/// at most three. Scoring adds and compares integers only, so it stays exact and allocation-free.
public enum PointScale {
  /// The most decimal places a point value may have.
  public static let maximumPlaces = 3

  /// The keys whose numbers are points, wherever they appear in a rulebook.
  static let pointKeys: Set<String> = [
    "points", "maxPoints", "maxTotal", "threshold", "otherwise", "whenNone", "basePoints",
    "pointsPerStep", "cap", "floor", "start", "perCase", "pointsEach", "minimumPoints",
    "minimumPerCriterion",
  ]

  /// The scale (1, 10, 100 or 1000) a rulebook needs, or the place of a point value with too many
  /// decimals.
  static func detect(_ json: JSONValue) throws(DecodeIssue) -> Int {
    var places = 0
    // Most rulebooks are fine: look without building a path for every value, and only look
    // again, naming the place, when a point value has too many decimals.
    guard decimals(json, underPointKey: false, places: &places) else {
      places = 0
      try scan(json, at: .root, underPointKey: false, places: &places)
      return Int(pow10: places)
    }
    return Int(pow10: places)
  }

  /// The most decimal places of the point values in `json` (into `places`); false when one has
  /// too many.
  static func decimals(_ json: JSONValue, underPointKey: Bool, places: inout Int) -> Bool {
    switch json {
    case .number(let text) where underPointKey:
      let utf8 = text.utf8
      guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")) else { return true }
      let decimals = utf8.distance(from: utf8.index(after: dot), to: utf8.endIndex)
      guard decimals <= maximumPlaces,
        !utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
      else { return false }
      places = max(places, decimals)
      return true
    case .object(let object):
      for member in object.members {
        // Only a number or an object can hold a point value under its key: the key of a text
        // or an array (whose elements are looked at on their own) is not looked up.
        let under: Bool
        switch member.value {
        case .number: under = underPointKey || pointKeys.contains(member.key)
        case .object: under = pointKeys.contains(member.key)
        case .array: under = false
        default: continue
        }
        guard decimals(member.value, underPointKey: under, places: &places) else { return false }
      }
      return true
    case .array(let elements):
      for element in elements {
        guard decimals(element, underPointKey: false, places: &places) else { return false }
      }
      return true
    default: return true
    }
  }

  static func scan(_ json: JSONValue, at path: JSONPath, underPointKey: Bool, places: inout Int)
    throws(DecodeIssue)
  {
    switch json {
    case .number(let text) where underPointKey:
      guard let dot = text.firstIndex(of: ".") else { return }
      let decimals = text[text.index(after: dot)...].count
      guard decimals <= maximumPlaces, !text.contains(where: { $0 == "e" || $0 == "E" }) else {
        throw DecodeIssue(
          path,
          .invalid(RulebookMessage(.tooManyDecimals, "\(text)", "\(maximumPlaces)")))
      }
      places = max(places, decimals)
    case .object(let object):
      for (key, value) in object.members {
        try scan(
          value, at: path.appending(key),
          underPointKey: pointKeys.contains(key) || (underPointKey && isMap(value)),
          places: &places)
      }
    case .array(let elements):
      for (index, element) in elements.enumerated() {
        try scan(element, at: path.appending(index: index), underPointKey: false, places: &places)
      }
    default: return
    }
  }

  static func isMap(_ value: JSONValue) -> Bool {
    if case .number = value { return true }
    return false
  }

  /// Parses a point value written `text` (an integer or a decimal with at most `scale`'s places)
  /// into units; nil when it does not fit.
  public static func units(_ text: String, scale: Int) -> Int? {
    var digits = Substring(text)
    var negative = false
    if digits.first == "-" {
      negative = true
      digits = digits.dropFirst()
    }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
      whole.allSatisfy(\.isASCIIDigit), let wholeValue = Int(whole)
    else { return nil }
    var fraction = 0
    if parts.count == 2 {
      let written = parts[1]
      let placesOfScale = String(scale).count - 1
      guard !written.isEmpty, written.count <= placesOfScale, written.allSatisfy(\.isASCIIDigit),
        let value = Int(written)
      else { return nil }
      fraction = value * Int(pow10: placesOfScale - written.count)
    }
    let (product, overflow) = wholeValue.multipliedReportingOverflow(by: scale)
    guard !overflow else { return nil }
    let (sum, overflow2) = product.addingReportingOverflow(fraction)
    guard !overflow2 else { return nil }
    return negative ? -sum : sum
  }

  /// `units` written as a plain decimal point value (`0.25`, `50`), as in a rulebook or JSON.
  public static func text(_ units: Int, scale: Int) -> String {
    guard scale > 1 else { return String(units) }
    let magnitude = units.magnitude
    let whole = magnitude / UInt(scale)
    var fraction = String(magnitude % UInt(scale))
    let places = String(scale).count - 1
    fraction = String(repeating: "0", count: places - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let sign = units < 0 ? "-" : ""
    return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
  }
}

extension ObjectReader {
  /// A required point value, in units of `1/scale` point.
  public mutating func points(_ key: String, scale: Int) throws(DecodeIssue) -> Int {
    let raw = try value(key)
    // The path is made only to report a problem.
    if case .number(let text) = raw, let units = PointScale.units(text, scale: scale) {
      return units
    }
    return try Self.points(raw, at: path.appending(key), scale: scale)
  }

  /// An optional point value, in units of `1/scale` point.
  public mutating func optionalPoints(_ key: String, scale: Int) throws(DecodeIssue) -> Int? {
    guard let raw = optionalValue(key) else { return nil }
    if case .number(let text) = raw, let units = PointScale.units(text, scale: scale) {
      return units
    }
    return try Self.points(raw, at: path.appending(key), scale: scale)
  }

  /// `value` as points in units of `1/scale`.
  public static func points(_ value: JSONValue, at path: JSONPath, scale: Int) throws(DecodeIssue)
    -> Int
  {
    guard case .number(let text) = value else {
      throw DecodeIssue(path, .wrongType(expected: "points (a number)", found: value.kindName))
    }
    guard let units = PointScale.units(text, scale: scale) else {
      throw DecodeIssue(path, .invalid(RulebookMessage(.unusablePoints, "\(text)")))
    }
    return units
  }
}
