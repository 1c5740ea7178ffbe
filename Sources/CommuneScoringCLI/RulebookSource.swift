import CommuneReports
import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Finds the rulebook a command uses: `--rulebook FILE`, or the one built into the binary.
enum RulebookSource {
  /// The built-in rulebook's bytes (criteria/qd06-2019.json, embedded at build time).
  static var builtInBytes: [UInt8] { PackageResources.qd06_2019_json }

  /// Every rulebook compiled into `cfc`, chosen by year when no option names one. A real
  /// rulebook added to criteria/ is linked from Resources/, embedded in Package.swift and
  /// listed here.
  static var builtIns: [(name: String, bytes: [UInt8])] {
    [("built-in qd06-2019", builtInBytes)]
  }

  /// The SHA-256 of each built-in rulebook, recorded with the length and fingerprint of the
  /// bytes it is the hash of. Computing it is a sixth of `cfc assess` of one commune, and every
  /// report shows it. A recorded hash is used only for bytes of that length and fingerprint, so a
  /// rulebook edited without updating this list is hashed at run time as any other;
  /// `StartupTests` fails until the list is updated, and prints the line to write.
  static let recordedDigests: [(count: Int, fingerprint: UInt64, sha256: String)] = [
    (
      count: 46803, fingerprint: 0x41c4_7366_8ede_17c3,
      sha256: "3e4a9c20c49ddf172b4d2cda2cc7f9cc4940dbdc5c4fd71bb13afb5a0e9f34df"
    )
  ]

  /// The recorded SHA-256 of `bytes` (see `recordedDigests`), nil when none is recorded for them.
  static func recordedSHA256(of bytes: [UInt8]) -> String? {
    let candidates = recordedDigests.filter { $0.count == bytes.count }
    guard !candidates.isEmpty else { return nil }
    let print = fingerprint(bytes)
    return candidates.first { $0.fingerprint == print }?.sha256
  }

