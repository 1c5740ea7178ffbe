import CommuneScoring

/// The fixed bytes of a `--format jsonl` line laid out flat, for `PlannedCompactLine`: every
/// fragment (`CompactTemplates`, `ExplanationPhrases`) copied once into one byte pool, and each
/// criterion and indicator described by plain offsets into it.
///
/// A line is about 7 KB written from some 300 fragments. Taken from nested arrays, each fragment
/// costs a retain and a release of its storage (two atomic operations): they were two fifths of
/// the time of `--format jsonl`. Here a line is written through pointers held for the whole line
/// (`CompactLineWriter`), into a scratch sized in advance, so no fragment touches a reference
/// count and no append checks capacity or uniqueness.
struct CompactLineLayout: Sendable {
  /// Where a fragment sits in `pool`.
  struct Span: Sendable {
    var start: Int
    var count: Int
  }

  enum Kind: Sendable {
    case flag
    case countZero
    case rate
  }

  /// One indicator, in rulebook order (the order of `PlannedTrace.indicators`).
  struct Indicator: Sendable {
    var kind: Kind
    /// The slots of its rule's inputs among a row's figures (the second only for a rate).
    var first: Int
    var second: Int
    var inputCount: Int
    /// A flag's "label: yes → ", a count's "label: ", a rate's "part / whole = ".
    var head: Span
    /// A flag's "label: no → ", a count's " (must be 0)", a rate's unit.
    var other: Span
    /// A rate's scale (100 or 100,000).
    var scale: Int
    /// A rate's " → meets … → " of each band, as indices into `spans`.
    var meets: Range<Int>
    var misses: Span
    /// The labels of its inputs, for a missing one, as indices into `spans`.
    var labels: Range<Int>
    var missingEnd: Span
    /// `,"id":"T1.1","maxPoints":50,"points":`
    var idAndMaximum: Span
    /// `,"provenance":"verified","status":`
    var provenance: Span
  }

  struct Criterion: Sendable {
    var head: Span
    var maximum: Span
    var indicators: Range<Int>
    /// The reason "criterion … scored 0" (no gate), as a JSON string.
    var zero: Span
  }

  /// A category's id, and the words of a total below its threshold between the threshold and
  /// the shortfall.
  struct Category: Sendable {
    var id: Span
    var belowThreshold: Span
  }

  var pool: [UInt8] = []
  var spans: [Span] = []
  var indicators: [Indicator] = []
  var criteria: [Criterion] = []
  var categories: [Category] = []
  /// Fragments used by every line.
  var explanationKey = Span(start: 0, count: 0)
  var statusKey = Span(start: 0, count: 0)
  var met = Span(start: 0, count: 0)
  var zero = Span(start: 0, count: 0)
  var notVerifiable = Span(start: 0, count: 0)
  var null = Span(start: 0, count: 0)
  var arrow = Span(start: 0, count: 0)
  var missingHead = Span(start: 0, count: 0)
  var noneWords = Span(start: 0, count: 0)
  var nothingToMeasure = Span(start: 0, count: 0)
  var notVerifiableWords = Span(start: 0, count: 0)
  var pointsUnit = Span(start: 0, count: 0)
  var pointUnit = Span(start: 0, count: 0)
  var maxTotal = Span(start: 0, count: 0)
  var rulebookAndStatus = Span(start: 0, count: 0)
  var recognized = Span(start: 0, count: 0)
  var notRecognized = Span(start: 0, count: 0)
  var belowTotal = Span(start: 0, count: 0)
  var belowThreshold = Span(start: 0, count: 0)
  var belowEnd = Span(start: 0, count: 0)
  /// The most bytes a line can take, besides its text cells (each at most 6 bytes a byte
  /// once escaped): every fragment that may appear, and room for every number.
  var fixedBound = 0
  let group: UInt8
  let decimal: UInt8
  let pointScale: Int
  let noCriterionAtZero: Bool
  /// The language of points with a scale (written through `Format.points` and
  /// `PointScale.text`, as the general path writes them) and of a ratio's fallback.
  let language: Language

  /// Room for any number the line writes: an integer of 64 bits with its sign and separators,
  /// a ratio of a 128-bit numerator with two decimals, or points with a scale.
  static let numberRoom = 64

