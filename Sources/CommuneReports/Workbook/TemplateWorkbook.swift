import CommuneScoring

/// Why the self-assessment workbook cannot be written for a rulebook.
public enum TemplateError: Error, Equatable, Sendable {
  /// A rule kind that cannot write itself as a formula yet (see `SpreadsheetFormula`).
  case ruleWithoutFormula(indicator: String, kind: String)
}

/// The self-assessment workbook (`cfc template --format xlsx`): an input sheet where the officer
/// types the commune's identity and figures, and a scoring sheet laid out like the official
/// self-assessment table whose live formulas, generated from the rulebook, give each
/// indicator's points, each criterion, the total, the threshold and the verdict.
///
/// Every input and result cell has a defined name (`cfc_births`, `cfc_T1`, `cfc_total`,
/// `cfc_verdict` …) so that scripts can fill and read it.
public struct TemplateWorkbook: Renderer {
  public let explainer: Explainer
  let context: FormulaContext

  /// The identity fields, in the order of the input sheet, and their defined names.
  public static let identityFields = ["code", "name", "district", "province", "category", "year"]

  /// A workbook for `rulebook`, with labels in `language`.
  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
    context = FormulaContext(rulebook: rulebook, language: language)
  }

  /// The workbook's bytes: blank, or filled with `record` (its figures typed in, and the
  /// engine's results as the cached values of every formula).
  public func data(filledWith record: EvidenceRecord? = nil) throws(TemplateError) -> [UInt8] {
    OOXMLPackage.write(try model(filledWith: record))
  }

  /// The workbook as cells and names.
  public func model(filledWith record: EvidenceRecord? = nil) throws(TemplateError)
    -> WorkbookModel
  {
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    var category: String?
    if let record {
      values = record.evidence
      category = record.commune.category
    }
    let evaluation = Evaluator.evaluate(values, category: category ?? "", rulebook: rulebook)
    let results = TemplateResults(evaluation: evaluation, record: record, workbook: self)
    var names: [DefinedName] = []
    let input = InputSheetBuilder(workbook: self).build(record: record, names: &names)
    let scoring = try ScoringSheetBuilder(workbook: self, results: results).build(
      sheetIndex: 1, names: &names)
    return WorkbookModel(sheets: [input, scoring], names: names, decimalComma: language == .vi)
  }

  /// The results the workbook must show for `record`, as the engine computes them.
  public func expectedResults(for record: EvidenceRecord) -> TemplateResults {
    let evaluation = Evaluator.evaluate(
      record.evidence, category: record.commune.category, rulebook: rulebook)
    return TemplateResults(evaluation: evaluation, record: record, workbook: self)
  }

  // MARK: - Words shared by both sheets

  var inputSheetName: String { w.t("Nhập liệu", "Input") }
  var scoringSheetName: String { w.t("Chấm điểm", "Scoring") }

  /// What the threshold cell shows before a category is chosen.
  var noCategoryWords: String { w.t("chưa chọn loại xã", "no category chosen") }

  /// Between the verdict and the sentences of the minimums not met.
  static let reasonsSeparator = ": "

  /// The verdict as the workbook writes it; `status` nil when no category is chosen.
  func verdictWords(_ status: AssessmentStatus?, decided: AssessmentStatus?) -> String {
    guard let status else {
      return w.t("CHƯA CHỌN LOẠI XÃ: chưa kết luận được", "NO CATEGORY CHOSEN: no verdict yet")
    }
    switch (status, decided) {
    case (.incomplete, .notRecognized?):
      return w.status(.incomplete)
        + w.t(
          " (dù bổ sung số liệu thế nào cũng không thể đạt chuẩn)",
          " (whatever the missing figures are, it cannot be recognised)")
    case (.incomplete, .recognized?):
      return w.status(.incomplete)
        + w.t(
          " (sẽ đạt chuẩn khi bổ sung đủ số liệu, dù số liệu là bao nhiêu)",
          " (it will be recognised once the figures are supplied, whatever they are)")
    default: return w.status(status)
    }
  }

  /// The words of a category the category cell accepts: its wording in both languages and its id.
  func categoryWords(_ category: CommuneCategory) -> [String] {
    context.words(ofCategory: category.id)
  }
}

