/// How far an archive may expand when read. The defaults are generous for real workbooks (a
/// million-row sheet is a few hundred megabytes of XML) and refuse archives built to explode.
public struct ArchiveLimits: Sendable, Equatable {
  /// The most entries the central directory may list.
  public var maxEntries: Int
  /// The most bytes one entry may expand to.
  public var maxEntrySize: Int
  /// The most bytes all entries read from one archive may expand to together.
  public var maxTotalSize: Int
  /// The largest expansion ratio (expanded ÷ compressed) accepted for an entry larger than
  /// `ratioFloor` bytes. DEFLATE cannot exceed about 1032:1, so this catches nested and
  /// crafted streams while letting ordinary XML (10–100:1) through.
  public var maxRatio: Int
  /// Entries expanding to fewer bytes than this are never refused for their ratio.
  public var ratioFloor: Int

  /// Limits with the given values; the defaults suit spreadsheets.
  public init(
    maxEntries: Int = 10_000, maxEntrySize: Int = 1 << 30, maxTotalSize: Int = 2 << 30,
    maxRatio: Int = 500, ratioFloor: Int = 1 << 24
  ) {
    self.maxEntries = maxEntries
    self.maxEntrySize = maxEntrySize
    self.maxTotalSize = maxTotalSize
    self.maxRatio = maxRatio
    self.ratioFloor = ratioFloor
  }
}

/// What can go wrong while reading a ZIP archive. Every damaged, truncated or hostile archive
/// ends in one of these, never in a trap.
public enum ArchiveError: Error, Sendable, Equatable {
  /// No end-of-central-directory record: not a ZIP archive, or cut short.
  case notAnArchive
  /// A structure runs past the end of the file (which structure).
  case truncated(String)
  /// A structure has the wrong signature or impossible values (which structure).
  case corrupt(String)
  /// More entries than `ArchiveLimits.maxEntries`.
  case tooManyEntries(count: Int, limit: Int)
  /// The entry is encrypted.
  case encrypted(entry: String)
  /// The entry uses a compression method other than stored (0) or deflated (8).
  case unsupportedMethod(entry: String, method: Int)
  /// The entry would expand past a limit (per entry, in total, or by its ratio).
  case tooLarge(entry: String, limit: Int)
  /// The entry expands at a ratio no real document has.
  case suspiciousRatio(entry: String, ratio: Int)
  /// The entry's DEFLATE stream is damaged.
  case deflate(entry: String, InflateError)
  /// The entry's size differs from the directory's.
  case sizeMismatch(entry: String, expected: Int, found: Int)
  /// The entry's CRC-32 differs from the directory's.
  case checksumMismatch(entry: String)
  /// The archive has no entry of that name.
  case missingEntry(String)
}

/// One entry of a ZIP archive, as its central directory describes it.
public struct ZipEntry: Sendable, Equatable {
  /// The entry's name (a path inside the archive, `/`-separated).
  public let name: String
  /// 0 = stored, 8 = deflated.
  public let method: Int
  /// The general-purpose flags (bit 0: encrypted, bit 3: data descriptor).
  public let flags: Int
  /// The CRC-32 of the expanded bytes.
  public let crc32: UInt32
  /// Bytes in the archive.
  public let compressedSize: Int
  /// Bytes once expanded.
  public let size: Int
  /// Where the entry's local header starts.
  public let localHeaderOffset: Int
}

/// A ZIP archive read from memory through its central directory (ZIP64 included), whose entries
/// are expanded on demand, CRC-checked, under `ArchiveLimits`.
public struct ZipReader: Sendable {
  /// The archive's bytes.
  public let bytes: [UInt8]
  /// Every entry, in directory order.
  public let entries: [ZipEntry]
  /// The limits in force.
  public let limits: ArchiveLimits
  /// Bytes expanded so far (against `ArchiveLimits.maxTotalSize`).
  public private(set) var expanded = 0

  /// Reads the central directory.
  public init(_ bytes: [UInt8], limits: ArchiveLimits = ArchiveLimits()) throws(ArchiveError) {
    self.bytes = bytes
    self.limits = limits
    entries = try Self.directory(bytes, limits: limits)
  }

  /// The entry named `name` (exact match), if any.
  public func entry(named name: String) -> ZipEntry? {
    entries.first { $0.name == name }
  }

  /// The expanded bytes of the entry named `name`.
  public mutating func read(_ name: String) throws(ArchiveError) -> [UInt8] {
    guard let entry = entry(named: name) else { throw .missingEntry(name) }
    return try read(entry)
  }

