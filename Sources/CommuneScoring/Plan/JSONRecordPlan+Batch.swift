// The JSON record plan in the batch engine's workers: as `PlannedScratch` does for CSV rows,
// a record the plan is certain of is read, checked, scored and formatted from its bytes, with
// nothing allocated; any other record goes to the general path.

extension Worker {
  /// The compiled plan of a JSON source, and the writer's formatter for the records it scores.
  /// A class, as `FastPath` is: a worker uses it by reference for every record, where copying
  /// the plan's tables retained and released each of them (a fifth of a JSON Lines run).
  final class JSONFastPath: Sendable {
    let records: JSONRecordPlan
    let format: BatchEngine.PlannedFormatter

    init(records: JSONRecordPlan, format: @escaping BatchEngine.PlannedFormatter) {
      self.records = records
      self.format = format
    }
  }
}

extension BatchEngine {
  /// The JSON fast path of a source read by `decoder`, when the run has a plan and a planned
  /// formatter, and no output shows records' receipts (the plan does not hash their bytes).
  func jsonFastPath(_ decoder: RecordDecoder, planned: (ScoringPlan, PlannedFormatter)?)
    -> Worker.JSONFastPath?
  {
    guard let (plan, formatter) = planned, decoder.isJSON, !configuration.inputReceipts,
      let records = JSONRecordPlan(rulebook: decoder.rulebook, scoring: plan)
    else { return nil }
    return Worker.JSONFastPath(records: records, format: formatter)
  }
}

extension RecordDecoder {
  /// Whether the records are JSON (an array, JSON Lines or one record).
  var isJSON: Bool {
    if case .json = kind { return true }
    return false
  }
}

/// One worker's reusable buffers for the JSON fast path: nothing is allocated per record.
struct JSONPlannedScratch {
  var slots: [Int]
  var cells = JSONRecordPlan.Cells()
  var habits: JSONRecordPlan.Habits
  var score: PlannedScore
  var years = PlannedYears()

  init(_ fast: Worker.JSONFastPath?) {
    let fields = fast?.records.scoring.fieldCount ?? 0
    slots = Array(repeating: ScoringPlan.missing, count: fields)
    habits = JSONRecordPlan.Habits(fieldCount: fields)
    score = PlannedScore(criteria: fast?.records.scoring.criterionCount ?? 0)
  }

  /// Reads, checks, scores and formats `record` by the plan into `output`; false (and nothing
  /// written) when the general path must take it.
  mutating func score(
    _ record: RawRecord, in bytes: [UInt8], fast: Worker.JSONFastPath,
    configuration: BatchEngine.Configuration, into output: inout GroupOutput
  ) -> Bool {
    let plan = fast.records.scoring
    return bytes.withUnsafeBufferPointer { buffer in
      let read = slots.withUnsafeMutableBufferPointer { slots in
        fast.records.read(buffer, record.range, cells: &cells, slots: slots, habits: &habits)
      }
      guard read, years.contains(cells.year, configuration) else { return false }
      let category = cells.category
      let scored = slots.withUnsafeBufferPointer { slots in
        plan.isValid(slots) && plan.score(slots, category: category, into: &score)
      }
      guard scored else { return false }
      return output.addPlanned(
        cells, line: record.line, in: buffer,
        category: fast.records.categoryIDs[cells.category], pointScale: plan.pointScale,
        figures: slots, score: score, configuration: configuration, format: fast.format)
    }
  }
}
