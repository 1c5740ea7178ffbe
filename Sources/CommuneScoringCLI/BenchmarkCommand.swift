import CommuneReports
import CommuneScoring
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `cfc benchmark`: generates communes, then times `cfc batch` CSV → CSV against the time awk
/// takes merely to read every field, and reports throughput and peak memory.
enum BenchmarkCommand {
  static let communes = OptionSpec(
    names: ["--communes", "-n"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "số xã giả lập (mặc định 10000)", en: "number of synthetic communes (default 10000)"))
  static let runs = OptionSpec(
    names: ["--runs"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "số lần đo, lấy lần nhanh nhất (mặc định 5)",
      en: "timed runs; the fastest counts (default 5)"))

  static let help = CommandHelp(
    usage: "cfc benchmark [--communes N] [--runs N]",
    summary: LocalizedText(
      vi:
        "Đo hiệu năng: sinh N xã giả lập vào thư mục tạm, đo thời gian awk chỉ đọc mọi trường (mức sàn), rồi đo `cfc batch` CSV → CSV (chạy như một tiến trình riêng), in số xã mỗi giây và bộ nhớ tối đa. Hãy dùng bản release: swift build -c release.",
      en:
        "Benchmark: generates N synthetic communes in a temporary folder, times awk merely reading every field (the floor), then `cfc batch` CSV → CSV (as its own process), and prints communes per second and peak memory. Use a release build: swift build -c release."
    ),
    options: [communes, runs, CommonOptions.lang],
    examples: [
      "swift build -c release && .build/release/cfc benchmark --communes 10000",
      ".build/release/cfc benchmark --communes 1000000 --runs 1",
    ])

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
    let output = folder.appendingPathComponent("result.csv").path
    let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).path
    func time(_ program: String, _ args: [String]) throws(CLIError) -> Double {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = args
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      let start = DispatchTime.now().uptimeNanoseconds
      do { try process.run() } catch {
        throw CLIError(.cannotRead, ["cannot run \(program): \(error)"])
      }
      process.waitUntilExit()
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      guard process.terminationStatus == 0 else {
        throw CLIError(
          .dataError,
          ["\(program) \(args.joined(separator: " ")) exited \(process.terminationStatus)"])
      }
      return seconds
    }
    terminal.out("generating \(count) communes … ")
    let generateSeconds = try time(me, ["generate", String(count), "-o", input])
    let size = ((try? FileManager.default.attributesOfItem(atPath: input)[.size]) as? Int) ?? 0
    terminal.out(String(format: "%.2f s, %.1f MB\n", generateSeconds, Double(size) / 1e6))
    var awkBest: Double?
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/awk") {
      awkBest = try (0..<repeats).map { _ throws(CLIError) in
        try time("/usr/bin/awk", ["-F,", "{for(i=7;i<=NF;i++)s+=$i} END{print s}", input])
      }.min()
    }
    let cfcBest =
      try (0..<repeats).map { _ throws(CLIError) in
        try time(me, ["batch", input, "--format", "csv", "-o", output])
      }.min() ?? 0
    var usage = rusage()
    #if os(Linux)
      getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    #else
      getrusage(RUSAGE_CHILDREN, &usage)
    #endif
    // ru_maxrss is in kilobytes on Linux, bytes on macOS.
    #if os(Linux)
      let peakMB = Double(usage.ru_maxrss) / 1024
    #else
      let peakMB = Double(usage.ru_maxrss) / 1_048_576
    #endif
    terminal.out(
      "cores: \(ProcessInfo.processInfo.activeProcessorCount), runs: \(repeats) (fastest counts)\n")
    if let awkBest {
      terminal.out(
        String(
          format: "awk reading every field:    %8.3f s  (%.0f rows/s)\n", awkBest,
          Double(count) / awkBest))
    }
    terminal.out(
      String(
        format: "cfc batch CSV → CSV:        %8.3f s  (%.0f communes/s)\n", cfcBest,
        Double(count) / cfcBest))
    if let awkBest {
      terminal.out(String(format: "ratio cfc / awk:            %8.2f ×\n", cfcBest / awkBest))
    }
    terminal.out(String(format: "peak memory (largest child): %7.1f MB\n", peakMB))
    return .success
  }
}
