import CommuneScoring

/// Why a filled self-assessment workbook cannot be read. Each case names the cell as the
/// spreadsheet shows it (`Nhập liệu!C20`) and its defined name.
public enum TemplateReadError: Error, Equatable, Sendable {
  /// A flag cell holds something other than có/không (yes/no).
  case notAFlag(name: String, cell: String, found: String)
  /// A count or year cell holds text, a fraction or a negative number.
  case notAWholeNumber(name: String, cell: String, found: String)
  /// The category cell holds none of the rulebook's wordings.
  case unknownCategory(cell: String, found: String, allowed: [String])
  /// A required identity cell (code, name, province, category, year) is empty.
  case missing(name: String, cell: String)
  /// The figures, once read, break the rules of an evidence record (missing name, part larger
  /// than its whole …): the same checks as a JSON record.
  case evidence(EvidenceError)
  /// An evidence check (a part larger than its whole, a figure below its minimum …) that fails
  /// for the figure typed in `cell`, whose defined name is `name`.
  case figure(name: String, cell: String, problem: EvidenceProblem)
  /// Every problem of the workbook, in sheet order, when there is more than one.
  case several([TemplateReadError])

  /// The problems one by one.
  public var all: [TemplateReadError] {
    if case .several(let list) = self { return list.flatMap(\.all) }
    return [self]
  }
}

/// A commune code typed as a number (`1`) that lost its leading zeros, read with them restored.
public struct RestoredCode: Sendable, Equatable {
  /// Where the code is (`Nhập liệu!C7`).
  public var cell: String
  /// What the cell holds.
  public var found: String
  /// The code as read (`00001`).
  public var code: String
}

/// One result the workbook shows that is not what the engine computes.
public struct WorkbookDifference: Sendable, Equatable {
  /// The defined name (`cfc_T3`, `cfc_total`, `cfc_verdict` …).
  public var name: String
  /// What the workbook's own formulas left in the cell (its cached value), nil when none.
  public var workbook: String?
  /// What the engine computes for the same figures.
  public var engine: String
}

/// A filled self-assessment workbook read back: the commune's record, and how the workbook's
/// own results compare with the engine's (which stays the authority).
public struct TemplateReading: Sendable {
  /// The record the typed figures make.
  public var record: EvidenceRecord
  /// The results whose cached values differ from the engine's, in sheet order; empty when the
  /// workbook agrees.
  public var differences: [WorkbookDifference]
  /// The commune code when it was typed as a number and its leading zeros were restored.
  public var restoredCode: RestoredCode?

  /// Whether `names` (a workbook's defined names) are those of a self-assessment workbook.
  public static func isTemplate(_ names: some Collection<String>) -> Bool {
    names.contains("cfc_code") && names.contains("cfc_verdict")
  }

