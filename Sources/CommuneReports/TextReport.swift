import CommuneScoring

/// Renders one assessment as a readable scoring table followed by explanations and the verdict.
public struct TextReport: Renderer {
  public let explainer: Explainer

  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  /// The widest line of the report: it reads on an 80-column terminal and prints on A4.
  public static let width = 80

  /// The report as text with a final newline, every line at most `width` columns (long
  /// sentences wrap under their own first word).
  public func render(_ assessment: Assessment) -> String {
    var out: [String] = []
    let c = assessment.commune
    out.append(
      w.t(
        "ĐÁNH GIÁ XÃ, PHƯỜNG, THỊ TRẤN PHÙ HỢP VỚI TRẺ EM — NĂM \(assessment.year)",
        "CHILD-FRIENDLY COMMUNE ASSESSMENT — \(assessment.year)"))
    out.append("\(c.name) (\(c.code))" + (c.district.map { ", \($0)" } ?? "") + ", \(c.province)")
    out.append(w.t("Loại: ", "Category: ") + explainer.categoryName(c.category))
    out.append(
      w.t("Ngưỡng công nhận: ", "Recognition threshold: ")
        + w.points(assessment.result.threshold))
    out.append(
      w.t("Bộ tiêu chí: ", "Rulebook: ")
        + "\(rulebook.id) (\(rulebook.version)) — \(rulebook.citation)")
    if let review = assessment.review {
      out.append(
        w.t("Kết quả đã được thẩm định", "Verified by the reviewing council")
          + (review.council.map { ": \($0)" } ?? ""))
    }
    out.append("")
    out += table(assessment)
    out.append("")
    out.append(w.t("KẾT LUẬN: ", "VERDICT: ") + w.status(assessment.result.status))
    for reason in assessment.result.reasons {
      out.append("  - " + explainer.reason(reason, category: c.category))
    }
    if let outlook = assessment.result.outlook {
      out.append(
        w.t(
          "  Điểm chắc chắn: \(w.plain(assessment.result.total)); nếu bổ sung số liệu: từ \(w.plain(outlook.worstTotal)) đến \(w.plain(outlook.bestTotal)) điểm.",
          "  Certain points: \(w.plain(assessment.result.total)); with the missing evidence: between \(w.plain(outlook.worstTotal)) and \(w.plain(outlook.bestTotal))."
        ))
      switch outlook.decided {
      case .notRecognized?:
        out.append(
          w.t(
            "  Dù bổ sung số liệu thế nào, xã cũng không thể đạt chuẩn.",
            "  Whatever the missing figures are, the commune cannot be recognised."))
      case .recognized?:
        out.append(
          w.t(
            "  Dù số liệu còn thiếu là bao nhiêu, xã sẽ đạt chuẩn khi bổ sung đủ.",
            "  Whatever the missing figures are, the commune will be recognised once they are supplied."
          ))
      default:
        out.append(
          w.t(
            "  Kết luận còn phụ thuộc vào số liệu còn thiếu.",
            "  The verdict depends on the missing figures."))
      }
    }
    if !assessment.adjustments.isEmpty { out.append(""); out += adjustments(assessment) }
    if let path = assessment.path {
      out.append(""); out += self.path(path, values: assessment.result.values)
    }
    out.append("")
    out += explanations(assessment.result)
    out.append("")
    out.append(
      w.t("Mã kiểm tra: bộ tiêu chí SHA-256 ", "Receipt: rulebook SHA-256 ")
        + assessment.rulebookSHA256
        + (assessment.inputSHA256.map { w.t("; hồ sơ SHA-256 ", "; record SHA-256 ") + $0 } ?? "")
        + "; \(EngineInfo.name) \(EngineInfo.version)")
    return out.flatMap { TextWrap.hanging($0, width: Self.width) }.joined(separator: "\n") + "\n"
  }

  func table(_ assessment: Assessment) -> [String] {
    let result = assessment.result
    let own = assessment.selfAssessed
    // The table fits 80 columns: 5 + name + (11) + 7 + 7 + 2 + status (up to 15).
    let nameWidth = own == nil ? 42 : 31
    var header = Format.pad(w.t("Tiêu chí", "Criterion"), nameWidth + 5)
    if own != nil { header += Format.padLeft(w.t("Tự đánh giá", "Self"), 11) }
    header +=
      Format.padLeft(w.t("Điểm", "Points"), 7) + Format.padLeft(w.t("Tối đa", "Max"), 7) + "  "
      + w.t("Trạng thái", "Status")
    let rule = String(repeating: "─", count: 78)
    var lines = [header, rule]
    for (index, criterion) in result.criteria.enumerated() {
      var name = explainer.criterionName(criterion.id)
      if name.count > nameWidth { name = String(name.prefix(nameWidth - 1)) + "…" }
      var line = Format.pad(criterion.id, 5) + Format.pad(name, nameWidth)
      if let own { line += Format.padLeft(own.criteria[index].points.map(w.plain) ?? "—", 11) }
      line +=
        Format.padLeft(criterion.points.map(w.plain) ?? "—", 7)
        + Format.padLeft(w.plain(criterion.maxPoints), 7)
      line += "  " + w.score(criterion.status) + (hasReconstructed(criterion, index) ? " *" : "")
      lines.append(line)
    }
    lines.append(rule)
    var total = Format.pad(w.t("Tổng", "Total"), nameWidth + 5)
    if let own { total += Format.padLeft(w.plain(own.total), 11) }
    total += Format.padLeft(w.plain(result.total), 7) + Format.padLeft(w.plain(result.maxTotal), 7)
    lines.append(total)
    return lines
  }

