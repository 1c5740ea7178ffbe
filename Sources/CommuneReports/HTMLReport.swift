import CommuneScoring

/// A commune's scoring sheet as an administrative document of its People's Committee: the frame,
/// identity, verdict, scoring table, explanations, signatures. Written as HTML (`render`) or as a
/// Word file (`docx`) from the same `Document`.
public struct HTMLReport: Renderer {
  public let explainer: Explainer
  /// What people filled into the frame (blanks otherwise).
  public let values: FrameValues

  public init(rulebook: Rulebook, language: Language, frame: FrameValues = FrameValues()) {
    explainer = Explainer(rulebook: rulebook, language: language)
    values = frame
  }

  /// The sheet as one HTML file.
  public func render(_ assessment: Assessment) -> String {
    DocumentHTML.render(document(assessment))
  }

  /// The sheet as a Word (.docx) file.
  public func docx(_ assessment: Assessment) -> [UInt8] {
    DocxWriter.render(document(assessment))
  }

  /// The sheet as structured content.
  public func document(_ assessment: Assessment) -> Document {
    let commune = assessment.commune
    let paper = Paperwork(w: w, values: values)
    let title = w.t(
      "Bảng điểm đánh giá xã, phường, thị trấn phù hợp với trẻ em năm \(assessment.year) — \(commune.name)",
      "Child-friendly commune scoring sheet \(assessment.year) — \(commune.name)")
    var body: [Block] = [
      .title(
        w.t(
          "BẢNG ĐIỂM ĐÁNH GIÁ XÃ, PHƯỜNG, THỊ TRẤN PHÙ HỢP VỚI TRẺ EM",
          "CHILD-FRIENDLY COMMUNE SCORING SHEET")),
      .subtitle(w.t("Năm \(assessment.year)", "Year \(assessment.year)"), italic: false),
      .subtitle(
        w.t("(Theo \(rulebook.citation))", "(Under \(rulebook.citation))"), italic: true),
      .table(identity(assessment)),
      verdict(assessment),
      .heading(w.t("I. BẢNG CHẤM ĐIỂM", "I. SCORING TABLE")),
      .table(scoringTable(assessment)),
    ]
    body.append(
      .chart(
        Chart(
          bars: assessment.result.criteria.map {
            Chart.Bar(
              label: $0.id, value: $0.points, maximum: $0.maxPoints,
              title: explainer.criterionName($0.id))
          },
          caption: w.t(
            "Điểm từng tiêu chí so với điểm tối đa (đỏ: 0 điểm; nét đứt: chưa xác minh)",
            "Points per criterion against the maximum (red: 0 points; dashed: not verifiable)"),
          counts: false, pointScale: rulebook.pointScale)))
    var section = 2
    if !assessment.adjustments.isEmpty {
      body.append(
        .heading(
          roman(section) + w.t(". ĐIỀU CHỈNH CỦA HỘI ĐỒNG THẨM ĐỊNH", ". COUNCIL ADJUSTMENTS")))
      body.append(.table(adjustments(assessment)))
      section += 1
    }
    if let path = assessment.path {
      body.append(
        .heading(
          roman(section)
            + w.t(". CẦN LÀM GÌ ĐỂ ĐẠT CHUẨN", ". WHAT WOULD GET THE COMMUNE RECOGNISED")))
      body += self.path(path, values: assessment.result.values)
      section += 1
    }
    body.append(
      .heading(
        roman(section) + w.t(". GIẢI THÍCH TỪNG CHỈ TIÊU", ". EXPLANATION OF EACH INDICATOR")))
    body.append(.table(explanations(assessment.result)))
    body += notes(assessment)
    return Document(
      title: title, language: language,
      frame: Frame(
        issuer: paper.issuer(default: Issuer.committee(of: commune.name, w)),
        number: paper.number(kind: "BC-UBND"), placeDate: paper.placeDate),
      body: body,
      closing: Closing(
        signers: [paper.preparer, paper.chair(w.t("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE"))],
        recipients: paper.recipients(default: defaultRecipients(commune))))
  }

  func roman(_ number: Int) -> String {
    ["I", "II", "III", "IV", "V", "VI"][min(max(number, 1), 6) - 1]
  }

  func defaultRecipients(_ commune: CommuneIdentity) -> [String] {
    let district = commune.district.map {
      w.t("Ủy ban nhân dân \($0)", "People's Committee of \($0)")
    }
    return [
      district ?? w.t("Ủy ban nhân dân cấp huyện", "District People's Committee"),
      w.t("Hội đồng đánh giá cấp huyện", "District assessment council"),
    ]
  }

