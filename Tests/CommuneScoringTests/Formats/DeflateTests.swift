import CommuneScoring
import Testing

@Suite("DEFLATE compression")
struct DeflateTests {
  @Test(
    "compressed bytes inflate back to the original",
    arguments: ["source.bin", "random.bin"])
  func roundTrip(name: String) throws {
    let source = try Repo.bytes("Tests/Fixtures/archives/\(name)")
    let compressed = Deflater.compress(source)
    #expect(try Inflate.decompress(compressed, limit: source.count) == source)
  }

  @Test("empty input, one byte and long runs round-trip")
  func edges() throws {
    for input in [[], [7], [UInt8](repeating: 0x41, count: 100_000), Array("abcabcabcabc".utf8)] {
      #expect(try Inflate.decompress(Deflater.compress(input), limit: 1 << 20) == input)
    }
  }

  @Test("streamed in pieces of any size, the output is a valid stream of the whole")
  func pieces() throws {
    let source = try Repo.bytes("Tests/Fixtures/archives/source.bin")
    var generator = SplitMix64(seed: 12)
    var big: [UInt8] = []
    while big.count < 600_000 { big += source }
    var deflater = Deflater()
    var output: [UInt8] = []
    var at = 0
    while at < big.count {
      let size = min(big.count - at, Int(generator.next() % 90_000))
      deflater.write(big[at..<at + size], into: &output)
      at += size
    }
    deflater.finish(into: &output)
    #expect(try Inflate.decompress(output, limit: big.count) == big)
    #expect(output.count < big.count / 5)
  }

  @Test("repetitive XML shrinks at least fivefold")
  func ratio() {
    var xml = ""
    for index in 0..<5000 {
      xml +=
        "<row><c t=\"inlineStr\"><is><t>Xã số \(index)</t></is></c><c><v>\(index % 97)</v></c></row>"
    }
    let bytes = Array(xml.utf8)
    #expect(Deflater.compress(bytes).count * 5 < bytes.count)
  }
}
