import CommuneReports
import CommuneScoring

/// Finds the rulebook a command uses: `--rulebook FILE`, or the one built into the binary.
enum RulebookSource {
  /// The built-in rulebook's bytes (criteria/qd06-2019.json, embedded at build time).
  static var builtInBytes: [UInt8] { PackageResources.qd06_2019_json }

  /// The built-in rulebook, loaded.
  static func builtIn() throws(CLIError) -> Rulebook {
    try load(builtInBytes, name: "built-in qd06-2019")
  }

  /// Loads `bytes`, naming `name` in errors.
  static func load(_ bytes: [UInt8], name: String) throws(CLIError) -> Rulebook {
    do {
      return try RulebookLoader.load(bytes)
    } catch {
      switch error {
      case .decode(let issue): throw CLIError(.dataError, ["\(name): \(issue)"])
      case .invalid(let diagnostics):
        throw CLIError(
          .dataError,
          diagnostics.filter { $0.severity == .error }.map {
            "\(name): at \($0.path): \($0.message)"
          })
      }
    }
  }

  /// The rulebook chosen by the parsed options, with the bytes it was read from.
  static func resolveWithBytes(_ arguments: ParsedArguments) throws(CLIError) -> (Rulebook, [UInt8])
  {
    guard let path = arguments.value("--rulebook") else { return (try builtIn(), builtInBytes) }
    let bytes = try Files.read(path)
    return (try load(bytes, name: path), bytes)
  }

  /// The rulebook chosen by the parsed options.
  static func resolve(_ arguments: ParsedArguments) throws(CLIError) -> Rulebook {
    guard let path = arguments.value("--rulebook") else { return try builtIn() }
    return try load(try Files.read(path), name: path)
  }
}
