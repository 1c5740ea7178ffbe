/// One change between two rulebooks, at one place: a point value, a band limit, a condition, a
/// provenance, a threshold, a field…
public struct RuleChange: Sendable, Equatable {
  /// One step to the place: a key, or an element of a list — by its `id` when it has one.
  public enum Step: Sendable, Equatable {
    case key(String)
    /// An element with an id (a criterion, an indicator, a gate, a field, a category).
    case item(list: String, id: String)
    /// An element without an id (a band), by position from 0.
    case index(list: String, Int)
  }

  /// Whether the place exists on one side only.
  public enum Kind: String, Sendable, Equatable {
    case added, removed, changed
  }

  /// Where: from the top of the rulebook.
  public var place: [Step]
  public var kind: Kind
  /// The old value (nil when added).
  public var from: JSONValue?
  /// The new value (nil when removed).
  public var to: JSONValue?

  /// The criterion the change is in, if any.
  public var criterion: String? { item("criteria") }
  /// The indicator the change is in, if any.
  public var indicator: String? { item("indicators") }
  /// The gate the change is in, if any.
  public var gate: String? { item("gates") }

  func item(_ list: String) -> String? {
    for step in place {
      if case .item(let name, let id) = step, name == list { return id }
    }
    return nil
  }

  /// The place as a JSON-path-like text: `criteria[T2].indicators[T2.1].rule.bands[1].atLeast`.
  public var path: String {
    var text = ""
    for step in place {
      switch step {
      case .key(let key): text += (text.isEmpty ? "" : ".") + key
      case .item(let list, let id): text += (text.isEmpty ? "" : ".") + "\(list)[\(id)]"
      case .index(let list, let index): text += (text.isEmpty ? "" : ".") + "\(list)[\(index)]"
      }
    }
    return text
  }
}

/// Stage for rulebook authors: what changed between two rulebook documents, rule by rule.
/// Lists of objects with ids (criteria, indicators, gates, fields, categories) are matched by
/// id, whatever their order; other lists (bands) by position. Numbers compare by value (`40`
/// equals `40.0`). Pure.
public enum RulebookDiff {
  /// Keys that only describe the file, not the rules.
  static let ignored: Set<String> = ["$schema"]

  /// Every change from `old` to `new`, in the new document's order (removed items after).
  public static func changes(_ old: JSONValue, _ new: JSONValue) -> [RuleChange] {
    var found: [RuleChange] = []
    walk(old, new, [], &found)
    return found
  }

  static func walk(
    _ old: JSONValue?, _ new: JSONValue?, _ place: [RuleChange.Step], _ found: inout [RuleChange]
  ) {
    switch (old, new) {
    case (.object(let a)?, .object(let b)?):
      var keys = b.keys
      keys += a.keys.filter { b[$0] == nil }
      for key in keys where !ignored.contains(key) {
        let list = key
        if case .array(let left)? = a[key], case .array(let right)? = b[key],
          let leftIDs = ids(left), let rightIDs = ids(right)
        {
          var order = rightIDs
          order += leftIDs.filter { !rightIDs.contains($0) }
          for id in order {
            walk(
              leftIDs.firstIndex(of: id).map { left[$0] },
              rightIDs.firstIndex(of: id).map { right[$0] }, place + [.item(list: list, id: id)],
              &found)
          }
          continue
        }
        if case .array(let left)? = a[key], case .array(let right)? = b[key] {
          for index in 0..<max(left.count, right.count) {
            walk(
              index < left.count ? left[index] : nil, index < right.count ? right[index] : nil,
              place + [.index(list: list, index)], &found)
          }
          continue
        }
        walk(a[key], b[key], place + [.key(key)], &found)
      }
    case (.number(let a)?, .number(let b)?)
    where Rational(decimal: a) != nil && Rational(decimal: a) == Rational(decimal: b):
      return
    default:
      guard old != new else { return }
      let kind: RuleChange.Kind = old == nil ? .added : new == nil ? .removed : .changed
      found.append(RuleChange(place: place, kind: kind, from: old, to: new))
    }
  }

  /// The ids of a list whose elements are all objects with a unique string `id`, else nil.
  static func ids(_ list: [JSONValue]) -> [String]? {
    var result: [String] = []
    for element in list {
      guard case .object(let object) = element, case .string(let id)? = object["id"],
        !result.contains(id)
      else { return nil }
      result.append(id)
    }
    return list.isEmpty ? nil : result
  }
}
