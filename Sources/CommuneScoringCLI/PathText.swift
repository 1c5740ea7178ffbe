/// The few path manipulations the commands need, on plain strings, as `NSString` does them
/// (a test compares them). Written here so that `cfc` links only FoundationEssentials: the rest
/// of Foundation (its Objective-C layer and ICU data) would cost every run's start-up.
enum PathText {
  /// The last component: "b.csv" of "a/b.csv", "a" of "a/", "/" of "/".
  static func last(_ path: String) -> String {
    let trimmed = withoutTrailingSlashes(path)
    guard trimmed != "/" else { return trimmed }
    guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
    return String(trimmed[trimmed.index(after: slash)...])
  }

  /// The path without its last component: "a" of "a/b.csv", "" of "b.csv", "/" of "/b".
  static func deletingLast(_ path: String) -> String {
    let trimmed = withoutTrailingSlashes(path)
    guard trimmed != "/" else { return trimmed }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    let folder = withoutTrailingSlashes(String(trimmed[..<slash]))
    return folder.isEmpty ? "/" : folder
  }

  /// `name` inside `folder`: "a/b.csv" of "a" and "b.csv" (one slash between them).
  static func appending(_ folder: String, _ name: String) -> String {
    guard !folder.isEmpty else { return name }
    return withoutTrailingSlashes(folder) == "/"
      ? "/" + name : withoutTrailingSlashes(folder) + "/" + name
  }

  /// The extension of the last component without its dot ("csv"), "" when it has none (a
  /// leading dot, as in ".hidden", starts no extension).
  static func pathExtension(_ path: String) -> String {
    let name = last(path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    let ending = name[name.index(after: dot)...]
    return ending.isEmpty ? "" : String(ending)
  }

  /// `path` without the slashes that end it ("/" stays "/").
  static func withoutTrailingSlashes(_ path: String) -> String {
    var text = Substring(path)
    while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
    return String(text)
  }
}
