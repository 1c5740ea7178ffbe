import CommuneScoring

/// How the certification list is split into documents.
public enum ListSplit: String, Sendable, CaseIterable {
  /// One list for everything.
  case all
  /// One list per province, each with its own frame.
  case province
  /// One list per district (keyed with its province), each with its own frame.
  case district
}

/// The certification list as the annex of a recognition decision ("Danh sách … (Kèm theo Quyết
/// định số …)"), grouped by province then district with commune codes and subtotals, followed by
/// the summary of the assessment. Written as HTML (`render`) or Word (`docx`).
public struct BatchHTMLReport: Renderer {
  public let explainer: Explainer
  public let values: FrameValues
  public let split: ListSplit
  /// Whether the list has a column naming each commune's rulebook (a run over several).
  public let namesRulebook: Bool
  /// The other rulebooks the listed communes were scored by, whose thresholds the legend adds.
  public let otherRulebooks: [Rulebook]

  public init(
    rulebook: Rulebook, language: Language, frame: FrameValues = FrameValues(),
    split: ListSplit = .all, namesRulebook: Bool = false, otherRulebooks: [Rulebook] = []
  ) {
    explainer = Explainer(rulebook: rulebook, language: language)
    values = frame
    self.split = split
    self.namesRulebook = namesRulebook
    self.otherRulebooks = otherRulebooks.filter { $0.id != rulebook.id }
  }

  /// The whole document as HTML: `certified` are the recognised communes.
  public func render(certified: CertifiedList, summary: BatchSummary, years: [Int]) -> String {
    DocumentHTML.render(document(certified: certified, summary: summary, years: years))
  }

  /// The whole document as HTML, handed to `emit` piece by piece as the list is written.
  public func render(
    certified: CertifiedList, summary: BatchSummary, years: [Int], emit: (String) -> Void
  ) {
    DocumentHTML.render(document(certified: certified, summary: summary, years: years), emit: emit)
  }

  /// The whole document as a Word file.
  public func docx(certified: CertifiedList, summary: BatchSummary, years: [Int]) -> [UInt8] {
    DocxWriter.render(document(certified: certified, summary: summary, years: years))
  }

  /// The whole document as a Word file, appended to `output` with `flush` called whenever
  /// enough has been appended: the list is compressed as it is written.
  public func docx(
    certified: CertifiedList, summary: BatchSummary, years: [Int], into output: inout [UInt8],
    flush: (inout [UInt8]) -> Void
  ) {
    DocxWriter.render(
      document(certified: certified, summary: summary, years: years), into: &output, flush: flush)
  }

  /// The lists (one per province or district when split), then the summary. The lists' rows
  /// are made as the document is written (`Table.Group.streamed`).
  public func document(certified: CertifiedList, summary: BatchSummary, years: [Int]) -> Document {
    var list = certified
    list.sort()
    let all = 0..<list.count
    var parts: [Range<Int>] = []
    switch split {
    case .all: parts = [all]
    case .province: parts = list.runs(all) { list.province($0) }
    case .district: parts = list.runs(all) { list.district($0) }
    }
    if parts.isEmpty { parts = [0..<0] }
    var documents = parts.map { self.list(list, $0, years: years) }
    // The summary covers every commune assessed, recognised or not: its area (and so the
    // committee that issues it) comes from all of them.
    let districts = summary.byDistrict.keys.sorted()
    let covered = Area(
      provinces: Array(Set(districts.map(\.province))).sorted(by: VietnameseOrder.less),
      districts: districts)
    documents.append(summaryDocument(summary, years: years, area: covered))
    var first = documents.removeFirst()
    first.followers = documents
    return first
  }

  /// The area a list covers, named for people however many provinces it spans.
  struct Area {
    var provinces: [String]
    var districts: [DistrictKey]

    /// "Huyện Chi Lăng, tỉnh Lạng Sơn", "tỉnh Lạng Sơn", "các tỉnh An Giang, Tiền Giang và Vĩnh
    /// Long", "30 tỉnh, thành phố", or "" for none.
    func name(_ w: Wording) -> String {
      switch provinces.count {
      case 0: return ""
      case 1:
        let province = Area.province(provinces[0], w, capital: false)
        if districts.count == 1, let district = districts[0].district {
          return "\(district), \(province)"
        }
        return province
      case 2...3:
        let names = provinces.map { Area.province($0, w, capital: false) }
        return names.dropLast().joined(separator: ", ") + w.t(" và ", " and ") + (names.last ?? "")
      default:
        return w.t("\(provinces.count) tỉnh, thành phố", "\(provinces.count) provinces and cities")
      }
    }

    static let cities = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"]

