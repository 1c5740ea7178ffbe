/// Static checks of the minimums recognition requires.
extension RulebookValidator {
  /// A minimum must be reachable (not above the maximum) and able to fail (above 0, and for an
  /// indicator above the fewest points its rule gives), so that it means what its author wrote.
  static func minimumProblems(_ rulebook: Rulebook, _ error: (JSONPath, RulebookMessage) -> Void) {
    let recognition = JSONPath.root.appending("recognition").appending("minimumPerCriterion")
    let text = rulebook.pointsText
    if let minimum = rulebook.recognition.minimumPerCriterion {
      if minimum <= 0 {
        error(recognition, .init(.minimumPerCriterionZero, "\(text(minimum))"))
      }
      // A criterion with its own minimum is not bound by the common one.
      for criterion in rulebook.criteria
      where criterion.minimumPoints == nil && minimum > criterion.maxPoints {
        error(
          recognition,
          .init(
            .minimumPerCriterionAbove, "\(text(minimum))", "\(text(criterion.maxPoints))",
            "\(criterion.id)"))
      }
    }
    for (criterionIndex, criterion) in rulebook.criteria.enumerated() {
      let path = JSONPath.root.appending("criteria").appending(index: criterionIndex)
      if let minimum = criterion.minimumPoints {
        bounds(minimum, maximum: criterion.maxPoints, floor: 0, path.appending("minimumPoints"))
      }
      for (indicatorIndex, indicator) in criterion.indicators.enumerated() {
        guard let minimum = indicator.minimumPoints else { continue }
        bounds(
          minimum, maximum: indicator.maxPoints, floor: indicator.rule.worstPoints,
          path.appending("indicators").appending(index: indicatorIndex).appending("minimumPoints"))
      }
    }

    func bounds(_ minimum: Int, maximum: Int, floor: Int, _ path: JSONPath) {
      if minimum > maximum {
        error(
          path,
          .init(.minimumAboveMax, "\(text(minimum))", "\(text(maximum))"))
      } else if minimum <= max(floor, 0) {
        error(
          path,
          .init(.minimumAlwaysMet, "\(text(minimum))", "\(text(max(floor, 0)))"))
      }
    }
  }
}
