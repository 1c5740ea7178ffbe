import CommuneScoring
import Foundation
import Testing

@testable import CommuneScoringCLI

/// The words of every Vietnamese document, with markup and the few technical tokens a receipt
/// must carry (hashes, the rulebook id, the program's name) removed.
func visibleWords(_ document: String) -> [String] {
  var text = document
  // Drop the style sheet and the markup: only what a reader sees counts.
  if let start = text.range(of: "<style>"), let end = text.range(of: "</style>") {
    text.removeSubrange(start.lowerBound..<end.upperBound)
  }
  text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
  text = text.replacingOccurrences(of: "&[a-z]+;", with: " ", options: .regularExpression)
  return text.components(separatedBy: CharacterSet.alphanumerics.union(["_"]).inverted)
    .filter { !$0.isEmpty }
}

/// Common English words that would betray an untranslated phrase in a Vietnamese document.
let englishWords: Set<String> = [
  "the", "and", "of", "missing", "points", "point", "rule", "reconstructed", "verified", "yes",
  "no", "total", "criterion", "indicator", "commune", "communes", "recognised", "recognized",
  "not", "verifiable", "incomplete", "threshold", "district", "province", "receipt", "rulebook",
  "record", "evidence", "reviewed", "council", "category", "summary", "none", "with", "for",
  "page", "date", "signature", "recipients", "status", "met", "zero", "unknown", "per", "to",
  "from", "list", "report", "sheet", "minutes", "source", "sources", "figure", "figures",
]

/// Every Vietnamese document `cfc` writes for people, by name.
func vietnameseDocuments(in folder: URL) throws -> [(String, String)] {
  var documents: [(String, String)] = []
  for sample in Repo.samples("json") {
    let path = Repo.path("samples/" + sample)
    documents.append((sample + " text", cfc("assess", path).stdout))
    documents.append((sample + " html", cfc("assess", path, "--format", "html").stdout))
    let docx = folder.appendingPathComponent(sample + ".docx").path
    #expect(cfc("assess", path, "--format", "docx", "-o", docx).code == 0)
    documents.append((sample + " docx", try DocxText.documentXML(docx)))
    let dossier = folder.appendingPathComponent(sample + "-dossier")
    #expect(cfc("dossier", path, "-o", dossier.path, "--draft").code == 0)
    for part in DossierTests.parts {
      let html = dossier.appendingPathComponent(part + ".html")
      documents.append((sample + " " + part, try String(contentsOf: html, encoding: .utf8)))
      let word = dossier.appendingPathComponent(part + ".docx").path
      documents.append((sample + " " + part + ".docx", try DocxText.documentXML(word)))
    }
  }
  let batch = Repo.path("samples/communes.csv")
  let review = Repo.path("samples/review.csv")
  documents.append(("batch text", cfc("batch", batch, "--review", review).stdout))
  documents.append(
    ("batch html", cfc("batch", batch, "--review", review, "--format", "html").stdout))
  let listDocx = folder.appendingPathComponent("list.docx").path
  #expect(cfc("batch", batch, "--format", "docx", "-o", listDocx).code == 0)
  documents.append(("batch docx", try DocxText.documentXML(listDocx)))
  documents.append(
    (
      "compare text",
      cfc("compare", Repo.path("samples/communes-2022.csv"), batch).stdout
    ))
  documents.append(
    (
      "compare html",
      cfc("compare", Repo.path("samples/communes-2022.csv"), batch, "--format", "html").stdout
    ))
  documents.append(("rulebook show", cfc("rulebook", "show").stdout))
  return documents
}

/// Reads the parts of a .docx written by `cfc`, with the project's own ZIP reader.
enum DocxText {
  static func documentXML(_ path: String) throws -> String {
    let data = try #require(FileManager.default.contents(atPath: path))
    return try entry("word/document.xml", in: [UInt8](data))
  }

