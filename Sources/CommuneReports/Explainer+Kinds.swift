import CommuneScoring

/// Sentences for the rule kinds that step, range, band a count, count items or read the category.
extension Explainer {
  /// Why an indicator of one of these kinds scored what it did, or nil for another kind.
  func explainNewKind(_ rule: any IndicatorRule, _ result: IndicatorResult, points: String)
    -> String?
  {
    let values = Dictionary(
      result.inputs.map { ($0.field, $0.value) }, uniquingKeysWith: { first, _ in first })
    switch rule {
    case let rule as StepsRule:
      guard let (head, value) = measureHead(rule.measure, values) else {
        return measureNone(rule.measure, values, points: points, result)
      }
      let steps = rule.steps(numerator: value.0, denominator: value.1)
      let every = limit(rule.every, scale: rule.measure.scale)
      let above = limit(rule.above, scale: rule.measure.scale)
      let each = w.number(rule.pointsPerStep)
      let detail =
        rule.direction == .add
        ? w.t(
          "vượt \(above) được \(steps) bước \(every), mỗi bước cộng \(each) điểm từ \(w.number(rule.basePoints)) (tối đa \(w.number(rule.cap)))",
          "\(steps) step(s) of \(every) beyond \(above), \(each) points each from \(w.number(rule.basePoints)) (at most \(w.number(rule.cap)))"
        )
        : w.t(
          "vượt \(above) \(steps) bước \(every), mỗi bước trừ \(each) điểm từ \(w.number(rule.basePoints)) (không dưới \(w.number(rule.floor)))",
          "\(steps) step(s) of \(every) beyond \(above), \(each) points off each from \(w.number(rule.basePoints)) (not below \(w.number(rule.floor)))"
        )
      return head + " → " + detail + " → \(points)"
    case let rule as PerCaseRule:
      let cases = values[rule.field.id].flatMap { $0 } ?? 0
      return "\(fieldLabel(rule.field.id)): \(Format.integer(cases, language)) → "
        + w.t(
          "\(w.number(rule.start)) − \(Format.integer(cases, language)) × \(w.number(rule.perCase)) (không dưới \(w.number(rule.floor)))",
          "\(w.number(rule.start)) − \(Format.integer(cases, language)) × \(w.number(rule.perCase)) (not below \(w.number(rule.floor)))"
        ) + " → \(points)"
    case let rule as CountBandsRule:
      let count = values[rule.field.id].flatMap { $0 } ?? 0
      let head = "\(fieldLabel(rule.field.id)): \(Format.integer(count, language))"
      if case .band(let index) = result.outcome.match {
        return head + w.t(" → đạt mức ", " → meets ") + condition(rule.table.bands[index], scale: 1)
          + " → \(points)"
      }
      let lowest = rule.table.bands.last.map { condition($0, scale: 1) } ?? ""
      return head + w.t(" → không đạt mức thấp nhất (", " → misses the lowest band (") + lowest
        + ") → \(points)"
    case let rule as ItemsMetRule:
      let met = rule.items.filter { (values[$0.id].flatMap { $0 } ?? 0) != 0 }
      let names = met.isEmpty ? "" : ": " + met.map { fieldLabel($0.id) }.joined(separator: "; ")
      return w.t(
        "Đạt \(met.count)/\(rule.items.count) nội dung\(names) → \(met.count) × \(w.number(rule.pointsEach)) điểm (tối đa \(w.number(rule.cap)))",
        "\(met.count) of \(rule.items.count) items met\(names) → \(met.count) × \(w.number(rule.pointsEach)) points (at most \(w.number(rule.cap)))"
      ) + " → \(points)"
    case let rule as RangesRule:
      guard let (head, _) = measureHead(rule.measure, values) else {
        return measureNone(rule.measure, values, points: points, result)
      }
      if case .band(let index) = result.outcome.match {
        return head + w.t(" → trong khoảng ", " → in the range ")
          + range(rule.ranges[index], scale: rule.measure.scale) + " → \(points)"
      }
      return head + w.t(" → ngoài các khoảng được tính điểm", " → outside every scored range")
        + " → \(points)"
    case is CategoryPointsRule:
      return w.t("Loại đơn vị hành chính", "Commune category") + ": "
        + categoryName(result.categoryID ?? "") + " → \(points)"
    default:
      return nil
    }
  }

