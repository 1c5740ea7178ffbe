import Synchronization

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

/// The file of `-o`, written so that it can never be left half-written, replaced by accident or
/// left behind as a temporary file.
///
/// - A regular file (or a name that does not exist yet) is written to a temporary file beside it,
///   `.NAME.cfc-PID-N.tmp`, which replaces it only on `commit()`, keeping the old file's
///   permissions; a symbolic link keeps pointing where it did, and its target is replaced.
/// - A FIFO or a character device (`/dev/null`, `/dev/stdout`, a terminal) is written into, and
///   never replaced by a regular file.
/// - A folder, a block device or a socket is refused.
///
/// A write error (a full disk, a closed pipe) is kept, later writes are dropped, and `commit()`
/// throws it with exit code 73 after removing the temporary file.
final class Output {
  enum Kind {
    /// Written to `temporary`, renamed onto `target` (the real path) on commit.
    case replacing(temporary: String, target: String)
    /// Written straight into an existing FIFO or device.
    case into
  }

  /// The path as the user gave it, for messages.
  let path: String
  let kind: Kind
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private var errorNumber: Int32?
  private var done = false
  private var published = false

  /// Numbers the temporary files of one process.
  private static let counter = Mutex(0)

  init(_ path: String) throws(CLIError) {
    self.path = path
    var info = stat()
    if stat(path, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFREG:
        let target = Self.realPath(path) ?? path
        kind = .replacing(temporary: try Self.temporaryName(for: target), target: target)
      case S_IFIFO, S_IFCHR:
        kind = .into
      case S_IFDIR:
        throw CLIError(
          .cannotWrite, vi: "\(path): là thư mục; hãy ghi rõ tên tệp kết quả",
          en: "\(path): is a folder; name the output file")
      default:
        throw CLIError(
          .cannotWrite,
          vi: "\(path): không phải tệp thường (thiết bị khối hoặc socket); cfc không ghi vào đó",
          en:
            "\(path): is not a regular file (a block device or a socket); cfc does not write there")
      }
    } else if errno == ENOENT || errno == ENOTDIR {
      let folder = Self.folder(of: path)
      var folderInfo = stat()
      guard stat(folder, &folderInfo) == 0, folderInfo.st_mode & S_IFMT == S_IFDIR else {
        throw CLIError(
          .cannotWrite, vi: "\(path): thư mục '\(folder)' không tồn tại",
          en: "\(path): folder '\(folder)' does not exist")
      }
      kind = .replacing(temporary: try Self.temporaryName(for: path), target: path)
    } else {
      throw Self.error(path, errno)
    }
    switch kind {
    case .into:
      descriptor = open(path, O_WRONLY | O_CLOEXEC)
      if descriptor < 0 { throw Self.error(path, errno) }
    case .replacing(let temporary, _):
      guard Interruption.register(temporary) else {
        throw CLIError(.cannotWrite, vi: "\(path): đang dừng", en: "\(path): stopping")
      }
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if descriptor < 0 {
        let number = errno
        Interruption.unregister(temporary)
        throw Self.error(path, number, folder: Self.folder(of: temporary))
      }
      // The replaced file keeps its permissions (umask applies to a new file).
      if info.st_mode & S_IFMT == S_IFREG { fchmod(descriptor, info.st_mode & 0o7777) }
    }
  }

  /// Appends `bytes`; dropped after a write error.
  func write(bytes: ArraySlice<UInt8>) {
    guard errorNumber == nil, !done else { return }
    guard bytes.count < 1 << 16 else {
      // A big run (a group of jsonl lines) is written as it is, after what is buffered.
      flush()
      guard errorNumber == nil, descriptor >= 0 else { return }
      let failure = Self.writeAll(descriptor, bytes)
      if failure != 0 { errorNumber = failure }
      return
    }
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  /// Writes what is buffered, keeping the first error.
  func flush() {
    guard !buffer.isEmpty, errorNumber == nil, descriptor >= 0 else { return }
    let failure = Self.writeAll(descriptor, buffer[...])
    buffer.removeAll(keepingCapacity: true)
    if failure != 0 { errorNumber = failure }
  }

  /// The write error met so far, as the message `commit()` would throw.
  var failure: CLIError? { errorNumber.map { Self.error(path, $0) } }

  /// Makes the output visible: the temporary file is synced, closed and renamed over the target.
  /// On any error the temporary file is removed, the target is left as it was, and the error is
  /// thrown (exit code 73).
  func commit() throws(CLIError) {
    try seal()
    try publish()
  }

  /// The first half of `commit()`: everything is written, synced and closed, but the target is
  /// not replaced yet. Several outputs that must appear together (a dossier) are all sealed
  /// before any is published, so a full disk leaves none of them.
  func seal() throws(CLIError) {
    guard !done else { return }
    flush()
    if case .replacing = kind, errorNumber == nil, fsync(descriptor) != 0, errno != EINVAL {
      errorNumber = errno
    }
    if close(descriptor) != 0, errorNumber == nil, errno != EINTR { errorNumber = errno }
    descriptor = -1
    if let errorNumber {
      discard()
      throw Self.error(path, errorNumber)
    }
    done = true
  }

  /// The second half of `commit()`: the sealed temporary file is renamed over the target.
  func publish() throws(CLIError) {
    guard done, !published, case .replacing(let temporary, let target) = kind else { return }
    published = true
    let renamed = Interruption.atomically { rename(temporary, target) == 0 ? 0 : errno }
    if renamed != 0 {
      unlink(temporary)
      Interruption.unregister(temporary)
      throw Self.error(path, renamed)
    }
    Interruption.unregister(temporary)
  }

  /// Abandons the output: the temporary file is removed, the target is untouched. Does nothing
  /// once the output is published.
  func discard() {
    guard !published else { return }
    done = true
    published = true
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
    if case .replacing(let temporary, _) = kind {
      unlink(temporary)
      Interruption.unregister(temporary)
    }
  }

  deinit { discard() }

  // MARK: - Helpers

  /// Writes all of `bytes` to `descriptor`; 0, or the error number of the failed write.
  static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Int32 {
    bytes.withUnsafeBytes { raw -> Int32 in
      var offset = 0
      while offset < raw.count {
        let written = systemWrite(
          descriptor, raw.baseAddress?.advanced(by: offset), raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return 0
    }
  }

  #if canImport(Glibc)
    static let systemWrite = Glibc.write
  #else
    static let systemWrite = Darwin.write
  #endif

  static func temporaryName(for target: String) throws(CLIError) -> String {
    let number = counter.withLock { value in
      value += 1
      return value
    }
    let name = PathText.last(target)
    return Self.folder(of: target) + "/." + name + ".cfc-\(getpid())-\(number).tmp"
  }

  static func folder(of path: String) -> String {
    let folder = PathText.deletingLast(path)
    return folder.isEmpty ? "." : folder
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The message for a failed write or open, in both languages, with exit code 73.
  static func error(_ path: String, _ number: Int32, folder: String? = nil) -> CLIError {
    let (vi, en) = reason(number)
    let place = folder.map { " ('\($0)')" } ?? ""
    return CLIError(
      .cannotWrite, vi: "\(path): không ghi được\(place): \(vi)",
      en: "\(path): cannot write\(place): \(en)")
  }

  /// A plain description of a write error number, in Vietnamese and English.
  static func reason(_ number: Int32) -> (vi: String, en: String) {
    switch number {
    case ENOSPC: return ("ổ đĩa đã đầy", "no space left on the disk")
    case EDQUOT: return ("đã hết hạn mức dung lượng", "disk quota exceeded")
    case EFBIG: return ("tệp quá lớn", "file too large")
    case EACCES, EPERM: return ("không có quyền ghi", "permission denied")
    case EROFS: return ("ổ đĩa chỉ cho đọc", "read-only file system")
    case EIO: return ("lỗi vào/ra của thiết bị", "input/output error")
    case EPIPE: return ("không còn chương trình nào đọc ống dẫn", "nobody reads the pipe any more")
    default:
      let text = String(cString: strerror(number))
      return ("lỗi hệ thống: \(text)", text.prefix(1).lowercased() + text.dropFirst())
    }
  }
}
