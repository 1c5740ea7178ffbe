import Foundation
import Testing

/// Files made the way offices make them (Tests/Fixtures/office, see its README): each is scored
/// exactly like the clean UTF-8 sample, or refused with a located message.
@Suite("Files from spreadsheet programs")
struct OfficeFilesTests {
  static let folder = "Tests/Fixtures/office"

  static var files: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Repo.path(folder))) ?? []
    return names.filter { !$0.hasPrefix("review-") && $0 != "README.md" }.sorted()
  }

  @Test("the office corpus is there")
  func corpus() { #expect(Self.files.count >= 10) }

  @Test("each office file scores exactly like the clean UTF-8 file", arguments: files)
  func scoresLikeClean(name: String) {
    let clean = cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv")
    let run = cfc("batch", Repo.path("\(Self.folder)/\(name)"), "--format", "csv")
    #expect(run.code == 0, "\(run.stderr)")
    var expected = clean.stdout
    if name == "windows-1258.csv" {
      // LibreOffice's Windows-1258 export writes ý as y + combining grave (0xCC), so this one
      // name arrives as "Quỳ": the file's bytes say so (see the README).
      expected = expected.replacingOccurrences(of: "Vũ Quý", with: "Vũ Quỳ")
    }
    #expect(run.stdout == expected)
    #expect(!run.stdout.contains("\u{FFFD}"))
  }

  @Test("a legacy-encoded file says which encoding was assumed, in Vietnamese and English")
  func encodingNote() {
    let path = Repo.path("\(Self.folder)/windows-1258-microsoft-table.csv")
    #expect(cfc("batch", path).stderr.contains("đã đọc theo bảng mã windows-1258"))
    #expect(cfc("batch", path, "--lang", "en").stderr.contains("it was read as windows-1258"))
  }

  @Test("codes a spreadsheet shortened are restored with a note naming the line")
  func restoredCodes() {
    let run = cfc("batch", Repo.path("\(Self.folder)/double-clicked.csv"), "--lang", "en")
    #expect(
      run.stderr.contains(
        "double-clicked.csv: line 2: commune code '6124' lost its leading zeros"))
  }

  @Test("a review file in Windows-1258 gives the same reviewed results")
  func legacyReview() {
    let batch = Repo.path("samples/communes.csv")
    let clean = cfc("batch", batch, "--review", Repo.path("samples/review.csv"), "--format", "json")
    let legacy = cfc(
      "batch", batch, "--review", Repo.path("\(Self.folder)/review-windows-1258.csv"), "--format",
      "json")
    #expect(legacy.code == clean.code)
    #expect(legacy.stdout == clean.stdout)
    #expect(legacy.stdout.contains("2 trường hợp đăng ký quá hạn"))
  }

  @Test("a review file with a repeated column is refused, naming the review file and its line")
  func repeatedReviewColumn() throws {
    let folder = try temporaryFolder()
    let review = folder.appendingPathComponent("review.csv")
    try Data("code;year;field;value;reason;Field\n06124;2024;births;1;x;births\n".utf8).write(
      to: review)
    let run = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review", review.path, "--lang", "en")
    #expect(run.code == 65)
    #expect(run.stderr.contains("review.csv: line 1, column 'field': column 'field' appears twice"))
  }

  @Test("the same commune under its shortened and its full code is a duplicate")
  func duplicateRestored() throws {
    let folder = try temporaryFolder()
    let file = folder.appendingPathComponent("b.csv")
    try Data(
      "code,name,province,category,year\n06124,A,P,standard,2024\n6124,A,P,standard,2024\n".utf8
    ).write(to: file)
    let run = cfc("batch", file.path, "--lang", "en")
    #expect(run.code == 1)
    #expect(
      run.stderr.contains(
        "line 3, column 'code': commune '06124' for 2024 already appears on line 2"))
  }

  // MARK: - One slip costs one record

  /// The non-empty lines of an output (CRLF or LF).
  func rows(_ text: String) -> Int {
    text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
      .filter { !$0.isEmpty }.count
  }

  static func generated(_ format: String) throws -> String {
    let folder = try temporaryFolder()
    let path = folder.appendingPathComponent("g.\(format)").path
    let run = cfc("generate", "10600", "--format", format, "-o", path)
    #expect(run.code == 0, "\(run.stderr)")
    return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
      .replacingOccurrences(of: "\r\n", with: "\n")
  }

  @Test("a 10,600-row CSV with a stray quote in one row loses only that row")
  func strayQuote10600() throws {
    var lines = try Self.generated("csv").components(separatedBy: "\n")
    try #require(lines.count > 10_000)
    var cells = lines[5000].components(separatedBy: ",")
    cells[1] = "\"" + cells[1]
    lines[5000] = cells.joined(separator: ",")
    let folder = try temporaryFolder()
    let file = folder.appendingPathComponent("stray.csv")
    try Data(lines.joined(separator: "\n").utf8).write(to: file)
    for jobs in ["1", "4"] {
      let run = cfc("batch", file.path, "--format", "csv", "--lang", "en", "--jobs", jobs)
      #expect(run.code == 1)
      let errors = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("Error:") }
      #expect(errors.count == 1)
      #expect(errors.first?.contains("stray.csv: line 5001: a quote (\") opens a cell") == true)
      #expect(rows(run.stdout) == 10_600)
    }
  }

  @Test("a JSON array of 10,600 records with one missing comma loses only one record")
  func missingComma10600() throws {
    let records = try Self.generated("jsonl").components(separatedBy: "\n").filter { !$0.isEmpty }
    var text = "[\n"
    for (index, record) in records.enumerated() {
      text += record + (index == records.count - 1 ? "\n" : index == 4999 ? "\n" : ",\n")
    }
    text += "]\n"
    let folder = try temporaryFolder()
    let file = folder.appendingPathComponent("batch.json")
    try Data(text.utf8).write(to: file)
    let run = cfc("batch", file.path, "--format", "csv", "--lang", "en")
    #expect(run.code == 1)
    let errors = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("Error:") }
    #expect(
      errors == [
        "Error: \(file.path): line 5002, at [5000]: a comma (,) is missing between the previous record and this one"
      ])
    #expect(rows(run.stdout) == 10_600)
  }
}
