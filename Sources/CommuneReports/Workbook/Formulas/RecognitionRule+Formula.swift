import CommuneScoring

/// The references of the cells the verdict is computed from.
public struct VerdictCells: Sendable {
  /// Each criterion's points (a number, or a text when not verifiable), in rulebook order.
  public var criteria: [String]
  /// Each criterion's best and worst points still possible.
  public var best: [String]
  public var worst: [String]
  /// The certain total, the category's threshold, the best and worst totals.
  public var total: String
  public var threshold: String
  public var bestTotal: String
  public var worstTotal: String
  /// The verdict's id (`recognized` …) and the decided verdict of an incomplete assessment.
  public var status: String
  public var decided: String
  /// Each criterion's indicators' points, by criterion in rulebook order (for the minimums).
  public var indicators: [[String]]
  /// The sentences of every minimum a criterion or an indicator falls short of even at its best
  /// (empty when none), joined; nil when the rulebook requires no minimum.
  public var minimumReasons: String?
  /// For each criterion with a minimum (its own or an indicator's): 1 when its minimums are met
  /// whatever the missing figures turn out to be, else 0.
  public var minimumsAtWorst: [String]

  /// Creates the references.
  public init(
    criteria: [String], best: [String], worst: [String], total: String, threshold: String,
    bestTotal: String, worstTotal: String, status: String, decided: String,
    indicators: [[String]] = [], minimumReasons: String? = nil, minimumsAtWorst: [String] = []
  ) {
    self.indicators = indicators
    self.minimumReasons = minimumReasons
    self.minimumsAtWorst = minimumsAtWorst
    self.criteria = criteria
    self.best = best
    self.worst = worst
    self.total = total
    self.threshold = threshold
    self.bestTotal = bestTotal
    self.worstTotal = worstTotal
    self.status = status
    self.decided = decided
  }
}

/// The recognition rule as formulas, as the engine's `Evaluator.verdict` applies it.
extension RecognitionRule {
  /// The verdict's id: `incomplete` while a criterion is not verifiable (or no category is
  /// chosen), else `recognized` when the total reaches the threshold (and, when the rule says
  /// so, no criterion is at 0 and none falls short of a minimum), else `not_recognized`.
  public func statusFormula(_ cells: VerdictCells) -> String {
    let incomplete = FormulaContext.literal(AssessmentStatus.incomplete.rawValue)
    let recognized = FormulaContext.literal(AssessmentStatus.recognized.rawValue)
    let notRecognized = FormulaContext.literal(AssessmentStatus.notRecognized.rawValue)
    return "IF(NOT(ISNUMBER(\(cells.threshold))),\(incomplete),"
      + "IF(COUNT(\(cells.criteria.joined(separator: ",")))<\(cells.criteria.count),\(incomplete),"
      + "IF(\(passes(cells.criteria, total: cells.total, threshold: cells.threshold, minimums: cells.minimumReasons.map { "\($0)=\"\"" })),\(recognized),\(notRecognized))))"
  }

  /// For an incomplete assessment, the verdict the missing figures can no longer change:
  /// `not_recognized` when even the best case fails, `recognized` when even the worst case
  /// passes, else empty.
  public func decidedFormula(_ cells: VerdictCells) -> String {
    let recognized = FormulaContext.literal(AssessmentStatus.recognized.rawValue)
    let notRecognized = FormulaContext.literal(AssessmentStatus.notRecognized.rawValue)
    // A criterion not yet verifiable is named at its best, so no sentence means every minimum
    // can still be met.
    let atBest = cells.minimumReasons.map { "\($0)=\"\"" }
    let atWorst =
      cells.minimumsAtWorst.isEmpty
      ? nil : cells.minimumsAtWorst.map { "\($0)=1" }.joined(separator: ",")
    return
      "IF(\(cells.status)<>\(FormulaContext.literal(AssessmentStatus.incomplete.rawValue)),\"\","
      + "IF(NOT(ISNUMBER(\(cells.threshold))),\"\","
      + "IF(NOT(\(passes(cells.best, total: cells.bestTotal, threshold: cells.threshold, minimums: atBest))),\(notRecognized),"
      + "IF(\(passes(cells.worst, total: cells.worstTotal, threshold: cells.threshold, minimums: atWorst)),\(recognized),\"\"))))"
  }

  /// TRUE when `total` reaches `threshold`, `minimums` (tests of the minimums, comma-separated;
  /// nil when none) hold and, if required, none of `criteria` is 0.
  func passes(_ criteria: [String], total: String, threshold: String, minimums: String? = nil)
    -> String
  {
    var tests = ["\(total)>=\(threshold)"]
    if let minimums { tests.append(minimums) }
    if noCriterionAtZero {
      tests.insert("NOT(OR(\(criteria.map { "\($0)=0" }.joined(separator: ","))))", at: 0)
    }
    return tests.count == 1 ? tests[0] : "AND(\(tests.joined(separator: ",")))"
  }
}
