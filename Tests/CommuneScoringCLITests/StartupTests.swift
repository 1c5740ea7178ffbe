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

}
