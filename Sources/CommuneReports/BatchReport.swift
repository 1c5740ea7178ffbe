import CommuneScoring

/// What a batch summary needs to know of one commune (kept small: summaries hold one per row).
public struct BatchEntry: Sendable, Equatable {
  public var code: String
  public var name: String
  public var district: String?
  public var province: String
  public var category: String
  public var year: Int
  public var total: Int
  public var threshold: Int
  public var status: AssessmentStatus
  /// Criterion points in rulebook order (nil when not verifiable).
  public var criteria: [Int?]
  /// Whether a council's review decided the result.
  public var reviewed: Bool

  public init(_ record: EvidenceRecord, _ score: Score, reviewed: Bool) {
    code = record.commune.code
    name = record.commune.name
    district = record.commune.district
    province = record.commune.province
    category = record.commune.category
    year = record.year
    total = score.total
    threshold = score.threshold
    status = score.status
    criteria = score.criteria.map(\.points)
    self.reviewed = reviewed
  }
}

/// The batch CSV: the contract's columns, then extras.
public enum BatchCSVReport {
  /// The header row, with a byte-order mark so spreadsheet programs read UTF-8.
  public static func header(_ rulebook: Rulebook, withReview: Bool) -> String {
    var columns = [
      "code", "name", "district", "province", "category", "year", "total", "threshold", "status",
    ]
    columns += rulebook.criteria.map(\.id)
    columns += ["bestTotal", "worstTotal"]
    if withReview { columns += ["reviewed", "selfTotal", "selfStatus"] }
    return "\u{FEFF}" + CSVWriter.row(columns) + "\r\n"
  }

  /// One commune's row (criterion cells empty when not verifiable).
  public static func row(
    _ record: EvidenceRecord, _ score: Score, selfScore: Score?, withReview: Bool
  ) -> String {
    let commune = record.commune
    var row = CSVRowBuilder()
    row.text(commune.code)
    row.text(commune.name)
    row.text(commune.district ?? "")
    row.text(commune.province)
    row.text(commune.category)
    row.int(record.year)
    row.int(score.total)
    row.int(score.threshold)
    row.text(score.status.rawValue)
    for criterion in score.criteria { row.int(criterion.points) }
    row.int(score.outlook?.bestTotal)
    row.int(score.outlook?.worstTotal)
    if withReview {
      row.text(selfScore == nil ? "no" : "yes")
      row.int(selfScore?.total)
      row.text(selfScore?.status.rawValue ?? "")
    }
    row.endRow()
    return row.string
  }
}

/// Counts gathered over a batch for the text and HTML summaries.
public struct BatchSummary: Sendable {
  public struct Counts: Sendable, Equatable {
    public var recognized = 0
    public var notRecognized = 0
    public var incomplete = 0

    public var total: Int { recognized + notRecognized + incomplete }

    mutating func add(_ status: AssessmentStatus) {
      switch status {
      case .recognized: recognized += 1
      case .notRecognized: notRecognized += 1
      case .incomplete: incomplete += 1
      }
    }
  }

  public var all = Counts()
  public var byCategory: [String: Counts] = [:]
  public var byDistrict: [String: Counts] = [:]
  /// How many communes each criterion zeroed, by criterion index.
  public var zeroed: [Int]
  /// Shortfalls of complete communes below their threshold with no criterion at 0.
  public var shortfalls: [Int] = []
  public var rejected = 0
  /// Every commune, for the ranking (only kept for formats that show it).
  public var entries: [BatchEntry] = []

  public init(criteria: Int) { zeroed = Array(repeating: 0, count: criteria) }

  /// Counts one commune.
  public mutating func add(_ entry: BatchEntry) {
    all.add(entry.status)
    byCategory[entry.category, default: Counts()].add(entry.status)
    byDistrict[entry.district ?? "—", default: Counts()].add(entry.status)
    for (index, points) in entry.criteria.enumerated() where points == 0 { zeroed[index] += 1 }
    if entry.status == .notRecognized, !entry.criteria.contains(0), entry.total < entry.threshold {
      shortfalls.append(entry.threshold - entry.total)
    }
    entries.append(entry)
  }

  /// Communes by total, highest first; ties by code, so the order is stable.
  public var ranking: [BatchEntry] {
    entries.sorted { ($0.total, $1.code) > ($1.total, $0.code) }
  }

  /// Not-recognised communes with no zero criterion, closest to their threshold first.
  public var closest: [BatchEntry] {
    entries.filter { $0.status == .notRecognized && !$0.criteria.contains(0) }
      .sorted { ($0.threshold - $0.total, $0.code) < ($1.threshold - $1.total, $1.code) }
  }
}

