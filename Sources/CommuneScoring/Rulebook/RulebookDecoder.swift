/// Stage 1 for rulebooks: bytes → `Rulebook`, strictly (unknown keys are errors, every error has
/// its JSON path). Field references are resolved to storage indices here.
public enum RulebookDecoder {
  /// The rulebook format versions this engine reads.
  public static let supportedSchemaVersions = [1]

  /// Decodes a rulebook from UTF-8 JSON bytes; `sha256`, when the caller already knows the
  /// bytes' hash (a second copy for another worker), saves computing it again.
  public static func decode(_ bytes: some Collection<UInt8>, sha256: String? = nil)
    throws(DecodeIssue) -> Rulebook
  {
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch { throw DecodeIssue(.root, .syntax(error)) }
    let scale = try PointScale.detect(json)
    var top = try ObjectReader(json, at: .root)
    _ = try top.optionalString("$schema")
    _ = try top.optionalString("notes")
    let schemaVersion = try top.int("schemaVersion")
    guard supportedSchemaVersions.contains(schemaVersion) else {
      throw DecodeIssue(
        .root.appending("schemaVersion"),
        .invalid(
          RulebookMessage(
            .schemaVersion, "\(schemaVersion)",
            "\(supportedSchemaVersions.map(String.init).joined(separator: ", "))")))
    }
    let id = try top.string("id")
    let version = try top.string("version")
    let title = try localized(&top, "title")
    let citation = try top.string("citation")
    let maxTotal = try top.points("maxTotal", scale: scale)

    var communeCodeDigits: Int?
    if let value = top.optionalValue("communeCode") {
      let path = JSONPath.root.appending("communeCode")
      var reader = try ObjectReader(value, at: path)
      let digits = try reader.int("digits")
      guard (1...18).contains(digits) else {
        throw DecodeIssue(
          path.appending("digits"), .invalid(RulebookMessage(.codeDigits, "\(digits)")))
      }
      try reader.finish()
      communeCodeDigits = digits
    }

    let inForce = try InForcePeriod.decode(&top)

    let recognition = try decodeRecognition(&top, pointScale: scale)

    var categories: [CommuneCategory] = []
    for (value, path) in try top.array("categories") {
      var reader = try ObjectReader(value, at: path)
      categories.append(
        CommuneCategory(
          id: try reader.string("id"), name: try localized(&reader, "name"),
          threshold: try reader.points("threshold", scale: scale)))
      try reader.finish()
    }

    var fields: [FieldDeclaration] = []
    for (value, path) in try top.array("fields") {
      var reader = try ObjectReader(value, at: path)
      let fieldID = try reader.string("id")
      let label = try localized(&reader, "label")
      let kindText = try reader.string("kind")
      guard let kind = FieldKind(rawValue: kindText) else {
        throw DecodeIssue(
          path.appending("kind"), .invalid(RulebookMessage(.fieldKind, "\(kindText)")))
      }
      let partOf = try reader.optionalString("partOf")
      let minimum = try reader.optionalInt("minimum")
      let adjustable = try reader.optionalBool("adjustable") ?? false
      _ = try reader.optionalString("note")
      try reader.finish()
      fields.append(
        FieldDeclaration(
          id: fieldID, label: label, kind: kind, partOf: partOf, minimum: minimum,
          adjustable: adjustable, index: fields.count))
    }
    let resolver = FieldResolver(fields, pointScale: scale, categories: categories.map(\.id))

    var criteria: [Criterion] = []
    for (value, path) in try top.array("criteria") {
      var reader = try ObjectReader(value, at: path)
      let criterionID = try reader.string("id")
      let name = try localized(&reader, "name")
      let criterionCitation = try reader.optionalString("citation")
      let maxPoints = try reader.points("maxPoints", scale: scale)
      let criterionMinimum = try reader.optionalPoints("minimumPoints", scale: scale)
      var gates: [Gate] = []
      for (gateValue, gatePath) in try reader.optionalArray("gates") {
        gates.append(try decodeGate(gateValue, at: gatePath, resolver))
      }
      var indicators: [Indicator] = []
      for (indicatorValue, indicatorPath) in try reader.array("indicators") {
        var indicatorReader = try ObjectReader(indicatorValue, at: indicatorPath)
        let indicatorID = try indicatorReader.string("id")
        let indicatorName = try localized(&indicatorReader, "name")
        let indicatorMax = try indicatorReader.points("maxPoints", scale: scale)
        let indicatorMinimum = try indicatorReader.optionalPoints("minimumPoints", scale: scale)
        let provenance = try decodeProvenance(&indicatorReader)
        var ruleReader = try indicatorReader.object("rule")
        let kind = try ruleReader.string("kind")
        guard let ruleType = RuleKinds.named(kind) else {
          let known = RuleKinds.all.map { $0.kind }
          throw DecodeIssue(
            ruleReader.path.appending("kind"),
            .invalid(
              RulebookMessage(
                .unknownRuleKind, "\(kind)",
                RulebookMessage.hint(Suggestion.closest(to: kind, in: known)),
                "\(known.joined(separator: ", "))")))
        }
        let rule = try decodeRule(ruleType, &ruleReader, resolver)
        try ruleReader.finish()
        try indicatorReader.finish()
        indicators.append(
          Indicator(
            id: indicatorID, name: indicatorName, maxPoints: indicatorMax, provenance: provenance,
            rule: rule, minimumPoints: indicatorMinimum))
      }
      try reader.finish()
      criteria.append(
        Criterion(
          id: criterionID, name: name, citation: criterionCitation, maxPoints: maxPoints,
          gates: gates, indicators: indicators, minimumPoints: criterionMinimum))
    }
    try top.finish()
    var index: [String: Int] = [:]
    for field in fields where index[field.id] == nil { index[field.id] = field.index }
    for position in fields.indices {
      fields[position].partOfIndex = fields[position].partOf.flatMap { index[$0] }
    }
    var rulebook = Rulebook(
      schemaVersion: schemaVersion, id: id, version: version, title: title, citation: citation,
      maxTotal: maxTotal,
      categories: categories, recognition: recognition, fields: fields, criteria: criteria,
      sha256: sha256 ?? SHA256.hex(of: bytes), communeCodeDigits: communeCodeDigits,
      fieldIndex: index, pointScale: scale)
    rulebook.inForce = inForce
    return rulebook
  }

