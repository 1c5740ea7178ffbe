/// What one council adjustment changed.
public struct AdjustmentEffect: Sendable, Equatable {
  public var field: String
  /// The commune's own figure (nil when it had given none).
  public var from: Int?
  public var to: Int
  public var reason: String
  /// The change in total points this adjustment alone makes to the self-assessment.
  public var pointsEffect: Int
  /// Indicators whose points this adjustment alone changes, with the change.
  public var indicatorEffects: [(indicator: String, points: Int)]
  /// The self-assessment's verdict with this adjustment alone applied.
  public var verdictAlone: AssessmentStatus

  public static func == (lhs: AdjustmentEffect, rhs: AdjustmentEffect) -> Bool {
    lhs.field == rhs.field && lhs.from == rhs.from && lhs.to == rhs.to && lhs.reason == rhs.reason
      && lhs.pointsEffect == rhs.pointsEffect && lhs.verdictAlone == rhs.verdictAlone
      && lhs.indicatorEffects.map(\.indicator) == rhs.indicatorEffects.map(\.indicator)
      && lhs.indicatorEffects.map(\.points) == rhs.indicatorEffects.map(\.points)
  }
}

/// One proposed change to the evidence.
public struct PathStep: Sendable, Equatable {
  public var indicator: String
  public var field: String
  public var from: Int
  public var to: Int
  public var pointsGained: Int

  public init(indicator: String, field: String, from: Int, to: Int, pointsGained: Int) {
    self.indicator = indicator
    self.field = field
    self.from = from
    self.to = to
    self.pointsGained = pointsGained
  }
}

/// What would get a commune recognised.
public struct PathToRecognition: Sendable, Equatable {
  /// False when no change within the period can do it.
  public var achievable: Bool
  /// Why it is not achievable (structured), when it is not.
  public var blockers: [PathBlocker]
  /// The changes, in rulebook order.
  public var steps: [PathStep]
  /// Evidence that must be supplied before a verdict (the path assumes it scores fully).
  public var evidenceNeeded: [String]
  /// The total the steps reach (with missing evidence at its best).
  public var totalAfter: Int
}

/// Why recognition cannot be reached within the period.
public enum PathBlocker: Sendable, Equatable {
  /// A gate zeroed the criterion for something that cannot be undone (a child's death).
  case irreversibleGate(criterion: String, gate: String, field: String, value: Int)
  /// The criterion is at 0 and none of its figures can change within the period.
  case criterionCannotBeLifted(criterion: String)
  /// Even every possible change leaves the total below the threshold.
  case thresholdOutOfReach(best: Int, threshold: Int)
  /// No change within the period (nor missing figures at their best) brings the criterion, or
  /// its `indicator`, to the minimum recognition requires.
  case minimumOutOfReach(criterion: String, indicator: String?, minimum: Int)
}

/// A complete assessment of one record: the verdict, the commune's own result when a council
/// reviewed it, and what would change the verdict.
public struct Assessment: Sendable, Equatable {
  public var commune: CommuneIdentity
  public var year: Int
  public var rulebookID: String
  public var rulebookVersion: String
  public var rulebookSHA256: String
  /// SHA-256 of the input record's bytes, when it was read from a file of its own.
  public var inputSHA256: String?
  /// The result that counts: the reviewed one when a council reviewed the record.
  public var result: Evaluation
  /// The commune's own result, when a council reviewed the record.
  public var selfAssessed: Evaluation?
  public var review: Review?
  public var adjustments: [AdjustmentEffect]
  /// Set when the commune is not recognised.
  public var path: PathToRecognition?
}

/// Stages 3–5 in one call: evaluate, compare with the review, find the path to recognition.
public enum Assessor {
  /// Assesses a decoded, validated record.
  public static func assess(_ record: EvidenceRecord, rulebook: Rulebook, withPath: Bool = true)
    -> Assessment
  {
    let category = record.commune.category
    let own = Evaluator.evaluate(record.evidence, category: category, rulebook: rulebook)
    var result = own
    var selfAssessed: Evaluation?
    var effects: [AdjustmentEffect] = []
    if let review = record.review {
      result = Evaluator.evaluate(
        Reviewing.figures(record, rulebook: rulebook), category: category, rulebook: rulebook)
      selfAssessed = own
      for adjustment in review.adjustments {
        let single = EvidenceValidator.applying(
          Review(council: nil, adjustments: [adjustment]), to: record.evidence, rulebook: rulebook)
        let alone = Evaluator.evaluate(single, category: category, rulebook: rulebook)
        var indicatorEffects: [(String, Int)] = []
        for (before, after) in zip(own.criteria, alone.criteria) {
          for (a, b) in zip(before.indicators, after.indicators) where a.points != b.points {
            indicatorEffects.append((a.id, (b.points ?? 0) - (a.points ?? 0)))
          }
        }
        effects.append(
          AdjustmentEffect(
            field: adjustment.field,
            from: record.evidence[rulebook.fieldIndex[adjustment.field] ?? 0],
            to: adjustment.value, reason: adjustment.reason, pointsEffect: alone.total - own.total,
            indicatorEffects: indicatorEffects, verdictAlone: alone.status))
      }
    }
    let path =
      withPath && result.status != .recognized
      ? PathFinder.path(for: result, category: category, rulebook: rulebook) : nil
    return Assessment(
      commune: record.commune, year: record.year, rulebookID: rulebook.id,
      rulebookVersion: rulebook.version,
      rulebookSHA256: rulebook.sha256, inputSHA256: record.inputSHA256, result: result,
      selfAssessed: selfAssessed,
      review: record.review, adjustments: effects, path: path)
  }
}
