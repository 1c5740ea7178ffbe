/// Stage 2 for rulebooks: static checks that the numbers add up and every reference resolves.
public enum RulebookValidator {
  /// Every problem found, errors first in document order.
  public static func validate(_ rulebook: Rulebook) -> [Diagnostic] {
    var found: [Diagnostic] = []
    func error(_ path: JSONPath, _ message: RulebookMessage) {
      found.append(Diagnostic(.error, path, message))
    }
    let root = JSONPath.root

    // Unique ids.
    var seen: [String: JSONPath] = [:]
    func claim(_ id: String, _ path: JSONPath) {
      if let first = seen[id] {
        error(path.appending("id"), .init(.idUsed, "\(id)", "\(first)"))
      } else {
        seen[id] = path
      }
    }
    if rulebook.categories.isEmpty {
      error(root.appending("categories"), .init(.noCategory))
    }
    for (index, category) in rulebook.categories.enumerated() {
      let path = root.appending("categories").appending(index: index)
      claim("category:" + category.id, path)
      if category.threshold <= 0 || category.threshold > rulebook.maxTotal {
        error(
          path.appending("threshold"),
          .init(.thresholdRange, "\(category.threshold)", "\(rulebook.maxTotal)"))
      }
    }

    // Fields.
    let resolver = FieldResolver(rulebook.fields)
    for (index, field) in rulebook.fields.enumerated() {
      let path = root.appending("fields").appending(index: index)
      claim("field:" + field.id, path)
      if let minimum = field.minimum {
        if field.kind != .count {
          error(path.appending("minimum"), .init(.minimumOnlyCounts))
        }
        if minimum < 0 { error(path.appending("minimum"), .init(.minimumNegative)) }
      }
      if let whole = field.partOf {
        guard let wholeField = resolver[whole] else {
          error(
            path.appending("partOf"),
            .init(
              .partOfNotDeclared, "\(whole)",
              RulebookMessage.hint(Suggestion.closest(to: whole, in: rulebook.fields.map(\.id)))))
          continue
        }
        if field.kind != .count || wholeField.kind != .count {
          error(path.appending("partOf"), .init(.partOfKinds))
        }
        // A chain of parts must end: a → b → a would make every record invalid.
        var visited: Set<String> = [field.id]
        var next: String? = whole
        while let current = next {
          if !visited.insert(current).inserted {
            error(path.appending("partOf"), .init(.partOfCycle, "\(current)"))
            break
          }
          next = resolver[current]?.partOf
        }
      }
    }

    // Criteria, gates, indicators.
    if rulebook.criteria.isEmpty {
      error(root.appending("criteria"), .init(.noCriterion))
    }
    var used: Set<String> = []
    // Sums are wide: a rulebook with absurd points is refused with a message, never a trap.
    var total: Int128 = 0
    for (criterionIndex, criterion) in rulebook.criteria.enumerated() {
      let path = root.appending("criteria").appending(index: criterionIndex)
      claim(criterion.id, path)
      total += Int128(criterion.maxPoints)
      for (gateIndex, gate) in criterion.gates.enumerated() {
        claim(gate.id, path.appending("gates").appending(index: gateIndex))
        provenanceProblems(
          gate.provenance, path.appending("gates").appending(index: gateIndex), error)
        for input in gate.condition.inputs { used.insert(input.id) }
        for problem in gate.condition.problems(fields: resolver) {
          error(path.appending("gates").appending(index: gateIndex).appending("when"), problem)
        }
      }
      if criterion.indicators.isEmpty {
        error(path.appending("indicators"), .init(.noIndicator))
      }
      var sum: Int128 = 0
      for (indicatorIndex, indicator) in criterion.indicators.enumerated() {
        let indicatorPath = path.appending("indicators").appending(index: indicatorIndex)
        claim(indicator.id, indicatorPath)
        provenanceProblems(indicator.provenance, indicatorPath, error)
        sum += Int128(indicator.maxPoints)
        for input in indicator.rule.inputs { used.insert(input.id) }
        if indicator.maxPoints <= 0 {
          error(indicatorPath.appending("maxPoints"), .init(.maxPointsNotPositive))
        }
        if indicator.rule.bestPoints != indicator.maxPoints {
          error(
            indicatorPath.appending("maxPoints"),
            .init(.maxPointsRule, "\(indicator.maxPoints)", "\(indicator.rule.bestPoints)"))
        }
        for problem in indicator.rule.problems(fields: resolver) {
          error(indicatorPath.appending("rule"), problem)
        }
      }
      if sum != Int128(criterion.maxPoints) {
        error(
          path.appending("maxPoints"),
          .init(.criterionSum, "\(criterion.maxPoints)", "\(sum)"))
      }
    }
    if total != Int128(rulebook.maxTotal) {
      error(
        root.appending("maxTotal"),
        .init(.totalSum, "\(rulebook.maxTotal)", "\(total)"))
    }
    minimumProblems(rulebook, error)
    for (index, field) in rulebook.fields.enumerated() where !used.contains(field.id) {
      // A whole that only bounds its parts (children_total for children_abused…) is used too.
      let isWhole = rulebook.fields.contains { $0.partOf == field.id && used.contains($0.id) }
      if !isWhole {
        error(
          root.appending("fields").appending(index: index),
          .init(.fieldUnused, "\(field.id)"))
      }
    }
    return found
  }

  /// `verified` means a legal officer can check the rule against the Decision in one sitting:
  /// it names its document and quotes the official wording.
  static func provenanceProblems(
    _ provenance: Provenance, _ path: JSONPath, _ error: (JSONPath, RulebookMessage) -> Void
  ) {
    let here = path.appending("provenance")
    guard provenance.status == .verified else { return }
    if provenance.source == nil {
      error(
        here.appending("source"),
        .init(.verifiedSource))
    }
    guard let text = provenance.quote?.text, !text.allSatisfy(\.isWhitespace) else {
      error(
        here.appending("quote"),
        .init(.verifiedQuote))
      return
    }
  }
}

/// Decodes and validates a rulebook in one call.
public enum RulebookLoader {
  /// A usable rulebook from bytes, or every reason it is not.
  public static func load(_ bytes: some Collection<UInt8>, sha256: String? = nil)
    throws(RulebookError) -> Rulebook
  {
    let rulebook: Rulebook
    do { rulebook = try RulebookDecoder.decode(bytes, sha256: sha256) } catch {
      throw .decode(error)
    }
    let diagnostics = RulebookValidator.validate(rulebook)
    if diagnostics.contains(where: { $0.severity == .error }) { throw .invalid(diagnostics) }
    return rulebook
  }
}
