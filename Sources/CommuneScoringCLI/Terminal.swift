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

/// Where a command writes: standard output and standard error, or captures of them in tests.
public protocol Terminal: AnyObject {
  /// Writes result text (standard output).
  func out(_ text: String)
  /// Writes diagnostics (standard error).
  func err(_ text: String)
  /// Writes result bytes (UTF-8 text) to standard output.
  func out(bytes: ArraySlice<UInt8>)
  /// True when standard output is a terminal (a screen), where a binary file must not be written.
  var outputIsScreen: Bool { get }
}

extension Terminal {
  public func out(bytes: ArraySlice<UInt8>) { out(String(decoding: bytes, as: UTF8.self)) }

  /// Refuses to write a binary `format` (xlsx, docx) to a screen: it needs `-o FILE` or a
  /// redirection (`> FILE`, a pipe).
  func checkBinary(_ format: String, output: String?, usage: String) throws(CLIError) {
    guard output == nil, outputIsScreen else { return }
    throw CLIError(
      .usage,
      vi:
        "\(format) là tệp nhị phân, không in ra màn hình được: cần -o TỆP.\(format) (hoặc > TỆP.\(format))",
      en:
        "\(format) is a binary file and cannot be shown on a screen: give -o FILE.\(format) (or > FILE.\(format))",
      usage: usage)
  }
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

  public var outputIsScreen: Bool { isatty(1) == 1 }

  public func out(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func out(bytes: ArraySlice<UInt8>) {
    guard bytes.count < 1 << 16 else {
      // A big run (a group of jsonl lines) goes out as it is, after what is buffered: copying
      // it into the buffer first would only cost time.
      flush()
      return send(bytes)
    }
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
    send(buffer[...])
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes `bytes`; a failure ends the process.
  func send(_ bytes: ArraySlice<UInt8>) {
    let failure = Output.writeAll(1, bytes)
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

/// A terminal that keeps everything, for tests. Standard output counts as a screen unless
/// `outputIsScreen` is set to false (a redirection to a file).
public final class CapturedTerminal: Terminal {
  public private(set) var stdout = ""
  public private(set) var stderr = ""
  /// Everything written to standard output, as bytes (binary files included).
  public private(set) var stdoutBytes: [UInt8] = []
  public var outputIsScreen = true

  public init() {}
  public func out(_ text: String) {
    stdout += text
    stdoutBytes += text.utf8
  }
  public func out(bytes: ArraySlice<UInt8>) {
    stdout += String(decoding: bytes, as: UTF8.self)
    stdoutBytes += bytes
  }
  public func err(_ text: String) { stderr += text }
}
