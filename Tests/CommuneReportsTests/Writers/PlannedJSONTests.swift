import CommuneReports
import CommuneScoring
import Testing

/// Makes JSON records of the shipped rulebook for the differential tests of the JSON record
/// plan: clean ones (in the shape `cfc generate --format jsonl` writes, and shuffled, spaced,
/// with nulls and missing figures, figures crowded around every band and gate limit) and dirty
/// ones the plan must leave to the general path (escapes, signs, fractions, unknown or repeated
/// keys, reviews, other rulebooks, blank texts, broken records, …).
struct JSONRecordMaker {
  let rulebook = shippedRulebook
  var random: SplitMix64
  /// For each limit of a rate, rate per 100,000 or gate measure: (part, whole or nil, scale ×
  /// limit denominator, limit numerator).
  var limits: [(part: Int, whole: Int?, factor: Int, limit: Int)] = []
  /// Field ids in the order `cfc generate` writes them (sorted).
  let sortedFields: [FieldDeclaration]

  init(seed: UInt64) {
    random = SplitMix64(seed: seed)
    sortedFields = shippedRulebook.fields.sorted { $0.id < $1.id }
    for criterion in rulebook.criteria {
      for indicator in criterion.indicators {
        var table: (BandTable, FieldRef, FieldRef)?
        if let rule = indicator.rule as? RateRule {
          table = (rule.table, rule.numerator, rule.denominator)
        } else if let rule = indicator.rule as? RatePer100kRule {
          table = (rule.table, rule.count, rule.population)
        }
        guard let (bands, part, whole) = table else { continue }
        for band in bands.bands {
          limits.append(
            (part.index, whole.index, bands.scale * band.limit.denominator, band.limit.numerator))
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
  }

  mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
  mutating func pick(_ texts: [String]) -> String { texts[below(texts.count)] }

  /// One record's figures: parts within their wholes, mostly, some crowded around a limit.
  mutating func figures() -> [Int?] {
    var values: [Int?] = Array(repeating: nil, count: rulebook.fields.count)
    let good = below(4) != 0
    for field in rulebook.fields {
      if field.kind == .flag {
        values[field.index] = below(good ? 30 : 4) == 0 ? 0 : 1
      } else if let whole = field.partOfIndex, let total = values[whole] {
        values[field.index] = below(3) == 0 ? below(total + 1) : max(0, total - below(3))
      } else {
        values[field.index] =
          below(4) == 0 ? [0, 1, 7, 100, 1000, 100_000, 123_457][below(7)] : below(3000)
      }
    }
    // Counts that are best at 0 (cases of abuse, injuries, …) are 0 in good communes.
    if good {
      let wholes = Set(rulebook.fields.compactMap(\.partOfIndex))
      for field in rulebook.fields
      where field.kind == .count && field.partOf == nil && field.minimum == nil
        && !wholes.contains(field.index) && below(3) != 0
      {
        values[field.index] = 0
      }
    }
    for _ in 0..<below(4) where !limits.isEmpty {
      let (part, whole, factor, limit) = limits[below(limits.count)]
      var total = 1
      if let whole {
        total = [0, 1, 7, 20, 50, 100, 1000, 100_000, 99_999][below(9)] + below(3)
        values[whole] = total
      }
      let exact = factor == 0 ? 0 : (limit * total) / factor
      values[part] = max(0, exact + below(3) - 1)
    }
    // A field's minimum (survey respondents) is kept, but in one record in twenty.
    if below(20) != 0 {
      for field in rulebook.fields {
        guard let minimum = field.minimum, let value = values[field.index] else { continue }
        values[field.index] = max(minimum, value)
      }
    }
    // Nine records in ten keep every part within its whole (the validator refuses the rest).
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
    return values
  }

  /// One record as a line of JSON (no line break): clean three times in four.
  mutating func line(_ number: Int) -> String {
    let dirty = below(4) == 0
    let spaced = below(6) == 0
    func space(_ maker: inout JSONRecordMaker) -> String {
      spaced ? maker.pick(["", " ", "  ", "\t", " \t "]) : ""
    }
    let values = figures()
    var fields = sortedFields
    switch below(6) {
    case 0: fields.shuffle(using: &random)
    case 1: fields = rulebook.fields
    default: break
    }
    var evidence: [String] = []
    for field in fields {
      var value =
        values[field.index].map { field.kind == .flag ? ($0 == 1 ? "true" : "false") : "\($0)" }
        ?? "null"
      if below(40) == 0 { continue }
      if below(40) == 0 { value = "null" }
      if dirty, below(40) == 0 {
        value = pick([
          "1", "0", "\"5\"", "1.0", "1e2", "-1", "-0", "01", "123456789012345678",
          "1234567890123456789", "99999999999999999999", "tru", "truex", "nul", "[]", "{}",
          "True", "0.5",
        ])
      }
      evidence.append("\"\(field.id)\":\(space(&self))\(value)")
    }
    if dirty, below(6) == 0 { evidence.append(pick(["\"births\":10", "\"birth\":1", "\"\":1"])) }
    if dirty, below(10) == 0, !evidence.isEmpty {
      evidence[0] = evidence[0].replacing("\"", with: "\"\\u0062", maxReplacements: 1)
    }
    let code = String(number % 40_000 + 1)
    let five = String(repeating: "0", count: max(0, 5 - code.count)) + code
    var commune: [(String, String)] = [
      ("category", "\"\(pick(rulebook.categories.map(\.id)))\""),
      ("code", "\"\(five)\""),
      ("district", "\"\(pick(["Huyện Hải Hậu", "Quận Hoàn Kiếm", "Thị xã Đông Triều"]))\""),
      ("name", "\"\(pick(["Xã Quyết Tiến", "Phường Đồng Xuân", "Đảo Cô Tô", "Ấp 3"])) \(number)\""),
      ("province", "\"\(pick(["Nam Định", "Hà Nội", "Đắk Lắk", "Ninh Bình"]))\""),
    ]
    if below(8) == 0 { commune[2].1 = pick(["null", "\"\"", "\" Quận 1 \"", "\"Huyện A, B\""]) }
    if below(10) == 0 { commune.remove(at: 2) }
    if dirty, below(3) == 0 {
      let index = below(commune.count)
      let key = commune[index].0
      commune[index].1 = pick(
        key == "code"
          ? ["\"\(code)\"", "\"ABCDE\"", "\"0123456789\"", "\"\"", "null", "12345", "\" 00001\""]
          : key == "category"
            ? [
              "\"Standard\"", "\"\(rulebook.categories[0].name.en)\"", "\"x\"", "null", "\"\"",
            ]
            : [
              "\"\"", "\"  \"", "null", "\" Xã A\"", "\"X\\u00e3 B\"", "\"Xa\u{0303} C\"",
              "\"\u{00A0}Xã D\"", "\"\u{3000}E\"", "\"\u{1680}F\"", "\"Xã, G\"", "\"\\\"H\\\"\"",
              "\"é\"", "7",
            ])
    }
    if dirty, below(12) == 0 { commune.append(("code", "\"00009\"")) }
    if dirty, below(12) == 0 { commune.append(("ward", "\"x\"")) }
    if below(5) == 0 { commune.shuffle(using: &random) }
    var year = "2024"
    if dirty, below(4) == 0 {
      year = pick(["2019", "2100", "2101", "1999", "2024.0", "\"2024\"", "02024", "-2024", "null"])
    }
    var top: [String] = [
      "\"commune\":{" + commune.map { "\"\($0.0)\":\(space(&self))\($0.1)" }.joined(separator: ",")
        + "}",
      "\"evidence\":{\(evidence.joined(separator: "," + space(&self)))}",
      "\"year\":\(space(&self))\(year)",
    ]
    if below(6) == 0 { top.append("\"rulebook\":\(pick(["\"qd06-2019\"", "null"]))") }
    if below(8) == 0 { top.append("\"note\":\(pick(["\"số liệu minh họa\"", "null"]))") }
    if below(20) == 0 { top.append("\"$schema\":\"https://example.org/record.json\"") }
    if dirty, below(4) == 0 {
      top.append(
        pick([
          "\"rulebook\":\"qd06-2024\"", "\"note\":\"a\\nb\"", "\"note\":5",
          "\"review\":{\"adjustments\":[{\"field\":\"births\",\"value\":5,\"reason\":\"r\"}]}",
          "\"sources\":{\"births\":\"sổ\"}", "\"x\":1", "\"year\":2024", "\"evidence\":{}",
          "\"commune\":null",
        ]))
    }
    if below(4) == 0 { top.shuffle(using: &random) }
    var text =
      space(&self) + "{" + space(&self) + top.joined(separator: "," + space(&self))
      + space(&self) + "}" + space(&self)
    if dirty, below(15) == 0 {
      var bytes = Array(text.utf8)
      let at = below(bytes.count)
      switch below(4) {
      case 0: bytes.remove(at: at)
      case 1: bytes.insert([0x22, 0x2C, 0x7D, 0x7B, 0x5C, 0x01][below(6)], at: at)
      case 2: bytes.removeLast(below(bytes.count / 2) + 1)
      default: bytes += Array("x".utf8)
      }
      text = String(decoding: bytes, as: UTF8.self)
    }
    return text
  }

  /// `count` records as JSON Lines (LF or CRLF, some blank lines).
  mutating func lines(_ count: Int) -> [UInt8] {
    var out: [UInt8] = []
    for number in 0..<count {
      out += Array(line(number).utf8)
      out += Array((below(10) == 0 ? "\r\n" : "\n").utf8)
      if below(200) == 0 { out += Array(" \n".utf8) }
    }
    return out
  }

  /// `count` records as a JSON array, one record a line, numbered from `first`.
  mutating func array(_ count: Int, from first: Int = 0) -> [UInt8] {
    var records: [String] = []
    for number in first..<first + count { records.append(line(number)) }
    return Array(("[\n" + records.joined(separator: ",\n") + "\n]\n").utf8)
  }
}

/// Runs JSON `sources` through the engine into the CSV writer (records' receipts not kept, as
/// for `--format csv`); `planned` lets the compiled plan score what it can. Returns the output,
/// what was reported, line by line, and how many communes the plan scored.
func jsonRun(
  _ sources: [(String, BatchLayout, [UInt8])], planned: Bool, executor: some BatchExecutor,
  chunkSize: Int = 1 << 16, reviews: ReviewCorrections? = nil, certifiedOnly: Bool = false,
  receipts: Bool = false, format: BatchFormat = .csv, language: Language = .en
) throws -> (output: [UInt8], reports: [String], plannedCommunes: Int) {
  var configuration = BatchEngine.Configuration(rulebook: shippedRulebook, reviews: reviews)
  configuration.inputReceipts = receipts
  return try writerRun(
    format, sources,
    options: BatchWriterOptions(
      rulebook: shippedRulebook, language: language, certifiedOnly: certifiedOnly,
      withReview: reviews != nil),
    configuration: configuration, planned: planned, executor: executor, chunkSize: chunkSize)
}

@Suite struct PlannedJSONTests {
  let sources: [(String, BatchLayout, [UInt8])] = {
    var maker = JSONRecordMaker(seed: 5)
    var second = JSONRecordMaker(seed: 6)
    return [
      ("a.jsonl", .jsonLines, maker.lines(2_000)),
      ("b.json", .jsonArray, second.array(800, from: 20_000)),
    ]
  }()

