import CommuneScoring

/// The council's workbook for communes the compiled plan scored.
///
/// A worker formats each such commune as a **frame**: what the serial end needs for the summary
/// and the column widths, then the row's cells (`cellsXML`'s bytes, made from the planned row).
/// `BatchWorkbook.add(frames:into:)` reads the frames back in input order, numbers the listed
/// rows and writes them. The cells are byte for byte those the general path writes for the same
/// commune (`PlannedXLSXTests` compares whole workbooks).
///
/// A frame, integers little-endian:
///
///     u32 length of the whole frame
///     u8  status (0 recognised, 1 not recognised, 2 incomplete)
///     u16 ×5 lengths of the code, name, district, province and category id
///     the five texts' UTF-8 bytes, as read
///     the row's cells (nothing when a certified-only list leaves the commune out)
extension BatchWorkbook {
  /// What the workers need to format planned rows, made once per run.
  public struct PlannedCells: Sendable {
    /// The cells written the same way on many rows, back to back: the verdicts (by
    /// `statusCode`), each category's (its shared name), the review column of a commune no
    /// council reviewed. Kept in one array so that a row copies them without counting
    /// references.
    let pieces: [UInt8]
    /// Where each verdict's cell is in `pieces`.
    let verdicts: [Range<Int>]
    /// Each category's id, back to back, and where each id and its cell are.
    let ids: [UInt8]
    let categories: [(id: Range<Int>, cell: Range<Int>)]
    let reviewedNo: Range<Int>
    let withReview: Bool
    let certifiedOnly: Bool

    public init(rulebook: Rulebook, language: Language, withReview: Bool, certifiedOnly: Bool) {
      var pieces: [UInt8] = []
      func piece(_ cell: XLSXStream.Cell) -> Range<Int> {
        let start = pieces.count
        pieces += Frame.cell(cell)
        return start..<pieces.count
      }
      verdicts = Frame.statuses.map { piece(BatchWorkbook.verdictCell($0)) }
      var ids: [UInt8] = []
      categories = rulebook.categories.enumerated().map { index, category in
        let start = ids.count
        ids += category.id.utf8
        return (start..<ids.count, piece(.shared(Frame.statuses.count + index, .text)))
      }
      reviewedNo = piece(.text("", .number))
      self.pieces = pieces
      self.ids = ids
      self.withReview = withReview
      self.certifiedOnly = certifiedOnly
    }

