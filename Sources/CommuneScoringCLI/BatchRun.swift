import CommuneReports
import CommuneScoring
import Dispatch
import Synchronization

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One `cfc batch` run: opens the inputs, feeds them to the batch engine, sends what the
/// format's writer produces to the output, reports every rejected record on standard error, and
/// ends with the tally.
struct BatchRun {
  var files: [String]
  var input: String?
  var output: String?
  var format: BatchFormat
  /// The sheet to read from workbook inputs (nil: the first).
  var sheet: String?
  var options: BatchWriterOptions
  var configuration: BatchEngine.Configuration
  var executor: any BatchExecutor
  /// Bytes read at a time from each input (tests use tiny chunks to prove they do not matter).
  /// A quarter of a megabyte: about 1,300 communes a round, in groups of 64; the engine keeps
  /// at most `2 × jobs + 1` rounds in flight, so memory stays flat.
  var chunkSize = 1 << 18

  func run(terminal: Terminal) throws(CLIError) -> ExitCode {
    var readers: [ChunkReader] = []
    for file in files { readers.append(try ChunkReader(path: file, chunkSize: chunkSize)) }
    var sources: [BatchSource] = []
    // A workbook's rejected rows are named by cell (`Xã!H4`), not by line.
    var cellLocations: [String: (EvidenceError) -> EvidenceError] = [:]
    for (file, reader) in zip(files, readers) {
      if WorkbookKind.looksLikeWorkbook(reader.peek()) {
        // A workbook is read whole; its sheet goes through the CSV reader, line N = row N.
        let workbook = try WorkbookInput.source(
          file, sheet: sheet, rulebook: options.rulebook, language: options.language)
        sources.append(workbook.source)
        cellLocations[workbook.source.name] = workbook.locate
        continue
      }
      sources.append(
        BatchSource(
          name: file, layout: BatchInputs.layout(input: input, source: file, first: reader.peek()),
          next: reader.next))
    }
    let sink = try ResultSink(terminal: terminal, path: output)
    let text = ErrorText(options.language)
    var writer = format.writer(options)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 17)
    writer.begin(into: &buffer)
    var progress = BatchProgress(terminal: terminal, total: Self.totalSize(files))
    let engine = BatchEngine(configuration)
    let asIs = writer.writesFormattedAsIs
    /// Sends `buffer` on, then `bytes`.
    func send(then bytes: ArraySlice<UInt8> = []) {
      if !buffer.isEmpty {
        sink.write(bytes: buffer[...])
        buffer.removeAll(keepingCapacity: true)
      }
      if !bytes.isEmpty { sink.write(bytes: bytes) }
      // A full disk ends a long run at once (exit 73, no temporary file left) rather than
      // after scoring everything for nothing. In-process runs (tests) see it at the end.
      if let failure = sink.failure, terminal is StandardTerminal {
        progress.clear()
        Interruption.end(
          cannotWrite: failure.lines(in: options.language).joined(separator: "\n"))
      }
    }
    let tally: BatchTally
    do {
      tally = try engine.run(
        sources, executor: executor, format: writer.formatter, planned: writer.plannedFormatter
      ) { item in
        var items = 1
        switch item {
        case .assessed(let row, let formatted):
          writer.add(row, formatted: formatted, into: &buffer)
        case .formatted(let bytes, let communes):
          if asIs, bytes.count >= 1 << 14 {
            // Half a megabyte a group in jsonl: written from the engine's buffer, not copied.
            send(then: bytes)
          } else {
            writer.add(formatted: bytes, communes: communes, into: &buffer)
          }
          items = communes
        case .rejected(var rejection):
          if let locate = cellLocations[rejection.source] {
            rejection.error = locate(rejection.error)
          }
          for line in text.lines(rejection.error, source: rejection.source) {
            progress.clear()
            terminal.err("Error: \(line)\n")
          }
          writer.reject(rejection, into: &buffer)
        case .note(let source, let note):
          progress.clear()
          terminal.err(
            "\(options.language == .vi ? "Lưu ý" : "Note"): \(source): \(text.note(note))\n")
        case .unusedReview(let rejection):
          for line in text.lines(rejection.error, source: rejection.source) {
            progress.clear()
            terminal.err("Error: \(line)\n")
          }
        }
        if buffer.count >= 1 << 16 { send() }
        progress.tick(communes: items) { readers.reduce(0) { $0 + $1.consumed } }
      }
    } catch {
      progress.clear()
      // A read error ends an input early: it explains what follows.
      if let failure = readers.lazy.compactMap(\.failure).first { throw failure }
      throw CLIError(.dataError, text.lines(error.error, source: error.source))
    }
    progress.clear()
    // A read error ends the input early: the records after it must not be lost silently.
    if let failure = readers.lazy.compactMap(\.failure).first { throw failure }
    writer.end(tally, into: &buffer) { bytes in
      sink.write(bytes: bytes[...])
      bytes.removeAll(keepingCapacity: true)
    }
    sink.write(bytes: buffer[...])
    if tally.all.assessed == 0, let file = sink.file {
      // A list with no commune in it must not replace the last good one.
      file.discard()
      report(tally, terminal: terminal)
      terminal.err(
        options.language == .vi
          ? "Không ghi \(file.path): không có xã nào được chấm; tệp cũ (nếu có) vẫn giữ nguyên.\n"
          : "\(file.path) not written: no commune was assessed; an earlier file, if any, is kept.\n"
      )
    } else {
      try sink.finish()
      report(tally, terminal: terminal)
    }
    if !tally.isClean { return .rowsRejected }
    if tally.all.assessed == 0 {
      // Something was read but nothing assessed: never a success.
      let empty = readers.allSatisfy { $0.consumed == 0 }
      throw CLIError(
        .dataError,
        vi: empty ? "không có gì để chấm: tệp trống" : "không có hồ sơ xã nào để chấm",
        en: empty ? "nothing to assess: the input is empty" : "no commune records to assess")
    }
    return .success
  }

  /// The tally on standard error: the whole run, then each file when there are several.
  func report(_ tally: BatchTally, terminal: Terminal) {
    let w = Wording(options.language)
    let vi = options.language == .vi
    func n(_ number: Int) -> String { BatchProgress.grouped(number, vi: vi) }
    func line(_ c: BatchTally.Counts) -> String {
      w.t(
        "đã đọc \(n(c.read)) hồ sơ: \(n(c.assessed)) đã chấm, \(n(c.rejected)) bị loại",
        "read \(n(c.read)) \(c.read == 1 ? "record" : "records"): \(n(c.assessed)) assessed, \(n(c.rejected)) rejected"
      )
    }
    var out = w.t("Kiểm đếm: ", "Tally: ") + line(tally.all)
    if tally.unusedReviews > 0 {
      out += w.t(
        "; \(tally.unusedReviews) điều chỉnh thẩm định không khớp xã nào",
        "; \(tally.unusedReviews) review \(tally.unusedReviews == 1 ? "correction" : "corrections") matched no commune"
      )
    }
    out += ".\n"
    if tally.sources.count > 1 {
      for source in tally.sources { out += "  \(source.name): \(line(source.counts))\n" }
    }
    terminal.err(out)
  }

  static func totalSize(_ files: [String]) -> Int? {
    var total = 0
    for file in files {
      guard file != "-",
        let attributes = try? FileManager.default.attributesOfItem(atPath: file),
        (attributes[.type] as? FileAttributeType) == .typeRegular,
        let size = attributes[.size] as? Int
      else { return nil }
      total += size
    }
    return total
  }
}

