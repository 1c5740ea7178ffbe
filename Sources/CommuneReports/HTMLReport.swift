import CommuneScoring

/// A commune's scoring sheet as one self-contained HTML file: for its dossier, on screen and on
/// A4 paper.
public struct HTMLReport: Renderer {
  public let explainer: Explainer

  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  /// The sheet.
  public func render(_ assessment: Assessment) -> String {
    let commune = assessment.commune
    let result = assessment.result
    let title = w.t(
      "Kết quả đánh giá xã, phường, thị trấn phù hợp với trẻ em năm \(assessment.year) — \(commune.name)",
      "Child-friendly commune assessment \(assessment.year) — \(commune.name)")
    var out = HTML.head(title: title, language: language)
    out += HTML.nationalHeading(
      language, left: [commune.district?.uppercased(), commune.name.uppercased()].compactMap { $0 })
    out +=
      "<h1>\(e(w.t("Bảng điểm đánh giá xã, phường, thị trấn phù hợp với trẻ em", "Child-friendly commune scoring sheet")))</h1>\n"
    out +=
      "<p class=\"sub\">\(e(w.t("Năm đánh giá", "Assessment year"))) \(assessment.year) — \(e(rulebook.citation))</p>\n"
    out += "<table class=\"identity\"><tbody>\n"
    out += row(
      w.t("Xã, phường, thị trấn", "Commune"),
      "\(commune.name) (\(w.t("mã", "code")) \(commune.code))")
    out += row(
      w.t("Huyện, tỉnh", "District, province"),
      [commune.district, commune.province].compactMap { $0 }.joined(separator: ", "))
    out += row(w.t("Loại", "Category"), explainer.categoryName(commune.category))
    out += row(
      w.t("Ngưỡng công nhận", "Recognition threshold"),
      w.t(
        "từ \(result.threshold) điểm trở lên, không tiêu chí nào 0 điểm",
        "at least \(result.threshold) points, no criterion at 0"))
    if let review = assessment.review {
      out += row(
        w.t("Thẩm định", "Reviewed by"),
        review.council ?? w.t("hội đồng thẩm định", "the reviewing council"))
    }
    out += "</tbody></table>\n"
    out += verdict(assessment)
    out += scoringTable(assessment)
    out += HTML.barChart(
      result.criteria.enumerated().map { index, criterion in
        (criterion.id, criterion.points, criterion.maxPoints, explainer.criterionName(criterion.id))
      }, language: language,
      caption: w.t(
        "Điểm từng tiêu chí so với điểm tối đa (đỏ: 0 điểm; nét đứt: chưa xác minh)",
        "Points per criterion against the maximum (red: 0 points; dashed: not verifiable)"))
    if !assessment.adjustments.isEmpty { out += adjustments(assessment) }
    if let path = assessment.path { out += self.path(path, values: result.values) }
    out += explanations(result)
    out += footer(assessment)
    out += HTML.end
    return out
  }

  func row(_ label: String, _ value: String) -> String {
    "<tr><th scope=\"row\">\(e(label))</th><td>\(e(value))</td></tr>\n"
  }

  func verdict(_ assessment: Assessment) -> String {
    let result = assessment.result
    var out =
      "<section class=\"verdict \(result.status.rawValue)\" data-status=\"\(result.status.rawValue)\" data-total=\"\(result.total)\">\n"
    out +=
      "<p><strong>\(e(w.t("Kết luận: ", "Verdict: ") + w.status(result.status)))</strong> — \(e(w.t("tổng điểm", "total"))) <strong>\(result.total)</strong>/\(result.maxTotal)</p>\n"
    if let outlook = result.outlook {
      out +=
        "<p>\(e(w.t("Nếu bổ sung số liệu còn thiếu: từ \(outlook.worstTotal) đến \(outlook.bestTotal) điểm.", "With the missing evidence: between \(outlook.worstTotal) and \(outlook.bestTotal) points.")))</p>\n"
    }
    if !result.reasons.isEmpty {
      out += "<ul>\n"
      for reason in result.reasons {
        out += "<li>\(e(explainer.reason(reason, category: assessment.commune.category)))</li>\n"
      }
      out += "</ul>\n"
    }
    return out + "</section>\n"
  }

