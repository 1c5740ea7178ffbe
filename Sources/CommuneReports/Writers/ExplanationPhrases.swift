import CommuneScoring

/// An indicator's explanation written from fragments prepared once per rulebook: the same
/// sentence as `Explainer.explain`, byte for byte, without building a `String` per indicator.
///
/// The fixed parts of each sentence (the fields' labels, each band's condition, the units) are
/// taken from the `Explainer` itself when the phrases are prepared, and only the numbers of a
/// record are appended, as digits. The rule kinds of the shipped rulebook (flag, count zero,
/// rate, rate per 100,000) have fragments; every other kind, a missing input and a rate with
/// nothing to measure are explained by `Explainer.explain` itself, so the wording has one
/// source.
struct ExplanationPhrases: Sendable {
  /// The fragments of one indicator.
  enum Phrase: Sendable {
    /// "label: có → " and "label: không → ".
    case flag(yes: [UInt8], no: [UInt8])
    /// "label: ", then the count, then " (phải bằng 0)" when it is not 0.
    case countZero(head: [UInt8], mustBeZero: [UInt8])
    /// "part / whole = ", n/d, " = ", the rate with its unit, then the band's words.
    case rate(Rate)
    /// Explained by `Explainer.explain`.
    case general
  }

  struct Rate: Sendable {
    var head: [UInt8]
    var scale: Int
    /// "%" or " trên 100.000".
    var unit: [UInt8]
    /// " → đạt mức ≥ 98% → " for each band, top-down.
    var meets: [[UInt8]]
    /// " → không đạt mức thấp nhất (≥ 95%) → ".
    var misses: [UInt8]
  }

  /// What any indicator says when inputs are missing: each input's label, and the end
  /// " → chưa xác minh được (tối đa 50 điểm)".
  struct Missing: Sendable {
    var labels: [[UInt8]]
    var end: [UInt8]
  }

  let explainer: Explainer
  /// By criterion, then by indicator, in rulebook order.
  let phrases: [[Phrase]]
  /// Likewise (empty when not prepared).
  let missing: [[Missing]]
  let missingHead: [UInt8]
  /// " — không có trường hợp nào → " and " (không có gì để đo)".
  let noneWords: [UInt8]
  let nothingToMeasure: [UInt8]
  /// "chưa xác minh được" / "not verifiable".
  let notVerifiableWords: [UInt8]
  /// Thousands separator of the language's integers.
  let group: UInt8
  /// Decimal separator of the language's numbers.
  let decimal: UInt8
  /// " điểm" / " points" (and " point" for exactly one).
  let pointsUnit: [UInt8]
  let pointUnit: [UInt8]

  /// Prepares the fragments of every indicator of the explainer's rulebook; with `prepared`
  /// false, none (every explanation then comes from `Explainer.explain`).
  init(_ explainer: Explainer, prepared: Bool = true) {
    self.explainer = explainer
    let vi = explainer.language == .vi
    group = vi ? UInt8(ascii: ".") : UInt8(ascii: ",")
    decimal = vi ? UInt8(ascii: ",") : UInt8(ascii: ".")
    pointsUnit = Self.escaped(explainer.w.t(" điểm", " points"))
    pointUnit = Self.escaped(explainer.w.t(" điểm", " point"))
    let w = explainer.w
    let arrow = Array(" → ".utf8)
    let escaped = Self.escaped
    missingHead = escaped(w.t("Thiếu số liệu: ", "Missing: "))
    noneWords = escaped(w.t(" — không có trường hợp nào", " — none in the commune") + " → ")
    nothingToMeasure = escaped(w.t(" (không có gì để đo)", " (nothing to measure)"))
    notVerifiableWords = escaped(w.t("chưa xác minh được", "not verifiable"))
    missing = explainer.rulebook.criteria.map { criterion in
      criterion.indicators.map { indicator in
        Missing(
          labels: prepared
            ? indicator.rule.inputs.map { escaped(explainer.fieldLabel($0.id)) } : [],
          end: escaped(
            w.t(" → chưa xác minh được (tối đa ", " → not verifiable yet (up to ")
              + w.points(indicator.maxPoints) + ")"))
      }
    }
    phrases = explainer.rulebook.criteria.map { criterion in
      criterion.indicators.map { indicator -> Phrase in
        guard prepared else { return .general }
        switch indicator.rule {
        case let rule as FlagRule:
          let label = explainer.fieldLabel(rule.field.id) + ": "
          return .flag(
            yes: escaped(label + w.t("có", "yes")) + arrow,
            no: escaped(label + w.t("không", "no")) + arrow)
        case let rule as CountZeroRule:
          return .countZero(
            head: escaped(explainer.fieldLabel(rule.field.id) + ": "),
            mustBeZero: escaped(w.t(" (phải bằng 0)", " (must be 0)")))
        case let rule as RateRule:
          return .rate(Self.rate(explainer, rule.table, rule.numerator.id, rule.denominator.id))
        case let rule as RatePer100kRule:
          return .rate(Self.rate(explainer, rule.table, rule.count.id, rule.population.id))
        default:
          return .general
        }
      }
    }
  }

