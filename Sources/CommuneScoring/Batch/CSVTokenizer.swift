/// One CSV record: its cells (quotes removed, doubled quotes undone) and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
  /// The physical line (1-based) where the record starts.
  public var line: Int
  /// The cells' bytes, back to back; `cells` slices them.
  public var bytes: [UInt8]
  public var cells: [Range<Int>]
  /// Set when the record breaks RFC 4180 (a stray quote, an unterminated quoted field).
  public var malformed: String?

  /// The bytes of cell `index`.
  public func cell(_ index: Int) -> ArraySlice<UInt8> { bytes[cells[index]] }

  /// Cell `index` as text.
  public func string(_ index: Int) -> String {
    String(decoding: bytes[cells[index]], as: UTF8.self)
  }
}

/// An incremental RFC 4180 reader: feed it chunks of a file, get back the complete records.
///
/// Quoted fields may hold commas, quotes ("") and line breaks, also across chunk boundaries.
/// Lines end with LF or CRLF. A leading UTF-8 byte-order mark is skipped. Blank lines are skipped.
public struct CSVTokenizer: Sendable {
  var line = 1
  var pending: [UInt8] = []
  var started = false

  public init() {}

  /// The complete records in `chunk` (with what was left over from the previous chunk). With
  /// `final`, whatever remains is the last record.
  public mutating func feed(_ chunk: some Collection<UInt8>, final: Bool = false) -> [CSVRecord] {
    pending.append(contentsOf: chunk)
    if !started, pending.count >= 3 || final {
      started = true
      if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
    }
    guard started else { return [] }
    var records: [CSVRecord] = []
    let consumed = pending.withUnsafeBufferPointer { buffer in
      var position = 0
      while position < buffer.count {
        guard
          let (record, next, lines) = Self.record(buffer, from: position, line: line, final: final)
        else { break }
        line += lines
        position = next
        if let record,
          !(record.cells.count == 1 && record.cells[0].isEmpty && record.malformed == nil)
        {
          records.append(record)
        }
      }
      return position
    }
    pending.removeFirst(consumed)
    return records
  }

  /// Reads one record starting at `start`. Returns nil when the record is incomplete and more
  /// input may follow; otherwise the record, the position after it, and the lines it spans.
  static func record(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, final: Bool,
    separator comma: UInt8 = UInt8(ascii: ",")
  )
    -> (CSVRecord?, Int, Int)?
  {
    let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    var cells: [Range<Int>] = []
    cells.reserveCapacity(48)
    var position = start
    var lines = 0
    var malformed: String?
    var cellStart = 0
    while true {
      // At the start of a cell.
      if position < buffer.count, buffer[position] == quote {
        position += 1
        var closed = false
        while position < buffer.count {
          let byte = buffer[position]
          if byte == quote {
            if position + 1 < buffer.count, buffer[position + 1] == quote {
              bytes.append(quote)
              position += 2
              continue
            }
            if position + 1 >= buffer.count, !final { return nil }
            position += 1
            closed = true
            break
          }
          if byte == lf { lines += 1 }
          bytes.append(byte)
          position += 1
        }
        if !closed {
          if !final { return nil }
          malformed = malformed ?? "a quoted field is never closed"
        }
        // After a closing quote only a separator or the end of the line may follow.
        if position < buffer.count, buffer[position] != comma, buffer[position] != lf,
          buffer[position] != cr
        {
          malformed = malformed ?? "text after a closing quote"
          while position < buffer.count, buffer[position] != comma, buffer[position] != lf,
            buffer[position] != cr
          {
            bytes.append(buffer[position])
            position += 1
          }
        }
      } else {
        while position < buffer.count {
          let byte = buffer[position]
          if byte == comma || byte == lf || byte == cr { break }
          if byte == quote {
            malformed = malformed ?? "a quote inside an unquoted field (quote the whole field)"
          }
          bytes.append(byte)
          position += 1
        }
      }
      cells.append(cellStart..<bytes.count)
      cellStart = bytes.count
      guard position < buffer.count else {
        if !final { return nil }
        return (
          CSVRecord(line: line, bytes: bytes, cells: cells, malformed: malformed), position,
          lines + 1
        )
      }
      let byte = buffer[position]
      if byte == comma {
        position += 1
        continue
      }
      // End of the record: LF, CRLF, or a lone CR.
      if byte == cr {
        if position + 1 >= buffer.count, !final { return nil }
        position += 1
        if position < buffer.count, buffer[position] == lf { position += 1 }
      } else {
        position += 1
      }
      return (
        CSVRecord(line: line, bytes: bytes, cells: cells, malformed: malformed), position, lines + 1
      )
    }
  }
}

