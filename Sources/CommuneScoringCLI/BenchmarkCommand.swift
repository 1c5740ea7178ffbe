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

/// `cfc benchmark`: generates communes, times pairs of commands run alternately, each child by
/// its own resource usage, and sets every figure of issue 12 against its target.
enum BenchmarkCommand {
  static let communes = OptionSpec(
    names: ["--communes", "-n"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "số xã giả lập (mặc định 10000; các mục tiêu tốc độ và bộ nhớ tính ở 1000000)",
      en:
        "number of synthetic communes (default 10000; the speed and memory targets are for 1000000)"
    ))
  static let runs = OptionSpec(
    names: ["--runs"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "số cặp lần đo cho mỗi so sánh, lấy trung vị (mặc định 5; lệnh assess: 20 lần số này)",
      en: "timed pairs per comparison; medians count (default 5; assess: 20 times as many)"))
  static let hello = OptionSpec(
    names: ["--hello"], valueName: "FILE", allowed: nil,
    help: LocalizedText(
      vi:
        "chương trình Swift hello world để so với cfc assess (mặc định: tự dịch bằng swiftc nếu có)",
      en:
        "a hello-world Swift program to compare cfc assess with (default: built with swiftc when found)"
    ))
  static let binary = OptionSpec(
    names: ["--cfc"], valueName: "FILE", allowed: nil,
    help: LocalizedText(
      vi: "tệp cfc được đo (mặc định: chính tệp này)",
      en: "the cfc binary to time (default: this one)"))

  static let help = CommandHelp(
    usage: "cfc benchmark [--communes N] [--runs N] [--hello FILE] [--cfc FILE] [--lang vi|en]",
    summary: LocalizedText(
      vi:
        "Đo hiệu năng theo các mục tiêu của issue 12: sinh N xã giả lập vào thư mục tạm (CSV và JSON Lines), rồi đo từng cặp lệnh chạy xen kẽ (A B, B A, …): awk chỉ đọc mọi trường (mức sàn) với `cfc batch` CSV → CSV; một luồng với hai luồng; đầu ra CSV với JSON Lines, xlsx, văn bản và HTML; đầu vào CSV với JSON Lines; `cfc assess` một xã với một chương trình Swift hello world và với `cfc --version`. Mỗi tiến trình con được đo bằng chính mức dùng tài nguyên của nó (wait4: thời gian thực, CPU, bộ nhớ tối đa); in trung vị, nhỏ nhất, lớn nhất, trung vị tỉ lệ của các cặp, rồi từng mục tiêu với kết luận đạt hay chưa. Hãy dùng bản release: swift build -c release --static-swift-stdlib.",
      en:
        "Benchmark against issue 12's targets: generates N synthetic communes in a temporary folder (CSV and JSON Lines), then times pairs of commands run alternately (A B, B A, …): awk merely reading every field (the floor) against `cfc batch` CSV → CSV; one worker against two; CSV out against JSON Lines, xlsx, text and HTML out; CSV in against JSON Lines in; `cfc assess` of one commune against a hello-world Swift program and against `cfc --version`. Each child is measured by its own resource usage (wait4: wall, CPU, peak memory); prints medians, extremes, the median of the pairs' ratios, then every target with its verdict. Use a release build: swift build -c release --static-swift-stdlib."
    ),
    options: [communes, runs, hello, binary, CommonOptions.lang],
    examples: [
      "swift build -c release --static-swift-stdlib && .build/release/cfc benchmark",
      ".build/release/cfc benchmark --communes 1000000 --runs 3 --lang en",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    let language = parsed.language
    func positive(_ option: String, _ fallback: Int) throws(CLIError) -> Int {
      guard let text = parsed.value(option) else { return fallback }
      guard let value = Int(text), value > 0 else {
        throw CLIError(
          .usage, vi: "tùy chọn '\(option)' cần một số nguyên lớn hơn 0, không phải '\(text)'",
          en: "option '\(option)' needs a whole number above 0, not '\(text)'",
          usage: help.usage)
      }
      return value
    }
    let count = try positive("--communes", 10000)
    let repeats = try positive("--runs", 5)
    let me = parsed.value("--cfc").map(absolute) ?? ownPath()
    let folder = FileManager.default.temporaryDirectory.path + "/cfc-benchmark-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var bench = BenchmarkRun(terminal: terminal, language: language, count: count, repeats: repeats)
    try bench.prepare(me: me, folder: folder, hello: parsed.value("--hello").map(absolute))
    try bench.compareBatches()
    try bench.compareAssess()
    bench.summary()
    return .success
  }

  /// The path of the running executable (posix_spawn needs one; `argv[0]` may be a bare name).
  static func ownPath() -> String {
    #if os(Linux)
      if let resolved = realpath("/proc/self/exe", nil) {
        defer { free(resolved) }
        return String(cString: resolved)
      }
    #endif
    return absolute(CommandLine.arguments[0])
  }

  /// `path` made absolute against the working folder.
  static func absolute(_ path: String) -> String {
    guard !path.hasPrefix("/") else { return path }
    return FileManager.default.currentDirectoryPath + "/" + path
  }
}
