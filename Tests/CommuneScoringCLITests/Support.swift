import CommuneScoringCLI
import Foundation
import Testing

/// Paths shared by the CLI tests.
enum Repo {
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  /// Every shipped sample of a given extension, sorted.
  static func samples(_ ext: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path("samples"))) ?? []
    return names.filter { $0.hasSuffix("." + ext) }.sorted()
  }
}

/// What one in-process run of `cfc` showed.
struct Run {
  var code: Int32
  var stdout: String
  var stderr: String
}

/// Runs `cfc` in-process with `arguments`.
func cfc(_ arguments: String...) -> Run { cfc(arguments) }

func cfc(_ arguments: [String]) -> Run {
  let terminal = CapturedTerminal()
  let code = CLI.run(arguments, terminal: terminal)
  return Run(code: code, stdout: terminal.stdout, stderr: terminal.stderr)
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "cfc-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Compares `actual` with the golden file `name`; with RECORD_GOLDENS=1 rewrites it and still fails.
func expectGolden(
  _ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let path = Repo.path("Tests/Fixtures/goldens/" + name)
  if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
    try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
    Issue.record(
      "recorded \(name); run again without RECORD_GOLDENS to check it",
      sourceLocation: sourceLocation)
    return
  }
  // Compared as bytes: a byte-order mark or CRLF must survive exactly.
  guard let data = FileManager.default.contents(atPath: path) else {
    Issue.record(
      "no golden file \(name); record it with RECORD_GOLDENS=1", sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: data, as: UTF8.self)
  #expect(
    Array(actual.utf8) == Array(data), "output differs from \(name)", sourceLocation: sourceLocation
  )
  if Array(actual.utf8) != Array(data) {
    let line = zip(actual.split(separator: "\n"), expected.split(separator: "\n")).first {
      $0 != $1
    }
    Issue.record(
      "first differing line: \(line.map { "\($0.0) ≠ \($0.1)" } ?? "lengths differ")",
      sourceLocation: sourceLocation)
  }
}
