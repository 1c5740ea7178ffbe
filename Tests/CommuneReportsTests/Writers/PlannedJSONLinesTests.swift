import CommuneReports
import CommuneScoring
import Testing

/// A batch CSV of `count` communes of `rulebook` whose figures crowd around every band and gate
/// limit: parts at, just below and just above each limit, wholes of 0, missing figures (not
/// verifiable), counts at 0, flags both ways, and a few figures the validator refuses.
func limitBatch(_ rulebook: Rulebook, count: Int, seed: UInt64) -> [UInt8] {
  var random = SplitMix64(seed: seed)
  func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
  // (part, whole or nil, factor, limit): part × factor compared with limit × whole.
  var limits: [(Int, Int?, Int, Int)] = []
  var rates: [(part: Int, whole: Int, higher: Bool)] = []
  func bands(_ table: BandTable, _ part: FieldRef, _ whole: FieldRef) {
    rates.append((part.index, whole.index, table.better == .higher))
    for band in table.bands {
      limits.append(
        (part.index, whole.index, table.scale * band.limit.denominator, band.limit.numerator))
    }
  }
  for criterion in rulebook.criteria {
    for indicator in criterion.indicators {
      if let rule = indicator.rule as? RateRule {
        bands(rule.table, rule.numerator, rule.denominator)
      }
      if let rule = indicator.rule as? RatePer100kRule {
        bands(rule.table, rule.count, rule.population)
      }
    }
    for gate in criterion.gates {
      guard case .measure(let measure, _, let limit) = gate.condition else { continue }
      limits.append(
        (
          measure.part.index, measure.whole?.index, measure.scale * limit.denominator,
          limit.numerator
        ))
    }
  }
  let digits = rulebook.communeCodeDigits ?? 5
  let header =
    ["code", "name", "district", "province", "category", "year"] + rulebook.fields.map(\.id)
  var out = Array((header.joined(separator: ",") + "\r\n").utf8)
  for index in 0..<count {
    var values: [Int?] = Array(repeating: nil, count: rulebook.fields.count)
    let good = below(3) != 0
    for field in rulebook.fields {
      values[field.index] =
        field.kind == .flag
        ? (below(good ? 30 : 4) == 0 ? 0 : 1)
        : [0, 1, 7, 20, 99, 100, 101, 1000, 100_000, below(3000)][below(10)]
    }
    if good {
      for rate in rates {
        let whole = values[rate.whole] ?? 0
        values[rate.part] = rate.higher ? max(0, whole - below(2)) : min(whole, below(2))
      }
    }
    for _ in 0..<(1 + below(4)) where !limits.isEmpty {
      let (part, whole, factor, limit) = limits[below(limits.count)]
      var total = 1
      if let whole {
        total = [0, 1, 7, 20, 50, 100, 1000, 100_000, 99_999][below(9)] + below(3)
        values[whole] = total
      }
      values[part] = max(0, (factor == 0 ? 0 : limit * total / factor) + below(3) - 1)
    }
    // Parts within their wholes, nine times in ten (the others are refused, in both paths).
    if below(10) != 0 {
      for _ in 0..<4 {
        for field in rulebook.fields {
          guard let whole = field.partOfIndex, let part = values[field.index],
            let total = values[whole], part > total
          else { continue }
          values[field.index] = total
        }
      }
    }
    for field in rulebook.fields where below(50) == 0 { values[field.index] = nil }
    let code = String(index + 1)
    var cells = [
      String(repeating: "0", count: max(0, digits - code.count)) + code, "Xã \(index)",
      below(4) == 0 ? "" : "Huyện \\ \"A\"".replacing("\"", with: ""), "Tỉnh\tB",
      rulebook.categories[below(rulebook.categories.count)].id, "2024",
    ]
    cells += values.map { $0.map(String.init) ?? "" }
    out += Array((cells.joined(separator: ",") + "\r\n").utf8)
  }
  return out
}

/// Runs `sources` through the engine into the JSON Lines writer; `planned` lets the compiled
/// plan score what it can. Returns the output, what was reported, and how many communes the
/// plan wrote.
func jsonLinesRun(
  _ sources: [(String, [UInt8])], rulebook: Rulebook = shippedRulebook, planned: Bool,
  executor: some BatchExecutor, language: Language = .en, chunkSize: Int = 1 << 16,
  reviews: ReviewCorrections? = nil, certifiedOnly: Bool = false
) throws -> (output: [UInt8], reports: [String], plannedCommunes: Int) {
  try writerRun(
    .jsonl, sources,
    options: BatchWriterOptions(
      rulebook: rulebook, language: language, certifiedOnly: certifiedOnly,
      withReview: reviews != nil),
    reviews: reviews, planned: planned, executor: executor, chunkSize: chunkSize)
}

@Suite struct PlannedJSONLinesTests {
  let sources = [
    ("a.csv", madeBatch(2_000, seed: 3)), ("b.csv", madeBatch(1_000, seed: 4, note: true)),
  ]

