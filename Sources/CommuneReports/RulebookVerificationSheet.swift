import CommuneScoring

/// The printable verification sheet of a rulebook (`cfc rulebook show --format html`): every
/// recognition condition, gate and indicator with its rule in words beside the official wording
/// it encodes (source, quote or why there is none, verified or reconstructed), and boxes to tick
/// (Đúng / Sai) with room for a note, so that a legal officer checks a rulebook against the
/// Decision in one sitting. The footer says how a result is recorded: as an edit of the
/// rulebook's JSON, by its path.
public struct RulebookVerificationSheet: Renderer {
  public let explainer: Explainer

  /// A sheet for `rulebook`, in `language`.
  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  /// The sheet as a self-contained HTML file, printable on A4.
  public func html() -> String { DocumentHTML.render(document()) }

  /// The sheet as a Word file.
  public func docx() -> [UInt8] { DocxWriter.render(document()) }

  static let box = "☐"

  /// The sheet as a document.
  public func document() -> Document {
    let report = RulebookReport(rulebook: rulebook, language: language)
    let legend = Legend(rulebook: rulebook, language: language)
    var body: [Block] = [
      .title(
        w.t(
          "Phiếu đối chiếu bộ tiêu chí với văn bản gốc",
          "Verification sheet: rulebook against the official text"
        )),
      .subtitle(rulebook.title.text(language) + " — " + rulebook.citation, italic: true),
      .paragraph(
        w.t(
          "Bộ tiêu chí: \(rulebook.id), phiên bản \(rulebook.version). Phiếu này chỉ dùng cho đúng tệp có mã băm sha256 sau:",
          "Rulebook: \(rulebook.id), version \(rulebook.version). This sheet is valid only for the file whose sha256 is:"
        )),
      .fingerprint(rulebook.sha256),
    ]
    let indicators = rulebook.criteria.flatMap(\.indicators)
    let verified = indicators.filter { $0.provenance.status == .verified }
    let verifiedPoints = verified.reduce(0) { $0 + $1.maxPoints }
    body.append(
      .paragraph(
        w.t(
          "\(indicators.count) chỉ tiêu, \(rulebook.criteria.flatMap(\.gates).count) điều kiện loại trừ; đã xác minh \(verified.count) chỉ tiêu (\(w.number(verifiedPoints))/\(w.number(rulebook.maxTotal)) điểm), còn lại là tái dựng. Với mỗi dòng, người đối chiếu so quy tắc chấm điểm (cột 2) với nguyên văn của văn bản (cột 3), đánh dấu ô Đúng hoặc Sai và ghi chú chỗ khác (mức, điểm, điều kiện, điều/khoản).",
          "\(indicators.count) indicators, \(rulebook.criteria.flatMap(\.gates).count) gates; \(verified.count) indicators verified (\(w.number(verifiedPoints))/\(w.number(rulebook.maxTotal)) points), the rest reconstructed. For each line, compare the scoring rule (column 2) with the official wording (column 3), tick Correct or Wrong and note what differs (bracket, points, condition, article/clause)."
        )))

    let columns = [
      Table.Column(w.t("Mã", "Id"), width: 7),
      Table.Column(
        w.t("Quy tắc chấm điểm (theo bộ tiêu chí)", "Scoring rule (as the rulebook has it)"),
        width: 35),
      Table.Column(w.t("Nguồn và nguyên văn", "Source and official wording"), width: 30),
      Table.Column(w.t("Đúng", "Right"), width: 7),
      Table.Column(w.t("Sai", "Wrong"), width: 7),
      Table.Column(w.t("Ghi chú", "Note"), width: 14),
    ]
    var groups: [Table.Group] = []

    // Recognition: the thresholds and conditions are part of the Decision too.
    var recognition: [Table.Row] = [
      Table.Row(
        [Table.Cell(w.t("Điều kiện công nhận", "Recognition"), span: columns.count)], style: .group)
    ]
    var conditions: [String] = []
    if rulebook.recognition.allCriteriaAssessed {
      conditions.append(w.t("đánh giá đủ tất cả tiêu chí", "every criterion assessed"))
    }
    if rulebook.recognition.noCriterionAtZero {
      conditions.append(w.t("không có tiêu chí nào bị 0 điểm", "no criterion at 0 points"))
    }
    for category in rulebook.categories {
      let rule =
        category.name.text(language) + ": "
        + w.t(
          "từ \(w.number(category.threshold)) điểm trở lên",
          "at least \(w.number(category.threshold)) points")
        + (conditions.isEmpty ? "" : "; " + conditions.joined(separator: "; "))
      let position = rulebook.categories.firstIndex { $0.id == category.id } ?? 0
      recognition.append(
        row(
          id: w.t("Loại \(position + 1)", "Cat. \(position + 1)"), rule: rule,
          source: w.t("(ngưỡng công nhận theo loại xã)", "(recognition threshold by category)"),
          path: "categories[\(position)].threshold"))
    }
    // Minimums decide recognition too: each gets a line to tick, at the path it is written.
    if let minimum = rulebook.recognition.minimumPerCriterion {
      recognition.append(
        row(
          id: w.t("Tối thiểu", "Minimum"),
          rule: w.t(
            "Mỗi tiêu chí đạt từ \(w.number(minimum)) điểm trở lên (trừ tiêu chí có mức riêng)",
            "Every criterion at least \(w.number(minimum)) points (unless it has its own minimum)"),
          source: w.t("(điều kiện công nhận)", "(recognition condition)"),
          path: "recognition.minimumPerCriterion"))
    }
    for (criterionIndex, criterion) in rulebook.criteria.enumerated() {
      guard let minimum = criterion.minimumPoints else { continue }
      recognition.append(
        row(
          id: criterion.id,
          rule: w.t(
            "Tiêu chí \(criterion.id) đạt từ \(w.number(minimum)) điểm trở lên",
            "Criterion \(criterion.id) at least \(w.number(minimum)) points"),
          source: w.t("(điểm tối thiểu của tiêu chí)", "(the criterion's minimum)"),
          path: "criteria[\(criterionIndex)].minimumPoints"))
    }
    groups.append(Table.Group(recognition))

    for (criterionIndex, criterion) in rulebook.criteria.enumerated() {
      var rows: [Table.Row] = [
        Table.Row(
          [
            Table.Cell(
              "\(criterion.id). \(criterion.name.text(language)) — "
                + w.t(
                  "tối đa \(w.number(criterion.maxPoints)) điểm",
                  "up to \(w.number(criterion.maxPoints)) points"),
              span: columns.count)
          ], style: .group)
      ]
      for (gateIndex, gate) in criterion.gates.enumerated() {
        rows.append(
          row(
            id: gate.id,
            // The condition the engine applies, in words, beside the gate's own label: the
            // checker must see what is encoded, not only what its author called it.
            rule: w.t("Điều kiện: ", "Gate: ") + gate.description.text(language)
              + w.t(" — tiêu chí bị 0 điểm khi ", " — the criterion scores 0 when ")
              + explainer.gateConditionInWords(gate.condition),
            provenance: gate.provenance, report: report, legend: legend,
            path: "criteria[\(criterionIndex)].gates[\(gateIndex)].provenance"))
      }
      for (indicatorIndex, indicator) in criterion.indicators.enumerated() {
        rows.append(
          row(
            id: indicator.id,
            rule: indicator.name.text(language) + " ("
              + w.t(
                "tối đa \(w.number(indicator.maxPoints)) điểm",
                "up to \(w.number(indicator.maxPoints)) points")
              + "): " + explainer.ruleInWords(indicator.rule)
              + explainer.minimumSuffix(indicator.minimumPoints),
            provenance: indicator.provenance, report: report, legend: legend,
            path: "criteria[\(criterionIndex)].indicators[\(indicatorIndex)].provenance"))
      }
      groups.append(Table.Group(rows))
    }
    for (index, text) in legend.texts.enumerated() {
      body.append(.note("[\(index + 1)] " + text))
    }
    body.append(
      .table(Table(className: "verification", columns: columns, groups: groups, compact: true)))

    body.append(
      .heading(w.t("Ghi kết quả đối chiếu vào bộ tiêu chí", "Recording the result in the rulebook"))
    )
    body.append(
      .list(
        [
          w.t(
            "Dòng Đúng: trong tệp JSON của bộ tiêu chí, tại đường dẫn ghi ở dòng đó (ví dụ criteria[1].indicators[0].provenance), đặt \"status\": \"verified\", chép nguyên văn vào \"quote\": {\"text\": \"…\"} (bắt buộc khi đã xác minh) và ghi \"source\": {\"document\": …, \"article\": …, \"clause\": …}.",
            "Correct: in the rulebook's JSON file, at the path printed on the line (e.g. criteria[1].indicators[0].provenance), set \"status\": \"verified\", copy the wording into \"quote\": {\"text\": \"…\"} (required for verified) and fill \"source\": {\"document\": …, \"article\": …, \"clause\": …}."
          ),
          w.t(
            "Dòng Sai: sửa \"rule\" của chỉ tiêu (hoặc \"threshold\" của loại xã) theo văn bản, để \"status\": \"reconstructed\" cho đến khi đối chiếu lại, và ghi lý do vào \"note\": {\"vi\": …, \"en\": …}.",
            "Wrong: correct the indicator's \"rule\" (or the category's \"threshold\") from the text, keep \"status\": \"reconstructed\" until checked again, and give the reason in \"note\": {\"vi\": …, \"en\": …}."
          ),
          w.t(
            "Sau khi sửa: cfc rulebook validate TỆP (kiểm tra), cfc rulebook test TỆP (các trường hợp thử), cfc rulebook diff CŨ MỚI --batch DANH-SÁCH (xã nào đổi kết luận); tệp mới có mã băm mới, cần in phiếu mới.",
            "After editing: cfc rulebook validate FILE (checks), cfc rulebook test FILE (test cases), cfc rulebook diff OLD NEW --batch LIST (which communes change verdict); the edited file has a new hash and needs a new sheet."
          ),
        ], ordered: false))
    body.append(
      .fillIn(
        w.t(
          "Kết luận (số dòng Đúng, số dòng Sai, những chỗ cần sửa):",
          "Conclusion (lines correct, lines wrong, what must be corrected):"), lines: 2))
    let closing = Closing(
      signers: [
        Signer(
          capacity: [w.t("NGƯỜI ĐỐI CHIẾU", "CHECKED BY")],
          hint: w.t("(Ký, ghi rõ họ tên, chức vụ)", "(signature, full name, position)"), name: nil),
        Signer(
          capacity: [w.t("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF THE OFFICE")],
          hint: w.t("(Ký tên, đóng dấu)", "(signature and seal)"), name: nil),
      ], recipients: [])
    return Document(
      title: w.t("Phiếu đối chiếu bộ tiêu chí ", "Verification sheet ") + rulebook.id,
      language: language,
      frame: Frame(
        issuer: [Paperwork.blank + Paperwork.blank + Paperwork.blank],
        number: nil, placeDate: Paperwork(w: w, values: FrameValues()).placeDate),
      body: body, closing: closing)
  }