    /// Appends the frame of `row` to `bytes`: written through a cursor into space reserved on
    /// the stack, then appended at once (perf showed the many small appends to the array cost
    /// a sixth of a two-worker xlsx run).
    public func frame(_ row: PlannedRow, into bytes: inout [UInt8]) {
      let texts =
        row.code.count + row.name.count + row.district.count + row.province.count
        + row.category.count
      // The texts as read, then in cells (escaping makes a byte at most six); at most 64 bytes
      // of markup and digits a cell, and the shared pieces.
      let capacity = Frame.header + 7 * texts + 64 * (row.score.points.count + 16) + pieces.count
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
        var cursor = FrameCursor(buffer)
        let status = Frame.statusCode(row.score.status)
        Frame.put("\0\0\0\0", into: &cursor)
        cursor.append(UInt8(status))
        Frame.putLength(row.code.count, into: &cursor)
        Frame.putLength(row.name.count, into: &cursor)
        Frame.putLength(row.district.count, into: &cursor)
        Frame.putLength(row.province.count, into: &cursor)
        Frame.putLength(row.category.count, into: &cursor)
        cursor.append(bytes: row.code)
        cursor.append(bytes: row.name)
        cursor.append(bytes: row.district)
        cursor.append(bytes: row.province)
        cursor.append(bytes: row.category)
        if !certifiedOnly || row.score.status == .recognized { cells(row, into: &cursor) }
        let length = UInt32(cursor.count)
        for index in 0..<4 { buffer[index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<cursor.count]))
      }
    }

    /// The row's cells after the row number, as `cellsXML` writes them.
    func cells(_ row: PlannedRow, into bytes: inout some FrameOutput) {
      pieces.withUnsafeBufferPointer { pieces in
        ids.withUnsafeBufferPointer { ids in
          cells(row, row.category, row.score.points, pieces, ids, into: &bytes)
        }
      }
    }

    func cells(
      _ row: PlannedRow, _ category: UnsafeBufferPointer<UInt8>,
      _ criteria: UnsafeBufferPointer<Int>, _ pieces: UnsafeBufferPointer<UInt8>,
      _ ids: UnsafeBufferPointer<UInt8>, into bytes: inout some FrameOutput
    ) {
      let scale = row.pointScale
      func points(_ units: Int, _ style: XLSXStream.Style) {
        if scale == 1 || units % scale == 0 {
          Frame.number(units / scale, style, into: &bytes)
        } else {
          Frame.open(style, into: &bytes)
          bytes.append(text: PointScale.text(units, scale: scale))
          Frame.put("</v></c>", into: &bytes)
        }
      }
      func piece(_ range: Range<Int>) {
        bytes.append(bytes: UnsafeBufferPointer(rebasing: pieces[range]))
      }
      Frame.text(row.code, .code, into: &bytes)
      Frame.text(row.name, .text, into: &bytes)
      if row.district.isEmpty {
        Frame.empty(.text, into: &bytes)
      } else {
        Frame.text(row.district, .text, into: &bytes)
      }
      Frame.text(row.province, .text, into: &bytes)
      if let known = categories.firstIndex(where: {
        UnsafeBufferPointer(rebasing: ids[$0.id]).elementsEqual(category)
      }) {
        piece(categories[known].cell)
      } else {
        Frame.text(category, .text, into: &bytes)
      }
      Frame.number(row.year, .number, into: &bytes)
      let score = row.score
      points(score.total, .total)
      points(score.threshold, .number)
      piece(verdicts[Frame.statusCode(score.status)])
      for units in criteria {
        if units == PlannedScore.notVerifiable {
          Frame.empty(.number, into: &bytes)
        } else {
          points(units, .number)
        }
      }
      if let best = score.bestTotal {
        points(best, .number)
      } else {
        Frame.empty(.number, into: &bytes)
      }
      if let worst = score.worstTotal {
        points(worst, .number)
      } else {
        Frame.empty(.number, into: &bytes)
      }
      if withReview {
        // The plan scores only communes no council reviewed: not reviewed, no own result.
        piece(reviewedNo)
        Frame.empty(.number, into: &bytes)
        Frame.empty(.number, into: &bytes)
      }
    }
  }

  /// Reading and writing the pieces of a frame.
  enum Frame {
    static let header = 5 + 2 * 5

    /// One cell's XML, as `XLSXStream.rowXML` writes it.
    static func cell(_ cell: XLSXStream.Cell) -> [UInt8] {
      var row: [UInt8] = []
      XLSXStream.rowXML([cell], into: &row)
      return Array(row[5..<(row.count - 6)])
    }

    /// Appends a literal's bytes: nothing allocated, no reference counted.
    @inline(__always) static func put(_ text: StaticString, into bytes: inout some FrameOutput) {
      bytes.append(
        bytes: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    static func statusCode(_ status: AssessmentStatus) -> Int {
      switch status {
      case .recognized: 0
      case .notRecognized: 1
      case .incomplete: 2
      }
    }

    static let statuses: [AssessmentStatus] = [.recognized, .notRecognized, .incomplete]

    static func putLength(_ count: Int, into bytes: inout some FrameOutput) {
      bytes.append(UInt8(truncatingIfNeeded: count))
      bytes.append(UInt8(truncatingIfNeeded: count >> 8))
    }

    static func open(_ style: XLSXStream.Style, into bytes: inout some FrameOutput) {
      put("<c s=\"", into: &bytes)
      integer(style.rawValue, into: &bytes)
      put("\"><v>", into: &bytes)
    }

    static func number(_ value: Int, _ style: XLSXStream.Style, into bytes: inout some FrameOutput)
    {
      open(style, into: &bytes)
      integer(value, into: &bytes)
      put("</v></c>", into: &bytes)
    }

    static func empty(_ style: XLSXStream.Style, into bytes: inout some FrameOutput) {
      put("<c s=\"", into: &bytes)
      integer(style.rawValue, into: &bytes)
      put("\"/>", into: &bytes)
    }

    /// A text cell, escaped as `MarkupText.escape` escapes it.
    static func text(
      _ utf8: UnsafeBufferPointer<UInt8>, _ style: XLSXStream.Style,
      into bytes: inout some FrameOutput
    ) {
      put("<c s=\"", into: &bytes)
      integer(style.rawValue, into: &bytes)
      put("\" t=\"inlineStr\"><is>", into: &bytes)
      if XLSXStream.needsPreserve(utf8) {
        put("<t xml:space=\"preserve\">", into: &bytes)
      } else {
        put("<t>", into: &bytes)
      }
      if needsEscaping(utf8) {
        bytes.append(text: MarkupText.escape(String(decoding: utf8, as: UTF8.self)))
      } else {
        bytes.append(bytes: utf8)
      }
      put("</t></is></c>", into: &bytes)
    }

    /// Whether `MarkupText.escape` could change these UTF-8 bytes: a markup character, a
    /// carriage return, a C0 control other than tab and line feed, DEL, a C1 control
    /// (`C2 80`…`C2 9F`) or U+FFFE, U+FFFF (`EF BF BE`, `EF BF BF`).
    static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
      var index = 0
      while index < utf8.count {
        let byte = utf8[index]
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x0D, 0x7F: return true
        case 0x09, 0x0A: break
        case 0..<0x20: return true
        case 0xC2:
          if index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) { return true }
        case 0xEF:
          if index + 2 < utf8.count, utf8[index + 1] == 0xBF, utf8[index + 2] >= 0xBE {
            return true
          }
        default: break
        }
        index += 1
      }
      return false
    }

    /// A whole number in decimal, as `String(value)` writes it.
    static func integer(_ value: Int, into bytes: inout some FrameOutput) {
      let zero = UInt8(ascii: "0")
      // Most figures of a row (points, a year) have one to four digits.
      switch value {
      case 0..<10:
        bytes.append(zero + UInt8(value))
        return
      case 10..<100:
        bytes.append(zero + UInt8(value / 10))
        bytes.append(zero + UInt8(value % 10))
        return
      case 100..<1000:
        bytes.append(zero + UInt8(value / 100))
        bytes.append(zero + UInt8(value / 10 % 10))
        bytes.append(zero + UInt8(value % 10))
        return
      default: break
      }
      if value < 0 { bytes.append(UInt8(ascii: "-")) }
      var magnitude = value.magnitude
      var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
      var count = 0
      withUnsafeMutableBytes(of: &digits) { buffer in
        let digits = buffer.bindMemory(to: UInt8.self)
        repeat {
          digits[23 - count] = zero + UInt8(magnitude % 10)
          magnitude /= 10
          count += 1
        } while magnitude > 0
        bytes.append(bytes: UnsafeBufferPointer(rebasing: digits[(24 - count)...]))
      }
    }

    static func load16(_ frame: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int {
      Int(frame[at]) | Int(frame[at + 1]) << 8
    }

    static func load32(_ frame: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int {
      load16(frame, at) | load16(frame, at + 2) << 16
    }
  }
}