    /// "tỉnh Lạng Sơn", "thành phố Hà Nội" (as given when the record already says which).
    static func province(_ name: String, _ w: Wording, capital: Bool) -> String {
      let lower = name.lowercased()
      if lower.hasPrefix("tỉnh") || lower.hasPrefix("thành phố") || lower.hasPrefix("tp") {
        return name
      }
      let kind =
        cities.contains(name)
        ? w.t(capital ? "Thành phố" : "thành phố", capital ? "City of" : "city of")
        : w.t(capital ? "Tỉnh" : "tỉnh", capital ? "Province of" : "province of")
      return w.language == .vi ? "\(kind) \(name)" : "\(name) \(capital ? "Province" : "province")"
    }
  }

  /// The provinces and districts of the communes `range` of `list` (in list order).
  func areaOf(_ list: CertifiedList, _ range: Range<Int>) -> Area {
    var provinces: [String] = []
    var districts: [DistrictKey] = []
    for run in list.runs(range, by: { list.district($0) }) {
      let key = list.districtKey(run.lowerBound)
      if provinces.last != key.province, !provinces.contains(key.province) {
        provinces.append(key.province)
      }
      if districts.last != key, !districts.contains(key) { districts.append(key) }
    }
    return Area(
      provinces: provinces.sorted(by: VietnameseOrder.less), districts: districts.sorted())
  }

  /// The People's Committee that recognises the communes of `area`: the district's when the
  /// list covers one district (unless the lists are split by province: then always the
  /// province's), the province's for one province, otherwise blank.
  func issuer(_ area: Area) -> [String] {
    let committee = w.t("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE")
    if area.provinces.count == 1 {
      if split != .province, area.districts.count == 1, let district = area.districts[0].district {
        return [committee, district.uppercased()]
      }
      return [committee, Area.province(area.provinces[0], w, capital: true).uppercased()]
    }
    return [committee, Paperwork.blank + Paperwork.blank]
  }

  func list(_ list: CertifiedList, _ range: Range<Int>, years: [Int]) -> Document {
    let paper = Paperwork(w: w, values: values)
    var area = areaOf(list, range)
    // A list per province is the province's, even when its communes lie in one district.
    if split == .province { area.districts = [] }
    let yearText = years.map(String.init).joined(separator: ", ")
    let areaName = area.name(w)
    let issuer = paper.issuer(default: issuer(area))
    let body: [Block] = [
      .title(w.t("DANH SÁCH", "LIST")),
      .subtitle(
        w.t(
          "Xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em năm \(yearText)",
          "Communes recognised as child-friendly in \(yearText)")
          + (areaName.isEmpty ? "" : w.t(" của ", " in ") + areaName), italic: false),
      .subtitle(
        w.t(
          "(Kèm theo Quyết định số \(paper.decisionNumber) \(paper.date) của Chủ tịch Ủy ban nhân dân \(issuer.last.map(capitalizedUnit) ?? Paperwork.blank))",
          "(Annexed to Decision No. \(paper.decisionNumber) of \(paper.date) of the Chair of the People's Committee of \(issuer.last ?? Paperwork.blank))"
        ), italic: true),
      .table(table(list, range)),
      .note(legend()),
    ]
    return Document(
      title: w.t(
        "Danh sách xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em năm \(yearText)",
        "Communes recognised as child-friendly in \(yearText)")
        + (areaName.isEmpty ? "" : " — " + areaName),
      language: language,
      frame: Frame(issuer: issuer, number: nil, placeDate: paper.placeDate),
      body: body,
      closing: Closing(
        signers: [paper.preparer, paper.chair(w.t("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE"))],
        recipients: []))
  }

  /// "HUYỆN CHI LĂNG" → "huyện Chi Lăng" for running text.
  func capitalizedUnit(_ upper: String) -> String {
    upper.split(separator: " ").enumerated().map { index, word in
      let lower = word.lowercased()
      let words = ["xã", "phường", "thị", "trấn", "huyện", "quận", "thị", "thành", "phố", "tỉnh"]
      if words.contains(lower), index < 2 { return lower }
      return lower.prefix(1).uppercased() + lower.dropFirst()
    }.joined(separator: " ")
  }

  /// The category's number in the rulebook (1, 2, 3…), explained once under the table: the full
  /// wording would not fit on one line.
  func categoryKey(_ id: String) -> String {
    (rulebook.categories.firstIndex { $0.id == id }).map { String($0 + 1) } ?? id
  }

