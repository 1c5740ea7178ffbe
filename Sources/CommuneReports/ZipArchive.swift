import CommuneScoring

/// A ZIP archive of stored (uncompressed) entries, enough for an .xlsx file. Entries carry a fixed
/// date (1980-01-01), so the same content gives the same bytes.
public struct ZipArchive {
  struct Entry {
    var name: [UInt8]
    var crc: UInt32
    var size: UInt32
    var offset: UInt32
  }

  public private(set) var bytes: [UInt8] = []
  var entries: [Entry] = []

  public init() {}

  mutating func le16(_ value: Int) {
    bytes.append(UInt8(value & 0xFF))
    bytes.append(UInt8((value >> 8) & 0xFF))
  }

  mutating func le32(_ value: UInt32) {
    for shift in stride(from: 0, through: 24, by: 8) {
      bytes.append(UInt8((value >> UInt32(shift)) & 0xFF))
    }
  }

  /// Adds a file.
  public mutating func add(_ name: String, _ content: [UInt8]) {
    let entry = Entry(
      name: Array(name.utf8), crc: CRC32.checksum(content), size: UInt32(content.count),
      offset: UInt32(bytes.count))
    le32(0x0403_4B50)
    le16(20)  // version needed
    le16(0x0800)  // flags: names are UTF-8
    le16(0)  // stored
    le16(0)  // time
    le16(0x21)  // date: 1980-01-01
    le32(entry.crc)
    le32(entry.size)
    le32(entry.size)
    le16(entry.name.count)
    le16(0)
    bytes += entry.name
    bytes += content
    entries.append(entry)
  }

  /// The archive with its central directory.
  public mutating func finish() -> [UInt8] {
    let start = UInt32(bytes.count)
    for entry in entries {
      le32(0x0201_4B50)
      le16(20)  // version made by
      le16(20)
      le16(0x0800)
      le16(0)
      le16(0)
      le16(0x21)
      le32(entry.crc)
      le32(entry.size)
      le32(entry.size)
      le16(entry.name.count)
      le16(0)  // extra
      le16(0)  // comment
      le16(0)  // disk
      le16(0)  // internal attributes
      le32(0)  // external attributes
      le32(entry.offset)
      bytes += entry.name
    }
    let size = UInt32(bytes.count) - start
    le32(0x0605_4B50)
    le16(0)
    le16(0)
    le16(entries.count)
    le16(entries.count)
    le32(size)
    le32(start)
    le16(0)
    return bytes
  }
}