/// Counts by a key of bytes, without making a text or an array for each row: the summary's
/// districts of planned rows, keyed by province and district as read.
struct ByteKeyedCounts {
  /// Every key's bytes, back to back.
  var keys: [UInt8] = []
  var spans: [Range<Int>] = []
  var counts: [BatchWorkbook.Counts] = []
  /// Open addressing over `spans`' indices (-1: free), a power of two long.
  var table = [Int32](repeating: -1, count: 64)

  /// Counts `status` under the key made of `first` (with its length) and `second`.
  mutating func add(
    _ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>,
    _ status: AssessmentStatus
  ) {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    @inline(__always) func mix(_ byte: UInt8) {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    mix(UInt8(truncatingIfNeeded: first.count))
    mix(UInt8(truncatingIfNeeded: first.count >> 8))
    for byte in first { mix(byte) }
    for byte in second { mix(byte) }
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    let found: Int? = keys.withUnsafeBufferPointer { keys in
      while true {
        let index = Int(table[slot])
        if index < 0 { return nil }
        let span = spans[index]
        let split = span.lowerBound + 2 + first.count
        if span.count == 2 + first.count + second.count,
          keys[span.lowerBound] == UInt8(truncatingIfNeeded: first.count),
          keys[span.lowerBound + 1] == UInt8(truncatingIfNeeded: first.count >> 8),
          UnsafeBufferPointer(rebasing: keys[(span.lowerBound + 2)..<split]).elementsEqual(first),
          UnsafeBufferPointer(rebasing: keys[split..<span.upperBound]).elementsEqual(second)
        {
          return index
        }
        slot = (slot + 1) & mask
      }
    }
    if let found {
      counts[found].add(status)
      return
    }
    let start = keys.count
    keys.append(UInt8(truncatingIfNeeded: first.count))
    keys.append(UInt8(truncatingIfNeeded: first.count >> 8))
    keys.append(contentsOf: first)
    keys.append(contentsOf: second)
    spans.append(start..<keys.count)
    var added = BatchWorkbook.Counts()
    added.add(status)
    counts.append(added)
    table[slot] = Int32(spans.count - 1)
    if spans.count * 2 > table.count { grow() }
  }

  mutating func grow() {
    table = [Int32](repeating: -1, count: table.count * 2)
    let mask = table.count - 1
    for index in spans.indices {
      let span = spans[index]
      var hash: UInt64 = 0xCBF2_9CE4_8422_2325
      for byte in keys[span] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while table[slot] >= 0 { slot = (slot + 1) & mask }
      table[slot] = Int32(index)
    }
  }

  /// Each key's two parts, as texts, with its counts.
  func entries() -> [(first: String, second: String, counts: BatchWorkbook.Counts)] {
    spans.indices.map { index in
      let span = spans[index]
      let length = Int(keys[span.lowerBound]) | Int(keys[span.lowerBound + 1]) << 8
      let split = span.lowerBound + 2 + length
      return (
        String(decoding: keys[(span.lowerBound + 2)..<split], as: UTF8.self),
        String(decoding: keys[split..<span.upperBound], as: UTF8.self), counts[index]
      )
    }
  }
}

extension BatchWorkbook.Counts {
  /// Adds `other`'s counts.
  mutating func merge(_ other: Self) {
    recognized += other.recognized
    notRecognized += other.notRecognized
    incomplete += other.incomplete
  }
}

extension BatchWorkbook {
  /// A text cell of the list (format `.text`) made from UTF-8 bytes: what `XLSXStream.rowXML`
  /// writes for `.text(String(decoding: utf8, as: UTF8.self), .text)`.
  public static func plannedTextCell(
    _ utf8: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]
  ) {
    Frame.text(utf8, .text, into: &bytes)
  }

  /// A number cell of the list (format `.number`) as the planned rows write it: what
  /// `XLSXStream.rowXML` writes for `.number(value, .number)`.
  public static func plannedNumberCell(_ value: Int, into bytes: inout [UInt8]) {
    Frame.number(value, .number, into: &bytes)
  }
}
