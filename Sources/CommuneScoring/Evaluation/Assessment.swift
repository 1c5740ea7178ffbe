/// Whether something scored, scored nothing, or could not be checked.
public enum ScoreStatus: String, Sendable, Equatable {
  /// More than 0 points.
  case met
  /// 0 points (by its bands, or by a gate).
  case zero
  /// Evidence is missing, so the points are not known yet.
  case notVerifiable = "not_verifiable"

  init(points: Int?) {
    guard let points else {
      self = .notVerifiable
      return
    }
    self = points > 0 ? .met : .zero
  }
}

/// The verdict on a commune.
public enum AssessmentStatus: String, Sendable, Equatable {
  case recognized
  case notRecognized = "not_recognized"
  /// Some criterion is not verifiable, so no verdict can be given.
  case incomplete
}

/// The result of one indicator, with the trace that explains it.
public struct IndicatorResult: Sendable, Equatable {
  public var id: String
  /// Position of the indicator in its criterion, to find its rule again for explanations.
  public var index: Int
  public var points: Int?
  public var maxPoints: Int
  public var status: ScoreStatus
  public var outcome: RuleOutcome
  /// The inputs as read, by field id (nil when missing).
  public var inputs: [FieldValue]
  /// The inputs that are missing, by field id.
  public var missing: [String] { inputs.filter { $0.value == nil }.map(\.field) }
  public var provenance: Provenance.Status
  /// The commune's category, for rules that score by it (nil for the others).
  public var categoryID: String? = nil
}

/// A field and its value in a record (nil when missing).
public struct FieldValue: Sendable, Equatable {
  public var field: String
  public var value: Int?

  package init(field: String, value: Int?) {
    self.field = field
    self.value = value
  }
}

/// The result of one gate.
public struct GateResult: Sendable, Equatable {
  public var id: String
  /// The field whose change can lift the gate (a count, a rate's numerator, a flag).
  public var field: String
  /// Its value (nil when missing).
  public var value: Int?
  /// True when the gate zeroed its criterion; nil when an input is missing.
  public var fired: Bool?
  /// Every field the gate's condition reads, as read (a rate's numerator and denominator).
  public var inputs: [FieldValue] = []

  package init(
    id: String, field: String, value: Int?, fired: Bool?, inputs: [FieldValue] = []
  ) {
    self.id = id
    self.field = field
    self.value = value
    self.fired = fired
    self.inputs = inputs
  }
}

/// The result of one criterion.
public struct CriterionResult: Sendable, Equatable {
  public var id: String
  /// The criterion's points, or nil when not verifiable.
  public var points: Int?
  public var maxPoints: Int
  public var status: ScoreStatus
  public var gates: [GateResult]
  public var indicators: [IndicatorResult]
  /// The most points the criterion could still have once missing evidence arrives.
  public var best: Int
  /// The fewest points it could still have.
  public var worst: Int

  /// The gate that zeroed the criterion, if one did.
  public var firedGate: GateResult? { gates.first { $0.fired == true } }
  /// Fields whose absence makes the criterion not verifiable, in rulebook order, without repeats.
  public var missingFields: [String] {
    var seen: [String] = []
    for gate in gates {
      for input in gate.inputs where input.value == nil && !seen.contains(input.field) {
        seen.append(input.field)
      }
    }
    for indicator in indicators {
      for field in indicator.missing where !seen.contains(field) { seen.append(field) }
    }
    return seen
  }
}

/// A reason, in structured form, why a commune is not recognised (or cannot be yet).
public enum Reason: Sendable, Equatable {
  /// A criterion scored 0; `gate` is set when a gate zeroed it.
  case criterionZero(criterion: String, gate: GateResult?)
  /// The total fell short of the category's threshold.
  case belowThreshold(total: Int, threshold: Int)
  /// A criterion cannot be verified; `missing` lists the absent fields and `undefined` the
  /// indicators whose rate cannot be computed (nothing to measure).
  case notVerifiable(criterion: String, missing: [String], undefined: [String])
  /// Even with every missing figure at its best, the total stays below the threshold.
  case bestBelowThreshold(best: Int, threshold: Int)
  /// A criterion falls short of the points recognition requires of it: `points` it scored (nil
  /// when not verifiable, and then even its `best` falls short).
  case criterionBelowMinimum(criterion: String, points: Int?, best: Int, minimum: Int)
  /// An indicator falls short of its `minimumPoints`: `points` it scored (0 when a gate zeroed
  /// its criterion; nil when not verifiable, and then even its `best` falls short).
  case indicatorBelowMinimum(
    criterion: String, indicator: String, points: Int?, best: Int, minimum: Int)
}

/// What missing evidence leaves open.
public struct Outlook: Sendable, Equatable {
  /// The total with every missing indicator at its maximum.
  public var bestTotal: Int
  /// The total with every missing indicator at its minimum (0).
  public var worstTotal: Int
  /// Whether supplying the evidence could still lead to recognition.
  public var canStillBeRecognized: Bool
  /// Whether the commune would be recognised whatever the missing figures turn out to be.
  public var recognizedWhateverMissing: Bool

  /// The verdict the missing evidence can no longer change, if any.
  public var decided: AssessmentStatus? {
    if !canStillBeRecognized { return .notRecognized }
    if recognizedWhateverMissing { return .recognized }
    return nil
  }
}

/// One evaluation of one set of figures against a rulebook.
public struct Evaluation: Sendable, Equatable {
  public var criteria: [CriterionResult]
  /// The sum of the points that are certain (criteria that could be assessed).
  public var total: Int
  public var maxTotal: Int
  public var threshold: Int
  public var status: AssessmentStatus
  public var reasons: [Reason]
  /// Set when `status` is incomplete.
  public var outlook: Outlook?
  /// The figures that were evaluated.
  public var values: EvidenceValues

  /// Every missing field, in rulebook order of first use.
  public var missingFields: [String] {
    var seen: [String] = []
    for criterion in criteria {
      for field in criterion.missingFields where !seen.contains(field) { seen.append(field) }
    }
    return seen
  }
}
