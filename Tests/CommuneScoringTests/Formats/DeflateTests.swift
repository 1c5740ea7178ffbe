import Testing

@testable import CommuneScoring

@Suite("DEFLATE compression")
struct DeflateTests {
  /// Rows of spreadsheet-like XML, with non-ASCII text (the formula the Python check repeats).
  static func rows(_ count: Int) -> [UInt8] {
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sheetData>"
    for index in 0..<count {
      text += "<row r=\"\(index + 1)\"><c t=\"inlineStr\"><is><t>Xã số \(index)</t></is></c>"
      text += "<c><v>\(index * 7919 % 1000)</v></c><c><v>\(index % 97)</v></c></row>"
    }
    text += "</sheetData>"
    return Array(text.utf8)
  }

  /// Compresses `input` handing it over in pieces of the given sizes (in turn).
  static func compress(_ input: [UInt8], pieces sizes: [Int]) -> [UInt8] {
    var deflater = Deflater()
    var output: [UInt8] = []
    var at = 0
    var turn = 0
    while at < input.count {
      let end = min(input.count, at + sizes[turn % sizes.count])
      deflater.write(input[at..<end], into: &output)
      at = end
      turn += 1
    }
    #expect(deflater.totalIn == input.count)
    deflater.finish(into: &output)
    return output
  }

  static func roundTrips(_ input: [UInt8]) throws -> Bool {
    try Inflate.decompress(Deflater.compress(input), limit: input.count) == input
  }

  // The fixtures were written by this compressor and checked with Python:
  //   d = zlib.decompressobj(-15); d.decompress(stream) == input and d.eof and not d.unused_data
  // (for rows-cfc, input is the same `rows(3000)` built in Python). If the compressor changes
  // its output on purpose, write the fixtures again and repeat that check before committing.
  @Test(
    "streams Python's zlib accepted are still the ones written, and inflate back",
    arguments: ["source", "rows"])
  func pythonChecked(name: String) throws {
    let input =
      name == "rows" ? Self.rows(3000) : try Repo.bytes("Tests/Fixtures/archives/\(name).bin")
    let stream = try Repo.bytes("Tests/Fixtures/archives/\(name)-cfc.deflate")
    #expect(Deflater.compress(input) == stream)
    #expect(try Inflate.decompress(stream, limit: input.count) == input)
  }
  @Test(
    "compressed bytes inflate back to the original",
    arguments: ["source.bin", "random.bin"])
  func roundTrip(name: String) throws {
    let source = try Repo.bytes("Tests/Fixtures/archives/\(name)")
    let compressed = Deflater.compress(source)
    #expect(try Inflate.decompress(compressed, limit: source.count) == source)
  }

  @Test("empty input, one to five bytes and long runs round-trip")
  func edges() throws {
    let inputs: [[UInt8]] = [
      [], [7], [0xFF, 0], [1, 2, 3], [9, 9, 9, 9], [0x90, 0x90, 0x90, 0x90, 0x90],
      [UInt8](repeating: 0x41, count: 100_000), Array("abcabcabcabc".utf8),
      // Runs of exactly 258 (the longest match), one more and one less, after a literal.
      [1] + [UInt8](repeating: 2, count: 259), [1] + [UInt8](repeating: 2, count: 258),
      [1] + [UInt8](repeating: 2, count: 257),
    ]
    for input in inputs { #expect(try Self.roundTrips(input), "\(input.count) bytes") }
    // Nothing in: one final fixed block holding only its end, as zlib writes it.
    #expect(
      Deflater.compress([]) == (try Repo.bytes("Tests/Fixtures/archives/empty-level1.deflate")))
  }

  @Test("a long run is coded as overlapping matches of length 258")
  func runs() throws {
    let run = [UInt8](repeating: 0, count: 1 << 20)
    let compressed = Deflater.compress(run)
    // The first match reaches back 1 byte, overlapping itself; the next ones reach back to the
    // start of the one before (positions inside long matches are not hashed). About 4,100
    // matches of 258 bytes in 8 bits, each with a distance of at most 5 + 7 bits.
    #expect(compressed.count < 4_100 * 20 / 8 + 100)
    #expect(try Inflate.decompress(compressed, limit: run.count) == run)
  }

  @Test("repeats farther back than the window are not matched there, and still round-trip")
  func beyondWindow() throws {
    let block = CRC32Tests.random(40_000, seed: 31)
    let far = block + block  // the copy starts 40,000 bytes back: out of reach
    let near = Array(block[..<20_000]) + Array(block[..<20_000])  // 20,000 back: in reach
    #expect(try Self.roundTrips(far))
    #expect(try Self.roundTrips(near))
    #expect(Deflater.compress(far).count > 80_000)
    #expect(Deflater.compress(near).count < 25_000)
    // Exactly at the window's edge (32,768 back) a match is allowed; one more is not.
    for gap in [32_760, 32_768, 32_769] {
      let head = CRC32Tests.random(gap, seed: 41)
      #expect(try Self.roundTrips(head + head[..<500]), "gap \(gap)")
    }
  }

  @Test("random bytes do not shrink, and come back byte for byte")
  func incompressible() throws {
    let input = CRC32Tests.random(300_001, seed: 17)
    let compressed = Deflater.compress(input)
    #expect(compressed.count <= input.count * 9 / 8 + 16)
    #expect(try Inflate.decompress(compressed, limit: input.count) == input)
  }

  @Test("written one byte at a time or in one piece, the stream is the same")
  func bytewise() throws {
    let input = Self.rows(2500)  // about 250 KB: several chunks
    let whole = Deflater.compress(input)
    #expect(Self.compress(input, pieces: [1]) == whole)
    #expect(Self.compress(input, pieces: [65_535, 1, 2, 65_537]) == whole)
    #expect(try Inflate.decompress(whole, limit: input.count) == input)
  }

  @Test("past 4 GiB of stream, where hashed positions wrap around, matches stay right")
  func wrappedPositions() throws {
    // About 600 KB: the wrap falls inside, with history dropped on both sides of it.
    let input = Self.rows(6000)
    var deflater = Deflater()
    deflater.base = (1 << 32) - 300_000
    var output: [UInt8] = []
    deflater.write(input, into: &output)
    deflater.finish(into: &output)
    #expect(try Inflate.decompress(output, limit: input.count) == input)
    #expect(output.count < Deflater.compress(input).count + 200)
  }

  @Test("megabytes of rows cross chunks and dropped history, in odd pieces, and round-trip")
  func megabytes() throws {
    var input = Self.rows(40_000)  // about 4.5 MB
    // Random stretches inside, so that matches start and end at every kind of place.
    input.replaceSubrange(1_000_000..<1_100_000, with: CRC32Tests.random(100_000, seed: 2))
    let output = Self.compress(input, pieces: [939, 70_001, 13, 262_147])
    #expect(try Inflate.decompress(output, limit: input.count) == input)
    #expect(output == Deflater.compress(input))
    #expect(output.count * 4 < input.count)
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
