import CommuneScoring

/// The council's workbook (`cfc batch --format xlsx`): a titled list of communes with headings,
/// categories and verdicts in the reader's language, a bold frozen header with an AutoFilter,
/// codes as text and points as numbers; with a review, the commune's own total and verdict
/// beside the reviewed ones; then a summary sheet by category and by district. Written as a
/// stream (`begin`, `add` for each commune in order, `end`), compressed as it goes.
public struct BatchWorkbook: Sendable {
  /// The commune's own result beside a reviewed one.
  public struct OwnResult: Sendable, Equatable {
    public var total: Int
    public var status: AssessmentStatus

    public init(total: Int, status: AssessmentStatus) {
      self.total = total
      self.status = status
    }
  }

  /// Verdict counts: the same as the text and HTML summaries'.
  public typealias Counts = BatchSummary.Counts

  let rulebook: Rulebook
  let language: Language
  let withReview: Bool
  let certifiedOnly: Bool
  /// Whether the list ends with a column naming each commune's rulebook (a run over several).
  let namesRulebook: Bool
  var stream: XLSXStream
  var listed = 0
  /// Listed rows not yet written, and how many.
  var rows: [UInt8] = []
  var rowCount = 0
  /// The sheet's start, made while rows were being listed: written before them.
  var held: [UInt8] = []
  /// Counts of planned rows by category id and by province and district, as read.
  var plannedCategories: [(id: [UInt8], counts: Counts)] = []
  var plannedDistricts = ByteKeyedCounts()
  /// The list's column widths, measured from the names written.
  var fit = ColumnFit()
  /// Counts over every commune assessed (also those a certified-only list leaves out).
  public private(set) var all = Counts()
  public private(set) var byCategory: [String: Counts] = [:]
  /// Keyed by province, then district: two districts of the same name in two provinces stay
  /// apart.
  public private(set) var byDistrict: [DistrictKey: Counts] = [:]

  /// A district with its province.
  public struct DistrictKey: Sendable, Hashable, Comparable {
    public var province: String
    public var district: String

    public static func < (a: DistrictKey, b: DistrictKey) -> Bool {
      (a.province, a.district) < (b.province, b.district)
    }
  }

  /// A workbook for `rulebook`'s communes.
  public init(
    rulebook: Rulebook, language: Language, withReview: Bool, certifiedOnly: Bool,
    namesRulebook: Bool = false
  ) {
    self.namesRulebook = namesRulebook
    self.rulebook = rulebook
    self.language = language
    self.withReview = withReview
    self.certifiedOnly = certifiedOnly
    stream = XLSXStream(sharedStrings: Self.sharedStrings(rulebook: rulebook, language: language))
  }

  /// The texts the list repeats on every row, kept once in the workbook's shared-string table:
  /// the three verdicts (by `Frame.statusCode`), then the rulebook's category names.
  static func sharedStrings(rulebook: Rulebook, language: Language) -> [String] {
    Frame.statuses.map { verdict($0, language) }
      + rulebook.categories.map { language == .vi ? $0.name.vi : $0.name.en }
  }

  /// A verdict cell: its shared text.
  static func verdictCell(_ status: AssessmentStatus) -> XLSXStream.Cell {
    .shared(Frame.statusCode(status), verdictStyle(status))
  }

  func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

  /// The verdict in a word or three, for a cell.
  public static func verdict(_ status: AssessmentStatus, _ language: Language) -> String {
    switch status {
    case .recognized: language == .vi ? "Đạt" : "Recognised"
    case .notRecognized: language == .vi ? "Không đạt" : "Not recognised"
    case .incomplete: language == .vi ? "Chưa đủ số liệu" : "Incomplete"
    }
  }

  static func verdictStyle(_ status: AssessmentStatus) -> XLSXStream.Style {
    switch status {
    case .recognized: .recognized
    case .notRecognized: .notRecognized
    case .incomplete: .incomplete
    }
  }

  /// Wide enough for the longest category wording in the reader's language, so that no
  /// category is cut (spreadsheet programs do not grow rows for wrapped text on opening).
  var categoryWidth: Double {
    let longest =
      rulebook.categories.map { (language == .vi ? $0.name.vi : $0.name.en).count }
      .max() ?? 20
    return Double(max(12, longest)) * 0.85 + 2
  }