  func identity(_ assessment: Assessment) -> Table {
    let commune = assessment.commune
    var rows: [(String, String)] = [
      (
        w.t("Xã, phường, thị trấn", "Commune"),
        "\(commune.name) (\(w.t("mã", "code")) \(commune.code))"
      ),
      (
        w.t("Huyện, tỉnh", "District, province"),
        [commune.district, commune.province].compactMap { $0 }.joined(separator: ", ")
      ),
      (w.t("Loại", "Category"), explainer.categoryName(commune.category)),
      (
        w.t("Ngưỡng công nhận", "Recognition threshold"),
        w.t(
          "từ \(w.plain(assessment.result.threshold)) điểm trở lên, không tiêu chí nào 0 điểm",
          "at least \(w.plain(assessment.result.threshold)) points, no criterion at 0")
      ),
    ]
    if let review = assessment.review {
      rows.append(
        (
          w.t("Thẩm định", "Reviewed by"),
          review.council ?? w.t("hội đồng thẩm định", "the reviewing council")
        ))
    }
    return Table(
      className: "identity",
      columns: [.init("", width: 30), .init("", width: 70)], header: false,
      groups: [.init(rows.map { Table.Row([.init($0.0), .init($0.1)]) })])
  }

  func verdict(_ assessment: Assessment) -> Block {
    let result = assessment.result
    var blocks: [Block] = [
      .paragraph(
        w.t("Kết luận: ", "Verdict: ") + w.status(result.status) + " — "
          + w.t("tổng điểm ", "total ") + "\(w.plain(result.total))/\(w.plain(result.maxTotal))")
    ]
    if let outlook = result.outlook {
      blocks.append(
        .paragraph(
          w.t(
            "Nếu bổ sung số liệu còn thiếu: từ \(w.plain(outlook.worstTotal)) đến \(w.plain(outlook.bestTotal)) điểm.",
            "With the missing evidence: between \(w.plain(outlook.worstTotal)) and \(w.plain(outlook.bestTotal)) points."
          )))
    }
    if !result.reasons.isEmpty {
      blocks.append(
        .list(
          result.reasons.map { explainer.reason($0, category: assessment.commune.category) },
          ordered: false))
    }
    return .box(
      className: "verdict \(result.status.rawValue)",
      attributes: [
        Attribute("data-status", result.status.rawValue),
        Attribute("data-total", rulebook.pointsText(result.total)),
      ], blocks)
  }

  /// The mark after points a reconstructed rule decided, explained once in the notes.
  var mark: String { "*" }

