/// Stage 1 for records: JSON → `EvidenceRecord`, strictly, with every problem located by its
/// JSON path; then stage 2 (`EvidenceValidator`) on the commune's and the council's figures.
public enum EvidenceDecoder {
  /// Years outside this range are refused as typos.
  public static let plausibleYears = 2000...2100

  /// Decodes one record from UTF-8 JSON bytes; the record remembers the bytes' SHA-256.
  public static func decode(_ bytes: some Collection<UInt8>, rulebook: Rulebook)
    throws(EvidenceError) -> EvidenceRecord
  {
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch {
      throw EvidenceError(.json(.root), .syntax(error))
    }
    var record = try decode(json, rulebook: rulebook, at: .root)
    record.inputSHA256 = SHA256.hex(of: bytes)
    return record
  }

  /// Decodes one record from a parsed JSON value found at `path` (the root, or `[3]` of a batch).
  public static func decode(_ json: JSONValue, rulebook: Rulebook, at path: JSONPath)
    throws(EvidenceError) -> EvidenceRecord
  {
    do {
      return try decodeUnchecked(json, rulebook: rulebook, at: path)
    } catch let issue as DecodeIssue {
      throw EvidenceError(.json(issue.path), problem(for: issue))
    } catch let error as EvidenceError {
      throw error
    } catch {
      throw EvidenceError(
        .json(path),
        .wrongType(field: path.description, expected: "an evidence record", found: "\(error)"))
    }
  }

  static func problem(for issue: DecodeIssue) -> EvidenceProblem {
    let field =
      issue.path.components.last.map { component -> String in
        if case .key(let key) = component { return key }
        return issue.path.description
      } ?? "record"
    switch issue.problem {
    case .syntax(let error): return .syntax(error)
    case .missingKey(let key): return .missingRequired(key)
    case .unknownKey(let key, let suggestion): return .unknownKey(key, suggestion: suggestion)
    case .wrongType(let expected, let found):
      return .wrongType(field: field, expected: expected, found: found)
    case .invalid(let message): return .invalid(field: field, message)
    }
  }

  static func requiredText(_ reader: inout ObjectReader, _ key: String) throws -> String {
    let text = try reader.string(key)
    if text.allSatisfy(\.isWhitespace) {
      throw EvidenceError(.json(reader.path.appending(key)), .emptyRequired(key))
    }
    return text
  }

