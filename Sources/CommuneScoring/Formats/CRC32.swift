/// CRC-32 (IEEE 802.3, as ZIP uses it), written here because the package takes no dependencies.
public enum CRC32 {
  static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  /// The checksum of `bytes`.
  public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    update(0, bytes)
  }

  /// The checksum of the bytes already summed into `crc`, followed by `bytes`: checksums
  /// computed piece by piece, for streams. Start from 0.
  public static func update(_ crc: UInt32, _ bytes: some Sequence<UInt8>) -> UInt32 {
    var value = ~crc
    table.withUnsafeBufferPointer { table in
      let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
        for byte in buffer { value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8) }
      }
      if done == nil {
        for byte in bytes { value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8) }
      }
    }
    return ~value
  }
}
