import CommuneScoring
import Testing

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
  /// The plain rule, written the slow obvious way: full Levenshtein table, first closest wins,
  /// kept when within max(2, a third of the name's length).
  static func reference(_ name: String, _ candidates: [String]) -> String? {
    func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
      var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
      for i in 0...a.count { table[i][0] = i }
      for j in 0...b.count { table[0][j] = j }
      for i in stride(from: 1, through: a.count, by: 1) {
        for j in stride(from: 1, through: b.count, by: 1) {
          table[i][j] = min(
            table[i - 1][j] + 1, table[i][j - 1] + 1,
            table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
      }
      return table[a.count][b.count]
    }
    let target = Array(name.lowercased().unicodeScalars)
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(target, Array(candidate.lowercased().unicodeScalars))
      if best == nil || d < best?.1 ?? 0 { best = (candidate, d) }
    }
    guard let best, best.1 <= max(2, target.count / 3) else { return nil }
    return best.0
  }

  @Test("the bounded search answers exactly like the plain rule on many random names")
  func matchesReference() {
    var random = SplitMix64(seed: 42)
    let alphabet = Array("abcdeđ_")
    func word(_ length: Int) -> String {
      String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }
    for _ in 0..<3000 {
      let candidates = (0..<Int(random.next() % 5)).map { _ in word(Int(random.next() % 14)) }
      let name = word(Int(random.next() % 22))
      #expect(
        Suggestion.closest(to: name, in: candidates) == Self.reference(name, candidates),
        "\(name) in \(candidates)")
    }
  }

  @Test("an unknown name of 10 MB gets no suggestion, without comparing it letter by letter")
  func hugeName() {
    let huge = String(repeating: "births", count: 10_000_000 / 6)
    #expect(Suggestion.closest(to: huge, in: ["births", "children_total"]) == nil)
    // Just past the longest candidate it is still compared; far past it is not.
    #expect(Suggestion.closest(to: "children_totals", in: ["births", "children_total"]) != nil)
    #expect(Suggestion.closest(to: "", in: ["id"]) == "id")
    #expect(Suggestion.closest(to: "x", in: []) == nil)
  }
}
