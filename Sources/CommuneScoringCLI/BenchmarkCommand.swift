import CommuneReports
import CommuneScoring

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

/// `cfc benchmark`: generates communes, then times pairs of commands run alternately (awk merely
/// reading every field against `cfc batch` CSV → CSV, one worker against two, …), each child by
/// its own resource usage, and prints medians, extremes and the ratio per pair.
enum BenchmarkCommand {
  static let communes = OptionSpec(
    names: ["--communes", "-n"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "số xã giả lập (mặc định 10000)", en: "number of synthetic communes (default 10000)"))
  static let runs = OptionSpec(
    names: ["--runs"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "số cặp lần đo cho mỗi so sánh, lấy trung vị (mặc định 5)",
      en: "timed pairs per comparison; medians count (default 5)"))

  static let help = CommandHelp(
    usage: "cfc benchmark [--communes N] [--runs N]",
    summary: LocalizedText(
      vi:
        "Đo hiệu năng: sinh N xã giả lập vào thư mục tạm, rồi đo từng cặp lệnh chạy xen kẽ (awk chỉ đọc mọi trường — mức sàn — với `cfc batch` CSV → CSV; một luồng với hai luồng; đầu ra JSON; đầu vào JSON Lines). Mỗi tiến trình con được đo bằng chính mức dùng tài nguyên của nó (thời gian thực, CPU, bộ nhớ tối đa); in trung vị, nhỏ nhất, lớn nhất và tỉ lệ mỗi cặp. Hãy dùng bản release: swift build -c release.",
      en:
        "Benchmark: generates N synthetic communes in a temporary folder, then times pairs of commands run alternately (awk merely reading every field — the floor — against `cfc batch` CSV → CSV; one worker against two; JSON out; JSON Lines in). Each child is measured by its own resource usage (wall, CPU, peak memory); prints the median, minimum, maximum and the ratio of each pair. Use a release build: swift build -c release."
    ),
    options: [communes, runs, CommonOptions.lang],
    examples: [
      "swift build -c release && .build/release/cfc benchmark --communes 10000",
      ".build/release/cfc benchmark --communes 1000000 --runs 3",
    ])

