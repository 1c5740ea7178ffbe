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

/// One `cfc benchmark` run: its inputs, the comparisons it prints, and the checks it gathers
/// for the closing summary.
struct BenchmarkRun {
  let terminal: Terminal
  let language: Language
  let count: Int
  let repeats: Int
  var me = ""
  var csv = ""
  var jsonl = ""
  /// One commune's record (the first of the JSON Lines), for `cfc assess`.
  var commune = ""
  /// The hello-world program `cfc assess` is compared with, and how it was made.
  var hello: (path: String, how: String)?
  var checks: [BenchmarkCheck] = []
  /// The highest peak memory of any CSV → CSV run.
  var csvPeak = 0.0

  init(terminal: Terminal, language: Language, count: Int, repeats: Int) {
    self.terminal = terminal
    self.language = language
    self.count = count
    self.repeats = repeats
  }

  func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

  /// Generates the inputs and finds the hello world.
  mutating func prepare(me: String, folder: String, hello given: String?) throws(CLIError) {
    self.me = me
    csv = folder + "/communes.csv"
    jsonl = folder + "/communes.jsonl"
    commune = folder + "/commune.json"
    terminal.out(t("sinh \(grouped(count)) xã … ", "generating \(grouped(count)) communes … "))
    let generated = try BenchmarkChild.measure([me, "generate", String(count), "-o", csv])
    _ = try BenchmarkChild.measure([
      me, "generate", String(count), "--format", "jsonl", "-o", jsonl,
    ])
    var status = stat()
    let size = stat(csv, &status) == 0 ? Int(status.st_size) : 0
    terminal.out(
      "\(decimal(generated.wall, 2)) s, \(decimal(Double(size) / 1e6, 1)) MB CSV\n")
    try writeFirstRecord()
    if let given {
      hello = (given, t("chương trình được chỉ ra: \(given)", "the program given: \(given)"))
    } else {
      hello = buildHello(folder)
    }
    let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    terminal.out(
      t(
        "số lõi: \(cores); \(repeats) cặp mỗi so sánh, chạy xen kẽ (A B, B A, …); mỗi tiến trình con đo bằng wait4: thời gian thực, CPU (user + system), bộ nhớ tối đa; kết quả ghi vào /dev/null\n",
        "cores: \(cores); \(repeats) pairs per comparison, run alternately (A B, B A, …); each child timed by wait4: wall, CPU (user + system), peak memory; output to /dev/null\n"
      ))
    // Wall times and the gain of a second worker mean little on a busy machine: say how busy.
    terminal.out(t("tải trung bình lúc bắt đầu: ", "load average at the start: ") + loads() + "\n")
  }

  /// The line on how far apart the cores are (`BenchmarkCores`).
  func coreDistance(_ when: (vi: String, en: String)) -> String {
    let measured = BenchmarkCores.roundTrip().map { decimal($0, 0) + " ns" }
    return t(
      "  một dòng bộ nhớ đệm đi giữa hai lõi và về, \(when.vi): "
        + (measured ?? "không đo được (không có lõi thứ hai rảnh trong một giây)") + "\n",
      "  a cache line from one core to the other and back, \(when.en): "
        + (measured ?? "not measured (no second core free within a second)") + "\n")
  }

  /// The first JSON Lines record, alone in `commune`.
  func writeFirstRecord() throws(CLIError) {
    let file = try Files.open(jsonl)
    let head = try Files.chunk(of: file, path: jsonl, count: 1 << 16) ?? []
    let line = head.prefix { $0 != UInt8(ascii: "\n") }
    let output = try Output(commune)
    output.write(bytes: line[...])
    try output.commit()
  }

  /// A static hello world built with `swiftc`, the way the README builds `cfc`; nil without a
  /// Swift compiler.
  func buildHello(_ folder: String) -> (path: String, how: String)? {
    guard let swiftc = BenchmarkChild.onPath("swiftc") else { return nil }
    let source = folder + "/hello.swift"
    let program = folder + "/hello"
    guard let output = try? Output(source) else { return nil }
    output.write(bytes: Array("print(\"Hello, world!\")\n".utf8)[...])
    guard (try? output.commit()) != nil,
      BenchmarkChild.succeeds([swiftc, "-O", "-static-stdlib", source, "-o", program])
    else { return nil }
    return (
      program,
      t(
        "print(\"Hello, world!\") dịch bằng swiftc -O -static-stdlib",
        "print(\"Hello, world!\") built with swiftc -O -static-stdlib")
    )
  }

  // MARK: - Comparisons

