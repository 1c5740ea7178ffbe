/// Layer 2 for JSON: a JSON array of records, or JSON Lines, → raw records, chunk by chunk.
///
/// Each byte is scanned once, whatever the chunking. For an array, the splitter follows the
/// JSON grammar closely enough to see where a record breaks (a missing comma or brace, a stray
/// quote, a line break inside a string); the broken record is reported where it starts, and
/// reading resumes at the next record: at the `{` that broke it, or else at the next line that
/// starts with `{`. Two records without a comma between them: the second is reported (its
/// figures are not trusted), the others are read. Each record is parsed by `RecordDecoder`.
struct JSONSplitter: Sendable {
  enum Top: Sendable, Equatable { case start, beforeValue, afterValue, done, skipping, ignoring }
  enum Container: Sendable, Equatable { case object, array }
  /// What the grammar allows next inside a record.
  enum Expect: Sendable, Equatable { case key, keyOrEnd, colon, value, valueOrEnd, commaOrEnd }

  let lines: Bool
  var buffer: [UInt8] = []
  var base = 0
  var position = 0
  var line = 1
  var pendingCR = false
  var counted = 0
  var top = Top.start
  var index = 0

  // The record being scanned.
  var inRecord = false
  var recordStart = 0
  var recordLine = 1
  var recordProblem: RecordProblem?
  var stack: [Container] = []
  var expect = Expect.value
  var inString = false
  var escaped = false
  var inLiteral = false
  /// JSON Lines: whether the current line holds anything but spaces.
  var lineHasText = false
  /// Skipping after an error: whether the current line holds only spaces so far.
  var atLineStart = true

  init(lines: Bool) {
    self.lines = lines
    if lines { top = .beforeValue }
  }

  /// The buffers of earlier batches, oldest first, reused once no batch holds them any more:
  /// their memory is already mapped, so joining the rest of a record with the next chunk costs
  /// a copy, not fresh pages (which cost more than the copy: about a fifth of reading JSON
  /// Lines went to page faults).
  var spare: [[UInt8]] = []
  /// More than the batches in flight (`BatchEngine` keeps at most 2 × workers + 1).
  static let spareCount = 12

  mutating func feed(_ text: [UInt8], final: Bool) -> RecordBatch {
    if buffer.isEmpty {
      buffer = text
    } else {
      // A record goes on into this chunk: the two are joined in a spare buffer when the oldest
      // one is free (else, as a copy would be, in a new one).
      var joined = spare.count >= Self.spareCount ? spare.removeFirst() : []
      joined.removeAll(keepingCapacity: true)
      let needed = buffer.count + text.count
      if joined.capacity < needed { joined.reserveCapacity(needed + needed / 8) }
      joined += buffer
      joined += text
      buffer = joined
    }
    var records: [RawRecord] = []
    if lines {
      scanLines(final: final, into: &records)
    } else {
      scanArray(final: final, into: &records)
    }
    let batch = RecordBatch(bytes: buffer, records: records)
    let keep = inRecord ? recordStart : position
    if keep > base {
      let rest = Array(buffer[(keep - base)...])
      spare.append(buffer)
      buffer = rest
      base = keep
    }
    return batch
  }

  // MARK: - JSON Lines

  mutating func scanLines(final: Bool, into records: inout [RawRecord]) {
    buffer.withUnsafeBufferPointer { bytes in
      var at = position - base
      let count = bytes.count
      while at < count {
        if !inRecord {
          inRecord = true
          recordStart = at + base
          recordLine = line
          lineHasText = false
        }
        // Whether the line holds anything but spaces is known from its first other byte; then
        // the rest of the line is skipped in one tight loop.
        if !lineHasText {
          while at < count, bytes[at] == 0x20 || bytes[at] == 0x09 { at += 1 }
          if at < count, bytes[at] != 0x0A, bytes[at] != 0x0D { lineHasText = true }
        }
        at = Self.lineBreak(bytes, from: at)
        guard at < count else { break }
        let byte = bytes[at]
        if byte == 0x0D, at + 1 == count, !final { break }
        let end = at
        at += byte == 0x0D && at + 1 < count && bytes[at + 1] == 0x0A ? 2 : 1
        endLine(end: end + base, records: &records)
        recordStart = at + base
        line += 1
      }
      position = at + base
    }
    if final, inRecord {
      endLine(end: base + buffer.count, records: &records)
      position = base + buffer.count
    }
  }

