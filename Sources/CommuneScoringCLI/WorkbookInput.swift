import CommuneReports
import CommuneScoring

/// A workbook (.xlsx, .ods) given to `cfc batch`: its sheet becomes CSV text whose line N is the
/// sheet's row N, so that its rows go through exactly the reader and decoder of a CSV batch.
/// `locate` turns the line-and-column places of a rejected row's errors back into the cells the
/// spreadsheet shows (`Xã!H4`).
enum WorkbookInput {
  static func source(_ path: String, sheet: String?, rulebook: Rulebook, language: Language)
    throws(CLIError) -> (source: BatchSource, locate: (EvidenceError) -> EvidenceError)
  {
    let text = ErrorText(language)
    let bytes = try Files.read(path)
    var workbook: Workbook
    do {
      workbook = try Workbook(Array(bytes))
    } catch {
      throw CLIError(.dataError, ["\(path): " + text.workbook(error)])
    }
    let csv: [UInt8]
    let sheetName: String
    let batch: WorkbookBatch
    do {
      var reading = try WorkbookBatch(&workbook, sheet: sheet, rulebook: rulebook)
      sheetName = reading.sheet
      csv = try reading.csvText()
      batch = reading
    } catch {
      switch error {
      case .workbook(let error):
        throw CLIError(.dataError, ["\(path): " + text.workbook(error)])
      case .header(let error): throw CLIError(.dataError, text.lines(error, source: path))
      }
    }
    // Errors name the sheet when the workbook has several.
    let name = workbook.sheetNames.count > 1 || sheet != nil ? "\(path) [\(sheetName)]" : path
    return (BatchSource(name: name, layout: .csv, bytes: csv), batch.cellLocations)
  }
}