  /// A range in words: "từ 10% đến 20%", "trên 20%".
  public func range(_ range: RangesRule.Range, scale: Int) -> String {
    var parts: [String] = []
    if let lower = range.lower {
      parts.append(
        (range.lowerInclusive ? w.t("từ ", "from ") : w.t("trên ", "above "))
          + limit(lower, scale: scale))
    }
    if let upper = range.upper {
      parts.append(
        (range.upperInclusive
          ? w.t(range.lower == nil ? "tối đa " : "đến ", range.lower == nil ? "at most " : "to ")
          : w.t(
            range.lower == nil ? "dưới " : "đến dưới ", range.lower == nil ? "below " : "to below "))
          + limit(upper, scale: scale))
    }
    return parts.joined(separator: " ")
  }

  /// "label / label = n/d = v%" (or "label = n" for a count) and the exact value.
  func measureHead(_ measure: Measure, _ values: [String: Int?]) -> (String, (Int128, Int128))? {
    let part = values[measure.part.id].flatMap { $0 } ?? 0
    guard let whole = measure.whole else {
      return (
        "\(fieldLabel(measure.part.id)) = \(Format.integer(part, language))", (Int128(part), 1)
      )
    }
    let total = values[whole.id].flatMap { $0 } ?? 0
    guard total > 0 else { return nil }
    let numerator = Int128(part) * Int128(measure.scale)
    let head =
      "\(fieldLabel(measure.part.id)) / \(fieldLabel(whole.id)) = \(Format.integer(part, language))/\(Format.integer(total, language)) = "
      + measured(numerator, Int128(total), scale: measure.scale)
    return (head, (numerator, Int128(total)))
  }

  func measureNone(
    _ measure: Measure, _ values: [String: Int?], points: String, _ result: IndicatorResult
  ) -> String {
    let part = values[measure.part.id].flatMap { $0 } ?? 0
    return
      "\(fieldLabel(measure.part.id)) / \(fieldLabel(measure.whole?.id ?? "")) = \(Format.integer(part, language))/0"
      + w.t(" — không có trường hợp nào", " — none in the commune") + " → \(points)"
      + (result.points == nil ? w.t(" (không có gì để đo)", " (nothing to measure)") : "")
  }
}