  static func rate(_ explainer: Explainer, _ table: BandTable, _ part: String, _ whole: String)
    -> Rate
  {
    let w = explainer.w
    let unit =
      table.scale == 100
      ? "%" : w.t(" trên ", " per ") + Format.integer(100_000, explainer.language)
    let lowest = table.bands.last.map { explainer.condition($0, scale: table.scale) } ?? ""
    return Rate(
      head: escaped("\(explainer.fieldLabel(part)) / \(explainer.fieldLabel(whole)) = "),
      scale: table.scale, unit: escaped(unit),
      meets: table.bands.map {
        escaped(
          w.t(" → đạt mức ", " → meets ") + explainer.condition($0, scale: table.scale) + " → ")
      },
      misses: escaped(
        w.t(" → không đạt mức thấp nhất (", " → misses the lowest band (") + lowest + ") → "))
  }

  /// Appends the explanation of `result` (an indicator of the criterion at `criterionIndex`) as
  /// a JSON string literal.
  func appendJSON(_ result: IndicatorResult, criterion criterionIndex: Int, to out: inout [UInt8]) {
    guard
      appendPrepared(
        criterion: criterionIndex, indicator: result.index, inputs: TracedInputs(result.inputs),
        points: result.points, match: result.outcome.match, to: &out)
    else { return general(result, criterionIndex, to: &out) }
  }

  /// Appends, from the prepared fragments, the explanation of the indicator at `indicatorIndex`
  /// of the criterion at `criterionIndex` that scored `points` (nil: not verifiable) with the
  /// band `match`, its rule's inputs read as `inputs`: the same bytes as `appendJSON` for the
  /// same outcome. False, with nothing appended, when only `Explainer.explain` can say it.
  func appendPrepared<Inputs: ExplanationInputs>(
    criterion criterionIndex: Int, indicator indicatorIndex: Int, inputs: Inputs, points: Int?,
    match: BandMatch?, to out: inout [UInt8]
  ) -> Bool {
    if inputs.anyMissing {
      let missing = missing[criterionIndex][indicatorIndex]
      guard missing.labels.count == inputs.count else { return false }
      out.append(UInt8(ascii: "\""))
      out += missingHead
      var first = true
      for position in 0..<inputs.count where inputs.value(at: position) == nil {
        if !first { out += ", ".utf8 }
        first = false
        out += missing.labels[position]
      }
      out += missing.end
      out.append(UInt8(ascii: "\""))
      return true
    }
    switch phrases[criterionIndex][indicatorIndex] {
    case .general:
      return false
    case .flag(let yes, let no):
      guard let points, inputs.count > 0, let value = inputs.value(at: 0) else { return false }
      out.append(UInt8(ascii: "\""))
      out += value != 0 ? yes : no
      appendPoints(points, to: &out)
    case .countZero(let head, let mustBeZero):
      guard let points, inputs.count > 0, let value = inputs.value(at: 0) else { return false }
      out.append(UInt8(ascii: "\""))
      out += head
      appendInteger(value, to: &out)
      if value != 0 { out += mustBeZero }
      out += " → ".utf8
      appendPoints(points, to: &out)
    case .rate(let rate):
      guard inputs.count == 2, let numerator = inputs.value(at: 0),
        let denominator = inputs.value(at: 1), denominator == 0 || points != nil
      else { return false }
      out.append(UInt8(ascii: "\""))
      out += rate.head
      appendInteger(numerator, to: &out)
      out.append(UInt8(ascii: "/"))
      appendInteger(denominator, to: &out)
      if denominator == 0 {
        out += noneWords
        if let points {
          appendPoints(points, to: &out)
        } else {
          out += notVerifiableWords
          out += nothingToMeasure
        }
      } else if let points {
        out += " = ".utf8
        appendRatio(Int128(numerator) * Int128(rate.scale), denominator, to: &out)
        out += rate.unit
        if case .band(let index) = match, index < rate.meets.count {
          out += rate.meets[index]
        } else {
          out += rate.misses
        }
        appendPoints(points, to: &out)
      }
    }
    out.append(UInt8(ascii: "\""))
    return true
  }

