import CommuneReports
import CommuneScoring

/// A reviewing council's corrections for a batch: CSV with columns `code,year,field,value,reason`
/// (and optionally `council`).
struct ReviewFile: Sendable {
  struct Entry: Sendable {
    var line: Int
    var adjustment: Adjustment
  }

  var byCommune: [String: [Entry]] = [:]
  var council: String?
  let path: String

  static func key(_ code: String, _ year: Int) -> String { "\(code)\u{1F}\(year)" }

  /// Loads and checks the file; any bad line stops the run (exit 65) naming the line.
  static func load(_ path: String, rulebook: Rulebook, language: Language) throws(CLIError)
    -> ReviewFile
  {
    var tokenizer = CSVTokenizer()
    let records = tokenizer.feed(try Files.read(path), final: true)
    var review = ReviewFile(path: path)
    guard let header = records.first else {
      throw CLIError(
        .dataError, vi: "\(path): tệp thẩm định trống", en: "\(path): the review file is empty")
    }
    let names = header.cells.indices.map { header.string($0).trimmingCharacters(in: .whitespaces) }
    var problems: [String] = []
    for required in ["code", "year", "field", "value", "reason"] where !names.contains(required) {
      problems.append("\(path): line \(header.line): missing required column '\(required)'")
    }
    for name in names where !["code", "year", "field", "value", "reason", "council"].contains(name)
    {
      let hint =
        Suggestion.closest(to: name, in: ["code", "year", "field", "value", "reason", "council"])
        .map { " (did you mean '\($0)'?)" } ?? ""
      problems.append("\(path): line \(header.line): unknown column '\(name)'\(hint)")
    }
    if !problems.isEmpty { throw CLIError(.dataError, problems) }
    let text = ErrorText(language)
    func column(_ name: String) -> Int { names.firstIndex(of: name) ?? 0 }
    for record in records.dropFirst() {
      func cell(_ name: String) -> String {
        record.string(column(name)).trimmingCharacters(in: .whitespaces)
      }
      func fail(_ column: String?, _ problem: EvidenceProblem) {
        problems.append(
          "\(path): \(text.location(.line(record.line, column: column))): \(text.problem(problem))")
      }
      if let malformed = record.malformed {
        fail(nil, .malformedRow(malformed))
        continue
      }
      guard record.cells.count == names.count else {
        fail(nil, .cellCount(found: record.cells.count, expected: names.count))
        continue
      }
      let code = cell("code")
      let fieldID = cell("field")
      let reason = cell("reason")
      guard let year = Int(cell("year")), EvidenceDecoder.plausibleYears.contains(year) else {
        fail("year", .wrongType(field: "year", expected: "a year", found: "'\(cell("year"))'"))
        continue
      }
      if code.isEmpty { fail("code", .emptyRequired("code")) }
      if reason.isEmpty { fail("reason", .emptyRequired("reason")) }
      guard let field = rulebook.field(fieldID) else {
        fail(
          "field",
          .unknownField(
            fieldID, suggestion: Suggestion.closest(to: fieldID, in: rulebook.fields.map(\.id))))
        continue
      }
      let raw = cell("value")
      var value: Int?
      if field.kind == .flag {
        switch raw.lowercased() {
        case "1", "true", "yes", "có": value = 1
        case "0", "false", "no", "không": value = 0
        default:
          fail(
            "value",
            .wrongType(
              field: field.id, expected: "1/0, true/false, yes/no or có/không", found: "'\(raw)'"))
        }
      } else if let number = Int(raw) {
        if number < 0 {
          fail("value", .negative(field: field.id, value: number))
        } else {
          value = number
        }
      } else {
        fail("value", .wrongType(field: field.id, expected: "a whole number", found: "'\(raw)'"))
      }
      if let council = names.contains("council") ? cell("council") : nil, !council.isEmpty {
        review.council = council
      }
      guard let value, !code.isEmpty, !reason.isEmpty else { continue }
      review.byCommune[key(code, year), default: []].append(
        Entry(
          line: record.line, adjustment: Adjustment(field: field.id, value: value, reason: reason)))
    }
    if !problems.isEmpty { throw CLIError(.dataError, problems) }
    return review
  }
}
