#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Reads a file (or standard input) in fixed-size chunks, so batches stream with flat memory.
final class ChunkReader {
  let handle: InputFile
  let path: String
  let chunkSize: Int
  var finished = false
  /// A read error that ended the input early: the caller must throw it after the run, or records
  /// would be lost silently.
  private(set) var failure: CLIError?
  /// The first chunk, read ahead to guess the layout.
  var first: [UInt8]?
  /// Bytes handed out so far.
  private(set) var consumed = 0

  init(path: String, chunkSize: Int = 1 << 20) throws(CLIError) {
    self.chunkSize = chunkSize
    self.path = path
    handle = try Files.open(path)
  }

  /// The first bytes, without consuming them.
  func peek() -> [UInt8] {
    if first == nil { first = read() ?? [] }
    return first ?? []
  }

  /// The next chunk, or nil at the end (or after a read error, kept in `failure`).
  func next() -> [UInt8]? {
    if let first {
      self.first = nil
      consumed += first.count
      return first.isEmpty ? nil : first
    }
    let chunk = read()
    consumed += chunk?.count ?? 0
    return chunk
  }

  private func read() -> [UInt8]? {
    guard !finished else { return nil }
    do {
      if let chunk = try Files.chunk(of: handle, path: path, count: chunkSize) { return chunk }
    } catch { failure = error }
    finished = true
    return nil
  }
}
