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
  public func render(
    certified: [BatchEntry], summary: BatchSummary, years: [Int], provinces: [String],
    districts: [String]
  ) -> String {
    DocumentHTML.render(document(certified: certified, summary: summary, years: years))
  }

  /// The whole document as a Word file.
  public func docx(certified: [BatchEntry], summary: BatchSummary, years: [Int]) -> [UInt8] {
    DocxWriter.render(document(certified: certified, summary: summary, years: years))
  }

  /// The lists (one per province or district when split), then the summary.
  public func document(certified: [BatchEntry], summary: BatchSummary, years: [Int]) -> Document {
    let sorted = certified.sorted(by: Self.listOrder)
    var parts: [[BatchEntry]] = []
    switch split {
    case .all: parts = [sorted]
    case .province: parts = chunk(sorted) { $0.province }
    case .district:
      parts = chunk(sorted) { DistrictKey(province: $0.province, district: $0.district) }
    }
    if parts.isEmpty { parts = [[]] }
    var documents = parts.map { list(entries: $0, years: years) }
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

  /// Province, district (Vietnamese alphabetical order), then commune code.
  static func listOrder(_ a: BatchEntry, _ b: BatchEntry) -> Bool {
    let left = DistrictKey(province: a.province, district: a.district)
    let right = DistrictKey(province: b.province, district: b.district)
    if left != right { return left < right }
    return a.code < b.code
  }

  func chunk<Key: Equatable>(_ entries: [BatchEntry], by key: (BatchEntry) -> Key) -> [[BatchEntry]]
  {
    var parts: [[BatchEntry]] = []
    for entry in entries {
      if let last = parts.last?.last, key(last) == key(entry) {
        parts[parts.count - 1].append(entry)
      } else {
        parts.append([entry])
      }
    }
    return parts
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

  func areaOf(_ entries: [BatchEntry]) -> Area {
    var provinces: [String] = []
    var districts: [DistrictKey] = []
    for entry in entries {
      if provinces.last != entry.province, !provinces.contains(entry.province) {
        provinces.append(entry.province)
      }
      let key = DistrictKey(province: entry.province, district: entry.district)
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

  func list(entries: [BatchEntry], years: [Int]) -> Document {
    let paper = Paperwork(w: w, values: values)
    var area = areaOf(entries)
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
      .table(table(entries)),
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

  func table(_ entries: [BatchEntry]) -> Table {
    var groups: [Table.Group] = []
    var number = 0
    let columns = namesRulebook ? 7 : 6
    let byProvince = chunk(entries) { $0.province }
    for (provinceIndex, provinceEntries) in byProvince.enumerated() {
      guard let first = provinceEntries.first else { continue }
      var rows: [Table.Row] = [
        Table.Row(
          [
            .init(roman(provinceIndex + 1)),
            .init(
              Area.province(first.province, w, capital: true) + " — "
                + communes(provinceEntries.count), span: columns - 1),
          ], style: .group)
      ]
      let byDistrict = chunk(provinceEntries) {
        DistrictKey(province: $0.province, district: $0.district)
      }
      for (districtIndex, districtEntries) in byDistrict.enumerated() {
        rows.append(
          Table.Row(
            [
              .init("\(districtIndex + 1)"),
              .init(
                (districtEntries.first?.district ?? w.t("(không ghi huyện)", "(no district)"))
                  + " — " + communes(districtEntries.count), span: columns - 1),
            ], style: .subgroup))
        for entry in districtEntries {
          number += 1
          var cells: [Table.Cell] = [
            .init("\(number)"), .init(entry.code), .init(entry.name),
            .init(categoryKey(entry.category)), .init(w.plain(entry.total)),
          ]
          var attributes = [
            Attribute("data-code", entry.code),
            Attribute("data-total", rulebook.pointsText(entry.total)),
          ]
          if namesRulebook {
            cells.append(.init(entry.rulebook ?? ""))
            attributes.append(Attribute("data-rulebook", entry.rulebook ?? ""))
          }
          cells.append(.init(entry.reviewed ? w.t("đã thẩm định", "reviewed") : ""))
          rows.append(Table.Row(cells, attributes: attributes))
        }
      }
      groups.append(.init(rows))
    }
    if entries.isEmpty {
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
            .init(w.t("Tổng cộng: ", "In all: ") + communes(entries.count), span: columns - 1),
          ],
          style: .total)
      ], compact: true)
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