/// Runs a batch's lanes on threads of Dispatch's pool: `width` threads in all, the calling one
/// included.
struct DispatchBatchExecutor: BatchExecutor {
  let width: Int

  /// Each iteration gets a thread of its own (they are the engine's lanes, which run until the
  /// engine closes its queue) while the calling thread runs `meanwhile`.
  func perform(iterations: Int, _ body: @Sendable (Int) -> Void, meanwhile: () -> Void) {
    guard iterations > 0 else {
      meanwhile()
      return
    }
    // A group's work item releases its block (and `body` with it) before it leaves the group:
    // once `wait` returns, nothing holds `body` any more.
    let done = DispatchGroup()
    withoutActuallyEscaping(body) { body in
      for index in 0..<iterations {
        DispatchQueue.global().async(group: done) { body(index) }
      }
      meanwhile()
      done.wait()
    }
  }

  func perform(iterations: Int, _ body: @Sendable (Int) -> Void) {
    let lanes = min(width, iterations)
    guard lanes > 1 else {
      for index in 0..<iterations { body(index) }
      return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: lanes) { _ in
      while true {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard index < iterations else { return }
        body(index)
      }
    }
  }

  /// A Dispatch semaphore: a waiting thread sleeps.
  func makeSignal() -> any BatchSignal { DispatchBatchSignal() }
}

