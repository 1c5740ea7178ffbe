import CommuneScoring

/// Sentences for gates (what zeroes a criterion) and for the recognition minimums.
extension Explainer {
  /// A gate's condition in words: "Số trẻ em tử vong trên 0", "Tỷ lệ … dưới 90%",
  /// "Có kế hoạch … = không".
  public func gateConditionInWords(_ condition: GateCondition) -> String {
    switch condition {
    case .flag(let field, let yes):
      return fieldLabel(field.id) + " = " + (yes ? w.t("có", "yes") : w.t("không", "no"))
    case .measure(let measure, _, _):
      // A rate per 100,000 reads "A / B trên 5.000 trên 100.000", its unit said once.
      let measured =
        measure.kind == .ratePer100000
        ? fieldLabel(measure.part.id) + " / " + fieldLabel(measure.whole?.id ?? "")
        : measureInWords(measure)
      return measured + " " + (gateLimitPhrase(condition) ?? "")
    }
  }

  /// The comparison and limit of a measured condition ("dưới 50%", "trên 2"); nil for a flag.
  public func gateLimitPhrase(_ condition: GateCondition) -> String? {
    guard case .measure(let measure, let comparison, let limit) = condition else { return nil }
    // "… trên 5.000 trên 100.000" would say "trên" twice: a rate per 100,000 "vượt quá" it.
    let words =
      measure.kind == .ratePer100000 && comparison == .above
      ? w.t("vượt quá", "above") : comparisonInWords(comparison)
    return words + " " + self.limit(limit, scale: measure.scale)
  }

  /// "trên", "từ … trở lên" is awkward inside a sentence, so ≥ and ≤ read "ít nhất"/"không quá".
  func comparisonInWords(_ comparison: GateCondition.Comparison) -> String {
    switch comparison {
    case .above: w.t("trên", "above")
    case .atLeast: w.t("từ", "at least")
    case .below: w.t("dưới", "below")
    case .atMost: w.t("không quá", "at most")
    }
  }

  /// What a gate read in a record: "Số trẻ em tử vong = 2", "Trẻ được tiêm / Trẻ em =
  /// 85/100 = 85%", "Có kế hoạch: không"; "—" for a missing figure.
  public func gateReading(_ condition: GateCondition, _ result: GateResult) -> String {
    let values = Dictionary(
      result.inputs.map { ($0.field, $0.value) }, uniquingKeysWith: { first, _ in first })
    switch condition {
    case .flag(let field, _):
      return fieldLabel(field.id) + ": " + value(field.id, values[field.id].flatMap { $0 })
    case .measure(let measure, _, _):
      let partValue = values[measure.part.id].flatMap { $0 }
      guard let whole = measure.whole else {
        return fieldLabel(measure.part.id) + " = " + value(measure.part.id, partValue)
      }
      let wholeValue = values[whole.id].flatMap { $0 }
      var text =
        "\(fieldLabel(measure.part.id)) / \(fieldLabel(whole.id)) = "
        + "\(value(measure.part.id, partValue))/\(value(whole.id, wholeValue))"
      if let part = partValue, let total = wholeValue {
        text +=
          total == 0
          ? w.t(" — không có trường hợp nào", " — none in the commune")
          : " = "
            + measured(Int128(part) * Int128(measure.scale), Int128(total), scale: measure.scale)
      }
      return text
    }
  }

  /// A gate's result in one sentence: what it read and when it zeroes the criterion, e.g.
  /// "… = 4/10 = 40% (tiêu chí bị 0 điểm khi dưới 50%)". A gate written the original way (a
  /// count above 0) reads as before: "… = 1".
  public func gateSentence(_ gate: Gate, _ result: GateResult) -> String {
    let reading = gateReading(gate.condition, result)
    guard !gate.condition.isCountAboveZero else { return reading }
    let when: String
    switch gate.condition {
    case .flag(_, let yes): when = yes ? w.t("có", "yes") : w.t("không", "no")
    case .measure: when = gateLimitPhrase(gate.condition) ?? ""
    }
    return reading
      + w.t(" (tiêu chí bị 0 điểm khi \(when))", " (the criterion scores 0 when \(when))")
  }

  /// Why a gate zeroed its criterion, after "bị 0 điểm vì" / "scored 0 because":
  /// "… = 4/10 = 40%, dưới 50%".
  func gateCause(_ criterion: String, _ result: GateResult) -> String {
    guard
      let gate = rulebook.criteria.first(where: { $0.id == criterion })?.gates.first(where: {
        $0.id == result.id
      }), !gate.condition.isCountAboveZero
    else {
      return "\(fieldLabel(result.field)) = \(Format.integer(result.value ?? 0, language))"
    }
    return gateReading(gate.condition, result)
      + (gateLimitPhrase(gate.condition).map { ", " + $0 } ?? "")
  }

