import Foundation

/// File access for the commands: reading inputs, and writing outputs atomically.
enum Files {
  /// The bytes of `path` ("-" is standard input).
  static func read(_ path: String) throws(CLIError) -> [UInt8] {
    Array(try open(path).readDataToEndOfFile())
  }

  /// A handle for reading `path` ("-" is standard input), or the reason it cannot be read.
  static func open(_ path: String) throws(CLIError) -> FileHandle {
    if path == "-" { return FileHandle.standardInput }
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
    return handle
  }

  /// A file being written: everything goes to a temporary file beside the target, which replaces
  /// the target only when `commit()` is called. A run that fails leaves no half-written file.
  final class AtomicFile {
    let target: String
    let temporary: String
    let handle: FileHandle
    var buffer: [UInt8] = []
    var committed = false

    init(_ target: String) throws(CLIError) {
      self.target = target
      let url = URL(fileURLWithPath: target)
      let directory = url.deletingLastPathComponent().path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        throw CLIError(
          .cannotWrite, vi: "\(target): thư mục '\(directory)' không tồn tại",
          en: "\(target): folder '\(directory)' does not exist")
      }
      temporary =
        directory + "/." + url.lastPathComponent
        + ".cfc-\(ProcessInfo.processInfo.processIdentifier).tmp"
      guard FileManager.default.createFile(atPath: temporary, contents: nil),
        let handle = FileHandle(forWritingAtPath: temporary)
      else {
        throw CLIError(
          .cannotWrite, vi: "\(target): không ghi được vào '\(directory)'",
          en: "\(target): cannot write in '\(directory)'")
      }
      self.handle = handle
    }

    func write(_ text: String) {
      buffer.append(contentsOf: text.utf8)
      if buffer.count >= 1 << 16 { flush() }
    }

    func write(bytes: ArraySlice<UInt8>) {
      buffer.append(contentsOf: bytes)
      if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
      guard !buffer.isEmpty else { return }
      handle.write(Data(buffer))
      buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws(CLIError) {
      flush()
      try? handle.close()
      guard rename(temporary, target) == 0 else {
        discard()
        throw CLIError(
          .cannotWrite, vi: "\(target): không thay được tệp", en: "\(target): cannot be replaced")
      }
      committed = true
    }

    func discard() {
      try? handle.close()
      try? FileManager.default.removeItem(atPath: temporary)
    }

    deinit { if !committed { discard() } }
  }
}

/// Sends result text to standard output, or to an atomic file with `-o`.
final class ResultSink {
  let terminal: Terminal
  let file: Files.AtomicFile?

  init(terminal: Terminal, path: String?) throws(CLIError) {
    self.terminal = terminal
    file = try path.map { (p: String) throws(CLIError) in try Files.AtomicFile(p) }
  }

  func write(_ text: String) {
    if let file { file.write(text) } else { terminal.out(text) }
  }

  func write(bytes: ArraySlice<UInt8>) {
    if let file { file.write(bytes: bytes) } else { terminal.out(bytes: bytes) }
  }

  /// Writes a whole result to standard output, or atomically to `path`.
  static func deliver(_ text: String, terminal: Terminal, path: String?) throws(CLIError) {
    let sink = try ResultSink(terminal: terminal, path: path)
    sink.write(text)
    try sink.finish()
  }

  /// Makes the output visible: renames the file into place.
  func finish() throws(CLIError) { try file?.commit() }
}
