import Foundation
import Testing

/// The `cfc` binary built alongside the tests.
func builtBinary() -> String? {
  let testBinary = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
  var candidates = [testBinary.deletingLastPathComponent().appendingPathComponent("cfc").path]
  // Inside an .xctest bundle on macOS the binary sits three levels up.
  candidates.append(
    testBinary.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("cfc").path)
  candidates.append(Repo.path(".build/debug/cfc"))
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs a program and returns its exit code and outputs.
func execute(_ program: String, _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil)
  throws -> Run
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program)
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  let input = Pipe()
  process.standardInput = input
  try process.run()
  if let stdin { input.fileHandleForWriting.write(stdin) }
  try input.fileHandleForWriting.close()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(
    code: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

@Suite("The built cfc binary, end to end")
struct EndToEndTests {
  @Test("copied to another folder and run from there, it still finds its rulebook")
  func copiedBinary() throws {
    let binary = try #require(builtBinary(), "the cfc binary was not built next to the tests")
    let folder = try temporaryFolder()
    let copy = folder.appendingPathComponent("cfc").path
    try FileManager.default.copyItem(atPath: binary, toPath: copy)
    try FileManager.default.copyItem(
      atPath: Repo.path("samples/bang-mac.json"),
      toPath: folder.appendingPathComponent("bang-mac.json").path)
    let run = try execute(copy, ["assess", "bang-mac.json", "--format", "json"], in: folder)
    #expect(run.code == 0)
    #expect(run.stdout.contains("\"status\": \"recognized\""))
    #expect(
      run.stdout == cfc("assess", Repo.path("samples/bang-mac.json"), "--format", "json").stdout)
  }

  @Test("exit codes and messages reach the shell; standard input works with '-'")
  func shell() throws {
    let binary = try #require(builtBinary())
    let missing = try execute(binary, ["assess", "nope.json", "--lang", "en"])
    #expect(missing.code == 66)
    #expect(missing.stderr == "Error: nope.json: no such file\n")
    #expect(try execute(binary, ["assess"]).code == 64)
    let sample = try Data(
      contentsOf: Repo.root.appendingPathComponent("samples/hai-thinh-drowning.json"))
    let piped = try execute(binary, ["assess", "-", "--lang", "en"], stdin: sample)
    #expect(piped.code == 0)
    #expect(piped.stdout.contains("VERDICT: NOT RECOGNISED"))
  }
}

@Suite("The README's quick start")
struct ReadmeTests {
  /// The `swift run cfc …` commands of the README, without that prefix.
  static func quickStartCommands() -> [[String]] {
    let readme = (try? String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)) ?? ""
    return readme.split(separator: "\n").compactMap { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard trimmed.hasPrefix("swift run cfc ") else { return nil }
      return trimmed.dropFirst("swift run cfc ".count).split(separator: " ").map(String.init)
    }
  }

  @Test("the README shows the run command and the test command")
  func twoCommands() throws {
    let readme = try String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)
    #expect(readme.contains("swift run cfc assess samples/bang-mac.json"))
    #expect(readme.contains("\nswift test\n"))
    let ci = try String(contentsOfFile: Repo.path(".ci/run"), encoding: .utf8)
    #expect(ci.contains("\nswift test"))
  }

  @Test("every `swift run cfc` command of the README succeeds from the repository root")
  func commandsRun() throws {
    let commands = Self.quickStartCommands()
    #expect(commands.count >= 3)
    for command in commands where !command.contains("-o") {
      // Paths in the README are relative to the repository root.
      let arguments = command.map {
        $0.hasPrefix("samples/") || $0.hasPrefix("criteria/") ? Repo.path($0) : $0
      }
      let run = cfc(arguments)
      #expect(
        run.code == 0, "`cfc \(command.joined(separator: " "))` exited \(run.code): \(run.stderr)")
      #expect(!run.stdout.isEmpty)
    }
  }
}
