import CommuneScoringCLI
import Foundation
import Testing

@Suite("The path to recognition, applied to the record as written")
struct PathJSONTests {
  @Test(
    "for random not-recognised communes, copying every step's `to` into the JSON record gives recognized"
  )
  func applyingStepsToTheRecordAsWritten() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let generated = cfc("generate", "300", "--format", "jsonl", "--seed", "11")
    #expect(generated.code == 0)
    var applied = 0
    var flagSteps = 0
    for (index, line) in generated.stdout.split(separator: "\n").enumerated() {
      let recordFile = folder.appendingPathComponent("r\(index).json")
      try Data(line.utf8).write(to: recordFile)
      let run = cfc("assess", recordFile.path, "--format", "json")
      let output = try #require(
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
      guard output["status"] as? String == "not_recognized",
        let path = output["pathToRecognition"] as? [String: Any],
        path["achievable"] as? Bool == true,
        let steps = path["steps"] as? [[String: Any]], !steps.isEmpty
      else { continue }
      if run.stdout.contains(#""to": true"#) { flagSteps += 1 }
      #expect(!run.stdout.contains(#""to": 1,"#), "commune \(index): a flag written as a number")
      var record = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      var evidence = try #require(record["evidence"] as? [String: Any])
      for step in steps {
        let field = try #require(step["field"] as? String)
        let to = try #require(step["to"])
        evidence[field] = to
      }
      record["evidence"] = evidence
      try JSONSerialization.data(withJSONObject: record).write(to: recordFile)
      let after = cfc("assess", recordFile.path, "--format", "json")
      #expect(after.code == 0, "commune \(index): \(after.stderr)")
      let result = try #require(
        try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
      #expect(result["status"] as? String == "recognized", "commune \(index) after its path")
      applied += 1
    }
    #expect(applied >= 20)
    #expect(flagSteps >= 1, "no path set a flag, so booleans were not exercised")
  }

  @Test("a council adjustment of a flag shows `from` and `to` as JSON booleans")
  func adjustmentFlagsAreBooleans() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var record = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: Repo.path("samples/bang-mac.json"))))
        as? [String: Any])
    record["review"] = [
      "council": "Hội đồng",
      "adjustments": [
        ["field": "children_club_active", "value": false, "reason": "không có biên bản"]
      ],
    ]
    let file = folder.appendingPathComponent("r.json")
    try JSONSerialization.data(withJSONObject: record).write(to: file)
    let run = cfc("assess", file.path, "--format", "json")
    #expect(run.code == 0, "\(run.stderr)")
    #expect(run.stdout.contains(#""from": true"#))
    #expect(run.stdout.contains(#""to": false"#))
  }
}
