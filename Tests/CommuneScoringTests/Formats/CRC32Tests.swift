import CommuneScoring
import Testing

@Suite("CRC-32")
struct CRC32Tests {
  /// The CRC computed one bit at a time, straight from the definition: the reference the
  /// sliced tables must agree with.
  static func bitwise(_ bytes: [UInt8]) -> UInt32 {
    var value: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      value ^= UInt32(byte)
      for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    }
    return ~value
  }

  /// `count` bytes from SplitMix64, eight little-endian bytes per number (as the Python check
  /// below builds them).
  static func random(_ count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 8)
    while bytes.count < count {
      let word = generator.next()
      for shift in stride(from: 0, to: 64, by: 8) {
        bytes.append(UInt8(truncatingIfNeeded: word >> shift))
      }
    }
    return Array(bytes.prefix(count))
  }

  // Expected values from Python: `hex(zlib.crc32(data))`.
  @Test("fixed vectors give the checksums Python's zlib.crc32 gives")
  func pythonVectors() throws {
    #expect(CRC32.checksum([]) == 0)
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum((0...255).map { UInt8($0) }) == 0x2905_8C73)
    #expect(CRC32.checksum([UInt8](repeating: 0x61, count: 1000)) == 0x9A38_DA03)
    #expect(CRC32.checksum(try Repo.bytes("Tests/Fixtures/archives/random.bin")) == 0x3CA5_0CAE)
    #expect(CRC32.checksum(try Repo.bytes("Tests/Fixtures/archives/source.bin")) == 0xF5A1_1EF4)
    // SplitMix64 from seed 5, 3 MiB and 5 bytes.
    #expect(CRC32.checksum(Self.random((3 << 20) + 5, seed: 5)) == 0x7AED_1D5C)
  }

  @Test("every length from 0 to 1000 agrees with the bit-at-a-time definition")
  func lengths() {
    let bytes = Self.random(1000, seed: 21)
    for count in 0...1000 {
      let prefix = Array(bytes[..<count])
      #expect(CRC32.checksum(prefix) == Self.bitwise(prefix), "\(count) bytes")
    }
  }

  @Test("a slice starting at an odd offset sums only its own bytes")
  func unalignedSlices() {
    let bytes = Self.random(300, seed: 3)
    for offset in 0..<17 {
      let slice = bytes[offset..<(offset + 200)]
      #expect(CRC32.checksum(slice) == Self.bitwise(Array(slice)))
    }
  }

  @Test("updates piece by piece, split at odd points, equal the one-shot checksum")
  func pieces() {
    let bytes = Self.random(100_003, seed: 8)
    let whole = CRC32.checksum(bytes)
    for sizes in [[1], [3], [7], [15], [17], [939, 1], [65_537]] {
      var crc: UInt32 = 0
      var at = 0
      var turn = 0
      while at < bytes.count {
        let end = min(bytes.count, at + sizes[turn % sizes.count])
        crc = CRC32.update(crc, bytes[at..<end])
        at = end
        turn += 1
      }
      #expect(crc == whole, "pieces of \(sizes)")
    }
    // Empty updates change nothing, anywhere.
    #expect(CRC32.update(CRC32.update(CRC32.update(0, []), bytes), []) == whole)
  }

  @Test("a sequence without contiguous storage sums the same as an array")
  func nonContiguous() {
    let bytes = Self.random(5000, seed: 13)
    #expect(CRC32.checksum(bytes.lazy.map { $0 }) == CRC32.checksum(bytes))
    #expect(
      CRC32.update(CRC32.checksum(bytes[..<77]), bytes[77...].lazy.map { $0 })
        == CRC32.checksum(bytes))
  }
}
