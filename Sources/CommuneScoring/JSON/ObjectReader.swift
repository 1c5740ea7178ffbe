/// A problem with a JSON document's structure or values, located by its JSON path.
public struct DecodeIssue: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  public enum Problem: Sendable, Equatable {
    case syntax(JSONSyntaxError)
    case missingKey(String)
    case unknownKey(String, suggestion: String?)
    case wrongType(expected: String, found: String)
    case invalid(RulebookMessage)
  }

  /// Where the problem is.
  public var path: JSONPath
  /// What the problem is.
  public var problem: Problem

  /// Creates an issue at `path`.
  public init(_ path: JSONPath, _ problem: Problem) {
    self.path = path
    self.problem = problem
  }

  public var description: String {
    switch problem {
    case .syntax(let error): return "invalid JSON at \(error)"
    case .missingKey(let key): return "at \(path): missing required key '\(key)'"
    case .unknownKey(let key, let suggestion):
      return "at \(path): unknown key '\(key)'"
        + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    case .wrongType(let expected, let found):
      return "at \(path): expected \(expected), found \(found)"
    case .invalid(let message): return "at \(path): \(message)"
    }
  }
}

/// Reads one JSON object strictly: every key it is asked for is remembered, and `finish()` refuses
/// any key nobody asked for, suggesting the closest known one.
public struct ObjectReader {
  /// Where this object is in its document.
  public let path: JSONPath
  let object: JSONObject
  var known: [String] = []

  /// Starts reading `value`, which must be an object.
  public init(_ value: JSONValue, at path: JSONPath) throws(DecodeIssue) {
    guard case .object(let object) = value else {
      throw DecodeIssue(path, .wrongType(expected: "an object", found: value.kindName))
    }
    self.object = object
    self.path = path
  }

  /// The raw value of an optional key (null counts as absent).
  public mutating func optionalValue(_ key: String) -> JSONValue? {
    known.append(key)
    guard let value = object[key], value != .null else { return nil }
    return value
  }

  /// For two keys of which exactly one must be given: true when it is `first`. Neither or both
  /// is refused at the object's path with `message`.
  public mutating func either(
    _ first: String, or second: String, otherwise message: RulebookMessage
  )
    throws(DecodeIssue) -> Bool
  {
    let hasFirst = optionalValue(first) != nil
    let hasSecond = optionalValue(second) != nil
    guard hasFirst != hasSecond else { throw DecodeIssue(path, .invalid(message)) }
    return hasFirst
  }

  /// The raw value of a required key. A misspelt key is reported as unknown with the suggestion,
  /// which says more than "missing".
  public mutating func value(_ key: String) throws(DecodeIssue) -> JSONValue {
    if let value = optionalValue(key) { return value }
    for other in object.keys where !known.contains(other) {
      if Suggestion.closest(to: other, in: [key]) != nil {
        throw DecodeIssue(path, .unknownKey(other, suggestion: key))
      }
    }
    throw DecodeIssue(path, .missingKey(key))
  }

  // The value's path is made only to report a problem: a rulebook reads thousands of values.

  /// A required string.
  public mutating func string(_ key: String) throws(DecodeIssue) -> String {
    let raw = try value(key)
    if case .string(let text) = raw { return text }
    return try Self.string(raw, at: path.appending(key))
  }

  /// An optional string.
  public mutating func optionalString(_ key: String) throws(DecodeIssue) -> String? {
    guard let raw = optionalValue(key) else { return nil }
    if case .string(let text) = raw { return text }
    return try Self.string(raw, at: path.appending(key))
  }

  /// A required integer.
  public mutating func int(_ key: String) throws(DecodeIssue) -> Int {
    let raw = try value(key)
    if case .number(let text) = raw, let number = Int(text) { return number }
    return try Self.int(raw, at: path.appending(key))
  }

  /// An optional integer.
  public mutating func optionalInt(_ key: String) throws(DecodeIssue) -> Int? {
    guard let raw = optionalValue(key) else { return nil }
    if case .number(let text) = raw, let number = Int(text) { return number }
    return try Self.int(raw, at: path.appending(key))
  }

  /// An optional boolean.
  public mutating func optionalBool(_ key: String) throws(DecodeIssue) -> Bool? {
    guard let raw = optionalValue(key) else { return nil }
    guard case .bool(let flag) = raw else {
      throw DecodeIssue(
        path.appending(key), .wrongType(expected: "true or false", found: raw.kindName))
    }
    return flag
  }

  /// A required exact decimal number (such as a band limit).
  public mutating func decimal(_ key: String) throws(DecodeIssue) -> Rational {
    let raw = try value(key)
    guard case .number(let text) = raw else {
      throw DecodeIssue(path.appending(key), .wrongType(expected: "a number", found: raw.kindName))
    }
    guard let value = Rational(decimal: text) else {
      throw DecodeIssue(
        path.appending(key),
        .invalid(RulebookMessage(.notPlainDecimal, "\(text)")))
    }
    return value
  }

  /// A required array, with the path of each element.
  public mutating func array(_ key: String) throws(DecodeIssue) -> [(
    value: JSONValue, path: JSONPath
  )] {
    try Self.array(try value(key), at: path.appending(key))
  }

  /// An optional array (absent is empty).
  public mutating func optionalArray(_ key: String) throws(DecodeIssue) -> [(
    value: JSONValue, path: JSONPath
  )] {
    guard let raw = optionalValue(key) else { return [] }
    return try Self.array(raw, at: path.appending(key))
  }

  /// A required nested object.
  public mutating func object(_ key: String) throws(DecodeIssue) -> ObjectReader {
    try ObjectReader(try value(key), at: path.appending(key))
  }

  /// Refuses keys that were never asked for.
  public func finish() throws(DecodeIssue) {
    for key in object.keys where !known.contains(key) {
      throw DecodeIssue(path, .unknownKey(key, suggestion: Suggestion.closest(to: key, in: known)))
    }
  }

  /// `value` as a string.
  public static func string(_ value: JSONValue, at path: JSONPath) throws(DecodeIssue) -> String {
    guard case .string(let text) = value else {
      throw DecodeIssue(path, .wrongType(expected: "a string", found: value.kindName))
    }
    return text
  }

  /// `value` as an integer that fits in 64 bits.
  public static func int(_ value: JSONValue, at path: JSONPath) throws(DecodeIssue) -> Int {
    guard case .number(let text) = value else {
      throw DecodeIssue(path, .wrongType(expected: "an integer", found: value.kindName))
    }
    guard let number = Int(text) else {
      throw DecodeIssue(path, .wrongType(expected: "an integer", found: "'\(text)'"))
    }
    return number
  }

  /// `value` as an array, with the path of each element.
  public static func array(_ value: JSONValue, at path: JSONPath) throws(DecodeIssue) -> [(
    value: JSONValue, path: JSONPath
  )] {
    guard case .array(let elements) = value else {
      throw DecodeIssue(path, .wrongType(expected: "an array", found: value.kindName))
    }
    return elements.enumerated().map { ($0.element, path.appending(index: $0.offset)) }
  }
}