  /// The first line where `planned` and `general` differ, for a readable failure.
  func firstDifference(_ planned: [UInt8], _ general: [UInt8]) -> String {
    let a = planned.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let b = general.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    for (index, (x, y)) in zip(a, b).enumerated() where x != y {
      return "line \(index + 1):\nplanned \(String(decoding: x, as: UTF8.self))\n"
        + "general \(String(decoding: y, as: UTF8.self))"
    }
    return "\(a.count) lines against \(b.count)"
  }

  func expectSame(
    _ sources: [(String, [UInt8])], rulebook: Rulebook = shippedRulebook, language: Language,
    executor: some BatchExecutor = SerialBatchExecutor(), chunkSize: Int = 1 << 16,
    reviews: ReviewCorrections? = nil, certifiedOnly: Bool = false, atLeast: Int
  ) throws {
    let general = try jsonLinesRun(
      sources, rulebook: rulebook, planned: false, executor: SerialBatchExecutor(),
      language: language, chunkSize: chunkSize, reviews: reviews, certifiedOnly: certifiedOnly)
    let planned = try jsonLinesRun(
      sources, rulebook: rulebook, planned: true, executor: executor, language: language,
      chunkSize: chunkSize, reviews: reviews, certifiedOnly: certifiedOnly)
    #expect(general.plannedCommunes == 0)
    // The plan scored most communes: the comparison is not vacuous.
    #expect(planned.plannedCommunes >= atLeast)
    #expect(planned.reports == general.reports)
    #expect(planned.output == general.output, "\(firstDifference(planned.output, general.output))")
  }

  @Test(arguments: [Language.vi, .en])
  func thePlannedLinesAreByteForByteTheGeneralOnes(language: Language) throws {
    try expectSame(sources, language: language, atLeast: 1_500)
    try expectSame(sources, language: language, chunkSize: 4096, atLeast: 1_500)
  }

  @Test func withTwoWorkersThePlannedLinesAreTheGeneralOnes() throws {
    try expectSame(sources, language: .vi, executor: TwoThreadExecutor(), atLeast: 1_500)
  }

  @Test(arguments: [Language.vi, .en])
  func atBandAndGateLimitsThePlannedLinesAreTheGeneralOnes(language: Language) throws {
    // Incomplete communes, gates fired and every band reached, in the shipped rulebook and one
    // with gates of every measure.
    let shipped = [("limits.csv", limitBatch(shippedRulebook, count: 3_000, seed: 5))]
    try expectSame(shipped, language: language, atLeast: 1_500)
    let gates = [("gates.csv", limitBatch(gatesWorkbookRulebook, count: 2_000, seed: 6))]
    try expectSame(gates, rulebook: gatesWorkbookRulebook, language: language, atLeast: 1_000)
  }

  @Test(arguments: [Language.vi, .en])
  func withMinimumsThePlannedLinesAreTheGeneralOnes(language: Language) throws {
    let rulebook = try shippedRulebookWithMinimums()
    let batch = [("minimums.csv", limitBatch(rulebook, count: 3_000, seed: 7))]
    try expectSame(batch, rulebook: rulebook, language: language, atLeast: 1_500)
  }

  /// The shipped rulebook with minimums added (the fixtures with minimums use rule kinds the
  /// plan does not know): one per criterion, and one for an indicator.
  func shippedRulebookWithMinimums() throws -> Rulebook {
    var text = String(decoding: try repositoryBytes("criteria/qd06-2019.json"), as: UTF8.self)
    for (old, new) in [
      (
        "\"noCriterionAtZero\": true\n",
        "\"noCriterionAtZero\": true,\n    \"minimumPerCriterion\": 40\n"
      ),
      ("\"id\": \"T1.1\",\n", "\"id\": \"T1.1\",\n          \"minimumPoints\": 50,\n"),
    ] {
      #expect(text.contains(old), "the shipped rulebook no longer contains \(old)")
      text = text.replacing(old, with: new)
    }
    let rulebook = try RulebookLoader.load(Array(text.utf8))
    #expect(ScoringPlan(rulebook) != nil)
    return rulebook
  }

  @Test func withAReviewFileAndTheCertifiedListThePlannedLinesAreTheGeneralOnes() throws {
    let reviews = recountedReviews
    for certifiedOnly in [false, true] {
      try expectSame(
        sources, language: .vi, executor: TwoThreadExecutor(), reviews: reviews,
        certifiedOnly: certifiedOnly, atLeast: certifiedOnly ? 10 : 1_500)
    }
  }

  @Test func thePlannedLineOfACompleteCommuneExplainsEveryIndicator() throws {
    let header =
      (["code", "name", "district", "province", "category", "year"]
      + shippedRulebook.fields.map(\.id)).joined(separator: ",")
    let figures = shippedRulebook.fields.map { $0.kind == .flag ? "1" : "100" }
      .joined(separator: ",")
    let text = Array("\(header)\n00001,Xã A,,Tỉnh C,standard,2024,\(figures)\n".utf8)
    let run = try jsonLinesRun(
      [("s.csv", text)], planned: true, executor: SerialBatchExecutor(), language: .en)
    #expect(run.plannedCommunes == 1)
    let line = String(decoding: run.output, as: UTF8.self)
    #expect(line.hasPrefix(#"{"commune":{"category":"standard","code":"00001","district":null,"#))
    #expect(line.contains(#""explanation":"#))
    #expect(line.split(separator: "\n").count == 2)
  }
}
