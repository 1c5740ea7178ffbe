/// A finding of static validation, with where it is.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// How serious a finding is.
  public enum Severity: String, Sendable, Equatable {
    /// The rulebook cannot be used.
    case error
    /// Worth a look; the rulebook can still be used.
    case warning
  }

  public var severity: Severity
  public var path: JSONPath
  /// What is wrong, worded in either language by `text(_:)`.
  public var content: RulebookMessage
  /// What is wrong, in English.
  public var message: String { content.description }

  public init(_ severity: Severity, _ path: JSONPath, _ content: RulebookMessage) {
    self.severity = severity
    self.path = path
    self.content = content
  }

  public var description: String { "\(severity.rawValue): at \(path): \(message)" }
}

/// Why a rulebook could not be loaded.
public enum RulebookError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file is not well-formed JSON, or its structure does not fit the rulebook format.
  case decode(DecodeIssue)
  /// It decoded, but static validation found errors.
  case invalid([Diagnostic])

  public var description: String {
    switch self {
    case .decode(let issue): return issue.description
    case .invalid(let diagnostics):
      return diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
    }
  }
}
