import Foundation
import Testing

/// `cfc batch --format jsonl` against `--format json`: the same values under the same keys.
@Suite("JSON Lines output")
struct JSONLinesOutputTests {
  /// Every line of `text` parsed as one JSON object.
  func objects(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
      try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        "not a JSON object: \(line.prefix(80))")
    }
  }

  /// Records why `compact` is not a part of `full` (every key of `compact` in `full` with an
  /// equal value; arrays element by element).
  func expectContained(_ compact: Any, in full: Any, at path: String) {
    switch (compact, full) {
    case (let compact as [String: Any], let full as [String: Any]):
      for (key, value) in compact {
        guard let other = full[key] else {
          Issue.record("\(path).\(key) is not in --format json")
          continue
        }
        expectContained(value, in: other, at: path + "." + key)
      }
    case (let compact as [Any], let full as [Any]):
      guard compact.count == full.count else {
        Issue.record("\(path): \(compact.count) elements, --format json has \(full.count)")
        return
      }
      for (index, (a, b)) in zip(compact, full).enumerated() {
        expectContained(a, in: b, at: "\(path)[\(index)]")
      }
    case (let compact as NSObject, let full as NSObject):
      if compact != full { Issue.record("\(path): \(compact) in jsonl, \(full) in json") }
    default:
      Issue.record("\(path): \(compact) and \(full) differ in kind")
    }
  }

  /// Runs both formats on `arguments` and checks that jsonl's lines agree with json's elements.
  func expectAgreement(_ arguments: [String], assessed: Int? = nil) throws {
    let full = cfc(["batch"] + arguments + ["--format", "json"])
    let lines = cfc(["batch"] + arguments + ["--format", "jsonl"])
    #expect(lines.code == full.code)
    #expect(lines.stderr == full.stderr)
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [[String: Any]])
    let compact = try objects(lines.stdout)
    #expect(compact.count == array.count)
    for (index, (line, element)) in zip(compact, array).enumerated() {
      expectContained(line, in: element, at: "line \(index + 1)")
      if element["criteria"] != nil {
        // The contract's keys are all there, and nothing else from the full form.
        var keys: Set<String> = [
          "commune", "year", "rulebook", "total", "maxTotal", "threshold", "status", "reasons",
          "criteria",
        ]
        if element["status"] as? String == "incomplete" {
          keys.formUnion(["bestTotal", "worstTotal", "verdictDecided", "decidedVerdict"])
        }
        if element["selfAssessed"] != nil { keys.formUnion(["selfAssessed", "adjustments"]) }
        #expect(Set(line.keys) == keys, "line \(index + 1)")
        #expect(line["pathToRecognition"] == nil)
      }
    }
    if let assessed {
      #expect(compact.last?["status"] as? String == "tally")
      #expect(compact.last?["assessed"] as? Int == assessed)
    }
  }

  @Test("jsonl agrees with json on the samples, in both languages, with a review")
  func samples() throws {
    try expectAgreement([Repo.path("samples/communes.csv")], assessed: 6)
    try expectAgreement([Repo.path("samples/communes.csv"), "--lang", "en"], assessed: 6)
    try expectAgreement(
      [Repo.path("samples/communes.csv"), "--review", Repo.path("samples/review.csv")])
    try expectAgreement([Repo.path("samples/communes-2022.csv"), "--lang", "en"])
    let singles = Repo.samples("json").map { Repo.path("samples/" + $0) }
    try expectAgreement(singles, assessed: singles.count)
  }

  @Test("jsonl agrees with json on generated communes, missing figures and bad rows included")
  func generated() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent("g.csv").path
    #expect(cfc("generate", "1500", "--seed", "23", "-o", csv).code == 0)
    // Blank some figures (incomplete communes) and break a few rows (rejections in place).
    var rows = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\r\n")
    for index in stride(from: 3, to: rows.count - 1, by: 7) {
      var cells = rows[index].components(separatedBy: ",")
      cells[6 + index % 30] = ""
      rows[index] = cells.joined(separator: ",")
    }
    rows[10] = "1,2,3"
    rows[20] = rows[19]
    try Data(rows.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: csv))
    try expectAgreement([csv], assessed: 1498)
    try expectAgreement([csv, "--lang", "en"], assessed: 1498)
    let run = cfc("batch", csv, "--format", "jsonl")
    let statuses = try objects(run.stdout).map { $0["status"] as? String ?? "" }
    #expect(statuses.contains("incomplete"))
    #expect(statuses.filter { $0 == "rejected" }.count == 2)
  }

  @Test("JSON Lines in: json still shows each record's receipt, and every format reads the same")
  func receipts() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let jsonl = folder.appendingPathComponent("g.jsonl").path
    let csv = folder.appendingPathComponent("g.csv").path
    #expect(cfc("generate", "200", "--seed", "4", "--format", "jsonl", "-o", jsonl).code == 0)
    #expect(cfc("generate", "200", "--seed", "4", "-o", csv).code == 0)
    let full = cfc("batch", jsonl, "--format", "json")
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [[String: Any]])
    let receipts = array.dropLast().compactMap {
      ($0["input"] as? [String: Any])?["sha256"] as? String
    }
    #expect(receipts.count == 200)
    #expect(receipts.allSatisfy { $0.count == 64 })
    #expect(Set(receipts).count == 200)
    // Without receipts (every other format), the same records and results (the tally's last
    // line names the file, so it is left out).
    for format in ["csv", "jsonl", "text"] {
      let fromLines = cfc("batch", jsonl, "--format", format).stdout
      let fromCSV = cfc("batch", csv, "--format", format).stdout
      #expect(!fromLines.isEmpty)
      #expect(
        fromLines.split(separator: "\n").dropLast() == fromCSV.split(separator: "\n").dropLast(),
        "\(format)")
    }
  }

  @Test("jsonl mixes rulebooks with different criteria, each line explained by its own")
  func rulebooksByYear() throws {
    let file = try RulebookByYearTests.batch(years: [2017, 2024, 2018, 2018, 2019, 2024])
    try expectAgreement([file, "--criteria", RulebookByYearTests.folder], assessed: 6)
    let run = cfc("batch", file, "--criteria", RulebookByYearTests.folder, "--format", "jsonl")
    let ids = try objects(run.stdout).compactMap {
      ($0["rulebook"] as? [String: Any])?["id"] as? String
    }
    #expect(
      ids == [
        "made-up-2014", "qd06-2019", "made-up-2014", "made-up-2014", "qd06-2019", "qd06-2019",
      ])
  }

  @Test("jsonl is the same bytes with one worker or two, and one line per commune")
  func workers() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent("g.csv").path
    #expect(cfc("generate", "3000", "--seed", "5", "-o", csv).code == 0)
    let one = cfc("batch", csv, "--format", "jsonl", "--jobs", "1")
    let two = cfc("batch", csv, "--format", "jsonl", "--jobs", "2")
    #expect(one.code == 0)
    #expect(one.stdout == two.stdout)
    #expect(one.stdout.split(separator: "\n").count == 3001)
    #expect(!one.stdout.contains("pathToRecognition"))
  }

  @Test("jsonl lists only recognised communes with --certified-only")
  func certifiedOnly() throws {
    let run = cfc(
      "batch", Repo.path("samples/communes.csv"), "--format", "jsonl", "--certified-only")
    let lines = try objects(run.stdout)
    #expect(lines.dropLast().allSatisfy { $0["status"] as? String == "recognized" })
    #expect(lines.count == 3 + 1)
    #expect(lines.last?["status"] as? String == "tally")
  }
}
