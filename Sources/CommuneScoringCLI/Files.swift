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

/// File access for the commands: reading inputs, and writing outputs atomically.
enum Files {
  /// The bytes of `path` ("-" is standard input).
  static func read(_ path: String) throws(CLIError) -> [UInt8] {
    let handle = try open(path)
    var bytes: [UInt8] = []
    while let chunk = try chunk(of: handle, path: path, count: 1 << 20) { bytes += chunk }
    return bytes
  }

  /// The next bytes of `file` (at most `count`), nil at the end; a read error (a failing disk,
  /// a closed standard input) is an error naming `path`, never a crash.
  static func chunk(of file: InputFile, path: String, count: Int) throws(CLIError) -> [UInt8]? {
    var failure: Int32 = 0
    // Not zero-filled first: only the pages read into are touched.
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
      while filled < count {
        let got = readSome(file.descriptor, buffer.baseAddress.map { $0 + filled }, count - filled)
        if got > 0 {
          filled += got
        } else if got == 0 {
          break
        } else if errno != EINTR {
          failure = errno
          break
        }
      }
    }
    if failure != 0 {
      let reason = String(cString: strerror(failure))
      throw CLIError(
        .cannotRead, vi: "\(path == "-" ? "đầu vào chuẩn" : path): không đọc được: \(reason)",
        en: "\(path == "-" ? "standard input" : path): cannot be read: \(reason)")
    }
    return bytes.isEmpty ? nil : bytes
  }

  /// A file open for reading `path` ("-" is standard input), or the reason it cannot be read.
  static func open(_ path: String) throws(CLIError) -> InputFile {
    if path == "-" { return InputFile(descriptor: 0, owned: false) }
    guard let isDirectory = isFolder(path) else {
      throw CLIError(.cannotRead, vi: "\(path): không có tệp này", en: "\(path): no such file")
    }
    if isDirectory {
      throw CLIError(
        .cannotRead, vi: "\(path): là thư mục, không phải tệp",
        en: "\(path): is a directory, not a file")
    }
    let descriptor = openForReading(path)
    guard descriptor >= 0 else {
      throw CLIError(
        .cannotRead, vi: "\(path): không đọc được (quyền truy cập?)",
        en: "\(path): cannot be read (permission?)")
    }
    return InputFile(descriptor: descriptor, owned: true)
  }

  /// Whether `path` is a folder (symbolic links followed); nil when nothing is there.
  static func isFolder(_ path: String) -> Bool? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & S_IFMT == S_IFDIR
  }

  /// True when `input` and `output` name the same existing file (compared by device and inode,
  /// so `./a.csv`, a symbolic link or a hard link to it all count); `-` is standard input.
  /// Only regular files are compared.
  static func same(_ input: String, _ output: String) -> Bool {
    var out = stat()
    // Only a regular file can be destroyed by writing it (`-o /dev/null` with input from it is fine).
    guard stat(output, &out) == 0, out.st_mode & S_IFMT == S_IFREG else { return false }
    var inp = stat()
    let found = input == "-" ? fstat(0, &inp) == 0 : stat(input, &inp) == 0
    return found && inp.st_dev == out.st_dev && inp.st_ino == out.st_ino
  }

  /// True when `input` is a folder and `output` would be written directly inside it (where the
  /// next `cfc batch FOLDER` would read it back as one more input).
  static func inside(_ input: String, _ output: String) -> Bool {
    var folder = stat()
    guard input != "-", stat(input, &folder) == 0, folder.st_mode & S_IFMT == S_IFDIR else {
      return false
    }
    var parent = stat()
    guard stat(Output.folder(of: output), &parent) == 0 else { return false }
    return parent.st_dev == folder.st_dev && parent.st_ino == folder.st_ino
  }
}

/// read(2), named apart from `Files.read`.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>?, _ count: Int)
  -> Int
{
  read(descriptor, buffer, count)
}

/// open(2) for reading, named apart from `Files.open`.
private func openForReading(_ path: String) -> Int32 {
  open(path, O_RDONLY | O_CLOEXEC)
}

/// A file open for reading, closed when no longer used (standard input is left open).
final class InputFile {
  let descriptor: Int32
  let owned: Bool

  init(descriptor: Int32, owned: Bool) {
    self.descriptor = descriptor
    self.owned = owned
  }

  deinit { if owned { close(descriptor) } }
}

/// Sends result text to standard output, or to the file of `-o` (see `Output`).
final class ResultSink {
  let terminal: Terminal
  let file: Output?

  init(terminal: Terminal, path: String?) throws(CLIError) {
    self.terminal = terminal
    file = try path.map { (p: String) throws(CLIError) in try Output(p) }
  }

  func write(_ text: String) {
    if let file { file.write(bytes: Array(text.utf8)[...]) } else { terminal.out(text) }
  }

  func write(bytes: ArraySlice<UInt8>) {
    if let file { file.write(bytes: bytes) } else { terminal.out(bytes: bytes) }
  }

  /// The write error met so far (a full disk…), if any. Writes after an error are dropped, so a
  /// long run should stop early: `try sink.check()` between chunks.
  var failure: CLIError? { file?.failure }

  /// Throws the write error met so far, if any (exit code 73).
  func check() throws(CLIError) {
    if let failure { throw failure }
  }

  /// Writes a whole result to standard output, or atomically to `path`.
  static func deliver(_ text: String, terminal: Terminal, path: String?) throws(CLIError) {
    let sink = try ResultSink(terminal: terminal, path: path)
    sink.write(text)
    try sink.finish()
  }

  /// Makes the output visible: renames the file into place, or reports why it cannot be written.
  func finish() throws(CLIError) { try file?.commit() }
}
