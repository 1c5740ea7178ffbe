import CommuneScoring

/// The fixed bytes of a compact line, prepared once per rulebook: each criterion's and
/// indicator's id and maximum, provenance and status words, and the phrases of the commonest
/// reasons.
struct CompactTemplates: Sendable {
  struct Criterion: Sendable {
    /// `{"id":"T1","indicators":[`
    var head: [UInt8]
    /// `],"maxPoints":100,"points":`
    var maximum: [UInt8]
    var indicators: [Indicator]
  }

  struct Indicator: Sendable {
    /// `,"id":"T1.1","maxPoints":50,"points":`
    var idAndMaximum: [UInt8]
    /// `,"provenance":"verified","status":`
    var provenance: [UInt8]
  }

  /// A status as a JSON string, and the object's closing brace: `"met"}`.
  struct StatusWords: Sendable {
    var met: [UInt8]
    var zero: [UInt8]
    var notVerifiable: [UInt8]

    subscript(_ status: ScoreStatus) -> [UInt8] {
      switch status {
      case .met: met
      case .zero: zero
      case .notVerifiable: notVerifiable
      }
    }
  }

  static let explanationKey = Array(#"{"explanation":"#.utf8)
  static let statusKey = Array(#","status":"#.utf8)

  let phrases: ExplanationPhrases
  let criteria: [Criterion]
  let status: StatusWords
  /// "Tiêu chí T3 (…) bị 0 điểm — không tiêu chí nào được 0 điểm" (no gate), by criterion id.
  let criterionZero: [String: [UInt8]]
  /// The words of a total below its category's threshold, around the three numbers.
  let belowThreshold: (total: [UInt8], threshold: [UInt8], end: [UInt8])
  /// " của loại Xã … (thiếu " by category id: between the threshold and the shortfall.
  let belowThresholdCategory: [String: [UInt8]]

  init(_ phrases: ExplanationPhrases) {
    self.phrases = phrases
    let explainer = phrases.explainer
    let rulebook = explainer.rulebook
    func quoted(_ text: String) -> [UInt8] {
      var bytes: [UInt8] = []
      JSONWriter.appendString(text, to: &bytes)
      return bytes
    }
    func points(_ units: Int) -> [UInt8] {
      var bytes: [UInt8] = []
      CompactAssessment.appendPoints(units, scale: rulebook.pointScale, rulebook, to: &bytes)
      return bytes
    }
    criteria = rulebook.criteria.map { criterion in
      Criterion(
        head: Array(#"{"id":"#.utf8) + quoted(criterion.id) + Array(#","indicators":["#.utf8),
        maximum: Array(#"],"maxPoints":"#.utf8) + points(criterion.maxPoints)
          + Array(#","points":"#.utf8),
        indicators: criterion.indicators.map { indicator in
          Indicator(
            idAndMaximum: Array(#","id":"#.utf8) + quoted(indicator.id)
              + Array(#","maxPoints":"#.utf8) + points(indicator.maxPoints)
              + Array(#","points":"#.utf8),
            provenance: Array(#","provenance":"#.utf8)
              + quoted(indicator.provenance.status.rawValue)
              + Array(#","status":"#.utf8))
        })
    }
    status = StatusWords(
      met: quoted(ScoreStatus.met.rawValue) + [UInt8(ascii: "}")],
      zero: quoted(ScoreStatus.zero.rawValue) + [UInt8(ascii: "}")],
      notVerifiable: quoted(ScoreStatus.notVerifiable.rawValue) + [UInt8(ascii: "}")])
    var zero: [String: [UInt8]] = [:]
    for criterion in rulebook.criteria {
      zero[criterion.id] = quoted(
        explainer.reason(.criterionZero(criterion: criterion.id, gate: nil), category: ""))
    }
    criterionZero = zero
    let w = explainer.w
    belowThreshold = (
      Array(("\"" + w.t("Tổng điểm ", "Total ")).utf8),
      ExplanationPhrases.escaped(w.t(" thấp hơn ngưỡng ", " is below the threshold of ")),
      ExplanationPhrases.escaped(w.t(" điểm)", ")")) + [UInt8(ascii: "\"")]
    )
    var categories: [String: [UInt8]] = [:]
    for category in rulebook.categories {
      let name = explainer.categoryName(category.id)
      categories[category.id] = ExplanationPhrases.escaped(
        w.t(" của loại \(name) (thiếu ", " for \(name) (short by "))
    }
    belowThresholdCategory = categories
  }

  /// One reason as a JSON string: the commonest from prepared words, the others from
  /// `Explainer.reason`.
  func appendReason(_ reason: Reason, category: String, to out: inout [UInt8]) {
    let scale = phrases.explainer.rulebook.pointScale
    switch reason {
    case .criterionZero(let criterion, nil):
      if let words = criterionZero[criterion] { return out += words }
    case .belowThreshold(let total, let threshold) where scale == 1:
      guard let middle = belowThresholdCategory[category] else { break }
      out += belowThreshold.total
      phrases.appendInteger(total, to: &out)
      out += belowThreshold.threshold
      phrases.appendInteger(threshold, to: &out)
      out += middle
      phrases.appendInteger(threshold - total, to: &out)
      out += belowThreshold.end
      return
    default:
      break
    }
    JSONWriter.appendString(phrases.explainer.reason(reason, category: category), to: &out)
  }
}
