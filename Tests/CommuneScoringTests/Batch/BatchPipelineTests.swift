import CommuneScoring
import Foundation
import Synchronization
import Testing

@Suite("Batch pipeline: rounds in flight without a barrier")
struct BatchPipelineTests {
  /// The sample's rows repeated `copies` times with their codes changed, so that many rounds
  /// are in flight at once in small chunks; every third copy also repeats a commune of the
  /// first copy (a duplicate found across rounds).
  static func long(_ copies: Int) -> String {
    let lines = BatchEngineTests.sample.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    var out = [lines[0]]
    for copy in 0..<copies {
      for (index, line) in lines.dropFirst().enumerated() {
        var cells = line.components(separatedBy: ",")
        cells[0] = String(format: "%05d", 10_000 + copy * 10 + index)
        out.append(cells.joined(separator: ","))
      }
      if copy % 3 == 2 { out.append(out[1]) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  @Test(
    "many rounds in flight give the lines, duplicates and tally of the serial run, whatever the lanes",
    arguments: [2, 3, 7])
  func manyRounds(workers: Int) throws {
    let text = Self.long(60)
    let reference = try runEngine([("l.csv", .csv, text)])
    #expect(reference.tally.all.read == 60 * 6 + 20)
    #expect(reference.tally.all.rejected == 20)
    #expect(reference.lines.contains { $0.hasPrefix("rejected l.csv:20 [") })
    for chunk in [64, 333, 4096] {
      let run = try runEngine(
        [("l.csv", .csv, text)], chunkSize: chunk, executor: ThreadedExecutor(width: workers),
        configuration: .init(rulebook: Repo.rulebook, groupSize: 3))
      #expect(run.lines == reference.lines, "chunk \(chunk), \(workers) workers")
      #expect(run.tally == reference.tally)
    }
  }

  @Test(
    "bytes the caller keeps stay as delivered while the engine writes new groups into used buffers",
    arguments: [1, 2, 3])
  func keptBytesStayIntact(workers: Int) throws {
    let text = Array(Self.long(80).utf8)
    // Each row's bytes are long enough that a group's buffer is worth giving back.
    let planned: BatchEngine.PlannedFormatter = { row, bytes in
      bytes += "\(row.line):".utf8
      bytes += Array(repeating: UInt8(ascii: "a") + UInt8(row.line % 26), count: 300)
      bytes.append(UInt8(ascii: "\n"))
    }
    let format: BatchEngine.Formatter = { row, bytes in bytes += "<\(row.line)>".utf8 }
    var kept: [ArraySlice<UInt8>] = []
    var copied: [UInt8] = []
    let tally = try BatchEngine(.init(rulebook: Repo.rulebook, groupSize: 4)).run(
      [BatchSource(name: "k.csv", layout: .csv, bytes: text, chunkSize: 700)],
      executor: ThreadedExecutor(width: workers), format: format, planned: planned
    ) { item in
      switch item {
      case .formatted(let bytes, _), .assessed(_, let bytes):
        kept.append(bytes)
        copied += bytes
      default: break
      }
    }
    #expect(tally.all.assessed > 300)
    let held = kept.flatMap { $0 }
    let same = held == copied
    #expect(same)
    // Every row's bytes are there once, in input order.
    let rows = copied.split(separator: UInt8(ascii: "\n")).count
    #expect(rows >= tally.all.assessed - 20)
  }

  @Test("a source that gives its bytes slowly: lanes sleep and wake, and nothing is lost")
  func slowSource() throws {
    let text = Array(Self.long(20).utf8)
    var offset = 0
    let source = BatchSource(name: "s.csv", layout: .csv) {
      guard offset < text.count else { return nil }
      Thread.sleep(forTimeInterval: 0.0005)
      let end = min(text.count, offset + 97)
      defer { offset = end }
      return Array(text[offset..<end])
    }
    var read = 0
    let tally = try BatchEngine(.init(rulebook: Repo.rulebook, groupSize: 2)).run(
      [source], executor: ThreadedExecutor(width: 3), format: { _, _ in }
    ) { item in
      if case .assessed = item { read += 1 }
      if case .rejected = item { read += 1 }
    }
    #expect(tally.all.read == 20 * 6 + 6)
    #expect(read == tally.all.read)
  }

  @Test("a source that cannot be read after another one ends the run with its failure")
  func failureEndsTheLanes() throws {
    var lines: [String] = []
    #expect {
      _ = try BatchEngine(.init(rulebook: Repo.rulebook, groupSize: 2)).run(
        [
          BatchSource(name: "a.csv", layout: .csv, bytes: Array(Self.long(10).utf8), chunkSize: 50),
          BatchSource(name: "h.csv", layout: .csv, bytes: Array("code,name,year,birth\n".utf8)),
        ], executor: ThreadedExecutor(width: 3), format: { _, _ in }
      ) { item in
        if case .assessed(let row, _) = item { lines.append(row.record.commune.code) }
      }
    } throws: { error in
      (error as? BatchFailure)?.source == "h.csv"
    }
    #expect(lines.count == 10 * 6)
  }

  @Test("a spinning signal lets one wait return for each signal, given before or after")
  func spinningSignal() async throws {
    let signal = SpinningBatchSignal()
    signal.signal()
    signal.signal()
    signal.wait()
    signal.wait()
    let woken = Atomic<Int>(0)
    let done = DispatchGroup()
    for _ in 0..<3 {
      DispatchQueue.global().async(group: done) {
        signal.wait()
        woken.add(1, ordering: .relaxed)
      }
    }
    for _ in 0..<3 { signal.signal() }
    done.wait()
    #expect(woken.load(ordering: .relaxed) == 3)
  }
}
