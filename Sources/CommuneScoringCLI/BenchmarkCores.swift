import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How far apart the machine's cores are: the time a cache line takes from one core to another
/// and back, measured by two threads handing a counter to each other.
///
/// Two workers hand every round's bytes, records and results from one core to the other. On a
/// virtual machine the two cores are at times close (a shared cache: about 80 ns there and back
/// here) and at times far apart (about 400 ns here); two workers then spend about a tenth more
/// CPU than one, while two separate programs do not slow each other. The benchmark prints this
/// figure so that such a run can be told from a slower program.
enum BenchmarkCores {
  final class Line: Sendable {
    let value = Atomic<Int>(0)
  }

  /// The median time of a round trip in nanoseconds (over batches of `trips`), or nil with one
  /// core or when the other thread does not answer within a second.
  static func roundTrip(trips: Int = 4_000, batches: Int = 5) -> Double? {
    guard sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2 else { return nil }
    let line = Line()
    let answered = DispatchSemaphore(value: 0)
    let total = trips * (batches + 1)
    // The other thread answers each odd value with the next even one; -1 tells it to stop. A
    // queue of its own gets a thread even when the shared pool's threads are all busy.
    DispatchQueue(label: "cfc.benchmark.cores").async {
      defer { answered.signal() }
      for trip in 0..<total {
        while true {
          let value = line.value.load(ordering: .acquiring)
          if value == -1 { return }
          if value == 2 * trip + 1 { break }
        }
        line.value.store(2 * trip + 2, ordering: .releasing)
      }
    }
    let start = DispatchTime.now().uptimeNanoseconds
    var times: [Double] = []
    var batchStart = start
    for trip in 0..<total {
      line.value.store(2 * trip + 1, ordering: .releasing)
      var spins = 0
      while line.value.load(ordering: .acquiring) != 2 * trip + 2 {
        spins += 1
        // A thread that never starts (one core free after all) must not hang the benchmark.
        if spins & 0xFFFF == 0, DispatchTime.now().uptimeNanoseconds - start > 1_000_000_000 {
          line.value.store(-1, ordering: .releasing)
          answered.wait()
          return nil
        }
      }
      // The first batch warms up (and waits for the other thread to start): not counted.
      if (trip + 1) % trips == 0 {
        let now = DispatchTime.now().uptimeNanoseconds
        if trip + 1 > trips { times.append(Double(now - batchStart) / Double(trips)) }
        batchStart = now
      }
    }
    answered.wait()
    return BenchmarkChild.median(times)
  }
}
