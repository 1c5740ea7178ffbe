import CommuneScoring

/// Writes bytes through a pointer into memory the caller sized in advance: nothing checks
/// capacity, so the caller's bound (`CompactLineLayout.fixedBound`) must hold.
struct CompactLineWriter {
  let pool: UnsafePointer<UInt8>
  let start: UnsafeMutablePointer<UInt8>
  var at: UnsafeMutablePointer<UInt8>
  /// Thousands separator of the language's integers.
  let group: UInt8

  init(pool: UnsafePointer<UInt8>, into start: UnsafeMutablePointer<UInt8>, group: UInt8) {
    self.pool = pool
    self.start = start
    at = start
    self.group = group
  }

  /// The bytes written so far.
  var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: at - start) }

  @inline(__always)
  mutating func put(_ span: CompactLineLayout.Span) {
    at.initialize(from: pool + span.start, count: span.count)
    at += span.count
  }

  @inline(__always)
  mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    at.initialize(from: base, count: bytes.count)
    at += bytes.count
  }

  @inline(__always)
  mutating func byte(_ value: UInt8) {
    at.initialize(to: value)
    at += 1
  }

  /// Text written as it is (a number with a scale, whose characters need no escaping).
  mutating func text(_ text: String) {
    var text = text
    text.withUTF8 { put($0) }
  }

  /// An integer's digits, without grouping (`CompactAssessment.appendPlain`).
  mutating func plain(_ value: Int) {
    if value < 0 { byte(UInt8(ascii: "-")) }
    var count = 1
    var rest = value.magnitude
    while rest >= 10 {
      rest /= 10
      count += 1
    }
    rest = value.magnitude
    var end = at + count
    repeat {
      end -= 1
      end.initialize(to: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10))
      rest /= 10
    } while rest != 0
    at += count
  }

  /// An integer with its thousands grouped (`ExplanationPhrases.appendInteger`).
  mutating func grouped(_ value: Int) {
    if value < 0 { byte(UInt8(ascii: "-")) }
    grouped(UInt64(value.magnitude))
  }

  mutating func grouped(_ value: UInt64) {
    var count = 1
    var rest = value
    while rest >= 10 {
      rest /= 10
      count += 1
    }
    let total = count + (count - 1) / 3
    rest = value
    var end = at + total
    var inGroup = 0
    repeat {
      if inGroup == 3 {
        end -= 1
        end.initialize(to: group)
        inGroup = 0
      }
      end -= 1
      end.initialize(to: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10))
      rest /= 10
      inGroup += 1
    } while rest != 0
    at += total
  }

  /// The same for a number past 64 bits (a ratio of a huge count): three digits at a time.
  mutating func grouped(_ value: UInt128) {
    guard value > UInt128(UInt64.max) else { return grouped(UInt64(value)) }
    grouped(value / 1000)
    byte(group)
    let low = Int(value % 1000)
    byte(UInt8(ascii: "0") &+ UInt8(low / 100))
    byte(UInt8(ascii: "0") &+ UInt8(low / 10 % 10))
    byte(UInt8(ascii: "0") &+ UInt8(low % 10))
  }

  /// UTF-8 bytes as a JSON string literal, escaped as `JSONWriter.appendString` escapes text
  /// (at most 6 bytes a byte).
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) {
    byte(UInt8(ascii: "\""))
    for value in bytes {
      guard value < 0x20 || value == UInt8(ascii: "\"") || value == UInt8(ascii: "\\") else {
        byte(value)
        continue
      }
      byte(UInt8(ascii: "\\"))
      switch value {
      case UInt8(ascii: "\""): byte(UInt8(ascii: "\""))
      case UInt8(ascii: "\\"): byte(UInt8(ascii: "\\"))
      case UInt8(ascii: "\n"): byte(UInt8(ascii: "n"))
      case UInt8(ascii: "\r"): byte(UInt8(ascii: "r"))
      case UInt8(ascii: "\t"): byte(UInt8(ascii: "t"))
      default:
        let hex: StaticString = "0123456789abcdef"
        byte(UInt8(ascii: "u"))
        byte(UInt8(ascii: "0"))
        byte(UInt8(ascii: "0"))
        byte(hex.utf8Start[Int(value >> 4)])
        byte(hex.utf8Start[Int(value & 0xF)])
      }
    }
    byte(UInt8(ascii: "\""))
  }
}

