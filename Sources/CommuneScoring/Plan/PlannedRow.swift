/// One commune the compiled plan scored straight from its CSV or JSON bytes, as the batch engine
/// hands it to a writer's planned formatter on a worker thread.
///
/// Its text cells are bytes of the input, valid only during the formatter's call; they hold
/// exactly the text the general path would have made of them: UTF-8 (for CSV, trimmed and
/// NFC; JSON texts are kept as written, only without escapes).
public struct PlannedRow {
  /// The line where the record starts in its source (1-based).
  public var line: Int
  /// The commune code, as written (already in the rulebook's shape).
  public var code: UnsafeBufferPointer<UInt8>
  public var name: UnsafeBufferPointer<UInt8>
  /// Empty when the record names no district.
  public var district: UnsafeBufferPointer<UInt8>
  public var province: UnsafeBufferPointer<UInt8>
  /// The id of the commune's category (a category's name in the input is resolved to it).
  public var category: UnsafeBufferPointer<UInt8>
  public var year: Int
  public var score: Score
  /// Units per point of the rulebook that scored the row (`CSVRowBuilder.points`).
  public var pointScale: Int
  /// The figures the plan scored, one slot per field of the rulebook in field order
  /// (`ScoringPlan.missing` when missing), valid only during the formatter's call: a writer
  /// that explains each indicator (`--format jsonl`) traces them (`ScoringPlan.trace`).
  public var figures: UnsafeBufferPointer<Int>
}

extension PlannedRow {
  /// The row's `PlannedScore`, its points borrowed for the formatter's call: a row is handed
  /// to the formatter without copying (and counting references to) any array.
  public struct Score {
    /// Each criterion's points in rulebook order (`PlannedScore.notVerifiable` when not
    /// verifiable).
    public var points: UnsafeBufferPointer<Int>
    public var total: Int
    public var threshold: Int
    public var status: AssessmentStatus
    public var bestTotal: Int?
    public var worstTotal: Int?

    /// `score`'s figures, with `points` its points.
    public init(_ score: PlannedScore, points: UnsafeBufferPointer<Int>) {
      self.points = points
      total = score.total
      threshold = score.threshold
      status = score.status
      bestTotal = score.bestTotal
      worstTotal = score.worstTotal
    }
  }
}

/// Each category's id as bytes, by the category's index in the rulebook, in one buffer that
/// lives as long as the plan: rows borrow them without counting references.
final class PlannedCategoryIDs: @unchecked Sendable {
  // Immutable after `init`; the buffer is freed with the object.
  private let storage: UnsafeMutableBufferPointer<UInt8>
  private let ids: [UnsafeBufferPointer<UInt8>]

  init(_ rulebook: Rulebook) {
    let all = rulebook.categories.flatMap { Array($0.id.utf8) }
    storage = .allocate(capacity: max(all.count, 1))
    _ = storage.initialize(from: all)
    var ids: [UnsafeBufferPointer<UInt8>] = []
    var start = 0
    for category in rulebook.categories {
      let count = category.id.utf8.count
      ids.append(UnsafeBufferPointer(rebasing: storage[start..<(start + count)]))
      start += count
    }
    self.ids = ids
  }

  deinit { storage.deallocate() }

  subscript(index: Int) -> UnsafeBufferPointer<UInt8> { ids[index] }
}

extension BatchEngine {
  /// Formats one row the compiled plan scored, on a worker thread, by appending bytes (or
  /// nothing). It must write exactly what the writer's `Formatter` writes for the same commune
  /// scored by the general path: the differential tests compare the two.
  public typealias PlannedFormatter = @Sendable (PlannedRow, inout [UInt8]) -> Void
}

/// What a compiled plan (`CSVRowPlan`, `JSONRecordPlan`) read of a record besides its figures:
/// where its texts are in the batch's bytes, its category's index, its year and its key.
struct PlannedCells {
  var code = 0..<0
  var name = 0..<0
  var district = 0..<0
  var province = 0..<0
  var category = 0
  var year = 0
  /// The commune code and year packed as `DuplicateIndex` packs them.
  var key: UInt64 = 0
}

extension GroupOutput {
  /// Formats the commune a plan read into `cells` (in `buffer`; `category` is its category's
  /// id) and scored into `score` (from `figures`), and records its row; false, with nothing written, for a commune the council
  /// reviewed, which the general path scores twice.
  @inline(__always)
  mutating func addPlanned(
    _ cells: PlannedCells, line: Int, in buffer: UnsafeBufferPointer<UInt8>,
    category: UnsafeBufferPointer<UInt8>, pointScale: Int, figures: [Int], score: PlannedScore,
    configuration: BatchEngine.Configuration, format: BatchEngine.PlannedFormatter
  ) -> Bool {
    func text(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(rebasing: buffer[range])
    }
    if let reviews = configuration.reviews,
      reviews.byCommune[
        ReviewCorrections.Key(
          code: String(decoding: text(cells.code), as: UTF8.self), year: cells.year)]
        != nil
    {
      return false
    }
    let start = bytes.count
    figures.withUnsafeBufferPointer { figures in
      score.points.withUnsafeBufferPointer { points in
        format(
          PlannedRow(
            line: line, code: text(cells.code), name: text(cells.name),
            district: text(cells.district), province: text(cells.province),
            category: category, year: cells.year,
            score: PlannedRow.Score(score, points: points), pointScale: pointScale,
            figures: figures), &bytes)
      }
    }
    rows.append(Entry(line: line, key: cells.key, start: start, end: bytes.count))
    return true
  }
}
