import CommuneScoring

/// The certification list (HTML and Word) for communes the compiled plan scored.
///
/// A worker writes each such commune as a **frame**: what `BatchEntry` holds of it, in bytes,
/// so the list's writers read the batch from the plan's rows instead of from the general
/// path's, which hold a whole record and score per commune in flight. The serial end reads
/// the frames back in input order into the same entries the general path makes
/// (`PlannedListTests` compares whole documents).
///
/// A frame, about 90 bytes for a generated commune; numbers after the first two bytes are
/// LEB128 variable-length unsigned integers, signed ones zigzag-coded (2n for n ≥ 0, −2n − 1
/// below):
///
///     u32 (little-endian) length of the whole frame
///     u8  status (0 recognised, 1 not recognised, 2 incomplete)
///     u8  which of best and worst totals are present (bit 0, bit 1)
///     number of criteria; lengths of the code, name, district, province and category id
///     year, total, threshold (signed); best and worst totals (signed) when present
///     per criterion: 0 when not verifiable, otherwise its points (signed) plus one
///     the five texts' UTF-8 bytes, as read
enum PlannedListFrame {
  static let statuses: [AssessmentStatus] = [.recognized, .notRecognized, .incomplete]

  /// Appends the frame of `row` to `bytes`.
  static func append(_ row: PlannedRow, to bytes: inout [UInt8]) {
    let score = row.score
    let start = bytes.count
    let status: UInt8 =
      switch score.status {
      case .recognized: 0
      case .notRecognized: 1
      case .incomplete: 2
      }
    let totals: UInt8 = (score.bestTotal == nil ? 0 : 1) | (score.worstTotal == nil ? 0 : 2)
    bytes.append(contentsOf: [0, 0, 0, 0, status, totals])
    put(UInt64(score.points.count), &bytes)
    put(UInt64(row.code.count), &bytes)
    put(UInt64(row.name.count), &bytes)
    put(UInt64(row.district.count), &bytes)
    put(UInt64(row.province.count), &bytes)
    put(UInt64(row.category.count), &bytes)
    put(zigzag(row.year), &bytes)
    put(zigzag(score.total), &bytes)
    put(zigzag(score.threshold), &bytes)
    if let best = score.bestTotal { put(zigzag(best), &bytes) }
    if let worst = score.worstTotal { put(zigzag(worst), &bytes) }
    for points in score.points {
      // Int.min is the one value whose zigzag code is UInt64.max, and it is `notVerifiable`.
      put(points == PlannedScore.notVerifiable ? 0 : zigzag(points) + 1, &bytes)
    }
    bytes.append(contentsOf: row.code)
    bytes.append(contentsOf: row.name)
    bytes.append(contentsOf: row.district)
    bytes.append(contentsOf: row.province)
    bytes += row.category
    let length = bytes.count - start
    for index in 0..<4 { bytes[start + index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
  }

  static func zigzag(_ value: Int) -> UInt64 {
    let wide = Int64(value)
    return UInt64(bitPattern: (wide << 1) ^ (wide >> 63))
  }

  static func unzigzag(_ code: UInt64) -> Int {
    Int(Int64(bitPattern: code >> 1) ^ -Int64(bitPattern: code & 1))
  }

  /// Appends `value` as a LEB128 variable-length unsigned integer, as the certified list's
  /// byte store writes its numbers.
  @inline(__always)
  static func put(_ value: UInt64, _ bytes: inout [UInt8]) { CertifiedList.put(value, &bytes) }

  /// Calls `body` with the entry of every frame of `frames`, in order.
  static func forEachEntry(_ frames: ArraySlice<UInt8>, _ body: (BatchEntry) -> Void) {
    frames.withUnsafeBufferPointer { frames in
      var at = 0
      while at + 6 <= frames.count {
        var length = 0
        for index in 0..<4 { length |= Int(frames[at + index]) << (8 * index) }
        let frame = UnsafeBufferPointer(rebasing: frames[at..<(at + length)])
        at += length
        body(entry(frame))
      }
    }
  }

  /// The entry the general path makes of the same commune.
  static func entry(_ frame: UnsafeBufferPointer<UInt8>) -> BatchEntry {
    var at = 6
    func number() -> UInt64 {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        let byte = frame[at]
        at += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return value }
        shift += 7
      }
    }
    let totals = frame[5]
    let criteria = Int(number())
    let lengths = (Int(number()), Int(number()), Int(number()), Int(number()), Int(number()))
    let year = unzigzag(number())
    let total = unzigzag(number())
    let threshold = unzigzag(number())
    let best = totals & 1 != 0 ? unzigzag(number()) : nil
    let worst = totals & 2 != 0 ? unzigzag(number()) : nil
    let points = (0..<criteria).map { _ -> Int? in
      let code = number()
      return code == 0 ? nil : unzigzag(code - 1)
    }
    func text(_ length: Int) -> String {
      defer { at += length }
      return String(
        decoding: UnsafeBufferPointer(rebasing: frame[at..<(at + length)]), as: UTF8.self)
    }
    let code = text(lengths.0)
    let name = text(lengths.1)
    let district = text(lengths.2)
    let province = text(lengths.3)
    let category = text(lengths.4)
    return BatchEntry(
      code: code, name: name, district: district.isEmpty ? nil : district, province: province,
      category: category, year: year, total: total, threshold: threshold,
      status: statuses[Int(frame[4])], criteria: points, reviewed: false, bestTotal: best,
      worstTotal: worst)
  }
}
