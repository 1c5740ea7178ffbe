import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// Runs the sample batch (plus one bad row) through the engine into `format`'s writer, as the
/// command line does, and returns the bytes written.
func written(_ format: BatchFormat, certifiedOnly: Bool = false) throws -> [UInt8] {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  var text = try String(
    contentsOf: root.appendingPathComponent("samples/communes.csv"), encoding: .utf8)
  text += "1,2,3\r\n"
  var writer = format.writer(
    BatchWriterOptions(
      rulebook: shippedRulebook, language: .en, certifiedOnly: certifiedOnly, withReview: false))
  var output: [UInt8] = []
  writer.begin(into: &output)
  let tally = try BatchEngine(.init(rulebook: shippedRulebook)).run(
    [BatchSource(name: "s.csv", layout: .csv, bytes: Array(text.utf8))],
    executor: SerialBatchExecutor(), format: writer.formatter, planned: writer.plannedFormatter
  ) { item in
    switch item {
    case .assessed(let row, let formatted): writer.add(row, formatted: formatted, into: &output)
    case .formatted(let bytes, let communes):
      writer.add(formatted: bytes, communes: communes, into: &output)
    case .rejected(let rejection): writer.reject(rejection, into: &output)
    case .note, .unusedReview: break
    }
  }
  writer.end(tally, into: &output)
  return output
}

@Suite("Batch writers")
struct BatchWriterTests {
  @Test(
    "CSV: the contract's header, then one row per assessed commune; only recognised ones on request"
  )
  func csv() throws {
    let text = String(decoding: try written(.csv), as: UTF8.self)
    let rows = text.split(separator: "\r\n")
    #expect(
      rows.first?.hasPrefix("\u{FEFF}code,name,district,province,category,year,total") == true)
    #expect(rows.count == 7)
    #expect(rows[1].hasPrefix("06124,Xã Bằng Mạc,Huyện Chi Lăng,Lạng Sơn,"))
    let certified = String(decoding: try written(.csv, certifiedOnly: true), as: UTF8.self)
    #expect(
      certified.split(separator: "\r\n").dropFirst().allSatisfy { $0.contains(",recognized,") })
    #expect(certified.split(separator: "\r\n").count == 4)
  }

  @Test(
    "JSON: an array with one compact object per line, the rejected row in place, the tally last")
  func json() throws {
    let bytes = try written(.json)
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
    #expect(lines.first == "[")
    #expect(lines.last == "]")
    #expect(lines.count == 2 + 6 + 1 + 1)
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
    #expect(array[0]["total"] as? Int == 895)
    #expect(array[6]["status"] as? String == "rejected")
    #expect(array[6]["source"] as? String == "s.csv")
    #expect(array[6]["line"] as? Int == 8)
    let tally = try #require(array.last)
    #expect(tally["status"] as? String == "tally")
    #expect(tally["read"] as? Int == 7)
    #expect(tally["assessed"] as? Int == 6)
    #expect(tally["rejected"] as? Int == 1)
  }

  @Test("JSON Lines: one object per line, the rejected row in place, the tally last")
  func jsonLines() throws {
    let bytes = try written(.jsonl)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasSuffix("}\n"))
    let lines = text.split(separator: "\n")
    #expect(lines.count == 6 + 1 + 1)
    let objects = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects[0]["total"] as? Int == 895)
    #expect(objects[0]["pathToRecognition"] == nil)
    let criteria = try #require(objects[0]["criteria"] as? [[String: Any]])
    #expect(criteria.map { $0["id"] as? String } == (1...13).map { "T\($0)" })
    #expect(objects[6]["status"] as? String == "rejected")
    #expect(objects[6]["line"] as? Int == 8)
    #expect(objects[7]["status"] as? String == "tally")
    #expect(objects[7]["read"] as? Int == 7)
    #expect(objects[7]["rejected"] as? Int == 1)
    let certified = String(decoding: try written(.jsonl, certifiedOnly: true), as: UTF8.self)
    #expect(certified.split(separator: "\n").count == 3 + 1)
  }

  @Test("text: a line per commune as it is assessed, then the summary counting the rejected row")
  func text() throws {
    let text = String(decoding: try written(.text), as: UTF8.self)
    #expect(text.hasPrefix("Code   Commune "))
    #expect(text.contains("06124  Xã Bằng Mạc"))
    #expect(text.contains("All (6 communes)"))
    #expect(text.contains("Rows rejected for bad data: 1"))
  }

  @Test("HTML and Word: the certification list names the recognised communes only")
  func documents() throws {
    let html = String(decoding: try written(.html), as: UTF8.self)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("Xã Bằng Mạc"))
    #expect(html.contains("Phường Phúc Xá"))
    let docx = try written(.docx)
    #expect(docx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    let xlsx = try written(.xlsx)
    #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
  }
}

@Suite struct WritesFormattedAsIsTests {
  /// The command line sends planned bytes on itself when the writer says it would append them
  /// unchanged: every writer that says so must do exactly that.
  @Test(arguments: BatchFormat.allCases)
  func aWriterThatSaysItWritesPlannedBytesAsTheyAreDoes(format: BatchFormat) throws {
    var writer = format.writer(
      BatchWriterOptions(
        rulebook: shippedRulebook, language: .vi, certifiedOnly: false, withReview: false))
    var output: [UInt8] = []
    writer.begin(into: &output)
    let before = output
    let bytes = Array("00001,Xã A,,Tỉnh C,standard,2024\r\n".utf8)
    // Other writers take planned bytes in their own framing (xlsx): not fed made-up ones.
    if writer.writesFormattedAsIs {
      writer.add(formatted: bytes[...], communes: 1, into: &output)
      #expect(output == before + bytes)
    }
    #expect(
      writer.writesFormattedAsIs == [.csv, .jsonl].contains(format),
      "planned rows of \(format) go straight out or not")
  }
}
