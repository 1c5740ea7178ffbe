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
    header = HeaderFinder(names: ColumnNames(rulebook: rulebook))
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
      guard let found = try header.feed(utf8, final: final, rulebook: rulebook) else {
        return RecordBatch()
      }
      separator = found.separator
      decoder = RecordDecoder(
        kind: .csv(found.layout, separator: found.separator), rulebook: rulebook)
      var splitter = CSVSplitter(
        separator: found.separator, width: found.width, startingAtLine: found.nextLine)
      let batch = splitter.feed(found.rest, final: final)
      csv = splitter
      return batch
    }
  }
}

/// Finds a CSV batch's header: the first row that names the identity columns, with the
/// separator (comma, semicolon or tab) that makes it so; Excel's `sep=;` first line is honoured
/// and title rows above the header are skipped.
struct HeaderFinder: Sendable {
  /// Rows looked at before giving up.
  static let maxRows = 50

  struct Found: Sendable {
    var layout: CSVLayout
    var separator: UInt8
    var width: Int
    var nextLine: Int
    var rest: [UInt8]
  }

  let names: ColumnNames
  var pending: [UInt8] = []
  var scanned = 0
  var line = 1
  var separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
  var rows = 0
  var skipped = 0
  var notes: [ReadingNote] = []
  /// The row with the most known column names so far, for the error when no header is found.
  var best: (known: Int, cells: [String], line: Int)?

  init(names: ColumnNames) { self.names = names }

  /// The header once found (and the text after it), nil while more text is needed.
  mutating func feed(_ text: [UInt8], final: Bool, rulebook: Rulebook) throws(EvidenceError)
    -> Found?
  {
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
        if final { return try giveUp(rulebook: rulebook) }
        return nil
      }
      let content = Array(pending[scanned..<end])
      let lineNumber = line
      scanned = next
      line += 1
      if let found = try consider(content, line: lineNumber, rulebook: rulebook) {
        return Found(
          layout: found.layout, separator: found.separator, width: found.width,
          nextLine: line, rest: Array(pending[scanned...]))
      }
      if rows >= Self.maxRows { return try giveUp(rulebook: rulebook) }
    }
  }

  mutating func consider(_ content: [UInt8], line: Int, rulebook: Rulebook) throws(EvidenceError)
    -> (layout: CSVLayout, separator: UInt8, width: Int)?
  {
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
    var bestHere: (known: Int, cells: [String], separator: UInt8, code: Bool)?
    for separator in separators {
      let cells = Self.cells(content, separator: separator)
      let columns = cells.map { names.column($0) }
      let known = columns.filter { $0 != nil }.count
      let code = columns.contains(.code)
      if bestHere == nil || known > bestHere?.known ?? 0 {
        bestHere = (known, cells, separator, code)
      }
    }
    guard let here = bestHere else { return nil }
    // The header names the code and at least one more identity column.
    if here.code, here.known >= 2 {
      let layout = try CSVLayout(cells: here.cells, line: line, rulebook: rulebook, names: names)
      if skipped > 0 { notes.append(ReadingNote(line: line, .skippedBeforeHeader(lines: skipped))) }
      return (layout, here.separator, here.cells.count)
    }
    if best == nil || here.known > best?.known ?? 0 { best = (here.known, here.cells, line) }
    skipped += 1
    return nil
  }

  /// No header: the row most like one explains what is missing (unknown names, did you mean).
  func giveUp(rulebook: Rulebook) throws(EvidenceError) -> Found? {
    guard let best else { throw EvidenceError(.line(1, column: nil), .emptyBatch) }
    _ = try CSVLayout(cells: best.cells, line: best.line, rulebook: rulebook, names: names)
    throw EvidenceError(.line(best.line, column: nil), .missingColumn("code"))
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
