import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the process must undo if it ends early: the temporary files of `-o` being written.
///
/// Ctrl-C (SIGINT), SIGTERM and SIGHUP, a closed standard output and a failed write all end the
/// run through `Interruption`, which removes every temporary file first, so no hidden
/// `.NAME.cfc-PID.tmp` is ever left behind and the previous output stays as it was.
enum Interruption {
  struct State {
    var temporaries: Set<String> = []
    /// Set once the process has started to end: no new temporary file may appear.
    var ending = false
  }

  static let state = Mutex(State())

  /// Records a temporary file about to be created; false if the process is already ending.
  static func register(_ path: String) -> Bool {
    state.withLock { state in
      guard !state.ending else { return false }
      state.temporaries.insert(path)
      return true
    }
  }

  /// Forgets a temporary file that was renamed into place or removed.
  static func unregister(_ path: String) {
    _ = state.withLock { $0.temporaries.remove(path) }
  }

  /// Runs `body` (a rename) so that no interruption removes files in the middle of it.
  static func atomically<T>(_ body: () -> T) -> T {
    state.withLock { _ in body() }
  }

  /// Removes every temporary file and lets none be created any more. Safe to call from any
  /// thread; a rename in progress finishes first (then its file is complete and in place).
  static func removeTemporaries() {
    state.withLock { state in
      state.ending = true
      for path in state.temporaries { unlink(path) }
      state.temporaries.removeAll()
    }
  }

  /// Ends the process the way `signal` would have, after removing the temporary files: the
  /// shell sees the usual status (130 for Ctrl-C, 143 for SIGTERM, 141 for a closed pipe).
  static func end(bySignal number: Int32) -> Never {
    removeTemporaries()
    signal(number, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, number)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    raise(number)
    _exit(128 + number)
  }

  /// Ends the process with `Error: message` and exit code 73 (the output cannot be written),
  /// after removing the temporary files.
  static func end(cannotWrite message: String) -> Never {
    removeTemporaries()
    let line = Array("Error: \(message)\n".utf8)
    _ = Output.writeAll(2, line[...])
    _exit(ExitCode.cannotWrite.rawValue)
  }

  /// The signals that interrupt a run and must not leave temporary files behind.
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Installs the handling of interruptions for the `cfc` process. Call it first thing in
  /// `main`, before any thread starts (threads inherit the blocked signals):
  /// - SIGINT, SIGTERM and SIGHUP are blocked everywhere and taken by one thread that waits for
  ///   them (`sigwait`), removes the temporary files and ends the process with the same signal;
  ///   a signal the parent shell had ignored (`nohup`, background jobs) stays ignored.
  /// - SIGPIPE is ignored, so a write to a closed pipe returns EPIPE; writing standard output then
  ///   ends the process quietly by SIGPIPE after cleaning up, as other Unix tools end.
  static func install() {
    signal(SIGPIPE, SIG_IGN)
    var set = sigset_t()
    sigemptyset(&set)
    var handled: [Int32] = []
    for number in signals {
      var current = sigaction()
      sigaction(number, nil, &current)
      if isIgnored(current) { continue }
      sigaddset(&set, number)
      handled.append(number)
    }
    guard !handled.isEmpty else { return }
    pthread_sigmask(SIG_BLOCK, &set, nil)
    // A plain POSIX thread: Foundation's `Thread` would link Foundation's Objective-C layer
    // and its start-up into every run (see README, "Start-up").
    let waited = UnsafeMutablePointer<sigset_t>.allocate(capacity: 1)
    waited.initialize(to: set)
    #if canImport(Glibc)
      var thread = pthread_t()
    #else
      var thread: pthread_t?
    #endif
    let started = pthread_create(
      &thread, nil,
      { argument in
        // Optional on Linux, not on Darwin.
        let given: UnsafeMutableRawPointer? = argument
        guard let pointer = given else { return nil }
        var set = pointer.assumingMemoryBound(to: sigset_t.self).pointee
        var number: Int32 = 0
        while sigwait(&set, &number) != 0 {}
        Interruption.end(bySignal: number)
      }, waited)
    guard started == 0 else {
      // No thread to take them: let the signals end the process as they would have.
      pthread_sigmask(SIG_UNBLOCK, &set, nil)
      return
    }
    #if canImport(Glibc)
      pthread_detach(thread)
    #else
      if let thread { pthread_detach(thread) }
    #endif
  }

  static func isIgnored(_ action: sigaction) -> Bool {
    #if canImport(Glibc)
      let handler = action.__sigaction_handler.sa_handler
    #else
      let handler = action.__sigaction_u.__sa_handler
    #endif
    guard let handler else { return false }
    return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
  }
}

extension CLI {
  /// Prepares the `cfc` process (not in-process runs): Ctrl-C, SIGTERM, SIGHUP and a closed pipe
  /// remove the temporary files of `-o` before the process ends. Call it first in `main`.
  public static func installInterruptionHandling() { Interruption.install() }
}
