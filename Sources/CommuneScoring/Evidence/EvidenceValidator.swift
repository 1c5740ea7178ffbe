/// Stage 2 for records: the checks that hold whatever format a record came in.
public enum EvidenceValidator {
  /// Problems with the figures: negative counts, minimums, parts larger than their wholes.
  ///
  /// `location` maps a field id to where it was read, so messages point at the file's own place.
  public static func problems(
    _ values: EvidenceValues, rulebook: Rulebook, location: (String) -> InputLocation
  ) -> [EvidenceIssue] {
    var issues: [EvidenceIssue] = []
    var negative: Set<Int> = []
    for field in rulebook.fields {
      guard let value = values[field.index] else { continue }
      if field.kind == .count, value < 0 {
        issues.append(EvidenceIssue(location(field.id), .negative(field: field.id, value: value)))
        negative.insert(field.index)
      } else if let minimum = field.minimum, value < minimum {
        issues.append(
          EvidenceIssue(
            location(field.id), .belowMinimum(field: field.id, value: value, minimum: minimum)))
      }
    }
    for field in rulebook.fields where field.partOf != nil {
      guard let part = values[field.index], !negative.contains(field.index) else { continue }
      // Compare with the nearest whole that is present: a missing middle link does not hide
      // `children_sexually_abused` > `children_total`.
      var wholeID = field.partOf
      while let id = wholeID, let whole = rulebook.field(id) {
        if let wholeValue = values[whole.index] {
          if !negative.contains(whole.index), part > wholeValue {
            issues.append(
              EvidenceIssue(
                location(field.id),
                .partExceedsWhole(
                  part: field.id, partValue: part, whole: whole.id, wholeValue: wholeValue)))
          }
          break
        }
        wholeID = whole.partOf
      }
    }
    return issues
  }

  /// The evidence with every adjustment of `review` applied.
  public static func applying(_ review: Review?, to values: EvidenceValues, rulebook: Rulebook)
    -> EvidenceValues
  {
    guard let review else { return values }
    var result = values
    for adjustment in review.adjustments {
      if let index = rulebook.fieldIndex[adjustment.field] { result[index] = adjustment.value }
    }
    return result
  }
}
