import Foundation
import Testing

/// The fuzz harness built next to the tests (a reproducer in a normal build).
func builtFuzzer() -> String? {
  builtBinary().map {
    URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("cfc-fuzz").path
  }.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
}

@Suite("The fuzz harness")
struct FuzzSeedTests {
  static let targets = [
    "csv", "json", "jsonl", "batch", "evidence", "rulebook", "review", "chunks", "workers",
    "flatjson", "planned", "plannedjson",
    "inflate", "zip", "workbook", "sheetxml", "odsxml", "zipdamage",
  ]

  @Test("lists one target per reader and differential")
  func list() throws {
    let fuzzer = try #require(builtFuzzer(), "cfc-fuzz was not built next to the tests")
    let run = try execute(fuzzer, ["--list"])
    #expect(run.code == 0)
    for target in Self.targets { #expect(run.stdout.contains("  \(target): "), "\(target)") }
  }

  @Test(
    "every seed and every input that once crashed runs through its target without a crash",
    arguments: targets)
  func seeds(target: String) throws {
    let fuzzer = try #require(builtFuzzer(), "cfc-fuzz was not built next to the tests")
    let folder = Repo.path("Tests/Fixtures/fuzz/" + target)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(!files.isEmpty)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: fuzzer)
    process.arguments = [folder]
    process.environment = ["CFC_FUZZ_TARGET": target]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(output)")
    #expect(output.split(separator: "\n").count == files.count, "\(output)")
  }
}
