import CommuneScoring
import Foundation
import Testing

/// `--criteria FOLDER`: each record is scored by the rulebook of its year.
@Suite("Rulebooks chosen by assessment year")
struct RulebookByYearTests {
  /// qd06-2019 (a link to the shipped file) and a made-up rulebook in force before it.
  static let folder = Repo.path("Tests/Fixtures/rulebooks/by-year")

  /// The shipped batch with its years replaced, one per row.
  static func batch(years: [Int]) throws -> String {
    let text = try String(contentsOfFile: Repo.path("samples/communes.csv"), encoding: .utf8)
    var lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    for index in lines.indices.dropFirst() {
      lines[index] = lines[index].replacing(",2024,", with: ",\(years[index - 1]),")
    }
    let path = try temporaryFolder().appendingPathComponent("mixed.csv")
    try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: path)
    return path.path
  }

  @Test("a batch mixing years uses each year's rulebook and names it in every row")
  func mixedBatch() throws {
    let file = try Self.batch(years: [2017, 2024, 2010, 2018, 2019, 2024])
    let run = cfc("batch", file, "--criteria", Self.folder, "--format", "csv")
    #expect(run.code == 1)
    let rows = run.stdout.split(separator: "\r\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    #expect(rows[0].last == "rulebook")
    #expect(rows.count == 6)
    // code, year, threshold, rulebook: the made-up rulebook's thresholds are 650 / 750 / 850.
    let summary = rows.dropFirst().map { "\($0[0]) \($0[5]) \($0[7]) \($0.last ?? "")" }
    #expect(
      summary == [
        "06124 2017 650 made-up-2014", "06142 2024 800 qd06-2019", "00001 2018 850 made-up-2014",
        "06127 2019 800 qd06-2019", "12856 2024 850 qd06-2019",
      ])
    // The year no rulebook covers costs that record only, with its line and the years covered.
    #expect(
      run.stderr.contains(
        "Error: \(file): dòng 4, cột 'year': không có bộ tiêu chí nào áp dụng cho năm đánh giá 2010 (các năm có bộ tiêu chí: made-up-2014: 2014–2018; qd06-2019: từ 2019)"
      ))
    #expect(run.stderr.contains("5 đã chấm, 1 bị loại"))
  }

  @Test("JSON rows each carry the rulebook that scored them; text lines end with its id")
  func jsonAndText() throws {
    let file = try Self.batch(years: [2017, 2024, 2018, 2018, 2019, 2024])
    let json = cfc("batch", file, "--criteria", Self.folder, "--format", "json")
    #expect(json.code == 0)
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    let ids = rows.compactMap { ($0["rulebook"] as? [String: Any])?["id"] as? String }
    #expect(
      ids == [
        "made-up-2014", "qd06-2019", "made-up-2014", "made-up-2014", "qd06-2019", "qd06-2019",
      ])
    let text = cfc("batch", file, "--criteria", Self.folder)
    #expect(text.stdout.contains("Xã Bằng Mạc") && text.stdout.contains("đạt  made-up-2014"))
  }

  @Test(
    "the HTML and Word lists and the workbook name each row's rulebook in a run over several")
  func listsNameTheRulebook() throws {
    // 06124 and 06127 by the made-up rulebook of 2014-2018, 00001 by Decision 06: all three
    // recognised, so the certification list shows both rulebooks.
    let file = try Self.batch(years: [2017, 2024, 2018, 2024, 2016, 2024])
    let html = cfc("batch", file, "--criteria", Self.folder, "--format", "html")
    #expect(html.code == 0, "\(html.stderr)")
    #expect(html.stdout.contains(">Bộ tiêu chí</th>"))
    for (code, rulebook) in [
      ("00001", "qd06-2019"), ("06124", "made-up-2014"), ("06127", "made-up-2014"),
    ] {
      #expect(
        html.stdout.contains("data-code=\"\(code)\"")
          && html.stdout.contains("data-rulebook=\"\(rulebook)\""), "\(code)")
    }
    // The legend gives each category's threshold by each rulebook of the list.
    #expect(html.stdout.contains("(từ 900 điểm theo qd06-2019; 850 điểm theo made-up-2014)"))
    let english = cfc("batch", file, "--criteria", Self.folder, "--format", "html", "--lang", "en")
    #expect(english.stdout.contains(">Rulebook</th>"))
    #expect(english.stdout.contains("(from 800 points by qd06-2019; 650 by made-up-2014)"))

    let folder = try temporaryFolder()
    for (format, part) in [("docx", "word/document.xml"), ("xlsx", "xl/worksheets/sheet1.xml")] {
      let path = folder.appendingPathComponent("list.\(format)").path
      let run = cfc("batch", file, "--criteria", Self.folder, "--format", format, "-o", path)
      #expect(run.code == 0, "\(run.stderr)")
      var zip = try ZipReader([UInt8](try #require(FileManager.default.contents(atPath: path))))
      let xml = String(decoding: try zip.read(part), as: UTF8.self)
      #expect(xml.contains("Bộ tiêu chí"), "\(format)")
      #expect(xml.contains("made-up-2014") && xml.contains("qd06-2019"), "\(format)")
    }
  }

  @Test("a run over one rulebook lists no rulebook column")
  func singleRulebookList() throws {
    let html = cfc("batch", Repo.path("samples/communes.csv"), "--format", "html")
    #expect(html.code == 0)
    #expect(!html.stdout.contains("Bộ tiêu chí</th>") && !html.stdout.contains("data-rulebook"))
    #expect(html.stdout.contains("(từ 900 điểm);"))
    let path = try temporaryFolder().appendingPathComponent("list.xlsx").path
    _ = cfc("batch", Repo.path("samples/communes.csv"), "--format", "xlsx", "-o", path)
    var zip = try ZipReader([UInt8](try #require(FileManager.default.contents(atPath: path))))
    let xml = String(decoding: try zip.read("xl/worksheets/sheet1.xml"), as: UTF8.self)
    #expect(!xml.contains("Bộ tiêu chí") && !xml.contains("qd06-2019"))
  }

  @Test("the built-in rulebook refuses a year before Decision 06, and the rest is unchanged")
  func builtInYears() throws {
    let file = try Self.batch(years: [2018, 2024, 2024, 2024, 2024, 2024])
    let run = cfc("batch", file, "--format", "csv")
    #expect(run.code == 1)
    #expect(run.stderr.contains("năm đánh giá 2018 (các năm có bộ tiêu chí: qd06-2019: từ 2019)"))
    let shipped = cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv")
    // One rulebook: no extra column; the other rows exactly as without versions.
    #expect(!run.stdout.contains("rulebook"))
    #expect(
      Array(shipped.stdout.split(separator: "\r\n").dropFirst(2))
        == Array(run.stdout.split(separator: "\r\n").dropFirst(1)))
    // --rulebook names one rulebook for every year: the 2018 record is scored by it.
    let named = cfc("batch", file, "--format", "csv", "--rulebook", "qd06-2019")
    #expect(named.code == 0)
  }

  @Test("assess chooses by the record's year and says which years are covered otherwise")
  func assess() throws {
    let folder = try temporaryFolder()
    let sample = try String(contentsOfFile: Repo.path("samples/bang-mac.json"), encoding: .utf8)
    let old = folder.appendingPathComponent("old.json").path
    // Without its "rulebook": the sample names qd06-2019, which does not score 2017.
    try Data(
      sample.replacing("\"year\": 2024", with: "\"year\": 2017")
        .replacing("\"rulebook\": \"qd06-2019\",", with: "").utf8
    )
    .write(to: URL(fileURLWithPath: old))
    let scored = cfc("assess", old, "--criteria", Self.folder, "--format", "json")
    #expect(scored.code == 0, "\(scored.stderr)")
    #expect(scored.stdout.contains(#""id": "made-up-2014""#))
    let text = cfc("assess", old, "--criteria", Self.folder)
    #expect(text.stdout.contains("Bộ tiêu chí: made-up-2014 (test.1)"))
    let refused = cfc("assess", old, "--lang", "en")
    #expect(refused.code == 65)
    #expect(
      refused.stderr
        == "Error: \(old): at year: no rulebook in use covers assessment year 2017 (years covered: qd06-2019: from 2019)\n"
    )
  }

  @Test("rulebooks whose in-force periods overlap are refused, naming both")
  func overlapping() throws {
    let folder = try temporaryFolder()
    let text = try String(contentsOfFile: Repo.path("criteria/qd06-2019.json"), encoding: .utf8)
    try Data(text.utf8).write(to: folder.appendingPathComponent("a.json"))
    try Data(
      text.replacing("\"id\": \"qd06-2019\"", with: "\"id\": \"b\"")
        .replacing(#""from": "2019-01-03""#, with: #""from": "2024-01-01""#).utf8
    ).write(to: folder.appendingPathComponent("b.json"))
    let run = cfc("batch", Repo.path("samples/communes.csv"), "--criteria", folder.path)
    #expect(run.code == 65)
    #expect(run.stderr.contains("b.json: thời gian hiệu lực (2024-01-01 – nay) trùng với"))
    #expect(run.stderr.contains("a.json (2019-01-03 – nay)"))
    #expect(run.stdout.isEmpty)
  }

  @Test("--criteria has help in batch and assess")
  func help() {
    for command in ["batch", "assess"] {
      let run = cfc(command, "--help")
      #expect(run.stdout.contains("--criteria FOLDER"))
    }
  }
}
