import Foundation

/// Reads a file (or standard input) in fixed-size chunks, so batches stream with flat memory.
final class ChunkReader {
  let handle: FileHandle
  let chunkSize: Int
  var finished = false

  init(path: String, chunkSize: Int = 1 << 19) throws(CLIError) {
    self.chunkSize = chunkSize
    handle = try Files.open(path)
  }

  /// The next chunk, or nil at the end.
  func next() -> [UInt8]? {
    guard !finished else { return nil }
    let data = handle.readData(ofLength: chunkSize)
    if data.isEmpty {
      finished = true
      return nil
    }
    return Array(data)
  }
}
