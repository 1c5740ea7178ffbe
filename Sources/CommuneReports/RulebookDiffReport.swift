import CommuneScoring

/// `cfc rulebook diff` for people (text, Vietnamese or English) and for scripts (JSON).
public struct RulebookDiffReport: Sendable {
  public let old: Rulebook
  public let new: Rulebook
  public let language: Language
  /// Words, and points as the new rulebook counts them.
  let w: Wording
  /// Points as the old rulebook counts them.
  let oldW: Wording

  public init(old: Rulebook, new: Rulebook, language: Language) {
    self.old = old
    self.new = new
    self.language = language
    w = Wording(language, pointScale: new.pointScale)
    oldW = Wording(language, pointScale: old.pointScale)
  }

  /// Words for the keys of the rulebook format (the key itself follows in English).
  static let words: [String: (vi: String, en: String)] = [
    "points": ("điểm", "points"), "atLeast": ("từ (≥)", "at least"),
    "atMost": ("đến (≤)", "at most"), "equals": ("bằng", "equals"), "above": ("trên (>)", "above"),
    "below": ("dưới (<)", "below"), "otherwise": ("các trường hợp còn lại", "otherwise"),
    "whenNone": ("khi không có đối tượng", "when none"), "maxPoints": ("điểm tối đa", "maximum"),
    "threshold": ("ngưỡng công nhận", "recognition threshold"), "rule": ("quy tắc", "rule"),
    "provenance": ("nguồn gốc", "provenance"), "quote": ("trích dẫn", "quote"),
    "status": ("trạng thái", "status"), "source": ("văn bản", "source"),
    "note": ("ghi chú", "note"), "name": ("tên", "name"), "label": ("nhãn", "label"),
    "kind": ("loại", "kind"), "field": ("trường số liệu", "field"),
    "recognition": ("điều kiện công nhận", "recognition"), "inForce": ("hiệu lực", "in force"),
    "from": ("từ ngày", "from"), "until": ("đến ngày", "until"),
    "maxTotal": ("tổng điểm tối đa", "maximum total"),
    "version": ("phiên bản", "version"), "title": ("tên bộ tiêu chí", "title"),
    "citation": ("trích dẫn văn bản", "citation"), "partOf": ("thuộc", "part of"),
    "minimum": ("tối thiểu", "minimum"), "adjustable": ("khắc phục được", "adjustable"),
    "reversible": ("khắc phục được", "reversible"), "description": ("mô tả", "description"),
    "better": ("chiều tốt hơn", "better"), "when": ("điều kiện", "when"),
  ]

  /// A place for people: "T2.1 (Đăng ký khai sinh) › quy tắc › mức 2 › từ (≥) (atLeast)".
  public func place(_ change: RuleChange) -> String {
    var parts: [String] = []
    for step in change.place {
      switch step {
      case .key(let key):
        let word = Self.words[key].map { language == .vi ? $0.vi : $0.en }
        parts.append(word.map { $0 == key ? key : "\($0) (\(key))" } ?? key)
      case .item(let list, let id):
        parts.append(item(list, id))
      case .index(let list, let index):
        parts.append(
          list == "bands"
            ? w.t("mức \(index + 1)", "band \(index + 1)") : "\(list)[\(index)]")
      }
    }
    return parts.joined(separator: " › ")
  }

  func item(_ list: String, _ id: String) -> String {
    let rulebooks = [new, old]
    switch list {
    case "criteria":
      let name = rulebooks.lazy.compactMap { $0.criteria.first { $0.id == id }?.name }.first
      return w.t("Tiêu chí ", "Criterion ") + id + (name.map { " (\($0.text(language)))" } ?? "")
    case "indicators":
      let name = rulebooks.lazy.compactMap {
        $0.criteria.flatMap(\.indicators).first { $0.id == id }?.name
      }.first
      return w.t("chỉ tiêu ", "indicator ") + id + (name.map { " (\($0.text(language)))" } ?? "")
    case "gates": return w.t("điều kiện loại ", "gate ") + id
    case "fields": return w.t("trường số liệu ", "field ") + id
    case "categories":
      let name = rulebooks.lazy.compactMap { $0.category(id)?.name }.first
      return w.t("loại xã ", "category ") + (name.map { $0.text(language) } ?? id)
    default: return "\(list)[\(id)]"
    }
  }

