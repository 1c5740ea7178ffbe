/// "Did you mean …?" suggestions for misspelt names.
///
/// The cost is bounded by the candidates, not by the name: a name whose length alone puts it
/// further than the allowed number of edits from every candidate is answered without comparing
/// (an unknown column name of 10 MB is answered at once), and the comparison itself only fills a
/// band of the edit-distance table as wide as the edits still allowed.
public enum Suggestion {
  /// The candidate closest to `name` by edit distance (case-insensitive), if it is close enough
  /// to be a plausible typo: at most a third of the name's length, and at least 2 edits allowed
  /// for short names. Ties go to the first candidate in the order given, so results are stable.
  public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
    let candidates = Array(candidates)
    let longest = candidates.map(\.unicodeScalars.count).max() ?? 0
    // A name more than half again as long as every candidate needs more edits than allowed
    // (removing a third of it still leaves it longer): no need to look at it further.
    let length = name.unicodeScalars.count
    guard length <= longest + longest / 2 + 2 else { return nil }
    let target = Array(name.lowercased().unicodeScalars)
    let allowed = max(2, target.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      // Only a strictly better candidate replaces the best one found so far.
      let limit = min(allowed, (best?.distance ?? allowed + 1) - 1)
      guard limit >= 0 else { break }
      let other = Array(candidate.lowercased().unicodeScalars)
      if let distance = editDistance(target, other, limit: limit) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// The Levenshtein distance between two scalar sequences.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    editDistance(a, b, limit: max(a.count, b.count)) ?? max(a.count, b.count)
  }

  /// The Levenshtein distance between `a` and `b` if it is at most `limit`, else nil. Only the
  /// cells within `limit` of the diagonal are computed (Ukkonen's band), and the work stops as
  /// soon as a whole row exceeds `limit`: O(min(|a|, |b|) × limit) time, O(|b|) memory.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
    guard abs(a.count - b.count) <= limit else { return nil }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let outside = limit + 1  // stands for "more than limit"
    var previous = (0...b.count).map { min($0, outside) }
    var current = [Int](repeating: outside, count: b.count + 1)
    for i in 1...a.count {
      let low = max(1, i - limit)
      let high = min(b.count, i + limit)
      current[0] = min(i, outside)
      if low > 1 { current[low - 1] = outside }
      var rowMinimum = current[0]
      if low <= high {
        for j in low...high {
          let cost = a[i - 1] == b[j - 1] ? 0 : 1
          let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, outside)
          current[j] = value
          rowMinimum = min(rowMinimum, value)
        }
      }
      if high < b.count { current[high + 1] = outside }
      if rowMinimum > limit { return nil }
      swap(&previous, &current)
    }
    let distance = previous[b.count]
    return distance <= limit ? distance : nil
  }
}
