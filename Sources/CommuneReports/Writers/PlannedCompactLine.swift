import CommuneScoring

/// One `--format jsonl` line for a commune the compiled plan scored, written straight from the
/// plan's trace (`ScoringPlan.trace`) and the row's bytes: the same bytes as `CompactAssessment`
/// writes for the same commune scored by the general path (the differential tests compare them).
///
/// The commonest communes (every criterion verifiable, no gate fired, no minimum missed) are
/// written from the prepared templates alone; any other is evaluated again by `Evaluator` from
/// its figures and written by `CompactAssessment` itself, so its reasons have one source.
struct PlannedCompactLine: Sendable {
  /// Where an indicator of the trace sits in the rulebook, and the slots its rule reads.
  struct Indicator: Sendable {
    var criterion: Int
    var position: Int
    var inputs: [Int]
  }

  let prepared: CompactTemplates
  let plan: ScoringPlan
  /// By criterion: the position in the trace of its first indicator.
  let firstIndicator: [Int]
  /// By position in the trace.
  let indicators: [Indicator]
  let noCriterionAtZero: Bool
  /// `],"maxTotal":1000,"reasons":[`
  let maxTotal: [UInt8]
  /// `],"rulebook":{"id":…,"sha256":…},"status":`
  let rulebookAndStatus: [UInt8]
  /// The verdicts as JSON strings.
  let recognized: [UInt8]
  let notRecognized: [UInt8]