  @Test(arguments: [1 << 20, 4096, 7])
  func thePlannedCSVOfJSONRecordsIsByteForByteTheGeneralOneWithOneWorker(chunkSize: Int) throws {
    let general = try jsonRun(
      sources, planned: false, executor: SerialBatchExecutor(), chunkSize: chunkSize)
    let planned = try jsonRun(
      sources, planned: true, executor: SerialBatchExecutor(), chunkSize: chunkSize)
    #expect(general.plannedCommunes == 0)
    // Most records are clean: the plan scored them, and the comparison is not vacuous.
    #expect(planned.plannedCommunes > 1_400)
    #expect(planned.reports == general.reports)
    #expect(planned.output == general.output)
    // Many records were refused or repeated: the general path's messages are compared too.
    #expect(general.reports.count > 400)
  }

  @Test func thePlannedCSVOfJSONRecordsIsByteForByteTheGeneralOneWithTwoWorkers() throws {
    let general = try jsonRun(sources, planned: false, executor: SerialBatchExecutor())
    let planned = try jsonRun(sources, planned: true, executor: TwoThreadExecutor())
    #expect(planned.plannedCommunes > 1_400)
    #expect(planned.reports == general.reports)
    #expect(planned.output == general.output)
  }

  @Test func manySeedsOfMadeRecordsGiveTheSameCSVBothWays() throws {
    for seed: UInt64 in 20..<26 {
      var maker = JSONRecordMaker(seed: seed)
      let source = [("s.jsonl", BatchLayout.jsonLines, maker.lines(500))]
      let general = try jsonRun(source, planned: false, executor: SerialBatchExecutor())
      let planned = try jsonRun(source, planned: true, executor: SerialBatchExecutor())
      #expect(planned.plannedCommunes > 300)
      #expect(planned.reports == general.reports, "seed \(seed)")
      #expect(planned.output == general.output, "seed \(seed)")
    }
  }

