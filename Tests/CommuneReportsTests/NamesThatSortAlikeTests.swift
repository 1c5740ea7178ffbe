import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// `text` (a CSV batch) through the engine into `format`'s writer, the compiled plan on or off.
private func output(_ text: String, _ format: BatchFormat, planned: Bool) throws -> [UInt8] {
  var writer = format.writer(
    BatchWriterOptions(
      rulebook: shippedRulebook, language: .vi, certifiedOnly: false, withReview: false))
  var bytes: [UInt8] = []
  writer.begin(into: &bytes)
  let tally = try BatchEngine(.init(rulebook: shippedRulebook)).run(
    [BatchSource(name: "s.csv", layout: .csv, bytes: Array(text.utf8))],
    executor: SerialBatchExecutor(), format: writer.formatter,
    planned: planned ? writer.plannedFormatter : nil
  ) { item in
    switch item {
    case .assessed(let row, let formatted): writer.add(row, formatted: formatted, into: &bytes)
    case .formatted(let formatted, let communes):
      writer.add(formatted: formatted, communes: communes, into: &bytes)
    case .rejected(let rejection): writer.reject(rejection, into: &bytes)
    case .note, .unusedReview: break
    }
  }
  writer.end(tally, into: &bytes)
  return bytes
}

@Suite("Names that sort alike")
struct NamesThatSortAlikeTests {
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
      let a = try output(forward, .html, planned: planned)
      let b = try output(backward, .html, planned: planned)
      let same = a == b
      #expect(same, "planned: \(planned)")
      let html = String(decoding: a, as: UTF8.self)
      #expect(html.contains("huyện chi lăng"))
    }
  }
}
