import CommuneScoring
import Testing

/// Every example every rule kind gives of itself, run against the kind's own code.
struct RuleKindExample: CustomTestStringConvertible, Sendable {
  var kind: String
  var example: RuleExample
  var testDescription: String { "\(kind): \(example.title)" }
}

let allRuleExamples: [RuleKindExample] = RuleKinds.all.flatMap { kind in
  kind.examples.map { RuleKindExample(kind: kind.kind, example: $0) }
}

/// A one-indicator rulebook around an example rule, so the example runs through the real decoder.
func exampleRulebook(_ rule: String, maxPoints: String) -> String {
  let fields = RuleExample.fields.filter { rule.contains("\"\($0.id)\"") }.map {
    #"{"id":"\#($0.id)","label":{"vi":"\#($0.id)","en":"\#($0.id)"},"kind":"\#($0.kind.rawValue)"}"#
  }
  return """
    {"schemaVersion":1,"id":"example","version":"1","title":{"vi":"x","en":"x"},"citation":"x","maxTotal":\(maxPoints),
     "recognition":{},"categories":[\(RuleExample.categories.map { #"{"id":"\#($0)","name":{"vi":"\#($0)","en":"\#($0)"},"threshold":\#(maxPoints)}"# }.joined(separator: ","))],
     "fields":[\(fields.joined(separator: ","))],
     "criteria":[{"id":"K","name":{"vi":"k","en":"k"},"maxPoints":\(maxPoints),"indicators":[
       {"id":"K.1","name":{"vi":"k","en":"k"},"maxPoints":\(maxPoints),"provenance":{"status":"reconstructed"},"rule":\(rule)}]}]}
    """
}

@Suite("Rule kinds")
struct RuleKindTests {
  @Test("every rule kind comes with examples")
  func everyKindHasExamples() {
    for kind in RuleKinds.all {
      #expect(kind.examples.count >= 3, "\(kind.kind) needs examples")
      #expect(!kind.summary.isEmpty)
    }
  }

  @Test("each example scores what it says", arguments: allRuleExamples)
  func exampleScores(_ item: RuleKindExample) throws {
    let decoded = try RulebookDecoder.decode(
      Array(exampleRulebook(item.example.rule, maxPoints: "1").utf8))
    let rule = try #require(decoded.criteria.first?.indicators.first?.rule)
    let text = exampleRulebook(
      item.example.rule, maxPoints: decoded.pointsText(rule.bestPoints))
    let rulebook = try RulebookLoader.load(Array(text.utf8))
    var record = EvidenceValues(fieldCount: rulebook.fields.count)
    for (field, value) in item.example.evidence {
      record[try #require(rulebook.fieldIndex[field])] = value
    }
    let evaluation = Evaluator.evaluate(
      record, category: item.example.category, rulebook: rulebook)
    let points = evaluation.indicator("K.1")
    #expect(points.map(rulebook.pointsText) == item.example.expected)
    #expect(
      evaluation.criteria[0].status
        == (points == nil ? .notVerifiable : ((points ?? 0) > 0 ? .met : .zero)))
  }
}
