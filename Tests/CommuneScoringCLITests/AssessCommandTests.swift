import CommuneScoringCLI
import Foundation
import Testing

@Suite("cfc assess, in-process")
struct AssessCommandTests {
  @Test("every sample's JSON and text match their golden files", arguments: Repo.samples("json"))
  func goldens(_ sample: String) throws {
    let json = cfc("assess", Repo.path("samples/" + sample), "--format", "json")
    #expect(json.code == 0)
    #expect(json.stderr == "")
    try expectGolden(
      json.stdout, sample.replacingOccurrences(of: ".json", with: ".assessment.json"))
    let text = cfc("assess", Repo.path("samples/" + sample))
    #expect(text.code == 0)
    try expectGolden(text.stdout, sample.replacingOccurrences(of: ".json", with: ".vi.txt"))
  }

  @Test("the JSON carries the contract's keys and the spec's verdict for Bằng Mạc")
  func contractKeys() throws {
    let run = cfc("assess", Repo.path("samples/bang-mac.json"), "--format", "json")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    for key in [
      "commune", "year", "rulebook", "total", "maxTotal", "threshold", "status", "reasons",
      "criteria",
    ] {
      #expect(object[key] != nil, "missing key \(key)")
    }
    #expect(object["status"] as? String == "recognized")
    #expect(object["threshold"] as? Int == 800)
    let criteria = try #require(object["criteria"] as? [[String: Any]])
    #expect(criteria.map { $0["id"] as? String } == (1...13).map { "T\($0)" })
    let first = try #require((criteria[0]["indicators"] as? [[String: Any]])?.first)
    for key in ["id", "points", "maxPoints", "status", "provenance", "explanation"] {
      #expect(first[key] != nil, "indicator is missing \(key)")
    }
    let rulebook = try #require(object["rulebook"] as? [String: Any])
    #expect(rulebook["id"] as? String == "qd06-2019")
    #expect((rulebook["sha256"] as? String)?.count == 64)
  }

  @Test("the same input gives the same bytes")
  func deterministic() {
    let path = Repo.path("samples/quang-lang-reviewed.json")
    #expect(
      cfc("assess", path, "--format", "json").stdout
        == cfc("assess", path, "--format", "json").stdout)
  }

  @Test("a child's death makes the path not achievable, with the reason")
  func pathReason() throws {
    let run = cfc(
      "assess", Repo.path("samples/hai-thinh-drowning.json"), "--format", "json", "--lang", "en")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let path = try #require(object["pathToRecognition"] as? [String: Any])
    #expect(path["achievable"] as? Bool == false)
    #expect((path["steps"] as? [Any])?.isEmpty == true)
    #expect((path["reason"] as? String)?.contains("cannot be undone within the period") == true)
  }

  @Test("English labels with --lang en")
  func english() {
    let run = cfc("assess", Repo.path("samples/hai-thinh-drowning.json"), "--lang", "en")
    // Sentences wrap at 80 columns: read them with the line breaks taken out.
    let text = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("VERDICT: NOT RECOGNISED"))
    #expect(text.contains("Criterion T5 (Accidents and injuries) scored 0 because"))
    #expect(text.contains("cannot be undone within the period"))
  }

  @Test(
    "the text report fits 80 columns and never parts a number from its unit",
    arguments: Repo.samples("json"))
  func fitsEighty(_ sample: String) {
    for language in ["vi", "en"] {
      let run = cfc("assess", Repo.path("samples/" + sample), "--lang", language)
      #expect(run.code == 0 || run.code == 1)
      for line in run.stdout.split(separator: "\n") {
        #expect(line.count <= 80, "\(sample) \(language): \(line.count) columns: \(line)")
        let first = line.split(separator: " ").first.map(String.init) ?? ""
        #expect(
          !["điểm", "điểm.", "points", "points."].contains(first),
          "\(sample) \(language): a number parted from its unit: \(line)")
      }
    }
  }

  @Test("a reviewed record shows both scores and each adjustment's effect")
  func review() throws {
    let run = cfc("assess", Repo.path("samples/quang-lang-reviewed.json"), "--format", "json")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let own = try #require(object["selfAssessed"] as? [String: Any])
    #expect(own["total"] as? Int == 920)
    #expect(object["total"] as? Int == 870)
    let adjustments = try #require(object["adjustments"] as? [[String: Any]])
    #expect(
      adjustments.map { $0["field"] as? String } == [
        "births_registered_on_time", "children_club_active",
      ])
    #expect(adjustments.map { $0["from"] as? Int } == [96, 1])
    #expect(adjustments.map { $0["to"] as? Int } == [94, 0])
    #expect(adjustments.map { $0["pointsEffect"] as? Int } == [-25, -25])
  }
}

