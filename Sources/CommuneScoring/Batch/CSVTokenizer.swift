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
  static func record(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, final: Bool)
    -> (CSVRecord?, Int, Int)?
  {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
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
