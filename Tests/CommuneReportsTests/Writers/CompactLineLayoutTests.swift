import Testing

@testable import CommuneReports
@testable import CommuneScoring

/// The flat layout of a `--format jsonl` line (`CompactLineLayout`, `CompactLine`) against the
/// general path, line by line: the layout must write the common lines itself (not leave them
/// all to the general path) and write them byte for byte as it does.
@Suite struct CompactLineLayoutTests {
  /// Writes `count` made-up communes of `rulebook` both ways; returns how many lines the layout
  /// wrote itself.
  func compare(_ rulebook: Rulebook, language: Language, count: Int, seed: UInt64) throws -> Int {
    let writer = JSONLinesBatchWriter(
      BatchWriterOptions(
        rulebook: rulebook, language: language, certifiedOnly: false, withReview: false))
    let plan = try #require(ScoringPlan(rulebook))
    let line = try #require(PlannedCompactLine(writer.prepared, plan: plan))
    var random = SplitMix64(seed: seed)
    func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
    var written = 0
    for index in 0..<count {
      var values = EvidenceValues(fieldCount: rulebook.fields.count)
      for field in rulebook.fields where below(400) != 0 {
        values[field.index] =
          field.kind == .flag
          ? below(8) == 0 ? 0 : 1
          : [0, 1, 7, 20, 99, 100, 1000, 1234, 100_000, 9_876_543, below(3000)][below(11)]
      }
      for field in rulebook.fields {
        if let whole = field.partOfIndex, let part = values[field.index],
          let total = values[whole], part > total
        {
          values[field.index] = below(2) == 0 ? total : total / 2
        }
      }
      let categoryIndex = below(rulebook.categories.count)
      guard let score = plan.score(values, categoryIndex: categoryIndex) else { continue }
      let category = Array(rulebook.categories[categoryIndex].id.utf8)
      let code = Array(String(index + 1).utf8)
      let name = Array(#"Xã "Quote" \ B"#.utf8)
      let district = Array((below(3) == 0 ? "" : "Huyện\tC").utf8)
      let province = Array("Tỉnh Đ\u{1}".utf8)
      try values.storage.withUnsafeBufferPointer { figures in
        try code.withUnsafeBufferPointer { code in
          try name.withUnsafeBufferPointer { name in
            try district.withUnsafeBufferPointer { district in
              try province.withUnsafeBufferPointer { province in
                try category.withUnsafeBufferPointer { categoryBytes in
                  try score.points.withUnsafeBufferPointer { points in
                    let row = PlannedRow(
                      line: index + 2, code: code, name: name, district: district,
                      province: province, category: categoryBytes, year: 2024,
                      score: PlannedRow.Score(score, points: points),
                      pointScale: plan.pointScale, figures: figures)
                    var general: [UInt8] = []
                    line.appendEvaluated(row, to: &general)
                    var planned: [UInt8] = []
                    line.append(row, to: &planned)
                    let same = planned == general
                    #expect(
                      same, "commune \(index + 1): \(String(decoding: planned, as: UTF8.self))")
                    var trace = PlannedTrace(plan)
                    guard score.status != .incomplete, plan.trace(figures, into: &trace),
                      line.isCommon(trace)
                    else { return }
                    let cells = code.count + name.count + district.count + province.count
                    let gates = line.gateReasons(trace, figures)
                    var scratch = [UInt8](
                      repeating: 0,
                      count: line.layout.fixedBound + 6 * (cells + category.count)
                        + gates.reduce(0) { $0 + $1.text.count })
                    let end = scratch.withUnsafeMutableBufferPointer { scratch in
                      scratch.baseAddress.flatMap { base in
                        line.appendCommon(
                          row, trace, gateReasons: gates, layout: line.layout, into: base)
                      }
                    }
                    guard let end else { return }
                    written += 1
                    let layoutSame = Array(scratch[..<end]) == general
                    #expect(layoutSame, "commune \(index + 1)")
                    #expect(end <= scratch.count)
                  }
                }
              }
            }
          }
        }
      }
    }
    return written
  }

  @Test(arguments: [Language.vi, .en])
  func theLayoutWritesTheCommonLinesOfTheShippedRulebookAsTheGeneralPath(
    language: Language
  ) throws {
    let written = try compare(shippedRulebook, language: language, count: 3_000, seed: 11)
    #expect(written >= 200)
  }

  @Test func theLayoutWritesTheCommonLinesOfARulebookWithGatesAsTheGeneralPath() throws {
    let written = try compare(gatesWorkbookRulebook, language: .vi, count: 3_000, seed: 12)
    #expect(written >= 1_000, "\(written)")
  }

  @Test func numbersPast64BitsAndGroupedDigitsAreWrittenAsTheGeneralFormatterDoes() throws {
    let phrases = ExplanationPhrases(Explainer(rulebook: shippedRulebook, language: .vi))
    for value in [0, 7, 999, 1000, 65_536, 1_234_567, Int.max, -1, -1000, Int.min] {
      var expected: [UInt8] = []
      phrases.appendInteger(value, to: &expected)
      var plain: [UInt8] = []
      CompactAssessment.appendPlain(value, to: &plain)
      for (write, reference) in [(0, expected), (1, plain)] {
        var scratch = [UInt8](repeating: 0, count: 64)
        let count = scratch.withUnsafeMutableBufferPointer { buffer in
          guard let base = buffer.baseAddress else { return 0 }
          var out = CompactLineWriter(pool: base, into: base, group: phrases.group)
          if write == 0 { out.grouped(value) } else { out.plain(value) }
          return out.written.count
        }
        #expect(Array(scratch[..<count]) == reference, "\(value)")
      }
    }
    let huge = UInt128(UInt64.max) * 1000 + 42
    var expected: [UInt8] = []
    phrases.appendGrouped(huge, to: &expected)
    var scratch = [UInt8](repeating: 0, count: 64)
    let count = scratch.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      var out = CompactLineWriter(pool: base, into: base, group: phrases.group)
      out.grouped(huge)
      return out.written.count
    }
    #expect(Array(scratch[..<count]) == expected)
  }
}
