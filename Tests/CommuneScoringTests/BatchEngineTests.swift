import CommuneScoring
import Foundation
import Synchronization
import Testing

/// Runs the engine over `sources` and returns what it delivered, as text lines a person could
/// read: "assessed FILE:LINE CODE STATUS TOTAL [formatted]" or "rejected FILE:LINE PROBLEM".
func runEngine(
  _ sources: [(name: String, layout: BatchLayout, text: String)], chunkSize: Int = 1 << 20,
  executor: some BatchExecutor = SerialBatchExecutor(),
  configuration: BatchEngine.Configuration = .init(rulebook: Repo.rulebook)
) throws -> (lines: [String], tally: BatchTally) {
  var lines: [String] = []
  let engine = BatchEngine(configuration)
  let tally = try engine.run(
    sources.map {
      BatchSource(
        name: $0.name, layout: $0.layout, bytes: Array($0.text.utf8), chunkSize: chunkSize)
    },
    executor: executor,
    format: { row, bytes in bytes += "<\(row.record.commune.code)>".utf8 }
  ) { item in
    switch item {
    case .assessed(let row, let formatted):
      lines.append(
        "assessed \(sources[row.source].name):\(row.line) \(row.record.commune.code) "
          + "\(row.score.status.rawValue) \(row.score.total) \(String(decoding: formatted, as: UTF8.self))"
      )
    case .formatted(let bytes, let communes):
      lines.append("formatted \(communes) \(String(decoding: bytes, as: UTF8.self))")
    case .rejected(let rejection):
      lines.append(
        "rejected \(rejection.source):\(rejection.line) \(rejection.error.issues.map(\.problem))")
    case .unusedReview(let rejection):
      lines.append("unused \(rejection.source):\(rejection.line)")
    case .note(let source, let note):
      lines.append("note \(source): \(note)")
    }
  }
  return (lines, tally)
}

/// Runs every iteration on a thread of Dispatch's pool while the calling thread runs `meanwhile` (the
/// engine's lanes beside its reading and delivering thread), each iteration first pausing a
/// little, the later ones longer, to shake out any dependence on who scores what first.
struct ThreadedExecutor: BatchExecutor {
  var width: Int

  func perform(iterations: Int, _ body: @Sendable (Int) -> Void) {
    let next = Atomic<Int>(iterations - 1)
    DispatchQueue.concurrentPerform(iterations: min(width, max(iterations, 1))) { _ in
      while true {
        let index = next.wrappingSubtract(1, ordering: .relaxed).oldValue
        guard index >= 0 else { return }
        body(index)
      }
    }
  }

  func perform(iterations: Int, _ body: @Sendable (Int) -> Void, meanwhile: () -> Void) {
    let done = DispatchGroup()
    withoutActuallyEscaping(body) { body in
      // A group's work item releases its block before it leaves the group: once `wait`
      // returns, nothing holds `body` any more.
      for index in 0..<iterations {
        DispatchQueue.global().async(group: done) {
          Thread.sleep(forTimeInterval: 0.001 * Double(index))
          body(index)
        }
      }
      meanwhile()
      done.wait()
    }
  }

  func makeSignal() -> any BatchSignal { SemaphoreSignal() }
}

/// A signal that sleeps, over a Dispatch semaphore.
struct SemaphoreSignal: BatchSignal {
  let semaphore = DispatchSemaphore(value: 0)
  func wait() { semaphore.wait() }
  func signal() { semaphore.signal() }
}

@Suite("Batch engine")
struct BatchEngineTests {
  static let sample: String = {
    (try? String(
      contentsOf: Repo.root.appendingPathComponent("samples/communes.csv"), encoding: .utf8))
      ?? ""
  }()

  /// The sample with a bad row, a repeated commune, a stray quote, a lone CR and a blank line.
  static let messy: String = {
    var lines = sample.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let header = lines[0]
    lines[1] = lines[1].replacingOccurrences(of: ",118,118,", with: ",118,119,")
    lines.append(lines[2])
    lines.append("1,2,3")
    lines.append("")
    lines.append(lines[4].replacingOccurrences(of: "Phường", with: "Phư\"ờng"))
    return header + "\r\n" + lines.dropFirst().joined(separator: "\n") + "\r" + lines[5] + "\n"
  }()

  @Test("every row of the sample is assessed, in input order, with its line and formatted bytes")
  func sampleBatch() throws {
    let (lines, tally) = try runEngine([("a.csv", .csv, Self.sample)])
    #expect(lines.count == 6)
    #expect(lines.first == "assessed a.csv:2 06124 recognized 895 <06124>")
    #expect(tally.all == .init(read: 6, assessed: 6, rejected: 0))
    #expect(tally.isClean)
  }

