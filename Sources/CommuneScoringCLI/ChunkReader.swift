import Foundation

/// Reads a file (or standard input) in fixed-size chunks, so batches stream with flat memory.
final class ChunkReader {
  let handle: FileHandle
  let path: String
  let chunkSize: Int
  var finished = false
  /// A read error that ended the input early: the caller must throw it after the run, or records
  /// would be lost silently.
  private(set) var failure: CLIError?

  init(path: String, chunkSize: Int = 1 << 19) throws(CLIError) {
    self.chunkSize = chunkSize
    self.path = path
    handle = try Files.open(path)
  }

  /// The next chunk, or nil at the end (or after a read error, kept in `failure`).
  func next() -> [UInt8]? {
    guard !finished else { return nil }
    do {
      if let chunk = try Files.chunk(of: handle, path: path, count: chunkSize) { return chunk }
    } catch { failure = error }
    finished = true
    return nil
  }
}
