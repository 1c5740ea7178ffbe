import CommuneReports
import CommuneScoring
import Foundation
import Testing

@Suite("Names that sort alike")
struct NamesThatSortAlikeTests {
  /// `text` (a CSV batch) as the HTML list, the compiled plan on or off.
  func html(_ text: String, planned: Bool) throws -> [UInt8] {
    try writerRun(
      .html, [("s.csv", Array(text.utf8))],
      options: BatchWriterOptions(
        rulebook: shippedRulebook, language: .vi, certifiedOnly: false, withReview: false),
      planned: planned, executor: SerialBatchExecutor(), chunkSize: 1 << 20
    ).output
  }

  @Test("district keys that differ only in case, or no district and an empty one, never tie")
  func totalOrder() {
    let keys = [
      DistrictKey(province: "Hà Nội", district: "Quận Ba Đình"),
      DistrictKey(province: "Hà Nội", district: "Quận BA Đình"),
      DistrictKey(province: "Hà Nội", district: nil),
      DistrictKey(province: "Hà Nội", district: ""),
      DistrictKey(province: "hà nội", district: "Quận Ba Đình"),
      DistrictKey(province: "Lạng Sơn", district: "Huyện Chi Lăng"),
    ]
    for a in keys {
      for b in keys where a != b {
        #expect((a < b) != (b < a), "\(a.label) against \(b.label)")
      }
    }
    #expect(keys.sorted() == keys.reversed().sorted())
    // Alphabetical order still comes first: Hà Nội before Lạng Sơn, "Quận BA" beside "Quận Ba".
    #expect(keys.sorted().last?.province == "Lạng Sơn")
  }

  @Test("the HTML list and summary are the same bytes whatever order such communes are read in")
  func htmlWhateverTheOrder() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let sample = try String(
      contentsOf: root.appendingPathComponent("samples/communes.csv"), encoding: .utf8)
    var lines = sample.split(separator: "\r\n").map(String.init)
    let header = lines.removeFirst()
    // Two recognised communes of Lạng Sơn in districts written differently only in case.
    lines = lines.map {
      $0.hasPrefix("06127,") ? $0.replacing("Huyện Chi Lăng", with: "huyện chi lăng") : $0
    }
    #expect(lines.contains { $0.contains("huyện chi lăng") })
    let forward = ([header] + lines).joined(separator: "\r\n") + "\r\n"
    let backward = ([header] + lines.reversed()).joined(separator: "\r\n") + "\r\n"
    for planned in [false, true] {
      let a = try html(forward, planned: planned)
      let b = try html(backward, planned: planned)
      let same = a == b
      #expect(same, "planned: \(planned)")
      let html = String(decoding: a, as: UTF8.self)
      #expect(html.contains("huyện chi lăng"))
    }
  }
}