  /// The line writer of the rulebook of `prepared` compiled as `plan`; nil when some indicator
  /// of the plan has no prepared explanation (then every row takes the general path).
  init?(_ prepared: CompactTemplates, plan: ScoringPlan) {
    self.prepared = prepared
    self.plan = plan
    let rulebook = prepared.phrases.explainer.rulebook
    var firstIndicator: [Int] = []
    var indicators: [Indicator] = []
    for (criterionIndex, criterion) in rulebook.criteria.enumerated() {
      guard plan.firstIndicator(ofCriterion: criterionIndex) == indicators.count else {
        return nil
      }
      firstIndicator.append(indicators.count)
      for (position, indicator) in criterion.indicators.enumerated() {
        if case .general = prepared.phrases.phrases[criterionIndex][position] { return nil }
        indicators.append(
          Indicator(
            criterion: criterionIndex, position: position,
            inputs: indicator.rule.inputs.map(\.index)))
      }
    }
    guard plan.criterionCount == firstIndicator.count else { return nil }
    self.firstIndicator = firstIndicator
    self.indicators = indicators
    noCriterionAtZero = rulebook.recognition.noCriterionAtZero
    func quoted(_ text: String) -> [UInt8] {
      var bytes: [UInt8] = []
      JSONWriter.appendString(text, to: &bytes)
      return bytes
    }
    var maxTotal = Array(#"],"maxTotal":"#.utf8)
    CompactAssessment.appendPoints(
      rulebook.maxTotal, scale: rulebook.pointScale, rulebook, to: &maxTotal)
    self.maxTotal = maxTotal + Array(#","reasons":["#.utf8)
    rulebookAndStatus =
      Array(#"],"rulebook":{"id":"#.utf8) + quoted(rulebook.id) + Array(#","sha256":"#.utf8)
      + quoted(rulebook.sha256) + Array(#"},"status":"#.utf8)
    recognized = quoted(AssessmentStatus.recognized.rawValue)
    notRecognized = quoted(AssessmentStatus.notRecognized.rawValue)
  }

  /// Appends the line of `row` (without its line break).
  func append(_ row: PlannedRow, to out: inout [UInt8]) {
    var trace = PlannedTrace(plan)
    guard row.figures.count == plan.fieldCount, row.score.status != .incomplete,
      plan.trace(row.figures, into: &trace), isCommon(trace)
    else { return appendEvaluated(row, to: &out) }
    let start = out.count
    guard appendCommon(row, trace, to: &out) else {
      out.removeSubrange(start...)
      return appendEvaluated(row, to: &out)
    }
  }

  /// Whether the templates alone write the line: no criterion zeroed by a gate, and every
  /// minimum met (so the reasons are criteria at 0 and a total below the threshold).
  func isCommon(_ trace: PlannedTrace) -> Bool {
    for criterion in trace.criteria where criterion.firedGate != nil || !criterion.minimumsAtBest {
      return false
    }
    return true
  }

  /// The line of a complete commune from the templates; false when a phrase needs the
  /// general explainer (the caller then drops what was appended).
  func appendCommon(_ row: PlannedRow, _ trace: PlannedTrace, to out: inout [UInt8]) -> Bool {
    let phrases = prepared.phrases
    let rulebook = phrases.explainer.rulebook
    let scale = rulebook.pointScale
    out += #"{"commune":"#.utf8
    appendCommune(row, to: &out)
    out += #","criteria":["#.utf8
    for criterionIndex in trace.criteria.indices {
      if criterionIndex > 0 { out.append(UInt8(ascii: ",")) }
      let template = prepared.criteria[criterionIndex]
      out += template.head
      let first = firstIndicator[criterionIndex]
      for position in template.indicators.indices {
        let outcome = trace.indicators[first + position]
        let fixed = template.indicators[position]
        if position > 0 { out.append(UInt8(ascii: ",")) }
        out += CompactTemplates.explanationKey
        guard
          phrases.appendPrepared(
            criterion: criterionIndex, indicator: position,
            inputs: SlotInputs(figures: row.figures, slots: indicators[first + position].inputs),
            points: outcome.points, match: outcome.match, to: &out)
        else { return false }
        out += fixed.idAndMaximum
        appendOptionalPoints(outcome.points, scale: scale, rulebook, to: &out)
        out += fixed.provenance
        out += prepared.status[Self.status(outcome.points)]
      }
      let points = trace.criteria[criterionIndex].points
      out += template.maximum
      appendOptionalPoints(points, scale: scale, rulebook, to: &out)
      out += CompactTemplates.statusKey
      out += prepared.status[Self.status(points)]
    }
    out += maxTotal
    // The reasons, as `Evaluator.reasons` gives them for a complete commune without gates
    // fired or minimums missed: each criterion at 0, then a total below the threshold.
    var reasons = 0
    if noCriterionAtZero {
      for criterionIndex in trace.criteria.indices where trace.criteria[criterionIndex].points == 0
      {
        if reasons > 0 { out.append(UInt8(ascii: ",")) }
        reasons += 1
        prepared.appendReason(
          .criterionZero(criterion: rulebook.criteria[criterionIndex].id, gate: nil),
          category: "", to: &out)
      }
    }
    let score = row.score
    if score.total < score.threshold {
      if reasons > 0 { out.append(UInt8(ascii: ",")) }
      prepared.appendReason(
        .belowThreshold(total: score.total, threshold: score.threshold),
        category: String(decoding: row.category, as: UTF8.self), to: &out)
    }
    out += rulebookAndStatus
    out += score.status == .recognized ? recognized : notRecognized
    out += #","threshold":"#.utf8
    CompactAssessment.appendPoints(score.threshold, scale: scale, rulebook, to: &out)
    out += #","total":"#.utf8
    CompactAssessment.appendPoints(score.total, scale: scale, rulebook, to: &out)
    out += #","year":"#.utf8
    CompactAssessment.appendPlain(row.year, to: &out)
    out.append(UInt8(ascii: "}"))
    return true
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

  func appendOptionalPoints(
    _ units: Int?, scale: Int, _ rulebook: Rulebook, to out: inout [UInt8]
  ) {
    if let units {
      CompactAssessment.appendPoints(units, scale: scale, rulebook, to: &out)
    } else {
      out += "null".utf8
    }
  }

  /// `ScoreStatus` of points (nil: not verifiable), as the evaluator gives it.
  @inline(__always)
  static func status(_ points: Int?) -> ScoreStatus {
    guard let points else { return .notVerifiable }
    return points > 0 ? .met : .zero
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
