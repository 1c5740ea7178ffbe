/// Layer 2 for JSON: a JSON array of records, or JSON Lines, → raw records, chunk by chunk.
struct JSONSplitter: Sendable {
  var scanner: JSONRecordScanner

  init(lines: Bool) { scanner = JSONRecordScanner(layout: lines ? .lines : .array) }

  mutating func feed(_ text: [UInt8], final: Bool) -> RecordBatch {
    let values = scanner.feed(text, final: final)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.reduce(0) { $0 + $1.bytes.count })
    var records: [RawRecord] = []
    for value in values {
      let start = bytes.count
      bytes += value.bytes
      records.append(
        RawRecord(
          line: value.line, range: start..<bytes.count, index: value.index,
          problem: value.malformed.map { .jsonStructure($0) }))
    }
    return RecordBatch(bytes: bytes, records: records)
  }
}
