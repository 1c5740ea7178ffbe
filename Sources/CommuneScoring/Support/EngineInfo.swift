/// Facts about this engine that go into every receipt.
public enum EngineInfo {
  /// The engine's name.
  public static let name = "cfc"
  /// The engine's version; bump it when a change could alter any output byte.
  public static let version = "0.1.0"
}
