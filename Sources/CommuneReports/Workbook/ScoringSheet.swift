import CommuneScoring

/// The scoring sheet, laid out like the official self-assessment table: each criterion, its
/// gates and indicators with the maximum and the live points, then the total, the threshold of
/// the chosen category and the verdict, and the signature block.
struct ScoringSheetBuilder {
  let workbook: TemplateWorkbook
  let results: TemplateResults
  var w: Wording { workbook.w }
  var rulebook: Rulebook { workbook.rulebook }
  var language: Language { workbook.language }
  var context: FormulaContext { workbook.context }
  var scale: Int { rulebook.pointScale }

  static let points = 3
  static let best = 5
  static let worst = 6
  /// Hidden, only for a rulebook with minimums: the sentence of a minimum not met (criterion,
  /// indicator and verdict rows), and whether a criterion's minimums are met at worst.
  static let minimumReason = 7
  static let minimumAtWorst = 8

  func build(sheetIndex: Int, names: inout [DefinedName]) throws(TemplateError) -> SheetModel {
    var sheet = SheetModel(name: workbook.scoringSheetName)
    sheet.widths = [7, 56, 9, 15, 62, 8, 8]
    sheet.hiddenColumns = [Self.best, Self.worst]
    let minimums = rulebook.criteria.contains { $0.hasMinimums(in: rulebook) }
    if minimums {
      sheet.widths += [30, 8]
      sheet.hiddenColumns.formUnion([Self.minimumReason, Self.minimumAtWorst])
    }
    sheet.onePage = true
    func name(_ name: String, _ cell: CellAddress) {
      names.append(DefinedName(name: name, sheet: sheetIndex, from: cell))
    }
    sheet.merged(
      0, 0, 4, .text(w.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM")),
      .subtitle)
    sheet.merged(
      1, 0, 4, .text(w.t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness")),
      .subtitle)
    sheet.merged(
      3, 0, 4,
      .text(
        w.t(
          "BIỂU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM XÃ, PHƯỜNG, THỊ TRẤN PHÙ HỢP VỚI TRẺ EM",
          "CHILD-FRIENDLY COMMUNE SELF-ASSESSMENT AND SCORING TABLE")), .title)
    sheet.heights[3] = 40
    sheet.merged(
      4, 0, 4,
      .formula(
        "IF(ISNUMBER(cfc_year),\(lit(w.t("Năm ", "Year ")))&cfc_year,\(lit(w.t("Năm ........", "Year ........"))))",
        cached: .text(yearLine)), .italicCenter)
    sheet.merged(
      5, 0, 4,
      .formula(
        "IF(cfc_name=\"\",\(lit(w.t("Đơn vị: ........................", "Commune: ........................"))),cfc_name&IF(cfc_district=\"\",\"\",\", \"&cfc_district)&IF(cfc_province=\"\",\"\",\", \"&cfc_province))",
        cached: .text(placeLine)), .subtitle)
    sheet.merged(
      6, 0, 4,
      .formula(
        "\(lit(w.t("Loại: ", "Category: ")))&IF(cfc_category=\"\",\(lit(w.t("(chưa chọn)", "(not chosen)"))),cfc_category)",
        cached: .text(categoryLine)), .italicCenter)
    sheet.heights[6] = 32
    let headers = [
      w.t("STT", "No."), w.t("Tiêu chí, chỉ tiêu", "Criterion, indicator"),
      w.t("Điểm tối đa", "Max. points"), w.t("Điểm tự chấm", "Points"),
      w.t("Cách chấm điểm", "How points are given"), w.t("tối đa còn có", "best"),
      w.t("tối thiểu", "worst"),
    ]
    let headerRow = 8
    for (column, header) in headers.enumerated() {
      sheet.set(headerRow, column, .text(header), .header)
    }
    sheet.heights[headerRow] = 34
    sheet.printTitles = headerRow...headerRow
    sheet.frozenRows = headerRow + 1
    names.append(
      DefinedName(
        name: "_xlnm.Print_Titles", sheet: sheetIndex, from: CellAddress(headerRow, 0),
        to: CellAddress(headerRow, 6), local: true))

    var row = headerRow + 1
    var criterionCells: [String] = []
    var bestCells: [String] = []
    var worstCells: [String] = []
    var allIndicatorCells: [[String]] = []
    var reasonCells: [String] = []
    var atWorstCells: [String] = []
    var reconstructed = false
    for criterion in rulebook.criteria {
      let criterionRow = row
      row += 1
      var rows: [(Gate?, Indicator?)] = criterion.gates.map { ($0, nil) }
      rows += criterion.indicators.map { (nil, $0) }
      var indicatorCells: [String] = []
      var indicatorReasons: [String] = []
      for (gate, indicator) in rows {
        if let gate {
          sheet.set(row, 0, .empty, .number)
          sheet.set(
            row, 1, .text(w.t("Điều kiện: ", "Condition: ") + gate.description.text(language)),
            .label)
          sheet.set(row, 2, .empty, .number)
          let formula =
            "IF(\(gate.firedFormula(context)),\(lit(w.t("có → tiêu chí 0 điểm", "yes → criterion at 0"))),IF(\(gate.missingFormula(context)),\(context.missingText),\(lit(w.t("không", "no")))))"
          sheet.set(
            row, Self.points, .formula(formula, cached: results.gates[gate.id] ?? .text("")),
            .result)
          sheet.set(row, 4, .text(gate.description.text(language)), .note)
        } else if let indicator {
          guard let formula = RuleFormulas.points(indicator.rule, context) else {
            throw .ruleWithoutFormula(
              indicator: indicator.id, kind: type(of: indicator.rule).kind)
          }
          let dagger = indicator.provenance.status == .reconstructed ? " †" : ""
          reconstructed = reconstructed || !dagger.isEmpty
          sheet.set(row, 0, .text(indicator.id.replacing("T", with: "")), .number)
          sheet.set(row, 1, .text(indicator.name.text(language) + dagger), .label)
          sheet.set(row, 2, .points(indicator.maxPoints, scale: scale), .number)
          let cell = CellAddress(row, Self.points)
          let indicatorName = TemplateResults.name(indicator.id)
          sheet.set(
            row, Self.points,
            .formula(formula, cached: results.byName[indicatorName] ?? .number(0)),
            .result)
          name(indicatorName, cell)
          indicatorCells.append(cell.reference)
          sheet.set(
            row, 4,
            .text(
              RuleFormulas.note(indicator.rule, workbook.explainer)
                + workbook.explainer.minimumSuffix(indicator.minimumPoints)), .note)
          if indicator.minimumPoints != nil {
            let reason = CellAddress(row, Self.minimumReason)
            sheet.set(
              row, Self.minimumReason,
              .formula(
                criterion.indicatorMinimumReasonFormula(
                  indicator, cell: cell.reference, explainer: workbook.explainer,
                  noCriterionAtZero: rulebook.recognition.noCriterionAtZero, context),
                cached: .text(results.minimumReasons[indicator.id] ?? "")), .number)
            indicatorReasons.append(reason.reference)
          }
        }
        row += 1
      }
      let criterionName = TemplateResults.name(criterion.id)
      sheet.set(criterionRow, 0, .text(criterion.id.replacing("T", with: "")), .boldCenter)
      sheet.set(
        criterionRow, 1,
        .text(
          w.t("Tiêu chí ", "Criterion ") + criterion.id.replacing("T", with: "") + ". "
            + criterion.name.text(language)),
        .labelBold)
      sheet.set(criterionRow, 2, .points(criterion.maxPoints, scale: scale), .boldCenter)
      let cell = CellAddress(criterionRow, Self.points)
      sheet.set(
        criterionRow, Self.points,
        .formula(
          criterion.pointsFormula(indicatorCells: indicatorCells, context),
          cached: results.byName[criterionName] ?? .number(0)), .resultBold)
      sheet.set(
        criterionRow, 4,
        rulebook.minimumPoints(of: criterion).map {
          .text(
            w.t("Tối thiểu ", "At least ") + w.points($0)
              + w.t(" để được công nhận", " for recognition"))
        } ?? .empty, .labelBold)
      sheet.set(
        criterionRow, Self.best,
        .formula(
          criterion.bestFormula(indicatorCells: indicatorCells, context),
          cached: .points(results.best[criterion.id] ?? 0, scale: scale)), .number)
      sheet.set(
        criterionRow, Self.worst,
        .formula(
          criterion.worstFormula(indicatorCells: indicatorCells, context),
          cached: .points(results.worst[criterion.id] ?? 0, scale: scale)), .number)
      name(criterionName, cell)
      criterionCells.append(cell.reference)
      bestCells.append(CellAddress(criterionRow, Self.best).reference)
      worstCells.append(CellAddress(criterionRow, Self.worst).reference)
      allIndicatorCells.append(indicatorCells)
      if let minimum = rulebook.minimumPoints(of: criterion) {
        let reason = CellAddress(criterionRow, Self.minimumReason)
        sheet.set(
          criterionRow, Self.minimumReason,
          .formula(
            criterion.minimumReasonFormula(
              minimum: minimum, points: cell.reference, best: bestCells[bestCells.count - 1],
              explainer: workbook.explainer,
              noCriterionAtZero: rulebook.recognition.noCriterionAtZero, context),
            cached: .text(results.minimumReasons[criterion.id] ?? "")), .number)
        reasonCells.append(reason.reference)
      }
      reasonCells += indicatorReasons
      if criterion.hasMinimums(in: rulebook) {
        let atWorst = CellAddress(criterionRow, Self.minimumAtWorst)
        sheet.set(
          criterionRow, Self.minimumAtWorst,
          .formula(
            criterion.minimumsAtWorstFormula(
              minimum: rulebook.minimumPoints(of: criterion),
              worst: worstCells[worstCells.count - 1], indicatorCells: indicatorCells, context),
            cached: .number(results.minimumsAtWorst[criterion.id] == false ? 0 : 1)), .number)
        atWorstCells.append(atWorst.reference)
      }
    }

    // The total, the threshold and the verdict.
    let totalRow = row
    let thresholdRow = row + 1
    let verdictRow = row + 2
    let cells = VerdictCells(
      criteria: criterionCells, best: bestCells, worst: worstCells,
      total: CellAddress(totalRow, Self.points).reference,
      threshold: CellAddress(thresholdRow, Self.points).reference,
      bestTotal: CellAddress(totalRow, Self.best).reference,
      worstTotal: CellAddress(totalRow, Self.worst).reference,
      status: CellAddress(verdictRow, Self.best).reference,
      decided: CellAddress(verdictRow, Self.worst).reference, indicators: allIndicatorCells,
      minimumReasons: minimums ? CellAddress(verdictRow, Self.minimumReason).reference : nil,
      minimumsAtWorst: atWorstCells)
    sheet.set(totalRow, 0, .empty, .labelBold)
    sheet.set(totalRow, 1, .text(w.t("TỔNG ĐIỂM", "TOTAL")), .labelBold)
    sheet.set(totalRow, 2, .points(rulebook.maxTotal, scale: scale), .boldCenter)
    sheet.set(
      totalRow, Self.points,
      .formula(
        context.rounded("SUM(\(criterionCells.joined(separator: ",")))"),
        cached: results.byName["cfc_total"] ?? .number(0)),
      .resultBold)
    name("cfc_total", CellAddress(totalRow, Self.points))
    let incompleteNote =
      "IF(COUNT(\(criterionCells.joined(separator: ",")))<\(criterionCells.count),"
      + "\(lit(w.t("Điểm chắc chắn; nếu bổ sung số liệu: từ ", "Certain points; with the missing figures: from ")))&\(cells.worstTotal)&\(lit(w.t(" đến ", " to ")))&\(cells.bestTotal)&\(lit(w.t(" điểm", " points"))),\"\")"
    sheet.set(totalRow, 4, .formula(incompleteNote, cached: .text(incompleteLine)), .note)
    sheet.set(
      totalRow, Self.best,
      .formula(
        context.rounded("SUM(\(bestCells.joined(separator: ",")))"),
        cached: .points(results.bestTotal, scale: scale)),
      .number)
    sheet.set(
      totalRow, Self.worst,
      .formula(
        context.rounded("SUM(\(worstCells.joined(separator: ",")))"),
        cached: .points(results.worstTotal, scale: scale)),
      .number)

    sheet.set(thresholdRow, 0, .empty, .label)
    sheet.set(
      thresholdRow, 1,
      .text(
        w.t(
          "Số điểm tối thiểu để được công nhận (theo loại xã)",
          "Points needed for recognition (by category)")),
      .label)
    sheet.set(thresholdRow, 2, .empty, .number)
    sheet.set(
      thresholdRow, Self.points,
      .formula(thresholdFormula(), cached: results.byName["cfc_threshold"] ?? .number(0)),
      .resultBold)
    name("cfc_threshold", CellAddress(thresholdRow, Self.points))
    sheet.set(
      thresholdRow, 4,
      .text(
        rulebook.recognition.noCriterionAtZero
          ? w.t("Và không tiêu chí nào 0 điểm", "And no criterion at 0") : ""), .note)

    sheet.set(verdictRow, 0, .text(w.t("KẾT LUẬN", "VERDICT")), .labelBold)
    sheet.merged(verdictRow, 0, 1, .text(w.t("KẾT LUẬN", "VERDICT")), .labelBold)
    sheet.merged(
      verdictRow, 2, 4,
      .formula(verdictFormula(cells), cached: results.byName["cfc_verdict"] ?? .text("")), .verdict)
    // Room for the sentences of the minimums not met, which appear as the officer types; a
    // spreadsheet does not grow a merged cell's row by itself.
    sheet.heights[verdictRow] = minimums ? 112 : 48
    name("cfc_verdict", CellAddress(verdictRow, 2))
    sheet.set(
      verdictRow, Self.best,
      .formula(
        rulebook.recognition.statusFormula(cells), cached: results.byName["cfc_status"] ?? .text("")
      ),
      .number)
    name("cfc_status", CellAddress(verdictRow, Self.best))
    sheet.set(
      verdictRow, Self.worst,
      .formula(rulebook.recognition.decidedFormula(cells), cached: .text(results.decided)), .number)
    if minimums {
      // Every sentence, in rulebook order, joined by "; " (the first separator cut off).
      let joined = reasonCells.map { "IF(\($0)=\"\",\"\",\"; \"&\($0))" }.joined(separator: "&")
      sheet.set(
        verdictRow, Self.minimumReason,
        .formula(
          "MID(\(joined),3,32767)", cached: .text(results.allMinimumReasons)), .number)
    }

    row = verdictRow + 2
    if reconstructed {
      sheet.merged(
        row, 0, 4,
        .text(
          w.t(
            "† Chỉ tiêu có mức điểm tái dựng, chưa đối chiếu được với bảng điểm chính thức: cần kiểm tra trước khi ra quyết định công nhận.",
            "† Indicator whose brackets are reconstructed, not checked against the official table: check before a real recognition decision."
          )), .note)
      sheet.heights[row] = 30
      row += 2
    }
    sheet.merged(
      row, 3, 4, .text(w.t("......, ngày ... tháng ... năm ......", "......, date ............")),
      .italicCenter)
    row += 1
    sheet.merged(row, 0, 1, .text(w.t("NGƯỜI LẬP BIỂU", "PREPARED BY")), .subtitle)
    sheet.merged(
      row, 3, 4, .text(w.t("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "FOR THE PEOPLE'S COMMITTEE\nCHAIR")),
      .subtitle)
    sheet.heights[row] = 34
    row += 1
    sheet.merged(
      row, 0, 1, .text(w.t("(Ký, ghi rõ họ tên)", "(Signature, full name)")), .italicCenter)
    sheet.merged(
      row, 3, 4, .text(w.t("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, seal)")),
      .italicCenter)
    sheet.fitRowHeights()
    return sheet
  }

  func lit(_ text: String) -> String { FormulaContext.literal(text) }

  /// The chosen category's threshold, by nested IFs over its accepted words.
  func thresholdFormula() -> String {
    var formula = lit(workbook.noCategoryWords)
    for category in rulebook.categories.reversed() {
      let test = workbook.categoryWords(category).map { "cfc_category=\(lit($0))" }
      formula =
        "IF(OR(\(test.joined(separator: ","))),\(context.points(category.threshold)),\(formula))"
    }
    return formula
  }

  /// The verdict in words, followed by the sentences of the minimums not met (when the
  /// rulebook has minimums), as `TemplateWorkbook.verdictWords` writes them.
  func verdictFormula(_ cells: VerdictCells) -> String {
    let status = cells.status
    let decided = cells.decided
    let recognized = lit(AssessmentStatus.recognized.rawValue)
    let notRecognized = lit(AssessmentStatus.notRecognized.rawValue)
    let words =
      "IF(\(status)=\(recognized),\(lit(workbook.verdictWords(.recognized, decided: nil))),"
      + "IF(\(status)=\(notRecognized),\(lit(workbook.verdictWords(.notRecognized, decided: nil))),"
      + "IF(\(decided)=\(notRecognized),\(lit(workbook.verdictWords(.incomplete, decided: .notRecognized))),"
      + "IF(\(decided)=\(recognized),\(lit(workbook.verdictWords(.incomplete, decided: .recognized))),"
      + "\(lit(workbook.verdictWords(.incomplete, decided: nil)))))))"
    let shown: String
    if let reasons = cells.minimumReasons {
      shown =
        "\(words)&IF(\(reasons)=\"\",\"\",\(lit(TemplateWorkbook.reasonsSeparator))&\(reasons))"
    } else {
      shown = words
    }
    return "IF(NOT(ISNUMBER(\(cells.threshold))),\(lit(workbook.verdictWords(nil, decided: nil))),"
      + shown + ")"
  }

  // MARK: - Cached values of the heading lines

  var yearLine: String {
    results.year.map { w.t("Năm ", "Year ") + "\($0)" } ?? w.t("Năm ........", "Year ........")
  }
  var placeLine: String {
    guard let commune = results.commune, !commune.name.isEmpty else {
      return w.t("Đơn vị: ........................", "Commune: ........................")
    }
    var line = commune.name
    if let district = commune.district, !district.isEmpty { line += ", " + district }
    if !commune.province.isEmpty { line += ", " + commune.province }
    return line
  }
  var categoryLine: String {
    w.t("Loại: ", "Category: ")
      + (results.commune.flatMap { rulebook.category($0.category) }?.name.text(language)
        ?? w.t("(chưa chọn)", "(not chosen)"))
  }
  var incompleteLine: String {
    guard results.incomplete else { return "" }
    return w.t(
      "Điểm chắc chắn; nếu bổ sung số liệu: từ ", "Certain points; with the missing figures: from ")
      + w.plain(results.worstTotal) + w.t(" đến ", " to ") + w.plain(results.bestTotal)
      + w.t(" điểm", " points")
  }
}
