import CommuneScoring

/// `cfc rulebook test` for people: one line per failed case with what was expected, what the
/// engine gave and its explanation, then the tally.
public struct RuleTestReport: Sendable {
  public let rulebook: Rulebook
  public let language: Language
  let w: Wording
  let explainer: Explainer

  public init(rulebook: Rulebook, language: Language) {
    self.rulebook = rulebook
    self.language = language
    w = Wording(language, pointScale: rulebook.pointScale)
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  /// The report of `outcomes` of the tests in `source`.
  public func render(_ outcomes: [RuleTestOutcome], source: String) -> String {
    var lines: [String] = []
    for outcome in outcomes where !outcome.passed {
      lines.append(
        w.t("SAI", "FAIL") + "  \(source): \(outcome.testCase.path): \(outcome.testCase.name)")
      for mismatch in outcome.mismatches {
        lines += self.lines(mismatch, category: outcome.testCase.record.commune.category)
          .map { "      " + $0 }
      }
    }
    let failed = outcomes.filter { !$0.passed }.count
    let passed = outcomes.count - failed
    lines.append(
      w.t(
        "\(source): \(outcomes.count) trường hợp thử, \(passed) đúng, \(failed) sai — bộ tiêu chí '\(rulebook.id)' phiên bản \(rulebook.version)",
        "\(source): \(outcomes.count) test cases, \(passed) passed, \(failed) failed — rulebook '\(rulebook.id)' version \(rulebook.version)"
      ))
    return lines.joined(separator: "\n") + "\n"
  }

  func points(_ value: Int?) -> String {
    value.map(w.points) ?? w.t("chưa xác minh được", "not verifiable")
  }

  /// One mismatch: expected, got, and the engine's explanation.
  func lines(_ mismatch: RuleTestMismatch, category: String) -> [String] {
    switch mismatch {
    case .indicator(let expected, let criterionIndex, let result):
      return [
        w.t("chỉ tiêu ", "indicator ")
          + "\(result.id): " + w.t("cần ", "expected ") + points(expected)
          + w.t(", được ", ", got ")
          + points(result.points),
        "  " + explainer.explain(result, in: criterionIndex),
      ]
    case .criterion(let expected, let result):
      var lines = [
        w.t("tiêu chí ", "criterion ") + "\(result.id): " + w.t("cần ", "expected ")
          + points(expected) + w.t(", được ", ", got ") + points(result.points)
      ]
      if let gate = result.firedGate {
        lines.append(
          "  "
            + explainer.reason(.criterionZero(criterion: result.id, gate: gate), category: category)
        )
      }
      return lines
    case .total(let expected, let actual):
      return [
        w.t("tổng điểm: cần ", "total: expected ") + w.points(expected) + w.t(", được ", ", got ")
          + w.points(actual)
      ]
    case .status(let expected, let actual, let reasons):
      return [
        w.t("kết luận: cần ", "verdict: expected ") + w.status(expected) + w.t(", được ", ", got ")
          + w.status(actual)
      ] + reasons.map { "  " + explainer.reason($0, category: category) }
    }
  }
}
