import CommuneScoring

/// The certification list as an administrative document, followed by the batch summary.
public struct BatchHTMLReport: Renderer {
  public let explainer: Explainer

  public init(rulebook: Rulebook, language: Language) {
    explainer = Explainer(rulebook: rulebook, language: language)
  }

  /// The whole document: `certified` are the recognised communes in input order.
  public func render(
    certified: [BatchEntry], summary: BatchSummary, years: [Int], provinces: [String],
    districts: [String]
  ) -> String {
    let yearText = years.map(String.init).joined(separator: ", ")
    var area = ""
    if provinces.count == 1, let province = provinces.first {
      area = districts.count == 1 ? "\(districts[0]), \(province)" : province
    } else if !provinces.isEmpty {
      area = provinces.joined(separator: ", ")
    }
    let title = w.t(
      "Danh sách xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em năm \(yearText)",
      "Communes recognised as child-friendly in \(yearText)")
    var out = HTML.head(title: title + (area.isEmpty ? "" : " — \(area)"), language: language)
    out += HTML.nationalHeading(
      language,
      left: [w.t("HỘI ĐỒNG ĐÁNH GIÁ", "REVIEWING COUNCIL")]
        + (area.isEmpty ? [] : [area.uppercased()]))
    out += "<h1>\(e(title))</h1>\n"
    if !area.isEmpty { out += "<p class=\"sub\">\(e(area))</p>\n" }
    out +=
      "<p class=\"sub\">\(e(w.t("Theo \(rulebook.citation)", "Under \(rulebook.citation)")))</p>\n"
    out +=
      "<table class=\"certified\">\n<thead><tr><th class=\"n\">\(e(w.t("TT", "No.")))</th><th>\(e(w.t("Xã, phường, thị trấn", "Commune")))</th>"
    out +=
      "<th>\(e(w.t("Huyện", "District")))</th><th>\(e(w.t("Tỉnh", "Province")))</th><th>\(e(w.t("Loại", "Category")))</th>"
    out += "<th class=\"n\">\(e(w.t("Tổng điểm", "Total")))</th></tr></thead>\n<tbody>\n"
    for (index, entry) in certified.enumerated() {
      out +=
        "<tr data-code=\"\(e(entry.code))\" data-total=\"\(entry.total)\"><td class=\"n\">\(index + 1)</td><td>\(e(entry.name))"
      out += entry.reviewed ? " <small>(\(e(w.t("đã thẩm định", "reviewed"))))</small>" : ""
      out +=
        "</td><td>\(e(entry.district ?? ""))</td><td>\(e(entry.province))</td><td>\(e(explainer.categoryName(entry.category)))</td><td class=\"n\">\(entry.total)</td></tr>\n"
    }
    if certified.isEmpty {
      out +=
        "<tr><td colspan=\"6\">\(e(w.t("Không có xã nào đạt chuẩn.", "No commune is recognised.")))</td></tr>\n"
    }
    out += "</tbody>\n</table>\n"
    out +=
      "<p>\(e(w.t("Tổng số: \(certified.count) xã, phường, thị trấn đạt chuẩn trên \(summary.all.total) được đánh giá.", "In all: \(certified.count) recognised of \(summary.all.total) assessed.")))"
    if certified.contains(where: \.reviewed) {
      out +=
        " \(e(w.t("Kết quả đã thẩm định được dùng ở những xã có ghi chú.", "Reviewed results are used where noted.")))"
    }
    out += "</p>\n"
    out += summaryHTML(summary)
    out +=
      "<footer><p>\(e(w.t("Bộ tiêu chí", "Rulebook"))) \(e(rulebook.id)) \(e(rulebook.version)), sha256 <code>\(rulebook.sha256)</code>; \(EngineInfo.name) \(EngineInfo.version).</p></footer>\n"
    return out + HTML.end
  }

  func countsRow(_ label: String, _ counts: BatchSummary.Counts, cell: String = "td") -> String {
    let numbers = [counts.recognized, counts.notRecognized, counts.incomplete, counts.total]
    return "<tr><\(cell)>\(e(label))</\(cell)>"
      + numbers.map { "<\(cell) class=\"n\">\($0)</\(cell)>" }.joined() + "</tr>\n"
  }

  func countsHead(_ first: String) -> String {
    "<thead><tr><th>\(e(first))</th><th class=\"n\">\(e(w.t("Đạt", "Recognised")))</th><th class=\"n\">\(e(w.t("Không đạt", "Not recognised")))</th><th class=\"n\">\(e(w.t("Chưa đủ số liệu", "Incomplete")))</th><th class=\"n\">\(e(w.t("Tổng", "Total")))</th></tr></thead>\n"
  }