  /// The layout of `prepared`'s line for the indicators of `plan` (`PlannedCompactLine`);
  /// nil when some indicator has no prepared phrase or a rule reads other inputs than its
  /// phrase expects.
  init?(_ prepared: CompactTemplates, maxTotal: [UInt8], rulebookAndStatus: [UInt8]) {
    let phrases = prepared.phrases
    let explainer = phrases.explainer
    let rulebook = explainer.rulebook
    language = explainer.language
    group = phrases.group
    decimal = phrases.decimal
    pointScale = rulebook.pointScale
    noCriterionAtZero = rulebook.recognition.noCriterionAtZero
    let room = Self.numberRoom
    var pool: [UInt8] = []
    var spans: [Span] = []
    func add(_ bytes: [UInt8]) -> Span {
      defer { pool += bytes }
      return Span(start: pool.count, count: bytes.count)
    }
    func quoted(_ text: String) -> [UInt8] {
      var bytes: [UInt8] = []
      JSONWriter.appendString(text, to: &bytes)
      return bytes
    }
    explanationKey = add(CompactTemplates.explanationKey)
    statusKey = add(CompactTemplates.statusKey)
    met = add(prepared.status.met)
    zero = add(prepared.status.zero)
    notVerifiable = add(prepared.status.notVerifiable)
    null = add(Array("null".utf8))
    arrow = add(Array(" → ".utf8))
    missingHead = add(phrases.missingHead)
    noneWords = add(phrases.noneWords)
    nothingToMeasure = add(phrases.nothingToMeasure)
    notVerifiableWords = add(phrases.notVerifiableWords)
    pointsUnit = add(phrases.pointsUnit)
    pointUnit = add(phrases.pointUnit)
    self.maxTotal = add(maxTotal)
    self.rulebookAndStatus = add(rulebookAndStatus)
    recognized = add(quoted(AssessmentStatus.recognized.rawValue))
    notRecognized = add(quoted(AssessmentStatus.notRecognized.rawValue))
    belowTotal = add(prepared.belowThreshold.total)
    belowThreshold = add(prepared.belowThreshold.threshold)
    belowEnd = add(prepared.belowThreshold.end)
    let statusRoom = max(met.count, zero.count, notVerifiable.count)
    let unitRoom = max(pointsUnit.count, pointUnit.count)
    // The commune object's keys and punctuation, the line's, and its last numbers.
    var bound = 256 + 8 * room + self.maxTotal.count + self.rulebookAndStatus.count
    bound += max(recognized.count, notRecognized.count)
    var longestCategory = 0
    for category in rulebook.categories {
      guard let words = prepared.belowThresholdCategory[category.id] else { return nil }
      categories.append(Category(id: add(Array(category.id.utf8)), belowThreshold: add(words)))
      longestCategory = max(longestCategory, words.count)
    }
    bound += belowTotal.count + belowThreshold.count + belowEnd.count + longestCategory + 3 * room
    for (criterionIndex, criterion) in rulebook.criteria.enumerated() {
      let template = prepared.criteria[criterionIndex]
      guard template.indicators.count == criterion.indicators.count,
        let zeroWords = prepared.criterionZero[criterion.id]
      else { return nil }
      let firstIndicator = indicators.count
      for (position, indicator) in criterion.indicators.enumerated() {
        let inputs = indicator.rule.inputs.map(\.index)
        let missing = phrases.missing[criterionIndex][position]
        guard missing.labels.count == inputs.count, let first = inputs.first else { return nil }
        let labelStart = spans.count
        for label in missing.labels { spans.append(add(label)) }
        var entry = Indicator(
          kind: .flag, first: first, second: first, inputCount: inputs.count,
          head: Span(start: 0, count: 0), other: Span(start: 0, count: 0), scale: 1,
          meets: 0..<0, misses: Span(start: 0, count: 0), labels: labelStart..<spans.count,
          missingEnd: add(missing.end),
          idAndMaximum: add(template.indicators[position].idAndMaximum),
          provenance: add(template.indicators[position].provenance))
        // The longest explanation this indicator can give.
        let missingRoom =
          missingHead.count + missing.labels.reduce(0) { $0 + $1.count + 2 } + missing.end.count
        var phraseRoom = 0
        switch phrases.phrases[criterionIndex][position] {
        case .general:
          return nil
        case .flag(let yes, let no):
          entry.head = add(yes)
          entry.other = add(no)
          phraseRoom = max(yes.count, no.count) + room + unitRoom
        case .countZero(let head, let mustBeZero):
          entry.kind = .countZero
          entry.head = add(head)
          entry.other = add(mustBeZero)
          phraseRoom = head.count + room + mustBeZero.count + arrow.count + room + unitRoom
        case .rate(let rate):
          guard inputs.count == 2 else { return nil }
          entry.kind = .rate
          entry.second = inputs[1]
          entry.head = add(rate.head)
          entry.other = add(rate.unit)
          entry.scale = rate.scale
          let meetStart = spans.count
          for words in rate.meets { spans.append(add(words)) }
          entry.meets = meetStart..<spans.count
          entry.misses = add(rate.misses)
          let band = rate.meets.reduce(rate.misses.count) { max($0, $1.count) }
          let none =
            noneWords.count
            + max(room + unitRoom, notVerifiableWords.count + nothingToMeasure.count)
          let measured = 3 + room + rate.unit.count + band + room + unitRoom
          phraseRoom = rate.head.count + 2 * room + 1 + max(none, measured)
        }
        guard inputs.count == (entry.kind == .rate ? 2 : 1) else { return nil }
        indicators.append(entry)
        bound +=
          explanationKey.count + 2 + max(missingRoom, phraseRoom) + entry.idAndMaximum.count
          + room + entry.provenance.count + statusRoom + 1
      }
      criteria.append(
        Criterion(
          head: add(template.head), maximum: add(template.maximum),
          indicators: firstIndicator..<indicators.count, zero: add(zeroWords)))
      bound +=
        template.head.count + template.maximum.count + room + statusKey.count + statusRoom
        + zeroWords.count + 2
    }
    fixedBound = bound
    self.pool = pool
    self.spans = spans
  }
}
