import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The file type bits of `path` (following links), or nil when it does not exist.
func fileType(_ path: String) -> mode_t? {
  var info = stat()
  return stat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
}

/// The hidden temporary files of `-o` left in `folder`.
func leftovers(_ folder: URL) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
    $0.hasPrefix(".") && $0.contains(".cfc-")
  }
}

@Suite("Outputs that cannot be corrupted or left behind")
struct OutputSafetyTests {
  @Test("-o naming the input file, even through a link, is refused and the input is untouched")
  func outputOverInput() throws {
    let folder = try temporaryFolder()
    let input = folder.appendingPathComponent("communes.csv").path
    try FileManager.default.copyItem(atPath: Repo.path("samples/communes.csv"), toPath: input)
    let before = try Data(contentsOf: URL(fileURLWithPath: input))
    let link = folder.appendingPathComponent("link.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
    for output in [input, link, folder.path + "/./communes.csv"] {
      let run = cfc("batch", input, "--format", "csv", "-o", output, "--lang", "en")
      #expect(run.code == 64)
      #expect(run.stderr.contains("is the input file"), "\(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
    let review = cfc(
      "batch", Repo.path("samples/communes.csv"), "--review", input, "-o", input)
    #expect(review.code == 64)
    #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    #expect(leftovers(folder).isEmpty)
  }

  @Test("-o inside an input folder is refused: the next run would read the result as data")
  func outputInsideInputFolder() throws {
    let folder = try temporaryFolder()
    try FileManager.default.copyItem(
      atPath: Repo.path("samples/communes.csv"),
      toPath: folder.appendingPathComponent("communes.csv").path)
    let output = folder.appendingPathComponent("list.csv").path
    let run = cfc("batch", folder.path, "--format", "csv", "-o", output, "--lang", "en")
    #expect(run.code == 64)
    #expect(run.stderr.contains("is inside the input folder"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output))
    #expect(leftovers(folder).isEmpty)
  }

  @Test("-o onto a FIFO writes into it and leaves it a FIFO")
  func fifo() async throws {
    let folder = try temporaryFolder()
    let fifo = folder.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Task.detached { () -> Data in
      FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
    }
    let run = cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv", "-o", fifo)
    let received = await reader.value
    #expect(run.code == 0)
    let expected = cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv").stdout
    #expect(String(decoding: received, as: UTF8.self) == expected)
    #expect(fileType(fifo) == S_IFIFO)
    #expect(leftovers(folder).isEmpty)
  }

  /// A copy of a device (made with mknod, which needs root), so that a regression could never
  /// replace the machine's own /dev/null or /dev/full.
  func device(_ name: String, minor: UInt) throws -> String? {
    let folder = try temporaryFolder()
    let path = folder.appendingPathComponent(name).path
    guard mknod(path, S_IFCHR | 0o666, dev_t(1 << 8 | minor)) == 0 else { return nil }
    return path
  }

  @Test("-o onto a character device like /dev/null writes into it, never replacing it")
  func characterDevice() throws {
    guard let null = try device("null", minor: 3) else { return }  // not root: nothing to check
    let run = cfc("batch", Repo.path("samples/communes.csv"), "-o", null)
    #expect(run.code == 0)
    // Only the tally, which ends every batch run.
    #expect(run.stderr == "Kiểm đếm: đã đọc 6 hồ sơ: 6 đã chấm, 0 bị loại.\n")
    #expect(fileType(null) == S_IFCHR)
    #expect(leftovers(URL(fileURLWithPath: null).deletingLastPathComponent()).isEmpty)
  }

  @Test("a device that is full gives 'Error:' naming it and exit code 73, never a crash")
  func fullDevice() throws {
    guard let full = try device("full", minor: 7) else { return }  // not root: nothing to check
    for format in ["csv", "json", "xlsx", "html", "text"] {
      let run = cfc(
        "batch", Repo.path("samples/communes.csv"), "--format", format, "-o", full, "--lang", "en")
      #expect(run.code == 73, "\(format)")
      #expect(run.stderr == "Error: \(full): cannot write: no space left on the disk\n")
    }
    let assess = cfc("assess", Repo.path("samples/bang-mac.json"), "-o", full)
    #expect(assess.code == 73)
    #expect(assess.stderr.hasPrefix("Error: \(full): không ghi được: ổ đĩa đã đầy"))
    #expect(fileType(full) == S_IFCHR)
  }

  @Test("-o onto a folder, or into a folder that does not exist, is refused with exit code 73")
  func folders() throws {
    let folder = try temporaryFolder()
    let onto = cfc("batch", Repo.path("samples/communes.csv"), "-o", folder.path, "--lang", "en")
    #expect(onto.code == 73)
    #expect(onto.stderr.contains("is a folder"))
    let missing = folder.appendingPathComponent("no/such/list.csv").path
    let into = cfc("batch", Repo.path("samples/communes.csv"), "-o", missing, "--lang", "en")
    #expect(into.code == 73)
    #expect(into.stderr.contains("does not exist"))
    #expect(leftovers(folder).isEmpty)
  }

  @Test("a replaced output keeps its permissions, and a link to it keeps pointing at it")
  func replacedKeepsModeAndLink() throws {
    let folder = try temporaryFolder()
    let target = folder.appendingPathComponent("list.csv").path
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
    chmod(target, 0o640)
    let link = folder.appendingPathComponent("latest.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "list.csv")
    let run = cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv", "-o", link)
    #expect(run.code == 0)
    var info = stat()
    #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    #expect(stat(target, &info) == 0 && info.st_mode & 0o777 == 0o640)
    let written = String(
      decoding: try Data(contentsOf: URL(fileURLWithPath: target)), as: UTF8.self)
    #expect(written.hasPrefix("\u{FEFF}code,name"))
    #expect(leftovers(folder).isEmpty)
  }

  @Test("a name with control characters gives a workbook and HTML that are well-formed XML")
  func controlCharactersInMarkup() throws {
    let folder = try temporaryFolder()
    let csv = try String(contentsOfFile: Repo.path("samples/communes.csv"), encoding: .utf8)
      .replacingOccurrences(of: "Xã Bằng Mạc", with: "Xã Bằng\u{0B} Mạc\u{01}\u{1F}")
    let input = folder.appendingPathComponent("pasted.csv").path
    try Data(csv.utf8).write(to: URL(fileURLWithPath: input))
    let xlsx = folder.appendingPathComponent("list.xlsx").path
    #expect(cfc("batch", input, "--format", "xlsx", "-o", xlsx).code == 0)
    let entries = try storedEntries(Array(try Data(contentsOf: URL(fileURLWithPath: xlsx))))
    let sheet = String(decoding: try #require(entries["xl/worksheets/sheet1.xml"]), as: UTF8.self)
    #expect(ElementCollector.parse(sheet).error == nil)
    #expect(sheet.contains(">Xã Bằng Mạc</t>"))
    let html = cfc("batch", input, "--format", "html")
    #expect(ElementCollector.parse(html.stdout).error == nil)
    #expect(html.stdout.contains("Xã Bằng Mạc"))
  }
}

@Suite("The built cfc interrupted or cut off, end to end")
struct InterruptionTests {
  /// A generated batch big enough that scoring it takes a few seconds.
  static func bigBatch(_ binary: String, in folder: URL, communes: Int) throws -> String {
    let path = folder.appendingPathComponent("big.csv").path
    let run = try execute(binary, ["generate", String(communes), "-o", path])
    #expect(run.code == 0)
    return path
  }

  @Test("a closed standard output ends cfc quietly by SIGPIPE, like other Unix tools")
  func closedPipe() throws {
    let binary = try #require(builtBinary(), "the cfc binary was not built next to the tests")
    let folder = try temporaryFolder()
    let input = try Self.bigBatch(binary, in: folder, communes: 20000)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["batch", input, "--format", "csv"]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    _ = out.fileHandleForReading.readData(ofLength: 100)  // like `| head -1`
    try out.fileHandleForReading.close()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGPIPE)
    #expect(errors.isEmpty, "\(String(decoding: errors, as: UTF8.self))")
  }

  @Test(
    "SIGINT, SIGTERM and SIGHUP during -o remove the temporary file and keep the previous output",
    arguments: [SIGINT, SIGTERM, SIGHUP])
  func interrupted(signalNumber: Int32) throws {
    let binary = try #require(builtBinary(), "the cfc binary was not built next to the tests")
    let folder = try temporaryFolder()
    let input = try Self.bigBatch(binary, in: folder, communes: 20000)
    let output = folder.appendingPathComponent("list.json")
    try Data("previous\n".utf8).write(to: output)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["batch", input, "--format", "json", "-o", output.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until the temporary file has started to fill.
    var started = false
    for _ in 0..<400 where !started {
      usleep(25_000)
      started = !leftovers(folder).isEmpty
    }
    #expect(started, "no temporary file appeared")
    kill(process.processIdentifier, signalNumber)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == signalNumber)
    #expect(leftovers(folder).isEmpty)
    #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n")
  }

  @Test("a full disk stops a long batch at once with exit 73, before the rows still to come")
  func fullDiskStopsEarly() throws {
    let binary = try #require(builtBinary(), "the cfc binary was not built next to the tests")
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = try Self.bigBatch(binary, in: folder, communes: 20000)
    // A broken last row: a run that goes on to the end reports it.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("99999,Xã Cuối,,Tỉnh,standard,2024,x\r\n".utf8))
    try handle.close()
    // /dev/full refuses every write with ENOSPC, as a full disk does.
    let run = try execute(binary, ["batch", input, "--format", "csv", "-o", "/dev/full"])
    #expect(run.code == 73)
    #expect(run.stderr.contains("ổ đĩa đã đầy"))
    // Ended at the first failed write, long before the last row.
    #expect(!run.stderr.contains("dòng 20002"), "\(run.stderr)")
    let finished = try execute(binary, ["batch", input, "--format", "csv", "-o", "/dev/null"])
    #expect(finished.stderr.contains("dòng 20002"), "\(finished.stderr)")
  }
}
