import CommuneScoring

/// Renders a rulebook for people: criteria, indicators, points, bands and provenance.
public struct RulebookReport: Renderer {
  public let explainer: Explainer

  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  /// The description as text with a final newline.
  public func render() -> String {
    var out: [String] = []
    out.append("\(rulebook.title.text(language)) — \(rulebook.citation)")
    out.append(
      w.t(
        "Bộ tiêu chí: \(rulebook.id), phiên bản \(rulebook.version), sha256 \(rulebook.sha256)",
        "Rulebook: \(rulebook.id), version \(rulebook.version), sha256 \(rulebook.sha256)"))
    out.append(w.t("Tổng điểm tối đa: \(rulebook.maxTotal)", "Maximum total: \(rulebook.maxTotal)"))
    out.append("")
    out.append(w.t("ĐIỀU KIỆN CÔNG NHẬN", "RECOGNITION"))
    if rulebook.recognition.allCriteriaAssessed {
      out.append(w.t("  - Đánh giá đủ tất cả tiêu chí", "  - Every criterion assessed"))
    }
    if rulebook.recognition.noCriterionAtZero {
      out.append(w.t("  - Không có tiêu chí nào bị 0 điểm", "  - No criterion at 0 points"))
    }
    for category in rulebook.categories {
      out.append(
        "  - \(category.name.text(language))\(language == .en ? " (\(category.id))" : ""): "
          + w.t("từ \(category.threshold) điểm trở lên", "at least \(category.threshold) points"))
    }
    var reconstructed = 0
    for criterion in rulebook.criteria {
      out.append("")
      out.append(
        "\(criterion.id) \(criterion.name.text(language)) — "
          + w.t("tối đa \(criterion.maxPoints) điểm", "up to \(criterion.maxPoints) points"))
      for gate in criterion.gates {
        out.append(
          "  \(gate.id) [\(provenance(gate.provenance.status))] \(gate.description.text(language))"
            + (language == .en ? " (\(gate.field.id) > 0)" : "")
        )
        out += provenanceLines(gate.provenance)
      }
      for indicator in criterion.indicators {
        if indicator.provenance.status == .reconstructed { reconstructed += indicator.maxPoints }
        out.append(
          "  \(indicator.id) [\(provenance(indicator.provenance.status))] \(indicator.name.text(language)) — "
            + w.t("tối đa \(indicator.maxPoints)", "up to \(indicator.maxPoints)"))
        out.append("      " + rule(indicator.rule))
        out += provenanceLines(indicator.provenance)
      }
    }
    out.append("")
    out.append(
      w.t(
        "Các chỉ tiêu \"tái dựng\" (\(reconstructed)/\(rulebook.maxTotal) điểm) chưa đối chiếu được với bảng điểm chính thức: cần kiểm tra trước khi ra quyết định công nhận.",
        "\"Reconstructed\" indicators (\(reconstructed)/\(rulebook.maxTotal) points) could not be checked against the official table: check them before a real recognition decision."
      ))
    return out.joined(separator: "\n") + "\n"
  }

  /// The source, the quoted wording (or why there is none) and the note, one line each.
  func provenanceLines(_ provenance: Provenance) -> [String] {
    var lines: [String] = []
    if let source = provenance.source {
      lines.append("      " + w.t("nguồn: ", "source: ") + sourceText(source))
    }
    switch provenance.quote {
    case .text(let text): lines.append("      " + w.t("nguyên văn: ", "wording: ") + "“\(text)”")
    case .missing(let why): lines.append("      " + why.text(language))
    case nil: break
    }
    if let note = provenance.note {
      lines.append("      " + w.t("ghi chú: ", "note: ") + note.text(language))
    }
    return lines
  }

  /// "document, article, clause" with the parts that are known.
  public func sourceText(_ source: ProvenanceSource) -> String {
    ([source.document] + [source.article, source.clause].compactMap { $0 }).joined(separator: ", ")
  }

  func provenance(_ status: Provenance.Status) -> String {
    status == .verified ? w.t("đã xác minh", "verified") : w.t("tái dựng", "reconstructed")
  }

  /// A rule in one line.
  public func rule(_ rule: any IndicatorRule) -> String {
    switch rule {
    case let flag as FlagRule:
      return explainer.fieldLabel(flag.field.id)
        + w.t(" = có → \(flag.points) điểm", " = yes → \(flag.points) points")
    case let zero as CountZeroRule:
      return explainer.fieldLabel(zero.field.id)
        + w.t(" = 0 → \(zero.points) điểm", " = 0 → \(zero.points) points")
    case let rate as RateRule:
      return explainer.fieldLabel(rate.numerator.id) + " / "
        + explainer.fieldLabel(rate.denominator.id) + ": " + bands(rate.table)
    case let rate as RatePer100kRule:
      return explainer.fieldLabel(rate.count.id) + " × 100.000 / "
        + explainer.fieldLabel(rate.population.id) + ": " + bands(rate.table)
    default:
      return type(of: rule).kind
    }
  }

  func bands(_ table: BandTable) -> String {
    var parts = table.bands.map { explainer.condition($0, scale: table.scale) + " → \($0.points)" }
    parts.append(w.t("còn lại → \(table.otherwise)", "otherwise → \(table.otherwise)"))
    switch table.whenNone {
    case .points(let points):
      parts.append(w.t("không có trường hợp nào → \(points)", "none → \(points)"))
    case .notVerifiable:
      parts.append(w.t("không có đối tượng → chưa xác minh", "none → not verifiable"))
    case .undeclared: break
    }
    return parts.joined(separator: "; ")
  }
}