  /// A line of the table: the rule beside its source and wording, with boxes to tick.
  func row(
    id: String, rule: String, provenance: Provenance, report: RulebookReport, legend: Legend,
    path: String
  ) -> Table.Row {
    var source: [String] = []
    let status =
      provenance.status == .verified
      ? w.t("[đã xác minh]", "[verified]") : w.t("[tái dựng]", "[reconstructed]")
    source.append(status)
    if let document = provenance.source {
      source.append(report.sourceText(document))
    }
    switch provenance.quote {
    case .text(let text): source.append("“\(text)”")
    case .missing(let why):
      source.append(w.t("Chưa có nguyên văn", "Not quoted") + legend.reference(why.text(language)))
    case nil: source.append(w.t("Chưa có nguyên văn", "Not quoted"))
    }
    if let note = provenance.note {
      source.append(w.t("Ghi chú", "Note") + legend.reference(note.text(language)))
    }
    return row(id: id, rule: rule, source: source.joined(separator: " — "), path: path)
  }

  /// The JSON path is a mark after the source, with a space before it so it may wrap.
  func row(id: String, rule: String, source: String, path: String) -> Table.Row {
    Table.Row(
      [
        Table.Cell(id), Table.Cell(rule), Table.Cell(source + " ", mark: path),
        Table.Cell(Self.box),
        Table.Cell(Self.box), Table.Cell(""),
      ], attributes: [Attribute("data-id", id), Attribute("data-path", path)])
  }
}

/// Texts many lines share (why a rule is not quoted, a common note), printed once above the
/// table and referred to by number, so each line stays short enough to read in one sitting.
struct Legend {
  /// The shared texts, in order of first use.
  let texts: [String]

  init(rulebook: Rulebook, language: Language) {
    var counts: [String: Int] = [:]
    var order: [String] = []
    let provenances =
      rulebook.criteria.flatMap { $0.gates.map(\.provenance) + $0.indicators.map(\.provenance) }
    for provenance in provenances {
      var texts: [String] = []
      if case .missing(let why) = provenance.quote { texts.append(why.text(language)) }
      if let note = provenance.note { texts.append(note.text(language)) }
      for text in texts {
        if counts[text] == nil { order.append(text) }
        counts[text, default: 0] += 1
      }
    }
    texts = order.filter { (counts[$0] ?? 0) >= 3 }
  }

  /// " [2]" for a shared text, ": text" for one of its own.
  func reference(_ text: String) -> String {
    guard let index = texts.firstIndex(of: text) else { return ": " + text }
    return " [\(index + 1)]"
  }
}
