import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// Runs `sources` through the engine into the certification list's writer of `format` (HTML or
/// Word); `planned` lets the compiled plan score what it can. Returns the bytes written (in
/// pieces, flushed as `cfc batch` flushes them), what was reported, and how many communes the
/// plan scored.
func listRun(
  _ format: BatchFormat, _ sources: [(String, [UInt8])], planned: Bool,
  executor: some BatchExecutor, language: Language, split: ListSplit = .all,
  reviews: ReviewCorrections? = nil, certifiedOnly: Bool = false
) throws -> (output: [UInt8], reports: [String], plannedCommunes: Int) {
  try writerRun(
    format, sources,
    options: BatchWriterOptions(
      rulebook: shippedRulebook, language: language, certifiedOnly: certifiedOnly,
      withReview: reviews != nil, split: split),
    reviews: reviews, planned: planned, executor: executor, chunkSize: 4096)
}

/// The certification list (HTML, and Word's document) for communes the compiled plan scored
/// is the one the general path writes, byte for byte: the same communes in the same order, the
/// same summary.
@Suite struct PlannedListTests {
  /// Communes of several provinces and districts, dirty rows among them (the general path
  /// takes those), most recognised or close to it.
  let sources: [(String, [UInt8])]

  init() throws {
    sources = [
      ("a.csv", madeBatch(1_200, seed: 21)), ("b.csv", try Self.recognisedBatch(2_000, seed: 22)),
    ]
  }

  /// Copies of a recognised commune over provinces and districts whose Vietnamese order is not
  /// their code-point order, some with no district, some with a figure changed so they fall
  /// short or cannot be verified, some names that need escaping, one very long.
  static func recognisedBatch(_ count: Int, seed: UInt64) throws -> [UInt8] {
    var random = SplitMix64(seed: seed)
    func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    let fields = try CertifiedListTests.recognisedRow().split(
      separator: ",", omittingEmptySubsequences: false
    ).map(String.init)
    let provinces = ["Đắk Lắk", "An Giang", "Bà Rịa - Vũng Tàu", "Điện Biên", "Hà Nội", "Ấp Bắc"]
    let districts = [
      "Huyện Ea Súp", "Huyện Châu Thành", "Huyện Ân Thi", "Quận 1", "Huyện Đồng Hỷ", "",
    ]
    var csv = "code,name,district,province,category,year,"
    csv += shippedRulebook.fields.map(\.id).joined(separator: ",") + "\r\n"
    for index in 0..<count {
      var row = fields
      row[0] = String(format: "%05d", 10_000 + below(3 * count))
      row[1] = below(10) == 0 ? "\"Xã <Thử> & \"\"\(index)\"\"\"" : "Xã Thử \(index)"
      row[2] = districts[below(districts.count)]
      row[3] = provinces[below(provinces.count)]
      row[5] = below(4) == 0 ? "2023" : "2024"
      // A name longer than 64 KiB, whose length needs more than two bytes.
      if index == 7 { row[1] = String(repeating: "Xã Dài ", count: 10_000) + "Nhất" }
      if below(4) == 0 {
        let field = 6 + below(shippedRulebook.fields.count)
        row[field] = below(2) == 0 ? "" : "0"
      }
      csv += row.joined(separator: ",") + "\r\n"
    }
    return Array(csv.utf8)
  }

  func expectSame(
    _ format: BatchFormat, language: Language, executor: some BatchExecutor = SerialBatchExecutor(),
    split: ListSplit = .all, reviews: ReviewCorrections? = nil, certifiedOnly: Bool = false
  ) throws {
    let general = try listRun(
      format, sources, planned: false, executor: SerialBatchExecutor(), language: language,
      split: split, reviews: reviews, certifiedOnly: certifiedOnly)
    let planned = try listRun(
      format, sources, planned: true, executor: executor, language: language, split: split,
      reviews: reviews, certifiedOnly: certifiedOnly)
    #expect(general.plannedCommunes == 0)
    // The plan scored most communes: the comparison is not vacuous.
    #expect(planned.plannedCommunes >= 2_000)
    #expect(planned.reports == general.reports)
    if format == .docx {
      var a = try ZipReader(planned.output)
      var b = try ZipReader(general.output)
      let same = try a.read("word/document.xml") == b.read("word/document.xml")
      #expect(same)
    } else {
      let same = planned.output == general.output
      #expect(same)
      // Not vacuous either: communes are listed.
      let text = String(decoding: planned.output, as: UTF8.self)
      #expect(text.components(separatedBy: "data-code=\"").count > 100)
    }
  }

  @Test(arguments: [Language.vi, .en])
  func thePlannedListIsByteForByteTheGeneralOne(language: Language) throws {
    try expectSame(.html, language: language)
    try expectSame(.html, language: language, certifiedOnly: true)
  }

  @Test(arguments: [ListSplit.province, .district])
  func splitListsAreTheGeneralOnes(split: ListSplit) throws {
    try expectSame(.html, language: .vi, split: split)
  }

  @Test func withTwoWorkersAndAReviewFileThePlannedListIsTheGeneralOne() throws {
    let reviews = recountedReviews
    try expectSame(.html, language: .vi, executor: TwoThreadExecutor())
    try expectSame(.html, language: .en, executor: TwoThreadExecutor(), reviews: reviews)
  }

  @Test func theWordListIsTheGeneralOne() throws {
    try expectSame(.docx, language: .vi)
    try expectSame(.docx, language: .en, executor: TwoThreadExecutor())
  }
}