  static func entry(_ name: String, in bytes: [UInt8]) throws -> String {
    var reader = try ZipReader(bytes)
    return String(decoding: try reader.read(name), as: UTF8.self)
  }
}

@Suite("Documents to file")
struct DocumentTests {
  /// The sample batch's lines (CRLF or LF).
  func sampleLines() throws -> [String] {
    let full = try String(contentsOfFile: Repo.path("samples/communes.csv"), encoding: .utf8)
    return full.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
  }

  @Test("no Vietnamese document contains a field id or an English word")
  func vietnameseEverywhere() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rulebook = try RulebookDecoder.decode(
      try Data(contentsOf: URL(fileURLWithPath: Repo.path("criteria/qd06-2019.json"))))
    let fieldIDs = Set(rulebook.fields.map(\.id))
    for (name, document) in try vietnameseDocuments(in: folder) {
      let words = visibleWords(document)
      #expect(!words.isEmpty, "\(name) is empty")
      let ids = words.filter { fieldIDs.contains($0) }
      #expect(ids.isEmpty, "\(name) shows field ids: \(Set(ids).sorted())")
      let english = words.filter { englishWords.contains($0.lowercased()) }
      #expect(english.isEmpty, "\(name) shows English words: \(Set(english).sorted())")
    }
  }

  @Test("the sheet carries the official frame, blanks by default")
  func frameBlanks() {
    let html = cfc("assess", Repo.path("samples/bang-mac.json"), "--format", "html").stdout
    for text in [
      "ỦY BAN NHÂN DÂN", "XÃ BẰNG MẠC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc", "Số: ……/BC-UBND", "……, ngày … tháng … năm ……",
      "NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nơi nhận:", "Lưu: VT.",
      "@top-center { content: counter(page)",
    ] {
      #expect(html.contains(text), "the sheet lacks \(text)")
    }
  }

  @Test("the frame options fill the blanks, in HTML and in Word")
  func frameValues() throws {
    let arguments = [
      "--place", "Bằng Mạc", "--date", "2025-02-07", "--number", "12/BC-UBND", "--signer",
      "Hoàng Văn Minh", "--preparer", "Lý Thị Hoa", "--issuer",
      "UBND HUYỆN CHI LĂNG|UBND XÃ BẰNG MẠC",
      "--recipients", "Phòng Văn hóa - Xã hội huyện",
    ]
    let html = cfc(
      ["assess", Repo.path("samples/bang-mac.json"), "--format", "html"] + arguments
    ).stdout
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("sheet.docx").path
    #expect(
      cfc(
        ["assess", Repo.path("samples/bang-mac.json"), "--format", "docx", "-o", path] + arguments
      )
      .code == 0)
    let docx = try DocxText.documentXML(path)
    for text in [
      "Bằng Mạc, ngày 07 tháng 02 năm 2025", "Số: 12/BC-UBND", "Hoàng Văn Minh", "Lý Thị Hoa",
      "UBND HUYỆN CHI LĂNG", "UBND XÃ BẰNG MẠC", "Phòng Văn hóa - Xã hội huyện;",
    ] {
      #expect(html.contains(text), "the HTML sheet lacks \(text)")
      #expect(docx.contains(text), "the Word sheet lacks \(text)")
    }
    #expect(!html.contains("ngày … tháng"))
  }

  @Test("an impossible date is refused with a usage error")
  func badDate() {
    let run = cfc(
      "assess", Repo.path("samples/bang-mac.json"), "--format", "html", "--date", "2025-02-30")
    #expect(run.code == 64)
    #expect(run.stderr.contains("--date"))
  }

  @Test("the Word sheet is a valid package: A4, margins, a PAGE field, the scoring table")
  func docxPackage() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("sheet.docx").path
    #expect(
      cfc("assess", Repo.path("samples/quang-lang-reviewed.json"), "--format", "docx", "-o", path)
        .code == 0)
    let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
    let document = try DocxText.entry("word/document.xml", in: bytes)
    #expect(ElementCollector.parse(document).error == nil)
    #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
    #expect(document.contains("<w:titlePg/>"))
    #expect(document.contains("Tự đánh giá") && document.contains("Thẩm định"))
    let header = try DocxText.entry("word/header1.xml", in: bytes)
    #expect(header.contains(" PAGE "))
    for part in [
      "[Content_Types].xml", "_rels/.rels", "word/styles.xml", "word/_rels/document.xml.rels",
    ] {
      #expect(ElementCollector.parse(try DocxText.entry(part, in: bytes)).error == nil, "\(part)")
    }
    // Without -o a binary file would go to the terminal: refused.
    #expect(cfc("assess", Repo.path("samples/bang-mac.json"), "--format", "docx").code == 64)
  }

  @Test("the certification list is grouped by province then district, with codes and subtotals")
  func annex() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Three districts named Châu Thành in three provinces are three groups.
    let lines = try sampleLines()
    let row = lines.first { $0.hasPrefix("06124,") } ?? ""
    var csv = lines[0] + "\n"
    for (index, province) in ["Tiền Giang", "An Giang", "Bến Tre"].enumerated() {
      for number in 0..<2 {
        let code = String(format: "9%d%03d", index, number)
        csv +=
          row.replacingOccurrences(of: "06124,", with: "\(code),")
          .replacingOccurrences(of: "Huyện Chi Lăng", with: "Huyện Châu Thành")
          .replacingOccurrences(of: "Lạng Sơn", with: province)
          .replacingOccurrences(of: "Xã Bằng Mạc", with: "Xã Số \(code)") + "\n"
      }
    }
    let input = folder.appendingPathComponent("chau-thanh.csv")
    try Data(csv.utf8).write(to: input)
    let run = cfc("batch", input.path, "--format", "html", "--number", "15/QĐ-UBND")
    #expect(run.code == 0)
    let html = run.stdout
    #expect(html.contains("(Kèm theo Quyết định số 15/QĐ-UBND"))
    #expect(html.contains("của tỉnh An Giang, tỉnh Bến Tre và tỉnh Tiền Giang"))
    let groups = html.components(separatedBy: "<tr class=\"subgroup\">").count - 1
    #expect(groups == 3)
    for province in ["Tỉnh An Giang", "Tỉnh Bến Tre", "Tỉnh Tiền Giang"] {
      #expect(html.contains("\(province) — 2 xã, phường, thị trấn"))
    }
    // Provinces in Vietnamese alphabetical order.
    let order = ["Tỉnh An Giang", "Tỉnh Bến Tre", "Tỉnh Tiền Giang"].compactMap {
      html.range(of: $0)?.lowerBound
    }
    #expect(order == order.sorted() && order.count == 3)
    #expect(html.contains("Tổng cộng: 6 xã, phường, thị trấn"))
    #expect(html.contains("<td>90000</td>"))
    // The summary keeps the three districts apart too.
    let text = cfc("batch", input.path).stdout
    #expect(text.contains("Huyện Châu Thành (An Giang)"))
    #expect(text.contains("Huyện Châu Thành (Tiền Giang)"))
    // One list per province: three frames.
    let split = cfc("batch", input.path, "--format", "html", "--by", "province").stdout
    #expect(split.components(separatedBy: "<h1>DANH SÁCH</h1>").count - 1 == 3)
    // A province's list is the province's, though its communes lie in one district.
    #expect(split.contains("đạt tiêu chuẩn phù hợp với trẻ em năm 2024 của tỉnh Bến Tre"))
    #expect(!split.contains("của Huyện Châu Thành, tỉnh Bến Tre"))
  }

  @Test("thirty provinces are named by their number, not listed")
  func manyProvinces() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let lines = try sampleLines()
    let row = lines.first { $0.hasPrefix("06124,") } ?? ""
    var csv = lines[0] + "\n"
    for index in 0..<30 {
      csv +=
        row.replacingOccurrences(of: "06124,", with: String(format: "7%04d,", index))
        .replacingOccurrences(of: "Lạng Sơn", with: "Tỉnh Số \(index)") + "\n"
    }
    let input = folder.appendingPathComponent("thirty.csv")
    try Data(csv.utf8).write(to: input)
    let html = cfc("batch", input.path, "--format", "html").stdout
    #expect(html.contains("năm 2024 của 30 tỉnh, thành phố"))
  }

  @Test("assess given a batch file points to cfc batch")
  func assessSuggestsBatch() {
    let run = cfc("assess", Repo.path("samples/communes.csv"))
    #expect(run.code == 64)
    #expect(run.stderr.contains("cfc batch"))
  }
}