  func scoringTable(_ assessment: Assessment) -> Table {
    let result = assessment.result
    let own = assessment.selfAssessed
    var columns: [Table.Column] = [
      .init(w.t("TT", "No."), width: 6, numeric: true),
      .init(w.t("Tiêu chí", "Criterion"), width: own == nil ? 57 : 47),
      .init(w.t("Điểm tối đa", "Maximum"), width: 10, numeric: true),
      .init(w.t("Tự đánh giá", "Self-assessed"), width: 11, numeric: true),
    ]
    if own != nil { columns.append(.init(w.t("Thẩm định", "Reviewed"), width: 11, numeric: true)) }
    columns.append(.init(w.t("Ghi chú", "Notes"), width: own == nil ? 16 : 15))
    var rows: [Table.Row] = []
    for (index, criterion) in result.criteria.enumerated() {
      let selfPoints = own?.criteria[index].points ?? criterion.points
      let reconstructed = criterion.indicators.contains {
        $0.provenance == .reconstructed && ($0.points ?? 0) > 0
      }
      var cells: [Table.Cell] = [
        .init("\(index + 1)"),
        .init("\(explainer.criterionName(criterion.id)) (\(criterion.id))"),
        .init(w.plain(criterion.maxPoints)),
        .init(
          selfPoints.map(w.plain) ?? "—", mark: own == nil && reconstructed ? mark : nil),
      ]
      if own != nil {
        cells.append(
          .init(criterion.points.map(w.plain) ?? "—", mark: reconstructed ? mark : nil))
      }
      cells.append(.init(note(criterion, index)))
      let style: Table.RowStyle =
        criterion.status == .zero ? .alert : (criterion.status == .notVerifiable ? .open : .normal)
      rows.append(
        Table.Row(
          cells, style: style,
          attributes: [
            Attribute("data-criterion", criterion.id),
            Attribute("data-points", criterion.points.map(rulebook.pointsText) ?? ""),
            Attribute("data-max", rulebook.pointsText(criterion.maxPoints)),
          ]))
    }
    var total: [Table.Cell] = [
      .init(""), .init(w.t("Tổng cộng", "Total")), .init(w.plain(result.maxTotal)),
      .init(w.plain(own?.total ?? result.total)),
    ]
    if own != nil { total.append(.init(w.plain(result.total))) }
    total.append(.init(""))
    return Table(
      className: "score", columns: columns, groups: [.init(rows)],
      footer: [Table.Row(total, style: .total)])
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
        w.t("thiếu số liệu: ", "missing: ")
          + criterion.missingFields.map(explainer.fieldName).joined(separator: ", "))
    }
    return notes.joined(separator: "; ")
  }

  func adjustments(_ assessment: Assessment) -> Table {
    let rows = assessment.adjustments.map { effect in
      Table.Row([
        .init(explainer.fieldLabel(effect.field)),
        .init(explainer.value(effect.field, effect.from)),
        .init(explainer.value(effect.field, effect.to)), .init(effect.reason),
        .init("\(effect.pointsEffect > 0 ? "+" : "")\(w.plain(effect.pointsEffect))"),
      ])
    }
    return Table(
      className: "adjustments",
      columns: [
        .init(w.t("Số liệu", "Figure"), width: 34),
        .init(w.t("Xã báo cáo", "Commune"), width: 12, numeric: true),
        .init(w.t("Thẩm định", "Council"), width: 12, numeric: true),
        .init(w.t("Lý do", "Reason"), width: 30),
        .init(w.t("Ảnh hưởng", "Effect"), width: 12, numeric: true),
      ], groups: [.init(rows)])
  }

  func path(_ path: PathToRecognition, values: EvidenceValues) -> [Block] {
    var out: [Block] = []
    if !path.evidenceNeeded.isEmpty {
      out.append(
        .paragraph(
          w.t("Trước hết bổ sung số liệu: ", "First supply: ")
            + path.evidenceNeeded.map(explainer.fieldLabel).joined(separator: ", ")))
    }
    if !path.achievable {
      out.append(.list(path.blockers.map(explainer.blocker), ordered: false))
      return out
    }
    out.append(.list(path.steps.map { explainer.step($0, values: values) }, ordered: true))
    out.append(
      .paragraph(
        w.t(
          "Tổng điểm sau khi thực hiện: \(w.plain(path.totalAfter))",
          "Total after these changes: \(w.plain(path.totalAfter))")))
    return out
  }

  func explanations(_ result: Evaluation) -> Table {
    var groups: [Table.Group] = []
    for (index, criterion) in result.criteria.enumerated() {
      var rows = [
        Table.Row(
          [
            .init(
              "\(criterion.id) \(explainer.criterionName(criterion.id)): \(criterion.points.map { "\(w.plain($0))/\(w.plain(criterion.maxPoints))" } ?? w.score(.notVerifiable))",
              span: 3)
          ], style: .group)
      ]
      for indicator in result.criteria[index].indicators {
        rows.append(
          Table.Row(
            [
              .init(indicator.id, mark: indicator.provenance == .reconstructed ? mark : nil),
              .init("\(indicator.points.map(w.plain) ?? "—")/\(w.plain(indicator.maxPoints))"),
              .init(explainer.explain(indicator, in: index)),
            ],
            attributes: [
              Attribute("data-indicator", indicator.id),
              Attribute("data-points", indicator.points.map(rulebook.pointsText) ?? ""),
            ]))
      }
      groups.append(.init(rows, together: true))
    }
    return Table(
      className: "explain",
      columns: [
        .init(w.t("Chỉ tiêu", "Indicator"), width: 11),
        .init(w.t("Điểm", "Points"), width: 11, numeric: true),
        .init(w.t("Cách tính", "How it was scored"), width: 78),
      ], groups: groups)
  }

  /// The one explanation of the mark, and the receipt anyone can re-check.
  func notes(_ assessment: Assessment) -> [Block] {
    let reconstructed = JSONReport(rulebook: rulebook, language: language).reconstructedPoints(
      assessment.result)
    var receipt =
      w.t("Mã kiểm tra: bộ tiêu chí ", "Receipt: rulebook ")
      + "\(assessment.rulebookID) \(assessment.rulebookVersion) (SHA-256 \(assessment.rulebookSHA256))"
    if let input = assessment.inputSHA256 {
      receipt += w.t("; hồ sơ số liệu (SHA-256 ", "; evidence record (SHA-256 ") + input + ")"
    }
    receipt += w.t(
      "; chương trình \(EngineInfo.name) \(EngineInfo.version).",
      "; \(EngineInfo.name) \(EngineInfo.version).")
    var out: [Block] = []
    if reconstructed > 0 {
      out.append(.note(Explainer.reconstructedNote(w, points: reconstructed)))
    }
    out.append(.note(receipt))
    return out
  }
}

extension Explainer {
  /// The one sentence that explains the mark after points decided by a reconstructed rule.
  static func reconstructedNote(_ w: Wording, points: Int) -> String {
    w.t(
      "Ghi chú: (*) điểm chấm theo mức điểm được xây dựng lại từ nội dung Quyết định (\(w.plain(points)) điểm trong bảng này); khi thẩm định, đối chiếu với biểu điểm chính thức.",
      "Note: (*) points scored on brackets rebuilt from the Decision's text (\(w.plain(points)) points on this sheet); check them against the official scoring table when reviewing."
    )
  }
}