  static func decodeUnchecked(_ json: JSONValue, rulebook: Rulebook, at path: JSONPath) throws
    -> EvidenceRecord
  {
    var top = try ObjectReader(json, at: path)
    _ = try top.optionalString("$schema")
    // Free text for people (e.g. "figures are illustrative"); never scored.
    _ = try top.optionalString("note")
    var communeReader = try top.object("commune")
    let code = try requiredText(&communeReader, "code")
    let name = try requiredText(&communeReader, "name")
    let district = try communeReader.optionalString("district")
    let province = try requiredText(&communeReader, "province")
    let category = try requiredText(&communeReader, "category")
    try communeReader.finish()
    guard rulebook.category(category) != nil else {
      throw EvidenceError(
        .json(communeReader.path.appending("category")),
        .unknownCategory(category, valid: rulebook.categories.map(\.id)))
    }
    let year = try top.int("year")
    guard plausibleYears.contains(year) else {
      throw EvidenceError(.json(path.appending("year")), .implausibleYear(year))
    }
    let rulebookID = try top.optionalString("rulebook")
    if let rulebookID, rulebookID != rulebook.id, !rulebook.readsRecordsOf.contains(rulebookID) {
      throw EvidenceError(
        .json(path.appending("rulebook")), .rulebookMismatch(record: rulebookID, inUse: rulebook.id)
      )
    }

    let evidencePath = path.appending("evidence")
    guard let evidenceJSON = top.optionalValue("evidence") else {
      throw EvidenceError(.json(path), .missingRequired("evidence"))
    }
    guard case .object(let evidenceObject) = evidenceJSON else {
      throw EvidenceError(
        .json(evidencePath),
        .wrongType(field: "evidence", expected: "an object", found: evidenceJSON.kindName))
    }
    var values = EvidenceValues(fieldCount: rulebook.fields.count)
    for (key, value) in evidenceObject.members {
      let fieldPath = evidencePath.appending(key)
      guard let field = rulebook.field(key) else {
        throw EvidenceError(
          .json(fieldPath),
          .unknownField(key, suggestion: Suggestion.closest(to: key, in: rulebook.fields.map(\.id)))
        )
      }
      values[field.index] = try fieldValue(value, field: field, at: fieldPath)
    }

    let sources = try self.sources(
      top.optionalValue("sources"), at: path.appending("sources"), rulebook: rulebook)

    var review: Review?
    if let reviewJSON = top.optionalValue("review") {
      var reviewReader = try ObjectReader(reviewJSON, at: path.appending("review"))
      let council = try reviewReader.optionalString("council")
      var adjustments: [Adjustment] = []
      for (value, adjustmentPath) in try reviewReader.array("adjustments") {
        var reader = try ObjectReader(value, at: adjustmentPath)
        let fieldID = try reader.string("field")
        guard let field = rulebook.field(fieldID) else {
          throw EvidenceError(
            .json(adjustmentPath.appending("field")),
            .unknownField(
              fieldID, suggestion: Suggestion.closest(to: fieldID, in: rulebook.fields.map(\.id))))
        }
        guard let raw = reader.optionalValue("value") else {
          throw EvidenceError(.json(adjustmentPath), .missingRequired("value"))
        }
        let adjusted = try fieldValue(raw, field: field, at: adjustmentPath.appending("value"))
        let reason = try requiredText(&reader, "reason")
        try reader.finish()
        adjustments.append(Adjustment(field: fieldID, value: adjusted ?? 0, reason: reason))
      }
      try reviewReader.finish()
      review = Review(council: council, adjustments: adjustments)
    }
    try top.finish()

    var issues = EvidenceValidator.problems(values, rulebook: rulebook) {
      .json(evidencePath.appending($0))
    }
    if let review, issues.isEmpty {
      let reviewed = EvidenceValidator.applying(review, to: values, rulebook: rulebook)
      issues += EvidenceValidator.problems(reviewed, rulebook: rulebook) { field in
        let index = review.adjustments.lastIndex { $0.field == field }
        return .json(
          index.map {
            path.appending("review").appending("adjustments").appending(index: $0).appending(
              "value")
          } ?? evidencePath.appending(field))
      }
    }
    if !issues.isEmpty { throw EvidenceError(issues) }
    return EvidenceRecord(
      commune: CommuneIdentity(
        code: code, name: name, district: district, province: province, category: category),
      year: year, rulebookID: rulebookID, evidence: values, review: review, sources: sources)
  }

  /// Where each figure comes from (`"sources": {"births": "Sổ đăng ký khai sinh 2024"}`): free
  /// text for the dossier, never scored; keys must be declared fields.
  static func sources(_ json: JSONValue?, at path: JSONPath, rulebook: Rulebook)
    throws(EvidenceError) -> [String: String]
  {
    guard let json else { return [:] }
    guard case .object(let object) = json else {
      throw EvidenceError(
        .json(path), .wrongType(field: "sources", expected: "an object", found: json.kindName))
    }
    var sources: [String: String] = [:]
    for (key, value) in object.members {
      guard rulebook.field(key) != nil else {
        throw EvidenceError(
          .json(path.appending(key)),
          .unknownField(key, suggestion: Suggestion.closest(to: key, in: rulebook.fields.map(\.id)))
        )
      }
      guard case .string(let text) = value else {
        throw EvidenceError(
          .json(path.appending(key)),
          .wrongType(field: key, expected: "text", found: value.kindName))
      }
      sources[key] = text
    }
    return sources
  }

  /// A JSON value as a field's stored value: flags 0/1, counts as integers (negative counts are
  /// kept here and refused by the validator, which names the field and value).
  static func fieldValue(_ value: JSONValue, field: FieldDeclaration, at path: JSONPath)
    throws(EvidenceError) -> Int?
  {
    switch (field.kind, value) {
    case (_, .null): return nil
    case (.flag, .bool(let flag)): return flag ? 1 : 0
    case (.flag, _):
      throw EvidenceError(
        .json(path), .wrongType(field: field.id, expected: "true or false", found: value.kindName))
    case (.count, .number(let text)):
      if let number = Int(text) { return number }
      if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
        throw EvidenceError(.json(path), .notWholeNumber(field: field.id, text: text))
      }
      throw EvidenceError(.json(path), .tooLarge(field: field.id, text: text))
    case (.count, _):
      throw EvidenceError(
        .json(path), .wrongType(field: field.id, expected: "a whole number", found: value.kindName))
    }
  }
}