@Suite("Help in the terminal")
struct HelpTests {
  static let commands = [
    "assess", "batch", "compare", "verify", "generate", "benchmark", "template", "rulebook",
  ]

  @Test("every help text fits 80 columns, in both languages", arguments: ["vi", "en"])
  func fits80(_ language: String) {
    var texts = [("cfc --help", cfc("--help", "--lang", language).stdout)]
    for command in Self.commands {
      texts.append(("cfc \(command) --help", cfc(command, "--help", "--lang", language).stdout))
    }
    for (name, text) in texts {
      #expect(!text.isEmpty, "\(name) printed nothing")
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        #expect(line.count <= 80, "\(name): \(line.count) columns: \(line)")
      }
    }
  }

  @Test("an option and its description are always apart", arguments: commands)
  func gapAfterOption(_ command: String) throws {
    let help = try #require(CLI.helps[command])
    let lines = help.render(.vi).split(separator: "\n").map(String.init)
    for option in help.options {
      let names =
        "  " + option.names.joined(separator: ", ")
        + (option.valueName.map { " \($0)" } ?? "")
      let line = try #require(lines.first { $0.hasPrefix(names) }, "\(command): \(names)")
      // The names stand alone (the description follows below) or two spaces part them.
      #expect(line == names || line.dropFirst(names.count).hasPrefix("  "), "\(line)")
    }
  }

  @Test("the usage line names every option the command takes", arguments: commands)
  func usageListsEveryOption(_ command: String) throws {
    let text = cfc(command, "--help").stdout
    let usage = text.components(separatedBy: "\n\n")[0]
    for option in try #require(CLI.helps[command]).options {
      #expect(
        option.names.contains { usage.contains("[\($0) ") || usage.contains("[\($0)]") },
        "\(command): the usage line lacks \(option.key)")
    }
  }

  @Test(
    "every spelling of help works",
    arguments: [
      ["--help"], ["-h"], ["help"], ["--lang", "en", "--help"], ["--lang=en", "help"],
      ["help", "batch"], ["--help", "batch"], ["batch", "-h"], ["batch", "--help"],
      ["batch", "help"], ["batch", "-?"], ["--lang", "en", "batch", "--help"], ["-?"],
      ["assess", "--help", "--lang", "en"],
    ])
  func spellings(_ arguments: [String]) {
    let run = cfc(arguments)
    #expect(run.code == 0, "\(arguments): \(run.stderr)")
    #expect(
      run.stdout.hasPrefix("cfc —") || run.stdout.hasPrefix("Cách dùng")
        || run.stdout.hasPrefix("Usage"))
    if arguments.contains("en") || arguments.contains("--lang=en") {
      #expect(!run.stdout.contains("Cách dùng"), "\(arguments) is not in English")
    }
    if arguments.contains("batch") { #expect(run.stdout.contains("cfc batch FILE")) }
  }

  @Test("help wraps to a narrower width when asked")
  func narrow() {
    let text = CLI.helps["batch"]?.render(.vi, width: 50) ?? ""
    #expect(!text.isEmpty)
    for line in text.split(separator: "\n") where !line.hasSuffix("\\") {
      #expect(line.count <= 50, "\(line)")
    }
  }
}