  /// The index of the first line break (LF or CR) at or after `start`, or the buffer's end:
  /// eight bytes at a time.
  @inline(__always)
  static func lineBreak(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var at = start
    let count = bytes.count
    let raw = UnsafeRawBufferPointer(bytes)
    while at + 8 <= count {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
      let breaks =
        LineScan.zeroBytes(word ^ LineScan.lfs) | LineScan.zeroBytes(word ^ LineScan.crs)
      // `zeroBytes` is exact byte by byte: the lowest bit set is the first break.
      if breaks != 0 { return at + breaks.trailingZeroBitCount / 8 }
      at += 8
    }
    while at < count, bytes[at] != 0x0A, bytes[at] != 0x0D { at += 1 }
    return at
  }

  mutating func endLine(end: Int, records: inout [RawRecord]) {
    defer { inRecord = false }
    guard inRecord, lineHasText else { return }
    records.append(
      RawRecord(line: recordLine, range: recordStart - base..<end - base, index: index))
    index += 1
  }

  // MARK: - Arrays

  mutating func scanArray(final: Bool, into records: inout [RawRecord]) {
    buffer.withUnsafeBufferPointer { bytes in
      var at = position - base
      while at < bytes.count {
        let byte = bytes[at]
        // Lines: LF, CRLF or a lone CR (each byte counted once, even when looked at twice).
        if at + base >= counted {
          counted = at + base + 1
          if byte == 0x0A {
            if !pendingCR { line += 1 }
            pendingCR = false
          } else if byte == 0x0D {
            line += 1
            pendingCR = true
          } else {
            pendingCR = false
          }
        }
        if inRecord {
          if let end = step(byte, at: at, records: &records) {
            // The record ends (or broke) here.
            at = end
            continue
          }
          at += 1
          continue
        }
        at = min(topLevel(byte, at: at, records: &records), bytes.count)
      }
      position = at + base
    }
    if final {
      if inRecord {
        // The input ends inside a record.
        let problem: RecordProblem =
          recordProblem ?? .jsonUnexpected(found: "", expected: .end, line: line)
        emit(end: base + buffer.count, problem: problem, records: &records)
      }
      if top == .beforeValue || top == .afterValue || top == .skipping {
        records.append(
          RawRecord(
            line: line, range: buffer.count..<buffer.count, index: index,
            problem: .arrayNotClosed))
        index += 1
        top = .done
      }
      position = base + buffer.count
    }
  }

  /// One byte between records; returns where to continue.
  mutating func topLevel(_ byte: UInt8, at: Int, records: inout [RawRecord]) -> Int {
    let space = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    if byte == 0x0A || byte == 0x0D { atLineStart = true }
    switch top {
    case .start:
      if space { return at + 1 }
      if byte == UInt8(ascii: "[") {
        top = .beforeValue
        return at + 1
      }
      records.append(
        RawRecord(line: line, range: at..<at, index: index, problem: .notAnArray))
      index += 1
      top = .ignoring
      return Int.max / 2
    case .beforeValue, .afterValue:
      if space { return at + 1 }
      if byte == UInt8(ascii: ",") {
        if top == .afterValue {
          top = .beforeValue
          return at + 1
        }
      } else if byte == UInt8(ascii: "]") {
        top = .done
        return at + 1
      } else {
        begin(at: at, problem: top == .afterValue ? .missingComma : nil)
        return at
      }
      // A comma where a record should be: a stray separator, reported and skipped.
      records.append(
        RawRecord(
          line: line, range: at..<at + 1, index: index,
          problem: .jsonUnexpected(found: ",", expected: .value, line: line)))
      index += 1
      return at + 1
    case .skipping:
      if byte == UInt8(ascii: "{"), atLineStart {
        begin(at: at, problem: nil)
        return at
      }
      if byte == UInt8(ascii: "]"), atLineStart {
        top = .done
        return at + 1
      }
      if !space { atLineStart = false }
      return at + 1
    case .done:
      if space { return at + 1 }
      records.append(
        RawRecord(line: line, range: at..<at, index: index, problem: .textAfterArray))
      index += 1
      top = .ignoring
      return Int.max / 2
    case .ignoring:
      return Int.max / 2
    }
  }

  mutating func begin(at: Int, problem: RecordProblem?) {
    inRecord = true
    recordStart = at + base
    recordLine = line
    recordProblem = problem
    stack.removeAll(keepingCapacity: true)
    expect = .value
    inString = false
    escaped = false
    inLiteral = false
  }

