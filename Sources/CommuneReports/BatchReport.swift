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
  /// For incomplete communes, the best and worst totals still possible.
  public var bestTotal: Int?
  public var worstTotal: Int?
  /// The id of the rulebook that scored the commune, set only in a run over several rulebooks
  /// (the lists then name each row's rulebook, as the CSV's last column does).
  public var rulebook: String? = nil

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
    bestTotal = score.outlook?.bestTotal
    worstTotal = score.outlook?.worstTotal
  }

  /// An entry made of its parts (a commune the compiled plan scored, `PlannedListFrame`).
  init(
    code: String, name: String, district: String?, province: String, category: String,
    year: Int, total: Int, threshold: Int, status: AssessmentStatus, criteria: [Int?],
    reviewed: Bool, bestTotal: Int?, worstTotal: Int?, rulebook: String? = nil
  ) {
    self.code = code
    self.name = name
    self.district = district
    self.province = province
    self.category = category
    self.year = year
    self.total = total
    self.threshold = threshold
    self.status = status
    self.criteria = criteria
    self.reviewed = reviewed
    self.bestTotal = bestTotal
    self.worstTotal = worstTotal
    self.rulebook = rulebook
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

  /// One commune's row (criterion cells empty when not verifiable); points in units of
  /// `1/pointScale`, written as decimals (`0.25`) when the rulebook has them.
  public static func row(
    _ record: EvidenceRecord, _ score: Score, selfScore: Score?, withReview: Bool,
    pointScale: Int = 1
  ) -> String {
    var row = CSVRowBuilder()
    append(
      record, score, selfScore: selfScore, withReview: withReview, pointScale: pointScale,
      to: &row)
    return row.string
  }

  /// Appends one commune's row to `row` (the batch's hot path: no intermediate strings).
  public static func append(
    _ record: EvidenceRecord, _ score: Score, selfScore: Score?, withReview: Bool,
    pointScale: Int = 1, rulebook: String? = nil, to row: inout CSVRowBuilder
  ) {
    let commune = record.commune
    row.text(commune.code)
    row.text(commune.name)
    row.text(commune.district ?? "")
    row.text(commune.province)
    row.text(commune.category)
    row.int(record.year)
    row.points(score.total, scale: pointScale)
    row.points(score.threshold, scale: pointScale)
    row.text(score.status.rawValue)
    for criterion in score.criteria { row.points(criterion.points, scale: pointScale) }
    row.points(score.outlook?.bestTotal, scale: pointScale)
    row.points(score.outlook?.worstTotal, scale: pointScale)
    if withReview {
      row.text(selfScore == nil ? "no" : "yes")
      row.points(selfScore?.total, scale: pointScale)
      row.text(selfScore?.status.rawValue ?? "")
    }
    if let rulebook { row.text(rulebook) }
    row.endRow()
  }
}

/// A district named with its province (districts of the same name exist in several provinces).
public struct DistrictKey: Hashable, Sendable, Comparable {
  public var province: String
  /// nil for communes whose record names no district.
  public var district: String?

  public init(province: String, district: String?) {
    self.province = province
    self.district = district
  }

  /// "Huyện Châu Thành (An Giang)", or "— (An Giang)" without a district.
  public var label: String { "\(district ?? "—") (\(province))" }

