/// CRC-32 (IEEE 802.3, as ZIP uses it), written here because the package takes no dependencies.
///
/// Slicing-by-16: sixteen tables let one step fold sixteen input bytes into the CRC with sixteen
/// independent lookups (rather than one dependent lookup per byte); the tail shorter than
/// sixteen bytes goes through the plain byte-at-a-time table.
public enum CRC32 {
  /// Sixteen tables of 256 entries, one after another. Table 0 is the classic byte table; table
  /// `k` gives the CRC of a byte followed by `k` zero bytes.
  static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 16 * 256)
    for index in 0..<256 {
      var value = UInt32(index)
      for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
      tables[index] = value
    }
    for slice in 1..<16 {
      for index in 0..<256 {
        let previous = tables[(slice - 1) * 256 + index]
        tables[slice * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
      }
    }
    return tables
  }()

  /// The checksum of `bytes`.
  public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    update(0, bytes)
  }

  /// The checksum of the bytes already summed into `crc`, followed by `bytes`: checksums
  /// computed piece by piece, for streams. Start from 0.
  public static func update(_ crc: UInt32, _ bytes: some Sequence<UInt8>) -> UInt32 {
    var value = ~crc
    tables.withUnsafeBufferPointer { tables in
      let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
        value = sliced(value, UnsafeRawBufferPointer(buffer), tables)
      }
      if done == nil {
        for byte in bytes { value = tables[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8) }
      }
    }
    return ~value
  }

  /// Folds `bytes` into the inverted CRC `value`, sixteen bytes per step, then byte by byte.
  static func sliced(
    _ value: UInt32, _ bytes: UnsafeRawBufferPointer, _ tables: UnsafeBufferPointer<UInt32>
  ) -> UInt32 {
    guard let base = bytes.baseAddress else { return value }
    var value = value
    var at = 0
    let count = bytes.count
    @inline(__always) func look(_ table: Int, _ word: UInt32, _ shift: UInt32) -> UInt32 {
      tables[table &* 256 &+ Int((word &>> shift) & 0xFF)]
    }
    @inline(__always) func fold(_ word: UInt32, _ table: Int) -> UInt32 {
      (look(table + 3, word, 0) ^ look(table + 2, word, 8))
        ^ (look(table + 1, word, 16) ^ look(table, word, 24))
    }
    while at + 16 <= count {
      let low = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
      let high = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
      let first = fold(UInt32(truncatingIfNeeded: low) ^ value, 12)
      let second = fold(UInt32(truncatingIfNeeded: low >> 32), 8)
      let third = fold(UInt32(truncatingIfNeeded: high), 4)
      let fourth = fold(UInt32(truncatingIfNeeded: high >> 32), 0)
      value = (first ^ second) ^ (third ^ fourth)
      at += 16
    }
    while at < count {
      let byte = base.load(fromByteOffset: at, as: UInt8.self)
      value = tables[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8)
      at += 1
    }
    return value
  }
}
