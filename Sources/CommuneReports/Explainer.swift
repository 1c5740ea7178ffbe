import CommuneScoring

/// Turns structured traces into sentences, in one language, with the rulebook's own labels.
public struct Explainer: Sendable {
  public let rulebook: Rulebook
  public let language: Language
  let w: Wording

  public init(rulebook: Rulebook, language: Language) {
    self.rulebook = rulebook
    self.language = language
    w = Wording(language, pointScale: rulebook.pointScale)
  }

  /// The label of a field. In English the id follows, so people can find it in the file; in
  /// Vietnamese documents ids have no place (they belong to JSON and `--lang en`).
  public func fieldLabel(_ id: String) -> String {
    guard let field = rulebook.field(id) else { return id }
    return language == .vi ? field.label.vi : "\(field.label.en) (\(id))"
  }

  /// The label of a field alone, in the chosen language.
  public func fieldName(_ id: String) -> String {
    rulebook.field(id)?.label.text(language) ?? id
  }

  /// A field's value for people: yes/no for flags, a grouped number for counts, — when missing.
  public func value(_ field: String, _ value: Int?) -> String {
    guard let value else { return "—" }
    if rulebook.field(field)?.kind == .flag {
      return value != 0 ? w.t("có", "yes") : w.t("không", "no")
    }
    return Format.integer(value, language)
  }

  /// A criterion's name.
  public func criterionName(_ id: String) -> String {
    rulebook.criteria.first { $0.id == id }?.name.text(language) ?? id
  }

  /// The indicator declaration behind a result.
  public func indicator(_ criterionIndex: Int, _ result: IndicatorResult) -> Indicator {
    rulebook.criteria[criterionIndex].indicators[result.index]
  }

  /// A band's condition, such as "≥ 98%" or "≤ 30 / 100.000".
  public func condition(_ band: Band, scale: Int) -> String {
    let symbol: String
    switch band.condition {
    case .atLeast: symbol = "≥"
    case .atMost: symbol = "≤"
    case .equals: symbol = "="
    }
    return "\(symbol) \(limit(band.limit, scale: scale))"
  }

  /// A limit in a measure's unit: "98%", "30 trên 100.000", "2".
  public func limit(_ value: Rational, scale: Int) -> String {
    let number = Format.decimal(value, language, places: 6)
    switch scale {
    case 100: return number + "%"
    case 1: return number
    default: return number + w.t(" trên ", " per ") + Format.integer(scale, language)
    }
  }

  /// An exact value `numerator / denominator` in a measure's unit, for people.
  public func measured(_ numerator: Int128, _ denominator: Int128, scale: Int) -> String {
    let number = Format.ratio(numerator, Int(clamping: denominator), language)
    switch scale {
    case 100: return number + "%"
    case 1: return number
    default: return number + w.t(" trên ", " per ") + Format.integer(scale, language)
    }
  }

  /// Why an indicator scored what it did.
  public func explain(_ result: IndicatorResult, in criterionIndex: Int) -> String {
    let declaration = indicator(criterionIndex, result)
    if !result.missing.isEmpty {
      return w.t("Thiếu số liệu: ", "Missing: ")
        + result.missing.map(fieldLabel).joined(separator: ", ")
        + w.t(" → chưa xác minh được (tối đa ", " → not verifiable yet (up to ")
        + w.points(declaration.maxPoints) + ")"
    }
    let points = result.points.map(w.points) ?? w.t("chưa xác minh được", "not verifiable")
    switch declaration.rule {
    case let rule as FlagRule:
      let yes = (result.inputs.first?.value ?? 0) != 0
      return "\(fieldLabel(rule.field.id)): " + (yes ? w.t("có", "yes") : w.t("không", "no"))
        + " → \(points)"
    case let rule as CountZeroRule:
      let value = result.inputs.first?.value ?? 0
      return "\(fieldLabel(rule.field.id)): \(Format.integer(value, language))"
        + (value == 0 ? "" : w.t(" (phải bằng 0)", " (must be 0)")) + " → \(points)"
    case let rule as RateRule:
      return rateSentence(
        result, table: rule.table, part: rule.numerator.id, whole: rule.denominator.id,
        points: points)
    case let rule as RatePer100kRule:
      return rateSentence(
        result, table: rule.table, part: rule.count.id, whole: rule.population.id, points: points)
    default:
      return explainNewKind(declaration.rule, result, points: points) ?? points
    }
  }