  /// The list's column headings and widths (in characters).
  func columns() -> [(String, Double)] {
    var columns: [(String, Double)] = [
      (t("STT", "No."), 6), (t("Mã xã", "Code"), 9), (t("Tên xã", "Commune"), 26),
      (t("Huyện", "District"), 20), (t("Tỉnh", "Province"), 16),
      (t("Loại xã", "Category"), categoryWidth), (t("Năm", "Year"), 7),
      (t("Tổng điểm", "Total"), 9),
      (t("Điểm chuẩn", "Threshold"), 9), (t("Kết quả", "Verdict"), 17),
    ]
    columns += rulebook.criteria.map { ($0.id, 6) }
    columns += [
      (t("Điểm cao nhất có thể", "Best possible total"), 11),
      (t("Điểm thấp nhất có thể", "Worst possible total"), 11),
    ]
    if withReview {
      columns += [
        (t("Thẩm định", "Reviewed"), 10), (t("Tự đánh giá: tổng điểm", "Own total"), 12),
        (t("Tự đánh giá: kết quả", "Own verdict"), 17),
      ]
    }
    if namesRulebook { columns.append((t("Bộ tiêu chí", "Rulebook"), 14)) }
    return columns
  }

  /// One commune's cells after the row number: pure, so that workers can format rows.
  public static func cells(
    _ entry: BatchEntry, own: OwnResult?, rulebook: Rulebook, language: Language,
    withReview: Bool
  ) -> [XLSXStream.Cell] {
    // A category of the rulebook by its shared name; any other as written.
    let category: XLSXStream.Cell =
      rulebook.categories.firstIndex { $0.id == entry.category }
      .map { .shared(Frame.statuses.count + $0, .text) } ?? .text(entry.category, .text)
    let scale = rulebook.pointScale
    // Points as numbers: whole, or exact decimals for a rulebook that has them.
    func points(_ units: Int, _ style: XLSXStream.Style) -> XLSXStream.Cell {
      scale == 1 || units % scale == 0
        ? .number(units / scale, style) : .decimal(PointScale.text(units, scale: scale), style)
    }
    var cells: [XLSXStream.Cell] = [
      .text(entry.code, .code), .text(entry.name, .text),
      entry.district.map { .text($0, .text) } ?? .empty(.text), .text(entry.province, .text),
      category, .number(entry.year, .number), points(entry.total, .total),
      points(entry.threshold, .number), verdictCell(entry.status),
    ]
    cells += entry.criteria.map { $0.map { points($0, .number) } ?? .empty(.number) }
    cells.append(entry.bestTotal.map { points($0, .number) } ?? .empty(.number))
    cells.append(entry.worstTotal.map { points($0, .number) } ?? .empty(.number))
    if withReview {
      cells.append(.text(entry.reviewed ? (language == .vi ? "Có" : "Yes") : "", .number))
      if let own {
        cells.append(points(own.total, .number))
        cells.append(verdictCell(own.status))
      } else {
        cells += [.empty(.number), .empty(.number)]
      }
    }
    if let id = entry.rulebook { cells.append(.text(id, .text)) }
    return cells
  }

  /// The XML of one commune's cells (no `<row>`), for `add(_:own:formatted:into:)`.
  public static func cellsXML(
    _ entry: BatchEntry, own: OwnResult?, rulebook: Rulebook, language: Language,
    withReview: Bool, into bytes: inout [UInt8]
  ) {
    var row: [UInt8] = []
    XLSXStream.rowXML(
      cells(entry, own: own, rulebook: rulebook, language: language, withReview: withReview),
      into: &row)
    // Without <row> and </row>, by index: `dropFirst(5).dropLast(6)` here picked Sequence's
    // dropLast, which copies through a ring buffer and took a fifth of an xlsx run's CPU.
    guard row.count >= 11 else { return }
    bytes.append(contentsOf: row[5..<(row.count - 6)])
  }

  /// The title, the headings; the list follows.
  /// Starts the workbook. The list sheet itself starts once its column widths are measured:
  /// after the first `ColumnFit.sampleSize` communes listed, or at the end for fewer.
  public mutating func begin(into output: inout [UInt8]) {}

  /// Starts the list sheet with widths fitted to the communes seen so far, then writes them.
  mutating func startList(into output: inout [UInt8]) {
    guard !fit.started else { return }
    fit.started = true
    var columns = columns()
    fit.apply(to: &columns)
    let last = CellReference.columnName(columns.count - 1)
    stream.beginSheet(
      XLSXStream.Layout(
        name: t("Danh sách xã", "Communes"), widths: columns.map(\.1), frozenRows: 3,
        filterRow: 3, merges: ["A1:\(last)1", "A2:\(last)2"]), into: &output)
    let title = t(
      certifiedOnly
        ? "DANH SÁCH XÃ, PHƯỜNG, THỊ TRẤN ĐẠT CHUẨN PHÙ HỢP VỚI TRẺ EM"
        : "KẾT QUẢ ĐÁNH GIÁ XÃ, PHƯỜNG, THỊ TRẤN PHÙ HỢP VỚI TRẺ EM",
      certifiedOnly
        ? "COMMUNES RECOGNISED AS CHILD-FRIENDLY" : "CHILD-FRIENDLY COMMUNE ASSESSMENT RESULTS")
    stream.addRow([.text(title, .title)], height: 24, into: &output)
    stream.addRow(
      [
        .text(
          (language == .vi ? rulebook.title.vi : rulebook.title.en) + " — " + rulebook.citation,
          .subtitle)
      ], height: 18,
      into: &output)
    stream.addRow(columns.map { .text($0.0, .header) }, height: 48, into: &output)
    for row in fit.sample { stream.addRow(xml: row[...], into: &output) }
    fit.sample = []
  }

