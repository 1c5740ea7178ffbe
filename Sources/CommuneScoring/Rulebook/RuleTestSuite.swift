/// Test cases written beside a rulebook by its authors (`criteria/ID.tests.json`): records, or
/// only the figures that matter, with the points, criterion results and verdict they must get.
///
/// ```json
/// { "rulebook": "qd06-2019",
///   "base": { "commune": { … }, "year": 2024, "evidence": { … } },
///   "cases": [
///     { "name": "T2.1: 49/50 is exactly 98% → 40",
///       "evidence": { "births": 50, "births_registered_on_time": 49 },
///       "expect": { "indicators": { "T2.1": 40 }, "criteria": { "T2": 40 },
///                   "total": 990, "status": "recognized" } } ] }
/// ```
///
/// A case's `evidence` is laid over `base.evidence` (`null` makes a figure missing); `category`
/// and `year` override the base's; `record` gives a whole record instead. Expected points are
/// numbers (decimals as the rulebook writes them) or `null` for not verifiable.
public struct RuleTestSuite: Sendable {
  /// The id of the rulebook the cases were written for.
  public var rulebookID: String
  /// The cases, in file order.
  public var cases: [RuleTestCase]
}

/// One test case: a record and what the rulebook must make of it.
public struct RuleTestCase: Sendable {
  /// What the case checks, in the authors' words.
  public var name: String
  /// Where the case is in its file (`cases[3]`).
  public var path: JSONPath
  /// The record assessed.
  public var record: EvidenceRecord
  /// What it must score.
  public var expect: RuleTestExpectation
}

/// The results a case expects; what is not given is not checked.
public struct RuleTestExpectation: Sendable, Equatable {
  /// Indicator id → points in rulebook units (nil: not verifiable), in file order.
  public var indicators: [(id: String, points: Int?)] = []
  /// Criterion id → points in rulebook units (nil: not verifiable), in file order.
  public var criteria: [(id: String, points: Int?)] = []
  /// The total, in rulebook units.
  public var total: Int?
  /// The verdict.
  public var status: AssessmentStatus?

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.indicators.elementsEqual(rhs.indicators) { $0.id == $1.id && $0.points == $1.points }
      && lhs.criteria.elementsEqual(rhs.criteria) { $0.id == $1.id && $0.points == $1.points }
      && lhs.total == rhs.total && lhs.status == rhs.status
  }
}

/// Stage 1 for rule tests: bytes → `RuleTestSuite`, strictly; every problem is an
/// `EvidenceError` located by its JSON path, so it reads like a record's.
public enum RuleTestDecoder {
  /// Decodes a test file for `rulebook` (whose fields, ids and categories the cases use).
  public static func decode(_ bytes: some Collection<UInt8>, rulebook: Rulebook)
    throws(EvidenceError) -> RuleTestSuite
  {
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch {
      throw EvidenceError(.json(.root), .syntax(error))
    }
    do {
      return try decodeUnchecked(json, rulebook: rulebook)
    } catch let issue as DecodeIssue {
      throw EvidenceError(.json(issue.path), EvidenceDecoder.problem(for: issue))
    } catch let error as EvidenceError {
      throw error
    } catch {
      throw EvidenceError(.json(.root), .malformedRow("\(error)"))
    }
  }

  static func decodeUnchecked(_ json: JSONValue, rulebook: Rulebook) throws -> RuleTestSuite {
    var top = try ObjectReader(json, at: .root)
    _ = try top.optionalString("$schema")
    _ = try top.optionalString("notes")
    let rulebookID = try top.string("rulebook")
    if rulebookID != rulebook.id {
      throw EvidenceError(
        .json(.root.appending("rulebook")),
        .rulebookMismatch(record: rulebookID, inUse: rulebook.id))
    }
    var base: JSONObject?
    if let value = top.optionalValue("base") {
      guard case .object(let object) = value else {
        throw DecodeIssue(
          .root.appending("base"), .wrongType(expected: "an object", found: value.kindName))
      }
      base = object
    }
    var cases: [RuleTestCase] = []
    for (value, path) in try top.array("cases") {
      cases.append(try decodeCase(value, at: path, base: base, rulebook: rulebook))
    }
    try top.finish()
    if cases.isEmpty {
      throw DecodeIssue(.root.appending("cases"), .invalid(RulebookMessage(.testNoCase)))
    }
    return RuleTestSuite(rulebookID: rulebookID, cases: cases)
  }

