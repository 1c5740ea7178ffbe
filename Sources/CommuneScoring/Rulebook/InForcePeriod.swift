/// A calendar day, as rulebooks write it (`"2019-01-03"`).
public struct CalendarDay: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads `YYYY-MM-DD`, refusing a day the calendar does not have (`2019-02-29`).
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  static func days(inMonth month: Int, of year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// `2019-01-03`.
  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}

/// When a rulebook is in force (`"inForce": {"from": "2019-01-03", "until": null}`): from its
/// first day to its last day, both included; no last day while it is still in force.
///
/// A record of assessment year Y is scored by the rulebook in force on 31 December of Y, the end
/// of the year being assessed (assessments are made in November on the year's figures; a
/// decision replaced during the year gives way to its successor for that year).
public struct InForcePeriod: Sendable, Equatable {
  /// The first day in force.
  public var from: CalendarDay
  /// The last day in force; nil while still in force.
  public var until: CalendarDay?

  public init(from: CalendarDay, until: CalendarDay?) {
    self.from = from
    self.until = until
  }

  /// The day whose rulebook scores a record of assessment year `year`: 31 December.
  public static func referenceDay(ofYear year: Int) -> CalendarDay {
    CalendarDay(year: year, month: 12, day: 31)
  }

  /// Whether the period includes `day`.
  public func contains(_ day: CalendarDay) -> Bool {
    from <= day && until.map { day <= $0 } ?? true
  }

  /// Whether the period scores records of assessment year `year`.
  public func covers(year: Int) -> Bool { contains(Self.referenceDay(ofYear: year)) }

  /// Whether the two periods share a day.
  public func overlaps(_ other: InForcePeriod) -> Bool {
    let endsAfterOtherStarts = until.map { $0 >= other.from } ?? true
    let otherEndsAfterThisStarts = other.until.map { $0 >= from } ?? true
    return endsAfterOtherStarts && otherEndsAfterThisStarts
  }

  /// The assessment years the period scores (`2019...`, open when still in force); nil when it
  /// scores none (in force for part of one year only, ended before 31 December).
  public var years: (first: Int, last: Int?)? {
    let first = from.year
    let last = until.map { $0.month == 12 && $0.day == 31 ? $0.year : $0.year - 1 }
    if let last, last < first { return nil }
    return (first, last)
  }

  /// Reads `inForce` from a rulebook (`from` required, `until` a day or null).
  static func decode(_ reader: inout ObjectReader) throws(DecodeIssue) -> InForcePeriod? {
    guard reader.optionalValue("inForce") != nil else { return nil }
    var inner = try reader.object("inForce")
    func day(_ key: String) throws(DecodeIssue) -> CalendarDay? {
      guard let value = inner.optionalValue(key), value != .null else { return nil }
      let text = try ObjectReader.string(value, at: inner.path.appending(key))
      guard let day = CalendarDay(text) else {
        throw DecodeIssue(
          inner.path.appending(key), .invalid(RulebookMessage(.notADay, "\(text)")))
      }
      return day
    }
    guard let from = try day("from") else {
      throw DecodeIssue(inner.path, .missingKey("from"))
    }
    let until = try day("until")
    try inner.finish()
    if let until, until < from {
      throw DecodeIssue(
        inner.path.appending("until"),
        .invalid(RulebookMessage(.untilBeforeFrom, "\(until)", "\(from)")))
    }
    return InForcePeriod(from: from, until: until)
  }
}