  /// Adds one assessed commune, in input order. `formatted` is its `cellsXML`, when a worker
  /// already made it; otherwise it is made here.
  public mutating func add(
    _ entry: BatchEntry, own: OwnResult?, formatted: ArraySlice<UInt8>? = nil,
    into output: inout [UInt8]
  ) {
    all.add(entry.status)
    byCategory[entry.category, default: Counts()].add(entry.status)
    byDistrict[
      DistrictKey(province: entry.province, district: entry.district ?? ""), default: Counts()
    ].add(entry.status)
    guard !certifiedOnly || entry.status == .recognized else { return }
    if !fit.started { fit.measure(entry) }
    var cells: [UInt8] = []
    if let formatted {
      cells += formatted
    } else {
      Self.cellsXML(
        entry, own: own, rulebook: rulebook, language: language, withReview: withReview,
        into: &cells)
    }
    cells.withUnsafeBufferPointer { list($0) }
    flushRows(into: &output)
  }

  /// Adds the communes of planned frames (`PlannedCells.frame`), in input order.
  public mutating func add(frames: ArraySlice<UInt8>, into output: inout [UInt8]) {
    frames.withUnsafeBufferPointer { frames in
      var at = 0
      while at + Frame.header <= frames.count {
        let frame = UnsafeBufferPointer(rebasing: frames[at..<(at + Frame.load32(frames, at))])
        at += frame.count
        let status = Frame.statuses[Int(frame[4])]
        var start = Frame.header
        func text(_ field: Int) -> UnsafeBufferPointer<UInt8> {
          let length = Frame.load16(frame, 5 + 2 * field)
          defer { start += length }
          return UnsafeBufferPointer(rebasing: frame[start..<(start + length)])
        }
        let code = text(0)
        let name = text(1)
        let district = text(2)
        let province = text(3)
        let category = text(4)
        all.add(status)
        var known: Int?
        for index in plannedCategories.indices
        where plannedCategories[index].id.withUnsafeBufferPointer({ $0.elementsEqual(category) }) {
          known = index
          break
        }
        if let known {
          plannedCategories[known].counts.add(status)
        } else {
          var counts = Counts()
          counts.add(status)
          plannedCategories.append((Array(category), counts))
        }
        plannedDistricts.add(province, district, status)
        guard !certifiedOnly || status == .recognized else { continue }
        if !fit.started {
          fit.measure(
            code: String(decoding: code, as: UTF8.self),
            name: String(decoding: name, as: UTF8.self),
            district: String(decoding: district, as: UTF8.self),
            province: String(decoding: province, as: UTF8.self))
        }
        list(UnsafeBufferPointer(rebasing: frame[start...]))
      }
    }
    flushRows(into: &output)
  }

  /// Numbers a listed commune's cells and adds its row to `rows`; the first communes are held
  /// back until the column widths are measured.
  mutating func list(_ cells: UnsafeBufferPointer<UInt8>) {
    listed += 1
    let start = rows.count
    Frame.put("<row>", into: &rows)
    Frame.number(listed, .number, into: &rows)
    rows.append(contentsOf: cells)
    Frame.put("</row>", into: &rows)
    rowCount += 1
    guard fit.started else {
      fit.sample.append(Array(rows[start...]))
      rows.removeSubrange(start...)
      rowCount -= 1
      if fit.sample.count >= ColumnFit.sampleSize {
        var output: [UInt8] = []
        swap(&output, &held)
        startList(into: &output)
        swap(&output, &held)
      }
      return
    }
  }

  /// Writes the rows listed so far (and any output held back with them).
  mutating func flushRows(into output: inout [UInt8]) {
    output += held
    held.removeAll(keepingCapacity: true)
    guard rowCount > 0 else { return }
    stream.addRows(xml: rows[...], count: rowCount, into: &output)
    rows.removeAll(keepingCapacity: true)
    rowCount = 0
  }

  /// Counts of planned rows (kept by their bytes while the list is written) moved into
  /// `byCategory` and `byDistrict`.
  mutating func mergePlannedCounts() {
    for (id, counts) in plannedCategories {
      byCategory[String(decoding: id, as: UTF8.self), default: Counts()].merge(counts)
    }
    plannedCategories = []
    for (province, district, counts) in plannedDistricts.entries() {
      byDistrict[DistrictKey(province: province, district: district), default: Counts()]
        .merge(counts)
    }
    plannedDistricts = ByteKeyedCounts()
  }
}