  @Test("bad rows are rejected with their line; the counts add up")
  func accounting() throws {
    let (lines, tally) = try runEngine([("m.csv", .csv, Self.messy)])
    #expect(tally.all.read == tally.all.assessed + tally.all.rejected)
    #expect(tally.all.read == lines.count)
    #expect(
      lines.contains { $0.hasPrefix("rejected m.csv:2 [") && $0.contains("partExceedsWhole") })
    #expect(lines.contains { $0.hasPrefix("rejected m.csv:8 [") && $0.contains("duplicate") })
    #expect(
      lines.contains { $0.hasPrefix("rejected m.csv:9 [CommuneScoring.EvidenceProblem.cellCount") })
    #expect(!tally.isClean)
  }

  @Test(
    "the same output, lines and tally whatever the chunk size and the number of workers",
    arguments: [1, 7, 4096, 1 << 20])
  func chunkingDoesNotMatter(chunkSize: Int) throws {
    let reference = try runEngine([("m.csv", .csv, Self.messy)])
    for workers in [1, 2, 7] {
      let run = try runEngine(
        [("m.csv", .csv, Self.messy)], chunkSize: chunkSize,
        executor: ThreadedExecutor(width: workers),
        configuration: .init(rulebook: Repo.rulebook, groupSize: 2))
      #expect(run.lines == reference.lines, "chunk \(chunkSize), \(workers) workers")
      #expect(run.tally == reference.tally)
    }
  }

  @Test("JSON Lines and a JSON array give the same results, whatever the chunk size")
  func jsonLayouts() throws {
    let folder = Repo.root.appendingPathComponent("samples")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    let records = try names.map {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
    #expect(records.count >= 5)
    let compact = try records.map { text in
      String(
        decoding: try JSONSerialization.data(
          withJSONObject: try JSONSerialization.jsonObject(with: Data(text.utf8))),
        as: UTF8.self)
    }
    func results(_ lines: [String]) -> [String] {
      lines.map { $0.split(separator: " ").dropFirst(2).joined(separator: " ") }
    }
    let reference = try runEngine([
      ("a.jsonl", .jsonLines, compact.joined(separator: "\n") + "\n")
    ])
    #expect(reference.tally.all.assessed == records.count)
    for chunk in [1, 5, 4096] {
      let lines = try runEngine(
        [("a.jsonl", .jsonLines, compact.joined(separator: "\n") + "\n")], chunkSize: chunk)
      let array = try runEngine(
        [("a.json", .jsonArray, "[\n" + records.joined(separator: ",\n") + "\n]\n")],
        chunkSize: chunk)
      #expect(lines.lines == reference.lines, "chunk \(chunk)")
      #expect(results(array.lines) == results(reference.lines), "chunk \(chunk)")
      #expect(array.tally.all == reference.tally.all)
    }
  }

  @Test(
    "several sources: one dossier per file, each record named by its file, duplicates across files found"
  )
  func severalSources() throws {
    let record = try String(
      contentsOf: Repo.root.appendingPathComponent("samples/bang-mac.json"), encoding: .utf8)
    let (lines, tally) = try runEngine([
      ("a/bang-mac.json", .jsonRecord, record), ("b.csv", .csv, Self.sample),
    ])
    #expect(lines.first?.hasPrefix("assessed a/bang-mac.json:1 06124 ") == true)
    #expect(
      lines.contains {
        $0.hasPrefix("rejected b.csv:2 [") && $0.contains("duplicateElsewhere")
          && $0.contains("a/bang-mac.json")
      })
    #expect(tally.sources.map(\.name) == ["a/bang-mac.json", "b.csv"])
    #expect(tally.sources[0].counts == .init(read: 1, assessed: 1, rejected: 0))
    #expect(tally.sources[1].counts == .init(read: 6, assessed: 5, rejected: 1))
  }

  @Test("a review correction is applied by the engine; one for an unknown commune is reported")
  func reviews() throws {
    let reviews = ReviewCorrections(
      source: "r.csv", council: "Hội đồng",
      byCommune: [
        .init(code: "06124", year: 2024): [
          .init(line: 2, adjustment: Adjustment(field: "births", value: 0, reason: "x"))
        ],
        .init(code: "99999", year: 2024): [
          .init(line: 3, adjustment: Adjustment(field: "births", value: 1, reason: "y"))
        ],
      ])
    let plain = try runEngine([("a.csv", .csv, Self.sample)])
    let reviewed = try runEngine(
      [("a.csv", .csv, Self.sample)],
      configuration: .init(rulebook: Repo.rulebook, reviews: reviews))
    #expect(reviewed.lines.last == "unused r.csv:3")
    #expect(reviewed.tally.unusedReviews == 1)
    #expect(!reviewed.tally.isClean)
    #expect(reviewed.lines.dropFirst().prefix(5) == plain.lines.dropFirst().prefix(5))
    #expect(reviewed.lines.first != plain.lines.first)
  }

  @Test("the rulebook is chosen by each record's year")
  func rulebookByYear() throws {
    let years = Mutex<Set<Int>>([])
    let configuration = BatchEngine.Configuration(
      rulebook: Repo.rulebook,
      rulebookForYear: { year in
        years.withLock { _ = $0.insert(year) }
        return Repo.rulebook
      })
    let text =
      Self.sample
      + Self.sample.components(separatedBy: "\r\n")[1].replacingOccurrences(
        of: ",2024,", with: ",2023,") + "\r\n"
    _ = try runEngine([("a.csv", .csv, text)], configuration: configuration)
    #expect(years.withLock { $0 } == [2023, 2024])
  }

  @Test("a CSV without a header, or with an unknown column, is refused before any record")
  func headers() throws {
    #expect {
      try runEngine([("e.csv", .csv, "\n\r\n")])
    } throws: { error in
      (error as? BatchFailure)?.source == "e.csv"
    }
    #expect {
      try runEngine([("h.csv", .csv, "code,name,province,category,year,birth\n")])
    } throws: { error in
      guard let failure = error as? BatchFailure else { return false }
      return failure.source == "h.csv"
        && failure.error.issues.contains {
          if case .unknownField("birth", _) = $0.problem { true } else { false }
        }
    }
  }
}
