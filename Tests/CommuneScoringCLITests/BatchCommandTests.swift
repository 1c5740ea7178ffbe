import CommuneScoring
import CommuneScoringCLI
import Foundation
import Testing

/// Rows of a CSV output (BOM removed), split naively: fine for outputs without quoted commas.
func csvRows(_ text: String) -> [[String]] {
  var body = text
  if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
  return body.split(separator: "\r\n").map {
    $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  }
}

@Suite("cfc batch")
struct BatchCommandTests {
  @Test("the batch as text fits 80 columns in both languages; long names end with …")
  func textFitsEighty() {
    for language in ["vi", "en"] {
      let text = cfc("batch", Repo.path("samples/communes.csv"), "--lang", language).stdout
      for line in text.split(separator: "\n") {
        #expect(line.count <= 80, "\(language): \(line.count) columns: \(line)")
      }
    }
    let vi = cfc("batch", Repo.path("samples/communes.csv")).stdout
    #expect(vi.contains("Phường thuộc quận, thị xã, thành phố của…"))
    #expect(vi.contains("1 xã (thiếu 15 điểm)"))
  }

  @Test("the sample batch gives the golden CSV, with a byte-order mark and CRLF")
  func sampleCSV() throws {
    let run = cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv")
    #expect(run.code == 0)
    #expect(
      run.stdout.hasPrefix(
        "\u{FEFF}code,name,district,province,category,year,total,threshold,status,T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,T13"
      ))
    try expectGolden(run.stdout, "communes.batch.csv")
    try expectGolden(
      cfc("batch", Repo.path("samples/communes.csv"), "--lang", "en").stdout,
      "communes.batch.en.txt")
  }

  @Test("each batch row equals the single-commune assessment of the same record")
  func batchEqualsAssess() throws {
    let rows = csvRows(cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv").stdout)
    let header = try #require(rows.first)
    for sample in Repo.samples("json") {
      let json = cfc("assess", Repo.path("samples/" + sample), "--format", "json", "--no-path")
        .stdout
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
      let own = (object["selfAssessed"] as? [String: Any]) ?? object
      let code = (object["commune"] as? [String: Any])?["code"] as? String
      let row = try #require(rows.first { $0.first == code })
      func cell(_ name: String) -> String { row[header.firstIndex(of: name) ?? 0] }
      #expect(cell("total") == String(own["total"] as? Int ?? -1), "\(sample)")
      #expect(cell("status") == own["status"] as? String, "\(sample)")
      let criteria = try #require(own["criteria"] as? [[String: Any]])
      for criterion in criteria {
        let id = try #require(criterion["id"] as? String)
        #expect(
          cell(id) == ((criterion["points"] as? Int).map(String.init) ?? ""), "\(sample) \(id)")
      }
    }
  }

  @Test("--certified-only lists exactly the recognised communes")
  func certifiedOnly() {
    let all = csvRows(cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv").stdout)
      .dropFirst()
    let certified = csvRows(
      cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv", "--certified-only").stdout
    ).dropFirst()
    #expect(certified.map { $0[0] } == all.filter { $0[8] == "recognized" }.map { $0[0] })
    #expect(certified.count == 3)
  }

  func badBatch() throws -> String {
    let text = try String(contentsOfFile: Repo.path("samples/communes.csv"), encoding: .utf8)
    var lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    lines[1] = lines[1].replacingOccurrences(of: ",118,118,", with: ",118,119,")
    lines[3] = lines[3].replacingOccurrences(of: "standard", with: "standrd")
    lines.append(lines[2])
    lines.append("1,2,3")
    let path = try temporaryFolder().appendingPathComponent("bad.csv").path
    try (lines.joined(separator: "\r\n") + "\r\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("bad rows are reported with line and reason, every other row is assessed, exit 1")
  func badRows() throws {
    let path = try badBatch()
    let run = cfc("batch", path, "--format", "csv", "--lang", "en")
    #expect(run.code == 1)
    let errors = run.stderr.split(separator: "\n").map(String.init)
    #expect(
      errors.contains(
        "Error: \(path): line 2, column 'births_registered_on_time': 'births_registered_on_time' (119) is larger than 'births' (118); a part cannot exceed its whole"
      ))
    #expect(
      errors.contains {
        $0.hasPrefix("Error: \(path): line 4, column 'category': unknown category 'standrd'")
      })
    #expect(
      errors.contains(
        "Error: \(path): line 8, column 'code': commune '06142' for 2024 already appears on line 3")
    )
    #expect(
      errors.contains("Error: \(path): line 9: the row has 3 cells, the header has 42 columns"))
    #expect(errors.last == "Tally: read 8 records: 4 assessed, 4 rejected.")
    #expect(csvRows(run.stdout).dropFirst().map { $0[0] } == ["06142", "00001", "06127", "12856"])
  }

  @Test("with -o, a batch with rejected rows still writes every good row")
  func badRowsToFile() throws {
    let path = try badBatch()
    let output = try temporaryFolder().appendingPathComponent("out.csv").path
    #expect(cfc("batch", path, "--format", "csv", "-o", output).code == 1)
    #expect(csvRows(try String(contentsOfFile: output, encoding: .utf8)).count == 5)
  }

  @Test("an unknown column stops the run before any output, with a suggestion")
  func unknownColumn() throws {
    let path = try temporaryFolder().appendingPathComponent("c.csv").path
    try "code,name,province,category,year,birth\r\n1,X,P,standard,2024,3\r\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let output = path + ".out"
    let run = cfc("batch", path, "--format", "csv", "--lang", "en", "-o", output)
    #expect(run.code == 65)
    #expect(
      run.stderr
        == "Error: \(path): line 1, column 'birth': unknown evidence field 'birth' (did you mean 'births'?)\n"
    )
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test("CSV, a JSON array and JSON Lines of the same communes give the same results")
  func inputFormats() throws {
    let folder = try temporaryFolder()
    let csv = folder.appendingPathComponent("g.csv").path
    let jsonl = folder.appendingPathComponent("g.jsonl").path
    #expect(cfc("generate", "300", "--seed", "11", "-o", csv).code == 0)
    #expect(cfc("generate", "300", "--seed", "11", "--format", "jsonl", "-o", jsonl).code == 0)
    let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
    let array = folder.appendingPathComponent("g.json").path
    try ("[\n" + lines.joined(separator: ",\n") + "\n]\n").write(
      toFile: array, atomically: true, encoding: .utf8)
    let fromCSV = cfc("batch", csv, "--format", "csv")
    #expect(fromCSV.code == 0)
    #expect(cfc("batch", jsonl, "--format", "csv").stdout == fromCSV.stdout)
    #expect(cfc("batch", array, "--format", "csv").stdout == fromCSV.stdout)
    // Records from a JSON batch carry the SHA-256 of their own text in the receipt.
    let json = cfc("batch", jsonl, "--format", "json")
    let first = try #require(
      (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
    #expect(
      (first["input"] as? [String: Any])?["sha256"] as? String
        == SHA256.hex(of: Array(lines[0].utf8)))
  }

  @Test("output keeps input order and the same bytes whatever the number of workers")
  func deterministicParallel() throws {
    let path = try temporaryFolder().appendingPathComponent("g.csv").path
    #expect(cfc("generate", "9000", "-o", path).code == 0)
    let one = cfc("batch", path, "--format", "csv", "--jobs", "1")
    let many = cfc("batch", path, "--format", "csv", "--jobs", "7")
    #expect(one.stdout == many.stdout)
    let codes = csvRows(one.stdout).dropFirst().map { $0[0] }
    #expect(codes == codes.sorted())
    #expect(codes.count == 9000)
  }

  @Test("2,000 generated communes: every batch row equals the full evaluation of its record")
  func generatedAgainstFullEvaluation() throws {
    let path = try temporaryFolder().appendingPathComponent("g.csv").path
    #expect(cfc("generate", "2000", "--seed", "3", "-o", path).code == 0)
    let rulebook = try RulebookLoader.load(
      Array(try Data(contentsOf: Repo.root.appendingPathComponent("criteria/qd06-2019.json"))))
    var tokenizer = CSVTokenizer()
    var records = tokenizer.feed(
      Array(try Data(contentsOf: URL(fileURLWithPath: path))), final: true)
    let layout = try CSVLayout(header: records.removeFirst(), rulebook: rulebook)
    let rows = csvRows(cfc("batch", path, "--format", "csv").stdout).dropFirst()
    #expect(rows.count == 2000)
    var statuses: Set<String> = []
    for (row, input) in zip(rows, records) {
      let record = try layout.decode(input).get()
      let evaluation = Evaluator.evaluate(
        record.evidence, category: record.commune.category, rulebook: rulebook)
      #expect(row[6] == String(evaluation.total))
      #expect(row[8] == evaluation.status.rawValue)
      #expect(Array(row[9..<22]) == evaluation.criteria.map { $0.points.map(String.init) ?? "" })
      statuses.insert(row[8])
    }
    #expect(statuses == ["recognized", "not_recognized", "incomplete"])
  }

  @Test("a review file shows both scores; a review line for an unknown commune is reported")
  func reviewFile() throws {
    let run = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review", Repo.path("samples/review.csv"),
      "--format", "csv")
    #expect(run.code == 0)
    let rows = csvRows(run.stdout)
    let header = try #require(rows.first)
    let quangLang = try #require(rows.first { $0[0] == "06127" })
    func cell(_ name: String) -> String { quangLang[header.firstIndex(of: name) ?? 0] }
    #expect(cell("reviewed") == "yes")
    #expect(cell("selfTotal") == "920")
    #expect(cell("total") == "870")
    let folder = try temporaryFolder()
    let review = folder.appendingPathComponent("r.csv").path
    try "code,year,field,value,reason\r\n77777,2024,births,3,x\r\n".write(
      toFile: review, atomically: true, encoding: .utf8)
    let unknown = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review", review, "--format", "csv", "--lang",
      "en")
    #expect(unknown.code == 1)
    #expect(
      unknown.stderr.contains(
        "Error: \(review): line 2, column 'code': no commune '77777' for 2024 in the batch"))
    // A correction that matched no commune is not a rejected data row: the summary says which.
    let summary = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review", review, "--lang", "en")
    #expect(summary.stdout.contains("Review corrections matching no commune: 1"))
    #expect(!summary.stdout.contains("Rows rejected for bad data"))
    try "code,year,field,value,reason\r\n06127,2024,birth,3,x\r\n".write(
      toFile: review, atomically: true, encoding: .utf8)
    let badField = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review", review, "--lang", "en")
    #expect(badField.code == 65)
    #expect(
      badField.stderr
        == "Error: \(review): line 2, column 'field': unknown evidence field 'birth' (did you mean 'births'?)\n"
    )
  }

  @Test("the text list of a reviewed batch shows the council's score and the commune's own")
  func reviewedTextList() {
    let run = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review", Repo.path("samples/review.csv"))
    #expect(run.code == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    let bangMac = lines.firstIndex { $0.hasPrefix("06124") }
    #expect(bangMac.map { lines[$0].hasSuffix("865     800  đạt *") } == true)
    #expect(
      bangMac.map { lines[$0 + 1] == "       * đã thẩm định; xã tự chấm: 895 điểm, đạt" } == true)
    #expect(lines.allSatisfy { $0.count <= 80 })
  }

  @Test("a review error quotes the council's own headings and the words typed for the figure")
  func reviewErrorsInTheCouncilsWords() throws {
    let review = try temporaryFolder().appendingPathComponent("thẩm-định.csv").path
    let label = "Số trẻ em sinh ra trong kỳ"  // the rulebook's label of 'births'
    try "Mã xã,Năm,Trường số liệu,Giá trị thẩm định,Lý do\r\n06124,2024,\(label),mười,x\r\n"
      .write(toFile: review, atomically: true, encoding: .utf8)
    let run = cfc("batch", Repo.path("samples/communes.csv"), "--review", review)
    #expect(run.code == 65)
    #expect(
      run.stderr
        == "Error: \(review): dòng 2, cột 'Giá trị thẩm định': '\(label)' phải là số nguyên, nhưng gặp 'mười'\n"
    )
    // A correction for a commune not in the batch is placed under the council's own heading too.
    try "Mã xã,Năm,Trường số liệu,Giá trị thẩm định,Lý do\r\n99999,2024,births,3,x\r\n"
      .write(toFile: review, atomically: true, encoding: .utf8)
    let unmatched = cfc("batch", Repo.path("samples/communes.csv"), "--review", review)
    #expect(unmatched.code == 1)
    #expect(
      unmatched.stderr.contains(
        "Error: \(review): dòng 2, cột 'Mã xã': không có xã '99999' năm 2024 trong danh sách"))
  }

  @Test("JSON output is an array in input order, with rejected rows in place")
  func jsonOutput() throws {
    let run = cfc("batch", try badBatch(), "--format", "json")
    #expect(run.code == 1)
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    #expect(
      array.map { $0["status"] as? String } == [
        "rejected", "incomplete", "rejected", "recognized", "recognized", "not_recognized",
        "rejected", "rejected", "tally",
      ])
    #expect(array.last?["read"] as? Int == 8)
    #expect(array.last?["assessed"] as? Int == 4)
    #expect(array.last?["rejected"] as? Int == 4)
    #expect(array[0]["line"] as? Int == 2)
    #expect(array[1]["criteria"] != nil)
  }
}

