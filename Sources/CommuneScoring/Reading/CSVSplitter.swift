/// One record cut out of a batch, not yet decoded: where its bytes are and where it starts.
public struct RawRecord: Sendable, Equatable {
  /// The physical line (1-based) where the record starts.
  public var line: Int
  /// The record's bytes in its `RecordBatch.bytes` (line break excluded for CSV).
  public var range: Range<Int>
  /// The record's position in the batch (0-based): the array index of a JSON batch.
  public var index: Int
  /// Set when the splitter already knows the record is broken; it is then reported with this.
  public var problem: RecordProblem?

  public init(line: Int, range: Range<Int>, index: Int, problem: RecordProblem? = nil) {
    self.line = line
    self.range = range
    self.index = index
    self.problem = problem
  }
}

/// Layer 2 for CSV: UTF-8 text after the header → raw records, fed chunk by chunk.
///
/// Each byte is scanned once (a rewind scans a line at most once more), whatever the chunking,
/// and the records, their lines and their problems do not depend on the chunk sizes. Lines end
/// with LF, CRLF or a lone CR. Blank rows (nothing but separators and spaces) are skipped.
///
/// A quoted field may hold line breaks (RFC 4180). When such a record turns out invalid (a
/// problem, a cell count other than the header's, no closing quote, or longer than
/// `maxSpanLines` lines), only its first line is reported, as `unclosedQuote`, and the lines it
/// swallowed are read again as records of their own: one slip costs one record.
public struct CSVSplitter: Sendable {
  /// A quoted field spanning more lines than this is taken for a stray quote.
  public static let maxSpanLines = 1000

  public let separator: UInt8
  /// The header's cell count: a record spanning lines must have exactly this many cells.
  public let width: Int

  /// Unconsumed text; `base` is the absolute offset of its first byte.
  var buffer: [UInt8] = []
  var base = 0
  /// The next record starts here (absolute) on line `line`.
  var recordStart = 0
  var line: Int
  var index = 0
  /// The line being scanned, and the lines already scanned for the record being assembled.
  var scan: LineScan
  var span: [LineScan] = []
  /// Lines scanned as the continuation of a quoted field, kept for a rewind (absolute starts).
  var memo: [LineScan] = []
  var memoHead = 0

  /// A splitter for text that starts at absolute offset 0 on line `line`.
  public init(separator: UInt8, width: Int, startingAtLine line: Int) {
    self.separator = separator
    self.width = width
    self.line = line
    scan = LineScan(start: 0, inside: false)
  }

  /// The records complete in `text` (with what was held back before); `final` ends the input.
  public mutating func feed(_ text: [UInt8], final: Bool) -> RecordBatch {
    if buffer.isEmpty { buffer = text } else { buffer += text }
    var records: [RawRecord] = []
    records.reserveCapacity(buffer.count / 128)
    while let record = next(final: final) {
      if let record { records.append(record) }
    }
    let batch = RecordBatch(bytes: buffer, records: records)
    let consumed = min(recordStart, span.first?.start ?? recordStart, scan.start) - base
    if consumed > 0 {
      buffer.removeFirst(consumed)
      base += consumed
    }
    return batch
  }

  /// The next record: `.some(nil)` for a skipped blank row, nil when more text is needed.
  mutating func next(final: Bool) -> RawRecord?? {
    // Scan lines until the record being assembled is complete.
    while true {
      guard let done = advance(final: final) else { return nil }
      if done.start == recordStart, !done.inside, !done.endsInside {
        // A record on one line.
        return finish(
          end: done.end, lines: 1, problem: done.problem, blank: done.blank,
          contentEnd: done.contentEnd)
      }
      span.append(done)
      let closed = !done.endsInside
      let atEnd = done.end == base + buffer.count && final
      if closed || atEnd || span.count > Self.maxSpanLines {
        let cells = span.reduce(0) { $0 + $1.separators } + 1
        let problem = span.lazy.compactMap(\.problem).first
        if closed, problem == nil, cells == width {
          let record = finish(
            end: done.end, lines: span.count, problem: nil, blank: false,
            contentEnd: done.contentEnd)
          span = []
          return record
        }
        // Invalid: report the first line, then read the others again as records.
        let first = span[0]
        span = []
        return finish(
          end: first.end, lines: 1, problem: .unclosedQuote, blank: false,
          contentEnd: first.contentEnd)
      }
    }
  }

  mutating func finish(end: Int, lines: Int, problem: RecordProblem?, blank: Bool, contentEnd: Int)
    -> RawRecord?
  {
    defer {
      recordStart = end
      line += lines
      scan = LineScan(start: end, inside: false)
    }
    if blank { return nil }
    defer { index += 1 }
    return RawRecord(
      line: line, range: recordStart - base..<contentEnd - base, index: index, problem: problem)
  }

