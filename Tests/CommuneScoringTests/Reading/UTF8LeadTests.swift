import Testing

@testable import CommuneScoring

/// The readers that check UTF-8 without making a string (the CSV and JSON record plans, the
/// text decoder) share one table of lead bytes: each must agree with the standard library.
@Suite struct UTF8LeadTests {
  func sequences() -> [[UInt8]] {
    var all: [[UInt8]] = (0...255).map { [UInt8($0)] }
    for first in 0...255 {
      for second in 0...255 { all.append([UInt8(first), UInt8(second)]) }
    }
    var random = SplitMix64(seed: 8)
    let interesting: [UInt8] = [
      0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xCC, 0xCD, 0xDF, 0xE0,
      0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]
    for _ in 0..<200_000 {
      let count = Int(random.next() % 6) + 1
      all.append((0..<count).map { _ in interesting[Int(random.next() % 26)] })
    }
    return all
  }

  @Test func everyCheckAgreesWithTheStandardLibrary() {
    var valid = 0
    for bytes in sequences() {
      let expected = String(validating: bytes, as: UTF8.self) != nil
      if expected { valid += 1 }
      bytes.withUnsafeBufferPointer { buffer in
        let range = 0..<buffer.count
        #expect(UTF8Lead.isWellFormed(buffer, range) == expected, "\(bytes)")
        #expect(JSONPlanScanner.isUTF8(buffer, range) == expected, "\(bytes)")
        // Plain text: also no combining mark (lead 0xCC, 0xCD) and no space or tab at an end.
        let plain =
          expected && !bytes.contains(0xCC) && !bytes.contains(0xCD)
          && ![0x20, 0x09].contains(bytes.first!) && ![0x20, 0x09].contains(bytes.last!)
        #expect(CSVRowPlan.isPlainText(buffer, range) == plain, "\(bytes)")
      }
      #expect((TextDecoder.firstInvalidUTF8(bytes[...], final: true) == nil) == expected)
    }
    #expect(valid > 10_000)
  }

  @Test func aSequenceCutByTheChunkEndWaitsForTheNextChunk() {
    // "ế" is E1 BA BF: cut after its first or second byte, it is not yet invalid.
    #expect(TextDecoder.firstInvalidUTF8([0x41, 0xE1][...], final: false) == nil)
    #expect(TextDecoder.firstInvalidUTF8([0x41, 0xE1, 0xBA][...], final: false) == nil)
    #expect(TextDecoder.firstInvalidUTF8([0x41, 0xE1, 0xBA][...], final: true) == 1)
    #expect(TextDecoder.firstInvalidUTF8([0x41, 0xE1, 0x41][...], final: false) == 1)
  }
}