@Suite("cfc batch on a folder")
struct BatchFolderTests {
  @Test("a folder's workbooks and .txt files are read, and every file skipped is named on stderr")
  func folderReadsEverythingAndNamesSkips() throws {
    let folder = try temporaryFolder()
    let csv = folder.appendingPathComponent("a.csv").path
    #expect(cfc("generate", "3", "--seed", "5", "-o", csv).code == 0)
    try FileManager.default.copyItem(
      atPath: csv, toPath: folder.appendingPathComponent("b.txt").path)
    try FileManager.default.copyItem(
      atPath: Repo.path("Tests/Fixtures/workbooks/communes-libreoffice.xlsx"),
      toPath: folder.appendingPathComponent("c.xlsx").path)
    try "read me\n".write(
      to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
    try "x".write(
      to: folder.appendingPathComponent(".DS_Store"), atomically: true, encoding: .utf8)
    let run = cfc("batch", folder.path, "--format", "csv", "--lang", "en")
    let path = folder.path
    #expect(run.stderr.contains("Note: \(path)/README.md: skipped, not a data file ("))
    #expect(run.stderr.contains("Note: \(path)/.DS_Store: hidden or lock file, skipped"))
    #expect(run.stderr.contains("  \(path)/a.csv: read 3 records: 3 assessed, 0 rejected\n"))
    #expect(run.stderr.contains("  \(path)/b.txt: read 3 records: 0 assessed, 3 rejected\n"))
    #expect(run.stderr.contains("  \(path)/c.xlsx: read 6 records: "))
  }

  @Test("an old .xls in a folder stops the run and says how to save it, never dropped in silence")
  func oldExcelInAFolder() throws {
    let folder = try temporaryFolder()
    #expect(
      cfc("generate", "3", "--seed", "5", "-o", folder.appendingPathComponent("a.csv").path).code
        == 0)
    // An OLE2 compound file, as Excel 97-2003 and LibreOffice write .xls.
    let ole2: [UInt8] =
      [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
    try Data(ole2).write(to: folder.appendingPathComponent("xa-cu.xls"))
    let output = try temporaryFolder().appendingPathComponent("out.csv").path
    let run = cfc("batch", folder.path, "--format", "csv", "-o", output)
    #expect(run.code == 65)
    #expect(run.stderr.contains("\(folder.path)/xa-cu.xls: đây là tệp Excel cũ (.xls)"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }
}