  /// `cfc batch` in every streaming format, against awk and against itself.
  mutating func compareBatches() throws(CLIError) {
    let batch = [me, "batch", csv]
    let csvOut = BenchmarkCommandLine(name: "CSV → CSV", argv: batch + ["--format", "csv"])
    let awks = ["/usr/bin/awk", "/bin/awk"]
    if let awk = awks.first(where: { path in access(path, X_OK) == 0 }) {
      let floor = BenchmarkCommandLine(
        name: t("awk chỉ đọc mọi trường", "awk reading every field"),
        argv: [awk, "-F,", "{for(i=7;i<=NF;i++)s+=$i} END{print s}", csv])
      let pair = try compare(floor, csvOut)
      checks += BenchmarkTargets.floor(count: count, wall: pair.wallRatio, cpu: pair.cpuRatio)
    }
    let one = BenchmarkCommandLine(
      name: "CSV → CSV, --jobs 1", argv: csvOut.argv + ["--jobs", "1"])
    let two = BenchmarkCommandLine(
      name: "CSV → CSV, --jobs 2", argv: csvOut.argv + ["--jobs", "2"])
    let before = coreDistance((vi: "trước khi đo", en: "before the pairs"))
    let workers = try compare(one, two)
    terminal.out(before + coreDistance((vi: "sau khi đo", en: "after them")))
    let speedUp = BenchmarkChild.median(
      zip(workers.first, workers.second).map { $0.wall / $1.wall })
    terminal.out(
      t("  hai luồng nhanh gấp ", "  two workers are ") + times(speedUp)
        + t(" một luồng\n", " as fast as one\n"))
    if let others = workers.othersCores {
      terminal.out(
        t("  chương trình khác dùng trong lúc đo: ", "  other programs used, meanwhile: ")
          + decimal(others, 2) + t(" lõi\n", " of a core\n"))
    }
    checks.append(
      BenchmarkTargets.workers(
        speedUp: speedUp, cores: sysconf(Int32(_SC_NPROCESSORS_ONLN)),
        others: workers.othersCores, count: count))

    let jsonOut = BenchmarkCommandLine(
      name: "CSV → JSON Lines", argv: batch + ["--format", "jsonl"])
    if BenchmarkChild.succeeds([me, "batch", commune, "--format", "jsonl"]) {
      let pair = try compare(csvOut, jsonOut)
      let rate = Double(count) / BenchmarkChild.median(pair.second.map(\.wall))
      checks.append(BenchmarkTargets.jsonRate(rate, count: count))
      checks.append(BenchmarkTargets.memory("jsonl", peak: pair.secondPeak, count: count))
    } else {
      terminal.out(
        t(
          "\ncfc này chưa có --format jsonl: bỏ qua đầu ra JSON\n",
          "\nthis cfc has no --format jsonl: JSON out skipped\n"))
      var check = BenchmarkTargets.jsonRate(.nan, count: count)
      check.unjudged = LocalizedText(vi: "chưa có --format jsonl", en: "no --format jsonl yet")
      checks.append(check)
    }

    let linesIn = BenchmarkCommandLine(
      name: "JSON Lines → CSV", argv: [me, "batch", jsonl, "--format", "csv"])
    checks.append(
      BenchmarkTargets.jsonLinesIn(try compare(csvOut, linesIn).wallRatio, count: count))

    let xlsx = BenchmarkCommandLine(name: "CSV → xlsx", argv: batch + ["--format", "xlsx"])
    let xlsxPair = try compare(csvOut, xlsx)
    checks.append(BenchmarkTargets.xlsx(xlsxPair.wallRatio, count: count))
    checks.append(BenchmarkTargets.memory("xlsx", peak: xlsxPair.secondPeak, count: count))
    for format in ["text", "html"] {
      let other = BenchmarkCommandLine(
        name: "CSV → \(format)", argv: batch + ["--format", format])
      let pair = try compare(csvOut, other)
      checks.append(BenchmarkTargets.memory(format, peak: pair.secondPeak, count: count))
    }
    checks.insert(
      BenchmarkTargets.memory("csv", peak: csvPeak, count: count),
      at: checks.firstIndex { $0.unit == .megabytes } ?? checks.endIndex)
  }