  /// One child's figures.
  struct Measure {
    var wall: Double
    var cpu: Double
    /// Peak resident memory in MB.
    var peak: Double
  }

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    let count = Int(parsed.value("--communes") ?? "10000") ?? -1
    let repeats = Int(parsed.value("--runs") ?? "5") ?? -1
    guard count > 0, repeats > 0 else {
      throw CLIError(
        .usage, ["--communes and --runs need whole numbers above 0"], usage: help.usage)
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cfc-benchmark-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("communes.csv").path
    let lines = folder.appendingPathComponent("communes.jsonl").path
    let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).path
    terminal.out("generating \(count) communes … ")
    let generated = try measure(me, ["generate", String(count), "-o", input])
    _ = try measure(me, ["generate", String(count), "--format", "jsonl", "-o", lines])
    let size = ((try? FileManager.default.attributesOfItem(atPath: input)[.size]) as? Int) ?? 0
    terminal.out(printf("%.2f s, %.1f MB CSV\n", generated.wall, Double(size) / 1e6))
    let cores = ProcessInfo.processInfo.activeProcessorCount
    terminal.out(
      "cores: \(cores); \(repeats) pairs per comparison, run alternately (A B, B A, …); "
        + "each child timed by wait4: wall, CPU (user + system), peak memory\n")
    // Wall times and the gain of a second worker mean little on a busy machine: say how busy.
    terminal.out("load average at the start: \(loadAverage())\n")
    defer { terminal.out("\nload average at the end: \(loadAverage())\n") }
    let awk = ["/usr/bin/awk", "-F,", "{for(i=7;i<=NF;i++)s+=$i} END{print s}", input]
    // Results go to /dev/null, as awk's do: the figures are those of the work, not of the disk.
    let csv = [me, "batch", input, "--format", "csv"]
    var pairs: [(String, [String], String, [String])] = []
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/awk") {
      pairs.append(("awk reading every field", awk, "cfc batch CSV → CSV", csv))
    }
    pairs += [
      (
        "CSV → CSV, --jobs 1", csv + ["--jobs", "1"], "CSV → CSV, --jobs 2", csv + ["--jobs", "2"]
      ),
      ("CSV → CSV", csv, "CSV → JSON", [me, "batch", input, "--format", "json"]),
      (
        "CSV in → CSV", csv, "JSON Lines in → CSV",
        [me, "batch", lines, "--format", "csv"]
      ),
    ]
    for (nameA, commandA, nameB, commandB) in pairs {
      var a: [Measure] = []
      var b: [Measure] = []
      for pair in 0..<repeats {
        // Alternate which goes first, so neither always meets a warm or a cold cache.
        if pair % 2 == 0 {
          a.append(try measure(commandA[0], Array(commandA.dropFirst())))
          b.append(try measure(commandB[0], Array(commandB.dropFirst())))
        } else {
          b.append(try measure(commandB[0], Array(commandB.dropFirst())))
          a.append(try measure(commandA[0], Array(commandA.dropFirst())))
        }
      }
      terminal.out("\n\(nameB) against \(nameA):\n")
      terminal.out(report(nameA, a, count: count))
      terminal.out(report(nameB, b, count: count))
      let wallRatio = median(zip(b, a).map { $0.wall / $1.wall })
      let cpuRatio = median(zip(b, a).map { $0.cpu / $1.cpu })
      terminal.out(
        printf("  ratio B / A (median of pairs): wall %.2f ×, CPU %.2f ×\n", wallRatio, cpuRatio)
      )
    }
    return .success
  }

  /// The system's load average over 1, 5 and 15 minutes ("unknown" when it cannot be read).
  static func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) == 3 else { return "unknown" }
    return loads.map { printf("%.2f", $0) }.joined(separator: ", ")
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  static func report(_ name: String, _ measures: [Measure], count: Int) -> String {
    let walls = measures.map(\.wall)
    let cpus = measures.map(\.cpu)
    let wall = median(walls)
    let padded = name + String(repeating: " ", count: max(0, 26 - name.count))
    return "  " + padded
      + printf(
        " wall %7.3f s (min %.3f, max %.3f)  CPU %7.3f s (min %.3f, max %.3f)  %9.0f /s  peak %6.1f MB\n",
        wall, walls.min() ?? 0, walls.max() ?? 0, median(cpus), cpus.min() ?? 0,
        cpus.max() ?? 0, Double(count) / wall, measures.map(\.peak).max() ?? 0)
  }

  /// `format` filled as C's printf fills it (numbers only; FoundationEssentials has no
  /// `String(format:)`).
  static func printf(_ format: String, _ arguments: CVarArg...) -> String {
    withVaList(arguments) { list in
      var buffer = [CChar](repeating: 0, count: 512)
      let written = Int(vsnprintf(&buffer, buffer.count, format, list))
      let bytes = buffer.prefix(min(max(written, 0), buffer.count - 1)).map {
        UInt8(bitPattern: $0)
      }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// Runs `program` with its output discarded and measures it by its own resource usage.
  static func measure(_ program: String, _ arguments: [String]) throws(CLIError) -> Measure {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
    guard spawned == 0 else {
      throw CLIError(.cannotRead, ["cannot run \(program): error \(spawned)"])
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let exited = status & 0x7F == 0
    let code = (status >> 8) & 0xFF
    guard exited, code == 0 else {
      throw CLIError(
        .dataError, ["\(program) \(arguments.joined(separator: " ")) ended with status \(status)"])
    }
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    let wall = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    // ru_maxrss is in kilobytes on Linux, bytes on macOS.
    #if os(Linux)
      let peak = Double(usage.ru_maxrss) / 1024
    #else
      let peak = Double(usage.ru_maxrss) / 1_048_576
    #endif
    return Measure(
      wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peak: peak)
  }
}
