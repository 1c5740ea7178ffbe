import CommuneScoring

extension BatchHTMLReport {
  /// The summary of the whole assessment, printed after the list(s) on a new page: counts by
  /// category and by district, how often each criterion was zeroed, the communes closest to the
  /// threshold and the ranking.
  func summaryDocument(_ summary: BatchSummary, years: [Int], area: Area) -> Document {
    let paper = Paperwork(w: w, values: values)
    let yearText = years.map(String.init).joined(separator: ", ")
    var body: [Block] = [
      .title(w.t("BÁO CÁO TỔNG HỢP", "SUMMARY REPORT")),
      .subtitle(
        w.t(
          "Kết quả đánh giá xã, phường, thị trấn phù hợp với trẻ em năm \(yearText)",
          "Child-friendly commune assessment \(yearText)"), italic: false),
    ]
    if summary.rejected > 0 {
      body.append(
        .paragraph(
          w.t(
            "Có \(summary.rejected) dòng số liệu bị loại do sai (xem thông báo lỗi).",
            "\(summary.rejected) rows were rejected for bad data (see the error messages).")))
    }
    if summary.unmatchedReviews > 0 {
      body.append(
        .paragraph(
          w.t(
            "Có \(summary.unmatchedReviews) điều chỉnh thẩm định không khớp xã nào trong danh sách (xem thông báo lỗi).",
            "\(summary.unmatchedReviews) review corrections match no commune of the list (see the error messages)."
          )))
    }
    body.append(
      .paragraph(
        w.t(
          "Tổng số: \(summary.all.recognized) xã, phường, thị trấn đạt chuẩn trên \(summary.all.total) được đánh giá.",
          "In all: \(summary.all.recognized) recognised of \(summary.all.total) assessed.")))
    body.append(.heading(w.t("1. Theo loại xã", "1. By category")))
    var categoryRows: [Table.Row] = []
    for category in rulebook.categories where summary.byCategory[category.id] != nil {
      categoryRows.append(
        countsRow(category.name.text(language), summary.byCategory[category.id] ?? .init()))
    }
    body.append(
      .table(
        countsTable(
          "by-category", w.t("Loại", "Category"), [.init(categoryRows)],
          footer: [countsRow(w.t("Tất cả", "All"), summary.all, style: .total)])))
    body.append(.heading(w.t("2. Theo huyện", "2. By district")))
    var districtGroups: [Table.Group] = []
    var province: String?
    for key in summary.byDistrict.keys.sorted() {
      if key.province != province {
        province = key.province
        districtGroups.append(
          .init([
            Table.Row(
              [.init(Area.province(key.province, w, capital: true), span: 5)], style: .group)
          ]))
      }
      let row = countsRow(
        key.district ?? w.t("(không ghi huyện)", "(no district)"),
        summary.byDistrict[key] ?? .init())
      districtGroups[districtGroups.count - 1].rows.append(row)
    }
    body.append(
      .table(countsTable("by-district", w.t("Huyện", "District"), districtGroups, footer: [])))
    body.append(
      .heading(
        w.t("3. Số xã bị 0 điểm theo từng tiêu chí", "3. Communes scoring 0 on each criterion")))
    body.append(
      .chart(
        Chart(
          bars: rulebook.criteria.enumerated().map { index, criterion in
            Chart.Bar(
              label: criterion.id, value: summary.zeroed[index], maximum: max(1, summary.all.total),
              title: criterion.name.text(language))
          },
          caption: w.t(
            "Số xã bị 0 điểm ở mỗi tiêu chí trên \(summary.all.total) xã được đánh giá",
            "Communes scoring 0 on each criterion, of \(summary.all.total) assessed"), counts: true)
      ))
    body.append(
      .table(
        Table(
          className: "zeroed",
          columns: [
            .init(w.t("Tiêu chí", "Criterion"), width: 80),
            .init(w.t("Số xã 0 điểm", "Communes at 0"), width: 20, numeric: true),
          ],
          groups: [
            .init(
              rulebook.criteria.enumerated().map { index, criterion in
                Table.Row([
                  .init("\(criterion.id) \(criterion.name.text(language))"),
                  .init("\(summary.zeroed[index])"),
                ])
              })
          ], compact: true)))
    let shortfall = summary.shortfall
    if shortfall.count > 0 {
      body.append(
        .paragraph(
          w.t(
            "Không tiêu chí nào 0 điểm nhưng thiếu điểm so với ngưỡng: \(shortfall.count) xã (thiếu từ \(w.plain(shortfall.smallest)) đến \(w.plain(shortfall.largest)) điểm, trung vị \(w.plain(shortfall.median))).",
            "No criterion at 0 but short of the threshold: \(shortfall.count) communes (short by \(w.plain(shortfall.smallest)) to \(w.plain(shortfall.largest)) points, median \(w.plain(shortfall.median)))."
          )))
    }
    if !summary.closest.isEmpty {
      body.append(
        .heading(w.t("4. Các xã gần đạt ngưỡng nhất", "4. Communes closest to the threshold")))
      body.append(
        .table(
          Table(
            className: "closest",
            columns: [
              .init(w.t("Mã xã", "Code"), width: 11), .init(w.t("Xã", "Commune"), width: 30),
              .init(w.t("Huyện", "District"), width: 29),
              .init(w.t("Điểm", "Total"), width: 10, numeric: true),
              .init(w.t("Ngưỡng", "Threshold"), width: 10, numeric: true),
              .init(w.t("Thiếu", "Short by"), width: 10, numeric: true),
            ],
            groups: [
              .init(
                summary.closest.prefix(20).map { entry in
                  Table.Row([
                    .init(entry.code), .init(entry.name), .init(entry.district ?? ""),
                    .init(w.plain(entry.total)), .init(w.plain(entry.threshold)),
                    .init(w.plain(entry.threshold - entry.total)),
                  ])
                })
            ], compact: true)))
    }
    if !summary.top.isEmpty {
      body.append(.heading(w.t("5. Xếp hạng theo tổng điểm", "5. Ranking by total")))
      let text = BatchTextReport(rulebook: rulebook, language: language)
      body.append(
        .table(
          Table(
            className: "ranking",
            columns: [
              .init("#", width: 7, numeric: true), .init(w.t("Mã xã", "Code"), width: 11),
              .init(w.t("Xã", "Commune"), width: 30), .init(w.t("Huyện", "District"), width: 26),
              .init(w.t("Điểm", "Total"), width: 9, numeric: true),
              .init(w.t("Kết quả", "Result"), width: 17),
            ],
            groups: [
              .init(
                summary.top.enumerated().map { index, entry in
                  Table.Row([
                    .init("\(index + 1)"), .init(entry.code), .init(entry.name),
                    .init(entry.district ?? ""), .init(w.plain(entry.total)),
                    .init(text.statusWord(entry.status)),
                  ])
                })
            ], compact: true)))
      if summary.all.total > summary.top.count {
        body.append(
          .note(
            w.t(
              "… và \(summary.all.total - summary.top.count) xã khác.",
              "… and \(summary.all.total - summary.top.count) more.")))
      }
    }
    body.append(
      .note(
        w.t("Mã kiểm tra: bộ tiêu chí ", "Receipt: rulebook ")
          + "\(rulebook.id) \(rulebook.version) (SHA-256 \(rulebook.sha256)); "
          + w.t("chương trình ", "") + "\(EngineInfo.name) \(EngineInfo.version)."))
    return Document(
      title: w.t("Báo cáo tổng hợp", "Summary report"), language: language,
      frame: Frame(
        issuer: paper.issuer(default: issuer(area)), number: paper.number(kind: "BC-UBND"),
        placeDate: paper.placeDate),
      body: body, closing: Closing(signers: [paper.preparer], recipients: []))
  }

  func countsTable(_ name: String, _ first: String, _ groups: [Table.Group], footer: [Table.Row])
    -> Table
  {
    Table(
      className: name,
      columns: [
        .init(first, width: 48), .init(w.t("Đạt", "Recognised"), width: 13, numeric: true),
        .init(w.t("Không đạt", "Not recognised"), width: 13, numeric: true),
        .init(w.t("Chưa đủ số liệu", "Incomplete"), width: 13, numeric: true),
        .init(w.t("Tổng", "Total"), width: 13, numeric: true),
      ], groups: groups, footer: footer, compact: name != "by-category")
  }

  func countsRow(_ label: String, _ counts: BatchSummary.Counts, style: Table.RowStyle = .normal)
    -> Table.Row
  {
    Table.Row(
      [.init(label)]
        + [counts.recognized, counts.notRecognized, counts.incomplete, counts.total].map {
          .init("\($0)")
        }, style: style)
  }
}
