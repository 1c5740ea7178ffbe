import CommuneScoring

/// `--format jsonl`: JSON Lines, one compact object per line, in input order, streamed.
///
/// - An assessed commune: the contract's keys of `cfc assess --format json` and nothing more
///   (no `pathToRecognition`, names, inputs or notes): `commune` (`code`, `name`, `district`,
///   `province`, `category`), `year`, `rulebook` (`id`, `sha256`), `total`, `maxTotal`,
///   `threshold`, `status`, `reasons`, `criteria` (each `id`, `points`, `maxPoints`, `status`,
///   `indicators`: `id`, `points`, `maxPoints`, `status`, `provenance`, `explanation`); when
///   `incomplete`, `bestTotal`, `worstTotal`, `verdictDecided` and `decidedVerdict`; when a
///   council reviewed it, `selfAssessed` (the same members for the commune's own figures) and
///   `adjustments` (`field`, `from`, `to`, `reason`, `pointsEffect`). Every value equals the one
///   `--format json` gives under the same key.
/// - A rejected record, where it was read: the same object as in `--format json`,
///   `{"errors":[…],"line":…,"source":…,"status":"rejected"}`.
/// - Last, the tally, as in `--format json`: `{"assessed":…,"read":…,"rejected":…,
///   "sources":[…],"status":"tally","unusedReviews":…}`.
///
/// Every line has a `status`, which tells the three apart. Keys are sorted as in every JSON
/// output. Explanations are written from fragments prepared once (`ExplanationPhrases`).
public struct JSONLinesBatchWriter: BatchWriter {
  let options: BatchWriterOptions
  let prepared: CompactTemplates

  public init(_ options: BatchWriterOptions) {
    self.options = options
    prepared = CompactTemplates(
      ExplanationPhrases(Explainer(rulebook: options.rulebook, language: options.language)))
  }

  public var formatter: BatchEngine.Formatter {
    let certifiedOnly = options.certifiedOnly
    let prepared = prepared
    let language = options.language
    return { row, bytes in
      guard !certifiedOnly || row.score.status == .recognized else { return }
      let rulebook = row.rulebook
      // A line is about 7 KB: make room for it at once (doubling, as appending would).
      if bytes.capacity - bytes.count < 8192 {
        bytes.reserveCapacity(max(2 * bytes.capacity, bytes.count + 8192))
      }
      if prepared.phrases.explainer.rulebook.isSameRulebook(rulebook) {
        CompactAssessment(prepared).append(row, to: &bytes)
      } else {
        // A row scored by another rulebook of a run across years: explained by `Explainer`.
        let other = CompactTemplates(
          ExplanationPhrases(Explainer(rulebook: rulebook, language: language), prepared: false))
        CompactAssessment(other).append(row, to: &bytes)
      }
      bytes.append(UInt8(ascii: "\n"))
    }
  }

  /// The same lines for communes the compiled plan scored, written from its trace
  /// (`PlannedCompactLine`); nil when the rulebook does not compile or has an indicator
  /// without prepared phrases.
  public var plannedFormatter: BatchEngine.PlannedFormatter? {
    guard let plan = ScoringPlan(options.rulebook),
      let line = PlannedCompactLine(prepared, plan: plan)
    else { return nil }
    let certifiedOnly = options.certifiedOnly
    return { row, bytes in
      guard !certifiedOnly || row.score.status == .recognized else { return }
      if bytes.capacity - bytes.count < 8192 {
        bytes.reserveCapacity(max(2 * bytes.capacity, bytes.count + 8192))
      }
      line.append(row, to: &bytes)
      bytes.append(UInt8(ascii: "\n"))
    }
  }

  /// Planned rows are written as they were formatted (the default `add(formatted:…)`).
  public var writesFormattedAsIs: Bool { true }

  public func begin(into output: inout [UInt8]) {}

  public func add(_ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]) {
    output += formatted
  }

  public func reject(_ rejection: BatchRejection, into output: inout [UInt8]) {
    guard !options.certifiedOnly else { return }
    JSONWriter.append(JSONBatchWriter.rejected(rejection, options.language), to: &output)
    output.append(UInt8(ascii: "\n"))
  }

  public func end(_ tally: BatchTally, into output: inout [UInt8]) {
    JSONWriter.append(JSONBatchWriter.tally(tally), to: &output)
    output.append(UInt8(ascii: "\n"))
  }
}

extension Rulebook {
  /// Whether `other` is the same rulebook (the same id, version and bytes).
  func isSameRulebook(_ other: Rulebook) -> Bool {
    sha256 == other.sha256 && id == other.id && version == other.version
  }
}