  /// Province, then district, in Vietnamese alphabetical order; no district before an empty
  /// one. A total order: two different keys never tie, so the summaries and the certification
  /// list come out the same whatever order the communes were read in.
  public static func < (a: DistrictKey, b: DistrictKey) -> Bool {
    if a.province != b.province { return VietnameseOrder.less(a.province, b.province) }
    let (left, right) = (a.district ?? "", b.district ?? "")
    if left != right { return VietnameseOrder.less(left, right) }
    return a.district == nil && b.district != nil
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
  /// Counts per district, keyed with its province: three "Huyện Châu Thành" of three provinces
  /// are three districts.
  public var byDistrict: [DistrictKey: Counts] = [:]
  /// How many communes each criterion zeroed, by criterion index.
  public var zeroed: [Int]
  /// Shortfalls of complete communes below their threshold with no criterion at 0.
  public var shortfall = Shortfall()

  /// How far communes fell short, without keeping every figure: a histogram of points.
  public struct Shortfall: Sendable, Equatable {
    public var count = 0
    public var smallest = Int.max
    public var largest = 0
    /// Communes by shortfall in points (shortfalls are below 1,000 points).
    var histogram: [Int: Int] = [:]

    mutating func add(_ points: Int) {
      count += 1
      smallest = min(smallest, points)
      largest = max(largest, points)
      histogram[points, default: 0] += 1
    }

    /// The median shortfall.
    public var median: Int {
      var seen = 0
      for (points, communes) in histogram.sorted(by: { $0.key < $1.key }) {
        seen += communes
        if seen * 2 > count { return points }
      }
      return 0
    }
  }
  /// Input rows rejected for bad data.
  public var rejected = 0
  /// Review corrections that matched no commune of the batch (not data rows: counted apart).
  public var unmatchedReviews = 0
  /// The best communes by total, highest first (at most `listLimit`): memory stays flat.
  public private(set) var top: [BatchEntry] = []
  /// Not-recognised communes with no zero criterion, closest to their threshold first (at most
  /// `listLimit`).
  public private(set) var closest: [BatchEntry] = []
  public let listLimit: Int

  public init(criteria: Int, listLimit: Int = 50) {
    zeroed = Array(repeating: 0, count: criteria)
    self.listLimit = listLimit
  }

  /// Inserts `entry` into a list kept sorted by `before`, dropping what falls past the limit.
  mutating func insert(
    _ entry: BatchEntry, into list: inout [BatchEntry], by before: (BatchEntry, BatchEntry) -> Bool
  ) {
    if list.count == listLimit, let last = list.last, !before(entry, last) { return }
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if before(list[middle], entry) { low = middle + 1 } else { high = middle }
    }
    list.insert(entry, at: low)
    if list.count > listLimit { list.removeLast() }
  }

  /// Counts one commune.
  public mutating func add(_ entry: BatchEntry) {
    all.add(entry.status)
    byCategory[entry.category, default: Counts()].add(entry.status)
    byDistrict[DistrictKey(province: entry.province, district: entry.district), default: Counts()]
      .add(entry.status)
    for (index, points) in entry.criteria.enumerated() where points == 0 { zeroed[index] += 1 }
    if entry.status == .notRecognized, !entry.criteria.contains(0), entry.total < entry.threshold {
      shortfall.add(entry.threshold - entry.total)
      var list = closest
      insert(entry, into: &list) {
        ($0.threshold - $0.total, $0.code) < ($1.threshold - $1.total, $1.code)
      }
      closest = list
    }
    var list = top
    // By total, highest first; ties by code, so the order is stable.
    insert(entry, into: &list) { ($0.total, $1.code) > ($1.total, $0.code) }
    top = list
  }
}

/// The batch as text: one line per commune, then the summary.
public struct BatchTextReport: Renderer {
  public let explainer: Explainer

  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  public func statusWord(_ status: AssessmentStatus) -> String {
    switch status {
    case .recognized: w.t("đạt", "recognised")
    case .notRecognized: w.t("không đạt", "not recognised")
    case .incomplete: w.t("chưa đủ số liệu", "incomplete")
    }
  }

  /// The heading of the per-commune table; with the lines, at most 80 columns.
  public func header() -> String {
    Format.pad(w.t("Mã", "Code"), 7) + Format.pad(w.t("Xã, phường, thị trấn", "Commune"), 24)
      + Format.pad(w.t("Huyện", "District"), 18) + Format.padLeft(w.t("Điểm", "Total"), 6)
      + Format.padLeft(w.t("Ngưỡng", "Thresh."), 8) + "  " + w.t("Kết quả", "Result") + "\n"
  }

  /// `text` in at most `width - 1` columns (one left for the gap), cut with "…" when longer.
  func fit(_ text: String, _ width: Int) -> String {
    text.count < width ? text : String(text.prefix(width - 2)) + "…"
  }

  /// One commune's line. A reviewed commune's line shows the reviewed result, and a second
  /// line the commune's own (`own`), so a council reads both side by side in 80 columns.
  public func line(_ entry: BatchEntry, own: Score? = nil) -> String {
    var out =
      Format.pad(entry.code, 7) + Format.pad(fit(entry.name, 24), 24)
      + Format.pad(fit(entry.district ?? "", 18), 18)
      + Format.padLeft(w.plain(entry.total), 6) + Format.padLeft(w.plain(entry.threshold), 8) + "  "
      + statusWord(entry.status) + (entry.reviewed ? " *" : "") + "\n"
    if entry.reviewed, let own {
      out +=
        String(repeating: " ", count: 7)
        + w.t(
          "* đã thẩm định; xã tự chấm: \(w.plain(own.total)) điểm, \(statusWord(own.status))",
          "* reviewed; the commune's own score: \(w.plain(own.total)) points, \(statusWord(own.status))"
        ) + "\n"
    }
    return out
  }

