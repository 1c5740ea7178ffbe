import Foundation

/// Reads a file (or standard input) in fixed-size chunks, so batches stream with flat memory.
final class ChunkReader {
  let handle: FileHandle
  let chunkSize: Int
  var finished = false

  init(path: String, chunkSize: Int = 1 << 19) throws(CLIError) {
    self.chunkSize = chunkSize
    if path == "-" {
      handle = FileHandle.standardInput
      return
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CLIError(.cannotRead, vi: "\(path): không có tệp này", en: "\(path): no such file")
    }
    if isDirectory.boolValue {
      throw CLIError(
        .cannotRead, vi: "\(path): là thư mục, không phải tệp",
        en: "\(path): is a directory, not a file")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CLIError(
        .cannotRead, vi: "\(path): không đọc được (quyền truy cập?)",
        en: "\(path): cannot be read (permission?)")
    }
    self.handle = handle
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
