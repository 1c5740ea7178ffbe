import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses a document as XML, collecting every element's attributes, so a test can both prove it
/// well-formed and read its numbers.
final class ElementCollector: NSObject, XMLParserDelegate {
  var elements: [(name: String, attributes: [String: String])] = []
  var error: Error?

  static func parse(_ text: String) -> ElementCollector {
    let collector = ElementCollector()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = collector
    if !parser.parse() { collector.error = parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    return collector
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    elements.append((name, attributes))
  }
}

@Suite("HTML reports")
struct HTMLTests {
  @Test(
    "every sample's sheet is well-formed, has lang and table headers, and loads nothing from outside",
    arguments: Repo.samples("json"))
  func wellFormed(_ sample: String) throws {
    for language in ["vi", "en"] {
      let run = cfc(
        "assess", Repo.path("samples/" + sample), "--format", "html", "--lang", language)
      #expect(run.code == 0)
      let parsed = ElementCollector.parse(run.stdout)
      #expect(
        parsed.error == nil, "\(sample) is not well-formed: \(String(describing: parsed.error))")
      #expect(parsed.elements.first?.name == "html")
      #expect(parsed.elements.first?.attributes["lang"] == language)
      #expect(parsed.elements.contains { $0.name == "th" })
      #expect(parsed.elements.contains { $0.name == "svg" })
      for element in parsed.elements {
        #expect(
          element.attributes["src"] == nil,
          "\(element.name) loads \(element.attributes["src"] ?? "")")
        #expect(element.attributes["href"] == nil)
      }
      for pattern in ["https://", "@import", "url("] {
        #expect(!run.stdout.contains(pattern), "\(sample) refers to \(pattern)")
      }
      // The only http:// allowed is the XML namespace of html and svg elements.
      #expect(run.stdout.components(separatedBy: "http://").count - 1 == 2)
      #expect(run.stdout.contains("@page { size: A4 portrait"))
      #expect(run.stdout.contains("thead { display: table-header-group; }"))
    }
  }

  @Test("the numbers in the sheet equal those of --format json", arguments: Repo.samples("json"))
  func sameNumbersAsJSON(_ sample: String) throws {
    let html = ElementCollector.parse(
      cfc("assess", Repo.path("samples/" + sample), "--format", "html").stdout)
    let json = try #require(
      try JSONSerialization.jsonObject(
        with: Data(cfc("assess", Repo.path("samples/" + sample), "--format", "json").stdout.utf8))
        as? [String: Any])
    let verdict = try #require(html.elements.first { $0.attributes["data-status"] != nil })
    #expect(verdict.attributes["data-status"] == json["status"] as? String)
    #expect(verdict.attributes["data-total"] == (json["total"] as? Int).map(String.init))
    let rows = html.elements.filter { $0.attributes["data-criterion"] != nil }
    let criteria = try #require(json["criteria"] as? [[String: Any]])
    #expect(rows.map { $0.attributes["data-criterion"] } == criteria.map { $0["id"] as? String })
    #expect(
      rows.map { $0.attributes["data-points"] ?? "?" }
        == criteria.map { ($0["points"] as? Int).map(String.init) ?? "" })
    let indicators = html.elements.filter { $0.attributes["data-indicator"] != nil }
    let jsonIndicators = criteria.flatMap { ($0["indicators"] as? [[String: Any]]) ?? [] }
    #expect(
      indicators.map { $0.attributes["data-points"] ?? "?" }
        == jsonIndicators.map { ($0["points"] as? Int).map(String.init) ?? "" })
  }

  @Test("the batch certification list is well-formed and lists exactly the recognised communes")
  func certificationList() throws {
    let run = cfc(
      "batch", Repo.path("samples/communes.csv"), "--format", "html", "--review",
      Repo.path("samples/review.csv"))
    #expect(run.code == 0)
    let parsed = ElementCollector.parse(run.stdout)
    #expect(parsed.error == nil)
    #expect(parsed.elements.first?.attributes["lang"] == "vi")
    #expect(run.stdout.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    #expect(
      run.stdout.contains(
        "DANH SÁCH XÃ, PHƯỜNG, THỊ TRẤN ĐẠT TIÊU CHUẨN PHÙ HỢP VỚI TRẺ EM NĂM 2024".lowercased())
        || run.stdout.contains(
          "Danh sách xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em năm 2024")
    )
    let listed = parsed.elements.filter { $0.attributes["data-code"] != nil }
    let csv = csvRows(
      cfc(
        "batch", Repo.path("samples/communes.csv"), "--format", "csv", "--certified-only",
        "--review", Repo.path("samples/review.csv")
      ).stdout
    ).dropFirst()
    // The annex is grouped by province and district, so compare communes, not order.
    let listedTotals = Dictionary(
      listed.map { ($0.attributes["data-code"] ?? "", $0.attributes["data-total"] ?? "") },
      uniquingKeysWith: { first, _ in first })
    #expect(listed.count == csv.count)
    #expect(listedTotals == Dictionary(csv.map { ($0[0], $0[6]) }, uniquingKeysWith: { a, _ in a }))
    #expect(run.stdout.contains("<td>đã thẩm định</td>"))
  }
}