  /// Finishes scanning the current line (from the memo when it was scanned before), or nil when
  /// it is not complete yet.
  mutating func advance(final: Bool) -> LineScan? {
    if scan.start == base + buffer.count, scan.position == scan.start {
      // Nothing left: at the end of the input, a record in progress ends here.
      guard final, !span.isEmpty else { return nil }
      var end = LineScan(start: scan.start, inside: true)
      end.end = scan.start
      end.contentEnd = scan.start
      end.endsInside = true
      end.blank = false
      return end
    }
    if scan.inside {
      while memoHead < memo.count, memo[memoHead].start < scan.start { memoHead += 1 }
      if memoHead < memo.count, memo[memoHead].start == scan.start {
        let known = memo[memoHead]
        scan = LineScan(start: known.end, inside: true)
        return known
      }
      if memoHead == memo.count {
        memo.removeAll(keepingCapacity: true)
        memoHead = 0
      }
    }
    let complete = buffer.withUnsafeBufferPointer { pointer in
      scan.run(pointer, base: base, separator: separator, final: final)
    }
    guard complete else { return nil }
    let done = scan
    if done.inside { memo.append(done) }
    scan = LineScan(start: done.end, inside: done.endsInside)
    return done
  }
}

/// The scan of one physical line of CSV, resumable across chunks.
struct LineScan: Sendable, Equatable {
  enum Mode: Sendable { case cellStart, unquoted, quoted, quoteInQuoted, afterQuote }

  /// Absolute offsets: the line's first byte, where scanning resumes, the end of its content
  /// (before the line break) and the offset after its line break.
  var start: Int
  var position: Int
  var contentEnd = 0
  var end = 0
  /// Whether the line starts inside a quoted field (the continuation of the line before).
  var inside: Bool
  var mode: Mode
  var separators = 0
  var problem: RecordProblem?
  var blank = true
  var endsInside = false

  init(start: Int, inside: Bool) {
    self.start = start
    position = start
    self.inside = inside
    mode = inside ? .quoted : .cellStart
  }

  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let lfs = ones &* 0x0A
  static let crs = ones &* 0x0D
  static let quotes = ones &* 0x22

  /// The high bit of each byte of `word` that is 0, exactly (no borrow between bytes).
  @inline(__always)
  static func zeroBytes(_ word: UInt64) -> UInt64 {
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((word & low) &+ low) | word | low)
  }

  /// Scans to the end of the line; false when the buffer ends first (and more may follow).
  mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, base: Int, separator: UInt8, final: Bool)
    -> Bool
  {
    let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    var index = position - base
    let count = buffer.count
    let raw = UnsafeRawBufferPointer(buffer)
    while index < count {
      // Outside quotes, once the line is known not to be blank, eight bytes at a time: a word
      // without a line break or a quote only counts its separators and leaves the mode
      // unquoted, or at a cell's start when its last byte is a separator.
      if !blank, mode == .unquoted || mode == .cellStart, index + 8 <= count {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        if LineScan.zeroBytes(word ^ LineScan.lfs) | LineScan.zeroBytes(word ^ LineScan.crs)
          | LineScan.zeroBytes(word ^ LineScan.quotes) == 0
        {
          separators +=
            LineScan.zeroBytes(word ^ (LineScan.ones &* UInt64(separator)))
            .nonzeroBitCount
          mode = buffer[index + 7] == separator ? .cellStart : .unquoted
          index += 8
          continue
        }
      }
      let byte = buffer[index]
      if byte == lf || byte == cr {
        if mode == .quoteInQuoted { mode = .afterQuote }
        var after = index + 1
        if byte == cr {
          if after == count, !final {
            position = index + base
            return false
          }
          if after < count, buffer[after] == lf { after += 1 }
        }
        contentEnd = index + base
        end = after + base
        endsInside = mode == .quoted
        position = end
        return true
      }
      switch mode {
      case .cellStart:
        if byte == quote {
          mode = .quoted
          blank = false
        } else if byte == separator {
          separators += 1
        } else {
          if byte != 0x20, byte != 0x09 { blank = false }
          mode = .unquoted
        }
      case .unquoted:
        if byte == separator {
          separators += 1
          mode = .cellStart
        } else if byte == quote {
          problem = problem ?? .quoteInsideField
          blank = false
        } else if byte != 0x20, byte != 0x09 {
          blank = false
        }
      case .quoted:
        if byte == quote { mode = .quoteInQuoted }
      case .quoteInQuoted:
        if byte == quote {
          mode = .quoted
        } else if byte == separator {
          separators += 1
          mode = .cellStart
        } else {
          problem = problem ?? .textAfterQuote
          mode = .afterQuote
        }
      case .afterQuote:
        if byte == separator {
          separators += 1
          mode = .cellStart
        }
      }
      index += 1
    }
    guard final else {
      position = index + base
      return false
    }
    // The input ends without a line break.
    if mode == .quoteInQuoted { mode = .afterQuote }
    contentEnd = count + base
    end = count + base
    endsInside = mode == .quoted
    position = end
    return true
  }
}

/// Raw records cut from a batch, and the bytes they index into.
public struct RecordBatch: Sendable {
  /// The text the records' ranges index into (shared, not copied, by every worker).
  public var bytes: [UInt8]
  /// The records in input order.
  public var records: [RawRecord]
  /// Notes found while cutting these records (an assumed encoding, skipped title rows).
  public var notes: [ReadingNote] = []

  init(bytes: [UInt8], records: [RawRecord]) {
    self.bytes = bytes
    self.records = records
  }

  /// An empty batch.
  public init() {
    bytes = []
    records = []
  }
}
