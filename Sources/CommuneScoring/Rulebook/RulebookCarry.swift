/// Carries a record read with one rulebook over to another (its year's), field by field id.
public enum RulebookCarry {
  /// `record` with its figures stored by `target`'s fields, checked by `target`'s rules for
  /// figures (parts, minimums) — or why it cannot be: a figure, a correction or a category
  /// `target` does not know, or a record naming another rulebook. Problems are located at
  /// `.line(0, column:)`; the caller puts in the line.
  public static func carry(_ record: EvidenceRecord, from reading: Rulebook, to target: Rulebook)
    -> Result<EvidenceRecord, EvidenceError>
  {
    // The newest rulebook reads records for itself: nothing to carry when no older field was
    // added to it for reading.
    if target.id == reading.id, target.fields.count == reading.fields.count,
      record.rulebookID == nil || record.rulebookID == target.id
    {
      return .success(record)
    }
    func at(_ column: String) -> InputLocation { .line(0, column: column) }
    var issues: [EvidenceIssue] = []
    if let named = record.rulebookID, named != target.id {
      issues.append(
        EvidenceIssue(at("rulebook"), .rulebookMismatch(record: named, inUse: target.id)))
    }
    if target.category(record.commune.category) == nil {
      issues.append(
        EvidenceIssue(
          at("category"),
          .unknownCategory(record.commune.category, valid: target.categories.map(\.id))))
    }
    var values = EvidenceValues(fieldCount: target.fields.count)
    for field in reading.fields {
      guard let value = record.evidence[field.index] else { continue }
      guard let index = target.fieldIndex[field.id] else {
        issues.append(
          EvidenceIssue(
            at(field.id),
            .fieldNotInRulebook(field: field.id, rulebook: target.id, year: record.year)))
        continue
      }
      values[index] = value
    }
    for adjustment in record.review?.adjustments ?? []
    where target.fieldIndex[adjustment.field] == nil {
      issues.append(
        EvidenceIssue(
          at(adjustment.field),
          .fieldNotInRulebook(field: adjustment.field, rulebook: target.id, year: record.year)))
    }
    guard issues.isEmpty else { return .failure(EvidenceError(issues)) }
    issues = EvidenceValidator.problems(values, rulebook: target) { at($0) }
    guard issues.isEmpty else { return .failure(EvidenceError(issues)) }
    var carried = record
    carried.evidence = values
    return .success(carried)
  }
}