/// One common line (`PlannedCompactLine.isCommon`) written from a layout held through pointers:
/// the same bytes, in the same order, as `CompactAssessment` writes for the same commune.
struct CompactLine {
  let layout: CompactLineLayout
  let spans: UnsafeBufferPointer<CompactLineLayout.Span>
  let indicators: UnsafeBufferPointer<CompactLineLayout.Indicator>
  let criteria: UnsafeBufferPointer<CompactLineLayout.Criterion>

  /// False when a phrase needs the general explainer (what was written is then to be dropped).
  func write(
    _ row: PlannedRow, outcomes: UnsafeBufferPointer<PlannedTrace.Indicator>,
    results: UnsafeBufferPointer<PlannedTrace.Criterion>,
    gateReasons: [(criterion: Int, text: [UInt8])], to out: inout CompactLineWriter
  ) -> Bool {
    out.put(Self.literal(#"{"commune":{"category":"#))
    out.string(row.category)
    out.put(Self.literal(#","code":"#))
    out.string(row.code)
    out.put(Self.literal(#","district":"#))
    if row.district.isEmpty { out.put(layout.null) } else { out.string(row.district) }
    out.put(Self.literal(#","name":"#))
    out.string(row.name)
    out.put(Self.literal(#","province":"#))
    out.string(row.province)
    out.put(Self.literal(#"},"criteria":["#))
    for criterionIndex in criteria.indices {
      if criterionIndex > 0 { out.byte(UInt8(ascii: ",")) }
      let criterion = criteria[criterionIndex]
      out.put(criterion.head)
      for index in criterion.indicators {
        let indicator = indicators[index]
        let outcome = outcomes[index]
        if index > criterion.indicators.lowerBound { out.byte(UInt8(ascii: ",")) }
        out.put(layout.explanationKey)
        guard explain(indicator, outcome, figures: row.figures, to: &out) else { return false }
        out.put(indicator.idAndMaximum)
        optionalPoints(outcome.points, to: &out)
        out.put(indicator.provenance)
        out.put(status(outcome.points))
      }
      let points = results[criterionIndex].points
      out.put(criterion.maximum)
      optionalPoints(points, to: &out)
      out.put(layout.statusKey)
      out.put(status(points))
    }
    out.put(layout.maxTotal)
    // The reasons, as `Evaluator.reasons` gives them for a complete commune without minimums
    // missed: each criterion at 0 (with its gate's reading when a gate zeroed it), then a total
    // below the threshold.
    var reasons = 0
    if layout.noCriterionAtZero {
      for criterionIndex in criteria.indices where results[criterionIndex].points == 0 {
        if reasons > 0 { out.byte(UInt8(ascii: ",")) }
        reasons += 1
        if results[criterionIndex].firedGate != nil,
          let gate = gateReasons.first(where: { $0.criterion == criterionIndex })
        {
          gate.text.withUnsafeBufferPointer { out.put($0) }
        } else {
          out.put(criteria[criterionIndex].zero)
        }
      }
    }
    let score = row.score
    if score.total < score.threshold {
      // With points in fractions, `Explainer.reason` words it: the general path writes it.
      guard layout.pointScale == 1, let category = category(row.category) else { return false }
      if reasons > 0 { out.byte(UInt8(ascii: ",")) }
      out.put(layout.belowTotal)
      out.grouped(score.total)
      out.put(layout.belowThreshold)
      out.grouped(score.threshold)
      out.put(category.belowThreshold)
      out.grouped(score.threshold - score.total)
      out.put(layout.belowEnd)
    }
    out.put(layout.rulebookAndStatus)
    out.put(score.status == .recognized ? layout.recognized : layout.notRecognized)
    out.put(Self.literal(#","threshold":"#))
    points(score.threshold, to: &out)
    out.put(Self.literal(#","total":"#))
    points(score.total, to: &out)
    out.put(Self.literal(#","year":"#))
    out.plain(row.year)
    out.byte(UInt8(ascii: "}"))
    return true
  }

  /// An indicator's explanation as a JSON string, as `ExplanationPhrases.appendPrepared` writes
  /// it; false when only `Explainer.explain` can say it.
  func explain(
    _ indicator: CompactLineLayout.Indicator, _ outcome: PlannedTrace.Indicator,
    figures: UnsafeBufferPointer<Int>, to out: inout CompactLineWriter
  ) -> Bool {
    let first = figures[indicator.first]
    let second = indicator.inputCount > 1 ? figures[indicator.second] : 0
    let firstMissing = first == ScoringPlan.missing
    let secondMissing = second == ScoringPlan.missing
    if firstMissing || secondMissing {
      out.byte(UInt8(ascii: "\""))
      out.put(layout.missingHead)
      var labels = indicator.labels.makeIterator()
      let firstLabel = labels.next()
      let secondLabel = labels.next()
      if firstMissing, let firstLabel { out.put(spans[firstLabel]) }
      if secondMissing, let secondLabel {
        if firstMissing { out.put(Self.literal(", ")) }
        out.put(spans[secondLabel])
      }
      out.put(indicator.missingEnd)
      out.byte(UInt8(ascii: "\""))
      return true
    }
    let points = outcome.points
    switch indicator.kind {
    case .flag:
      guard let points else { return false }
      out.byte(UInt8(ascii: "\""))
      out.put(first != 0 ? indicator.head : indicator.other)
      pointsWithUnit(points, to: &out)
    case .countZero:
      guard let points else { return false }
      out.byte(UInt8(ascii: "\""))
      out.put(indicator.head)
      out.grouped(first)
      if first != 0 { out.put(indicator.other) }
      out.put(layout.arrow)
      pointsWithUnit(points, to: &out)
    case .rate:
      guard second == 0 || points != nil else { return false }
      out.byte(UInt8(ascii: "\""))
      out.put(indicator.head)
      out.grouped(first)
      out.byte(UInt8(ascii: "/"))
      out.grouped(second)
      if second == 0 {
        out.put(layout.noneWords)
        if let points {
          pointsWithUnit(points, to: &out)
        } else {
          out.put(layout.notVerifiableWords)
          out.put(layout.nothingToMeasure)
        }
      } else if let points {
        out.put(Self.literal(" = "))
        ratio(Int128(first) * Int128(indicator.scale), second, to: &out)
        out.put(indicator.other)
        if case .band(let index) = outcome.match, index < indicator.meets.count {
          out.put(spans[indicator.meets.lowerBound + index])
        } else {
          out.put(indicator.misses)
        }
        pointsWithUnit(points, to: &out)
      }
    }
    out.byte(UInt8(ascii: "\""))
    return true
  }

  /// `numerator / denominator` with at most two decimals, rounded half up, as
  /// `ExplanationPhrases.appendRatio` writes it (denominator > 0).
  func ratio(_ numerator: Int128, _ denominator: Int, to out: inout CompactLineWriter) {
    guard numerator >= 0, denominator > 0 else {
      // Not reached by counts; written by the general formatter.
      let text = ExplanationPhrases.escaped(Format.ratio(numerator, denominator, layout.language))
      return text.withUnsafeBufferPointer { out.put($0) }
    }
    let wide = Int128(denominator)
    var whole = numerator / wide
    var fraction = (numerator % wide * 200 + wide) / (wide * 2)
    if fraction >= 100 {
      fraction -= 100
      whole += 1
    }
    out.grouped(UInt128(whole))
    guard fraction != 0 else { return }
    out.byte(layout.decimal)
    out.byte(UInt8(ascii: "0") &+ UInt8(fraction / 10))
    if fraction % 10 != 0 { out.byte(UInt8(ascii: "0") &+ UInt8(fraction % 10)) }
  }

  /// Points with their unit, as `Wording.points` writes them.
  func pointsWithUnit(_ units: Int, to out: inout CompactLineWriter) {
    let scale = layout.pointScale
    if scale > 1 {
      out.text(Format.points(units, scale: scale, layout.language))
    } else {
      out.grouped(units)
    }
    out.put(units == scale ? layout.pointUnit : layout.pointsUnit)
  }

  /// Points as a JSON number (`CompactAssessment.appendPoints`).
  func points(_ units: Int, to out: inout CompactLineWriter) {
    let scale = layout.pointScale
    guard scale > 1 else { return out.plain(units) }
    if units % scale == 0 {
      out.plain(units / scale)
    } else {
      out.text(PointScale.text(units, scale: scale))
    }
  }

  func optionalPoints(_ units: Int?, to out: inout CompactLineWriter) {
    if let units { points(units, to: &out) } else { out.put(layout.null) }
  }

  /// The status word of points (nil: not verifiable), as the evaluator gives it, and the
  /// object's closing brace.
  func status(_ points: Int?) -> CompactLineLayout.Span {
    guard let points else { return layout.notVerifiable }
    return points > 0 ? layout.met : layout.zero
  }

  /// The category whose id is `id`.
  func category(_ id: UnsafeBufferPointer<UInt8>) -> CompactLineLayout.Category? {
    layout.categories.first { category in
      let span = category.id
      return layout.pool[span.start..<span.start + span.count].elementsEqual(id)
    }
  }

  @inline(__always)
  static func literal(_ text: StaticString) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
  }
}
