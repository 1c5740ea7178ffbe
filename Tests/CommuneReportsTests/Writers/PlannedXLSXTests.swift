import CommuneReports
import CommuneScoring
import Testing

/// Runs `sources` through the engine into the xlsx writer; `planned` lets the compiled plan
/// score what it can. Returns the workbook's bytes, what was reported, and how many communes
/// the plan scored.
func xlsxRun(
  _ sources: [(String, [UInt8])], rulebook: Rulebook = shippedRulebook, planned: Bool,
  executor: some BatchExecutor, language: Language = .vi, chunkSize: Int = 1 << 16,
  reviews: ReviewCorrections? = nil, certifiedOnly: Bool = false
) throws -> (output: [UInt8], reports: [String], plannedCommunes: Int) {
  try writerRun(
    .xlsx, sources,
    options: BatchWriterOptions(
      rulebook: rulebook, language: language, certifiedOnly: certifiedOnly,
      withReview: reviews != nil),
    reviews: reviews, planned: planned, executor: executor, chunkSize: chunkSize)
}

/// The council's workbook for communes the compiled plan scored is the one the general path
/// writes, part for part and byte for byte once inflated: the same rows, numbers, widths and
/// summary.
@Suite struct PlannedXLSXTests {
  let sources = [
    ("a.csv", madeBatch(2_500, seed: 11)), ("b.csv", madeBatch(1_200, seed: 12, note: true)),
  ]

  /// Each part of an archive, by name, uncompressed.
  func parts(_ archive: [UInt8]) throws -> [String: [UInt8]] {
    var reader = try ZipReader(archive)
    var parts: [String: [UInt8]] = [:]
    for entry in reader.entries { parts[entry.name] = try reader.read(entry) }
    #expect(parts.count >= 7)
    return parts
  }

  /// The first cell where the two workbooks' sheets differ, for a readable failure.
  func firstDifference(_ planned: [UInt8], _ general: [UInt8]) -> String {
    guard var a = try? Workbook(planned), var b = try? Workbook(general) else {
      return "a workbook does not open"
    }
    for sheet in b.sheetNames {
      guard let x = try? a.allRows(sheet: sheet), let y = try? b.allRows(sheet: sheet) else {
        return "sheet \(sheet) does not read"
      }
      for (index, (p, g)) in zip(x, y).enumerated() where p.dense != g.dense {
        return "\(sheet) row \(index + 1):\nplanned \(p.dense)\ngeneral \(g.dense)"
      }
      if x.count != y.count { return "\(sheet): \(x.count) rows against \(y.count)" }
    }
    return "the sheets read the same; their bytes differ"
  }

  func expectSame(
    _ sources: [(String, [UInt8])], rulebook: Rulebook = shippedRulebook, language: Language,
    executor: some BatchExecutor = SerialBatchExecutor(), chunkSize: Int = 1 << 16,
    reviews: ReviewCorrections? = nil, certifiedOnly: Bool = false, atLeast: Int
  ) throws {
    let general = try xlsxRun(
      sources, rulebook: rulebook, planned: false, executor: SerialBatchExecutor(),
      language: language, chunkSize: chunkSize, reviews: reviews, certifiedOnly: certifiedOnly)
    let planned = try xlsxRun(
      sources, rulebook: rulebook, planned: true, executor: executor, language: language,
      chunkSize: chunkSize, reviews: reviews, certifiedOnly: certifiedOnly)
    #expect(general.plannedCommunes == 0)
    // The plan scored most communes: the comparison is not vacuous.
    #expect(planned.plannedCommunes >= atLeast)
    #expect(planned.reports == general.reports)
    // The archives' parts, uncompressed (how DEFLATE cuts its blocks depends on how the rows
    // arrive), compared as one truth value: a failure prints where the sheets differ.
    let same = try parts(planned.output) == parts(general.output)
    #expect(same, "\(firstDifference(planned.output, general.output))")
  }

  @Test(arguments: [Language.vi, .en])
  func thePlannedWorkbookIsByteForByteTheGeneralOne(language: Language) throws {
    try expectSame(sources, language: language, atLeast: 2_000)
    try expectSame(sources, language: language, chunkSize: 4096, atLeast: 2_000)
  }

  @Test func withTwoWorkersThePlannedWorkbookIsTheGeneralOne() throws {
    try expectSame(sources, language: .vi, executor: TwoThreadExecutor(), atLeast: 2_000)
  }

