/// A parsed JSON document that keeps what strict, exact decoding needs.
///
/// Numbers keep their source text so that `98.5` is read as the exact fraction 985/10 and a count
/// such as `12.0` can be told apart from `12`. Objects keep their keys in source order.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number, as written in the source (already checked against the JSON grammar).
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// A short English noun for the kind of value, used in error messages ("a string").
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number(let text):
      text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        ? "a decimal number" : "an integer"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// A JSON object whose members keep their source order; keys are unique (the parser refuses
/// duplicates).
public struct JSONObject: Sendable, Equatable {
  /// The members in source order.
  public var members: [(key: String, value: JSONValue)]

  /// Creates an object from members in the order given.
  public init(_ members: [(key: String, value: JSONValue)] = []) {
    self.members = members
  }

  /// The value of `key`, or nil when absent.
  public subscript(key: String) -> JSONValue? {
    for member in members where member.key == key { return member.value }
    return nil
  }

  /// The keys in source order.
  public var keys: [String] { members.map(\.key) }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}

/// A location inside a JSON document, written the way people read it: `criteria[3].indicators[0]`.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
  /// One step of a path.
  public enum Component: Sendable, Equatable {
    case key(String)
    case index(Int)
  }

  /// The steps from the document root.
  public var components: [Component]

  /// The root of a document.
  public static let root = JSONPath(components: [])

  /// Creates a path from its steps.
  public init(components: [Component]) { self.components = components }

  /// This path extended by an object key.
  public func appending(_ key: String) -> JSONPath {
    var extended = components
    extended.append(.key(key))
    return JSONPath(components: extended)
  }

  /// This path extended by an array index.
  public func appending(index: Int) -> JSONPath {
    var extended = components
    extended.append(.index(index))
    return JSONPath(components: extended)
  }

  public var description: String {
    if components.isEmpty { return "(top level)" }
    var text = ""
    for component in components {
      switch component {
      case .key(let key):
        if !text.isEmpty { text += "." }
        text += key
      case .index(let index):
        text += "[\(index)]"
      }
    }
    return text
  }
}
