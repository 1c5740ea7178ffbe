/// One raw record, decoded: its line, the record or why it was refused, and any notes.
public struct DecodedRecord: Sendable {
  /// The line the record starts on.
  public var line: Int
  public var result: Result<EvidenceRecord, EvidenceError>
  /// What was repaired while decoding (a restored commune code), with its line.
  public var notes: [ReadingNote]
}

/// Layer 3 → 4: one raw record → an evidence record. Pure and `Sendable`: give each worker its
/// own copy (`with(_:)` rebinds it to a worker's private rulebook copy) and call `decode` from
/// any thread, in any order.
public struct RecordDecoder: Sendable {
  enum Kind: Sendable {
    case csv(CSVLayout, separator: UInt8)
    /// A JSON array (records located by their array index) or JSON Lines.
    case json(array: Bool)
  }

  let kind: Kind
  let rulebook: Rulebook
  /// The fast reader of flat JSON records (nil: every record goes through `JSONParser`).
  let flat: FlatRecordReader?
  /// Whether JSON records keep the SHA-256 of their bytes (`inputSHA256`).
  var receipts = true

  /// The same decoder, keeping JSON records' receipts or not.
  func keepingReceipts(_ keep: Bool) -> RecordDecoder {
    var copy = self
    copy.receipts = keep
    return copy
  }

  init(kind: Kind, rulebook: Rulebook, fast: Bool = true) {
    self.kind = kind
    self.rulebook = rulebook
    if case .json = kind, fast { flat = FlatRecordReader(rulebook: rulebook) } else { flat = nil }
  }

  /// A decoder of JSON Lines records (`fast`: with the flat-record reader, as batches use).
  package static func jsonLines(rulebook: Rulebook, fast: Bool) -> RecordDecoder {
    RecordDecoder(kind: .json(array: false), rulebook: rulebook, fast: fast)
  }

  /// The same decoder bound to another copy of the rulebook (one per worker, so workers share
  /// no reference counts).
  public func with(_ rulebook: Rulebook) -> RecordDecoder {
    switch kind {
    case .csv(let layout, let separator):
      let copy =
        (try? CSVLayout(
          cells: layout.headerCells, line: 1, rulebook: rulebook)) ?? layout
      return RecordDecoder(kind: .csv(copy, separator: separator), rulebook: rulebook)
    case .json:
      return RecordDecoder(kind: kind, rulebook: rulebook, fast: flat != nil)
        .keepingReceipts(receipts)
    }
  }

  /// The CSV column layout, for a CSV batch.
  public var layout: CSVLayout? {
    if case .csv(let layout, _) = kind { return layout }
    return nil
  }

  /// Decodes `record`, whose bytes are `bytes[record.range]`.
  public func decode(_ record: RawRecord, in bytes: [UInt8]) -> DecodedRecord {
    var repeated = CSVRepeatedCells()
    return decode(record, in: bytes, repeated: &repeated)
  }

  /// Decodes `record`, reusing the text of cells repeated from the record before (one worker's
  /// `repeated`).
  func decode(_ record: RawRecord, in bytes: [UInt8], repeated: inout CSVRepeatedCells)
    -> DecodedRecord
  {
    var notes: [ReadingNote] = []
    let result: Result<EvidenceRecord, EvidenceError>
    switch kind {
    case .csv(let layout, let separator):
      if let problem = record.problem {
        result = .failure(EvidenceError(.line(record.line, column: nil), .brokenRecord(problem)))
      } else {
        result = layout.decode(
          Self.cells(record, in: bytes, separator: separator), notes: &notes,
          repeated: &repeated)
      }
    case .json(let array):
      result = decodeJSON(record, in: bytes, array: array)
    }
    return DecodedRecord(line: record.line, result: result, notes: notes)
  }

  /// The record's cells: ranges into `bytes` itself when no quote needs undoing, else a copy.
  static func cells(_ record: RawRecord, in bytes: [UInt8], separator: UInt8) -> CSVRecord {
    bytes.withUnsafeBufferPointer { whole in
      let buffer = UnsafeBufferPointer(rebasing: whole[..<record.range.upperBound])
      if let (cells, _, _) = CSVTokenizer.plainRecord(
        buffer, from: record.range.lowerBound, separator: separator)
      {
        return CSVRecord(line: record.line, bytes: bytes, cells: cells, malformed: nil)
      }
      if let (row, _, _) = CSVTokenizer.record(
        buffer, from: record.range.lowerBound, line: record.line, final: true,
        separator: separator), let row
      {
        return row
      }
      return CSVRecord(line: record.line, bytes: [], cells: [0..<0], malformed: nil)
    }
  }

  func decodeJSON(_ record: RawRecord, in bytes: [UInt8], array: Bool) -> Result<
    EvidenceRecord, EvidenceError
  > {
    let base = array ? JSONPath.root.appending(index: record.index) : .root
    if let problem = record.problem {
      return .failure(EvidenceError(.record(line: record.line, path: base), .brokenRecord(problem)))
    }
    let text = bytes[record.range]
    // The common flat shape is read straight from the bytes; anything else, and every record
    // that would be refused, goes through the general parser below.
    if let flat, var read = flat.read(text) {
      if receipts { read.inputSHA256 = SHA256.hex(of: text) }
      return .success(read)
    }
    let json: JSONValue
    do {
      json = try JSONParser.parse(text)
    } catch {
      var shifted = error
      shifted.line += record.line - 1
      return .failure(EvidenceError(.record(line: record.line, path: base), .syntax(shifted)))
    }
    do {
      var decoded = try EvidenceDecoder.decode(json, rulebook: rulebook, at: base)
      // The receipt names the record's own bytes, as for a single assessment.
      if receipts { decoded.inputSHA256 = SHA256.hex(of: text) }
      return .success(decoded)
    } catch {
      let issues = error.issues.map { issue -> EvidenceIssue in
        if case .json(let path) = issue.location {
          return EvidenceIssue(.record(line: record.line, path: path), issue.problem)
        }
        return issue
      }
      return .failure(EvidenceError(issues))
    }
  }
}
