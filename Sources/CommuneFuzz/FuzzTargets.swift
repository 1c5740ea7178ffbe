import CommuneReports
import CommuneScoring
import CommuneScoringCLI
import Foundation

/// One fuzz target: a reader (or a differential check) run on arbitrary bytes. It must never
/// crash, hang or leak on any input; a differential target stops the process (`fatalError`) when
/// its two runs disagree, which libFuzzer reports as a crash with the input that shows it.
struct FuzzTarget: Sendable {
  var name: String
  var summary: String
  var run: @Sendable ([UInt8]) -> Void

  init(_ name: String, _ summary: String, _ run: @escaping @Sendable ([UInt8]) -> Void) {
    self.name = name
    self.summary = summary
    self.run = run
  }
}

/// Every target, in a fixed order (the first input byte picks one when `CFC_FUZZ_TARGET` is not
/// set). Adding a reader is one line here, e.g.
/// `FuzzTarget("xlsx", "a workbook", { _ = try? XLSXReader.rows($0) }),`
enum FuzzTargets {
  static let all: [FuzzTarget] = [
    FuzzTarget(
      "csv", "a CSV batch: bytes → text → records → evidence → score", { batch($0, .csv) }),
    FuzzTarget("json", "a JSON array batch, read and scored", { batch($0, .json) }),
    FuzzTarget("jsonl", "a JSON Lines batch, read and scored", { batch($0, .jsonl) }),
    FuzzTarget("batch", "a batch whose format and encoding are detected", { batch($0, nil) }),
    FuzzTarget(
      "evidence", "one evidence record (cfc assess): decoded, scored, explained", evidence),
    FuzzTarget("rulebook", "a rulebook: decoded, validated, then used to score", rulebook),
    FuzzTarget("review", "a council's review file applied to the sample batch (CLI)", review),
    FuzzTarget(
      "chunks", "differential: the same records whatever the chunking", Differential.chunks),
    FuzzTarget(
      "workers", "differential: cfc batch --jobs 1 and --jobs 3 agree", Differential.workers),
    FuzzTarget(
      "flatjson",
      "differential: the fast flat-record reader and the JSON parser agree, line by line",
      Differential.flatRecords),
    FuzzTarget(
      "planned",
      "differential: a CSV batch scored by the compiled plan and by the general path agree",
      Differential.planned),
    FuzzTarget(
      "plannedjson",
      "differential: JSON Lines scored by the JSON record plan and by the general path agree",
      Differential.plannedJSON),
    FuzzTarget("inflate", "a raw DEFLATE stream, inflated under a limit", inflate),
    FuzzTarget("zip", "a ZIP archive: directory read, every entry expanded and checked", zip),
    FuzzTarget(
      "workbook", "an .xlsx/.ods workbook: sheets, defined names, batch and review rows", workbook),
    FuzzTarget(
      "sheetxml", "an xlsx sheet and its shared strings (NUL between), packed into a workbook",
      PartTargets.xlsxParts),
    FuzzTarget("odsxml", "an ODS content.xml, packed into a workbook", PartTargets.odsContent),
    FuzzTarget(
      "zipdamage", "a valid archive of the input's parts, damaged where its last bytes say",
      PartTargets.zipDamaged),
  ]

  /// The target named `name`, if any.
  static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

  // MARK: - Shared fixtures

  /// The shipped rulebook, embedded at build time.
  static let shipped: Rulebook = {
    do { return try RulebookLoader.load(PackageResources.qd06_2019_json) } catch {
      fatalError("the shipped rulebook does not load: \(error)")
    }
  }()

  /// A private folder for the targets that go through files (the CLI).
  static let folder: String = {
    let base =
      FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = base + "/cfc-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let sample = path + "/communes.csv"
    _ = FileManager.default.createFile(
      atPath: sample, contents: Data(PackageResources.communes_csv))
    return path
  }()

  /// Writes `bytes` to `name` in the private folder and returns its path.
  static func file(_ name: String, _ bytes: [UInt8]) -> String {
    let path = folder + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }

  // MARK: - Targets

