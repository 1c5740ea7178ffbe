import CommuneScoring
import Testing

/// Loads a fixture rulebook, failing the test run with the reason when it does not load.
func fixtureRulebook(_ name: String) -> Rulebook {
  do {
    return try RulebookLoader.load(try Repo.bytes("Tests/Fixtures/rulebooks/\(name)"))
  } catch {
    fatalError("\(name) does not load: \(error)")
  }
}

/// The fixture rulebook `name`'s text with `replacements` made, as bytes, for tests of mistakes.
func editedFixture(_ name: String, _ replacements: [(String, String)]) throws -> [UInt8] {
  var text = String(
    decoding: try Repo.bytes("Tests/Fixtures/rulebooks/\(name)"), as: UTF8.self)
  for (old, new) in replacements {
    #expect(text.contains(old), "the fixture no longer contains \(old)")
    text = text.replacing(old, with: new)
  }
  return Array(text.utf8)
}

/// The cheapest way to recognition found by trying EVERY value of every adjustable field within
/// its bounds (a part within its whole; a count without a whole from 0 to its value plus
/// `headroom`; a flag no or yes), independently of the rules' own improvement lists: the cost
/// is children moved plus actions taken, as the path finder counts it. nil when no combination
/// is recognised.
func cheapestByEnumeration(
  _ start: EvidenceValues, category: String, rulebook: Rulebook, headroom: Int = 2
) -> Int? {
  var domains: [(index: Int, values: [Int])] = []
  for field in rulebook.fields where field.adjustable {
    guard let current = start[field.index] else { continue }
    switch field.kind {
    case .flag: domains.append((field.index, [0, 1]))
    case .count:
      let upper = field.partOfIndex.flatMap { start[$0] } ?? current + headroom
      domains.append((field.index, Array((field.minimum ?? 0)...max(upper, current))))
    }
  }
  var best: Int?
  var values = start
  func visit(_ position: Int, _ cost: Int) {
    if let best, cost >= best { return }
    guard position < domains.count else {
      if Evaluator.score(values, category: category, rulebook: rulebook).status == .recognized {
        best = cost
      }
      return
    }
    let (index, choices) = domains[position]
    let original = start[index] ?? 0
    // Cheapest first, so the bound above prunes early.
    for value in choices.sorted(by: { abs($0 - original) < abs($1 - original) }) {
      values[index] = value
      visit(position + 1, cost + abs(value - original))
    }
    values[index] = original
  }
  visit(0, 0)
  return best
}

/// Checks the path of one record against the enumeration: achievable exactly when some
/// combination is recognised, as cheap as the cheapest, and leading to recognition with the
/// total it announces. Returns whether a path was achievable.
@discardableResult
func checkMinimalPath(
  _ fields: [String: Int], category: String, rulebook: Rulebook, _ label: String
) throws -> Bool {
  let start = values(fields, rulebook: rulebook)
  let evaluation = Evaluator.evaluate(start, category: category, rulebook: rulebook)
  guard evaluation.status == .notRecognized else { return false }
  let path = PathFinder.path(for: evaluation, category: category, rulebook: rulebook)
  guard let best = cheapestByEnumeration(start, category: category, rulebook: rulebook) else {
    #expect(!path.achievable, "\(label): a path \(path.steps) where none exists")
    return false
  }
  #expect(path.achievable, "\(label): no path, though one costs \(best): \(path.blockers)")
  guard path.achievable else { return false }
  let cost = path.steps.reduce(0) { $0 + abs($1.to - $1.from) }
  #expect(cost == best, "\(label): the path \(path.steps) costs \(cost), the cheapest \(best)")
  var after = start
  for step in path.steps { after[try #require(rulebook.fieldIndex[step.field])] = step.to }
  let result = Evaluator.evaluate(after, category: category, rulebook: rulebook)
  #expect(result.status == .recognized, "\(label): the path leaves it \(result.status)")
  #expect(result.total == path.totalAfter, "\(label)")
  let gained = path.steps.reduce(0) { $0 + $1.pointsGained }
  #expect(gained == result.total - evaluation.total, "\(label): the steps' gains add up")
  return true
}

/// The cheapest way to recognition among the rules' own improvement lists: every combination of
/// one improvement (with the changes that go with it) or none per indicator is tried; the cost
/// is the children moved and actions taken. nil when none is recognised or when there are more
/// than `limit` combinations (then the caller skips the commune).
func cheapestByImprovements(
  _ start: EvidenceValues, category: String, rulebook: Rulebook, limit: Int
) throws -> (cost: Int?, tried: Bool) {
  let adjustable = Set(rulebook.fields.filter(\.adjustable).map(\.id))
  let options = rulebook.criteria.flatMap(\.indicators).map {
    $0.rule.improvements(start, adjustable: adjustable)
  }.filter { !$0.isEmpty }
  let combinations = options.reduce(1) { $0 * ($1.count + 1) }
  guard combinations <= limit else { return (nil, false) }
  var best: Int?
  for code in 0..<combinations {
    var rest = code
    var changed = start
    var cost = 0
    for choices in options {
      let pick = rest % (choices.count + 1)
      rest /= choices.count + 1
      guard pick > 0 else { continue }
      for change in [choices[pick - 1]] + choices[pick - 1].more {
        changed[try #require(rulebook.fieldIndex[change.field])] = change.to
        cost += abs(change.to - change.from)
      }
    }
    if cost < best ?? Int.max,
      Evaluator.score(changed, category: category, rulebook: rulebook).status == .recognized
    {
      best = cost
    }
  }
  return (best, true)
}