  /// `cfc assess` of one commune against a hello world and against `cfc --version`.
  mutating func compareAssess() throws(CLIError) {
    let assessRuns = repeats * 20
    let assess = BenchmarkCommandLine(name: "cfc assess", argv: [me, "assess", commune])
    terminal.out(
      t(
        "\ncfc assess một xã (\(assessRuns) cặp): ",
        "\ncfc assess of one commune (\(assessRuns) pairs): "))
    if let hello {
      terminal.out(t("hello world: ", "hello world: ") + hello.how + "\n")
      let pair = try compare(
        BenchmarkCommandLine(name: "hello world", argv: [hello.path]), assess, repeats: assessRuns,
        title: false)
      checks.append(BenchmarkTargets.assess(pair.wallRatio, against: hello.path))
    } else {
      terminal.out(
        t(
          "không có swiftc để dịch hello world (--hello TỆP để chỉ ra một chương trình)\n",
          "no swiftc to build a hello world (--hello FILE names one)\n"))
      checks.append(BenchmarkTargets.assess(.nan, against: nil))
    }
    // The same binary doing nothing but start: what the assessment itself adds to a start.
    let version = BenchmarkCommandLine(name: "cfc --version", argv: [me, "--version"])
    terminal.out(
      t(
        "\ncfc assess so với cfc --version (cùng tệp, chỉ khởi động rồi thoát):\n",
        "\ncfc assess against cfc --version (the same binary, starting and ending only):\n"))
    _ = try compare(version, assess, repeats: assessRuns, title: false)
  }

  /// Times `a` against `b` in alternating pairs and prints both and their ratios.
  mutating func compare(
    _ a: BenchmarkCommandLine, _ b: BenchmarkCommandLine, repeats: Int? = nil, title: Bool = true
  ) throws(CLIError) -> BenchmarkPair {
    let pair = try BenchmarkPair.run(a, b, repeats: repeats ?? self.repeats)
    if title { terminal.out("\n\(b.name) \(t("so với", "against")) \(a.name):\n") }
    let width = max(a.name.count, b.name.count)
    // A rate for the commands that read the generated communes (not one commune's assessment).
    func reads(_ command: BenchmarkCommandLine) -> Bool {
      command.argv.contains(csv) || command.argv.contains(jsonl)
    }
    terminal.out(line("A", a.name, pair.first, width: width, rate: reads(a)))
    terminal.out(line("B", b.name, pair.second, width: width, rate: reads(b)))
    terminal.out(
      t(
        "  tỉ lệ B / A (trung vị các cặp): thời gian thực ",
        "  ratio B / A (median of pairs): wall ")
        + times(pair.wallRatio) + ", CPU " + times(pair.cpuRatio) + "\n")
    for (command, runs) in [(a, pair.first), (b, pair.second)]
    where command.argv.count > 3 && command.argv[1] == "batch" && command.argv[2] == csv
      && command.argv.contains("csv")
    {
      csvPeak = max(csvPeak, runs.map(\.peak).max() ?? 0)
    }
    return pair
  }

  /// One command's figures: medians with their extremes, the rate of a batch, the peak memory.
  func line(
    _ label: String, _ name: String, _ runs: [BenchmarkMeasure], width: Int, rate: Bool
  ) -> String {
    let walls = runs.map(\.wall)
    let cpus = runs.map(\.cpu)
    let wall = BenchmarkChild.median(walls)
    let short = wall < 0.1
    func time(_ value: Double) -> String {
      short ? decimal(value * 1000, 2) : decimal(value, 3)
    }
    let unit = short ? "ms" : "s"
    func spread(_ values: [Double]) -> String {
      "\(time(BenchmarkChild.median(values))) \(unit) (\(time(values.min() ?? 0))–\(time(values.max() ?? 0)))"
    }
    let padded = name + String(repeating: " ", count: max(0, width - name.count))
    var text =
      "  \(label) \(padded)  \(t("thời gian thực", "wall")) \(spread(walls))  CPU \(spread(cpus))"
    if rate {
      text += "  \(grouped(Int((Double(count) / wall).rounded())))\(t(" xã/giây", " /s"))"
    }
    return text + "  \(t("bộ nhớ", "peak")) \(decimal(runs.map(\.peak).max() ?? 0, 1)) MB\n"
  }

  /// The closing list: every target of issue 12 with its verdict.
  func summary() {
    terminal.out(
      t(
        "\nCác mục tiêu của issue 12 (\(grouped(count)) xã; tỉ lệ là trung vị các cặp):\n",
        "\nIssue 12's targets (\(grouped(count)) communes; ratios are medians of the pairs):\n"))
    for check in checks { terminal.out(check.line(language) + "\n") }
    terminal.out(
      t("\ntải trung bình lúc kết thúc: ", "\nload average at the end: ") + loads() + "\n")
  }

  // MARK: - Numbers

  func decimal(_ value: Double, _ places: Int) -> String {
    BenchmarkCheck.decimal(value, places: places, language)
  }

  func grouped(_ value: Int) -> String { BenchmarkCheck.grouped(value, language) }

  func times(_ value: Double) -> String { BenchmarkCheck.show(value, .times, language) }

  func loads() -> String {
    BenchmarkChild.loadAverage().map { $0.map { decimal($0, 2) }.joined(separator: "; ") }
      ?? t("không rõ", "unknown")
  }
}