  /// Reads a whole batch as the pipeline does and scores every record.
  static func batch(_ bytes: [UInt8], _ format: BatchReader.Format?) {
    let text = ErrorText(.en)
    var reader = BatchReader(format: format, rulebook: shipped)
    let read: RecordBatch
    do { read = try reader.feed(bytes, final: true) } catch {
      _ = text.lines(error, source: "fuzz")
      return
    }
    guard let decoder = reader.decoder else { return }
    for record in read.records {
      switch decoder.decode(record, in: read.bytes).result {
      case .success(let evidence):
        let score = Evaluator.score(
          evidence.evidence, category: evidence.commune.category, rulebook: shipped)
        _ = BatchCSVReport.row(evidence, score, selfScore: nil, withReview: false)
      case .failure(let error): _ = text.lines(error, source: "fuzz")
      }
    }
  }

  /// One evidence record, as `cfc assess` reads it, scored with its path and explained.
  static func evidence(_ bytes: [UInt8]) {
    do {
      let record = try EvidenceDecoder.decode(bytes, rulebook: shipped)
      let assessment = Assessor.assess(record, rulebook: shipped, withPath: true)
      _ = TextReport(rulebook: shipped, language: .vi).render(assessment)
      _ = JSONReport(rulebook: shipped, language: .en).render(assessment)
    } catch {
      _ = ErrorText(.vi).lines(error, source: "fuzz")
    }
  }

  /// A rulebook: every one that validates must score any record without trapping.
  static func rulebook(_ bytes: [UInt8]) {
    guard let rulebook = try? RulebookLoader.load(bytes) else { return }
    _ = RulebookReport(rulebook: rulebook, language: .vi).render()
    let count = rulebook.fields.count
    var samples = [EvidenceValues(fieldCount: count)]
    var zeros = EvidenceValues(fieldCount: count)
    var large = EvidenceValues(fieldCount: count)
    var mixed = EvidenceValues(fieldCount: count)
    for index in 0..<count {
      zeros[index] = 0
      large[index] = 1_000_000_000
      mixed[index] = index % 3 == 0 ? nil : (index * 7919) % 1000
    }
    samples += [zeros, large, mixed]
    for category in rulebook.categories {
      for values in samples {
        let evaluation = Evaluator.evaluate(values, category: category.id, rulebook: rulebook)
        _ = PathFinder.path(for: evaluation, category: category.id, rulebook: rulebook)
      }
    }
  }

  /// A review file applied to the shipped sample batch, through the command line.
  /// Small limits, so that a crafted archive is refused quickly rather than filling memory.
  static let archiveLimits = ArchiveLimits(
    maxEntries: 2_000, maxEntrySize: 8 << 20, maxTotalSize: 32 << 20, maxRatio: 500,
    ratioFloor: 1 << 20)

  static func inflate(_ bytes: [UInt8]) {
    guard let output = try? Inflate.decompress(bytes, limit: 4 << 20) else { return }
    // Whatever came out must survive a round trip through the compressor.
    let again = try? Inflate.decompress(Deflater.compress(output), limit: output.count)
    if again != output { fatalError("deflate round trip differs for \(output.count) bytes") }
  }

  static func zip(_ bytes: [UInt8]) {
    guard var archive = try? ZipReader(bytes, limits: archiveLimits) else { return }
    for entry in archive.entries { _ = try? archive.read(entry) }
  }

  static func workbook(_ bytes: [UInt8]) {
    let text = ErrorText(.en)
    var opened: Workbook
    do {
      opened = try Workbook(bytes, limits: archiveLimits, maxCells: 200_000)
    } catch {
      _ = text.workbook(error)
      return
    }
    for sheet in opened.sheetNames { _ = try? opened.allRows(sheet: sheet) }
    _ = try? opened.definedValues()
    if var batch = try? WorkbookBatch(&opened, sheet: nil, rulebook: shipped) {
      while let record = try? batch.next() {
        if case .failure(let error) = record.result { _ = text.lines(error, source: "fuzz") }
      }
    }
    if let table = try? WorkbookReview.read(bytes, rulebook: shipped) {
      _ = text.lines(EvidenceError(table.issues), source: "fuzz")
    }
  }

  static func review(_ bytes: [UInt8]) {
    let path = file("review.csv", bytes)
    let terminal = CapturedTerminal()
    _ = CLI.run(
      ["batch", folder + "/communes.csv", "--review", path, "--format", "csv", "--jobs", "1"],
      terminal: terminal)
  }
}
