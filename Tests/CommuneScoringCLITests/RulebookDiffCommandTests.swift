import Foundation
import Testing

/// `cfc rulebook diff`: the changes rule by rule, and exactly the communes whose verdict flips.
@Suite("cfc rulebook diff")
struct RulebookDiffCommandTests {
  static let shipped = Repo.path("criteria/qd06-2019.json")

  /// A copy of the shipped rulebook with T2.1's "≥ 98% → 40" moved to "≥ 97% → 40".
  static func movedBand() throws -> String {
    try RulebookTestCommandTests.editedRulebook {
      RulebookTestCommandTests.setBand(
        &$0, criterion: 1, indicator: 0, band: 1, key: "atLeast", to: 97)
    }
  }

  /// Status by (code, year) of `cfc batch FILES --rulebook RULEBOOK --format csv`.
  static func statuses(_ files: [String], rulebook: String) -> [String: String] {
    let run = cfc(["batch"] + files + ["--rulebook", rulebook, "--format", "csv"])
    var result: [String: String] = [:]
    for line in run.stdout.split(separator: "\r\n").dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      result["\(cells[0]) \(cells[5])"] = String(cells[8])
    }
    return result
  }

  @Test("editing one band of a copy: the diff names exactly that band, in both languages")
  func namesTheBand() throws {
    let edited = try Self.movedBand()
    let run = cfc("rulebook", "diff", Self.shipped, edited)
    #expect(run.code == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines[1] == "Thay đổi theo từng quy định: 1")
    #expect(
      lines[2].hasSuffix(
        "› chỉ tiêu T2.1 (Tỷ lệ trẻ em được đăng ký khai sinh đúng quy định) › quy tắc (rule) › mức 2 › từ (≥) (atLeast): 98 → 97"
      ))
    let json = cfc("rulebook", "diff", "qd06-2019", edited, "--format", "json", "--lang", "en")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let changes = try #require(object["changes"] as? [[String: Any]])
    #expect(changes.count == 1)
    #expect(
      changes.first?["path"] as? String == "criteria[T2].indicators[T2.1].rule.bands[1].atLeast")
    #expect(changes.first?["from"] as? Int == 98 && changes.first?["to"] as? Int == 97)
    #expect(changes.first?["indicator"] as? String == "T2.1")
    #expect((changes.first?["place"] as? String)?.contains("band 2 › at least (atLeast)") == true)
    // The same rulebook against itself: nothing.
    #expect(cfc("rulebook", "diff", Self.shipped, "qd06-2019").stdout.contains(": 0\n"))
  }

  @Test("over the shipped batch and generated communes, exactly the communes whose verdict flips")
  func flips() throws {
    let folder = try temporaryFolder()
    let generated = folder.appendingPathComponent("generated.csv").path
    #expect(cfc("generate", "3000", "--seed", "11", "-o", generated).code == 0)
    let files = [Repo.path("samples/communes.csv"), generated]
    let edited = try Self.movedBand()
    let run = cfc(
      ["rulebook", "diff", Self.shipped, edited, "--format", "json", "--batch"] + files)
    #expect(run.code == 0, "\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let impact = try #require(object["impact"] as? [String: Any])
    let communes = try #require(impact["communes"] as? [[String: Any]])
    let listed = Set(communes.map { "\($0["code"] ?? "") \($0["year"] ?? "")" })
    // Independently: score with each rulebook and compare verdicts row by row.
    let before = Self.statuses(files, rulebook: Self.shipped)
    let after = Self.statuses(files, rulebook: edited)
    // 3,006 records; the generated 00001 repeats the shipped Phường Phúc Xá and is rejected.
    #expect(before.count == 3005 && Set(before.keys) == Set(after.keys))
    let flipped = Set(before.keys.filter { before[$0] != after[$0] })
    #expect(!flipped.isEmpty)
    #expect(listed == flipped)
    #expect(impact["compared"] as? Int == 3005 && impact["read"] as? Int == 3006)
    // Vũ Quý (96/100 births registered on time) gains recognition by T2.1 alone.
    let vuQuy = try #require(communes.first { $0["code"] as? String == "12856" })
    #expect(vuQuy["change"] as? String == "gains")
    let indicators = try #require(vuQuy["indicators"] as? [[String: Any]])
    #expect(indicators.count == 1 && indicators.first?["id"] as? String == "T2.1")
    #expect((vuQuy["from"] as? [String: Any])?["total"] as? Int == 835)
    #expect((vuQuy["to"] as? [String: Any])?["total"] as? Int == 850)
  }

  @Test("the text report says who gains or loses recognition, with totals and indicators")
  func text() throws {
    let edited = try Self.movedBand()
    let run = cfc(
      "rulebook", "diff", Self.shipped, edited, "--batch", Repo.path("samples/communes.csv"))
    #expect(run.code == 0)
    #expect(run.stdout.contains("đã đọc 6 hồ sơ; chấm được theo cả hai bộ: 6"))
    #expect(run.stdout.contains("kết luận thay đổi: 1 xã — đạt thêm 1, không còn đạt 0"))
    #expect(
      run.stdout.contains(
        "ĐẠT THÊM  12856 Xã Vũ Quý (2024) — \(Repo.path("samples/communes.csv")) dòng 7: không đạt 835/850 → đạt 850/850; T2.1 25 → 40"
      ))
  }

  @Test("misuse and bad rulebooks are errors; diff has its own help")
  func errors() throws {
    #expect(cfc("rulebook", "diff", Self.shipped).code == 64)
    #expect(cfc("rulebook", "diff", Self.shipped, "x.json", "y.csv").code == 64)
    let missing = cfc("rulebook", "diff", Self.shipped, "/nonexistent/new.json")
    #expect(missing.code == 66)
    let help = cfc("rulebook", "diff", "--help")
    #expect(help.stdout.hasPrefix("Cách dùng: cfc rulebook diff OLD NEW"))
    #expect(help.stdout.contains("--batch FILE"))
    #expect(cfc("rulebook", "diff", "--help", "--lang", "en").stdout.contains("rule by rule"))
  }
}