  static func decodeCase(
    _ value: JSONValue, at path: JSONPath, base: JSONObject?, rulebook: Rulebook
  )
    throws -> RuleTestCase
  {
    var reader = try ObjectReader(value, at: path)
    let name = try reader.string("name")
    let record: EvidenceRecord
    if let whole = reader.optionalValue("record") {
      for key in ["evidence", "category", "year"] where reader.optionalValue(key) != nil {
        throw DecodeIssue(
          path.appending(key), .invalid(RulebookMessage(.testRecordOrFigures, "\(key)")))
      }
      record = try EvidenceDecoder.decode(whole, rulebook: rulebook, at: path.appending("record"))
    } else {
      guard let base else {
        throw DecodeIssue(
          path, .invalid(RulebookMessage(.testNoBase)))
      }
      let merged = try merge(base, &reader, at: path)
      // Problems in the figures are located inside the case (`cases[3].evidence.births`).
      record = try EvidenceDecoder.decode(.object(merged), rulebook: rulebook, at: path)
    }
    let expect = try decodeExpectation(try reader.object("expect"), rulebook: rulebook)
    try reader.finish()
    return RuleTestCase(name: name, path: path, record: record, expect: expect)
  }

  /// `base` with the case's `evidence` laid over its evidence and its `category` and `year`.
  static func merge(_ base: JSONObject, _ reader: inout ObjectReader, at path: JSONPath) throws
    -> JSONObject
  {
    var merged = base
    func set(_ object: inout JSONObject, _ key: String, _ value: JSONValue) {
      if let index = object.members.firstIndex(where: { $0.key == key }) {
        object.members[index].value = value
      } else {
        object.members.append((key: key, value: value))
      }
    }
    if let figures = reader.optionalValue("evidence") {
      guard case .object(let overlay) = figures else {
        throw DecodeIssue(
          path.appending("evidence"), .wrongType(expected: "an object", found: figures.kindName))
      }
      var evidence: JSONObject
      if case .object(let object)? = base["evidence"] {
        evidence = object
      } else {
        evidence = JSONObject()
      }
      for member in overlay.members { set(&evidence, member.key, member.value) }
      set(&merged, "evidence", .object(evidence))
    }
    if let category = reader.optionalValue("category") {
      var commune: JSONObject
      if case .object(let object)? = base["commune"] {
        commune = object
      } else {
        commune = JSONObject()
      }
      set(&commune, "category", category)
      set(&merged, "commune", .object(commune))
    }
    if let year = reader.optionalValue("year") { set(&merged, "year", year) }
    return merged
  }

  static func decodeExpectation(_ reader: ObjectReader, rulebook: Rulebook) throws
    -> RuleTestExpectation
  {
    var reader = reader
    var expect = RuleTestExpectation()
    let indicatorIDs = rulebook.criteria.flatMap { $0.indicators.map(\.id) }
    expect.indicators = try pointsMap(
      &reader, "indicators", ids: indicatorIDs, scale: rulebook.pointScale)
    expect.criteria = try pointsMap(
      &reader, "criteria", ids: rulebook.criteria.map(\.id), scale: rulebook.pointScale)
    expect.total = try reader.optionalPoints("total", scale: rulebook.pointScale)
    if let text = try reader.optionalString("status") {
      guard let status = AssessmentStatus(rawValue: text) else {
        throw DecodeIssue(
          reader.path.appending("status"),
          .invalid(RulebookMessage(.testStatus, "\(text)")))
      }
      expect.status = status
    }
    try reader.finish()
    if expect.indicators.isEmpty, expect.criteria.isEmpty, expect.total == nil,
      expect.status == nil
    {
      throw DecodeIssue(
        reader.path,
        .invalid(RulebookMessage(.testExpectsNothing)))
    }
    return expect
  }

  static func pointsMap(_ reader: inout ObjectReader, _ key: String, ids: [String], scale: Int)
    throws(DecodeIssue) -> [(id: String, points: Int?)]
  {
    guard let value = reader.optionalValue(key) else { return [] }
    let path = reader.path.appending(key)
    guard case .object(let object) = value else {
      throw DecodeIssue(path, .wrongType(expected: "an object", found: value.kindName))
    }
    var result: [(id: String, points: Int?)] = []
    for member in object.members {
      guard ids.contains(member.key) else {
        throw DecodeIssue(
          path, .unknownKey(member.key, suggestion: Suggestion.closest(to: member.key, in: ids)))
      }
      if member.value == .null {
        result.append((member.key, nil))
      } else {
        result.append(
          (
            member.key,
            try ObjectReader.points(member.value, at: path.appending(member.key), scale: scale)
          ))
      }
    }
    return result
  }
}
