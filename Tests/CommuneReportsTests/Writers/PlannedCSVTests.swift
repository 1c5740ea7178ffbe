import CommuneReports
import CommuneScoring
import Dispatch
import Testing

/// Two threads, as `cfc batch --jobs 2` has: the engine's one lane beside the calling thread.
struct TwoThreadExecutor: BatchExecutor {
  var width: Int { 2 }
  func perform(iterations: Int, _ body: @Sendable (Int) -> Void) {
    DispatchQueue.concurrentPerform(iterations: iterations) { body($0) }
  }
  func perform(iterations: Int, _ body: @Sendable (Int) -> Void, meanwhile: () -> Void) {
    let done = DispatchGroup()
    withoutActuallyEscaping(body) { body in
      for index in 0..<iterations { DispatchQueue.global().async(group: done) { body(index) } }
      meanwhile()
      done.wait()
    }
  }
  func makeSignal() -> any BatchSignal { TwoThreadSignal() }
}

/// A signal that sleeps, over a Dispatch semaphore.
struct TwoThreadSignal: BatchSignal {
  let semaphore = DispatchSemaphore(value: 0)
  func wait() { semaphore.wait() }
  func signal() { semaphore.signal() }
}

/// A batch CSV of `count` communes of the shipped rulebook, clean and dirty: every cell the
/// fast path reads, and many it must leave to the general path (quotes, spaces, signs,
/// decimals, words, capitals, restored codes, composed text, broken bytes, repeats).
func madeBatch(_ count: Int, seed: UInt64, note: Bool = false) -> [UInt8] {
  let rulebook = shippedRulebook
  var random = SplitMix64(seed: seed)
  func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
  func pick(_ cells: [String]) -> String { cells[below(cells.count)] }
  var header = ["code", "name", "district", "province", "category", "year"]
  if note { header.append("note") }
  header += rulebook.fields.map(\.id)
  if note { header.append("") }
  var out = Array((header.joined(separator: ",") + "\r\n").utf8)
  let categories =
    rulebook.categories.flatMap { [$0.id, $0.id, $0.id, $0.name.en] }
    + ["Standard", "\"\(rulebook.categories[1].name.vi)\"", "unknown", ""]
  for index in 0..<count {
    let dirty = below(5) == 0
    var cells: [String] = []
    let code = String(index % 90_000 + (below(200) == 0 ? 0 : 1))
    cells.append(
      dirty
        ? pick([code, "0" + code, "\(code).0", "ABCDE", "", "123456"])
        : String(repeating: "0", count: max(0, 5 - code.count)) + code)
    cells.append(
      dirty
        ? pick([
          "Xã Tân Phú \(index)", " Xã A", "Xa\u{0303} B", "\"Xã, C\"", "\"Xã \"\"D\"\"\"", "",
          "Phường \(index) ",
        ]) : "Xã Tân Phú \(index)")
    cells.append(dirty ? pick(["", "Huyện Hải Hậu", "Quận 1"]) : pick(["Huyện Hải Hậu", ""]))
    cells.append(dirty ? pick(["Nam Định", "", "Hà Nội"]) : "Nam Định")
    cells.append(dirty ? pick(categories) : pick(rulebook.categories.map(\.id)))
    cells.append(dirty ? pick(["2024", "2024.0", "1999", "", "x", "2023"]) : "2024")
    if note { cells.append(pick(["", "ghi chú", "\"a, b\""])) }
    var values: [Int?] = Array(repeating: nil, count: rulebook.fields.count)
    for field in rulebook.fields {
      if field.kind == .flag {
        values[field.index] = below(8) == 0 ? 0 : 1
      } else if let whole = field.partOfIndex, let total = values[whole] {
        values[field.index] = below(3) == 0 ? below(total + 1) : max(0, total - below(3))
      } else {
        values[field.index] = below(3000)
      }
    }
    for field in rulebook.fields {
      let value = values[field.index]
      var cell = value.map(String.init) ?? ""
      if field.kind == .flag {
        cell = pick(value == 1 ? ["1", "1", "có"] : ["0", "0", "không"])
      }
      if below(30) == 0 { cell = "" }
      if dirty, below(8) == 0 {
        cell = pick([
          "Có", " 1", "yes", "2", "12.0", "-3", " 5", "5 ", "\"1,5\"", "abc", "007",
          "123456789012345678", "12345678901234567890", "9999999",
        ])
      }
      cells.append(cell)
    }
    if note { cells.append(pick(["", "", " ", "x"])) }
    var line = Array(cells.joined(separator: ",").utf8)
    // Broken bytes only past the first 64 KiB, where the encoding is already decided.
    if dirty, out.count > 70_000, below(20) == 0 { line[2] = 0xFF }
    if dirty, below(30) == 0 { line += Array(",".utf8) }
    out += line + Array((below(10) == 0 ? "\n" : "\r\n").utf8)
  }
  return out
}