@Suite("Bad input and misuse: a clear error, the right exit code, nothing written")
struct CLIErrorTests {
  func write(_ text: String, to folder: URL, _ name: String = "record.json") throws -> String {
    let path = folder.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("invalid data exits 65 naming the file, the place and the field, in Vietnamese by default")
  func invalidData() throws {
    let folder = try temporaryFolder()
    var text = try String(contentsOfFile: Repo.path("samples/bang-mac.json"), encoding: .utf8)
    text = text.replacingOccurrences(
      of: "\"births_registered_on_time\": 118", with: "\"births_registered_on_time\": 119")
    let path = try write(text, to: folder)
    let run = cfc("assess", path)
    #expect(run.code == 65)
    #expect(run.stdout == "")
    #expect(
      run.stderr
        == "Error: \(path): tại evidence.births_registered_on_time: 'births_registered_on_time' (119) lớn hơn 'births' (118); phần không thể lớn hơn tổng\n"
    )
    let english = cfc("assess", path, "--lang", "en")
    #expect(
      english.stderr.contains("'births_registered_on_time' (119) is larger than 'births' (118)"))
  }

  @Test("an unknown field suggests the declared one; an unknown category lists the valid ones")
  func unknownNames() throws {
    let folder = try temporaryFolder()
    var text = try String(contentsOfFile: Repo.path("samples/bang-mac.json"), encoding: .utf8)
    text = text.replacingOccurrences(of: "\"births\":", with: "\"birth\":")
    let run = cfc("assess", try write(text, to: folder), "--lang", "en")
    #expect(run.code == 65)
    #expect(
      run.stderr.contains(
        "at evidence.birth: unknown evidence field 'birth' (did you mean 'births'?)"))
    text = text.replacingOccurrences(of: "mountain_island_disadvantaged", with: "mountain")
    let category = cfc("assess", try write(text, to: folder), "--lang", "en")
    #expect(
      category.stderr.contains(
        "unknown category 'mountain'; valid categories: urban_ward, mountain_island_disadvantaged, standard"
      ))
  }

  @Test("malformed JSON exits 65 with line and column")
  func malformed() throws {
    let path = try write("{\n  \"commune\": {,\n}", to: try temporaryFolder())
    let run = cfc("assess", path, "--lang", "en")
    #expect(run.code == 65)
    #expect(
      run.stderr == "Error: \(path): invalid JSON at line 2, column 15: expected a quoted key\n")
    // In Vietnamese, the whole message is Vietnamese, what it quotes kept as written.
    let vi = cfc("assess", path)
    #expect(
      vi.stderr
        == "Error: \(path): JSON không hợp lệ ở dòng 2, cột 15: cần một khóa trong ngoặc kép\n")
    let literal = try write("{\"a\": tru}", to: try temporaryFolder())
    #expect(
      cfc("assess", literal).stderr
        == "Error: \(literal): JSON không hợp lệ ở dòng 1, cột 7: giá trị không hợp lệ, cần 'true'\n"
    )
  }

  @Test("a missing file exits 66; misuse exits 64 with a usage line, in Vietnamese by default")
  func unreadableAndMisuse() {
    let missing = cfc("assess", "/nonexistent/x.json")
    #expect(missing.code == 66)
    #expect(missing.stderr == "Error: /nonexistent/x.json: không có tệp này\n")
    #expect(
      cfc("assess", "/nonexistent/x.json", "--lang", "en").stderr
        == "Error: /nonexistent/x.json: no such file\n")
    let noFile = cfc("assess")
    #expect(noFile.code == 64)
    #expect(noFile.stderr.contains("Usage: cfc assess FILE"))
    let option = cfc("assess", "x.json", "--fromat", "json")
    #expect(option.code == 64)
    #expect(
      option.stderr.contains("tùy chọn không hợp lệ '--fromat' (có phải ý bạn là '--format'?)"))
    #expect(
      cfc("assess", "x.json", "--fromat", "json", "--lang", "en").stderr.contains(
        "unknown option '--fromat' (did you mean '--format'?)"))
    let value = cfc("assess", "x.json", "--format", "xml")
    #expect(value.code == 64)
    #expect(cfc("asess").stderr.contains("lệnh không hợp lệ 'asess' (có phải ý bạn là 'assess'?)"))
    #expect(
      cfc("asess", "--lang", "en").stderr.contains(
        "unknown command 'asess' (did you mean 'assess'?)"))
    #expect(cfc().code == 64)
  }

  @Test("-o writes the file atomically, and a failed run leaves no file behind")
  func atomicOutput() throws {
    let folder = try temporaryFolder()
    let output = folder.appendingPathComponent("out.json").path
    let good = cfc("assess", Repo.path("samples/bang-mac.json"), "--format", "json", "-o", output)
    #expect(good.code == 0)
    #expect(good.stdout == "")
    let written = try String(contentsOfFile: output, encoding: .utf8)
    #expect(written == cfc("assess", Repo.path("samples/bang-mac.json"), "--format", "json").stdout)

    let bad = try write("{}", to: folder, "bad.json")
    let failed = folder.appendingPathComponent("failed.json").path
    #expect(cfc("assess", bad, "-o", failed).code == 65)
    #expect(!FileManager.default.fileExists(atPath: failed))
    // An existing output survives a failed run untouched.
    #expect(cfc("assess", bad, "-o", output).code == 65)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == written)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".tmp")
    }
    #expect(leftovers.isEmpty)
  }

  @Test("a broken --rulebook is refused with its path; an edited one changes the score")
  func rulebookOption() throws {
    let folder = try temporaryFolder()
    var text = try String(contentsOfFile: Repo.path("criteria/qd06-2019.json"), encoding: .utf8)
    text = text.replacingOccurrences(of: "\"threshold\": 800", with: "\"threshold\": 1200")
    let broken = try write(text, to: folder, "rulebook.json")
    let run = cfc("assess", Repo.path("samples/bang-mac.json"), "--rulebook", broken)
    #expect(run.code == 65)
    #expect(
      run.stderr
        == "Error: \(broken): tại categories[1].threshold: ngưỡng 1200 phải từ 1 đến tổng điểm tối đa maxTotal (1000)\n"
    )
    let english = cfc(
      "assess", Repo.path("samples/bang-mac.json"), "--rulebook", broken, "--lang", "en")
    #expect(
      english.stderr
        == "Error: \(broken): at categories[1].threshold: threshold 1200 must be between 1 and maxTotal (1000)\n"
    )
    text = text.replacingOccurrences(of: "\"threshold\": 1200", with: "\"threshold\": 990")
    let stricter = try write(text, to: folder, "stricter.json")
    #expect(cfc("rulebook", "validate", stricter).code == 0)
    let json = cfc(
      "assess", Repo.path("samples/bang-mac.json"), "--rulebook", stricter, "--format", "json")
    #expect(json.stdout.contains("\"threshold\": 990"))
    #expect(json.stdout.contains("\"status\": \"not_recognized\""))
  }
}