@Suite("cfc dossier")
struct DossierTests {
  static let parts = ["1-to-trinh", "2-bang-diem", "3-bao-cao-giai-trinh", "4-bien-ban-hop"]

  @Test(
    "every sample's dossier is complete and its figures equal --format json",
    arguments: Repo.samples("json"))
  func complete(_ sample: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = Repo.path("samples/" + sample)
    let run = cfc("dossier", path, "-o", folder.path, "--draft")
    #expect(run.code == 0, "\(run.stderr)")
    for part in Self.parts {
      for ext in ["html", "docx"] {
        let file = folder.appendingPathComponent("\(part).\(ext)").path
        #expect(FileManager.default.fileExists(atPath: file), "\(part).\(ext) is missing")
      }
      let html = try String(
        contentsOf: folder.appendingPathComponent("\(part).html"), encoding: .utf8)
      #expect(ElementCollector.parse(html).error == nil, "\(part).html is not well-formed")
      #expect(
        ElementCollector.parse(
          try DocxText.documentXML(folder.appendingPathComponent("\(part).docx").path)
        ).error == nil)
      #expect(!visibleWords(html).contains { englishWords.contains($0.lowercased()) }, "\(part)")
    }
    // The dossier is the commune's own assessment: the self-assessed result where a council
    // reviewed the record.
    let full = try #require(
      try JSONSerialization.jsonObject(
        with: Data(cfc("assess", path, "--format", "json").stdout.utf8))
        as? [String: Any])
    let json = (full["selfAssessed"] as? [String: Any]) ?? full
    let sheet = ElementCollector.parse(
      try String(contentsOf: folder.appendingPathComponent("2-bang-diem.html"), encoding: .utf8))
    let verdict = try #require(sheet.elements.first { $0.attributes["data-status"] != nil })
    #expect(verdict.attributes["data-total"] == (json["total"] as? Int).map(String.init))
    #expect(verdict.attributes["data-status"] == json["status"] as? String)
    let criteria = try #require(json["criteria"] as? [[String: Any]])
    #expect(
      sheet.elements.filter { $0.attributes["data-criterion"] != nil }.map {
        $0.attributes["data-points"] ?? "?"
      } == criteria.map { ($0["points"] as? Int).map(String.init) ?? "" })
    // The minutes carry the same points per criterion, and the letter the same total.
    let minutes = try String(
      contentsOf: folder.appendingPathComponent("4-bien-ban-hop.html"), encoding: .utf8)
    for criterion in criteria {
      let points = (criterion["points"] as? Int).map(String.init) ?? "—"
      let id = criterion["id"] as? String ?? ""
      #expect(
        minutes.contains("data-criterion=\"\(id)\">")
          && minutes.range(of: "<td class=\"n\">\(points)</td></tr>") != nil)
    }
    let letter = try String(
      contentsOf: folder.appendingPathComponent("1-to-trinh.html"), encoding: .utf8)
    #expect(letter.contains("tổng số điểm đạt \(json["total"] as? Int ?? -1)/1000 điểm"))
    // Every figure of the record, with its value, in the report.
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [String: Any])
    let evidence = try #require(record["evidence"] as? [String: Any])
    let rulebook = try RulebookDecoder.decode(
      try Data(contentsOf: URL(fileURLWithPath: Repo.path("criteria/qd06-2019.json"))))
    let report = try String(
      contentsOf: folder.appendingPathComponent("3-bao-cao-giai-trinh.html"), encoding: .utf8)
    for (field, value) in evidence {
      let shown: String
      if rulebook.field(field)?.kind == .flag, let flag = value as? Bool {
        shown = flag ? "có" : "không"
      } else if let number = value as? Int {
        shown =
          number >= 1000 ? "\(number / 1000).\(String(format: "%03d", number % 1000))" : "\(number)"
      } else {
        shown = "—"
      }
      #expect(
        report.range(of: "data-field=\"\(field)\"><td class=\"n\">") != nil
          && report.contains("</td><td class=\"n\">\(shown)</td>"), "\(sample): \(field) = \(shown)"
      )
    }
    if let sources = record["sources"] as? [String: String] {
      for source in sources.values { #expect(report.contains(source)) }
    }
  }

  @Test("a dossier needs a folder and refuses a batch file")
  func misuse() {
    #expect(cfc("dossier", Repo.path("samples/bang-mac.json")).code == 64)
    let run = cfc("dossier", Repo.path("samples/communes.csv"), "-o", "/tmp/x")
    #expect(run.code == 64)
    #expect(run.stderr.contains("cfc batch"))
  }

  @Test("sources must name declared fields")
  func unknownSource() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var text = try String(contentsOfFile: Repo.path("samples/bang-mac.json"), encoding: .utf8)
    text = text.replacingOccurrences(of: "\"births\": \"Sổ", with: "\"birth\": \"Sổ")
    let file = folder.appendingPathComponent("r.json")
    try Data(text.utf8).write(to: file)
    let run = cfc("assess", file.path, "--lang", "en")
    #expect(run.code == 65)
    #expect(run.stderr.contains("sources") && run.stderr.contains("births"))
  }
}