/// Runs `sources` through the engine into the CSV writer; `planned` lets the compiled plan
/// score what it can. Returns the output and what was reported, line by line.
func csvRun(
  _ sources: [(String, [UInt8])], planned: Bool, executor: some BatchExecutor,
  chunkSize: Int = 1 << 16, reviews: ReviewCorrections? = nil, certifiedOnly: Bool = false
) throws -> (output: [UInt8], reports: [String], plannedCommunes: Int) {
  try writerRun(
    .csv, sources,
    options: BatchWriterOptions(
      rulebook: shippedRulebook, language: .en, certifiedOnly: certifiedOnly,
      withReview: reviews != nil),
    reviews: reviews, planned: planned, executor: executor, chunkSize: chunkSize)
}

@Suite struct PlannedCSVTests {
  let sources = [
    ("a.csv", madeBatch(3_000, seed: 1)), ("b.csv", madeBatch(1_500, seed: 2, note: true)),
  ]

  @Test(arguments: [1 << 20, 4096, 7])
  func thePlannedCSVIsByteForByteTheGeneralOneWithOneWorker(chunkSize: Int) throws {
    let general = try csvRun(
      sources, planned: false, executor: SerialBatchExecutor(), chunkSize: chunkSize)
    let planned = try csvRun(
      sources, planned: true, executor: SerialBatchExecutor(), chunkSize: chunkSize)
    #expect(general.plannedCommunes == 0)
    // Most rows are clean: the plan scored them, and the comparison is not vacuous.
    #expect(planned.plannedCommunes > 2_000)
    #expect(planned.reports == general.reports)
    #expect(planned.output == general.output)
    #expect(general.reports.count > 300)
  }

  @Test func thePlannedCSVIsByteForByteTheGeneralOneWithTwoWorkers() throws {
    let general = try csvRun(sources, planned: false, executor: SerialBatchExecutor())
    let planned = try csvRun(sources, planned: true, executor: TwoThreadExecutor())
    #expect(planned.plannedCommunes > 2_000)
    #expect(planned.reports == general.reports)
    #expect(planned.output == general.output)
  }

  @Test func withAReviewFileAndTheCertifiedListThePlannedCSVIsTheGeneralOne() throws {
    let reviews = recountedReviews
    for certifiedOnly in [false, true] {
      let general = try csvRun(
        sources, planned: false, executor: SerialBatchExecutor(), reviews: reviews,
        certifiedOnly: certifiedOnly)
      let planned = try csvRun(
        sources, planned: true, executor: TwoThreadExecutor(), reviews: reviews,
        certifiedOnly: certifiedOnly)
      #expect(planned.plannedCommunes > 2_000)
      #expect(planned.reports == general.reports)
      #expect(planned.output == general.output)
    }
  }

  @Test func rowsThePlanIsNotCertainOfGoToTheGeneralPath() throws {
    let header =
      (["code", "name", "district", "province", "category", "year"]
      + shippedRulebook.fields.map(\.id)).joined(separator: ",")
    let figures = shippedRulebook.fields.map { $0.kind == .flag ? "1" : "100" }
      .joined(separator: ",")
    let rows = [
      "00001,Xã A,Huyện B,Tỉnh C,standard,2024,\(figures)",
      "00002,\"Xã, A\",Huyện B,Tỉnh C,standard,2024,\(figures)",
      "3,Xã A,Huyện B,Tỉnh C,standard,2024,\(figures)",
      "00004,Xã A,Huyện B,Tỉnh C,Standard,2024,\(figures)",
      "00005,Xã A,Huyện B,Tỉnh C,standard,2024,\(figures)",
      "00005,Xã A,Huyện B,Tỉnh C,standard,2024,\(figures)",
    ]
    let text = Array(([header] + rows).joined(separator: "\n").utf8)
    var items: [String] = []
    let writer = BatchFormat.csv.writer(
      BatchWriterOptions(
        rulebook: shippedRulebook, language: .en, certifiedOnly: false, withReview: false))
    _ = try BatchEngine(.init(rulebook: shippedRulebook)).run(
      [BatchSource(name: "s.csv", layout: .csv, bytes: text)], executor: SerialBatchExecutor(),
      format: writer.formatter, planned: writer.plannedFormatter
    ) { item in
      switch item {
      case .assessed(let row, _): items.append("general \(row.line)")
      case .formatted(_, let communes): items.append("planned \(communes)")
      case .rejected(let rejection): items.append("rejected \(rejection.line)")
      case .note(_, let note): items.append("note \(note.line ?? 0)")
      case .unusedReview: items.append("unused")
      }
    }
    // A quoted name, a code to restore (with its note) and a category in capitals are read by
    // the general path; the repeated commune is rejected all the same.
    #expect(
      items == [
        "planned 1", "general 3", "note 4", "general 4", "general 5", "planned 1", "rejected 7",
      ])
  }
}