  @Test func withAReviewFileAndTheCertifiedListThePlannedCSVOfJSONIsTheGeneralOne() throws {
    let reviews = recountedReviews
    for certifiedOnly in [false, true] {
      let general = try jsonRun(
        sources, planned: false, executor: SerialBatchExecutor(), reviews: reviews,
        certifiedOnly: certifiedOnly)
      let planned = try jsonRun(
        sources, planned: true, executor: TwoThreadExecutor(), reviews: reviews,
        certifiedOnly: certifiedOnly)
      #expect(planned.plannedCommunes > 1_400)
      #expect(planned.reports == general.reports)
      #expect(planned.output == general.output)
    }
  }

  @Test(arguments: [Language.vi, .en])
  func jsonLinesOutOfPlannedJSONRecordsAreByteForByteTheGeneralOnes(language: Language) throws {
    let general = try jsonRun(
      sources, planned: false, executor: SerialBatchExecutor(), format: .jsonl,
      language: language)
    let planned = try jsonRun(
      sources, planned: true, executor: TwoThreadExecutor(), format: .jsonl, language: language)
    #expect(planned.plannedCommunes > 1_400)
    #expect(planned.reports == general.reports)
    #expect(planned.output == general.output)
  }

  @Test func whenTheOutputKeepsRecordsReceiptsNoJSONRecordTakesThePlan() throws {
    let run = try jsonRun(
      sources, planned: true, executor: SerialBatchExecutor(), receipts: true)
    #expect(run.plannedCommunes == 0)
  }

