import CommuneScoring

/// Renders assessments as the contract's JSON (sorted keys, deterministic bytes).
public struct JSONReport: Renderer {
  public let explainer: Explainer

  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  /// The whole assessment as one JSON object.
  public func value(_ assessment: Assessment) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("commune", commune(assessment.commune)),
      ("year", .int(assessment.year)),
      (
        "rulebook",
        .obj([
          ("id", .string(assessment.rulebookID)), ("version", .string(assessment.rulebookVersion)),
          ("sha256", .string(assessment.rulebookSHA256)),
        ])
      ),
      (
        "engine",
        .obj([("name", .string(EngineInfo.name)), ("version", .string(EngineInfo.version))])
      ),
      ("input", .obj([("sha256", .optionalString(assessment.inputSHA256))])),
      ("language", .string(explainer.language.rawValue)),
    ]
    members += evaluation(assessment.result, category: assessment.commune.category)
    if let own = assessment.selfAssessed {
      members.append(("selfAssessed", .obj(evaluation(own, category: assessment.commune.category))))
      members.append(("review", .obj([("council", .optionalString(assessment.review?.council))])))
      members.append(("adjustments", .array(assessment.adjustments.map(adjustment))))
      members.append(("verdictChangedByReview", .bool(own.status != assessment.result.status)))
    }
    if let path = assessment.path {
      members.append(("pathToRecognition", self.path(path, values: assessment.result.values)))
    }
    return .obj(members)
  }

  func commune(_ commune: CommuneIdentity) -> JSONValue {
    .obj([
      ("code", .string(commune.code)), ("name", .string(commune.name)),
      ("district", .optionalString(commune.district)),
      ("province", .string(commune.province)), ("category", .string(commune.category)),
      ("categoryName", .string(explainer.categoryName(commune.category))),
    ])
  }

  /// The members that describe one evaluation (also used for `selfAssessed`).
  func evaluation(_ evaluation: Evaluation, category: String) -> [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [
      ("total", pts(evaluation.total)),
      ("maxTotal", pts(evaluation.maxTotal)),
      ("threshold", pts(evaluation.threshold)),
      ("status", .string(evaluation.status.rawValue)),
      (
        "reasons",
        .array(evaluation.reasons.map { .string(explainer.reason($0, category: category)) })
      ),
      ("reasonCodes", .array(evaluation.reasons.map(reasonCode))),
      ("missingFields", .array(evaluation.missingFields.map(JSONValue.string))),
      ("reconstructedPoints", pts(reconstructedPoints(evaluation))),
      (
        "criteria",
        .array(evaluation.criteria.enumerated().map { criterion($0.element, index: $0.offset) })
      ),
    ]
    if let outlook = evaluation.outlook {
      members += [
        ("bestTotal", pts(outlook.bestTotal)),
        ("worstTotal", pts(outlook.worstTotal)),
        ("verdictDecided", .bool(outlook.decided != nil)),
        ("decidedVerdict", .optionalString(outlook.decided?.rawValue)),
        ("canStillBeRecognized", .bool(outlook.canStillBeRecognized)),
      ]
    }
    return members
  }

  /// Points that rules marked *reconstructed* decided (certain points only).
  func reconstructedPoints(_ evaluation: Evaluation) -> Int {
    evaluation.criteria.filter { $0.points != nil && $0.firedGate == nil }
      .flatMap(\.indicators).filter { $0.provenance == .reconstructed }.reduce(0) {
        $0 + ($1.points ?? 0)
      }
  }

  func reasonCode(_ reason: Reason) -> JSONValue {
    switch reason {
    case .criterionZero(let criterion, let gate):
      return .obj([
        ("code", .string("criterion_zero")), ("criterion", .string(criterion)),
        ("gate", .optionalString(gate?.id)),
      ])
    case .belowThreshold(let total, let threshold):
      return .obj([
        ("code", .string("below_threshold")), ("total", pts(total)),
        ("threshold", pts(threshold)), ("shortfall", pts(threshold - total)),
      ])
    case .notVerifiable(let criterion, let missing, let undefined):
      return .obj([
        ("code", .string("not_verifiable")), ("criterion", .string(criterion)),
        ("missingFields", .array(missing.map(JSONValue.string))),
        ("nothingToMeasure", .array(undefined.map(JSONValue.string))),
      ])
    case .bestBelowThreshold(let best, let threshold):
      return .obj([
        ("code", .string("best_below_threshold")), ("bestTotal", pts(best)),
        ("threshold", pts(threshold)),
      ])
    case .criterionBelowMinimum(let criterion, let points, let best, let minimum):
      return .obj([
        ("code", .string("criterion_below_minimum")), ("criterion", .string(criterion)),
        ("points", optionalPts(points)), ("best", pts(best)), ("minimum", pts(minimum)),
      ])
    case .indicatorBelowMinimum(let criterion, let indicator, let points, let best, let minimum):
      return .obj([
        ("code", .string("indicator_below_minimum")), ("criterion", .string(criterion)),
        ("indicator", .string(indicator)), ("points", optionalPts(points)), ("best", pts(best)),
        ("minimum", pts(minimum)),
      ])
    }
  }

  func criterion(_ result: CriterionResult, index: Int) -> JSONValue {
    let declaration = rulebook.criteria[index]
    var members: [(String, JSONValue)] = [
      ("id", .string(result.id)),
      ("name", .string(declaration.name.text(explainer.language))),
      ("points", optionalPts(result.points)),
      ("maxPoints", pts(result.maxPoints)),
      ("status", .string(result.status.rawValue)),
      ("indicators", .array(result.indicators.map { indicator($0, criterionIndex: index) })),
    ]
    if result.status == .notVerifiable {
      members += [
        ("best", pts(result.best)), ("worst", pts(result.worst)),
        ("missingFields", .array(result.missingFields.map(JSONValue.string))),
      ]
    }
    if !result.gates.isEmpty {
      members.append(
        (
          "gates",
          .array(
            result.gates.enumerated().map { offset, gate in
              let declared = declaration.gates[offset]
              var members: [(String, JSONValue)] = [
                ("id", .string(gate.id)), ("field", .string(gate.field)),
                ("value", .optionalInt(gate.value)),
                ("zeroesCriterion", gate.fired.map(JSONValue.bool) ?? .null),
                ("provenance", .string(declared.provenance.status.rawValue)),
                ("description", .string(declared.description.text(explainer.language))),
              ]
              // A general condition says what it read and compared (a rate's both figures).
              if !declared.condition.isCountAboveZero {
                members += [
                  ("condition", .string(explainer.gateConditionInWords(declared.condition))),
                  (
                    "inputs",
                    .obj(gate.inputs.map { ($0.field, JSONValue.optionalInt($0.value)) })
                  ),
                  ("explanation", .string(explainer.gateSentence(declared, gate))),
                ]
              }
              return .obj(members)
            })
        ))
    }
    return .obj(members)
  }

  func indicator(_ result: IndicatorResult, criterionIndex: Int) -> JSONValue {
    let declaration = explainer.indicator(criterionIndex, result)
    var inputs: [(String, JSONValue)] = []
    for input in result.inputs { inputs.append((input.field, .optionalInt(input.value))) }
    var members: [(String, JSONValue)] = [
      ("id", .string(result.id)),
      ("name", .string(declaration.name.text(explainer.language))),
      ("points", optionalPts(result.points)),
      ("maxPoints", pts(result.maxPoints)),
      ("status", .string(result.status.rawValue)),
      ("provenance", .string(result.provenance.rawValue)),
      ("explanation", .string(explainer.explain(result, in: criterionIndex))),
      ("inputs", .obj(inputs)),
    ]
    if let note = declaration.provenance.note {
      members.append(("provenanceNote", .string(note.text(explainer.language))))
    }
    if !result.missing.isEmpty {
      members.append(("missingFields", .array(result.missing.map(JSONValue.string))))
    }
    switch result.outcome.match {
    case .band(let index): members.append(("band", .int(index)))
    case .otherwise: members.append(("band", .string("otherwise")))
    case .whenNone: members.append(("band", .string("whenNone")))
    case nil: break
    }
    return .obj(members)
  }

  /// Points as a JSON number: an integer when whole (so whole-point rulebooks print as before),
  /// else the exact decimal (`0.25`).
  func pts(_ units: Int) -> JSONValue {
    let scale = rulebook.pointScale
    guard scale > 1 else { return .int(units) }
    return units % scale == 0 ? .int(units / scale) : .number(rulebook.pointsText(units))
  }

  func optionalPts(_ units: Int?) -> JSONValue { units.map(pts) ?? .null }

  /// A field's value as the evidence record writes it: a flag is a JSON boolean, a count an
  /// integer, so a step's `to` can be copied into the record as it is.
  func fieldValue(_ field: String, _ value: Int?) -> JSONValue {
    guard let value else { return .null }
    return rulebook.field(field)?.kind == .flag ? .bool(value != 0) : .int(value)
  }

  func adjustment(_ effect: AdjustmentEffect) -> JSONValue {
    .obj([
      ("field", .string(effect.field)), ("from", fieldValue(effect.field, effect.from)),
      ("to", fieldValue(effect.field, effect.to)),
      ("reason", .string(effect.reason)), ("pointsEffect", pts(effect.pointsEffect)),
      ("verdictAlone", .string(effect.verdictAlone.rawValue)),
      (
        "indicatorEffects",
        .array(
          effect.indicatorEffects.map {
            .obj([("indicator", .string($0.indicator)), ("points", pts($0.points))])
          })
      ),
    ])
  }

  func path(_ path: PathToRecognition, values: EvidenceValues) -> JSONValue {
    .obj([
      ("achievable", .bool(path.achievable)),
      ("blockers", .array(path.blockers.map { .string(explainer.blocker($0)) })),
      (
        "reason",
        path.achievable
          ? .null : .string(path.blockers.map(explainer.blocker).joined(separator: "; "))
      ),
      ("evidenceNeeded", .array(path.evidenceNeeded.map(JSONValue.string))),
      ("totalAfter", pts(path.totalAfter)),
      (
        "steps",
        .array(
          path.steps.map { step in
            .obj([
              ("indicator", .string(step.indicator)), ("field", .string(step.field)),
              ("from", fieldValue(step.field, step.from)),
              ("to", fieldValue(step.field, step.to)), ("pointsGained", pts(step.pointsGained)),
              ("description", .string(explainer.step(step, values: values))),
            ])
          })
      ),
    ])
  }

  /// The assessment as JSON text with a final newline.
  public func render(_ assessment: Assessment) -> String {
    JSONWriter.write(value(assessment)) + "\n"
  }
}