  /// The expanded bytes of `entry`, checked against its size and CRC-32.
  public mutating func read(_ entry: ZipEntry) throws(ArchiveError) -> [UInt8] {
    let name = entry.name
    if entry.flags & 1 != 0 { throw .encrypted(entry: name) }
    let limit = min(limits.maxEntrySize, limits.maxTotalSize - expanded)
    if entry.size > limit { throw .tooLarge(entry: name, limit: limit) }
    if entry.size > limits.ratioFloor, entry.size / max(entry.compressedSize, 1) > limits.maxRatio {
      throw .suspiciousRatio(entry: name, ratio: entry.size / max(entry.compressedSize, 1))
    }
    let local = entry.localHeaderOffset
    guard local >= 0, local <= bytes.count - 30 else { throw .truncated("local header of \(name)") }
    guard Self.le32(bytes, local) == 0x0403_4B50 else { throw .corrupt("local header of \(name)") }
    let start = local + 30 + Self.le16(bytes, local + 26) + Self.le16(bytes, local + 28)
    guard entry.compressedSize <= bytes.count - start else { throw .truncated("data of \(name)") }
    let data = bytes[start..<start + entry.compressedSize]
    let output: [UInt8]
    switch entry.method {
    case 0:
      guard entry.compressedSize == entry.size else {
        throw .sizeMismatch(entry: name, expected: entry.size, found: entry.compressedSize)
      }
      output = Array(data)
    case 8:
      do {
        // The directory's size is the limit: a stream that says less and expands more is cut.
        output = try Inflate.decompress(data, limit: entry.size, expectedSize: entry.size)
      } catch .outputLimit {
        throw .sizeMismatch(entry: name, expected: entry.size, found: entry.size + 1)
      } catch {
        throw .deflate(entry: name, error)
      }
    default: throw .unsupportedMethod(entry: name, method: entry.method)
    }
    guard output.count == entry.size else {
      throw .sizeMismatch(entry: name, expected: entry.size, found: output.count)
    }
    guard CRC32.checksum(output) == entry.crc32 else { throw .checksumMismatch(entry: name) }
    expanded += output.count
    return output
  }

  // MARK: - Central directory

  static func le16(_ bytes: [UInt8], _ at: Int) -> Int {
    Int(bytes[at]) | Int(bytes[at + 1]) << 8
  }

  static func le32(_ bytes: [UInt8], _ at: Int) -> Int {
    le16(bytes, at) | le16(bytes, at + 2) << 16
  }

  static func le64(_ bytes: [UInt8], _ at: Int) -> Int? {
    let high = le32(bytes, at + 4)
    // Sizes past 2^62 are not real; refuse rather than overflow.
    guard high < 1 << 30 else { return nil }
    return le32(bytes, at) | high << 32
  }

  static func directory(_ bytes: [UInt8], limits: ArchiveLimits) throws(ArchiveError)
    -> [ZipEntry]
  {
    // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
    guard bytes.count >= 22 else { throw .notAnArchive }
    var end = -1
    var at = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 65_535)
    while at >= lowest {
      if bytes[at] == 0x50, le32(bytes, at) == 0x0605_4B50,
        at + 22 + le16(bytes, at + 20) == bytes.count
      {
        end = at
        break
      }
      at -= 1
    }
    guard end >= 0 else { throw .notAnArchive }
    var count = le16(bytes, end + 10)
    var size = le32(bytes, end + 12)
    var offset = le32(bytes, end + 16)
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
      // ZIP64: a locator just before the end record points at the ZIP64 end record.
      let locator = end - 20
      guard locator >= 0, le32(bytes, locator) == 0x0706_4B50 else {
        throw .corrupt("ZIP64 end of central directory locator")
      }
      guard let record = le64(bytes, locator + 8), record >= 0, record <= bytes.count - 56,
        le32(bytes, record) == 0x0606_4B50
      else { throw .corrupt("ZIP64 end of central directory") }
      guard let count64 = le64(bytes, record + 32), let size64 = le64(bytes, record + 40),
        let offset64 = le64(bytes, record + 48)
      else { throw .corrupt("ZIP64 end of central directory") }
      count = count64
      size = size64
      offset = offset64
    }
    guard count <= limits.maxEntries else {
      throw .tooManyEntries(count: count, limit: limits.maxEntries)
    }
    guard offset >= 0, size >= 0, offset <= bytes.count, size <= bytes.count - offset else {
      throw .truncated("central directory")
    }
    var entries: [ZipEntry] = []
    entries.reserveCapacity(count)
    at = offset
    for _ in 0..<count {
      guard at <= bytes.count - 46 else { throw .truncated("central directory") }
      guard le32(bytes, at) == 0x0201_4B50 else { throw .corrupt("central directory entry") }
      let nameLength = le16(bytes, at + 28)
      let extraLength = le16(bytes, at + 30)
      let commentLength = le16(bytes, at + 32)
      let next = at + 46 + nameLength + extraLength + commentLength
      guard next <= bytes.count else { throw .truncated("central directory") }
      let name = String(decoding: bytes[at + 46..<at + 46 + nameLength], as: UTF8.self)
      var compressed = le32(bytes, at + 20)
      var expandedSize = le32(bytes, at + 24)
      var local = le32(bytes, at + 42)
      // ZIP64 extra field (id 1): the 64-bit values, in order, for those saturated above.
      var extra = at + 46 + nameLength
      let extraEnd = extra + extraLength
      while extra + 4 <= extraEnd {
        let id = le16(bytes, extra)
        let length = le16(bytes, extra + 2)
        guard extra + 4 + length <= extraEnd else { throw .corrupt("extra field of \(name)") }
        if id == 1 {
          var field = extra + 4
          func next64() throws(ArchiveError) -> Int {
            guard field + 8 <= extra + 4 + length, let value = le64(bytes, field) else {
              throw .corrupt("ZIP64 extra field of \(name)")
            }
            field += 8
            return value
          }
          if expandedSize == 0xFFFF_FFFF { expandedSize = try next64() }
          if compressed == 0xFFFF_FFFF { compressed = try next64() }
          if local == 0xFFFF_FFFF { local = try next64() }
        }
        extra += 4 + length
      }
      entries.append(
        ZipEntry(
          name: name, method: le16(bytes, at + 10), flags: le16(bytes, at + 8),
          crc32: UInt32(le32(bytes, at + 16)), compressedSize: compressed, size: expandedSize,
          localHeaderOffset: local))
      at = next
    }
    return entries
  }
}
