/// Stage 2 for records: the checks that hold whatever format a record came in.
public enum EvidenceValidator {
  /// Problems with the figures: negative counts, minimums, parts larger than their wholes.
  ///
  /// `location` maps a field id to where it was read, so messages point at the file's own place.
  public static func problems(
    _ values: EvidenceValues, rulebook: Rulebook, location: (String) -> InputLocation
  ) -> [EvidenceIssue] {
    var issues: [EvidenceIssue] = []
    let fields = rulebook.fields
    // Index-based loops: copying whole declarations here would dominate a batch's time.
    for index in fields.indices {
      guard let value = values[index] else { continue }
      if fields[index].kind == .count, value < 0 {
        let id = fields[index].id
        issues.append(EvidenceIssue(location(id), .negative(field: id, value: value)))
      } else if let minimum = fields[index].minimum, value < minimum {
        let id = fields[index].id
        issues.append(
          EvidenceIssue(location(id), .belowMinimum(field: id, value: value, minimum: minimum)))
      }
    }
    for index in fields.indices {
      guard var wholeIndex = fields[index].partOfIndex, let part = values[index], part >= 0 else {
        continue
      }
      // Compare with the nearest whole that is present: a missing middle link does not hide
      // `children_sexually_abused` > `children_total`.
      while true {
        if let wholeValue = values[wholeIndex] {
          if wholeValue >= 0, part > wholeValue {
            let whole = fields[wholeIndex].id
            let id = fields[index].id
            issues.append(
              EvidenceIssue(
                location(id),
                .partExceedsWhole(part: id, partValue: part, whole: whole, wholeValue: wholeValue)))
          }
          break
        }
        guard let next = fields[wholeIndex].partOfIndex else { break }
        wholeIndex = next
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
