import CommuneScoring
import Testing

@Suite("DEFLATE decompression")
struct InflateTests {
  static let source = (try? Repo.bytes("Tests/Fixtures/archives/source.bin")) ?? []

  @Test(
    "streams made by zlib at every level and strategy decompress to the original bytes",
    arguments: (0...9).map { "source-level\($0)" } + [
      "source-fixed", "source-huffman", "source-rle",
    ]
  )
  func zlibStreams(name: String) throws {
    let stream = try Repo.bytes("Tests/Fixtures/archives/\(name).deflate")
    let output = try Inflate.decompress(stream, limit: 1 << 24)
    #expect(output.count == Self.source.count)
    #expect(output == Self.source)
  }

  @Test("random data compressed by zlib comes back byte for byte")
  func randomData() throws {
    let stream = try Repo.bytes("Tests/Fixtures/archives/random-level9.deflate")
    let expected = try Repo.bytes("Tests/Fixtures/archives/random.bin")
    #expect(try Inflate.decompress(stream, limit: 1 << 20) == expected)
  }

  @Test("an empty input compressed by zlib is empty", arguments: [0, 1, 9])
  func empty(level: Int) throws {
    let stream = try Repo.bytes("Tests/Fixtures/archives/empty-level\(level).deflate")
    #expect(try Inflate.decompress(stream, limit: 10) == [])
  }

  @Test("output beyond the caller's limit is refused, not allocated")
  func limit() throws {
    let stream = try Repo.bytes("Tests/Fixtures/archives/source-level6.deflate")
    #expect(throws: InflateError.outputLimit(1000)) {
      try Inflate.decompress(stream, limit: 1000)
    }
  }

  @Test("every truncation of a stream is a typed error, never a trap or a wrong success")
  func truncations() throws {
    let stream = try Repo.bytes("Tests/Fixtures/archives/source-level9.deflate")
    for cut in stride(from: 0, to: stream.count - 1, by: 97) {
      #expect(throws: InflateError.self) {
        try Inflate.decompress(stream[..<cut], limit: 1 << 24)
      }
    }
  }

  @Test("flipped bits give a typed error or some output, never a trap")
  func corruption() throws {
    let stream = try Repo.bytes("Tests/Fixtures/archives/source-level6.deflate")
    var generator = SplitMix64(seed: 9)
    var failures = 0
    for _ in 0..<300 {
      var damaged = stream
      let at = Int(generator.next() % UInt64(damaged.count))
      damaged[at] ^= UInt8(1 << (generator.next() % 8))
      do {
        // A flip in the padding after the last block changes nothing: any output is fine.
        _ = try Inflate.decompress(damaged, limit: 1 << 22)
      } catch {
        failures += 1
      }
    }
    #expect(failures > 0)
  }

  @Test("reserved block types, bad stored lengths and far distances are named")
  func namedErrors() {
    // BFINAL=1, BTYPE=11
    #expect(throws: InflateError.reservedBlockType) { try Inflate.decompress([0x07], limit: 10) }
    // A stored block whose length and complement disagree.
    #expect(throws: InflateError.storedLengthMismatch) {
      try Inflate.decompress([0x01, 0x05, 0x00, 0x00, 0x00], limit: 10)
    }
    // Fixed Huffman: a length/distance pair with nothing before it (distance 1 at position 0).
    // Symbol 257 (length 3) = 7-bit code 0000001, distance code 0 = 00000.
    #expect(throws: InflateError.distanceTooFar) {
      try Inflate.decompress([0x03, 0x02, 0x00], limit: 10)
    }
  }
}
