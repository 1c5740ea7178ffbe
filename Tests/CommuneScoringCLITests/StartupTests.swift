import CommuneScoring
import Testing

@testable import CommuneScoringCLI

/// What keeps `cfc assess` of one commune quick to start, proved so that the shortcut is safe.
@Suite("Start-up")
struct StartupTests {
  /// The run decodes a built-in rulebook strictly but does not validate it again: this test is
  /// the validation, on the very bytes compiled into `cfc`.
  @Test("every built-in rulebook passes validation, so a run need not validate it again")
  func builtInRulebooksPassValidation() throws {
    #expect(!RulebookSource.builtIns.isEmpty)
    for (name, bytes) in RulebookSource.builtIns {
      let rulebook = try RulebookDecoder.decode(bytes)
      let errors = RulebookValidator.validate(rulebook).filter { $0.severity == .error }
      #expect(errors.isEmpty, "\(name): \(errors.map { "\($0.path): \($0.message)" })")
    }
  }

  @Test("the built-in rulebook loaded for a run is the one full loading gives")
  func builtInIsTheValidatedRulebook() throws {
    let fast = try RulebookSource.builtIn()
    let full = try RulebookLoader.load(RulebookSource.builtInBytes)
    #expect(fast.sha256 == full.sha256)
    #expect(fast.id == full.id && fast.criteria.count == full.criteria.count)
  }

  /// A run takes a built-in rulebook's SHA-256 from `RulebookSource.recordedDigests`: each must
  /// be the hash of the bytes compiled into `cfc` (criteria/ through the Resources link).
  @Test("the recorded SHA-256 of every built-in rulebook is the hash of its bytes")
  func recordedDigestsAreCurrent() throws {
    for (name, bytes) in RulebookSource.builtIns {
      let computed = SHA256.hex(of: bytes)
      let fingerprint = String(RulebookSource.fingerprint(bytes), radix: 16)
      let line = "(count: \(bytes.count), fingerprint: 0x\(fingerprint), sha256: \"\(computed)\")"
      #expect(
        RulebookSource.recordedSHA256(of: bytes) == computed,
        "\(name) changed: write \(line) in RulebookSource.recordedDigests")
      #expect(try RulebookSource.builtIn().sha256 == computed)
    }
  }

  @Test("bytes other than those recorded are hashed, never given a recorded SHA-256")
  func recordedDigestsNeedTheSameBytes() {
    let bytes = RulebookSource.builtInBytes
    var edited = bytes
    edited[edited.count / 2] ^= 0x01
    #expect(RulebookSource.recordedSHA256(of: edited) == nil)
    #expect(RulebookSource.recordedSHA256(of: Array(bytes.dropLast())) == nil)
    #expect(RulebookSource.recordedSHA256(of: bytes + [0x0A]) == nil)
    #expect(RulebookSource.recordedSHA256(of: []) == nil)
    // Swapping two 8-byte words changes the fingerprint too.
    var swapped = bytes
    swapped.swapAt(8, 16)
    swapped.swapAt(9, 17)
    #expect(swapped == bytes || RulebookSource.recordedSHA256(of: swapped) == nil)
  }

}
