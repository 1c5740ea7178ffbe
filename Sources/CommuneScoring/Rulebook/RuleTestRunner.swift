/// What a rule test found different from its expectation.
public enum RuleTestMismatch: Sendable, Equatable {
  /// An indicator scored other points; `criterionIndex` and `result` let a renderer explain it.
  case indicator(expected: Int?, criterionIndex: Int, result: IndicatorResult)
  /// A criterion scored other points (a gate, or its indicators).
  case criterion(expected: Int?, result: CriterionResult)
  /// The total differs.
  case total(expected: Int, actual: Int)
  /// The verdict differs; `reasons` are the engine's.
  case status(expected: AssessmentStatus, actual: AssessmentStatus, reasons: [Reason])
}

/// One case's outcome.
public struct RuleTestOutcome: Sendable {
  /// The case that ran.
  public var testCase: RuleTestCase
  /// The engine's evaluation of the case's record.
  public var evaluation: Evaluation
  /// Every difference from the expectation, in the order expected; empty when the case passes.
  public var mismatches: [RuleTestMismatch]

  /// Whether the case passed.
  public var passed: Bool { mismatches.isEmpty }
}

/// Runs rule tests through the same evaluator as `cfc assess`. Pure.
public enum RuleTestRunner {
  /// Every case of `suite`, run against `rulebook`, in file order.
  public static func run(_ suite: RuleTestSuite, rulebook: Rulebook) -> [RuleTestOutcome] {
    suite.cases.map { run($0, rulebook: rulebook) }
  }

  /// One case.
  public static func run(_ testCase: RuleTestCase, rulebook: Rulebook) -> RuleTestOutcome {
    let record = testCase.record
    let evaluation = Evaluator.evaluate(
      Reviewing.figures(record, rulebook: rulebook), category: record.commune.category,
      rulebook: rulebook)
    var mismatches: [RuleTestMismatch] = []
    let expect = testCase.expect
    for (id, points) in expect.indicators {
      for (criterionIndex, criterion) in evaluation.criteria.enumerated() {
        for result in criterion.indicators where result.id == id && result.points != points {
          mismatches.append(
            .indicator(expected: points, criterionIndex: criterionIndex, result: result))
        }
      }
    }
    for (id, points) in expect.criteria {
      for result in evaluation.criteria where result.id == id && result.points != points {
        mismatches.append(.criterion(expected: points, result: result))
      }
    }
    if let total = expect.total, total != evaluation.total {
      mismatches.append(.total(expected: total, actual: evaluation.total))
    }
    if let status = expect.status, status != evaluation.status {
      mismatches.append(
        .status(expected: status, actual: evaluation.status, reasons: evaluation.reasons))
    }
    return RuleTestOutcome(testCase: testCase, evaluation: evaluation, mismatches: mismatches)
  }
}
