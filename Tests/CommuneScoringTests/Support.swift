import CommuneScoring
import Foundation

/// Paths and loaders shared by the engine tests.
enum Repo {
  /// The repository root, found from this file's location.
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  static func bytes(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: root.appendingPathComponent(relative)))
  }

  /// The shipped rulebook, loaded once.
  static let rulebook: Rulebook = {
    do {
      return try RulebookLoader.load(try bytes("criteria/qd06-2019.json"))
    } catch {
      fatalError("the shipped rulebook does not load: \(error)")
    }
  }()

  /// The shipped rulebook's text, for tests that edit a copy.
  static func rulebookText() throws -> String {
    String(decoding: try bytes("criteria/qd06-2019.json"), as: UTF8.self)
  }
}

/// Builds evidence values from a dictionary of field id → value (flags as 0/1).
func values(_ fields: [String: Int], rulebook: Rulebook = Repo.rulebook) -> EvidenceValues {
  var result = EvidenceValues(fieldCount: rulebook.fields.count)
  for (id, value) in fields {
    guard let index = rulebook.fieldIndex[id] else { fatalError("unknown field \(id) in a test") }
    result[index] = value
  }
  return result
}

/// A complete record that scores 1,000 points: every flag yes, every rate at its best.
let perfectEvidence: [String: Int] = [
  "child_protection_officer_assigned": 1, "village_collaborators_assigned": 1,
  "protection_board_meets_regularly": 1, "child_budget_allocated": 1,
  "births": 100, "births_registered_on_time": 100,
  "children_total": 2000, "children_abused": 0, "children_sexually_abused": 0,
  "children_violating_law": 0, "children_drug_addicted": 0,
  "children_injured": 5, "children_injury_deaths": 0,
  "special_circumstance_children": 20, "special_circumstance_children_supported": 20,
  "serious_abuse_cases": 0, "serious_abuse_cases_with_timely_plan": 0,
  "children_under1": 100, "children_under1_fully_immunized": 100,
  "children_under5_measured": 500, "children_under5_underweight": 10, "children_under5_stunted": 30,
  "children_health_check_eligible": 2000, "children_health_checked": 2000,
  "children_age5": 100, "children_age5_in_preschool": 100,
  "children_primary_age": 500, "children_primary_in_school": 500,
  "children_lower_secondary_age": 400, "children_lower_secondary_in_school": 400,
  "children_forum_held": 1, "children_club_active": 1, "play_area_available": 1,
  "recreation_activities_held": 1, "survey_respondents": 100, "survey_satisfied": 100,
]

/// The perfect record with some fields changed (nil removes a field: missing).
func evidence(_ changes: [String: Int?]) -> [String: Int] {
  var result = perfectEvidence
  for (key, value) in changes { result[key] = value }
  return result
}

/// Evaluates the perfect record with `changes` for a commune of `category`.
func evaluate(_ changes: [String: Int?], category: String = "standard") -> Evaluation {
  Evaluator.evaluate(values(evidence(changes)), category: category, rulebook: Repo.rulebook)
}

extension Evaluation {
  /// Points of criterion `id` (nil when not verifiable).
  func points(_ id: String) -> Int? { criteria.first { $0.id == id }?.points }

  /// Points of indicator `id`.
  func indicator(_ id: String) -> Int? {
    criteria.flatMap(\.indicators).first { $0.id == id }?.points
  }
}
