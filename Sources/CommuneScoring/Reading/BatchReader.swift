/// The sequential front of batch reading: feed it a file's bytes chunk by chunk; it decodes the
/// text (encoding, byte-order mark), finds the header (CSV: title rows skipped, separator
/// detected) and cuts the rest into raw records, which `decoder` turns into evidence records
/// in parallel workers.
///
/// ```swift
/// var reader = BatchReader(format: nil, rulebook: rulebook)
/// while let chunk = next() {
///   let batch = try reader.feed(chunk, final: false)   // header errors throw (exit 65)
///   // reader.decoder is set once the header is read; batch.records may be empty before.
///   for record in batch.records { reader.decoder?.decode(record, in: batch.bytes) }
/// }
/// let last = try reader.feed([], final: true)
/// ```
///
/// Cheap: a record is a range into the batch's shared bytes. Deterministic: any chunking gives
/// the same records, lines and notes (each batch's `notes` come before its records).
public struct BatchReader: Sendable {
  /// The layout of a batch file.
  public enum Format: String, Sendable, Equatable {
    case csv, json, jsonl
  }

  let rulebook: Rulebook
  let names: ColumnNames
  var text: TextDecoder
  /// The format, once known.
  public private(set) var format: Format?
  /// The decoder for the records, once the header is read (at once for JSON).
  public private(set) var decoder: RecordDecoder?
  /// The separator in use, for a CSV batch, once the header is read.
  public private(set) var separator: UInt8?
  var header: HeaderFinder
  var csv: CSVSplitter?
  var json: JSONSplitter?
  var waiting: [UInt8] = []
  var notesSent = 0

  /// A reader for a batch in `format` (nil: decided by the first character, `[` for a JSON
  /// array, `{` for JSON Lines, else CSV), in `encoding` (nil: detected).
  public init(format: Format?, rulebook: Rulebook, encoding: TextEncoding? = nil) {
    self.rulebook = rulebook
    self.format = format
    text = TextDecoder(encoding: encoding)
    let names = ColumnNames(rulebook: rulebook)
    self.names = names
    header = HeaderFinder { cells in
      let columns = cells.map { names.column($0) }
      let known = columns.filter { $0 != nil }.count
      // The header names the code and at least one more identity column.
      return (known, columns.contains(.code) && known >= 2)
    }
  }

  /// The records complete after `chunk`; `final` ends the input. Throws for a file that cannot
  /// be read at all: refused bytes, an empty batch, a header with unknown or missing columns.
  public mutating func feed(_ chunk: [UInt8], final: Bool) throws(EvidenceError) -> RecordBatch {
    var utf8 = try text.feed(chunk, final: final)
    var batch = try cut(&utf8, final: final)
    let notes = text.notes + header.notes
    if notes.count > notesSent {
      batch.notes = Array(notes[notesSent...]) + batch.notes
      notesSent = notes.count
    }
    return batch
  }

  mutating func cut(_ utf8: inout [UInt8], final: Bool) throws(EvidenceError) -> RecordBatch {
    if format == nil {
      waiting += utf8
      utf8 = []
      guard
        let first = waiting.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
      else {
        if final { throw EvidenceError(.line(1, column: nil), .emptyBatch) }
        return RecordBatch()
      }
      format = first == UInt8(ascii: "[") ? .json : first == UInt8(ascii: "{") ? .jsonl : .csv
      swap(&utf8, &waiting)
    }
    switch format ?? .csv {
    case .json, .jsonl:
      if json == nil {
        json = JSONSplitter(lines: format == .jsonl)
        decoder = RecordDecoder(kind: .json(array: format == .json), rulebook: rulebook)
      }
      return json?.feed(utf8, final: final) ?? RecordBatch()
    case .csv:
      if let csv {
        var splitter = csv
        self.csv = nil
        let batch = splitter.feed(utf8, final: final)
        self.csv = splitter
        return batch
      }
      let found: HeaderFinder.Found
      switch header.feed(utf8, final: final) {
      case nil: return RecordBatch()
      case .found(let header): found = header
      case .notFound(nil): throw EvidenceError(.line(1, column: nil), .emptyBatch)
      case .notFound(let best?):
        // The row most like a header says what is wrong (unknown names, did you mean).
        _ = try CSVLayout(cells: best.cells, line: best.line, rulebook: rulebook, names: names)
        throw EvidenceError(.line(best.line, column: nil), .missingColumn("code"))
      }
      let layout = try CSVLayout(
        cells: found.cells, line: found.line, rulebook: rulebook, names: names)
      separator = found.separator
      decoder = RecordDecoder(kind: .csv(layout, separator: found.separator), rulebook: rulebook)
      var splitter = CSVSplitter(
        separator: found.separator, width: found.cells.count, startingAtLine: found.nextLine)
      let batch = splitter.feed(found.rest, final: final)
      csv = splitter
      return batch
    }
  }
}