  /// Why an irreversible gate blocks the path, for a gate written with a general condition.
  func gateBlockerCause(_ criterion: String, gate id: String) -> String? {
    guard
      let gate = rulebook.criteria.first(where: { $0.id == criterion })?.gates.first(where: {
        $0.id == id
      }), !gate.condition.isCountAboveZero
    else { return nil }
    return gate.description.text(language) + " (" + gateConditionInWords(gate.condition) + ")"
  }

  /// A minimum a criterion or an indicator falls short of, as a sentence.
  func minimumReason(_ reason: Reason) -> String {
    switch reason {
    case .criterionBelowMinimum(let criterion, let points, let best, let minimum):
      return minimumSentence(
        criterion: criterion, indicator: nil, verified: points != nil,
        shown: w.points(points ?? best), minimum: minimum)
    case .indicatorBelowMinimum(let criterion, let indicator, let points, let best, let minimum):
      return minimumSentence(
        criterion: criterion, indicator: indicator, verified: points != nil,
        shown: w.points(points ?? best), minimum: minimum)
    default: return ""
    }
  }

  /// The sentence of a minimum that a criterion (`indicator` nil) or an indicator falls short
  /// of: `shown` is its points with their unit ("75 điểm") when `verified`, else the most it
  /// can still reach. The workbook writes the same sentence with a formula in place of `shown`.
  func minimumSentence(
    criterion: String, indicator: String?, verified: Bool, shown: String, minimum: Int
  ) -> String {
    guard let indicator else {
      let name = "\(criterion) (\(criterionName(criterion)))"
      guard verified else {
        return w.t(
          "Tiêu chí \(name) chưa xác minh được và cao nhất chỉ đạt \(shown), dưới mức tối thiểu \(w.points(minimum)) để được công nhận",
          "Criterion \(name) cannot be verified yet and can reach at most \(shown), below the minimum of \(w.points(minimum)) for recognition"
        )
      }
      return w.t(
        "Tiêu chí \(name) đạt \(shown), dưới mức tối thiểu \(w.points(minimum)) để được công nhận",
        "Criterion \(name) scored \(shown), below the minimum of \(w.points(minimum)) for recognition"
      )
    }
    let declared = rulebook.criteria.first { $0.id == criterion }?.indicators.first {
      $0.id == indicator
    }
    let name = "\(indicator) (\(declared?.name.text(language) ?? indicator))"
    guard verified else {
      return w.t(
        "Chỉ tiêu \(name) chưa xác minh được và cao nhất chỉ đạt \(shown), dưới điểm tối thiểu \(w.points(minimum))",
        "Indicator \(name) cannot be verified yet and can reach at most \(shown), below its minimum of \(w.points(minimum))"
      )
    }
    return w.t(
      "Chỉ tiêu \(name) đạt \(shown), dưới điểm tối thiểu \(w.points(minimum)) để được công nhận",
      "Indicator \(name) scored \(shown), below its minimum of \(w.points(minimum)) for recognition"
    )
  }

  /// The recognition rule's minimums, as lines of `cfc rulebook show`'s conditions.
  public func minimumLines() -> [String] {
    var lines: [String] = []
    if let minimum = rulebook.recognition.minimumPerCriterion {
      let own = rulebook.criteria.contains { $0.minimumPoints != nil }
      lines.append(
        w.t(
          "  - Mỗi tiêu chí đạt từ \(w.number(minimum)) điểm trở lên"
            + (own ? " (hoặc mức riêng của tiêu chí)" : ""),
          "  - Every criterion at least \(w.number(minimum)) points"
            + (own ? " (or its own minimum)" : "")))
    } else if rulebook.criteria.contains(where: { $0.minimumPoints != nil }) {
      lines.append(
        w.t(
          "  - Các tiêu chí đạt điểm tối thiểu được quy định (ghi bên dưới)",
          "  - Criteria reach the minimum stated below"))
    }
    if rulebook.criteria.contains(where: { $0.indicators.contains { $0.minimumPoints != nil } }) {
      lines.append(
        w.t(
          "  - Các chỉ tiêu đạt điểm tối thiểu được quy định (ghi bên dưới)",
          "  - Indicators reach the minimum stated below"))
    }
    return lines
  }

  /// "; tối thiểu 45 điểm để được công nhận" after a criterion or indicator with a minimum.
  public func minimumSuffix(_ minimum: Int?) -> String {
    guard let minimum else { return "" }
    return w.t(
      "; tối thiểu \(w.number(minimum)) điểm để được công nhận",
      "; at least \(w.number(minimum)) for recognition")
  }
}
