#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One command a benchmark times: a name for people and its argument vector.
struct BenchmarkCommandLine {
  var name: String
  var argv: [String]
}

/// One child's figures, from its own resource usage.
struct BenchmarkMeasure {
  var wall: Double
  var cpu: Double
  /// Peak resident memory in MB.
  var peak: Double
}

/// Two commands timed in alternating pairs (A B, B A, A B, …), so that neither always meets a
/// warm or a cold cache, nor always the busier moment of a shared machine.
struct BenchmarkPair {
  var a: BenchmarkCommandLine
  var b: BenchmarkCommandLine
  var first: [BenchmarkMeasure] = []
  var second: [BenchmarkMeasure] = []
  /// The CPU that other programs used while the pairs ran, in cores (0.25: a quarter of one
  /// core on average): the machine's busy time from `/proc/stat` less the children's own CPU,
  /// over the children's wall time. Nil where `/proc/stat` cannot be read.
  var othersCores: Double?

  /// Times `repeats` pairs.
  static func run(_ a: BenchmarkCommandLine, _ b: BenchmarkCommandLine, repeats: Int)
    throws(CLIError) -> BenchmarkPair
  {
    var pair = BenchmarkPair(a: a, b: b)
    let busyBefore = BenchmarkChild.machineBusySeconds()
    for index in 0..<repeats {
      if index % 2 == 0 {
        pair.first.append(try BenchmarkChild.measure(a.argv))
        pair.second.append(try BenchmarkChild.measure(b.argv))
      } else {
        pair.second.append(try BenchmarkChild.measure(b.argv))
        pair.first.append(try BenchmarkChild.measure(a.argv))
      }
    }
    if let busyBefore, let busyAfter = BenchmarkChild.machineBusySeconds() {
      let children = pair.first + pair.second
      let wall = children.reduce(0) { $0 + $1.wall }
      let own = children.reduce(0) { $0 + $1.cpu }
      pair.othersCores = wall > 0 ? max(0, busyAfter - busyBefore - own) / wall : nil
    }
    return pair
  }

  /// B's wall time over A's, the median of the pairs.
  var wallRatio: Double { BenchmarkChild.median(zip(second, first).map { $0.wall / $1.wall }) }
  /// B's CPU time over A's, the median of the pairs.
  var cpuRatio: Double { BenchmarkChild.median(zip(second, first).map { $0.cpu / $1.cpu }) }
  /// The highest peak memory of B's runs, in MB.
  var secondPeak: Double { second.map(\.peak).max() ?? 0 }
  /// The highest peak memory of A's runs, in MB.
  var firstPeak: Double { first.map(\.peak).max() ?? 0 }
}

/// Starting and measuring children.
enum BenchmarkChild {
  /// Runs `argv` with its output discarded and measures it by its own resource usage (`wait4`:
  /// wall time around it, CPU user + system, peak resident memory).
  static func measure(_ argv: [String]) throws(CLIError) -> BenchmarkMeasure {
    guard let program = argv.first else { throw CLIError(.usage, ["nothing to run"]) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, program, &actions, nil, pointers, environ)
    guard spawned == 0 else {
      throw CLIError(
        .cannotRead, vi: "không chạy được \(program): lỗi \(spawned)",
        en: "cannot run \(program): error \(spawned)")
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let exited = status & 0x7F == 0
    let code = (status >> 8) & 0xFF
    guard exited, code == 0 else {
      let line = argv.joined(separator: " ")
      throw CLIError(
        .dataError, vi: "\(line) kết thúc với trạng thái \(status)",
        en: "\(line) ended with status \(status)")
    }
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    let wall = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    // ru_maxrss is in kilobytes on Linux, bytes on macOS.
    #if os(Linux)
      let peak = Double(usage.ru_maxrss) / 1024
    #else
      let peak = Double(usage.ru_maxrss) / 1_048_576
    #endif
    return BenchmarkMeasure(
      wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peak: peak)
  }

  /// The CPU time every core of the machine has spent busy since it started, in seconds
  /// (`/proc/stat`: user, nice, system, irq, softirq and steal); nil where it cannot be read.
  static func machineBusySeconds() -> Double? {
    guard let file = try? Files.open("/proc/stat"),
      let head = try? Files.chunk(of: file, path: "/proc/stat", count: 4096),
      let line = head.split(separator: UInt8(ascii: "\n")).first,
      line.starts(with: Array("cpu ".utf8))
    else { return nil }
    let fields = line.split(separator: UInt8(ascii: " ")).dropFirst().map {
      Int(String(decoding: $0, as: UTF8.self))
    }
    guard fields.count >= 8, fields.allSatisfy({ $0 != nil }) else { return nil }
    let ticks = fields.map { $0 ?? 0 }
    let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    guard perSecond > 0 else { return nil }
    // user, nice, system, (idle, iowait), irq, softirq, steal
    return Double(ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) / perSecond
  }

  /// Whether `argv` runs and ends with status 0 (its output discarded).
  static func succeeds(_ argv: [String]) -> Bool {
    do {
      _ = try measure(argv)
      return true
    } catch { return false }
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The system's load average over 1, 5 and 15 minutes, nil when it cannot be read.
  static func loadAverage() -> [Double]? {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) == 3 else { return nil }
    return loads
  }

  /// The first executable called `name` on the PATH.
  static func onPath(_ name: String) -> String? {
    guard let path = getenv("PATH") else { return nil }
    for folder in String(cString: path).split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }
}