  func value(_ value: JSONValue?) -> String {
    guard let value else { return "—" }
    return JSONWriter.write(value, pretty: false)
  }

  func statusWord(_ status: AssessmentStatus) -> String {
    switch status {
    case .recognized: w.t("đạt", "recognised")
    case .notRecognized: w.t("không đạt", "not recognised")
    case .incomplete: w.t("chưa đủ số liệu", "incomplete")
    }
  }

  // MARK: - Text

  /// The changes, then the impact on the batch when there is one.
  public func text(_ changes: [RuleChange], impact: RulebookImpact?, sources: [String]) -> String {
    var lines = [
      w.t("So sánh bộ tiêu chí: ", "Rulebooks compared: ")
        + "\(old.id) (\(old.version)) → \(new.id) (\(new.version))",
      w.t(
        "Thay đổi theo từng quy định: \(changes.count)", "Changes, rule by rule: \(changes.count)"),
    ]
    for change in changes {
      let what: String
      switch change.kind {
      case .changed: what = "\(value(change.from)) → \(value(change.to))"
      case .added: what = w.t("thêm ", "added ") + value(change.to)
      case .removed: what = w.t("bỏ ", "removed ") + value(change.from)
      }
      lines.append("  " + place(change) + ": " + what)
    }
    if let impact { lines += self.lines(impact, sources: sources) }
    return lines.joined(separator: "\n") + "\n"
  }

  func lines(_ impact: RulebookImpact, sources: [String]) -> [String] {
    let gained = impact.changes.filter(\.gains).count
    let lost = impact.changes.filter(\.loses).count
    let other = impact.changes.count - gained - lost
    var lines = [
      "",
      w.t("Ảnh hưởng tới các xã (", "Effect on communes (") + sources.joined(separator: ", ")
        + "):",
      w.t(
        "  đã đọc \(impact.read) hồ sơ; chấm được theo cả hai bộ: \(impact.compared); bị loại theo bộ cũ \(impact.rejected.old), theo bộ mới \(impact.rejected.new)",
        "  \(impact.read) records read; scored under both: \(impact.compared); rejected under the old rulebook \(impact.rejected.old), under the new \(impact.rejected.new)"
      ),
      w.t(
        "  tổng điểm thay đổi: \(impact.totalsChanged) xã; kết luận thay đổi: \(impact.changes.count) xã — đạt thêm \(gained), không còn đạt \(lost), thay đổi khác \(other)",
        "  totals changed: \(impact.totalsChanged) communes; verdicts changed: \(impact.changes.count) — gaining recognition \(gained), losing it \(lost), other changes \(other)"
      ),
    ]
    for (source, line) in impact.onlyOld {
      lines.append(
        w.t(
          "  \(source) dòng \(line): chỉ chấm được theo bộ cũ",
          "  \(source) line \(line): scored under the old rulebook only"))
    }
    for (source, line) in impact.onlyNew {
      lines.append(
        w.t(
          "  \(source) dòng \(line): chỉ chấm được theo bộ mới",
          "  \(source) line \(line): scored under the new rulebook only"))
    }
    for change in impact.changes {
      let tag =
        change.gains
        ? w.t("ĐẠT THÊM", "GAINS") : change.loses ? w.t("MẤT CHUẨN", "LOSES") : w.t("KHÁC", "OTHER")
      let commune = change.commune
      var line =
        "  \(tag)  \(commune.code) \(commune.name) (\(change.year)) — \(change.source) "
        + w.t("dòng", "line") + " \(change.line): "
        + "\(statusWord(change.from.status)) \(oldW.number(change.from.total))/\(oldW.number(change.from.threshold)) → "
        + "\(statusWord(change.to.status)) \(w.number(change.to.total))/\(w.number(change.to.threshold))"
      let moved = change.indicators.map { indicator in
        "\(indicator.id) \(indicator.from.map(oldW.number) ?? "—") → \(indicator.to.map(w.number) ?? "—")"
      }
      if !moved.isEmpty { line += "; " + moved.joined(separator: ", ") }
      if change.from.threshold != change.to.threshold {
        line += w.t("; ngưỡng đổi", "; threshold changed")
      }
      lines.append(line)
    }
    return lines
  }

