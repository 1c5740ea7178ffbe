/// A reviewing council's corrections read from a workbook: the review sheet of a batch
/// workbook (`Thẩm định` / `Review`, as `cfc batch --format xlsx` writes it) or the first sheet
/// of a workbook laid out like the review CSV (`code, year, field, value, reason[, council]`,
/// headed by id or Vietnamese heading). Rows go through the review CSV's own decoder; problems
/// name the cell (`Thẩm định!E7`).
public enum WorkbookReview {
  /// The names of the review sheet, in the languages `cfc` writes.
  public static let sheetNames = ["Thẩm định", "Review"]

  /// Reads the corrections.
  public static func read(_ bytes: [UInt8], rulebook: Rulebook, sheet name: String? = nil)
    throws(WorkbookBatchError) -> ReviewTable
  {
    var workbook: Workbook
    var rows: SheetRows
    do {
      workbook = try Workbook(bytes)
      let loose = sheetNames.map { $0.lowercased() }
      let chosen =
        name
        ?? workbook.sheetNames.first { loose.contains($0.trimmingSpaces.lowercased()) }
      rows = try workbook.rows(sheet: chosen)
    } catch {
      throw .workbook(error)
    }
    let sheet = rows.sheet
    var header: (cells: [String], row: Int)?
    var best: (known: Int, cells: [String], row: Int)?
    var skipped = 0
    while header == nil {
      let row: SheetRow?
      do { row = try rows.next() } catch { throw .workbook(error) }
      guard let row else { break }
      let cells = row.dense.map { $0?.text ?? "" }
      let columns = cells.map(ReviewReader.column)
      let known = columns.filter { $0 != nil }.count
      if columns.contains(.code), columns.contains(.field) {
        header = (cells, row.number)
        break
      }
      if best == nil || known > best?.known ?? 0 { best = (known, cells, row.number) }
      skipped += 1
      if skipped > WorkbookBatch.maxTitleRows { break }
    }
    func located(_ error: EvidenceError, _ names: [String]) -> EvidenceError {
      WorkbookBatch.located(error, sheet: sheet, names: names)
    }
    guard let header else {
      guard let best else {
        throw .header(
          EvidenceError(.cell(sheet: sheet, row: 1, column: nil, name: nil), .emptyBatch))
      }
      do {
        _ = try ReviewReader.header(best.cells, line: best.row)
      } catch {
        throw .header(located(error, best.cells))
      }
      throw .header(
        EvidenceError(
          .cell(sheet: sheet, row: best.row, column: nil, name: nil), .missingColumn("code")))
    }
    let columns: [ReviewReader.Column?]
    do {
      columns = try ReviewReader.header(header.cells, line: header.row)
    } catch {
      throw .header(located(error, header.cells))
    }
    // Issues name columns by their headings as written; map them back to column positions.
    let headings = header.cells.map { $0.trimmingASCIISpaces() }
    // Title rows above the header are the review sheet's normal layout: no note for them.
    var table = ReviewTable()
    if let index = columns.firstIndex(of: .code) {
      table.codeColumn = ReviewCodeColumn(heading: headings[index], sheet: sheet, index: index)
    }
    let names = ColumnNames(rulebook: rulebook)
    while true {
      let row: SheetRow?
      do { row = try rows.next() } catch { throw .workbook(error) }
      guard let row else { break }
      var bytes: [UInt8] = []
      var cells: [Range<Int>] = []
      for value in row.dense {
        let start = bytes.count
        if let value { bytes += value.text.utf8 }
        cells.append(start..<bytes.count)
      }
      while cells.count < columns.count { cells.append(bytes.count..<bytes.count) }
      let record = CSVRecord(line: row.number, bytes: bytes, cells: cells, malformed: nil)
      let before = table.issues.count
      if let entry = ReviewReader.decode(
        record, columns: columns, headings: headings, rulebook: rulebook, names: names,
        into: &table)
      {
        table.rows.append(entry)
      }
      if table.issues.count > before {
        let added = located(EvidenceError(Array(table.issues[before...])), headings)
        table.issues.replaceSubrange(before..., with: added.issues)
      }
    }
    return table
  }
}