/// Where complete CSV records end in a buffer, found without tokenizing them, so a batch can
/// hand whole records to several workers.
public enum CSVBoundaries {
  /// The offsets just after each record end (line break outside quotes) in `buffer`, and for
  /// each, the number of line breaks (inside quotes too) up to it.
  public static func recordEnds(_ buffer: UnsafeBufferPointer<UInt8>) -> (ends: [Int], lines: [Int])
  {
    var ends: [Int] = []
    var lines: [Int] = []
    ends.reserveCapacity(buffer.count / 128)
    lines.reserveCapacity(buffer.count / 128)
    var inQuotes = false
    var newlines = 0
    var index = 0
    @inline(__always) func visit(_ position: Int) {
      let byte = buffer[position]
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if byte == 0x0A {
        newlines += 1
        if !inQuotes {
          ends.append(position + 1)
          lines.append(newlines)
        }
      }
    }
    // Eight bytes at a time: most words hold neither a line break nor a quote.
    if let base = buffer.baseAddress {
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while index + 8 <= buffer.count {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        let lf = word ^ (ones &* 0x0A)
        let quote = word ^ (ones &* 0x22)
        if ((lf &- ones) & ~lf & highs) | ((quote &- ones) & ~quote & highs) == 0 {
          index += 8
          continue
        }
        for position in index..<index + 8 { visit(position) }
        index += 8
      }
    }
    while index < buffer.count {
      visit(index)
      index += 1
    }
    return (ends, lines)
  }
}

extension CSVBoundaries {
  /// The offset just after the first record's end, or nil when no record ends in `buffer`.
  public static func firstRecordEnd(_ buffer: some Collection<UInt8>) -> Int? {
    var inQuotes = false
    var offset = 0
    for byte in buffer {
      offset += 1
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if byte == 0x0A, !inQuotes {
        return offset
      }
    }
    return nil
  }
}

extension CSVTokenizer {
  /// A tokenizer for a slice of a file that starts at `line`, after any byte-order mark.
  public init(startingAtLine line: Int) {
    self.line = line
    started = true
  }
}

extension CSVTokenizer {
  /// Every record of a complete slice of a CSV file that starts at `line`. Cells are ranges into
  /// `bytes` itself (no copy); a record with escaped quotes or a formatting error goes through the
  /// copying reader, which undoes the escapes and reports the error.
  public static func records(in bytes: [UInt8], range: Range<Int>? = nil, startingAtLine line: Int)
    -> [CSVRecord]
  {
    let range = range ?? bytes.indices
    var records: [CSVRecord] = []
    records.reserveCapacity(range.count / 150)
    var line = line
    bytes.withUnsafeBufferPointer { whole in
      // Reading stops at the range's end: the slice's last record ends there.
      let buffer = UnsafeBufferPointer(rebasing: whole[..<range.upperBound])
      var position = range.lowerBound
      while position < buffer.count {
        if let (cells, next, lines) = plainRecord(buffer, from: position) {
          if !(cells.count == 1 && cells[0].isEmpty) {
            records.append(CSVRecord(line: line, bytes: bytes, cells: cells, malformed: nil))
          }
          line += lines
          position = next
          continue
        }
        guard let (record, next, lines) = record(buffer, from: position, line: line, final: true)
        else { break }
        if let record,
          !(record.cells.count == 1 && record.cells[0].isEmpty && record.malformed == nil)
        {
          records.append(record)
        }
        line += lines
        position = next
      }
    }
    return records
  }

  /// A record without escaped quotes or errors, as ranges; nil to use the copying reader.
  static func plainRecord(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int,
    separator comma: UInt8 = UInt8(ascii: ",")
  ) -> (
    [Range<Int>], Int, Int
  )? {
    let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    var cells: [Range<Int>] = []
    cells.reserveCapacity(48)
    var position = start
    var lines = 0
    while true {
      if position < buffer.count, buffer[position] == quote {
        let cellStart = position + 1
        position += 1
        while position < buffer.count, buffer[position] != quote {
          if buffer[position] == lf { lines += 1 }
          position += 1
        }
        guard position < buffer.count else { return nil }
        cells.append(cellStart..<position)
        position += 1
        if position < buffer.count, buffer[position] != comma, buffer[position] != lf,
          buffer[position] != cr
        {
          return nil
        }
      } else {
        let cellStart = position
        while position < buffer.count {
          let byte = buffer[position]
          if byte == comma || byte == lf || byte == cr { break }
          if byte == quote { return nil }
          position += 1
        }
        cells.append(cellStart..<position)
      }
      guard position < buffer.count else { return (cells, position, lines + 1) }
      let byte = buffer[position]
      position += 1
      if byte == comma { continue }
      if byte == cr, position < buffer.count, buffer[position] == lf { position += 1 }
      return (cells, position, lines + 1)
    }
  }
}