  /// Reads the figures of a filled workbook from its defined names' values.
  ///
  /// - Parameters:
  ///   - values: each single-cell defined name's value (cached results for formulas); absent
  ///     for an empty cell.
  ///   - places: where each name points, for messages (`Nhập liệu!C20`).
  public init(
    values: [String: CellValue], places: [String: String], rulebook: Rulebook,
    language: Language, sha256: String?
  ) throws(TemplateReadError) {
    let place = { (name: String) in places[name] ?? name }
    // Every bad cell is reported, not only the first.
    var problems: [TemplateReadError] = []
    func text(_ name: String) -> String? {
      guard let value = values[name] else { return nil }
      let text = value.text.trimmingSpaces
      return text.isEmpty ? nil : text
    }
    func whole(_ name: String) -> Int? {
      guard let value = values[name] else { return nil }
      switch value {
      case .number(let digits):
        guard let number = Int(digits), number >= 0 else {
          problems.append(.notAWholeNumber(name: name, cell: place(name), found: digits))
          return nil
        }
        return number
      case .text(let text) where text.trimmingSpaces.isEmpty: return nil
      default:
        problems.append(.notAWholeNumber(name: name, cell: place(name), found: value.text))
        return nil
      }
    }
    for id in ["code", "name", "province", "category", "year"] {
      let name = FormulaContext.name(id)
      if text(name) == nil { problems.append(.missing(name: name, cell: place(name))) }
    }
    var restoredCode: RestoredCode?
    var commune: [(String, JSONValue)] = []
    for id in ["code", "name", "district", "province"] {
      guard var value = text(FormulaContext.name(id)) else { continue }
      // A code typed as a number (1, 6124) lost its leading zeros: restored, as `cfc batch` does.
      if id == "code", case .number? = values["cfc_code"],
        let code = CommuneCode.restored(value, rulebook: rulebook),
        code != value
      {
        restoredCode = RestoredCode(cell: place("cfc_code"), found: value, code: code)
        value = code
      }
      commune.append((id, .string(value)))
    }
    self.restoredCode = restoredCode
    if let typed = text("cfc_category") {
      let wanted = typed.lowercased()
      if let category = rulebook.categories.first(where: { category in
        [category.id, category.name.vi, category.name.en].contains { $0.lowercased() == wanted }
      }) {
        commune.append(("category", .string(category.id)))
      } else {
        problems.append(
          .unknownCategory(
            cell: place("cfc_category"), found: typed,
            allowed: rulebook.categories.map { $0.name.text(language) }))
      }
    }
    var record: [(String, JSONValue)] = [("commune", .obj(commune))]
    if let year = whole("cfc_year") { record.append(("year", .number(String(year)))) }
    if let id = text("cfc_rulebook") { record.append(("rulebook", .string(id))) }
    var evidence: [(String, JSONValue)] = []
    for field in rulebook.fields {
      let name = FormulaContext.name(field.id)
      switch field.kind {
      case .flag:
        guard let word = text(name) else { continue }
        let lower = word.lowercased()
        if FormulaContext.yesWords.contains(lower) {
          evidence.append((field.id, .bool(true)))
        } else if FormulaContext.noWords.contains(lower) {
          evidence.append((field.id, .bool(false)))
        } else {
          problems.append(.notAFlag(name: name, cell: place(name), found: word))
        }
      case .count:
        if let count = whole(name) { evidence.append((field.id, .number(String(count)))) }
      }
    }
    record.append(("evidence", .obj(evidence)))
    do throws(EvidenceError) {
      self.record = try EvidenceDecoder.decode(.obj(record), rulebook: rulebook, at: .root)
      if !problems.isEmpty { throw EvidenceError([]) }
    } catch {
      // The record's own checks, each put at the cell of the figure it is about. Checks that
      // follow from a cell already reported (a missing code) are not repeated.
      let reported = Set(problems.map(\.name))
      var unplaced: [EvidenceIssue] = []
      for issue in error.issues {
        if let name = Self.name(of: issue.location), places[name] != nil {
          if !reported.contains(name) {
            problems.append(.figure(name: name, cell: place(name), problem: issue.problem))
          }
        } else if problems.isEmpty {
          unplaced.append(issue)
        }
      }
      if !unplaced.isEmpty { problems.append(.evidence(EvidenceError(unplaced))) }
      if problems.count == 1, let only = problems.first { throw only }
      // In the order of the form, top to bottom, as an officer goes through it.
      let row = { (problem: TemplateReadError) -> Int in
        problem.name.flatMap { places[$0] }.map {
          Int(String($0.reversed().prefix { $0.isNumber }.reversed())) ?? 0
        } ?? 0
      }
      throw .several(
        problems.enumerated().sorted { (row($0.element), $0.offset) < (row($1.element), $1.offset) }
          .map(\.element))
    }
    self.record.inputSHA256 = sha256
    differences = []
    // The engine's results, exactly as the template would show them for these figures.
    // Texts ("chưa có số liệu", the verdict) may be in either language of the template.
    let expected = TemplateWorkbook(rulebook: rulebook, language: language).expectedResults(
      for: self.record)
    let other = TemplateWorkbook(rulebook: rulebook, language: language == .vi ? .en : .vi)
      .expectedResults(for: self.record)
    for name in expected.names {
      guard let engine = expected.byName[name] else { continue }
      let cached = values[name]
      if !Self.same(cached, engine), !(other.byName[name].map { Self.same(cached, $0) } ?? false) {
        differences.append(
          WorkbookDifference(name: name, workbook: cached?.text, engine: engine.text))
      }
    }
  }

  /// The defined name of the cell a record's path points to (`evidence.births` → `cfc_births`,
  /// `commune.code` → `cfc_code`, `year` → `cfc_year`).
  static func name(of location: InputLocation) -> String? {
    guard case .json(let path) = location, case .key(let last)? = path.components.last else {
      return nil
    }
    return FormulaContext.name(last)
  }

  /// A cached value and an engine value are the same when both are the same whole number or
  /// the same text.
  static func same(_ cached: CellValue?, _ engine: CachedResult) -> Bool {
    switch (cached, engine) {
    case (.number(let digits)?, .number(let value)): return Double(digits) == Double(value)
    // A spreadsheet writes the double it computed (`0.3`, or `2.5E-2`): read back, it is the
    // double nearest the engine's exact decimal, because every sum of points is rounded.
    case (.number(let digits)?, .decimal(let value)): return Double(digits) == Double(value)
    case (.text(let text)?, .text(let value)): return text == value
    default: return false
    }
  }
}

extension TemplateReadError {
  /// The defined name of the cell the problem is about, when there is one.
  var name: String? {
    switch self {
    case .notAFlag(let name, _, _), .notAWholeNumber(let name, _, _), .missing(let name, _),
      .figure(let name, _, _):
      name
    case .unknownCategory: "cfc_category"
    case .evidence, .several: nil
    }
  }
}

extension CachedResult {
  /// The value as people read it.
  public var text: String {
    switch self {
    case .number(let value): "\(value)"
    case .decimal(let value): value
    case .text(let text): text
    }
  }
}

extension String {
  var trimmingSpaces: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
