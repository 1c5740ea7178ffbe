// The batch engine's one seam onto the reading layers (Sources/CommuneScoring/Reading):
// `RecordCutter` turns a source's chunks into raw records sequentially (cheap, and the same
// whatever the chunking, so line numbers and recovery never depend on the number of workers);
// the reader's `RecordDecoder` turns one raw record into evidence, on any worker.

/// Cuts one source into raw records, one chunk at a time.
struct RecordCutter: Sendable {
  let layout: BatchLayout?
  var reader: BatchReader
  /// For a single-record source: everything read so far.
  var whole: [UInt8] = []
  var singleDecoder: RecordDecoder?

  init(layout: BatchLayout?, rulebook: Rulebook, encoding: TextEncoding?) {
    self.layout = layout
    let format: BatchReader.Format? =
      switch layout {
      case .csv: .csv
      case .jsonArray: .json
      case .jsonLines: .jsonl
      case .jsonRecord, nil: nil
      }
    reader = BatchReader(format: format, rulebook: rulebook, encoding: encoding)
    if layout == .jsonRecord {
      singleDecoder = RecordDecoder(kind: .json(array: false), rulebook: rulebook)
    }
  }

  /// The decoder of this source's records, once its header is read (at once for JSON).
  var decoder: RecordDecoder? { singleDecoder ?? reader.decoder }

  /// The records completed by `chunk`; with `final`, whatever remains is the last record.
  /// Throws when the source cannot be read at all (refused bytes, no header, unknown columns).
  mutating func feed(_ chunk: [UInt8], final: Bool) throws(EvidenceError) -> RecordBatch {
    guard layout == .jsonRecord else { return try reader.feed(chunk, final: final) }
    // One commune's dossier: kept whole until the end (it is small).
    whole += chunk
    guard final else { return RecordBatch(bytes: [], records: []) }
    let bytes = whole.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(whole.dropFirst(3)) : whole
    whole = []
    guard bytes.contains(where: { $0 > 0x20 }) else {
      throw EvidenceError(.line(1, column: nil), .emptyBatch)
    }
    return RecordBatch(
      bytes: bytes, records: [RawRecord(line: 1, range: 0..<bytes.count, index: 0)])
  }
}

extension RecordDecoder {
  /// The separator of a CSV source's cells (nil for JSON).
  var csvSeparator: UInt8? {
    if case .csv(_, let separator) = kind { return separator }
    return nil
  }
}