  @Test func aCertifiedOnlyListAndAReviewFileGiveTheGeneralWorkbook() throws {
    let reviews = recountedReviews
    for certifiedOnly in [false, true] {
      try expectSame(
        sources, language: .vi, executor: TwoThreadExecutor(), reviews: reviews,
        certifiedOnly: certifiedOnly, atLeast: 2_000)
      try expectSame(
        sources, language: .en, certifiedOnly: certifiedOnly, atLeast: 2_000)
    }
  }

  @Test(arguments: [Language.vi, .en])
  func atBandAndGateLimitsThePlannedWorkbookIsTheGeneralOne(language: Language) throws {
    let shipped = [("limits.csv", limitBatch(shippedRulebook, count: 2_000, seed: 13))]
    try expectSame(shipped, language: language, atLeast: 1_000)
    let gates = [("gates.csv", limitBatch(gatesWorkbookRulebook, count: 1_500, seed: 14))]
    try expectSame(gates, rulebook: gatesWorkbookRulebook, language: language, atLeast: 700)
  }

  @Test func namesWithMarkupAndControlsGiveTheGeneralWorkbook() throws {
    // Texts the plan reads but the cells must escape, or lose a control from (a quote would
    // send the row to the general path): the frame's space is reserved for the longest
    // escaping.
    let batch = String(decoding: madeBatch(600, seed: 21), as: UTF8.self)
      .replacingOccurrences(of: "Xã Tân Phú", with: "Xã <&> Tân'Phú\u{7F}\u{0B}x")
      .replacingOccurrences(of: "Nam Định", with: "Nam & Định<>'")
    let sources = [("markup.csv", Array(batch.utf8))]
    try expectSame(sources, language: .vi, atLeast: 300)
    try expectSame(sources, language: .en, executor: TwoThreadExecutor(), atLeast: 300)
  }

  @Test func theListNumbersEveryCommuneOnceInInputOrderAndTheSummaryCountsThemAll() throws {
    // More communes than the sample measured for the column widths, with repeats rejected.
    let run = try xlsxRun(sources, planned: true, executor: TwoThreadExecutor())
    var workbook = try Workbook(run.output)
    let rows = try workbook.allRows()
    let listed = rows.dropFirst(3)
    let tally = try #require(run.reports.last)
    let assessed = listed.count
    #expect(tally.contains("assessed: \(assessed)"))
    #expect(listed.map { $0.dense.first??.text ?? "" } == (1...assessed).map { "\($0)" })
    let summary = try workbook.allRows(sheet: "Tổng hợp").map { $0.dense.map { $0?.text ?? "" } }
    let total = try #require(summary.first { $0.first == "Tổng cộng" })
    #expect(total[1] == "\(assessed)")
    // Codes stay text with their zeros.
    #expect(listed.contains { $0.dense[1]?.text == "00002" })
  }

  @Test func escapingOfPlannedTextsIsTheMarkupEscaping() {
    for text in [
      "Xã A", "A & B", "<b>", "\"q\"", "it's", "a\rb", "tab\there", "nl\nx", "del\u{7F}",
      "c1\u{85}x", "c1\u{9F}", "nbsp\u{A0}", "é", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
      "\u{0B}v", "Thị trấn Đông Hà", "", " lead", "trail ", "two  spaces", " ",
    ] {
      var planned: [UInt8] = []
      Array(text.utf8).withUnsafeBufferPointer {
        BatchWorkbook.plannedTextCell($0, into: &planned)
      }
      var general: [UInt8] = []
      XLSXStream.rowXML([.text(text, .text)], into: &general)
      #expect(planned == Array(general[5..<(general.count - 6)]), "\(text.debugDescription)")
    }
  }

  @Test func numbersOfPlannedRowsAreWrittenAsSwiftWritesThem() {
    for value in [
      0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 2024, 99_999, 1_000_000, -1, -9, -10, -1000,
      Int.max, Int.min,
    ] {
      var planned: [UInt8] = []
      BatchWorkbook.plannedNumberCell(value, into: &planned)
      var general: [UInt8] = []
      XLSXStream.rowXML([.number(value, .number)], into: &general)
      #expect(
        String(decoding: planned, as: UTF8.self)
          == String(decoding: general[5..<(general.count - 6)], as: UTF8.self))
    }
  }
}