/// `BatchSignal` over a Dispatch semaphore.
struct DispatchBatchSignal: BatchSignal {
  let semaphore = DispatchSemaphore(value: 0)

  func wait() { semaphore.wait() }
  func signal() { semaphore.signal() }
}

/// A progress line on standard error for long runs, only when it is a terminal: records done,
/// rate, and time left (when the input's size is known). Nothing for runs under two seconds.
struct BatchProgress {
  let enabled: Bool
  let total: Int?
  let terminal: Terminal
  let start = DispatchTime.now().uptimeNanoseconds
  var records = 0
  var lastShown: UInt64 = 0
  var shown = false

  init(terminal: Terminal, total: Int?) {
    self.terminal = terminal
    self.total = total
    enabled = terminal is StandardTerminal && isatty(STDERR_FILENO) == 1
  }

  mutating func tick(communes: Int = 1, consumed: () -> Int) {
    let before = records
    records += communes
    guard enabled, records >> 10 != before >> 10 else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let elapsed = now - start
    guard elapsed > 2_000_000_000, now - lastShown > 250_000_000 else { return }
    lastShown = now
    let seconds = Double(elapsed) / 1e9
    let rate = Double(records) / seconds
    let vi = (terminal as? StandardTerminal)?.language != .en
    let count = Self.grouped(records, vi: vi)
    var line =
      "\r\u{1B}[K"
      + (vi
        ? "Đã chấm \(count) xã, \(Self.grouped(Int(rate), vi: vi)) xã/giây"
        : "\(count) communes scored, \(Self.grouped(Int(rate), vi: vi))/s")
    if let total, total > 0 {
      let done = Double(consumed()) / Double(total)
      if done > 0.01 {
        let left = Int(seconds * (1 - done) / done)
        let clock = "\(left / 60):\(left % 60 < 10 ? "0" : "")\(left % 60)"
        line +=
          vi
          ? ", \(Int(done * 100))%, còn khoảng \(clock)" : ", \(Int(done * 100))%, ~\(clock) left"
      }
    }
    terminal.err(line)
    shown = true
  }

  /// `number` with its thousands grouped as people write them: 120.000 in Vietnamese, 120,000
  /// in English.
  static func grouped(_ number: Int, vi: Bool) -> String {
    let digits = String(number.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += vi ? "." : "," }
      out.append(digit)
    }
    return (number < 0 ? "-" : "") + out
  }

  mutating func clear() {
    guard shown else { return }
    terminal.err("\r\u{1B}[K")
    shown = false
  }
}

extension ReviewFile {
  /// The corrections as the batch engine takes them.
  var corrections: ReviewCorrections {
    var byCommune: [ReviewCorrections.Key: [ReviewCorrections.Entry]] = [:]
    for (key, entries) in self.byCommune {
      let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
      let code = String(parts.first ?? "")
      let year = Int(parts.last ?? "") ?? 0
      byCommune[ReviewCorrections.Key(code: code, year: year)] = entries.map {
        ReviewCorrections.Entry(line: $0.line, adjustment: $0.adjustment)
      }
    }
    var corrections = ReviewCorrections(source: path, council: council, byCommune: byCommune)
    corrections.codeColumn = codeColumn
    return corrections
  }
}
