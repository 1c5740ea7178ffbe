import CommuneScoring

/// `--format json`: a JSON array with one compact object per line, streamed: each commune's
/// assessment (the same keys as `cfc assess --format json`), each rejected record
/// (`{"errors":[…],"line":…,"source":…,"status":"rejected"}`), and last the tally
/// (`{"assessed":…,"read":…,"rejected":…,"sources":[…],"status":"tally","unusedReviews":…}`).
public struct JSONBatchWriter: BatchWriter {
  let options: BatchWriterOptions
  var wroteFirst = false

  public init(_ options: BatchWriterOptions) { self.options = options }

  public var formatter: BatchEngine.Formatter {
    let certifiedOnly = options.certifiedOnly
    let language = options.language
    return { row, bytes in
      guard !certifiedOnly || row.score.status == .recognized else { return }
      let assessment = Assessor.assess(row.record, rulebook: row.rulebook)
      JSONWriter.append(
        JSONReport(rulebook: row.rulebook, language: language).value(assessment), to: &bytes)
    }
  }

  public func begin(into output: inout [UInt8]) { output.append(UInt8(ascii: "[")) }

  mutating func element(_ bytes: some Sequence<UInt8>, into output: inout [UInt8]) {
    output += (wroteFirst ? ",\n" : "\n").utf8
    output += bytes
    wroteFirst = true
  }

  public mutating func add(
    _ row: BatchRow, formatted: ArraySlice<UInt8>, into output: inout [UInt8]
  ) {
    guard !formatted.isEmpty else { return }
    element(formatted, into: &output)
  }

  public mutating func reject(_ rejection: BatchRejection, into output: inout [UInt8]) {
    guard !options.certifiedOnly else { return }
    element(
      JSONWriter.write(Self.rejected(rejection, options.language), pretty: false).utf8,
      into: &output)
  }

  public mutating func end(_ tally: BatchTally, into output: inout [UInt8]) {
    element(JSONWriter.write(Self.tally(tally), pretty: false).utf8, into: &output)
    output += "\n]\n".utf8
  }

  /// A rejected record: `{"errors":[…],"line":…,"source":…,"status":"rejected"}` (shared with
  /// `--format jsonl`).
  static func rejected(_ rejection: BatchRejection, _ language: Language) -> JSONValue {
    let text = ErrorText(language)
    let messages = rejection.error.issues.map {
      JSONValue.string(text.location($0.location) + ": " + text.problem($0.problem))
    }
    return JSONValue.obj([
      ("line", .int(rejection.line)), ("source", .string(rejection.source)),
      ("status", .string("rejected")), ("errors", .array(messages)),
    ])
  }

  /// The tally: `{"assessed":…,"read":…,"rejected":…,"sources":[…],"status":"tally",
  /// "unusedReviews":…}` (shared with `--format jsonl`).
  static func tally(_ tally: BatchTally) -> JSONValue {
    func counts(_ counts: BatchTally.Counts) -> [(String, JSONValue)] {
      [
        ("read", .int(counts.read)), ("assessed", .int(counts.assessed)),
        ("rejected", .int(counts.rejected)),
      ]
    }
    let sources = tally.sources.map { source in
      JSONValue.obj([("source", .string(source.name))] + counts(source.counts))
    }
    return JSONValue.obj(
      [("status", .string("tally"))] + counts(tally.all) + [
        ("unusedReviews", .int(tally.unusedReviews)), ("sources", .array(sources)),
      ])
  }
}
