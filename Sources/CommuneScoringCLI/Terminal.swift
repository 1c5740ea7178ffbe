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
public final class StandardTerminal: Terminal {
  var buffer: [UInt8] = []

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
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Writes what is buffered.
  public func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
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
