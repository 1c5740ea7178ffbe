extension WorkbookBatch {
  /// The sheet as CSV text for the batch engine, so that a workbook's rows go through exactly
  /// the reader and decoder of a CSV batch: the header line, then one line per sheet row, where
  /// line N is row N (gaps and title rows become blank lines, which the reader skips but
  /// counts). Cells holding a separator or a quote are quoted (RFC 4180); a line break inside a
  /// cell becomes a space, so that line numbers stay row numbers. A year typed as a date gives
  /// its year.
  public mutating func csvText() throws(WorkbookBatchError) -> [UInt8] {
    var text: [UInt8] = []
    var line = 1
    func moveTo(_ row: Int) {
      while line < row {
        text += [0x0A]
        line += 1
      }
    }
    moveTo(headerRow)
    append(layout.headerCells, to: &text)
    while true {
      let row: SheetRow?
      do {
        row = try rows.next()
      } catch {
        throw .workbook(error)
      }
      guard let row else { break }
      text += [0x0A]
      line += 1
      moveTo(row.number)
      var cells = row.dense.enumerated().map { index, value in
        guard let value else { return "" }
        if yearColumns.contains(index), case .date(let year, _, _) = value { return String(year) }
        return value.text
      }
      // A spreadsheet stores no empty trailing cells: they are empty, not missing columns.
      while cells.count < layout.columns.count { cells.append("") }
      append(cells, to: &text)
    }
    text += [0x0A]
    return text
  }

  func append(_ cells: [String], to text: inout [UInt8]) {
    for (index, cell) in cells.enumerated() {
      if index > 0 { text.append(0x2C) }
      var bytes = Array(cell.utf8)
      for at in bytes.indices where bytes[at] == 0x0A || bytes[at] == 0x0D { bytes[at] = 0x20 }
      if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x3B || $0 == 0x09 })
        || bytes.first == 0x20 || bytes.last == 0x20
      {
        text.append(0x22)
        for byte in bytes {
          if byte == 0x22 { text.append(0x22) }
          text.append(byte)
        }
        text.append(0x22)
      } else {
        text += bytes
      }
    }
  }
}