/// The batch as text: one line per commune, then the summary.
public struct BatchTextReport: Sendable {
  public let explainer: Explainer
  let w: Wording

  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
    w = Wording(language)
  }

  func statusWord(_ status: AssessmentStatus) -> String {
    switch status {
    case .recognized: w.t("đạt", "recognised")
    case .notRecognized: w.t("không đạt", "not recognised")
    case .incomplete: w.t("chưa đủ số liệu", "incomplete")
    }
  }

  /// The heading of the per-commune table.
  public func header() -> String {
    Format.pad(w.t("Mã", "Code"), 8) + Format.pad(w.t("Xã, phường, thị trấn", "Commune"), 28)
      + Format.pad(w.t("Huyện", "District"), 22) + Format.padLeft(w.t("Điểm", "Total"), 6)
      + Format.padLeft(w.t("Ngưỡng", "Thresh."), 8) + "  " + w.t("Kết quả", "Result") + "\n"
  }

  /// One commune's line.
  public func line(_ entry: BatchEntry) -> String {
    Format.pad(entry.code, 8) + Format.pad(String(entry.name.prefix(27)), 28)
      + Format.pad(String((entry.district ?? "").prefix(21)), 22)
      + Format.padLeft(String(entry.total), 6) + Format.padLeft(String(entry.threshold), 8) + "  "
      + statusWord(entry.status)
      + (entry.reviewed ? w.t(" (đã thẩm định)", " (reviewed)") : "") + "\n"
  }

  /// The summary after the table.
  public func summary(_ summary: BatchSummary) -> String {
    var out: [String] = ["", w.t("TỔNG HỢP", "SUMMARY")]
    func counts(_ label: String, _ c: BatchSummary.Counts) -> String {
      "  " + Format.pad(label, 62)
        + w.t(
          "đạt \(c.recognized), không đạt \(c.notRecognized), chưa đủ số liệu \(c.incomplete)",
          "recognised \(c.recognized), not recognised \(c.notRecognized), incomplete \(c.incomplete)"
        )
    }
    out.append(
      counts(
        w.t("Tất cả (\(summary.all.total) xã)", "All (\(summary.all.total) communes)"), summary.all)
    )
    if summary.rejected > 0 {
      out.append(
        w.t(
          "  Dòng bị loại do số liệu sai: \(summary.rejected)",
          "  Rows rejected for bad data: \(summary.rejected)"))
    }
    out.append(w.t("Theo loại xã:", "By category:"))
    for category in explainer.rulebook.categories where summary.byCategory[category.id] != nil {
      out.append(
        counts(
          String(explainer.categoryName(category.id).prefix(60)),
          summary.byCategory[category.id] ?? .init()))
    }
    out.append(w.t("Theo huyện:", "By district:"))
    for district in summary.byDistrict.keys.sorted() {
      out.append(counts(district, summary.byDistrict[district] ?? .init()))
    }
    out.append(w.t("Số xã bị 0 điểm theo từng tiêu chí:", "Communes scoring 0 on each criterion:"))
    for (index, criterion) in explainer.rulebook.criteria.enumerated()
    where summary.zeroed[index] > 0 {
      out.append(
        "  \(Format.pad(criterion.id, 5))\(Format.pad(String(criterion.name.text(explainer.language).prefix(56)), 58))\(summary.zeroed[index])"
      )
    }
    if summary.zeroed.allSatisfy({ $0 == 0 }) { out.append(w.t("  (không có)", "  (none)")) }
    if !summary.shortfalls.isEmpty {
      let sorted = summary.shortfalls.sorted()
      out.append(
        w.t(
          "Không tiêu chí nào 0 điểm nhưng thiếu điểm so với ngưỡng: \(sorted.count) xã (thiếu từ \(sorted[0]) đến \(sorted[sorted.count - 1]) điểm, trung vị \(sorted[sorted.count / 2]))",
          "No criterion at 0 but short of the threshold: \(sorted.count) communes (short by \(sorted[0]) to \(sorted[sorted.count - 1]) points, median \(sorted[sorted.count / 2]))"
        ))
    }
    let ranking = summary.ranking
    if !ranking.isEmpty {
      out.append(w.t("Xếp hạng theo tổng điểm:", "Ranking by total:"))
      for (position, entry) in ranking.prefix(50).enumerated() {
        out.append(
          "  \(Format.padLeft(String(position + 1), 4)).  \(Format.pad(entry.code, 8))\(Format.pad(String(entry.name.prefix(27)), 28))\(Format.padLeft(String(entry.total), 5))  \(statusWord(entry.status))"
        )
      }
      if ranking.count > 50 {
        out.append(
          w.t("  … và \(ranking.count - 50) xã khác", "  … and \(ranking.count - 50) more"))
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