/// The results a filled workbook must show, cell by cell, as the engine computes them: written
/// as the formulas' cached values, and compared with a workbook's own when it is read back.
public struct TemplateResults: Sendable {
  /// By defined name (`cfc_T1`, `cfc_T1_1`, `cfc_total`, `cfc_verdict` …).
  public var byName: [String: CachedResult] = [:]
  /// The result names in sheet order: each criterion then its indicators, the total, the
  /// threshold, the verdict's id and its words.
  public var names: [String] = []
  /// Criterion best/worst, gate states, and other cells without a name, by criterion id.
  var best: [String: Int] = [:]
  var worst: [String: Int] = [:]
  var gates: [String: CachedResult] = [:]
  /// The engine's sentence of each minimum not met, by criterion or indicator id; all of them
  /// joined as the verdict shows them; and whether each criterion's minimums hold at worst.
  var minimumReasons: [String: String] = [:]
  var allMinimumReasons = ""
  var minimumsAtWorst: [String: Bool] = [:]
  var decided: String = ""
  var bestTotal: Int
  var worstTotal: Int
  /// Whether some criterion is not verifiable.
  var incomplete: Bool
  var year: Int?
  var commune: CommuneIdentity?
  /// Units per point: best, worst and their totals are in units.
  var scale: Int

  init(evaluation: Evaluation, record: EvidenceRecord?, workbook: TemplateWorkbook) {
    let context = workbook.context
    let scale = workbook.rulebook.pointScale
    self.scale = scale
    func points(_ units: Int) -> CachedResult { .points(units, scale: scale) }
    let w = workbook.w
    let categoryKnown = record.flatMap { workbook.rulebook.category($0.commune.category) } != nil
    year = record?.year
    commune = record?.commune
    bestTotal = evaluation.criteria.reduce(0) { $0 + $1.best }
    worstTotal = evaluation.criteria.reduce(0) { $0 + $1.worst }
    incomplete = evaluation.criteria.contains { $0.points == nil }
    for criterion in evaluation.criteria {
      byName[Self.name(criterion.id)] =
        criterion.points.map(points) ?? .text(context.missingWords)
      names.append(Self.name(criterion.id))
      names += criterion.indicators.map { Self.name($0.id) }
      best[criterion.id] = criterion.best
      worst[criterion.id] = criterion.worst
      for indicator in criterion.indicators {
        byName[Self.name(indicator.id)] =
          indicator.points.map(points)
          ?? .text(
            indicator.outcome.undefinedBecauseNone && indicator.missing.isEmpty
              ? context.undefinedWords : context.missingWords)
      }
      for gate in criterion.gates {
        switch gate.fired {
        case true?: gates[gate.id] = .text(w.t("có → tiêu chí 0 điểm", "yes → criterion at 0"))
        case false?: gates[gate.id] = .text(w.t("không", "no"))
        case nil: gates[gate.id] = .text(context.missingWords)
        }
      }
    }
    var sentences: [String] = []
    for reason in evaluation.reasons {
      switch reason {
      case .criterionBelowMinimum(let id, _, _, _), .indicatorBelowMinimum(_, let id, _, _, _):
        let sentence = workbook.explainer.minimumReason(reason)
        minimumReasons[id] = sentence
        sentences.append(sentence)
      default: break
      }
    }
    allMinimumReasons = sentences.joined(separator: "; ")
    let score = Evaluator.score(
      evaluation.values, category: record?.commune.category ?? "", rulebook: workbook.rulebook)
    for (criterion, result) in zip(workbook.rulebook.criteria, score.criteria) {
      minimumsAtWorst[criterion.id] = result.minimumsAtWorst
    }
    names += ["cfc_total", "cfc_threshold", "cfc_status", "cfc_verdict"]
    byName["cfc_total"] = points(evaluation.total)
    byName["cfc_threshold"] =
      categoryKnown ? points(evaluation.threshold) : .text(workbook.noCategoryWords)
    let status = categoryKnown ? evaluation.status : .incomplete
    byName["cfc_status"] = .text(status.rawValue)
    let decidedStatus = categoryKnown ? evaluation.outlook?.decided : nil
    decided = decidedStatus?.rawValue ?? ""
    var verdict = workbook.verdictWords(categoryKnown ? status : nil, decided: decidedStatus)
    if categoryKnown, !sentences.isEmpty {
      verdict += TemplateWorkbook.reasonsSeparator + allMinimumReasons
    }
    byName["cfc_verdict"] = .text(verdict)
  }

  /// The defined name of a criterion's or indicator's points: `cfc_T1`, `cfc_T2_1`.
  public static func name(_ id: String) -> String {
    "cfc_" + id.replacing(".", with: "_")
  }
}
