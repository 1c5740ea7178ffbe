import CommuneScoring
import Foundation
import Testing

/// Inputs found while fuzzing and running cfc as a user would, kept so they stay fixed.
@Suite("Regressions found by fuzzing and by hand")
struct FuzzRegressionTests {
  /// A UTF-8 batch of more than 64 KB (the encoding is decided from the first 64 KB) whose
  /// Vietnamese letter straddles byte 65,536: blank lines above the header shift it there.
  static func straddling() throws -> (bytes: [UInt8], rows: Int) {
    let sample = try String(decoding: Repo.bytes("samples/communes.csv"), as: UTF8.self)
    var lines = sample.split(whereSeparator: \.isNewline).map(String.init)
    let header = String(lines.removeFirst().drop { $0 == "\u{FEFF}" })
    var body = header + "\n"
    var rows = 0
    #expect(lines.count > 1)
    while body.utf8.count < 80_000, !lines.isEmpty {
      for line in lines {
        body += line + "\n"
        rows += 1
      }
    }
    let bytes = Array(body.utf8)
    // The last letter of two or more bytes starting at or before byte 65,535.
    let start = try #require(
      (0...65_535).reversed().first { bytes[$0] >= 0xC2 && bytes[$0] <= 0xF4 })
    let shift = 65_535 - start
    return (Array(repeating: 0x0A, count: shift) + bytes, rows)
  }

  @Test("a UTF-8 batch whose letter straddles the 64 KB encoding sample is read, not refused")
  func letterAcrossTheSample() throws {
    let (bytes, rows) = try Self.straddling()
    #expect(bytes[65_535] >= 0xC2)
    for chunk in [bytes.count, 65_536, 4096, 1000] {
      var reader = BatchReader(format: nil, rulebook: Repo.rulebook)
      var records = 0
      var notes: [ReadingNote] = []
      var start = 0
      while start < bytes.count {
        let end = min(bytes.count, start + chunk)
        let batch = try reader.feed(Array(bytes[start..<end]), final: false)
        records += batch.records.count
        notes += batch.notes
        start = end
      }
      let last = try reader.feed([], final: true)
      records += last.records.count
      notes += last.notes
      #expect(records == rows, "chunks of \(chunk)")
      // Plain UTF-8: no encoding may be assumed (Windows-1258 would garble every name).
      #expect(notes.isEmpty, "chunks of \(chunk): \(notes)")
    }
  }
}
