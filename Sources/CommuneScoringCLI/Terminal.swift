import CommuneScoring
import Foundation

/// Where a command writes: standard output and standard error, or captures of them in tests.
public protocol Terminal: AnyObject {
  /// Writes result text (standard output).
  func out(_ text: String)
  /// Writes diagnostics (standard error).
  func err(_ text: String)
  /// Writes result bytes (UTF-8 text) to standard output.
  func out(bytes: ArraySlice<UInt8>)
}

extension Terminal {
  public func out(bytes: ArraySlice<UInt8>) { out(String(decoding: bytes, as: UTF8.self)) }
}

/// The process's real standard output and error, buffered for speed.
///
/// A closed standard output (`cfc batch big.csv | head -1`) ends the process quietly by SIGPIPE,
/// as other Unix tools end; any other write error (a full disk) ends it with `Error:` and exit
/// code 73. Either way the temporary files of `-o` are removed first (see `Interruption`).
public final class StandardTerminal: Terminal {
  var buffer: [UInt8] = []
  /// The language of the message for a failed write.
  public var language: Language = .vi

  public init() { buffer.reserveCapacity(1 << 16) }

  public func out(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func out(bytes: ArraySlice<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func err(_ text: String) {
    flush()
    // Nowhere to report a failure to write standard error: it is ignored.
    _ = Output.writeAll(2, Array(text.utf8)[...])
  }

  /// Writes what is buffered.
  public func flush() {
    guard !buffer.isEmpty else { return }
    let failure = Output.writeAll(1, buffer[...])
    buffer.removeAll(keepingCapacity: true)
    if failure == EPIPE { Interruption.end(bySignal: SIGPIPE) }
    if failure != 0 {
      let (vi, en) = Output.reason(failure)
      Interruption.end(
        cannotWrite: language == .vi
          ? "không ghi được ra đầu ra chuẩn: \(vi)" : "cannot write standard output: \(en)")
    }
  }

  deinit { flush() }
}

/// A terminal that keeps everything, for tests.
public final class CapturedTerminal: Terminal {
  public private(set) var stdout = ""
  public private(set) var stderr = ""

  public init() {}
  public func out(_ text: String) { stdout += text }
  public func err(_ text: String) { stderr += text }
}
