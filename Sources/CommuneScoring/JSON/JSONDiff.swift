/// Where two JSON documents differ.
public enum JSONDiff {
  /// One difference: the value each side has at `path` (nil when absent).
  public struct Difference: Sendable, Equatable {
    public var path: JSONPath
    public var expected: JSONValue?
    public var actual: JSONValue?
  }

  /// Every difference between `expected` and `actual`, in document order (keys sorted), at most
  /// `limit` of them.
  public static func differences(_ expected: JSONValue, _ actual: JSONValue, limit: Int = 50)
    -> [Difference]
  {
    var found: [Difference] = []
    walk(expected, actual, .root, &found, limit)
    return found
  }

  static func walk(
    _ expected: JSONValue?, _ actual: JSONValue?, _ path: JSONPath, _ found: inout [Difference],
    _ limit: Int
  ) {
    guard found.count < limit else { return }
    switch (expected, actual) {
    case (.object(let a)?, .object(let b)?):
      let keys = Set(a.keys).union(b.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for key in keys { walk(a[key], b[key], path.appending(key), &found, limit) }
    case (.array(let a)?, .array(let b)?):
      for index in 0..<max(a.count, b.count) {
        walk(
          index < a.count ? a[index] : nil, index < b.count ? b[index] : nil,
          path.appending(index: index), &found, limit)
      }
    case (.number(let a)?, .number(let b)?)
    where Rational(decimal: a) != nil && Rational(decimal: a) == Rational(decimal: b):
      return
    default:
      if expected != actual {
        found.append(Difference(path: path, expected: expected, actual: actual))
      }
    }
  }
}