  static func decodeRule<Kind: IndicatorRule>(
    _ type: Kind.Type, _ reader: inout ObjectReader, _ resolver: FieldResolver
  ) throws(DecodeIssue) -> any IndicatorRule {
    try Kind.decode(&reader, fields: resolver)
  }

  static func localized(_ reader: inout ObjectReader, _ key: String) throws(DecodeIssue)
    -> LocalizedText
  {
    var inner = try reader.object(key)
    let text = LocalizedText(vi: try inner.string("vi"), en: try inner.string("en"))
    try inner.finish()
    return text
  }

  static func decodeProvenance(_ reader: inout ObjectReader) throws(DecodeIssue) -> Provenance {
    var inner = try reader.object("provenance")
    let statusText = try inner.string("status")
    guard let status = Provenance.Status(rawValue: statusText) else {
      throw DecodeIssue(
        inner.path.appending("status"),
        .invalid(RulebookMessage(.provenanceStatus, "\(statusText)")))
    }
    var note: LocalizedText?
    if let raw = inner.optionalValue("note") {
      guard case .object = raw else {
        throw DecodeIssue(
          inner.path.appending("note"),
          .wrongType(
            expected: "a note in both languages, {\"vi\": …, \"en\": …}", found: raw.kindName))
      }
      note = try localized(&inner, "note")
    }
    var source: ProvenanceSource?
    if inner.optionalValue("source") != nil {
      var sourceReader = try inner.object("source")
      source = ProvenanceSource(
        document: try sourceReader.string("document"),
        article: try sourceReader.optionalString("article"),
        clause: try sourceReader.optionalString("clause"))
      try sourceReader.finish()
    }
    var quote: Provenance.Quote?
    if inner.optionalValue("quote") != nil {
      var quoteReader = try inner.object("quote")
      let hasText = try quoteReader.either(
        "text", or: "missing",
        otherwise: RulebookMessage(.quoteEither))
      quote =
        hasText
        ? .text(try quoteReader.string("text")) : .missing(try localized(&quoteReader, "missing"))
      try quoteReader.finish()
    }
    try inner.finish()
    return Provenance(status: status, note: note, source: source, quote: quote)
  }
}
