#if !canImport(FoundationEssentials)
  import Foundation
#endif

extension StringProtocol {
  /// The text in Unicode Normalization Form C (composed: "e" + U+0301 becomes "é"), as
  /// Vietnamese is compared and written. On Linux this is the standard library's own
  /// normalisation, so the engine need not link Foundation's ICU-based one (tests check that
  /// the two agree).
  public var composedNFC: String {
    #if canImport(FoundationEssentials)
      String(decoding: String(self)._nfcCodeUnits, as: UTF8.self)
    #else
      String(self).precomposedStringWithCanonicalMapping
    #endif
  }
}