/// Finds a CSV table's header: the first row that a judge accepts (for a batch: a row naming
/// the code and another identity column), with the separator (comma, semicolon or tab) that
/// makes it so. Excel's `sep=;` first line is honoured and title rows above the header skipped.
struct HeaderFinder: Sendable {
  /// How many of a row's cells name known columns, and whether the row is the header.
  typealias Judge = @Sendable ([String]) -> (known: Int, isHeader: Bool)

  /// Rows looked at before giving up.
  static let maxRows = 50

  /// The header row and what follows it.
  struct Found: Sendable {
    var cells: [String]
    var line: Int
    var separator: UInt8
    var nextLine: Int
    var rest: [UInt8]
  }

  enum Outcome: Sendable {
    case found(Found)
    /// No header: the row most like one (nil when there was no row at all).
    case notFound(best: (cells: [String], line: Int)?)
  }

  let judge: Judge
  var pending: [UInt8] = []
  var scanned = 0
  var line = 1
  var separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
  var rows = 0
  var skipped = 0
  var notes: [ReadingNote] = []
  var best: (known: Int, cells: [String], line: Int)?

  init(judge: @escaping Judge) { self.judge = judge }

  /// The outcome once known, nil while more text is needed.
  mutating func feed(_ text: [UInt8], final: Bool) -> Outcome? {
    pending += text
    while true {
      // The next physical line.
      var end = scanned
      var lineEnd: Int?
      while end < pending.count {
        let byte = pending[end]
        if byte == 0x0A {
          lineEnd = end + 1
          break
        }
        if byte == 0x0D {
          if end + 1 == pending.count, !final { break }
          lineEnd = end + 1 < pending.count && pending[end + 1] == 0x0A ? end + 2 : end + 1
          break
        }
        end += 1
      }
      if lineEnd == nil, final, end > scanned { lineEnd = end }
      guard let next = lineEnd else {
        return final ? .notFound(best: best.map { ($0.cells, $0.line) }) : nil
      }
      let content = Array(pending[scanned..<end])
      let lineNumber = line
      scanned = next
      line += 1
      if let (cells, separator) = consider(content, line: lineNumber) {
        if skipped > 0 {
          notes.append(ReadingNote(line: lineNumber, .skippedBeforeHeader(lines: skipped)))
        }
        return .found(
          Found(
            cells: cells, line: lineNumber, separator: separator, nextLine: line,
            rest: Array(pending[scanned...])))
      }
      if rows >= Self.maxRows { return .notFound(best: best.map { ($0.cells, $0.line) }) }
    }
  }

  mutating func consider(_ content: [UInt8], line: Int) -> ([String], UInt8)? {
    if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x2C || $0 == 0x3B }) {
      return nil
    }
    // Excel's "sep=;" line.
    if rows == 0, skipped == 0, content.count == 5,
      String(decoding: content.prefix(4), as: UTF8.self).lowercased() == "sep="
    {
      separators = [content[4]]
      return nil
    }
    rows += 1
    var bestHere: (known: Int, cells: [String], separator: UInt8, header: Bool)?
    for separator in separators {
      let cells = Self.cells(content, separator: separator)
      let (known, header) = judge(cells)
      if bestHere == nil || (header && bestHere?.header != true) || known > bestHere?.known ?? 0 {
        bestHere = (known, cells, separator, header)
      }
    }
    guard let here = bestHere else { return nil }
    if here.header { return (here.cells, here.separator) }
    if best == nil || here.known > best?.known ?? 0 { best = (here.known, here.cells, line) }
    skipped += 1
    return nil
  }

  /// The cells of one line (quotes undone), split at `separator`.
  static func cells(_ line: [UInt8], separator: UInt8) -> [String] {
    line.withUnsafeBufferPointer { buffer in
      guard
        let (record, _, _) = CSVTokenizer.record(
          buffer, from: 0, line: 1, final: true, separator: separator), let record
      else { return [] }
      return record.cells.indices.map { record.string($0) }
    }
  }
}