  func scoringTable(_ assessment: Assessment) -> String {
    let result = assessment.result
    let own = assessment.selfAssessed
    var out =
      "<h2>\(e(w.t("Bảng chấm điểm", "Scoring table")))</h2>\n<table class=\"score\">\n<thead><tr>"
    out +=
      "<th class=\"n\">\(e(w.t("TT", "No.")))</th><th>\(e(w.t("Tiêu chí", "Criterion")))</th><th class=\"n\">\(e(w.t("Điểm tối đa", "Maximum")))</th>"
    out += "<th class=\"n\">\(e(w.t("Tự đánh giá", "Self-assessed")))</th>"
    if own != nil { out += "<th class=\"n\">\(e(w.t("Thẩm định", "Reviewed")))</th>" }
    out += "<th>\(e(w.t("Ghi chú", "Notes")))</th></tr></thead>\n<tbody>\n"
    for (index, criterion) in result.criteria.enumerated() {
      let selfPoints = own?.criteria[index].points ?? criterion.points
      let rowClass =
        criterion.status == .zero
        ? " class=\"zero\"" : (criterion.status == .notVerifiable ? " class=\"open\"" : "")
      out +=
        "<tr\(rowClass) data-criterion=\"\(criterion.id)\" data-points=\"\(criterion.points.map(String.init) ?? "")\" data-max=\"\(criterion.maxPoints)\">"
      out +=
        "<td class=\"n\">\(index + 1)</td><td>\(e(explainer.criterionName(criterion.id))) (\(criterion.id))</td><td class=\"n\">\(criterion.maxPoints)</td>"
      // † marks points that a reconstructed rule decided.
      let mark =
        criterion.indicators.contains { $0.provenance == .reconstructed && ($0.points ?? 0) > 0 }
        ? " <span class=\"mark\">†</span>" : ""
      out += "<td class=\"n\">\(selfPoints.map(String.init) ?? "—")\(own == nil ? mark : "")</td>"
      if own != nil {
        out += "<td class=\"n\">\(criterion.points.map(String.init) ?? "—")\(mark)</td>"
      }
      out += "<td>\(e(note(criterion, index)))</td></tr>\n"
    }
    out +=
      "</tbody>\n<tfoot><tr><th></th><th>\(e(w.t("Tổng cộng", "Total")))</th><th class=\"n\">\(result.maxTotal)</th>"
    out += "<th class=\"n\">\(own?.total ?? result.total)</th>"
    if own != nil { out += "<th class=\"n\">\(result.total)</th>" }
    out += "<th></th></tr></tfoot>\n</table>\n"
    return out
  }

  func note(_ criterion: CriterionResult, _ index: Int) -> String {
    var notes: [String] = []
    if let gate = criterion.firedGate,
      let declared = rulebook.criteria[index].gates.first(where: { $0.id == gate.id })
    {
      notes.append(declared.description.text(language))
    } else if criterion.status == .zero {
      notes.append(w.t("0 điểm", "0 points"))
    }
    if criterion.status == .notVerifiable {
      notes.append(
        w.t("thiếu số liệu: ", "missing: ") + criterion.missingFields.joined(separator: ", "))
    }
    return notes.joined(separator: "; ")
  }

