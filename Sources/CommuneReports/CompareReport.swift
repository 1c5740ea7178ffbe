import CommuneScoring

/// Renders how communes moved between two rounds.
public struct CompareReport: Renderer {
  public let explainer: Explainer

  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  /// One commune across the two rounds (either side may be absent).
  public struct Change: Sendable {
    public var code: String
    public var old: (record: EvidenceRecord, score: Score)?
    public var new: (record: EvidenceRecord, score: Score)?

    public init(
      code: String, old: (record: EvidenceRecord, score: Score)?,
      new: (record: EvidenceRecord, score: Score)?
    ) {
      self.code = code
      self.old = old
      self.new = new
    }

    /// "gained", "lost", or nil when recognition did not change.
    public var verdictChange: String? {
      guard let old, let new else { return nil }
      let before = old.score.status == .recognized
      let after = new.score.status == .recognized
      if before == after { return nil }
      return after ? "gained" : "lost"
    }
  }

  /// Why recognition changed, as structured causes in rulebook order.
  public enum Cause: Sendable, Equatable {
    case criterionNoLongerZero(String, from: Int, to: Int)
    case criterionNowZero(String, from: Int?)
    case criterionNowVerifiable(String)
    case criterionNoLongerVerifiable(String)
    case totalCrossed(from: Int, to: Int, threshold: Int)
  }

  /// The causes of a change of verdict.
  public func causes(_ change: Change) -> [Cause] {
    guard let old = change.old, let new = change.new, change.verdictChange != nil else { return [] }
    var causes: [Cause] = []
    for (index, criterion) in rulebook.criteria.enumerated() {
      let before = old.score.criteria[index].points
      let after = new.score.criteria[index].points
      switch (before, after) {
      case (0?, let to?) where to > 0:
        causes.append(.criterionNoLongerZero(criterion.id, from: 0, to: to))
      case (let from, 0?) where from != 0:
        causes.append(.criterionNowZero(criterion.id, from: from))
      case (nil, _?): causes.append(.criterionNowVerifiable(criterion.id))
      case (_?, nil): causes.append(.criterionNoLongerVerifiable(criterion.id))
      default: break
      }
    }
    let threshold = new.score.threshold
    if (old.score.total >= old.score.threshold) != (new.score.total >= threshold) {
      causes.append(.totalCrossed(from: old.score.total, to: new.score.total, threshold: threshold))
    }
    return causes
  }

  func cause(_ cause: Cause) -> String {
    switch cause {
    case .criterionNoLongerZero(let id, let from, let to):
      return w.t(
        "\(id) hết bị 0 điểm (\(w.plain(from)) → \(w.plain(to)))",
        "\(id) no longer 0 (\(w.plain(from)) → \(w.plain(to)))")
    case .criterionNowZero(let id, let from):
      return w.t(
        "\(id) bị 0 điểm (\(from.map(w.plain) ?? "—") → 0)",
        "\(id) now 0 (\(from.map(w.plain) ?? "—") → 0)")
    case .criterionNowVerifiable(let id):
      return w.t("\(id) nay đã đủ số liệu", "\(id) now has its evidence")
    case .criterionNoLongerVerifiable(let id):
      return w.t("\(id) thiếu số liệu", "\(id) now lacks evidence")
    case .totalCrossed(let from, let to, let threshold):
      return to >= threshold
        ? w.t(
          "tổng điểm \(w.plain(from)) → \(w.plain(to)), đạt ngưỡng \(w.plain(threshold))",
          "total \(w.plain(from)) → \(w.plain(to)), reaches the threshold of \(w.plain(threshold))")
        : w.t(
          "tổng điểm \(w.plain(from)) → \(w.plain(to)), dưới ngưỡng \(w.plain(threshold))",
          "total \(w.plain(from)) → \(w.plain(to)), below the threshold of \(w.plain(threshold))")
    }
  }

  func status(_ status: AssessmentStatus) -> String {
    switch status {
    case .recognized: w.t("đạt", "recognised")
    case .notRecognized: w.t("không đạt", "not recognised")
    case .incomplete: w.t("chưa đủ số liệu", "incomplete")
    }
  }

  /// The terminal's width the text fits.
  static let width = 80

  /// `text` wrapped to the terminal's width, a number never parted from the word before it
  /// ("ngưỡng 800", "→ 100);").
  static func wrapped(_ text: String, indent: Int, firstIndent: Int) -> [String] {
    var words: [String] = []
    for word in text.split(separator: " ").map(String.init) {
      if let last = words.last, word.first?.isNumber == true {
        words[words.count - 1] = last + " " + word
      } else {
        words.append(word)
      }
    }
    return TextWrap.lines(words: words, width: width, indent: indent, firstIndent: firstIndent)
  }