  func hasReconstructed(_ criterion: CriterionResult, _ index: Int) -> Bool {
    criterion.indicators.contains { $0.provenance == .reconstructed && ($0.points ?? 0) > 0 }
  }

  func explanations(_ result: Evaluation) -> [String] {
    var lines = [w.t("GIẢI THÍCH TỪNG CHỈ TIÊU", "EXPLANATION OF EACH INDICATOR")]
    var reconstructed = 0
    for (index, criterion) in result.criteria.enumerated() {
      lines.append(
        "\(criterion.id) \(explainer.criterionName(criterion.id)): "
          + (criterion.points.map { "\(w.plain($0))/\(w.plain(criterion.maxPoints))" }
            ?? w.score(.notVerifiable)))
      for gate in criterion.gates {
        let declared = rulebook.criteria[index].gates.first { $0.id == gate.id }
        let state: String
        switch gate.fired {
        case true?: state = w.t("→ tiêu chí bị 0 điểm", "→ criterion scores 0")
        case false?: state = w.t("→ không áp dụng", "→ does not apply")
        case nil:
          state = w.t("→ thiếu số liệu, chưa xác minh được", "→ missing, cannot be verified")
        }
        var reading =
          "\(explainer.fieldLabel(gate.field)) = " + (gate.value.map(String.init) ?? "—")
        if let declared, !declared.condition.isCountAboveZero {
          reading = explainer.gateSentence(declared, gate)
        }
        lines.append(
          "  \(gate.id) " + (declared?.description.text(language) ?? "") + ": \(reading)"
            + " \(state)" + (declared?.provenance.status == .reconstructed ? " *" : ""))
      }
      for indicator in criterion.indicators {
        let mark = indicator.provenance == .reconstructed && (indicator.points ?? 0) > 0 ? " *" : ""
        if mark != "", criterion.firedGate == nil { reconstructed += indicator.points ?? 0 }
        let points =
          indicator.points.map { "\(w.plain($0))/\(w.plain(indicator.maxPoints))" }
          ?? "—/\(w.plain(indicator.maxPoints))"
        lines.append(
          "  \(indicator.id) [\(points)]\(mark) " + explainer.explain(indicator, in: index))
      }
    }
    lines.append("")
    if reconstructed > 0 { lines.append(Explainer.reconstructedNote(w, points: reconstructed)) }
    return lines
  }

  func adjustments(_ assessment: Assessment) -> [String] {
    var lines = [w.t("ĐIỀU CHỈNH CỦA HỘI ĐỒNG THẨM ĐỊNH", "COUNCIL ADJUSTMENTS")]
    for effect in assessment.adjustments {
      let sign = effect.pointsEffect > 0 ? "+" : ""
      var line =
        "  - \(explainer.fieldLabel(effect.field)): \(explainer.value(effect.field, effect.from)) → "
      line +=
        "\(explainer.value(effect.field, effect.to)) (\(effect.reason)) → \(sign)\(w.plain(effect.pointsEffect)) "
        + w.t("điểm", "points")
      if let own = assessment.selfAssessed, own.status != effect.verdictAlone {
        line +=
          w.t(
            "; riêng điều chỉnh này đổi kết luận thành: ",
            "; this adjustment alone changes the verdict to: ") + w.status(effect.verdictAlone)
      }
      lines.append(line)
    }
    if let own = assessment.selfAssessed {
      lines.append(
        w.t("  Tự đánh giá: ", "  Self-assessed: ") + "\(w.plain(own.total)) — "
          + w.status(own.status))
      lines.append(
        w.t("  Sau thẩm định: ", "  After review: ") + "\(w.plain(assessment.result.total)) — "
          + w.status(assessment.result.status))
    }
    return lines
  }

  func path(_ path: PathToRecognition, values: EvidenceValues) -> [String] {
    var lines = [w.t("CẦN LÀM GÌ ĐỂ ĐẠT CHUẨN", "WHAT WOULD GET THE COMMUNE RECOGNISED")]
    if !path.evidenceNeeded.isEmpty {
      lines.append(
        w.t("  Trước hết bổ sung số liệu: ", "  First supply: ")
          + path.evidenceNeeded.map(explainer.fieldLabel).joined(separator: ", "))
    }
    if !path.achievable {
      for blocker in path.blockers { lines.append("  - " + explainer.blocker(blocker)) }
      return lines
    }
    for step in path.steps { lines.append("  - " + explainer.step(step, values: values)) }
    lines.append(
      w.t(
        "  Tổng điểm sau khi thực hiện: \(w.plain(path.totalAfter))",
        "  Total after these changes: \(w.plain(path.totalAfter))"))
    return lines
  }
}
