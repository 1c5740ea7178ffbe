import Synchronization

// The batch engine's pipeline, without a barrier between rounds. The caller's thread reads and
// cuts chunks into rounds (a few rounds ahead, so memory stays flat) and delivers each round,
// in input order, once all its groups are scored; the executor's other lanes score groups,
// taking them from one queue in input order. When the caller's thread has nothing to deliver
// and nothing to cut, it scores groups too: it never waits for a lane while there is work,
// so a serial executor (no lanes, or lanes that run only after it) does everything itself.

/// Lets a thread of the batch engine sleep until another wakes it: a counting semaphore.
///
/// Each `signal` lets one `wait` return, now or later; a signal given before the wait is not
/// lost. Executors with threads give one that sleeps (`BatchExecutor.makeSignal`).
public protocol BatchSignal: Sendable {
  /// Returns once a signal not yet taken has been given.
  func wait()
  /// Gives one signal.
  func signal()
}

/// A signal waited for by spinning: right everywhere, but it keeps a core busy while it waits,
/// so executors with threads of their own give one that sleeps instead.
public final class SpinningBatchSignal: BatchSignal {
  let given = Atomic<Int>(0)

  public init() {}

  public func wait() {
    while true {
      let count = given.load(ordering: .acquiring)
      if count > 0,
        given.compareExchange(
          expected: count, desired: count - 1, ordering: .acquiringAndReleasing
        ).exchanged
      {
        return
      }
    }
  }

  public func signal() { given.add(1, ordering: .releasing) }
}

/// The byte buffers of groups already delivered, handed back to the workers: a group of
/// `--format jsonl` is half a megabyte of bytes, and a new buffer for every group costs the
/// kernel's fresh zeroed pages (and growing it, copies), while a buffer used again is warm.
final class BatchBufferPool: Sendable {
  let free = Mutex<[[UInt8]]>([])
  /// Buffers kept at most (the rest are freed): more than the groups a run keeps in flight.
  let limit: Int

  init(limit: Int) { self.limit = limit }

  /// An empty buffer, with the capacity of one given back when there is one.
  func take() -> [UInt8] {
    free.withLock { $0.popLast() } ?? []
  }

  /// Takes `bytes` back for another group (its storage is kept only if nothing else holds it).
  func give(_ bytes: consuming [UInt8]) {
    var bytes = bytes
    guard bytes.capacity > 0 else { return }
    bytes.removeAll(keepingCapacity: true)
    free.withLock { free in
      if free.count < limit { free.append(bytes) }
    }
  }
}

/// One chunk's raw records on their way through the pipeline, with the groups they are scored
/// in and, as they come, the groups' outputs.
final class BatchRound: Sendable {
  let batch: RecordBatch
  let worker: Worker
  let groups: [Range<Int>]
  /// Notes found while cutting this chunk: delivered before its records.
  let notes: [ReadingNote]
  let outputs: Mutex<[GroupOutput?]>
  /// Groups not scored yet.
  let remaining: Atomic<Int>

  init(_ batch: RecordBatch, worker: Worker, groupSize: Int) {
    self.batch = batch
    self.worker = worker
    notes = batch.notes
    let count = batch.records.count
    groups = stride(from: 0, to: count, by: groupSize).map { $0..<min(count, $0 + groupSize) }
    outputs = Mutex(Array(repeating: nil, count: groups.count))
    remaining = Atomic(groups.count)
  }

  /// Whether every group is scored (its outputs may then be taken).
  var isComplete: Bool { remaining.load(ordering: .acquiring) == 0 }

  /// Scores group `index`; tells `queue` when it was the round's last.
  func score(_ index: Int, queue: BatchJobQueue) {
    let output = worker.process(batch, groups[index])
    outputs.withLock { $0[index] = output }
    if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
      queue.roundCompleted()
    }
  }

  /// The groups' outputs in input order (once complete).
  func takeOutputs() -> [GroupOutput] {
    outputs.withLock { outputs in
      defer { outputs = [] }
      return outputs.compactMap { $0 }
    }
  }
}

/// The groups waiting to be scored, in input order, shared by the caller's thread and the
/// lanes; and who sleeps until what.
final class BatchJobQueue: Sendable {
  struct State {
    /// Rounds with groups not handed out yet; `next` is the first such group of the first.
    var rounds: [BatchRound] = []
    var next = 0
    var closed = false
    /// Lanes asleep (or about to be) on `laneSignal`.
    var sleepingLanes = 0
    /// Whether the caller's thread sleeps (or is about to) on `mainSignal`.
    var mainWaiting = false

    mutating func take() -> (BatchRound, Int)? {
      guard let round = rounds.first else { return nil }
      let index = next
      next += 1
      if next == round.groups.count {
        rounds.removeFirst()
        next = 0
      }
      return (round, index)
    }
  }

  /// What the caller's thread does next when it cannot deliver or cut.
  enum Step {
    /// The round it waits for is complete.
    case deliver
    /// Score this group.
    case score(BatchRound, Int)
    /// Every group of the round it waits for is being scored by a lane: sleep.
    case wait
  }

  let state = Mutex(State())
  let laneSignal: any BatchSignal
  let mainSignal: any BatchSignal

  init(laneSignal: any BatchSignal, mainSignal: any BatchSignal) {
    self.laneSignal = laneSignal
    self.mainSignal = mainSignal
  }

  /// Queues the groups of `round`, waking as many sleeping lanes as it has groups.
  func push(_ round: BatchRound) {
    guard !round.groups.isEmpty else { return }
    let wake = state.withLock { state in
      state.rounds.append(round)
      let wake = min(state.sleepingLanes, round.groups.count)
      state.sleepingLanes -= wake
      return wake
    }
    for _ in 0..<wake { laneSignal.signal() }
  }

  /// A lane's next group, sleeping until there is one; nil once the queue is closed.
  func take() -> (BatchRound, Int)? {
    while true {
      let job = state.withLock { state -> (BatchRound, Int)?? in
        if state.closed { return .some(nil) }
        if let job = state.take() { return job }
        state.sleepingLanes += 1
        return nil
      }
      if let job { return job }
      laneSignal.wait()
    }
  }

  /// For the caller's thread, waiting for `oldest`: deliver it, score a group, or sleep.
  func step(waitingFor oldest: BatchRound) -> Step {
    state.withLock { state in
      if oldest.isComplete { return .deliver }
      if let (round, index) = state.take() { return .score(round, index) }
      state.mainWaiting = true
      return .wait
    }
  }

  /// Sleeps until a round is complete (after `step` said `.wait`).
  func waitForRound() { mainSignal.wait() }

  func roundCompleted() {
    let wake = state.withLock { state in
      defer { state.mainWaiting = false }
      return state.mainWaiting
    }
    if wake { mainSignal.signal() }
  }

  /// Lets every lane end: `take` returns nil from now on, even with groups left.
  func close() {
    let wake = state.withLock { state in
      state.closed = true
      state.rounds = []
      defer { state.sleepingLanes = 0 }
      return state.sleepingLanes
    }
    for _ in 0..<wake { laneSignal.signal() }
  }
}