@Suite("Help, template and rulebook commands")
struct OtherCommandTests {
  @Test(
    "every command has --help with an example",
    arguments: [
      "assess", "template", "rulebook", "batch", "generate", "benchmark", "compare", "verify",
    ])
  func help(_ command: String) {
    let run = cfc(command, "--help")
    #expect(run.code == 0)
    #expect(run.stdout.contains("Cách dùng: cfc \(command)"))
    #expect(run.stdout.contains("Ví dụ:"))
    #expect(cfc(command, "--help", "--lang", "en").stdout.contains("Usage: cfc \(command)"))
  }

  @Test("cfc --help lists every command")
  func mainHelp() {
    let run = cfc("--help")
    #expect(run.code == 0)
    for command in [
      "assess", "batch", "template", "rulebook", "generate", "benchmark", "compare", "verify",
    ] {
      #expect(run.stdout.contains("  \(command) "), "help does not list \(command)")
    }
  }

  @Test("the JSON template lists every field as missing and is refused until filled")
  func template() throws {
    let run = cfc("template")
    #expect(run.code == 0)
    #expect(run.stdout.contains("\"births\": null"))
    let folder = try temporaryFolder()
    let path = folder.appendingPathComponent("t.json").path
    try run.stdout.write(toFile: path, atomically: true, encoding: .utf8)
    let assess = cfc("assess", path, "--lang", "en")
    #expect(assess.code == 65)
    #expect(assess.stderr.contains("required field 'code' is empty"))
    let csv = cfc("template", "--format", "csv")
    #expect(
      csv.stdout.hasPrefix(
        "\u{FEFF}code,name,district,province,category,year,child_protection_officer_assigned,"))
  }

  @Test(
    "rulebook show marks reconstructed rules with their source and why the wording is not quoted; validate accepts the shipped file"
  )
  func rulebook() {
    let show = cfc("rulebook", "show", "--lang", "en")
    #expect(show.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    // Read across the 80-column wrapping.
    let text = show.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("T1.1 [reconstructed]"))
    #expect(text.contains("source: Quyết định số 06/QĐ-TTg ngày 03/01/2019"))
    #expect(text.contains("Not quoted: the project's specification does not hold"))
    #expect(text.contains("T1.4 [reconstructed]"))
    #expect(text.contains("= 100% → 50; ≥ 98% → 40; ≥ 95% → 25; otherwise → 0; none → 50"))
    let validate = cfc("rulebook", "validate", Repo.path("criteria/qd06-2019.json"), "--lang", "en")
    #expect(validate.code == 0)
    #expect(validate.stdout.contains("13 criteria, 23 indicators, 1000 points, 36 evidence fields"))
  }
}