  /// The categories and their thresholds; in a list over several rulebooks, each threshold
  /// with the rulebook that sets it.
  func legend() -> String {
    w.t("Loại: ", "Category: ")
      + rulebook.categories.enumerated().map { index, category in
        let others = otherRulebooks.compactMap { other -> String? in
          guard let threshold = other.category(category.id)?.threshold else { return nil }
          let points = Wording(language, pointScale: other.pointScale).plain(threshold)
          return w.t("\(points) điểm theo \(other.id)", "\(points) by \(other.id)")
        }
        guard !others.isEmpty else {
          return "\(index + 1) — \(category.name.text(language)) "
            + w.t(
              "(từ \(w.plain(category.threshold)) điểm)",
              "(from \(w.plain(category.threshold)) points)")
        }
        return "\(index + 1) — \(category.name.text(language)) "
          + w.t(
            "(từ \(w.plain(category.threshold)) điểm theo \(rulebook.id); ",
            "(from \(w.plain(category.threshold)) points by \(rulebook.id); ")
          + others.joined(separator: "; ") + ")"
      }.joined(separator: "; ") + "."
  }

  func table(_ list: CertifiedList, _ range: Range<Int>) -> Table {
    var groups: [Table.Group] = []
    var number = 0
    let columns = namesRulebook ? 7 : 6
    let byProvince = list.runs(range) { list.province($0) }
    for (provinceIndex, provinceRun) in byProvince.enumerated() {
      let byDistrict = list.runs(provinceRun) { list.district($0) }
      let firstNumber = number
      number += provinceRun.count
      groups.append(
        Table.Group { body in
          body(
            Table.Row(
              [
                .init(roman(provinceIndex + 1)),
                .init(
                  Area.province(
                    list.province(provinceRun.lowerBound), w, capital: true)
                    + " — " + communes(provinceRun.count), span: columns - 1),
              ], style: .group))
          var number = firstNumber
          for (districtIndex, districtRun) in byDistrict.enumerated() {
            body(
              Table.Row(
                [
                  .init("\(districtIndex + 1)"),
                  .init(
                    (list.districtKey(districtRun.lowerBound).district
                      ?? w.t("(không ghi huyện)", "(no district)"))
                      + " — " + communes(districtRun.count), span: columns - 1),
                ], style: .subgroup))
            for index in districtRun {
              number += 1
              body(row(list, list.listed(index), number: number))
            }
          }
        })
    }
    if range.isEmpty {
      groups = [
        .init([
          Table.Row([
            .init(w.t("Không có xã nào đạt chuẩn.", "No commune is recognised."), span: columns)
          ])
        ])
      ]
    }
    var headings: [Table.Column] = [
      .init(w.t("TT", "No."), width: 7, numeric: true), .init(w.t("Mã xã", "Code"), width: 10),
      .init(w.t("Xã, phường, thị trấn", "Commune"), width: namesRulebook ? 31 : 43),
      .init(w.t("Loại", "Cat."), width: 8, numeric: true),
      .init(w.t("Tổng điểm", "Total"), width: 12, numeric: true),
    ]
    if namesRulebook { headings.append(.init(w.t("Bộ tiêu chí", "Rulebook"), width: 16)) }
    headings.append(.init(w.t("Ghi chú", "Notes"), width: namesRulebook ? 16 : 20))
    return Table(
      className: "certified", columns: headings, groups: groups,
      footer: [
        Table.Row(
          [
            .init(""),
            .init(w.t("Tổng cộng: ", "In all: ") + communes(range.count), span: columns - 1),
          ],
          style: .total)
      ], compact: true)
  }

  /// One commune's row of the list.
  func row(_ list: CertifiedList, _ entry: CertifiedList.Listed, number: Int) -> Table.Row {
    var cells: [Table.Cell] = [
      .init("\(number)"), .init(entry.code), .init(entry.name),
      .init(categoryKey(list.categories[entry.category])), .init(w.plain(entry.total)),
    ]
    var attributes = [
      Attribute("data-code", entry.code),
      Attribute("data-total", rulebook.pointsText(entry.total)),
    ]
    if namesRulebook {
      let id = entry.rulebook.map { list.rulebooks[$0] } ?? ""
      cells.append(.init(id))
      attributes.append(Attribute("data-rulebook", id))
    }
    cells.append(.init(entry.reviewed ? w.t("đã thẩm định", "reviewed") : ""))
    return Table.Row(cells, attributes: attributes)
  }

  func communes(_ count: Int) -> String {
    w.t("\(count) xã, phường, thị trấn", count == 1 ? "1 commune" : "\(count) communes")
  }

  func roman(_ number: Int) -> String {
    let numerals: [(Int, String)] = [
      (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
      (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    var rest = number
    var out = ""
    for (value, numeral) in numerals {
      while rest >= value {
        out += numeral
        rest -= value
      }
    }
    return out
  }
}