  /// A 64-bit fingerprint of `bytes` (eight bytes at a time, multiplied and rotated): not a
  /// cryptographic hash, only to tell that the bytes are the ones a digest was recorded for.
  static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { raw in
      var hash = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
      func mix(_ word: UInt64) {
        hash = (hash ^ word) &* 0x9e37_79b9_7f4a_7c15
        hash = hash << 31 | hash >> 33
      }
      var offset = 0
      while offset + 8 <= raw.count {
        mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        offset += 8
      }
      while offset < raw.count {
        mix(UInt64(raw[offset]) | 0x100)
        offset += 1
      }
      return hash
    }
  }

  /// The built-in rulebook, loaded.
  static func builtIn() throws(CLIError) -> Rulebook {
    try load(builtInBytes, name: "built-in qd06-2019", validated: true)
  }

  /// Loads `bytes`, naming `name` in errors. `validated`: the bytes are a built-in rulebook,
  /// which a test (`builtInRulebooksPassValidation`) proves valid, so the run skips validating
  /// them again (a part of every run's start-up); they are still decoded strictly.
  static func load(_ bytes: [UInt8], name: String, validated: Bool = false) throws(CLIError)
    -> Rulebook
  {
    if validated {
      do { return try RulebookDecoder.decode(bytes, sha256: recordedSHA256(of: bytes)) } catch {
        throw CLIError(.dataError, ["\(name): \(error)"])
      }
    }
    do {
      return try RulebookLoader.load(bytes)
    } catch {
      // Each problem in both languages (the terminal prints the one `--lang` chose), its JSON
      // path as written in the file.
      var refused = CLIError(.dataError, error.lines(.en).map { "\(name): \($0)" })
      refused.vietnamese = error.lines(.vi).map { "\(name): \($0)" }
      throw refused
    }
  }

  /// The rulebooks a run chooses from by year: every rulebook in `--criteria DIR`, else the
  /// built-in ones.
  static func shelf(_ arguments: ParsedArguments) throws(CLIError) -> RulebookShelf {
    var entries: [RulebookShelf.Entry] = []
    if let folder = arguments.value("--criteria") {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
      } catch {
        throw CLIError(
          .cannotRead, vi: "\(folder): không đọc được thư mục bộ tiêu chí",
          en: "\(folder): cannot read the rulebook folder")
      }
      for name in names
      where name.hasSuffix(".json") && !name.hasSuffix(".schema.json")
        && !name.hasSuffix(".tests.json")
      {
        let path = PathText.appending(folder, name)
        entries.append(.init(rulebook: try load(try Files.read(path), name: path), source: path))
      }
      guard !entries.isEmpty else {
        throw CLIError(
          .dataError, vi: "\(folder): không có tệp bộ tiêu chí (.json) nào",
          en: "\(folder): holds no rulebook file (.json)")
      }
    } else {
      for (name, bytes) in builtIns {
        entries.append(.init(rulebook: try load(bytes, name: name, validated: true), source: name))
      }
    }
    do { return try RulebookShelf(entries) } catch { throw shelfError(error) }
  }

  static func shelfError(_ error: RulebookShelfError) -> CLIError {
    switch error {
    case .empty:
      return CLIError(.dataError, vi: "không có bộ tiêu chí nào", en: "no rulebook")
    case .duplicateID(let id, let first, let second):
      return CLIError(
        .dataError, vi: "\(second): mã bộ tiêu chí '\(id)' đã có ở \(first)",
        en: "\(second): rulebook id '\(id)' is also the id of \(first)")
    case .noPeriod(let source, let id):
      return CLIError(
        .dataError,
        vi:
          "\(source): bộ tiêu chí '\(id)' không ghi thời gian hiệu lực (inForce) nên không chọn được theo năm giữa nhiều bộ tiêu chí",
        en:
          "\(source): rulebook '\(id)' does not say when it is in force (inForce), so it cannot be chosen by year among several"
      )
    case .overlap(let first, let second, let firstPeriod, let secondPeriod):
      func period(_ value: InForcePeriod, _ language: Language) -> String {
        "\(value.from) – " + (value.until.map { "\($0)" } ?? (language == .vi ? "nay" : "now"))
      }
      return CLIError(
        .dataError,
        vi:
          "\(second): thời gian hiệu lực (\(period(secondPeriod, .vi))) trùng với \(first) (\(period(firstPeriod, .vi))): mỗi ngày chỉ một bộ tiêu chí có hiệu lực",
        en:
          "\(second): in force \(period(secondPeriod, .en)), which overlaps \(first) (\(period(firstPeriod, .en))): one rulebook in force on any day"
      )
    }
  }

  /// What scores the records of a run: one rulebook for every year (`--rulebook FILE|ID`), or
  /// the shelf's rulebook of each record's year.
  enum Selection {
    case one(Rulebook)
    case byYear(RulebookShelf)

    /// The rulebook records are read with (columns, keys), and headings come from.
    var reading: Rulebook {
      switch self {
      case .one(let rulebook): rulebook
      case .byYear(let shelf): shelf.readingRulebook
      }
    }

    /// Whether results may come from several rulebooks, so that each must name its own.
    var several: Bool {
      if case .byYear(let shelf) = self { return shelf.entries.count > 1 }
      return false
    }

    /// For the batch engine: whether the chooser leaves a year's records to the reading
    /// rulebook itself, unchanged (`RulebookCarry.carry` carries nothing to the same rulebook).
    var readingRulebookScores: (@Sendable (Int) -> Bool)? {
      guard case .byYear(let shelf) = self else { return nil }
      let reading = shelf.readingRulebook
      return { year in
        guard let target = shelf.rulebook(forYear: year) else { return false }
        return target.id == reading.id && target.fields.count == reading.fields.count
      }
    }

    /// The batch engine's chooser (nil: the one rulebook).
    var chooser: (@Sendable (EvidenceRecord) -> Result<(Rulebook, EvidenceRecord), EvidenceError>)?
    {
      guard case .byYear(let shelf) = self else { return nil }
      let reading = shelf.readingRulebook
      return { shelf.choose($0, readWith: reading) }
    }
  }

  /// `--rulebook FILE` (or the id of a rulebook on the shelf) for every record, else by year.
  static func selection(_ arguments: ParsedArguments) throws(CLIError) -> Selection {
    guard let value = arguments.value("--rulebook") else {
      return .byYear(try shelf(arguments))
    }
    if !FileManager.default.fileExists(atPath: value),
      let named = try shelf(arguments).rulebook(id: value)
    {
      return .one(named)
    }
    return .one(try load(try Files.read(value), name: value))
  }

  /// The rulebook that scores one record of assessment year `year` (nil: not known yet, the
  /// newest), or an error naming the file, where the year is, and the years covered.
  static func forYear(
    _ year: Int?, selection: Selection, path: String, at location: InputLocation,
    language: Language
  ) throws(CLIError) -> Rulebook {
    guard case .byYear(let shelf) = selection else { return selection.reading }
    guard let year else { return shelf.newest }
    guard let rulebook = shelf.rulebook(forYear: year) else {
      let error = EvidenceError(
        location, .noRulebookForYear(year: year, covered: shelf.coverage))
      throw CLIError(.dataError, ErrorText(language).lines(error, source: path))
    }
    return rulebook
  }

  /// The `year` of a JSON record, read leniently (the strict decoder reports a bad one).
  static func peekYear(_ bytes: [UInt8]) -> Int? {
    guard case .object(let object)? = try? JSONParser.parse(bytes),
      case .number(let text)? = object["year"]
    else { return nil }
    return Int(text)
  }

  /// The rulebook chosen by the parsed options, with the bytes it was read from.
  static func resolveWithBytes(_ arguments: ParsedArguments) throws(CLIError) -> (Rulebook, [UInt8])
  {
    guard let path = arguments.value("--rulebook") else { return (try builtIn(), builtInBytes) }
    let bytes = try Files.read(path)
    return (try load(bytes, name: path), bytes)
  }

  /// The rulebook chosen by the parsed options (for commands that use one rulebook: the newest
  /// of `--criteria DIR` without `--rulebook`).
  static func resolve(_ arguments: ParsedArguments) throws(CLIError) -> Rulebook {
    if arguments.value("--rulebook") == nil, arguments.value("--criteria") == nil {
      return try builtIn()
    }
    switch try selection(arguments) {
    case .one(let rulebook): return rulebook
    case .byYear(let shelf): return shelf.newest
    }
  }
}
