import CommuneScoring

/// A ZIP archive written as a stream: each entry DEFLATE-compressed, either whole (`add`) or
/// piece by piece (`begin`, `write`, `end`, with a data descriptor after the data), then the
/// central directory (`finish`). Every call appends the bytes to write to `output`, so the
/// caller can send them on and keep flat memory. Entries carry a fixed date (1980-01-01): the
/// same content gives the same bytes. Sizes and offsets must stay below 4 GiB (no ZIP64).
public struct ZipWriter: Sendable {
  struct Entry: Sendable {
    var name: [UInt8]
    var crc: UInt32
    var size: Int
    var compressedSize: Int
    var offset: Int
    var flags: Int
  }

  struct Open: Sendable {
    var entry: Entry
    var deflater = Deflater()
    var crc: UInt32 = 0
  }

  var entries: [Entry] = []
  var open: Open?
  /// Bytes handed out so far: the offset of the next one in the archive.
  public private(set) var offset = 0

  /// An empty archive.
  public init() {}

  static func le16(_ value: Int, _ output: inout [UInt8]) {
    output.append(UInt8(truncatingIfNeeded: value))
    output.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  static func le32(_ value: Int, _ output: inout [UInt8]) {
    le16(value & 0xFFFF, &output)
    le16((value >> 16) & 0xFFFF, &output)
  }

  static func localHeader(_ entry: Entry, _ output: inout [UInt8]) {
    le32(0x0403_4B50, &output)
    le16(20, &output)  // version needed: 2.0 (deflate)
    le16(entry.flags, &output)
    le16(8, &output)  // deflated
    le16(0, &output)  // time
    le16(0x21, &output)  // date: 1980-01-01
    le32(Int(entry.crc), &output)
    le32(entry.compressedSize, &output)
    le32(entry.size, &output)
    le16(entry.name.count, &output)
    le16(0, &output)
    output += entry.name
  }

  /// Adds a whole file, compressed.
  public mutating func add(_ name: String, _ content: [UInt8], into output: inout [UInt8]) {
    let before = output.count
    let compressed = Deflater.compress(content)
    let entry = Entry(
      name: Array(name.utf8), crc: CRC32.checksum(content), size: content.count,
      compressedSize: compressed.count, offset: offset, flags: 0x0800)
    Self.localHeader(entry, &output)
    output += compressed
    entries.append(entry)
    offset += output.count - before
  }

  /// Starts a file whose content follows in `write` calls (sizes and CRC come after the data).
  public mutating func begin(_ name: String, into output: inout [UInt8]) {
    if open != nil { end(into: &output) }
    let before = output.count
    let entry = Entry(
      name: Array(name.utf8), crc: 0, size: 0, compressedSize: 0, offset: offset, flags: 0x0808)
    Self.localHeader(entry, &output)
    open = Open(entry: entry)
    offset += output.count - before
  }

  /// More content for the file begun last.
  public mutating func write(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
    guard var current = open else { return }
    open = nil
    let before = output.count
    current.crc = CRC32.update(current.crc, bytes)
    current.deflater.write(bytes, into: &output)
    current.entry.compressedSize += output.count - before
    offset += output.count - before
    open = current
  }

  /// Ends the file begun last: the end of its stream, then its data descriptor.
  public mutating func end(into output: inout [UInt8]) {
    guard var current = open else { return }
    open = nil
    let before = output.count
    current.deflater.finish(into: &output)
    current.entry.compressedSize += output.count - before
    current.entry.size = current.deflater.totalIn
    current.entry.crc = current.crc
    Self.le32(0x0807_4B50, &output)
    Self.le32(Int(current.crc), &output)
    Self.le32(current.entry.compressedSize, &output)
    Self.le32(current.entry.size, &output)
    entries.append(current.entry)
    offset += output.count - before
  }

  /// Ends the archive with its central directory.
  public mutating func finish(into output: inout [UInt8]) {
    end(into: &output)
    let before = output.count
    for entry in entries {
      Self.le32(0x0201_4B50, &output)
      Self.le16(20, &output)  // version made by
      Self.le16(20, &output)
      Self.le16(entry.flags, &output)
      Self.le16(8, &output)
      Self.le16(0, &output)
      Self.le16(0x21, &output)
      Self.le32(Int(entry.crc), &output)
      Self.le32(entry.compressedSize, &output)
      Self.le32(entry.size, &output)
      Self.le16(entry.name.count, &output)
      Self.le16(0, &output)  // extra
      Self.le16(0, &output)  // comment
      Self.le16(0, &output)  // disk
      Self.le16(0, &output)  // internal attributes
      Self.le32(0, &output)  // external attributes
      Self.le32(entry.offset, &output)
      output += entry.name
    }
    let size = output.count - before
    Self.le32(0x0605_4B50, &output)
    Self.le16(0, &output)
    Self.le16(0, &output)
    Self.le16(entries.count, &output)
    Self.le16(entries.count, &output)
    Self.le32(size, &output)
    Self.le32(offset, &output)
    Self.le16(0, &output)
    offset += output.count - before
  }
}

/// A whole ZIP archive built in memory, entries compressed: for small documents written at once.
public struct ZipArchive {
  var writer = ZipWriter()
  /// The bytes so far.
  public private(set) var bytes: [UInt8] = []

  public init() {}

  /// Adds a file.
  public mutating func add(_ name: String, _ content: [UInt8]) {
    writer.add(name, content, into: &bytes)
  }

  /// The archive with its central directory.
  public mutating func finish() -> [UInt8] {
    writer.finish(into: &bytes)
    return bytes
  }
}
