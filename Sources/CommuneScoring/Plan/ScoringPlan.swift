/// A rulebook compiled for scoring many records fast: flat tables of integers read by one loop,
/// with nothing allocated and nothing called through a protocol per record.
///
/// The rulebook still decides every number: the plan is built from it once (`init?(_:)`) and
/// holds its fields' checks, its indicators (kind, field slots, band limits as integers for
/// exact cross-multiplication, points), its gates, its minimums, its thresholds and its
/// recognition rule. It scores exactly as `Evaluator.score` does; where it cannot be certain of
/// that (a rule kind it does not know, a product beyond 64 bits) it says so, and the caller uses
/// the general path. The differential tests hold the two paths to the same results.
public struct ScoringPlan: Sendable {
  /// How one indicator scores.
  enum Step: Sendable, Equatable {
    /// A flag: `points` when yes, 0 when no.
    case flag(slot: Int, points: Int)
    /// A count: `points` when 0, else 0.
    case countZero(slot: Int, points: Int)
    /// `part × scale / whole` against `bands` top-down (`BandTable.score`); `whenNone` when the
    /// whole is 0 (nil: not verifiable).
    case banded(part: Int, whole: Int, bands: Range<Int>, otherwise: Int, whenNone: Int?)
  }

  /// One band with its limit as integers: it holds when `part × factor` compares with
  /// `limit × whole` as the condition says (`factor` = the measure's scale × the limit's
  /// denominator, `limit` = the limit's numerator).
  struct PlanBand: Sendable, Equatable {
    var condition: Band.Condition
    var factor: Int
    var limit: Int
    var points: Int
  }

  /// One indicator, flat (no payloads to unpack) for the scoring loop.
  struct PlanIndicator: Sendable, Equatable {
    enum Kind: UInt8, Sendable { case flag, countZero, banded }
    var kind: Kind
    /// The field slot read (the part of a band table), and the whole's slot.
    var part: Int
    var whole = 0
    /// The points of a flag or zero count; `otherwise` for a band table.
    var points: Int
    /// A band table's points when the whole is 0 (`hasWhenNone` false: not verifiable).
    var whenNone = 0
    var hasWhenNone = false
    var bandStart = 0
    var bandEnd = 0
    /// The rule's most and fewest points (for a commune whose figure is missing).
    var best: Int
    var worst: Int
    /// The indicator's minimum (`hasMinimum` false: none).
    var minimum: Int
    var hasMinimum: Bool

    init(_ step: Step, best: Int, worst: Int, minimum: Int?) {
      switch step {
      case .flag(let slot, let points):
        kind = .flag
        part = slot
        self.points = points
      case .countZero(let slot, let points):
        kind = .countZero
        part = slot
        self.points = points
      case .banded(let part, let whole, let bands, let otherwise, let whenNone):
        kind = .banded
        self.part = part
        self.whole = whole
        points = otherwise
        self.whenNone = whenNone ?? 0
        hasWhenNone = whenNone != nil
        bandStart = bands.lowerBound
        bandEnd = bands.upperBound
      }
      self.best = best
      self.worst = worst
      self.minimum = minimum ?? 0
      hasMinimum = minimum != nil
    }
  }

  /// A gate: `part × factor` compared with `limit × whole` (whole 1 for a count), or a flag.
  enum PlanGate: Sendable, Equatable {
    case flag(slot: Int, yes: Bool)
    case measure(
      part: Int, whole: Int?, factor: Int, limit: Int, comparison: GateCondition.Comparison)
  }

  struct PlanCriterion: Sendable, Equatable {
    var indicators: Range<Int>
    var gates: Range<Int>
    var minimum: Int?
  }

  let indicators: [PlanIndicator]
  let bands: [PlanBand]
  let gates: [PlanGate]
  let criteria: [PlanCriterion]
  /// The threshold of each category, by its index in the rulebook's categories.
  let thresholds: [Int]
  let noCriterionAtZero: Bool
  /// The checks `EvidenceValidator` makes, by field index: counts are never negative, a
  /// field's minimum (`Int.min` for none), the field it is part of (-1 for none).
  let isCount: [Bool]
  let minimums: [Int]
  let partOf: [Int]
  /// The units per point, as the rulebook writes them.
  public let pointScale: Int

  /// The number of evidence fields (slots) a record fills.
  public var fieldCount: Int { isCount.count }
  /// The number of criteria a score has points for.
  public var criterionCount: Int { criteria.count }