  func rateSentence(
    _ result: IndicatorResult, table: BandTable, part: String, whole: String, points: String
  ) -> String {
    let values = Dictionary(
      result.inputs.map { ($0.field, $0.value ?? 0) }, uniquingKeysWith: { first, _ in first })
    let numerator = values[part] ?? 0
    let denominator = values[whole] ?? 0
    let head =
      "\(fieldLabel(part)) / \(fieldLabel(whole)) = \(Format.integer(numerator, language))/\(Format.integer(denominator, language))"
    if denominator == 0 {
      return head + w.t(" — không có trường hợp nào", " — none in the commune") + " → \(points)"
        + (result.points == nil ? w.t(" (không có gì để đo)", " (nothing to measure)") : "")
    }
    let rate = Format.ratio(Int128(numerator) * Int128(table.scale), denominator, language)
    let value =
      table.scale == 100
      ? rate + "%"
      : rate + w.t(" trên ", " per ") + Format.integer(100_000, language)
    switch result.outcome.match {
    case .band(let index):
      return head + " = \(value)" + w.t(" → đạt mức ", " → meets ")
        + condition(table.bands[index], scale: table.scale) + " → \(points)"
    default:
      let lowest = table.bands.last.map { condition($0, scale: table.scale) } ?? ""
      return head + " = \(value)"
        + w.t(" → không đạt mức thấp nhất (", " → misses the lowest band (") + lowest
        + ") → \(points)"
    }
  }

  /// One reason as a sentence.
  public func reason(_ reason: Reason, category: String) -> String {
    switch reason {
    case .criterionZero(let criterion, let gate):
      var text = w.t(
        "Tiêu chí \(criterion) (\(criterionName(criterion))) bị 0 điểm",
        "Criterion \(criterion) (\(criterionName(criterion))) scored 0")
      if let gate { text += w.t(" vì ", " because ") + gateCause(criterion, gate) }
      return text + w.t(" — không tiêu chí nào được 0 điểm", " — no criterion may score 0")
    case .belowThreshold(let total, let threshold):
      return w.t(
        "Tổng điểm \(w.number(total)) thấp hơn ngưỡng \(w.number(threshold)) của loại \(categoryName(category)) (thiếu \(w.number(threshold - total)) điểm)",
        "Total \(w.number(total)) is below the threshold of \(w.number(threshold)) for \(categoryName(category)) (short by \(w.number(threshold - total)))"
      )
    case .notVerifiable(let criterion, let missing, let undefined):
      var parts: [String] = []
      if !missing.isEmpty {
        parts.append(
          w.t("thiếu số liệu ", "missing ") + missing.map(fieldLabel).joined(separator: ", "))
      }
      if !undefined.isEmpty {
        parts.append(
          w.t("không có đối tượng để tính ", "nothing to measure for ")
            + undefined.joined(separator: ", "))
      }
      return w.t(
        "Tiêu chí \(criterion) chưa xác minh được: ", "Criterion \(criterion) cannot be verified: ")
        + parts.joined(separator: "; ")
    case .criterionBelowMinimum, .indicatorBelowMinimum:
      return minimumReason(reason)
    case .bestBelowThreshold(let best, let threshold):
      return w.t(
        "Kể cả khi bổ sung đủ số liệu, tổng điểm cao nhất có thể (\(w.number(best))) vẫn thấp hơn ngưỡng \(w.number(threshold))",
        "Even with every missing figure at its best, the total (\(w.number(best))) stays below the threshold of \(w.number(threshold))"
      )
    }
  }