@Suite("cfc dossier for a commune that does not qualify")
struct DossierRefusalTests {
  @Test("a commune that does not qualify gets no request dossier unless --draft, which marks it")
  func refusesUnlessDraft() throws {
    let folder = try temporaryFolder().appendingPathComponent("ho-so").path
    let sample = Repo.path("samples/vu-quy-kien-xuong.json")
    let refused = cfc("dossier", sample, "-o", folder)
    #expect(refused.code == 65)
    #expect(refused.stderr.contains("chưa đủ điều kiện đề nghị công nhận"))
    #expect(refused.stderr.contains("cfc assess \(sample)"))
    #expect(!FileManager.default.fileExists(atPath: folder))
    let draft = cfc("dossier", sample, "-o", folder, "--draft", "--format", "html")
    #expect(draft.code == 0)
    let letter = try String(contentsOfFile: folder + "/1-to-trinh.html", encoding: .utf8)
    #expect(letter.contains("DỰ THẢO"))
  }
}

@Suite("cfc compare as documents")
struct CompareDocumentTests {
  @Test("compare writes HTML with both rounds per commune, and a workbook with one row each")
  func htmlAndWorkbook() throws {
    let old = Repo.path("samples/communes-2022.csv")
    let new = Repo.path("samples/communes.csv")
    let json = try #require(
      try JSONSerialization.jsonObject(
        with: Data(cfc("compare", old, new, "--format", "json").stdout.utf8)) as? [String: Any])
    let communes = try #require(json["communes"] as? [[String: Any]])
    let html = cfc("compare", old, new, "--format", "html")
    #expect(html.code == 0)
    let parsed = ElementCollector.parse(html.stdout)
    #expect(parsed.error == nil)
    let rows = parsed.elements.filter { $0.attributes["data-code"] != nil }
    let both = communes.filter { $0["totalChange"] != nil }
    #expect(
      rows.map { $0.attributes["data-code"] ?? "" } == both.map { $0["code"] as? String ?? "" })
    #expect(
      rows.map { $0.attributes["data-change"] ?? "" }
        == both.map { ($0["totalChange"] as? Int).map(String.init) ?? "" })
    #expect(html.stdout.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let xlsx = folder.appendingPathComponent("c.xlsx").path
    #expect(cfc("compare", old, new, "--format", "xlsx", "-o", xlsx).code == 0)
    var reader = try ZipReader([UInt8](try #require(FileManager.default.contents(atPath: xlsx))))
    let sheet = String(decoding: try reader.read("xl/worksheets/sheet1.xml"), as: UTF8.self)
    #expect(sheet.components(separatedBy: "<row").count - 1 == communes.count + 1)
    #expect(cfc("compare", old, new, "--format", "xlsx").code == 64)
  }
}