  func general(_ result: IndicatorResult, _ criterionIndex: Int, to out: inout [UInt8]) {
    JSONWriter.appendString(explainer.explain(result, in: criterionIndex), to: &out)
  }

  /// Fragments are stored as they appear inside a JSON string (escaped once, when prepared).
  func appendEscaped(_ bytes: [UInt8], to out: inout [UInt8]) { out += bytes }

  /// `text` as the inside of a JSON string literal.
  static func escaped(_ text: String) -> [UInt8] {
    var quoted: [UInt8] = []
    JSONWriter.appendString(text, to: &quoted)
    return Array(quoted.dropFirst().dropLast())
  }

  /// Points with their unit, as `Wording.points` writes them.
  func appendPoints(_ units: Int, to out: inout [UInt8]) {
    let scale = explainer.rulebook.pointScale
    if scale > 1 {
      out += Format.points(units, scale: scale, explainer.language).utf8
    } else {
      appendInteger(units, to: &out)
    }
    out += units == scale ? pointUnit : pointsUnit
  }

  /// An integer with its thousands grouped, as `Format.integer` writes it.
  func appendInteger(_ value: Int, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    appendGrouped(UInt128(value.magnitude), to: &out)
  }

  func appendGrouped(_ value: UInt128, to out: inout [UInt8]) {
    // Three digits at a time, most significant group first, without a temporary text.
    if value >= 1000 {
      appendGrouped(value / 1000, to: &out)
      out.append(group)
      let low = Int(value % 1000)
      out.append(UInt8(ascii: "0") + UInt8(low / 100))
      out.append(UInt8(ascii: "0") + UInt8(low / 10 % 10))
      out.append(UInt8(ascii: "0") + UInt8(low % 10))
      return
    }
    let small = Int(value)
    if small >= 100 { out.append(UInt8(ascii: "0") + UInt8(small / 100)) }
    if small >= 10 { out.append(UInt8(ascii: "0") + UInt8(small / 10 % 10)) }
    out.append(UInt8(ascii: "0") + UInt8(small % 10))
  }

  /// `numerator / denominator` with at most two decimals, rounded half up, as `Format.ratio`
  /// writes it (denominator > 0).
  func appendRatio(_ numerator: Int128, _ denominator: Int, to out: inout [UInt8]) {
    guard numerator >= 0, denominator > 0 else {
      // Not reached by counts; written by the general formatter.
      out += Self.escaped(Format.ratio(numerator, denominator, explainer.language))
      return
    }
    let wide = Int128(denominator)
    let whole = numerator / wide
    let remainder = numerator % wide
    var fraction = (remainder * 100 * 2 + wide) / (wide * 2)
    var wholePart = whole
    if fraction >= 100 {
      fraction -= 100
      wholePart += 1
    }
    appendGrouped(UInt128(wholePart), to: &out)
    guard fraction != 0 else { return }
    out.append(decimal)
    out.append(UInt8(ascii: "0") + UInt8(fraction / 10))
    if fraction % 10 != 0 { out.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
  }
}

/// The inputs of one indicator's rule, in the rule's order, as read for one record.
protocol ExplanationInputs {
  var count: Int { get }
  /// The value of the input at `position` (nil when missing).
  func value(at position: Int) -> Int?
}

extension ExplanationInputs {
  /// Whether any input is missing.
  var anyMissing: Bool {
    for position in 0..<count where value(at: position) == nil { return true }
    return false
  }
}

/// The inputs of an indicator the general path traced.
struct TracedInputs: ExplanationInputs {
  let inputs: [FieldValue]

  init(_ inputs: [FieldValue]) { self.inputs = inputs }

  var count: Int { inputs.count }
  func value(at position: Int) -> Int? { inputs[position].value }
}

/// The inputs of an indicator the compiled plan scored: the slots of its rule's fields among a
/// record's figures.
struct SlotInputs: ExplanationInputs {
  let figures: UnsafeBufferPointer<Int>
  let slots: [Int]

  var count: Int { slots.count }
  func value(at position: Int) -> Int? {
    let value = figures[slots[position]]
    return value == ScoringPlan.missing ? nil : value
  }
}
