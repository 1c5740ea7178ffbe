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

  /// Creates the references.
  public init(
    criteria: [String], best: [String], worst: [String], total: String, threshold: String,
    bestTotal: String, worstTotal: String, status: String, decided: String
  ) {
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
  /// so, no criterion is at 0), else `not_recognized`.
  public func statusFormula(_ cells: VerdictCells) -> String {
    let incomplete = FormulaContext.literal(AssessmentStatus.incomplete.rawValue)
    let recognized = FormulaContext.literal(AssessmentStatus.recognized.rawValue)
    let notRecognized = FormulaContext.literal(AssessmentStatus.notRecognized.rawValue)
    return "IF(NOT(ISNUMBER(\(cells.threshold))),\(incomplete),"
      + "IF(COUNT(\(cells.criteria.joined(separator: ",")))<\(cells.criteria.count),\(incomplete),"
      + "IF(\(passes(cells.criteria, total: cells.total, threshold: cells.threshold)),\(recognized),\(notRecognized))))"
  }

  /// For an incomplete assessment, the verdict the missing figures can no longer change:
  /// `not_recognized` when even the best case fails, `recognized` when even the worst case
  /// passes, else empty.
  public func decidedFormula(_ cells: VerdictCells) -> String {
    let recognized = FormulaContext.literal(AssessmentStatus.recognized.rawValue)
    let notRecognized = FormulaContext.literal(AssessmentStatus.notRecognized.rawValue)
    return
      "IF(\(cells.status)<>\(FormulaContext.literal(AssessmentStatus.incomplete.rawValue)),\"\","
      + "IF(NOT(ISNUMBER(\(cells.threshold))),\"\","
      + "IF(NOT(\(passes(cells.best, total: cells.bestTotal, threshold: cells.threshold))),\(notRecognized),"
      + "IF(\(passes(cells.worst, total: cells.worstTotal, threshold: cells.threshold)),\(recognized),\"\"))))"
  }

  /// TRUE when `total` reaches `threshold` and, if required, none of `criteria` is 0.
  func passes(_ criteria: [String], total: String, threshold: String) -> String {
    let reaches = "\(total)>=\(threshold)"
    guard noCriterionAtZero else { return reaches }
    let zero = criteria.map { "\($0)=0" }.joined(separator: ",")
    return "AND(NOT(OR(\(zero))),\(reaches))"
  }
}