  func summaryHTML(_ summary: BatchSummary) -> String {
    var out = "<h2>\(e(w.t("Tổng hợp kết quả đánh giá", "Summary of the assessment")))</h2>\n"
    if summary.rejected > 0 {
      out +=
        "<p>\(e(w.t("Có \(summary.rejected) dòng số liệu bị loại do sai (xem thông báo lỗi).", "\(summary.rejected) rows were rejected for bad data (see the error messages).")))</p>\n"
    }
    out += "<table>\n" + countsHead(w.t("Loại", "Category")) + "<tbody>\n"
    for category in rulebook.categories where summary.byCategory[category.id] != nil {
      out += countsRow(category.name.text(language), summary.byCategory[category.id] ?? .init())
    }
    out +=
      "</tbody>\n<tfoot>" + countsRow(w.t("Tất cả", "All"), summary.all, cell: "th")
      + "</tfoot>\n</table>\n"
    out += "<table>\n" + countsHead(w.t("Huyện", "District")) + "<tbody>\n"
    for district in summary.byDistrict.keys.sorted() {
      out += countsRow(district, summary.byDistrict[district] ?? .init())
    }
    out += "</tbody>\n</table>\n"
    out +=
      "<h2>\(e(w.t("Số xã bị 0 điểm theo từng tiêu chí", "Communes scoring 0 on each criterion")))</h2>\n"
    out += HTML.barChart(
      rulebook.criteria.enumerated().map { index, criterion in
        (
          criterion.id, summary.zeroed[index], max(1, summary.all.total),
          criterion.name.text(language)
        )
      }, language: language,
      caption: w.t(
        "Số xã bị 0 điểm ở mỗi tiêu chí trên \(summary.all.total) xã được đánh giá",
        "Communes scoring 0 on each criterion, of \(summary.all.total) assessed"),
      counts: true)
    let shortfall = summary.shortfall
    if shortfall.count > 0 {
      out +=
        "<p>\(e(w.t("Không tiêu chí nào 0 điểm nhưng thiếu điểm so với ngưỡng: \(shortfall.count) xã (thiếu từ \(shortfall.smallest) đến \(shortfall.largest) điểm, trung vị \(shortfall.median)).", "No criterion at 0 but short of the threshold: \(shortfall.count) communes (short by \(shortfall.smallest) to \(shortfall.largest) points, median \(shortfall.median)).")))</p>\n"
    }
    if !summary.closest.isEmpty {
      out +=
        "<h2>\(e(w.t("Các xã gần đạt ngưỡng nhất", "Communes closest to the threshold")))</h2>\n<table>\n<thead><tr><th>\(e(w.t("Xã", "Commune")))</th><th>\(e(w.t("Huyện", "District")))</th><th class=\"n\">\(e(w.t("Điểm", "Total")))</th><th class=\"n\">\(e(w.t("Ngưỡng", "Threshold")))</th><th class=\"n\">\(e(w.t("Thiếu", "Short by")))</th></tr></thead>\n<tbody>\n"
      for entry in summary.closest.prefix(20) {
        out +=
          "<tr><td>\(e(entry.name))</td><td>\(e(entry.district ?? ""))</td><td class=\"n\">\(entry.total)</td><td class=\"n\">\(entry.threshold)</td><td class=\"n\">\(entry.threshold - entry.total)</td></tr>\n"
      }
      out += "</tbody>\n</table>\n"
    }
    if !summary.top.isEmpty {
      out +=
        "<h2>\(e(w.t("Xếp hạng theo tổng điểm", "Ranking by total")))</h2>\n<table>\n<thead><tr><th class=\"n\">#</th><th>\(e(w.t("Xã", "Commune")))</th><th>\(e(w.t("Huyện", "District")))</th><th class=\"n\">\(e(w.t("Điểm", "Total")))</th><th>\(e(w.t("Kết quả", "Result")))</th></tr></thead>\n<tbody>\n"
      for (index, entry) in summary.top.enumerated() {
        out +=
          "<tr><td class=\"n\">\(index + 1)</td><td>\(e(entry.name))</td><td>\(e(entry.district ?? ""))</td><td class=\"n\">\(entry.total)</td><td>\(e(BatchTextReport(rulebook: rulebook, language: language).statusWord(entry.status)))</td></tr>\n"
      }
      out += "</tbody>\n</table>\n"
      if summary.all.total > summary.top.count {
        out +=
          "<p>\(e(w.t("… và \(summary.all.total - summary.top.count) xã khác.", "… and \(summary.all.total - summary.top.count) more.")))</p>\n"
      }
    }
    return out
  }
}
