import CommuneReports
import CommuneScoring
import Foundation
import Testing

/// The certification list (HTML and Word) of a batch of copies of a recognised sample commune,
/// each given the code, year, province and district of `communes`.
@Suite("Certification list")
struct CertifiedListTests {
  /// Xã Bằng Mạc's figures, which are recognised (915 points).
  static func recognisedRow() throws -> Substring {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(
      contentsOf: root.appendingPathComponent("samples/communes.csv"), encoding: .utf8)
    return try #require(text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("06124,") })
  }

  /// A writer of `format` that has been given every commune of `communes`.
  static func fed(
    _ format: BatchFormat,
    _ communes: [(code: String, year: Int, province: String, district: String)],
    by split: ListSplit = .all
  ) throws -> (any BatchWriter, BatchTally) {
    let fields = try recognisedRow().split(separator: ",", omittingEmptySubsequences: false)
    var csv = "code,name,district,province,category,year,"
    csv += shippedRulebook.fields.map(\.id).joined(separator: ",") + "\n"
    for commune in communes {
      var row = fields.map(String.init)
      row[0] = commune.code
      row[1] = "Xã Thử \(commune.code)"
      row[2] = commune.district
      row[3] = commune.province
      row[5] = String(commune.year)
      csv += row.joined(separator: ",") + "\n"
    }
    var writer = format.writer(
      BatchWriterOptions(
        rulebook: shippedRulebook, language: .vi, certifiedOnly: false, withReview: false,
        split: split))
    var ignored: [UInt8] = []
    writer.begin(into: &ignored)
    let tally = try BatchEngine(.init(rulebook: shippedRulebook)).run(
      [BatchSource(name: "list.csv", layout: .csv, bytes: Array(csv.utf8))],
      executor: SerialBatchExecutor(), format: writer.formatter, planned: writer.plannedFormatter
    ) { item in
      switch item {
      case .assessed(let row, let formatted): writer.add(row, formatted: formatted, into: &ignored)
      case .formatted(let bytes, let communes):
        writer.add(formatted: bytes, communes: communes, into: &ignored)
      case .rejected, .note, .unusedReview: break
      }
    }
    #expect(tally.all.assessed == communes.count)
    return (writer, tally)
  }

  static func listedCodes(_ html: String) -> [String] {
    html.components(separatedBy: "data-code=\"").dropFirst().map {
      String($0.prefix { $0 != "\"" })
    }
  }

