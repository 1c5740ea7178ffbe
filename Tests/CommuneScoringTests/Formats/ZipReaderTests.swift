import CommuneScoring
import Testing

@Suite("ZIP reading")
struct ZipReaderTests {
  static let source = (try? Repo.bytes("Tests/Fixtures/archives/source.bin")) ?? []

  @Test(
    "archives written by Python's zipfile read back every entry",
    arguments: ["python-stored", "python-deflated", "python-descriptor", "python-zip64"])
  func pythonArchives(name: String) throws {
    var zip = try ZipReader(try Repo.bytes("Tests/Fixtures/archives/\(name).zip"))
    #expect(
      zip.entries.map(\.name) == ["a.txt", "data/source.bin", "empty.txt", "vi/Xã Bằng Mạc.txt"])
    #expect(try zip.read("a.txt") == Array("hello\n".utf8))
    #expect(try zip.read("data/source.bin") == Self.source)
    #expect(try zip.read("empty.txt") == [])
    #expect(try zip.read("vi/Xã Bằng Mạc.txt") == Array("Xã Bằng Mạc".utf8))
  }

  @Test("data descriptors are recognised by their flag")
  func descriptorFlag() throws {
    let zip = try ZipReader(try Repo.bytes("Tests/Fixtures/archives/python-descriptor.zip"))
    #expect(zip.entries.allSatisfy { $0.flags & 8 != 0 })
  }

  @Test("an entry that expands a thousandfold past the floor is refused before expanding")
  func bomb() throws {
    var zip = try ZipReader(try Repo.bytes("Tests/Fixtures/archives/bomb-zeros.zip"))
    #expect(throws: ArchiveError.suspiciousRatio(entry: "xl/worksheets/sheet1.xml", ratio: 1028)) {
      try zip.read("xl/worksheets/sheet1.xml")
    }
  }

  @Test("per-entry, total and entry-count limits are enforced")
  func limits() throws {
    let bytes = try Repo.bytes("Tests/Fixtures/archives/python-deflated.zip")
    var small = try ZipReader(bytes, limits: ArchiveLimits(maxEntrySize: 1000))
    #expect(throws: ArchiveError.tooLarge(entry: "data/source.bin", limit: 1000)) {
      try small.read("data/source.bin")
    }
    var total = try ZipReader(bytes, limits: ArchiveLimits(maxTotalSize: 200_000))
    _ = try total.read("data/source.bin")
    #expect(
      throws: ArchiveError.tooLarge(entry: "data/source.bin", limit: 200_000 - Self.source.count)
    ) {
      try total.read("data/source.bin")
    }
    #expect(throws: ArchiveError.tooManyEntries(count: 4, limit: 3)) {
      try ZipReader(bytes, limits: ArchiveLimits(maxEntries: 3))
    }
  }

  @Test("a changed byte in an entry's data is caught by its CRC-32 or its DEFLATE stream")
  func checksum() throws {
    var bytes = try Repo.bytes("Tests/Fixtures/archives/python-stored.zip")
    let hello = try #require(
      bytes.indices.first { bytes[$0...].starts(with: Array("hello\n".utf8)) })
    bytes[hello] = UInt8(ascii: "j")
    var zip = try ZipReader(bytes)
    #expect(throws: ArchiveError.checksumMismatch(entry: "a.txt")) { try zip.read("a.txt") }
  }

  @Test("every truncation of an archive is refused cleanly")
  func truncations() throws {
    for name in ["python-deflated", "python-descriptor", "python-zip64"] {
      let bytes = try Repo.bytes("Tests/Fixtures/archives/\(name).zip")
      for cut in stride(from: 0, to: bytes.count - 1, by: 37) {
        #expect(throws: ArchiveError.self) {
          var zip = try ZipReader(Array(bytes[..<cut]))
          for entry in zip.entries { _ = try zip.read(entry) }
        }
      }
    }
  }

  @Test("random damage never traps: it reads or fails with a typed error")
  func damage() throws {
    let original = try Repo.bytes("Tests/Fixtures/archives/python-deflated.zip")
    var generator = SplitMix64(seed: 4)
    for _ in 0..<400 {
      var bytes = original
      for _ in 0..<(1 + Int(generator.next() % 4)) {
        bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(
          truncatingIfNeeded: generator.next())
      }
      do {
        var zip = try ZipReader(bytes, limits: ArchiveLimits(maxEntrySize: 1 << 22))
        for entry in zip.entries { _ = try zip.read(entry) }
      } catch {
        // A typed ArchiveError is the expected outcome for most damage.
      }
    }
  }

  @Test("a file that is not an archive says so")
  func notAnArchive() {
    #expect(throws: ArchiveError.notAnArchive) { try ZipReader(Array("code,name\n".utf8)) }
    #expect(throws: ArchiveError.notAnArchive) { try ZipReader([]) }
  }
}