  mutating func emit(end: Int, problem: RecordProblem?, records: inout [RawRecord]) {
    records.append(
      RawRecord(
        line: recordLine, range: recordStart - base..<end - base, index: index, problem: problem))
    index += 1
    inRecord = false
  }

  /// One byte of a record; returns where to continue when the record ends or breaks here.
  mutating func step(_ byte: UInt8, at: Int, records: inout [RawRecord]) -> Int? {
    if inString {
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else if byte == UInt8(ascii: "\"") {
        inString = false
        if stack.isEmpty {
          finishRecord(end: at + 1, records: &records)
          return at + 1
        }
        afterScalar()
      } else if byte < 0x20 {
        return broke(
          at: at, found: "\\n", expected: .stringEnd, records: &records)
      }
      return nil
    }
    if inLiteral {
      if Self.literalByte(byte) { return nil }
      inLiteral = false
      if stack.isEmpty {
        finishRecord(end: at, records: &records)
        return at
      }
      afterScalar()
    }
    switch byte {
    case 0x20, 0x0A, 0x0D, 0x09:
      return nil
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard expect == .value || expect == .valueOrEnd else {
        // A `{` where a key or a comma belongs: the record lost its closing brace, and a new
        // record most likely starts here.
        if byte == UInt8(ascii: "{"), !stack.isEmpty {
          return broke(
            at: at, found: "{", expected: expect.wanted, resumeHere: true, records: &records)
        }
        return broke(at: at, found: Self.shown(byte), expected: expect.wanted, records: &records)
      }
      stack.append(byte == UInt8(ascii: "{") ? .object : .array)
      expect = byte == UInt8(ascii: "{") ? .keyOrEnd : .valueOrEnd
      return nil
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      let container: Container = byte == UInt8(ascii: "}") ? .object : .array
      let closable =
        stack.last == container
        && (expect == .commaOrEnd
          || (container == .object ? expect == .keyOrEnd : expect == .valueOrEnd))
      guard closable else {
        return broke(at: at, found: Self.shown(byte), expected: expect.wanted, records: &records)
      }
      stack.removeLast()
      if stack.isEmpty {
        finishRecord(end: at + 1, records: &records)
        return at + 1
      }
      expect = .commaOrEnd
      return nil
    case UInt8(ascii: ","):
      guard expect == .commaOrEnd else {
        return broke(at: at, found: ",", expected: expect.wanted, records: &records)
      }
      expect = stack.last == .object ? .key : .value
      return nil
    case UInt8(ascii: ":"):
      guard expect == .colon else {
        return broke(at: at, found: ":", expected: expect.wanted, records: &records)
      }
      expect = .value
      return nil
    case UInt8(ascii: "\""):
      guard expect == .key || expect == .keyOrEnd || expect == .value || expect == .valueOrEnd
      else { return broke(at: at, found: "\"", expected: expect.wanted, records: &records) }
      inString = true
      return nil
    default:
      guard Self.literalByte(byte), expect == .value || expect == .valueOrEnd else {
        return broke(at: at, found: Self.shown(byte), expected: expect.wanted, records: &records)
      }
      inLiteral = true
      return nil
    }
  }

  /// After a string or a literal: a key wants its colon; a value, a comma or the end.
  mutating func afterScalar() {
    expect = (expect == .key || expect == .keyOrEnd) ? .colon : .commaOrEnd
  }

  mutating func finishRecord(end: Int, records: inout [RawRecord]) {
    emit(end: end + base, problem: recordProblem, records: &records)
    top = .afterValue
  }

  /// The record breaks at `at`: report it, then skip to the next record.
  mutating func broke(
    at: Int, found: String, expected: JSONExpectation, resumeHere: Bool = false,
    records: inout [RawRecord]
  ) -> Int {
    let problem = recordProblem ?? .jsonUnexpected(found: found, expected: expected, line: line)
    emit(end: at + base, problem: problem, records: &records)
    if resumeHere {
      begin(at: at, problem: nil)
      return at
    }
    top = .skipping
    atLineStart = false
    return at + 1
  }

  static func literalByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
      UInt8(ascii: "."):
      return true
    default: return false
    }
  }

  static func shown(_ byte: UInt8) -> String {
    byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte \(byte)"
  }
}

extension JSONSplitter.Expect {
  var wanted: JSONExpectation {
    switch self {
    case .key: return .key
    case .keyOrEnd: return .keyOrEnd
    case .colon: return .colon
    case .value, .valueOrEnd: return .value
    case .commaOrEnd: return .commaOrEnd
    }
  }
}
