/// "Did you mean …?" suggestions for misspelt names.
public enum Suggestion {
  /// The candidate closest to `name` by edit distance (case-insensitive), if it is close enough
  /// to be a plausible typo: at most a third of the name's length, and at least 1 edit allowed
  /// for short names. Ties go to the first candidate in the order given, so results are stable.
  public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased().unicodeScalars)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
      if let current = best, current.distance <= distance { continue }
      best = (candidate, distance)
    }
    guard let found = best else { return nil }
    let allowed = max(2, target.count / 3)
    return found.distance <= allowed ? found.name : nil
  }

  /// The Levenshtein distance between two scalar sequences.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
