import Foundation
import Testing

/// `cfc rulebook test`: the shipped rule tests pass, and they catch a moved band.
@Suite("cfc rulebook test")
struct RulebookTestCommandTests {
  static let tests = Repo.path("criteria/qd06-2019.tests.json")

  /// The shipped rulebook with one edit applied to its JSON, written to a temporary folder.
  static func editedRulebook(_ edit: (inout [String: Any]) -> Void) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: Repo.path("criteria/qd06-2019.json")))
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    edit(&object)
    let path = try temporaryFolder().appendingPathComponent("edited.json")
    try JSONSerialization.data(withJSONObject: object).write(to: path)
    return path.path
  }

  /// Sets `key` of band `band` of indicator `indicator` of criterion `criterion`.
  static func setBand(
    _ object: inout [String: Any], criterion: Int, indicator: Int, band: Int, key: String,
    to value: Any
  ) {
    guard var criteria = object["criteria"] as? [[String: Any]],
      var indicators = criteria[criterion]["indicators"] as? [[String: Any]],
      var rule = indicators[indicator]["rule"] as? [String: Any],
      var bands = rule["bands"] as? [[String: Any]]
    else { return }
    bands[band][key] = value
    rule["bands"] = bands
    indicators[indicator]["rule"] = rule
    criteria[criterion]["indicators"] = indicators
    object["criteria"] = criteria
  }

  @Test("the shipped tests of qd06-2019 pass against the shipped rulebook")
  func shippedPass() {
    let run = cfc("rulebook", "test", Self.tests)
    #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("0 sai"))
    #expect(!run.stdout.contains("SAI "))
    // The file beside the tests is the one tested, and the output says so.
    #expect(run.stdout.contains("Bộ tiêu chí đã thử: " + Repo.path("criteria/qd06-2019.json")))
  }

  @Test("the shipped tests cover every band limit, both gates and every category's threshold")
  func coverage() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.tests))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cases = try #require(object["cases"] as? [[String: Any]])
    let names = cases.compactMap { $0["name"] as? String }
    // Both sides of the limits the README quotes, and of a per-100,000 limit.
    for name in ["49/50 (đúng 98%)", "4899/5000", "1/3334", "1/3333", "1/1000", "1/999"] {
      #expect(names.contains { $0.contains(name) }, "no case for \(name)")
    }
    for threshold in [900, 850, 800] {
      #expect(names.contains { $0.contains("tổng đúng \(threshold) → đạt") })
      #expect(names.contains { $0.contains("tổng \(threshold - 5) ") })
    }
    #expect(names.filter { $0.contains("điều kiện loại") }.count >= 4)
    // Every indicator of the rulebook is expected somewhere.
    let expected = Set(
      cases.flatMap {
        (($0["expect"] as? [String: Any])?["indicators"] as? [String: Any])?.keys ?? [:].keys
      })
    let rulebook = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: Repo.path("criteria/qd06-2019.json"))))
    let ids = ((rulebook as? [String: Any])?["criteria"] as? [[String: Any]] ?? []).flatMap {
      ($0["indicators"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
    #expect(Set(ids) == expected)
  }

  @Test("moving one band limit of a copy of the rulebook makes exactly its boundary case fail")
  func mutatedBandFails() throws {
    // T2.1's "≥ 98% → 40" becomes "≥ 97% → 40": 4899/5000 now gets 40 instead of 25.
    let edited = try Self.editedRulebook {
      Self.setBand(&$0, criterion: 1, indicator: 0, band: 1, key: "atLeast", to: 97)
    }
    let run = cfc("rulebook", "test", Self.tests, "--rulebook", edited)
    #expect(run.code == 1)
    let failures = run.stdout.split(separator: "\n").filter { $0.hasPrefix("SAI ") }
    #expect(failures.count == 1)
    #expect(failures.first?.contains("T2.1: 4899/5000") == true)
    #expect(run.stdout.contains("chỉ tiêu T2.1: cần 25 điểm, được 40 điểm"))
    // The engine's explanation, with the band that decided.
    #expect(run.stdout.contains("đạt mức ≥ 97% → 40 điểm"))
    #expect(run.stdout.contains("111 đúng, 1 sai"))
  }

  @Test("changing a band's points fails the cases on both of its sides, in English with --lang en")
  func mutatedPointsFail() throws {
    // T3.1's "≤ 30 per 100,000 → 50" becomes 40 points.
    let edited = try Self.editedRulebook {
      Self.setBand(&$0, criterion: 2, indicator: 0, band: 1, key: "points", to: 40)
    }
    let run = cfc("rulebook", "test", Self.tests, "--rulebook", edited, "--lang", "en")
    #expect(run.code == 1)
    #expect(run.stdout.contains("FAIL "))
    #expect(run.stdout.contains("indicator T3.1: expected 50 points, got 40 points"))
    #expect(run.stdout.contains("T3.1: 1/3334"))
    #expect(!run.stdout.contains("T3.1: 1/3333"))
  }

  @Test("a malformed test file is an error naming the file and the JSON path")
  func malformed() throws {
    let folder = try temporaryFolder()
    let text = try String(contentsOfFile: Self.tests, encoding: .utf8)
    let cases: [(String, String, String)] = [
      ("\"T2.1\": 40", "\"T2.9\": 40", "expect.indicators: khóa không hợp lệ 'T2.9'"),
      ("\"expect\"", "\"expct\"", "khóa không hợp lệ 'expct' (có phải ý bạn là 'expect'?)"),
      (
        "\"status\": \"recognized\"", "\"status\": \"ok\"",
        "expect.status: 'status': 'ok' không phải 'recognized', 'not_recognized' hoặc 'incomplete'"
      ),
    ]
    for (from, to, message) in cases {
      let path = folder.appendingPathComponent("t.tests.json").path
      try Data(text.replacing(from, with: to).utf8).write(to: URL(fileURLWithPath: path))
      let run = cfc("rulebook", "test", path, "--rulebook", Repo.path("criteria/qd06-2019.json"))
      #expect(run.code == 65)
      #expect(run.stderr.hasPrefix("Error: \(path): tại cases["), "\(run.stderr)")
      #expect(run.stderr.contains(message), "\(run.stderr)")
    }
  }

  @Test("a test file for another rulebook, without --rulebook, is refused with both ids")
  func otherRulebook() throws {
    let path = try temporaryFolder().appendingPathComponent("x.tests.json").path
    try Data(#"{"rulebook": "qd99", "cases": []}"#.utf8).write(to: URL(fileURLWithPath: path))
    let run = cfc("rulebook", "test", path)
    #expect(run.code == 64)
    #expect(run.stderr.contains("'qd99'") && run.stderr.contains("'qd06-2019'"))
  }

  @Test("rulebook test has its own help, with an example")
  func help() {
    let run = cfc("rulebook", "test", "--help")
    #expect(run.code == 0)
    #expect(run.stdout.hasPrefix("Cách dùng: cfc rulebook test FILE"))
    #expect(run.stdout.contains("cfc rulebook test criteria/qd06-2019.tests.json"))
    #expect(
      cfc("rulebook", "test", "--help", "--lang", "en").stdout.contains("Runs the test cases"))
  }
}