  /// A category's name.
  public func categoryName(_ id: String) -> String {
    rulebook.category(id)?.name.text(language) ?? id
  }

  /// A step on the path to recognition as a sentence, e.g. "T2.1: register 2 more … (96/100 →
  /// 98/100) → +15 points". `values` are the figures the step starts from.
  public func step(_ step: PathStep, values: EvidenceValues) -> String {
    let field = rulebook.field(step.field)
    let gained = "+" + w.points(step.pointsGained)
    let label = fieldLabel(step.field)
    if field?.kind == .flag {
      return "\(step.indicator): " + w.t("bảo đảm ", "make sure of: ") + label + " → \(gained)"
    }
    let delta = step.to - step.from
    let amount = Format.integer(abs(delta), language)
    let phrase =
      delta >= 0
      ? w.t("tăng \(label) thêm \(amount)", "raise \(label) by \(amount)")
      : w.t("giảm \(label) bớt \(amount)", "lower \(label) by \(amount)")
    let from = Format.integer(step.from, language)
    let to = Format.integer(step.to, language)
    var change = " (\(from) → \(to))"
    if let whole = field?.partOf, let index = rulebook.fieldIndex[whole],
      let wholeValue = values[index]
    {
      let of = Format.integer(wholeValue, language)
      change = " (\(from)/\(of) → \(to)/\(of))"
    }
    return "\(step.indicator): \(phrase)\(change) → \(gained)"
  }

  /// A blocker as a sentence.
  public func blocker(_ blocker: PathBlocker) -> String {
    switch blocker {
    case .irreversibleGate(let criterion, let gate, _, _)
    where gateBlockerCause(criterion, gate: gate) != nil:
      let cause = gateBlockerCause(criterion, gate: gate) ?? ""
      return w.t(
        "Tiêu chí \(criterion) bị 0 điểm: \(cause); điều này không thể khắc phục trong kỳ đánh giá",
        "Criterion \(criterion) scored 0: \(cause); this cannot be undone within the period")
    case .irreversibleGate(let criterion, _, let field, let value):
      return w.t(
        "Tiêu chí \(criterion) bị 0 điểm vì \(fieldLabel(field)) = \(value); điều này không thể khắc phục trong kỳ đánh giá",
        "Criterion \(criterion) scored 0 because \(fieldLabel(field)) = \(value); this cannot be undone within the period"
      )
    case .criterionCannotBeLifted(let criterion):
      return w.t(
        "Tiêu chí \(criterion) bị 0 điểm và các số liệu của nó không thể thay đổi trong kỳ đánh giá",
        "Criterion \(criterion) scored 0 and none of its figures can change within the period")
    case .minimumOutOfReach(let criterion, let indicator, let minimum):
      guard let indicator else {
        return w.t(
          "Tiêu chí \(criterion) không thể đạt mức tối thiểu \(w.points(minimum)) bằng các thay đổi có thể làm trong kỳ đánh giá",
          "Criterion \(criterion) cannot reach its minimum of \(w.points(minimum)) by any change possible within the period"
        )
      }
      return w.t(
        "Chỉ tiêu \(indicator) (tiêu chí \(criterion)) không thể đạt điểm tối thiểu \(w.points(minimum)) bằng các thay đổi có thể làm trong kỳ đánh giá",
        "Indicator \(indicator) (criterion \(criterion)) cannot reach its minimum of \(w.points(minimum)) by any change possible within the period"
      )
    case .thresholdOutOfReach(let best, let threshold):
      return w.t(
        "Kể cả khi cải thiện mọi chỉ tiêu có thể, tổng điểm cao nhất (\(w.number(best))) vẫn thấp hơn ngưỡng \(w.number(threshold))",
        "Even improving everything that can change, the best total (\(w.number(best))) stays below the threshold of \(w.number(threshold))"
      )
    }
  }
}