  /// The summary after the table: counts in columns, every line at most 80 columns.
  public func summary(_ summary: BatchSummary) -> String {
    var out: [String] = ["", w.t("TỔNG HỢP", "SUMMARY")]
    out.append(
      "  " + Format.pad("", 42) + Format.padLeft(w.t("Đạt", "Recog."), 8)
        + Format.padLeft(w.t("Không đạt", "Not rec."), 12)
        + Format.padLeft(w.t("Thiếu số liệu", "Incomplete"), 15))
    func counts(_ label: String, _ c: BatchSummary.Counts) -> String {
      "  " + Format.pad(fit(label, 42), 42) + Format.padLeft(String(c.recognized), 8)
        + Format.padLeft(String(c.notRecognized), 12) + Format.padLeft(String(c.incomplete), 15)
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
    if summary.unmatchedReviews > 0 {
      out.append(
        w.t(
          "  Điều chỉnh thẩm định không khớp xã nào: \(summary.unmatchedReviews)",
          "  Review corrections matching no commune: \(summary.unmatchedReviews)"))
    }
    out.append(w.t("Theo loại xã:", "By category:"))
    for category in explainer.rulebook.categories where summary.byCategory[category.id] != nil {
      out.append(
        counts(
          explainer.categoryName(category.id),
          summary.byCategory[category.id] ?? .init()))
    }
    out.append(w.t("Theo huyện:", "By district:"))
    for district in summary.byDistrict.keys.sorted() {
      out.append(counts(district.label, summary.byDistrict[district] ?? .init()))
    }
    out.append(w.t("Số xã bị 0 điểm theo từng tiêu chí:", "Communes scoring 0 on each criterion:"))
    for (index, criterion) in explainer.rulebook.criteria.enumerated()
    where summary.zeroed[index] > 0 {
      out.append(
        "  \(Format.pad(criterion.id, 5))\(Format.pad(fit(criterion.name.text(explainer.language), 58), 58))\(summary.zeroed[index])"
      )
    }
    if summary.zeroed.allSatisfy({ $0 == 0 }) { out.append(w.t("  (không có)", "  (none)")) }
    let shortfall = summary.shortfall
    if shortfall.count > 0 {
      out.append(
        w.t(
          "Không tiêu chí nào 0 điểm nhưng thiếu điểm so với ngưỡng: \(shortfall.count) xã "
            + (shortfall.smallest == shortfall.largest
              ? "(thiếu \(w.plain(shortfall.smallest)) điểm)"
              : "(thiếu từ \(w.plain(shortfall.smallest)) đến \(w.plain(shortfall.largest)) điểm, trung vị \(w.plain(shortfall.median)))"),
          "No criterion at 0 but short of the threshold: \(shortfall.count) communes "
            + (shortfall.smallest == shortfall.largest
              ? "(short by \(w.plain(shortfall.smallest)) points)"
              : "(short by \(w.plain(shortfall.smallest)) to \(w.plain(shortfall.largest)) points, median \(w.plain(shortfall.median)))")
        ).split(separator: "\n").flatMap { TextWrap.hanging(String($0), width: 80) }.joined(
          separator: "\n"))
    }
    let ranking = summary.top
    if !ranking.isEmpty {
      out.append(w.t("Xếp hạng theo tổng điểm:", "Ranking by total:"))
      for (position, entry) in ranking.prefix(50).enumerated() {
        out.append(
          "  \(Format.padLeft(String(position + 1), 4)).  \(Format.pad(entry.code, 8))\(Format.pad(fit(entry.name, 28), 28))\(Format.padLeft(w.plain(entry.total), 5))  \(statusWord(entry.status))"
        )
      }
      if summary.all.total > ranking.count {
        out.append(
          w.t(
            "  … và \(summary.all.total - ranking.count) xã khác",
            "  … and \(summary.all.total - ranking.count) more"))
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