  @Test func recordsThePlanIsNotCertainOfGoToTheGeneralPath() throws {
    let figures = shippedRulebook.fields.map {
      "\"\($0.id)\":\($0.kind == .flag ? "true" : "100")"
    }.joined(separator: ",")
    func record(
      code: String = "\"00001\"", name: String = "\"Xã A\"", category: String = "\"standard\"",
      year: String = "2024", extra: String = "", evidence: String? = nil
    ) -> String {
      "{\"commune\":{\"code\":\(code),\"name\":\(name),\"province\":\"Tỉnh C\","
        + "\"category\":\(category)},\"year\":\(year),\"evidence\":{\(evidence ?? figures)}\(extra)}"
    }
    let lines = [
      record(),
      record(code: "\"00002\"", name: "\"X\\u00e3 A\""),
      record(code: "\"00003\"", category: "\"Standard\""),
      record(code: "\"00004\"", extra: ",\"rulebook\":\"qd06-2019\",\"note\":null"),
      record(code: "\"00005\"", evidence: figures.replacing("100", with: "100.0")),
      record(code: "\"00006\"", evidence: figures + ",\"births\":1"),
      record(code: "\"00007\"", year: "2024.0"),
      record(code: "\"00008\"", name: "\"  \""),
      record(code: "\"00009\"", evidence: "\"births\":null"),
      record(code: "\"00009\"", evidence: ""),
      record(code: "\"00010\"", extra: ",\"review\":{\"adjustments\":[]}"),
      record(code: "\"ABCDE\""),
    ]
    let text = Array(lines.joined(separator: "\n").utf8)
    var items: [String] = []
    let writer = BatchFormat.csv.writer(
      BatchWriterOptions(
        rulebook: shippedRulebook, language: .en, certifiedOnly: false, withReview: false))
    var configuration = BatchEngine.Configuration(rulebook: shippedRulebook)
    configuration.inputReceipts = false
    _ = try BatchEngine(configuration).run(
      [BatchSource(name: "s.jsonl", layout: .jsonLines, bytes: text)],
      executor: SerialBatchExecutor(), format: writer.formatter, planned: writer.plannedFormatter
    ) { item in
      switch item {
      case .assessed(let row, _): items.append("general \(row.line)")
      case .formatted(_, let communes): items.append("planned \(communes)")
      case .rejected(let rejection): items.append("rejected \(rejection.line)")
      case .note(_, let note): items.append("note \(note.line ?? 0)")
      case .unusedReview: items.append("unused \(0)")
      }
    }
    // An escape, a category's other spelling, a fraction, a repeated field, a fraction of a
    // year, a blank name, a review and a code of letters go to the general path (which reads
    // or refuses them); a record naming its own rulebook and one with a null or no figure are
    // planned; the repeated commune is rejected all the same.
    #expect(
      items == [
        "planned 1", "general 2", "rejected 3", "planned 1", "rejected 5", "rejected 6",
        "rejected 7", "rejected 8", "planned 1", "rejected 10", "general 11", "general 12",
      ])
  }
}