  /// The rulebook compiled, or nil when it uses a rule kind or a limit the plan does not handle
  /// (its records then all go through the general path).
  public init?(_ rulebook: Rulebook) {
    var indicators: [PlanIndicator] = []
    var bands: [PlanBand] = []
    var gates: [PlanGate] = []
    var criteria: [PlanCriterion] = []
    for criterion in rulebook.criteria {
      let firstIndicator = indicators.count
      for indicator in criterion.indicators {
        guard let step = Self.step(indicator.rule, bands: &bands) else { return nil }
        indicators.append(
          PlanIndicator(
            step, best: indicator.rule.bestPoints, worst: indicator.rule.worstPoints,
            minimum: indicator.minimumPoints))
      }
      let firstGate = gates.count
      for gate in criterion.gates {
        guard let compiled = Self.gate(gate.condition) else { return nil }
        gates.append(compiled)
      }
      criteria.append(
        PlanCriterion(
          indicators: firstIndicator..<indicators.count, gates: firstGate..<gates.count,
          minimum: rulebook.minimumPoints(of: criterion)))
    }
    self.indicators = indicators
    self.bands = bands
    self.gates = gates
    self.criteria = criteria
    // As `Evaluator.threshold`: the first category with the id, else the maximum total.
    thresholds = rulebook.categories.map { Evaluator.threshold($0.id, rulebook) }
    noCriterionAtZero = rulebook.recognition.noCriterionAtZero
    isCount = rulebook.fields.map { $0.kind == .count }
    minimums = rulebook.fields.map { $0.minimum ?? Int.min }
    partOf = rulebook.fields.map { $0.partOfIndex ?? -1 }
    pointScale = rulebook.pointScale
    // Field slots are field indices: the rulebook's declarations must be in index order.
    guard rulebook.fields.indices.allSatisfy({ rulebook.fields[$0].index == $0 }) else {
      return nil
    }
  }

  /// The compiled form of a rule, or nil for a kind the plan does not know.
  static func step(_ rule: any IndicatorRule, bands: inout [PlanBand]) -> Step? {
    switch rule {
    case let rule as FlagRule:
      return .flag(slot: rule.field.index, points: rule.points)
    case let rule as CountZeroRule:
      return .countZero(slot: rule.field.index, points: rule.points)
    case let rule as RateRule:
      return banded(rule.table, part: rule.numerator, whole: rule.denominator, bands: &bands)
    case let rule as RatePer100kRule:
      return banded(rule.table, part: rule.count, whole: rule.population, bands: &bands)
    default:
      return nil
    }
  }

  static func banded(
    _ table: BandTable, part: FieldRef, whole: FieldRef, bands: inout [PlanBand]
  ) -> Step? {
    let first = bands.count
    for band in table.bands {
      let (factor, overflow) = table.scale.multipliedReportingOverflow(
        by: band.limit.denominator)
      guard !overflow else { return nil }
      bands.append(
        PlanBand(
          condition: band.condition, factor: factor, limit: band.limit.numerator,
          points: band.points))
    }
    let whenNone: Int?
    switch table.whenNone {
    case .points(let points): whenNone = points
    case .notVerifiable, .undeclared: whenNone = nil
    }
    return .banded(
      part: part.index, whole: whole.index, bands: first..<bands.count,
      otherwise: table.otherwise, whenNone: whenNone)
  }

  static func gate(_ condition: GateCondition) -> PlanGate? {
    switch condition {
    case .flag(let field, let yes):
      return .flag(slot: field.index, yes: yes)
    case .measure(let measure, let comparison, let limit):
      let (factor, overflow) = measure.scale.multipliedReportingOverflow(by: limit.denominator)
      guard !overflow else { return nil }
      return .measure(
        part: measure.part.index, whole: measure.whole?.index, factor: factor,
        limit: limit.numerator, comparison: comparison)
    }
  }
}

/// What the plan found for one record: the points of each criterion and the verdict, as the
/// batch CSV shows them. Reused from record to record by one worker (no allocation).
public struct PlannedScore: Sendable, Equatable {
  /// The marker for a criterion that is not verifiable.
  public static let notVerifiable = Int.min
  /// Each criterion's points in rulebook order (`notVerifiable` when not verifiable).
  public var points: [Int]
  public var total = 0
  public var threshold = 0
  public var status = AssessmentStatus.incomplete
  /// For an incomplete commune, the best and worst totals still possible.
  public var bestTotal: Int?
  public var worstTotal: Int?

  /// An empty score for `criteria` criteria.
  public init(criteria: Int) {
    points = Array(repeating: Self.notVerifiable, count: criteria)
  }

  /// The same figures, taken from a general score (for comparisons in tests).
  public init(_ score: Score) {
    points = score.criteria.map { $0.points ?? Self.notVerifiable }
    total = score.total
    threshold = score.threshold
    status = score.status
    bestTotal = score.outlook?.bestTotal
    worstTotal = score.outlook?.worstTotal
  }
}