  /// The comparison as text, at most 80 columns wide.
  public func text(_ changes: [Change]) -> String {
    var out = [w.t("SO SÁNH HAI KỲ ĐÁNH GIÁ", "COMPARISON OF TWO ROUNDS"), ""]
    var gained = 0
    var lost = 0
    var onlyOld: [Change] = []
    var onlyNew: [Change] = []
    // Each commune's two rounds, after its code and name on one line when every commune's fit
    // the terminal, otherwise under the name for all, so the list reads alike from top to end.
    func rounds(
      _ old: (record: EvidenceRecord, score: Score), _ new: (record: EvidenceRecord, score: Score)
    ) -> String {
      let delta = new.score.total - old.score.total
      return
        "\(old.record.year): \(w.plain(old.score.total)) \(status(old.score.status)) → \(new.record.year): \(w.plain(new.score.total)) \(status(new.score.status))"
        + " (\(delta >= 0 ? "+" : "")\(w.plain(delta)))"
    }
    let oneLine = changes.allSatisfy { change in
      guard let old = change.old, let new = change.new else { return true }
      return 36 + rounds(old, new).count <= Self.width
    }
    for change in changes {
      guard let old = change.old, let new = change.new else {
        if change.old != nil { onlyOld.append(change) } else { onlyNew.append(change) }
        continue
      }
      let shortName = String(new.record.commune.name.prefix(27))
      if oneLine {
        out.append(Format.pad(change.code, 8) + Format.pad(shortName, 28) + rounds(old, new))
      } else {
        out.append(Format.pad(change.code, 8) + shortName)
        out += Self.wrapped(rounds(old, new), indent: 10, firstIndent: 8)
      }
      var deltas: [String] = []
      for (index, criterion) in rulebook.criteria.enumerated() {
        let before = old.score.criteria[index].points
        let after = new.score.criteria[index].points
        guard before != after else { continue }
        if let before, let after {
          deltas.append(
            "\(criterion.id) \(after - before >= 0 ? "+" : "")\(w.plain(after - before))")
        } else {
          deltas.append(
            "\(criterion.id) \(before.map(w.plain) ?? "—") → \(after.map(w.plain) ?? "—")")
        }
      }
      if !deltas.isEmpty {
        out += Self.wrapped(deltas.joined(separator: ", "), indent: 8, firstIndent: 8)
      }
      switch change.verdictChange {
      case "gained"?:
        gained += 1
        out += Self.wrapped(
          w.t("ĐƯỢC CÔNG NHẬN: ", "GAINED RECOGNITION: ")
            + causes(change).map(cause).joined(separator: "; "), indent: 10, firstIndent: 8)
      case "lost"?:
        lost += 1
        out += Self.wrapped(
          w.t("MẤT CÔNG NHẬN: ", "LOST RECOGNITION: ")
            + causes(change).map(cause).joined(separator: "; "), indent: 10, firstIndent: 8)
      default: break
      }
    }
    if !onlyOld.isEmpty {
      out.append("")
      out.append(w.t("Chỉ có ở kỳ trước:", "Only in the earlier round:"))
      for change in onlyOld {
        out.append("  \(change.code) \(change.old?.record.commune.name ?? "")")
      }
    }
    if !onlyNew.isEmpty {
      out.append("")
      out.append(w.t("Chỉ có ở kỳ sau:", "Only in the later round:"))
      for change in onlyNew {
        out.append("  \(change.code) \(change.new?.record.commune.name ?? "")")
      }
    }
    out.append("")
    out.append(
      w.t(
        "Được công nhận thêm: \(gained); mất công nhận: \(lost).",
        "Gained recognition: \(gained); lost recognition: \(lost)."))
    return out.joined(separator: "\n") + "\n"
  }

  /// The comparison as JSON.
  public func json(_ changes: [Change]) -> String {
    func side(_ side: (record: EvidenceRecord, score: Score)?) -> JSONValue {
      guard let side else { return .null }
      return .obj([
        ("year", .int(side.record.year)), ("total", .int(side.score.total)),
        ("threshold", .int(side.score.threshold)),
        ("status", .string(side.score.status.rawValue)),
        (
          "criteria",
          .obj(
            zip(rulebook.criteria, side.score.criteria).map {
              ($0.id, JSONValue.optionalInt($1.points))
            })
        ),
      ])
    }
    let items: [JSONValue] = changes.map { change in
      let record = change.new?.record ?? change.old?.record
      var members: [(String, JSONValue)] = [
        ("code", .string(change.code)), ("name", .optionalString(record?.commune.name)),
        ("old", side(change.old)), ("new", side(change.new)),
        ("verdictChange", .optionalString(change.verdictChange)),
        ("causes", .array(causes(change).map { .string(cause($0)) })),
      ]
      if let old = change.old, let new = change.new {
        members.append(("totalChange", .int(new.score.total - old.score.total)))
        members.append(
          (
            "criteriaChange",
            .obj(
              rulebook.criteria.indices.compactMap { index in
                guard let before = old.score.criteria[index].points,
                  let after = new.score.criteria[index].points
                else { return nil }
                return (rulebook.criteria[index].id, .int(after - before))
              })
          ))
      }
      return .obj(members)
    }
    return JSONWriter.write(
      .obj([("rulebook", .string(rulebook.id)), ("communes", .array(items))])) + "\n"
  }
}
