import CommuneReports
import CommuneScoring
import Foundation
import Testing

@testable import CommuneScoringCLI

@Suite("cfc batch: many inputs, the tally, determinism")
struct BatchRunTests {
  /// The sample batch with a bad row, a repeated commune, a short row, a stray quote and a lone
  /// CR.
  static func messyBatch() throws -> String {
    let text = try String(contentsOfFile: Repo.path("samples/communes.csv"), encoding: .utf8)
    var lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    lines[1] = lines[1].replacingOccurrences(of: ",118,118,", with: ",118,119,")
    lines.append(lines[2])
    lines.append("1,2,3")
    lines.append(lines[4].replacingOccurrences(of: "Phường", with: "Phư\"ờng"))
    let path = try temporaryFolder().appendingPathComponent("messy.csv").path
    try (lines[0] + "\r\n" + lines.dropFirst().joined(separator: "\n") + "\r" + lines[5] + "\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func run(
    _ files: [String], format: BatchFormat, chunkSize: Int = 1 << 20, workers: Int = 1,
    reviews: Bool = false
  ) throws -> (Run) {
    let rulebook = try RulebookLoader.load(
      Array(try Data(contentsOf: Repo.root.appendingPathComponent("criteria/qd06-2019.json"))))
    var notes: [String] = []
    var corrections: ReviewCorrections?
    if reviews {
      corrections =
        try ReviewFile.load(
          Repo.path("samples/review.csv"), rulebook: rulebook, language: .en, notes: &notes
        ).corrections
    }
    var batch = BatchRun(
      files: files, input: nil, output: nil, format: format,
      options: BatchWriterOptions(
        rulebook: rulebook, language: .en, certifiedOnly: false, withReview: reviews),
      configuration: .init(rulebook: rulebook, reviews: corrections, groupSize: 2),
      executor: DispatchBatchExecutor(width: workers))
    batch.chunkSize = chunkSize
    let terminal = CapturedTerminal()
    let code: ExitCode
    do { code = try batch.run(terminal: terminal) } catch { code = error.code }
    return Run(code: code.rawValue, stdout: terminal.stdout, stderr: terminal.stderr)
  }

  @Test(
    "every format gives the same bytes, errors and tally for chunks of 1, 7, 4096 and 1 MiB bytes and 1, 2 or 7 workers",
    arguments: [BatchFormat.csv, .text, .json, .html])
  func differential(format: BatchFormat) throws {
    let path = try Self.messyBatch()
    let reference = try run([path], format: format, reviews: true)
    #expect(reference.code == 1)
    #expect(
      reference.stderr.hasSuffix(
        "Tally: read 10 records: 5 assessed, 5 rejected; 1 review correction matched no commune.\n")
    )
    #expect(reference.stderr.contains("line 11, column 'code': commune '06127'"))
    for chunk in [1, 7, 4096, 1 << 20] {
      for workers in [1, 2, 7] {
        let other = try run(
          [path], format: format, chunkSize: chunk, workers: workers, reviews: true)
        #expect(other.stdout == reference.stdout, "chunk \(chunk), \(workers) workers")
        #expect(other.stderr == reference.stderr, "chunk \(chunk), \(workers) workers")
        #expect(other.code == reference.code)
      }
    }
  }

  @Test("a folder of dossiers: one commune per file, in name order, each named in the tally")
  func folder() throws {
    let folder = try temporaryFolder()
    for name in ["bang-mac.json", "dong-mo-missing.json", "phuc-xa-ba-dinh.json"] {
      try FileManager.default.copyItem(
        atPath: Repo.path("samples/" + name), toPath: folder.appendingPathComponent(name).path)
    }
    try "not a batch".write(
      to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
    let result = cfc("batch", folder.path, "--format", "csv", "--lang", "en")
    #expect(result.code == 0)
    #expect(csvRows(result.stdout).dropFirst().map { $0[0] } == ["06124", "06142", "00001"])
    #expect(result.stderr.hasPrefix("Note: \(folder.path)/notes.md: skipped, not a data file ("))
    #expect(result.stderr.contains("Tally: read 3 records: 3 assessed, 0 rejected.\n"))
    #expect(
      result.stderr.contains(
        "  \(folder.path)/dong-mo-missing.json: read 1 record: 1 assessed, 0 rejected"))
  }

  @Test("several files: a commune in two of them is reported naming the first file and line")
  func severalFiles() throws {
    let result = cfc(
      "batch", Repo.path("samples/bang-mac.json"), Repo.path("samples/communes.csv"), "--lang",
      "en",
      "--format", "csv")
    #expect(result.code == 1)
    #expect(
      result.stderr.contains(
        "Error: \(Repo.path("samples/communes.csv")): line 2, column 'code': commune '06124' for 2024 already appears in \(Repo.path("samples/bang-mac.json")), line 1"
      ))
    #expect(result.stderr.contains("Tally: read 7 records: 6 assessed, 1 rejected."))
  }

  @Test("a batch that assesses nothing never exits 0")
  func nothingAssessed() throws {
    let folder = try temporaryFolder()
    let headerOnly = folder.appendingPathComponent("h.csv").path
    try "code,name,district,province,category,year\r\n".write(
      toFile: headerOnly, atomically: true, encoding: .utf8)
    let result = cfc("batch", headerOnly, "--lang", "en")
    #expect(result.code == 65)
    #expect(result.stderr.contains("Tally: read 0 records: 0 assessed, 0 rejected."))
    #expect(result.stderr.contains("Error: no commune records to assess"))
    let empty = folder.appendingPathComponent("e.json").path
    try "[]".write(toFile: empty, atomically: true, encoding: .utf8)
    #expect(cfc("batch", empty).code == 65)
    let allBad = folder.appendingPathComponent("b.csv").path
    try "code,name,district,province,category,year\r\n1,2,3\r\n".write(
      toFile: allBad, atomically: true, encoding: .utf8)
    #expect(cfc("batch", allBad).code == 1)
  }

  @Test(
    "a run that assesses nothing keeps the previous list, whatever the format",
    arguments: ["csv", "xlsx", "html", "json"])
  func nothingAssessedKeepsTheOldFile(format: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("ket-qua." + format).path
    #expect(
      cfc("batch", Repo.path("samples/communes.csv"), "--format", format, "-o", output).code == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: output))
    let allBad = folder.appendingPathComponent("b.csv").path
    try "code,name,district,province,category,year\r\n1,2,3\r\n".write(
      toFile: allBad, atomically: true, encoding: .utf8)
    let bad = cfc("batch", allBad, "--format", format, "-o", output)
    #expect(bad.code == 1)
    #expect(bad.stderr.contains("Không ghi \(output): không có xã nào được chấm"))
    let headerOnly = folder.appendingPathComponent("h.csv").path
    try "code,name,district,province,category,year\r\n".write(
      toFile: headerOnly, atomically: true, encoding: .utf8)
    #expect(cfc("batch", headerOnly, "--format", format, "-o", output).code == 65)
    #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix(".")
    }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }
}

@Suite("The progress line")
struct BatchProgressTests {
  @Test(
    "counts are grouped as the reader writes them: 1.234.567 in Vietnamese, 1,234,567 in English")
  func grouping() {
    #expect(BatchProgress.grouped(1_234_567, vi: true) == "1.234.567")
    #expect(BatchProgress.grouped(1_234_567, vi: false) == "1,234,567")
    #expect(BatchProgress.grouped(999, vi: true) == "999")
    #expect(BatchProgress.grouped(1000, vi: true) == "1.000")
    #expect(BatchProgress.grouped(0, vi: false) == "0")
  }
}
