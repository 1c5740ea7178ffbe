import Foundation
import Testing

@Suite("cfc compare")
struct CompareCommandTests {
  @Test("two rounds: every change of verdict with its cause, and communes in one round only")
  func rounds() throws {
    let run = cfc(
      "compare", Repo.path("samples/communes-2022.csv"), Repo.path("samples/communes.csv"),
      "--lang", "en")
    #expect(run.code == 0)
    let lines = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    // Long lines wrap under their own text: read the words, not the line breaks.
    let words = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      words.contains(
        "GAINED RECOGNITION: T3 no longer 0 (0 → 100); total 795 → 895, reaches the threshold of 800"
      ))
    #expect(
      words.contains(
        "LOST RECOGNITION: T5 now 0 (50 → 0); total 870 → 820, below the threshold of 850"))
    for language in ["vi", "en"] {
      let text = cfc(
        "compare", Repo.path("samples/communes-2022.csv"), Repo.path("samples/communes.csv"),
        "--lang", language
      ).stdout
      let wide = text.split(separator: "\n").filter { $0.count > 80 }
      #expect(wide.isEmpty, "lines over 80 columns in \(language): \(wide)")
    }
    #expect(lines.contains("06130 Xã Vân Thủy"))
    #expect(lines.contains("00001 Phường Phúc Xá"))
    #expect(lines.last == "Gained recognition: 1; lost recognition: 1.")
    try expectGolden(run.stdout, "compare.en.txt")
  }

  @Test("JSON gives each commune's change per criterion")
  func json() throws {
    let run = cfc(
      "compare", Repo.path("samples/communes-2022.csv"), Repo.path("samples/communes.csv"),
      "--format", "json")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let communes = try #require(object["communes"] as? [[String: Any]])
    let vuQuy = try #require(communes.first { $0["code"] as? String == "12856" })
    #expect(vuQuy["totalChange"] as? Int == 25)
    #expect((vuQuy["criteriaChange"] as? [String: Int])?["T2"] == 25)
    #expect(vuQuy["verdictChange"] is NSNull)
    let haiThinh = try #require(communes.first { $0["code"] as? String == "14209" })
    #expect(haiThinh["verdictChange"] as? String == "lost")
  }

  @Test("two single records of one commune can be compared")
  func singleRecords() throws {
    let folder = try temporaryFolder()
    var text = try String(
      contentsOfFile: Repo.path("samples/hai-thinh-drowning.json"), encoding: .utf8)
    text = text.replacingOccurrences(
      of: "\"children_injury_deaths\": 1", with: "\"children_injury_deaths\": 0"
    )
    .replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2022")
    let old = folder.appendingPathComponent("old.json").path
    try text.write(toFile: old, atomically: true, encoding: .utf8)
    let run = cfc("compare", old, Repo.path("samples/hai-thinh-drowning.json"), "--lang", "en")
    #expect(run.code == 0)
    #expect(run.stdout.contains("LOST RECOGNITION: T5 now 0"))
  }
}

@Suite("cfc verify")
struct VerifyCommandTests {
  func assessment() throws -> String {
    let path = try temporaryFolder().appendingPathComponent("a.json").path
    #expect(
      cfc("assess", Repo.path("samples/quang-lang-reviewed.json"), "--format", "json", "-o", path)
        .code == 0)
    return path
  }

  @Test("an untouched assessment is confirmed")
  func untouched() throws {
    let run = cfc(
      "verify", try assessment(), Repo.path("samples/quang-lang-reviewed.json"), "--lang", "en")
    #expect(run.code == 0)
    #expect(run.stdout.hasPrefix("Verified: "))
  }

  @Test("an edited total is flagged with both values")
  func editedTotal() throws {
    let path = try assessment()
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try text.replacingOccurrences(of: "\"total\": 870", with: "\"total\": 910").write(
      toFile: path, atomically: true, encoding: .utf8)
    let run = cfc("verify", path, Repo.path("samples/quang-lang-reviewed.json"), "--lang", "en")
    #expect(run.code == 1)
    #expect(run.stdout.contains("- at total: the assessment says 910, re-running gives 870"))
  }

  @Test("edited evidence is flagged by its hash and by what it changes")
  func editedInput() throws {
    let folder = try temporaryFolder()
    let evidence = folder.appendingPathComponent("e.json").path
    let text = try String(
      contentsOfFile: Repo.path("samples/quang-lang-reviewed.json"), encoding: .utf8)
    try text.replacingOccurrences(
      of: "\"children_drug_addicted\": 0", with: "\"children_drug_addicted\": 1"
    )
    .write(toFile: evidence, atomically: true, encoding: .utf8)
    let run = cfc("verify", try assessment(), evidence, "--lang", "en")
    #expect(run.code == 1)
    #expect(run.stdout.contains("the evidence file is not the one assessed"))
    #expect(
      run.stdout.contains("- at criteria[3].points: the assessment says 40, re-running gives 15"))
  }

  @Test("a file that is not an assessment is refused with exit 65")
  func notAnAssessment() {
    let run = cfc(
      "verify", Repo.path("samples/bang-mac.json"), Repo.path("samples/bang-mac.json"), "--lang",
      "en")
    #expect(run.code == 65)
    #expect(run.stderr.contains("not an assessment from `cfc assess --format json`"))
  }
}
