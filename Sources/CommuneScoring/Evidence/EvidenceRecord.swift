/// Who is assessed.
public struct CommuneIdentity: Sendable, Equatable, Hashable {
  public var code: String
  public var name: String
  public var district: String?
  public var province: String
  /// A category id declared by the rulebook.
  public var category: String

  public init(code: String, name: String, district: String?, province: String, category: String) {
    self.code = code
    self.name = name
    self.district = district
    self.province = province
    self.category = category
  }
}

/// A reviewing council's correction of one figure.
public struct Adjustment: Sendable, Equatable {
  public var field: String
  /// The council's figure (flags as 0 or 1).
  public var value: Int
  public var reason: String

  public init(field: String, value: Int, reason: String) {
    self.field = field
    self.value = value
    self.reason = reason
  }
}

/// A reviewing council's verification of a dossier.
public struct Review: Sendable, Equatable {
  public var council: String?
  public var adjustments: [Adjustment]

  public init(council: String?, adjustments: [Adjustment]) {
    self.council = council
    self.adjustments = adjustments
  }
}

/// One commune's figures for one assessment year.
public struct EvidenceRecord: Sendable, Equatable {
  public var commune: CommuneIdentity
  public var year: Int
  /// The rulebook the record was written for, when it says.
  public var rulebookID: String?
  /// The commune's own figures.
  public var evidence: EvidenceValues
  public var review: Review?
  /// SHA-256 of the bytes the record was read from, when read from bytes.
  public var inputSHA256: String?
  /// Where each figure comes from, by field id (free text for the dossier; never scored).
  public var sources: [String: String]

  public init(
    commune: CommuneIdentity, year: Int, rulebookID: String? = nil, evidence: EvidenceValues,
    review: Review? = nil, inputSHA256: String? = nil, sources: [String: String] = [:]
  ) {
    self.sources = sources
    self.commune = commune
    self.year = year
    self.rulebookID = rulebookID
    self.evidence = evidence
    self.review = review
    self.inputSHA256 = inputSHA256
  }
}

/// Where in an input a problem is.
public enum InputLocation: Sendable, Equatable, CustomStringConvertible {
  /// A JSON path within a document.
  case json(JSONPath)
  /// A line of a text input (CSV row, JSON Lines record) and, where known, a column.
  case line(Int, column: String?)
  /// A record of a JSON batch, by the line it starts on, and a path within it.
  case record(line: Int, path: JSONPath)
  /// A cell of a workbook (`Sheet1!C12`), with the column's name where known; `column` is
  /// nil for a whole row.
  case cell(sheet: String, row: Int, column: Int?, name: String?)

  public var description: String {
    switch self {
    case .json(let path): return "at \(path)"
    case .line(let line, let column):
      return "line \(line)" + (column.map { ", column '\($0)'" } ?? "")
    case .record(let line, let path): return "line \(line), at \(path)"
    case .cell(let sheet, let row, let column, let name):
      return Self.cellName(sheet: sheet, row: row, column: column)
        + (name.map { ", column '\($0)'" } ?? "")
    }
  }

  /// `Sheet1!C12` for a cell, `Sheet1!12:12` for a whole row (as spreadsheets write them).
  public static func cellName(sheet: String, row: Int, column: Int?) -> String {
    guard let column else { return "\(sheet)!\(row):\(row)" }
    return CellReference(sheet: sheet, row: row, column: column).description
  }
}

/// What is wrong with a record.
public enum EvidenceProblem: Sendable, Equatable {
  case syntax(JSONSyntaxError)
  case missingRequired(String)
  case emptyRequired(String)
  case unknownKey(String, suggestion: String?)
  /// An evidence field (or column) the rulebook does not declare.
  case unknownField(String, suggestion: String?)
  case wrongType(field: String, expected: String, found: String)
  /// A value the decoder refused (a rule test file's expected status, a decimal with too many
  /// places …), with why, worded in either language.
  case invalid(field: String, RulebookMessage)
  case notWholeNumber(field: String, text: String)
  case negative(field: String, value: Int)
  case tooLarge(field: String, text: String)
  case partExceedsWhole(part: String, partValue: Int, whole: String, wholeValue: Int)
  case belowMinimum(field: String, value: Int, minimum: Int)
  case unknownCategory(String, valid: [String])
  case rulebookMismatch(record: String, inUse: String)
  /// No rulebook in use scores the record's assessment year; `covered` says which years are.
  case noRulebookForYear(year: Int, covered: [RulebookCoverage])
  /// A figure (or a correction) the rulebook of the record's year does not declare.
  case fieldNotInRulebook(field: String, rulebook: String, year: Int)
  case implausibleYear(Int)
  /// A batch row with too few or too many cells.
  case cellCount(found: Int, expected: Int)
  /// A second record for the same commune and year.
  case duplicate(code: String, year: Int, firstLine: Int)
  /// A second record for the same commune and year, the first being in another file.
  case duplicateElsewhere(code: String, year: Int, firstSource: String, firstLine: Int)
  /// A review adjustment for a commune not in the batch.
  case unknownCommune(code: String, year: Int)
  /// A batch row that breaks RFC 4180 or a JSON batch's structure.
  case malformedRow(String)
  /// A batch header without a required column.
  case missingColumn(String)
  /// A column named twice in a batch header.
  case duplicateColumn(String)
  /// Bytes that are not UTF-8 (a file in another encoding), the first of them given.
  case notUTF8(byte: UInt8)
  /// A record the splitter found broken (a stray quote, a JSON batch's structure).
  case brokenRecord(RecordProblem)
  /// A commune code that is not `digits` digits.
  case notACommuneCode(String, digits: Int)
  /// A cell that should hold a whole number holds words or signs (`N/A`, `-`, `1.460`).
  case notANumber(field: String, text: String)
  /// A batch file with nothing in it (no header row, no record).
  case emptyBatch
  /// A value in a column whose header is empty (1-based column number).
  case valueWithoutColumn(column: Int, text: String)
}

/// One problem and where it is.
public struct EvidenceIssue: Sendable, Equatable {
  public var location: InputLocation
  public var problem: EvidenceProblem

  public init(_ location: InputLocation, _ problem: EvidenceProblem) {
    self.location = location
    self.problem = problem
  }
}

/// Why a record was refused: every problem found in it.
public struct EvidenceError: Error, Sendable, Equatable {
  public var issues: [EvidenceIssue]

  public init(_ issues: [EvidenceIssue]) { self.issues = issues }

  public init(_ location: InputLocation, _ problem: EvidenceProblem) {
    issues = [EvidenceIssue(location, problem)]
  }
}
