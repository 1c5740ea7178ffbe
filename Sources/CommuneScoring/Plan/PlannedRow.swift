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
  public var category: [UInt8]
  public var year: Int
  public var score: PlannedScore
  /// Units per point of the rulebook that scored the row (`CSVRowBuilder.points`).
  public var pointScale: Int
  /// The figures the plan scored, one slot per field of the rulebook in field order
  /// (`ScoringPlan.missing` when missing), valid only during the formatter's call: a writer
  /// that explains each indicator (`--format jsonl`) traces them (`ScoringPlan.trace`).
  public var figures: UnsafeBufferPointer<Int>
}

extension BatchEngine {
  /// Formats one row the compiled plan scored, on a worker thread, by appending bytes (or
  /// nothing). It must write exactly what the writer's `Formatter` writes for the same commune
  /// scored by the general path: the differential tests compare the two.
  public typealias PlannedFormatter = @Sendable (PlannedRow, inout [UInt8]) -> Void
}