  // MARK: - JSON

  func side(_ rulebook: Rulebook) -> JSONValue {
    .obj([
      ("id", .string(rulebook.id)), ("version", .string(rulebook.version)),
      ("sha256", .string(rulebook.sha256)),
    ])
  }

  func points(_ units: Int?, _ rulebook: Rulebook) -> JSONValue {
    guard let units else { return .null }
    return .number(PointScale.text(units, scale: rulebook.pointScale))
  }

  /// The changes and impact for scripts; keys sorted, same input same bytes.
  public func json(_ changes: [RuleChange], impact: RulebookImpact?, sources: [String])
    -> JSONValue
  {
    var members: [(String, JSONValue)] = [
      ("old", side(old)), ("new", side(new)),
      (
        "changes",
        .array(
          changes.map { change in
            .obj([
              ("path", .string(change.path)), ("place", .string(place(change))),
              ("kind", .string(change.kind.rawValue)),
              ("criterion", .optionalString(change.criterion)),
              ("indicator", .optionalString(change.indicator)),
              ("gate", .optionalString(change.gate)), ("from", change.from ?? .null),
              ("to", change.to ?? .null),
            ])
          })
      ),
    ]
    if let impact {
      func verdict(_ side: VerdictSide, _ rulebook: Rulebook) -> JSONValue {
        .obj([
          ("status", .string(side.status.rawValue)), ("total", points(side.total, rulebook)),
          ("threshold", points(side.threshold, rulebook)),
        ])
      }
      func places(_ list: [(source: String, line: Int)]) -> JSONValue {
        .array(list.map { .obj([("source", .string($0.source)), ("line", .int($0.line))]) })
      }
      members.append(
        (
          "impact",
          .obj([
            ("sources", .array(sources.map(JSONValue.string))), ("read", .int(impact.read)),
            ("compared", .int(impact.compared)), ("totalsChanged", .int(impact.totalsChanged)),
            ("rejectedOld", .int(impact.rejected.old)), ("rejectedNew", .int(impact.rejected.new)),
            ("onlyOld", places(impact.onlyOld)), ("onlyNew", places(impact.onlyNew)),
            ("gained", .int(impact.changes.filter(\.gains).count)),
            ("lost", .int(impact.changes.filter(\.loses).count)),
            (
              "communes",
              .array(
                impact.changes.map { change in
                  .obj([
                    ("source", .string(change.source)), ("line", .int(change.line)),
                    ("code", .string(change.commune.code)), ("name", .string(change.commune.name)),
                    ("category", .string(change.commune.category)), ("year", .int(change.year)),
                    (
                      "change",
                      .string(change.gains ? "gains" : change.loses ? "loses" : "other")
                    ),
                    ("from", verdict(change.from, old)), ("to", verdict(change.to, new)),
                    (
                      "indicators",
                      .array(
                        change.indicators.map {
                          .obj([
                            ("id", .string($0.id)), ("from", points($0.from, old)),
                            ("to", points($0.to, new)),
                          ])
                        })
                    ),
                  ])
                })
            ),
          ])
        ))
    }
    return .obj(members)
  }
}