extension Explainer {
  /// A rule in one line, as `cfc rulebook show` and the verification sheet state it.
  public func ruleInWords(_ rule: any IndicatorRule) -> String {
    let p = { (units: Int) in self.w.number(units) }
    switch rule {
    case let flag as FlagRule:
      return fieldLabel(flag.field.id)
        + w.t(" = có → \(p(flag.points)) điểm", " = yes → \(p(flag.points)) points")
    case let zero as CountZeroRule:
      return fieldLabel(zero.field.id)
        + w.t(" = 0 → \(p(zero.points)) điểm", " = 0 → \(p(zero.points)) points")
    case let rate as RateRule:
      return fieldLabel(rate.numerator.id) + " / " + fieldLabel(rate.denominator.id) + ": "
        + bandsInWords(rate.table)
    case let rate as RatePer100kRule:
      return fieldLabel(rate.count.id) + " × 100.000 / " + fieldLabel(rate.population.id) + ": "
        + bandsInWords(rate.table)
    case let steps as StepsRule:
      let unit = steps.measure.scale
      let each = p(steps.pointsPerStep)
      let text =
        steps.direction == .add
        ? w.t(
          "\(p(steps.basePoints)) điểm đến \(limit(steps.above, scale: unit)); trên đó cứ thêm \(limit(steps.every, scale: unit)) được cộng \(each) điểm, tối đa \(p(steps.cap)) điểm",
          "\(p(steps.basePoints)) points up to \(limit(steps.above, scale: unit)); above it, every further \(limit(steps.every, scale: unit)) adds \(each) points, at most \(p(steps.cap))"
        )
        : w.t(
          "\(p(steps.basePoints)) điểm đến \(limit(steps.above, scale: unit)); trên đó cứ thêm \(limit(steps.every, scale: unit)) bị trừ \(each) điểm, không dưới \(p(steps.floor)) điểm",
          "\(p(steps.basePoints)) points up to \(limit(steps.above, scale: unit)); above it, every further \(limit(steps.every, scale: unit)) takes \(each) points off, not below \(p(steps.floor))"
        )
      return measureInWords(steps.measure) + ": " + text + noneInWords(steps.whenNone)
    case let perCase as PerCaseRule:
      return fieldLabel(perCase.field.id)
        + w.t(
          ": \(p(perCase.start)) điểm, mỗi trường hợp trừ \(p(perCase.perCase)) điểm, không dưới \(p(perCase.floor))",
          ": \(p(perCase.start)) points, \(p(perCase.perCase)) off for every case, not below \(p(perCase.floor))"
        )
    case let bands as CountBandsRule:
      return fieldLabel(bands.field.id) + ": " + bandsInWords(bands.table)
    case let items as ItemsMetRule:
      return w.t(
        "mỗi nội dung đạt \(p(items.pointsEach)) điểm, tối đa \(p(items.cap)) điểm: ",
        "\(p(items.pointsEach)) points for each item met, at most \(p(items.cap)): ")
        + items.items.map { fieldLabel($0.id) }.joined(separator: "; ")
    case let ranges as RangesRule:
      var parts = ranges.ranges.map {
        range($0, scale: ranges.measure.scale) + " → \(p($0.points))"
      }
      parts.append(w.t("còn lại → \(p(ranges.otherwise))", "otherwise → \(p(ranges.otherwise))"))
      return measureInWords(ranges.measure) + ": " + parts.joined(separator: "; ")
        + noneInWords(ranges.whenNone)
    case let category as CategoryPointsRule:
      var parts = category.listed.map { "\(categoryName($0.category)) → \(p($0.points))" }
      parts.append(w.t("loại khác → \(p(category.otherwise))", "other → \(p(category.otherwise))"))
      return w.t("theo loại đơn vị: ", "by commune category: ") + parts.joined(separator: "; ")
    default:
      return type(of: rule).kind
    }
  }

  /// Top-down bands in words: "= 100% → 50; ≥ 98% → 40; còn lại → 0; …".
  public func bandsInWords(_ table: BandTable) -> String {
    var parts = table.bands.map { condition($0, scale: table.scale) + " → \(w.number($0.points))" }
    parts.append(
      w.t("còn lại → \(w.number(table.otherwise))", "otherwise → \(w.number(table.otherwise))"))
    switch table.whenNone {
    case .points(let points):
      parts.append(
        w.t("không có trường hợp nào → \(w.number(points))", "none → \(w.number(points))"))
    case .notVerifiable:
      parts.append(w.t("không có đối tượng → chưa xác minh", "none → not verifiable"))
    case .undeclared: break
    }
    return parts.joined(separator: "; ")
  }

  func measureInWords(_ measure: Measure) -> String {
    switch measure.kind {
    case .rate:
      return fieldLabel(measure.part.id) + " / " + fieldLabel(measure.whole?.id ?? "")
    case .ratePer100000:
      return fieldLabel(measure.part.id) + " × 100.000 / " + fieldLabel(measure.whole?.id ?? "")
    case .count: return fieldLabel(measure.part.id)
    }
  }

  func noneInWords(_ whenNone: WhenNone) -> String {
    switch whenNone {
    case .points(let points):
      return w.t("; không có trường hợp nào → \(w.number(points))", "; none → \(w.number(points))")
    case .notVerifiable:
      return w.t("; không có đối tượng → chưa xác minh", "; none → not verifiable")
    case .undeclared: return ""
    }
  }
}
