import CommuneScoring

/// One `--format jsonl` line for a commune the compiled plan scored, written straight from the
/// plan's trace (`ScoringPlan.trace`) and the row's bytes: the same bytes as `CompactAssessment`
/// writes for the same commune scored by the general path (the differential tests compare them).
///
/// The commonest communes (every criterion verifiable, no minimum missed; gates fired or not) are
/// written from the prepared fragments alone, laid out flat (`CompactLineLayout`); any other is evaluated again by `Evaluator` from
/// its figures and written by `CompactAssessment` itself, so its reasons have one source.
struct PlannedCompactLine: Sendable {
  let prepared: CompactTemplates
  let plan: ScoringPlan
  /// The fixed bytes of a line, laid out flat.
  let layout: CompactLineLayout
  /// An empty trace, copied for each row: cheaper than making one (`PlannedTrace(plan)` looks
  /// up its arrays' type metadata every time).
  let emptyTrace: PlannedTrace

  /// The line writer of the rulebook of `prepared` compiled as `plan`; nil when some indicator
  /// of the plan has no prepared explanation (then every row takes the general path).
  init?(_ prepared: CompactTemplates, plan: ScoringPlan) {
    self.prepared = prepared
    self.plan = plan
    emptyTrace = PlannedTrace(plan)
    let rulebook = prepared.phrases.explainer.rulebook
    // The trace lists the indicators criterion after criterion, as the layout does.
    var count = 0
    for (criterionIndex, criterion) in rulebook.criteria.enumerated() {
      guard plan.firstIndicator(ofCriterion: criterionIndex) == count else { return nil }
      count += criterion.indicators.count
    }
    guard plan.criterionCount == rulebook.criteria.count else { return nil }
    func quoted(_ text: String) -> [UInt8] {
      var bytes: [UInt8] = []
      JSONWriter.appendString(text, to: &bytes)
      return bytes
    }
    var maxTotal = Array(#"],"maxTotal":"#.utf8)
    CompactAssessment.appendPoints(
      rulebook.maxTotal, scale: rulebook.pointScale, rulebook, to: &maxTotal)
    maxTotal += Array(#","reasons":["#.utf8)
    let rulebookAndStatus =
      Array(#"],"rulebook":{"id":"#.utf8) + quoted(rulebook.id) + Array(#","sha256":"#.utf8)
      + quoted(rulebook.sha256) + Array(#"},"status":"#.utf8)
    guard
      let layout = CompactLineLayout(
        prepared, maxTotal: maxTotal, rulebookAndStatus: rulebookAndStatus)
    else { return nil }
    self.layout = layout
  }

  /// Appends the line of `row` (without its line break).
  func append(_ row: PlannedRow, to out: inout [UInt8]) {
    var trace = emptyTrace
    guard row.figures.count == plan.fieldCount, row.score.status != .incomplete,
      plan.trace(row.figures, into: &trace), isCommon(trace)
    else { return appendEvaluated(row, to: &out) }
    let gateReasons = gateReasons(trace, row.figures)
    let cells = row.code.count + row.name.count + row.district.count + row.province.count
    let bound =
      layout.fixedBound + 6 * (cells + row.category.count)
      + gateReasons.reduce(0) { $0 + $1.text.count }
    let layout = layout
    let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { scratch in
      guard let base = scratch.baseAddress,
        let end = appendCommon(
          row, trace, gateReasons: gateReasons, layout: layout, into: base)
      else { return false }
      out.append(contentsOf: UnsafeBufferPointer(start: base, count: end))
      return true
    }
    if !written { appendEvaluated(row, to: &out) }
  }

  /// Whether the layout alone writes the line: every minimum met (so the reasons are criteria
  /// at 0, by a gate or not, and a total below the threshold).
  func isCommon(_ trace: PlannedTrace) -> Bool {
    for criterion in trace.criteria where !criterion.minimumsAtBest { return false }
    return true
  }

  /// The reasons of the criteria a gate zeroed (when the rulebook names criteria at 0), by
  /// criterion index: named with the gate's reading, in the explainer's words.
  func gateReasons(_ trace: PlannedTrace, _ figures: UnsafeBufferPointer<Int>)
    -> [(criterion: Int, text: [UInt8])]
  {
    var reasons: [(criterion: Int, text: [UInt8])] = []
    guard layout.noCriterionAtZero else { return reasons }
    for (index, criterion) in trace.criteria.enumerated() {
      guard let position = criterion.firedGate else { continue }
      reasons.append((index, gateReason(criterion: index, gate: position, figures)))
    }
    return reasons
  }

  /// The reason of the criterion at `criterionIndex` zeroed by its gate at `position`, as a JSON
  /// string: the gate's reading as `Evaluator` records it, worded by `Explainer.reason`.
  func gateReason(
    criterion criterionIndex: Int, gate position: Int, _ figures: UnsafeBufferPointer<Int>
  )
    -> [UInt8]
  {
    let explainer = prepared.phrases.explainer
    let criterion = explainer.rulebook.criteria[criterionIndex]
    let gate = criterion.gates[position]
    func value(_ field: FieldRef) -> Int? {
      let value = figures[field.index]
      return value == ScoringPlan.missing ? nil : value
    }
    let result = GateResult(
      id: gate.id, field: gate.field.id, value: value(gate.field), fired: true,
      inputs: gate.condition.inputs.map { FieldValue(field: $0.id, value: value($0)) })
    var bytes: [UInt8] = []
    JSONWriter.appendString(
      explainer.reason(.criterionZero(criterion: criterion.id, gate: result), category: ""),
      to: &bytes)
    return bytes
  }

  /// The line of a complete commune from the layout's fragments into `base` (at most
  /// `layout.fixedBound` bytes besides 6 a byte of its text cells): how many bytes it took, or
  /// nil when a phrase needs the general explainer.
  func appendCommon(
    _ row: PlannedRow, _ trace: PlannedTrace, gateReasons: [(criterion: Int, text: [UInt8])],
    layout: CompactLineLayout,
    into base: UnsafeMutablePointer<UInt8>
  ) -> Int? {
    layout.pool.withUnsafeBufferPointer { pool in
      layout.spans.withUnsafeBufferPointer { spans in
        layout.indicators.withUnsafeBufferPointer { indicators in
          layout.criteria.withUnsafeBufferPointer { criteria in
            trace.indicators.withUnsafeBufferPointer { outcomes in
              trace.criteria.withUnsafeBufferPointer { results in
                guard let start = pool.baseAddress else { return nil }
                var out = CompactLineWriter(pool: start, into: base, group: layout.group)
                let line = CompactLine(
                  layout: layout, spans: spans, indicators: indicators, criteria: criteria)
                guard
                  line.write(
                    row, outcomes: outcomes, results: results, gateReasons: gateReasons,
                    to: &out)
                else {
                  return nil
                }
                return out.at - base
              }
            }
          }
        }
      }
    }
  }

  /// Any other commune: evaluated from its figures with the full trace, as the general path
  /// evaluates it, and written by `CompactAssessment`.
  func appendEvaluated(_ row: PlannedRow, to out: inout [UInt8]) {
    let rulebook = prepared.phrases.explainer.rulebook
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    for index in row.figures.indices where index < rulebook.fields.count {
      let value = row.figures[index]
      if value != ScoringPlan.missing { values[index] = value }
    }
    let category = String(decoding: row.category, as: UTF8.self)
    CompactAssessment(prepared).appendUnreviewed(
      Evaluator.evaluate(values, category: category, rulebook: rulebook), category: category,
      year: row.year, commune: { appendCommune(row, to: &$0) }, to: &out)
  }

  /// The `commune` object, as `CompactAssessment.appendCommune` writes it (an empty district is
  /// a record without one).
  func appendCommune(_ row: PlannedRow, to out: inout [UInt8]) {
    out += #"{"category":"#.utf8
    Self.appendString(row.category, to: &out)
    out += #","code":"#.utf8
    Self.appendString(row.code, to: &out)
    out += #","district":"#.utf8
    if row.district.isEmpty {
      out += "null".utf8
    } else {
      Self.appendString(row.district, to: &out)
    }
    out += #","name":"#.utf8
    Self.appendString(row.name, to: &out)
    out += #","province":"#.utf8
    Self.appendString(row.province, to: &out)
    out.append(UInt8(ascii: "}"))
  }

  /// UTF-8 bytes as a JSON string literal, escaped as `JSONWriter.appendString` escapes text.
  static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var start = 0
    for index in bytes.indices {
      let byte = bytes[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        continue
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
      start = index + 1
      switch byte {
      case UInt8(ascii: "\""): out += #"\""#.utf8
      case UInt8(ascii: "\\"): out += #"\\"#.utf8
      case UInt8(ascii: "\n"): out += #"\n"#.utf8
      case UInt8(ascii: "\r"): out += #"\r"#.utf8
      case UInt8(ascii: "\t"): out += #"\t"#.utf8
      default:
        let hex = Array("0123456789abcdef".utf8)
        out += #"\u00"#.utf8
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      }
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    out.append(UInt8(ascii: "\""))
  }
}