  func adjustments(_ assessment: Assessment) -> String {
    var out =
      "<h2>\(e(w.t("Điều chỉnh của hội đồng thẩm định", "Council adjustments")))</h2>\n<table>\n<thead><tr>"
    out +=
      "<th>\(e(w.t("Số liệu", "Figure")))</th><th class=\"n\">\(e(w.t("Xã báo cáo", "Commune")))</th><th class=\"n\">\(e(w.t("Thẩm định", "Council")))</th><th>\(e(w.t("Lý do", "Reason")))</th><th class=\"n\">\(e(w.t("Ảnh hưởng", "Effect")))</th></tr></thead>\n<tbody>\n"
    for effect in assessment.adjustments {
      out +=
        "<tr><td>\(e(explainer.fieldLabel(effect.field)))</td><td class=\"n\">\(e(explainer.value(effect.field, effect.from)))</td>"
      out +=
        "<td class=\"n\">\(e(explainer.value(effect.field, effect.to)))</td><td>\(e(effect.reason))</td>"
      out +=
        "<td class=\"n\">\(effect.pointsEffect > 0 ? "+" : "")\(effect.pointsEffect)</td></tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  func path(_ path: PathToRecognition, values: EvidenceValues) -> String {
    var out =
      "<h2>\(e(w.t("Cần làm gì để đạt chuẩn", "What would get the commune recognised")))</h2>\n"
    if !path.evidenceNeeded.isEmpty {
      out +=
        "<p>\(e(w.t("Trước hết bổ sung số liệu: ", "First supply: ") + path.evidenceNeeded.map(explainer.fieldLabel).joined(separator: ", ")))</p>\n"
    }
    if !path.achievable {
      out +=
        "<ul>\n" + path.blockers.map { "<li>\(e(explainer.blocker($0)))</li>\n" }.joined()
        + "</ul>\n"
      return out
    }
    out +=
      "<ol>\n" + path.steps.map { "<li>\(e(explainer.step($0, values: values)))</li>\n" }.joined()
      + "</ol>\n"
    return out
      + "<p>\(e(w.t("Tổng điểm sau khi thực hiện: \(path.totalAfter)", "Total after these changes: \(path.totalAfter)")))</p>\n"
  }

  func explanations(_ result: Evaluation) -> String {
    var out =
      "<h2>\(e(w.t("Giải thích từng chỉ tiêu", "Explanation of each indicator")))</h2>\n<table class=\"explain\">\n<thead><tr>"
    out +=
      "<th>\(e(w.t("Chỉ tiêu", "Indicator")))</th><th class=\"n\">\(e(w.t("Điểm", "Points")))</th><th>\(e(w.t("Cách tính", "How it was scored")))</th></tr></thead>\n"
    for (index, criterion) in result.criteria.enumerated() {
      out +=
        "<tbody class=\"criterion\">\n<tr><th colspan=\"3\">\(criterion.id) \(e(explainer.criterionName(criterion.id))): \(criterion.points.map { "\($0)/\(criterion.maxPoints)" } ?? e(w.score(.notVerifiable)))</th></tr>\n"
      for indicator in criterion.indicators {
        let mark =
          indicator.provenance == .reconstructed
          ? " <span class=\"mark\" title=\"\(e(w.t("quy tắc tái dựng", "reconstructed rule")))\">†</span>"
          : ""
        out +=
          "<tr data-indicator=\"\(indicator.id)\" data-points=\"\(indicator.points.map(String.init) ?? "")\"><td>\(indicator.id)\(mark)</td>"
        out +=
          "<td class=\"n\">\(indicator.points.map(String.init) ?? "—")/\(indicator.maxPoints)</td><td>\(e(explainer.explain(indicator, in: index)))</td></tr>\n"
      }
      out += "</tbody>\n"
    }
    return out + "</table>\n"
  }

  func footer(_ assessment: Assessment) -> String {
    let reconstructed = JSONReport(rulebook: rulebook, language: language).reconstructedPoints(
      assessment.result)
    var out =
      "<footer>\n<p>† \(e(w.t("Điểm do quy tắc tái dựng quyết định (chưa đối chiếu được với bảng điểm chính thức; cần kiểm tra trước khi ra quyết định công nhận): \(reconstructed) điểm.", "Points decided by a reconstructed rule (not checked against the official table; check before a real recognition decision): \(reconstructed) points.")))</p>\n"
    out +=
      "<p>\(e(w.t("Biên nhận", "Receipt"))): \(e(w.t("bộ tiêu chí", "rulebook"))) \(e(assessment.rulebookID)) \(e(assessment.rulebookVersion)), sha256 <code>\(assessment.rulebookSHA256)</code>"
    if let input = assessment.inputSHA256 {
      out += "; \(e(w.t("hồ sơ", "record"))) sha256 <code>\(input)</code>"
    }
    out +=
      "; \(EngineInfo.name) \(EngineInfo.version). \(e(w.t("Kiểm tra lại bằng", "Re-check with"))) <code>cfc verify</code>.</p>\n</footer>\n"
    return out
  }
}
