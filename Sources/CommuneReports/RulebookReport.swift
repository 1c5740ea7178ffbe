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
    out.append(
      w.t(
        "Tổng điểm tối đa: \(w.plain(rulebook.maxTotal))",
        "Maximum total: \(w.plain(rulebook.maxTotal))"))
    out.append("")
    out.append(w.t("ĐIỀU KIỆN CÔNG NHẬN", "RECOGNITION"))
    if rulebook.recognition.allCriteriaAssessed {
      out.append(w.t("  - Đánh giá đủ tất cả tiêu chí", "  - Every criterion assessed"))
    }
    if rulebook.recognition.noCriterionAtZero {
      out.append(w.t("  - Không có tiêu chí nào bị 0 điểm", "  - No criterion at 0 points"))
    }
    out += explainer.minimumLines()
    for category in rulebook.categories {
      out.append(
        "  - \(category.name.text(language))\(language == .en ? " (\(category.id))" : ""): "
          + w.t(
            "từ \(w.plain(category.threshold)) điểm trở lên",
            "at least \(w.plain(category.threshold)) points"))
    }
    var reconstructed = 0
    for criterion in rulebook.criteria {
      out.append("")
      out.append(
        "\(criterion.id) \(criterion.name.text(language)) — "
          + w.t(
            "tối đa \(w.plain(criterion.maxPoints)) điểm",
            "up to \(w.plain(criterion.maxPoints)) points")
          + explainer.minimumSuffix(criterion.minimumPoints))
      for gate in criterion.gates {
        out.append(
          "  \(gate.id) [\(provenance(gate.provenance.status))] \(gate.description.text(language))"
            + (gate.condition.isCountAboveZero
              ? (language == .en ? " (\(gate.field.id) > 0)" : "")
              : w.t(" — khi ", " — when ") + explainer.gateConditionInWords(gate.condition))
        )
        out += provenanceLines(gate.provenance)
      }
      for indicator in criterion.indicators {
        if indicator.provenance.status == .reconstructed { reconstructed += indicator.maxPoints }
        out.append(
          "  \(indicator.id) [\(provenance(indicator.provenance.status))] \(indicator.name.text(language)) — "
            + w.t(
              "tối đa \(w.plain(indicator.maxPoints))",
              "up to \(w.plain(indicator.maxPoints))")
            + explainer.minimumSuffix(indicator.minimumPoints))
        out.append("      " + rule(indicator.rule))
        out += provenanceLines(indicator.provenance)
      }
    }
    out.append("")
    out.append(
      w.t(
        "Các chỉ tiêu \"tái dựng\" (\(w.plain(reconstructed))/\(w.plain(rulebook.maxTotal)) điểm) chưa đối chiếu được với bảng điểm chính thức: cần kiểm tra trước khi ra quyết định công nhận.",
        "\"Reconstructed\" indicators (\(w.plain(reconstructed))/\(w.plain(rulebook.maxTotal)) points) could not be checked against the official table: check them before a real recognition decision."
      ))
    return out.flatMap { TextWrap.hanging($0, width: 80) }.joined(separator: "\n") + "\n"
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
  public func rule(_ rule: any IndicatorRule) -> String { explainer.ruleInWords(rule) }
}
