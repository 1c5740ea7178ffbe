import CommuneScoring

/// The certification list (HTML and Word) for communes the compiled plan scored.
///
/// A worker writes each such commune as a **frame**: what `BatchEntry` holds of it, in bytes,
/// so the list's writers read the batch from the plan's rows instead of from the general
/// path's, which hold a whole record and score per commune in flight. The serial end reads
/// the frames back in input order into the same entries the general path makes
/// (`PlannedListTests` compares whole documents).
///
/// A frame, integers little-endian:
///
///     u32 length of the whole frame
///     u8  status (0 recognised, 1 not recognised, 2 incomplete)
///     u8  which of best and worst totals are present (bit 0, bit 1)
///     u16 number of criteria
///     u32 ×5 lengths of the code, name, district, province and category id
///     i64 year, total, threshold, best total, worst total
///     i64 per criterion (`PlannedScore.notVerifiable` when not verifiable)
///     the five texts' UTF-8 bytes, as read
enum PlannedListFrame {
  static let header = 4 + 1 + 1 + 2 + 4 * 5 + 8 * 5
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
    put(score.points.count, 2, &bytes)
    put(row.code.count, 4, &bytes)
    put(row.name.count, 4, &bytes)
    put(row.district.count, 4, &bytes)
    put(row.province.count, 4, &bytes)
    put(row.category.count, 4, &bytes)
    put(row.year, 8, &bytes)
    put(score.total, 8, &bytes)
    put(score.threshold, 8, &bytes)
    put(score.bestTotal ?? 0, 8, &bytes)
    put(score.worstTotal ?? 0, 8, &bytes)
    for points in score.points { put(points, 8, &bytes) }
    bytes.append(contentsOf: row.code)
    bytes.append(contentsOf: row.name)
    bytes.append(contentsOf: row.district)
    bytes.append(contentsOf: row.province)
    bytes += row.category
    let length = bytes.count - start
    for index in 0..<4 { bytes[start + index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
  }

  static func put(_ value: Int, _ width: Int, _ bytes: inout [UInt8]) {
    for shift in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * shift))) }
  }

  static func load(_ frame: UnsafeBufferPointer<UInt8>, _ at: Int, _ width: Int) -> Int {
    var value: UInt64 = 0
    for index in 0..<width { value |= UInt64(frame[at + index]) << (8 * index) }
    // Eight bytes are a signed whole number; fewer are a length.
    return width == 8 ? Int(Int64(bitPattern: value)) : Int(value)
  }

  /// Calls `body` with the entry of every frame of `frames`, in order.
  static func forEachEntry(_ frames: ArraySlice<UInt8>, _ body: (BatchEntry) -> Void) {
    frames.withUnsafeBufferPointer { frames in
      var at = 0
      while at + header <= frames.count {
        let frame = UnsafeBufferPointer(rebasing: frames[at..<(at + load(frames, at, 4))])
        at += frame.count
        body(entry(frame))
      }
    }
  }

  /// The entry the general path makes of the same commune.
  static func entry(_ frame: UnsafeBufferPointer<UInt8>) -> BatchEntry {
    let totals = frame[5]
    let criteria = load(frame, 6, 2)
    let points = (0..<criteria).map { index -> Int? in
      let units = load(frame, header + 8 * index, 8)
      return units == PlannedScore.notVerifiable ? nil : units
    }
    var at = header + 8 * criteria
    /// The next text, whose length is the `field`th.
    func text(_ field: Int) -> String {
      let length = load(frame, 8 + 4 * field, 4)
      defer { at += length }
      return String(
        decoding: UnsafeBufferPointer(rebasing: frame[at..<(at + length)]), as: UTF8.self)
    }
    let code = text(0)
    let name = text(1)
    let district = text(2)
    let province = text(3)
    let category = text(4)
    func value(_ index: Int) -> Int { load(frame, 28 + 8 * index, 8) }
    return BatchEntry(
      code: code, name: name, district: district.isEmpty ? nil : district, province: province,
      category: category, year: value(0), total: value(1), threshold: value(2),
      status: statuses[Int(frame[4])], criteria: points, reviewed: false,
      bestTotal: totals & 1 != 0 ? value(3) : nil, worstTotal: totals & 2 != 0 ? value(4) : nil)
  }
}
