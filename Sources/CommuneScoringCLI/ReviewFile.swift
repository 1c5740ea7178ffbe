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
  var codeColumn = ReviewCodeColumn()

  static func key(_ code: String, _ year: Int) -> String { "\(code)\u{1F}\(year)" }

  /// Loads and checks the file; any bad line stops the run (exit 65) naming the review file and
  /// the line. Notes (an assumed encoding, a restored code) go to `notes`, already worded.
  static func load(
    _ path: String, rulebook: Rulebook, language: Language, encoding: TextEncoding? = nil,
    notes: inout [String]
  ) throws(CLIError) -> ReviewFile {
    let text = ErrorText(language)
    let bytes = try Files.read(path)
    let table: ReviewTable
    if WorkbookKind.looksLikeWorkbook(bytes) {
      // A workbook: its 'Thẩm định' sheet (as cfc batch --format xlsx writes it) or its first.
      do {
        table = try WorkbookReview.read(Array(bytes), rulebook: rulebook)
      } catch {
        switch error {
        case .workbook(let error):
          throw CLIError(.dataError, ["\(path): " + text.workbook(error)])
        case .header(let error): throw CLIError(.dataError, text.lines(error, source: path))
        }
      }
    } else {
      do {
        table = try ReviewReader.read(Array(bytes), rulebook: rulebook, encoding: encoding)
      } catch {
        throw CLIError(.dataError, text.lines(error, source: path))
      }
    }
    notes += table.notes.map { "\(path): \(text.note($0))" }
    if !table.issues.isEmpty {
      throw CLIError(.dataError, text.lines(EvidenceError(table.issues), source: path))
    }
    var review = ReviewFile(path: path)
    review.codeColumn = table.codeColumn
    for row in table.rows {
      if let council = row.council { review.council = council }
      review.byCommune[key(row.code, row.year), default: []].append(
        Entry(line: row.line, adjustment: row.adjustment))
    }
    return review
  }
}