/// One assessed row as a compact JSON object, written straight into bytes (keys sorted).
struct CompactAssessment {
  let prepared: CompactTemplates
  let phrases: ExplanationPhrases
  let explainer: Explainer
  let rulebook: Rulebook

  init(_ prepared: CompactTemplates) {
    self.prepared = prepared
    phrases = prepared.phrases
    explainer = phrases.explainer
    rulebook = explainer.rulebook
  }

  func append(_ row: BatchRow, to out: inout [UInt8]) {
    let record = row.record
    let category = record.commune.category
    guard record.review != nil else {
      return appendUnreviewed(
        Evaluator.evaluate(record.evidence, category: category, rulebook: rulebook),
        category: category, year: record.year,
        commune: { appendCommune(record.commune, to: &$0) }, to: &out)
    }
    let assessment = Assessor.assess(record, rulebook: rulebook, withPath: false)
    let result = assessment.result
    let own = assessment.selfAssessed
    let adjustments = assessment.adjustments
    var object = CompactObject()
    out.append(UInt8(ascii: "{"))
    if own != nil {
      object.key("adjustments", &out)
      out.append(UInt8(ascii: "["))
      for (index, effect) in adjustments.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        append(effect, to: &out)
      }
      out.append(UInt8(ascii: "]"))
    }
    if let outlook = result.outlook {
      object.key("bestTotal", &out)
      appendPoints(outlook.bestTotal, to: &out)
    }
    object.key("commune", &out)
    appendCommune(record.commune, to: &out)
    appendEvaluationMiddle(result, category: category, object: &object, to: &out)
    appendRulebook(object: &object, to: &out)
    if let own {
      object.key("selfAssessed", &out)
      var inner = CompactObject()
      out.append(UInt8(ascii: "{"))
      if let outlook = own.outlook {
        inner.key("bestTotal", &out)
        appendPoints(outlook.bestTotal, to: &out)
      }
      appendEvaluationMiddle(own, category: category, object: &inner, to: &out)
      appendEvaluationTail(own, object: &inner, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    appendEvaluationTail(result, object: &object, to: &out)
    object.key("year", &out)
    appendPlain(record.year, to: &out)
    out.append(UInt8(ascii: "}"))
  }

  /// A commune no council reviewed, from its evaluation: `commune` writes its `commune` object.
  func appendUnreviewed(
    _ result: Evaluation, category: String, year: Int, commune: (inout [UInt8]) -> Void,
    to out: inout [UInt8]
  ) {
    var object = CompactObject()
    out.append(UInt8(ascii: "{"))
    if let outlook = result.outlook {
      object.key("bestTotal", &out)
      appendPoints(outlook.bestTotal, to: &out)
    }
    object.key("commune", &out)
    commune(&out)
    appendEvaluationMiddle(result, category: category, object: &object, to: &out)
    appendRulebook(object: &object, to: &out)
    appendEvaluationTail(result, object: &object, to: &out)
    object.key("year", &out)
    appendPlain(year, to: &out)
    out.append(UInt8(ascii: "}"))
  }

  /// `"rulebook":{"id":…,"sha256":…}`.
  func appendRulebook(object: inout CompactObject, to out: inout [UInt8]) {
    object.key("rulebook", &out)
    out += #"{"id":"#.utf8
    JSONWriter.appendString(rulebook.id, to: &out)
    out += #","sha256":"#.utf8
    JSONWriter.appendString(rulebook.sha256, to: &out)
    out.append(UInt8(ascii: "}"))
  }

  /// `criteria`, `decidedVerdict` (incomplete), `maxTotal`, `reasons`: the members between
  /// `commune` and `rulebook` in sorted order.
  func appendEvaluationMiddle(
    _ evaluation: Evaluation, category: String, object: inout CompactObject,
    to out: inout [UInt8]
  ) {
    object.key("criteria", &out)
    out.append(UInt8(ascii: "["))
    for (index, criterion) in evaluation.criteria.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      append(criterion, index: index, to: &out)
    }
    out.append(UInt8(ascii: "]"))
    if let outlook = evaluation.outlook {
      object.key("decidedVerdict", &out)
      if let decided = outlook.decided {
        JSONWriter.appendString(decided.rawValue, to: &out)
      } else {
        out += "null".utf8
      }
    }
    object.key("maxTotal", &out)
    appendPoints(evaluation.maxTotal, to: &out)
    object.key("reasons", &out)
    out.append(UInt8(ascii: "["))
    for (index, reason) in evaluation.reasons.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      prepared.appendReason(reason, category: category, to: &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  /// `status`, `threshold`, `total`, and for an incomplete one `verdictDecided`, `worstTotal`.
  func appendEvaluationTail(
    _ evaluation: Evaluation, object: inout CompactObject, to out: inout [UInt8]
  ) {
    object.key("status", &out)
    JSONWriter.appendString(evaluation.status.rawValue, to: &out)
    object.key("threshold", &out)
    appendPoints(evaluation.threshold, to: &out)
    object.key("total", &out)
    appendPoints(evaluation.total, to: &out)
    if let outlook = evaluation.outlook {
      object.key("verdictDecided", &out)
      out += (outlook.decided != nil ? "true" : "false").utf8
      object.key("worstTotal", &out)
      appendPoints(outlook.worstTotal, to: &out)
    }
  }

  func appendCommune(_ commune: CommuneIdentity, to out: inout [UInt8]) {
    out += #"{"category":"#.utf8
    JSONWriter.appendString(commune.category, to: &out)
    out += #","code":"#.utf8
    JSONWriter.appendString(commune.code, to: &out)
    out += #","district":"#.utf8
    if let district = commune.district {
      JSONWriter.appendString(district, to: &out)
    } else {
      out += "null".utf8
    }
    out += #","name":"#.utf8
    JSONWriter.appendString(commune.name, to: &out)
    out += #","province":"#.utf8
    JSONWriter.appendString(commune.province, to: &out)
    out.append(UInt8(ascii: "}"))
  }

  func append(_ criterion: CriterionResult, index: Int, to out: inout [UInt8]) {
    let template = prepared.criteria[index]
    out += template.head
    for (position, indicator) in criterion.indicators.enumerated() {
      let fixed = template.indicators[indicator.index]
      if position > 0 { out.append(UInt8(ascii: ",")) }
      out += CompactTemplates.explanationKey
      phrases.appendJSON(indicator, criterion: index, to: &out)
      out += fixed.idAndMaximum
      appendOptionalPoints(indicator.points, to: &out)
      out += fixed.provenance
      out += prepared.status[indicator.status]
    }
    out += template.maximum
    appendOptionalPoints(criterion.points, to: &out)
    out += CompactTemplates.statusKey
    out += prepared.status[criterion.status]
  }

  func append(_ effect: AdjustmentEffect, to out: inout [UInt8]) {
    out += #"{"field":"#.utf8
    JSONWriter.appendString(effect.field, to: &out)
    out += #","from":"#.utf8
    appendFieldValue(effect.field, effect.from, to: &out)
    out += #","pointsEffect":"#.utf8
    appendPoints(effect.pointsEffect, to: &out)
    out += #","reason":"#.utf8
    JSONWriter.appendString(effect.reason, to: &out)
    out += #","to":"#.utf8
    appendFieldValue(effect.field, effect.to, to: &out)
    out.append(UInt8(ascii: "}"))
  }

  /// A flag as a JSON boolean, a count as an integer (as `JSONReport.fieldValue`).
  func appendFieldValue(_ field: String, _ value: Int?, to out: inout [UInt8]) {
    guard let value else {
      out += "null".utf8
      return
    }
    if rulebook.field(field)?.kind == .flag {
      out += (value != 0 ? "true" : "false").utf8
    } else {
      appendPlain(value, to: &out)
    }
  }

  /// Points as a JSON number, as `JSONReport.pts` writes them.
  func appendPoints(_ units: Int, to out: inout [UInt8]) {
    Self.appendPoints(units, scale: rulebook.pointScale, rulebook, to: &out)
  }

  static func appendPoints(_ units: Int, scale: Int, _ rulebook: Rulebook, to out: inout [UInt8]) {
    guard scale > 1 else { return appendPlain(units, to: &out) }
    if units % scale == 0 {
      appendPlain(units / scale, to: &out)
    } else {
      out += rulebook.pointsText(units).utf8
    }
  }

  func appendOptionalPoints(_ units: Int?, to out: inout [UInt8]) {
    if let units { appendPoints(units, to: &out) } else { out += "null".utf8 }
  }

  func appendPlain(_ value: Int, to out: inout [UInt8]) { Self.appendPlain(value, to: &out) }

  /// An integer's digits, without grouping.
  static func appendPlain(_ value: Int, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(value.magnitude, to: &out)
  }

  static func appendDigits(_ value: UInt, to out: inout [UInt8]) {
    if value >= 10 { appendDigits(value / 10, to: &out) }
    out.append(UInt8(ascii: "0") + UInt8(value % 10))
  }
}

/// Commas between the members of an object being written (the caller writes the braces).
struct CompactObject {
  var first = true

  mutating func key(_ name: StaticString, _ out: inout [UInt8]) {
    if !first { out.append(UInt8(ascii: ",")) }
    first = false
    out.append(UInt8(ascii: "\""))
    out.append(
      contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    out += "\":".utf8
  }
}
