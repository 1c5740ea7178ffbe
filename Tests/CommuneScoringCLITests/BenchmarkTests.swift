import CommuneScoring
import Foundation
import Testing

@testable import CommuneScoringCLI

/// `cfc benchmark` sets every figure of issue 12 against its target, and judges only what the
/// run can tell.
@Suite("Benchmark")
struct BenchmarkTests {
  @Test("a figure within its limit is met, one beyond it is not, and either way the line says so")
  func verdicts() {
    let within = BenchmarkTargets.xlsx(2.5, count: 1_000_000)
    let beyond = BenchmarkTargets.xlsx(3.2, count: 1_000_000)
    #expect(within.met == true)
    #expect(beyond.met == false)
    #expect(
      within.line(.en) == "  ✓ xlsx out against CSV out, wall time: 2.50 × (target ≤ 3.00 ×) — met")
    #expect(beyond.line(.vi).hasSuffix("3,20 × (mục tiêu ≤ 3,00 ×) — chưa đạt"))
    #expect(BenchmarkTargets.jsonRate(123_456, count: 1_000_000).met == true)
    #expect(
      BenchmarkTargets.workers(speedUp: 1.5, cores: 2, others: 0.05, count: 1_000_000).met == false)
  }

  @Test("a target stated for 1,000,000 communes is not judged on fewer, nor on a busy machine")
  func unjudged() {
    let memory = BenchmarkTargets.memory("xlsx", peak: 20, count: 10_000)
    #expect(memory.met == nil)
    #expect(memory.line(.en).contains("not judged: the target is for 1,000,000 communes"))
    #expect(BenchmarkTargets.memory("xlsx", peak: 20, count: 1_000_000).met == true)
    let busy = BenchmarkTargets.workers(speedUp: 1.9, cores: 2, others: 0.4, count: 1_000_000)
    #expect(busy.met == nil)
    #expect(busy.line(.en).contains("other programs used 0.40 of a core meanwhile"))
    #expect(
      BenchmarkTargets.workers(speedUp: 1.9, cores: 2, others: 0.02, count: 1_000_000).met == true)
    #expect(
      BenchmarkTargets.workers(speedUp: 1.9, cores: 2, others: nil, count: 1_000_000).met == nil)
    #expect(
      BenchmarkTargets.workers(speedUp: 1.9, cores: 1, others: 0, count: 1_000_000).met == nil)
    #expect(BenchmarkTargets.assess(1.5, against: nil).met == nil)
    #expect(
      BenchmarkTargets.floor(count: 1_000_000, wall: 0.3, cpu: 0.6).map(\.met) == [true, false])
    #expect(BenchmarkTargets.floor(count: 10_000, wall: 0.9, cpu: 2).map(\.met) == [true])
  }

  @Test("the CPU other programs use is read from the machine, and grows while one runs")
  func othersCPU() throws {
    #if os(Linux)
      let before = try #require(BenchmarkChild.machineBusySeconds())
      var spin = 0
      let start = ContinuousClock.now
      while ContinuousClock.now - start < .milliseconds(300) { spin &+= 1 }
      let after = try #require(BenchmarkChild.machineBusySeconds())
      #expect(after - before >= 0.2, "busy \(after - before) s while spinning 0.3 s (\(spin))")
    #endif
  }

  @Test("how far apart the cores are is measured without hanging, or said not to be")
  func coreDistance() {
    // Other tests keep the cores busy meanwhile, so the other thread may not get a core: the
    // measurement then gives up after a second rather than spin on.
    let start = ContinuousClock.now
    let measured = BenchmarkCores.roundTrip(trips: 1_000, batches: 3)
    #expect(ContinuousClock.now - start < .seconds(3))
    if sysconf(Int32(_SC_NPROCESSORS_ONLN)) < 2 { #expect(measured == nil) }
    if let measured {
      // A cache line's round trip takes tens to hundreds of nanoseconds.
      #expect(measured > 1 && measured < 1_000_000, "\(measured) ns")
    }
  }

  @Test("a count that is not a whole number above 0 is refused, naming the option and the value")
  func badCounts() {
    for (option, value) in [("--communes", "abc"), ("--runs", "0"), ("-n", "-1")] {
      let run = cfc("benchmark", option, value, "--lang", "en")
      #expect(run.code == 64)
      let name = option == "-n" ? "--communes" : option
      #expect(
        run.stderr.contains("option '\(name)' needs a whole number above 0, not '\(value)'"),
        "\(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
  }

  @Test("numbers are written the reader's way")
  func numbers() {
    #expect(BenchmarkCheck.decimal(0.354, places: 2, .vi) == "0,35")
    #expect(BenchmarkCheck.decimal(12.05, places: 1, .en) == "12.1")
    #expect(BenchmarkCheck.grouped(1_234_567, .vi) == "1.234.567")
    #expect(BenchmarkCheck.show(100_000, .perSecond, .en) == "100,000 /s")
  }

  @Test("a short run times every comparison and ends with every target and its verdict")
  func shortRun() throws {
    let binary = try #require(builtBinary())
    let run = cfc(
      "benchmark", "--communes", "300", "--runs", "1", "--cfc", binary, "--hello", "/bin/true",
      "--lang", "en")
    #expect(run.code == 0, "\(run.stderr)")
    for heading in [
      "CSV → CSV against awk reading every field:",
      "CSV → CSV, --jobs 2 against CSV → CSV, --jobs 1:",
      "CSV → JSON Lines against CSV → CSV:", "JSON Lines → CSV against CSV → CSV:",
      "CSV → xlsx against CSV → CSV:", "CSV → text against CSV → CSV:",
      "CSV → html against CSV → CSV:", "cfc assess against cfc --version",
      "Issue 12's targets (300 communes",
      "a cache line from one core to the other and back, before the pairs:",
    ] {
      #expect(run.stdout.contains(heading), "\(heading)")
    }
    // Every command that reads the generated communes shows its rate, however short its run.
    let rates = run.stdout.split(separator: "\n").filter {
      $0.hasPrefix("  A ") || $0.hasPrefix("  B ")
    }
    .filter {
      !$0.contains("hello world") && !$0.contains("cfc assess") && !$0.contains("--version")
    }
    #expect(rates.count >= 14)
    for line in rates { #expect(line.contains(" /s  peak"), "\(line)") }
    let summary = run.stdout.components(separatedBy: "Issue 12's targets")[1]
    for target in [
      "wall time, start-up included", "two workers faster than one", "JSON out (--format jsonl)",
      "JSON Lines in against CSV in", "xlsx out against CSV out", "peak memory, --format csv",
      "peak memory, --format jsonl", "peak memory, --format xlsx", "peak memory, --format text",
      "peak memory, --format html", "cfc assess of one commune against a hello-world",
    ] {
      #expect(summary.contains(target), "\(target)")
    }
  }
}
