/// Points by commune category: "thành phố thuộc tỉnh vùng cao được tính 1 điểm; … miền núi …
/// 0,5 điểm".
public struct CategoryPointsRule: IndicatorRule {
  public static let kind = "category_points"
  public static let summary =
    "gives the points listed for the commune's category in `points` (an object of category id → points), `otherwise` for a category not listed"

  static let rule =
    #"{"kind":"category_points","points":{"urban_ward":1,"mountain":0.5},"otherwise":0}"#
  public static let examples: [RuleExample] = [
    RuleExample(
      "a ward of a city scores 1", rule: rule, evidence: [:], expected: "1", category: "urban_ward"),
    RuleExample(
      "a mountain commune scores 0.5", rule: rule, evidence: [:], expected: "0.5",
      category: "mountain"),
    RuleExample(
      "a category not listed scores otherwise", rule: rule, evidence: [:], expected: "0",
      category: "standard"),
  ]

  /// Points by category position in the rulebook (`otherwise` where none is listed).
  public var pointsByCategory: [Int]
  /// The categories listed, with their points, in the rule's order.
  public var listed: [(category: String, points: Int)]
  public var otherwise: Int

  public static func decode(_ reader: inout ObjectReader, fields: FieldResolver) throws(DecodeIssue)
    -> CategoryPointsRule
  {
    let path = reader.path.appending("points")
    guard case .object(let object) = try reader.value("points") else {
      throw DecodeIssue(path, .wrongType(expected: "an object of category → points", found: "?"))
    }
    let otherwise = try reader.optionalPoints("otherwise", scale: fields.pointScale) ?? 0
    var byCategory = Array(repeating: otherwise, count: fields.categories.count)
    var listed: [(String, Int)] = []
    for (category, value) in object.members {
      guard let index = fields.categories.firstIndex(of: category) else {
        let hint = RulebookMessage.hint(Suggestion.closest(to: category, in: fields.categories))
        throw DecodeIssue(
          path.appending(category),
          .invalid(RulebookMessage(.categoryNotDeclared, "\(category)", hint)))
      }
      let points = try ObjectReader.points(
        value, at: path.appending(category), scale: fields.pointScale)
      byCategory[index] = points
      listed.append((category, points))
    }
    return CategoryPointsRule(pointsByCategory: byCategory, listed: listed, otherwise: otherwise)
  }

  public var inputs: [FieldRef] { [] }
  public var bestPoints: Int { pointsByCategory.max() ?? otherwise }
  public var worstPoints: Int { pointsByCategory.min() ?? otherwise }

  public func problems(fields: FieldResolver) -> [RulebookMessage] {
    var problems: [RulebookMessage] = []
    if listed.isEmpty { problems.append(.init(.noCategoryListed)) }
    if otherwise < 0 || listed.contains(where: { $0.points < 0 }) {
      problems.append(.init(.pointsNegative))
    }
    return problems
  }

  public func evaluate(_ values: EvidenceValues) -> RuleOutcome {
    let index = values.categoryIndex
    guard pointsByCategory.indices.contains(index) else { return .scored(otherwise) }
    return .scored(pointsByCategory[index])
  }

  /// A commune cannot change its category to be recognised.
  public func improvements(_ values: EvidenceValues, adjustable: Set<String>) -> [Improvement] {
    []
  }
}

extension CategoryPointsRule: Equatable {
  public static func == (lhs: CategoryPointsRule, rhs: CategoryPointsRule) -> Bool {
    lhs.pointsByCategory == rhs.pointsByCategory && lhs.otherwise == rhs.otherwise
      && lhs.listed.map(\.category) == rhs.listed.map(\.category)
  }
}