  @Test(
    "communes are listed by province and district in Vietnamese alphabetical order, then by code; a commune's years keep input order"
  )
  func order() throws {
    let (writer, tally) = try Self.fed(
      .html,
      [
        ("00031", 2024, "Đắk Lắk", "Huyện Ea Súp"), ("00019", 2024, "An Giang", "Huyện Châu Thành"),
        ("00051", 2024, "Bắc Giang", "Huyện Yên Thế"), ("00017", 2024, "An Giang", "Huyện An Phú"),
        ("00012", 2024, "An Giang", "Huyện Châu Thành"),
        ("00041", 2024, "Bà Rịa - Vũng Tàu", "Huyện Côn Đảo"),
        ("00017", 2023, "An Giang", "Huyện An Phú"), ("00018", 2024, "An Giang", "Huyện Ba Thê"),
      ])
    var html = writer
    var output: [UInt8] = []
    html.end(tally, into: &output)
    let text = String(decoding: output, as: UTF8.self)
    #expect(
      Self.listedCodes(text) == [
        "00017", "00017", "00018", "00012", "00019", "00041", "00051", "00031",
      ])
    // The two rows of 17 are its years, as read.
    let rows = text.components(separatedBy: "data-code=\"00017\"")
    #expect(rows.count == 3)
    // Headings: provinces by Roman numeral, districts numbered within each.
    #expect(
      text.contains(
        "<td class=\"n\">I</td><td colspan=\"5\">Tỉnh An Giang — 5 xã, phường, thị trấn</td>"))
    #expect(
      text.contains(
        "<td class=\"n\">3</td><td colspan=\"5\">Huyện Châu Thành — 2 xã, phường, thị trấn</td>"))
    #expect(
      text.contains(
        "<td class=\"n\">IV</td><td colspan=\"5\">Tỉnh Đắk Lắk — 1 xã, phường, thị trấn</td>"))
  }

  @Test("split by province, each list numbers its communes from 1")
  func splitByProvince() throws {
    let (writer, tally) = try Self.fed(
      .html,
      [
        ("00031", 2024, "Đắk Lắk", "Huyện Ea Súp"), ("00019", 2024, "An Giang", "Huyện Châu Thành"),
        ("00012", 2024, "An Giang", "Huyện Châu Thành"),
      ], by: .province)
    var html = writer
    var output: [UInt8] = []
    html.end(tally, into: &output)
    let text = String(decoding: output, as: UTF8.self)
    #expect(Self.listedCodes(text) == ["00012", "00019", "00031"])
    let numbers = text.components(separatedBy: "<tr data-code=\"").dropFirst().map {
      $0.components(separatedBy: "<td class=\"n\">").dropFirst().first?.prefix { $0 != "<" }
    }
    #expect(numbers == ["1", "2", "1"])
  }

  @Test(
    "a long list is written in pieces of about 64 KB as it is made, the same bytes as written whole"
  )
  func streamed() throws {
    let provinces = ["Lạng Sơn", "An Giang", "Nam Định"]
    let communes = (0..<3_000).map { index in
      (
        code: String(format: "%05d", 3_000 - index), year: 2024,
        province: provinces[index % 3], district: "Huyện \(index % 7)"
      )
    }
    let (writer, tally) = try Self.fed(.html, communes)
    var whole = writer
    var wholeOutput: [UInt8] = []
    whole.end(tally, into: &wholeOutput)
    var streaming = writer
    let pieces = streamedPieces { streaming.end(tally, into: &$0, flush: $1) }
    #expect(pieces.count > 5)
    #expect(pieces.allSatisfy { $0.count < 70_000 })
    #expect(Array(pieces.joined()) == wholeOutput)
    let text = String(decoding: wholeOutput, as: UTF8.self)
    #expect(Self.listedCodes(text).count == 3_000)
    #expect(text.contains("Tổng cộng: 3000 xã, phường, thị trấn"))
  }

  @Test(
    "the Word list is compressed as it is made, flushed in pieces, with the parts of a file written whole"
  )
  func wordStreamed() throws {
    let communes = (0..<3_000).map { index in
      (
        code: String(format: "%05d", 3_000 - index), year: 2024,
        province: ["Lạng Sơn", "An Giang"][index % 2], district: "Huyện \(index % 5)"
      )
    }
    let rows = Table.Group { body in
      for (index, commune) in communes.enumerated() {
        body(
          Table.Row(
            [.init("\(index + 1)"), .init(commune.code), .init("Xã <\(commune.province)> & co")],
            style: index % 100 == 0 ? .group : .normal))
      }
    }
    var follower = Document(
      title: "Tổng hợp", language: .vi,
      frame: Frame(issuer: ["ỦY BAN NHÂN DÂN"], number: nil, placeDate: "……"),
      body: [.title("TỔNG HỢP"), .paragraph("Hết.")], closing: nil)
    follower.followers = []
    var document = Document(
      title: "Danh sách", language: .vi,
      frame: Frame(issuer: ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"], number: "Số: 1", placeDate: "……"),
      body: [
        .title("DANH SÁCH"),
        .table(
          Table(
            className: "certified",
            columns: [
              .init("TT", width: 10, numeric: true), .init("Mã", width: 20), .init("Xã", width: 70),
            ],
            groups: [Table.Group([Table.Row([.init("Đầu", span: 3)])], together: true), rows],
            footer: [Table.Row([.init("Tổng cộng", span: 3)], style: .total)], compact: true)),
        .note("Ghi chú."),
      ],
      closing: Closing(
        signers: [Signer(capacity: ["CHỦ TỊCH"], hint: "(Ký)", name: nil)], recipients: ["Lưu"]))
    document.followers = [follower]
    var whole = try ZipReader(DocxWriter.render(document))
    let pieces = streamedPieces { DocxWriter.render(document, into: &$0, flush: $1) }
    #expect(pieces.count > 2)
    var streamed = try ZipReader(Array(pieces.joined()))
    #expect(streamed.entries.map(\.name) == whole.entries.map(\.name))
    for entry in whole.entries {
      let same = try streamed.read(entry.name) == whole.read(entry.name)
      #expect(same, "\(entry.name)")
    }
    let text = String(decoding: try streamed.read("word/document.xml"), as: UTF8.self)
    #expect(text.components(separatedBy: "Xã &lt;An Giang&gt; &amp; co").count == 1_501)
  }

  @Test("the Word list holds the same communes in the same order as the HTML list")
  func wordMatchesHTML() throws {
    let communes = [
      (code: "31", year: 2024, province: "Đắk Lắk", district: "Huyện Ea Súp"),
      (code: "19", year: 2024, province: "An Giang", district: "Huyện Châu Thành"),
      (code: "12", year: 2024, province: "An Giang", district: "Huyện Châu Thành"),
    ]
    let (writer, tally) = try Self.fed(.docx, communes)
    var docx = writer
    var output: [UInt8] = []
    docx.end(tally, into: &output)
    var archive = try ZipReader(output)
    let document = String(decoding: try archive.read("word/document.xml"), as: UTF8.self)
    let names = ["Xã Thử 12", "Xã Thử 19", "Xã Thử 31"].map {
      document.range(of: $0)?.lowerBound
    }
    #expect(names.allSatisfy { $0 != nil })
    #expect(names.compactMap { $0 } == names.compactMap { $0 }.sorted())
  }
}

/// What a streaming writer hands out, piece by piece: each buffer it flushed, then what was left
/// in the buffer at its end.
func streamedPieces(_ write: (inout [UInt8], (inout [UInt8]) -> Void) -> Void) -> [[UInt8]] {
  var pieces: [[UInt8]] = []
  var output: [UInt8] = []
  write(&output) { bytes in
    pieces.append(bytes)
    bytes.removeAll(keepingCapacity: true)
  }
  pieces.append(output)
  return pieces
}
