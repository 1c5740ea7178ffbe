import CommuneScoring

extension BatchCSVReport {
  /// Appends the row of a commune the compiled plan scored: the same cells as `append` writes
  /// for the same commune scored by the general path (the differential tests compare them),
  /// written into a buffer on the stack and appended at once.
  public static func append(planned row: PlannedRow, withReview: Bool, to bytes: inout [UInt8]) {
    let text =
      row.code.count + row.name.count + row.district.count + row.province.count
      + row.category.count
    // Quoting at most doubles a text and adds two quotes; a number takes at most 21 bytes.
    let capacity = 2 * text + 10 + 24 * (row.score.points.count + 12)
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      var cursor = PlannedCSVCursor(buffer)
      cursor.text(row.code)
      cursor.text(row.name)
      cursor.text(row.district)
      cursor.text(row.province)
      cursor.text(row.category)
      let scale = row.pointScale
      cursor.points(row.year, scale: 1)
      let score = row.score
      cursor.points(score.total, scale: scale)
      cursor.points(score.threshold, scale: scale)
      cursor.status(score.status)
      for points in score.points {
        cursor.points(points == PlannedScore.notVerifiable ? nil : points, scale: scale)
      }
      cursor.points(score.bestTotal, scale: scale)
      cursor.points(score.worstTotal, scale: scale)
      if withReview {
        // The plan scores only communes no council reviewed: "no", no own total, no status.
        cursor.raw(",no,,")
      }
      cursor.raw("\r\n")
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<cursor.count]))
    }
  }
}

/// Writes one planned row's fields into a buffer, as `CSVRowBuilder` writes them: a comma
/// before every field but the first, text quoted when `CSVWriter.needsQuotes` says, numbers
/// as `CSVRowBuilder.points` writes them.
struct PlannedCSVCursor {
  let buffer: UnsafeMutableBufferPointer<UInt8>
  var count = 0
  var first = true

  init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

  @inline(__always)
  mutating func put(_ byte: UInt8) {
    buffer[count] = byte
    count += 1
  }

  @inline(__always)
  mutating func separator() {
    if !first { put(UInt8(ascii: ",")) }
    first = false
  }

  mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
    separator()
    guard CSVWriter.needsQuotes(utf8) else { return copy(utf8) }
    put(UInt8(ascii: "\""))
    for byte in utf8 {
      if byte == UInt8(ascii: "\"") { put(byte) }
      put(byte)
    }
    put(UInt8(ascii: "\""))
  }

  /// Copies bytes as they are, at once.
  @inline(__always)
  mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
    precondition(count + bytes.count <= buffer.count)
    (target + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  mutating func raw(_ text: StaticString) {
    copy(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  mutating func status(_ status: AssessmentStatus) {
    separator()
    switch status {
    case .recognized: raw("recognized")
    case .notRecognized: raw("not_recognized")
    case .incomplete: raw("incomplete")
    }
  }

  /// Points in units of `1/scale` (nil: an empty field).
  mutating func points(_ units: Int?, scale: Int) {
    separator()
    guard let units else { return }
    if scale > 1 {
      for byte in PointScale.text(units, scale: scale).utf8 { put(byte) }
      return
    }
    var magnitude = units.magnitude
    if units < 0 { put(UInt8(ascii: "-")) }
    let zero = UInt8(ascii: "0")
    if magnitude < 10_000 {
      if magnitude >= 1000 { put(zero + UInt8(magnitude / 1000)) }
      if magnitude >= 100 { put(zero + UInt8(magnitude / 100 % 10)) }
      if magnitude >= 10 { put(zero + UInt8(magnitude / 10 % 10)) }
      put(zero + UInt8(magnitude % 10))
      return
    }
    var divisor: UInt = 1
    while divisor <= magnitude / 10 { divisor *= 10 }
    repeat {
      put(zero + UInt8(magnitude / divisor))
      magnitude %= divisor
      divisor /= 10
    } while divisor > 0
  }
}
