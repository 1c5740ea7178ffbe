import CommuneScoring

extension CompareReport {
  /// The comparison as a report to file (HTML or Word): the frame, the counts, one row per
  /// commune with both rounds, the change and its causes, then the communes of one round only.
  public func document(_ changes: [Change], frame values: FrameValues = FrameValues()) -> Document {
    let paper = Paperwork(w: w, values: values)
    let both = changes.filter { $0.old != nil && $0.new != nil }
    let onlyOld = changes.filter { $0.new == nil }
    let onlyNew = changes.filter { $0.old == nil }
    let oldYears = Set(
      both.compactMap { $0.old?.record.year } + onlyOld.compactMap { $0.old?.record.year })
    let newYears = Set(
      both.compactMap { $0.new?.record.year } + onlyNew.compactMap { $0.new?.record.year })
    let years = { (set: Set<Int>) in set.sorted().map(String.init).joined(separator: ", ") }
    let gained = both.filter { $0.verdictChange == "gained" }.count
    let lost = both.filter { $0.verdictChange == "lost" }.count
    var body: [Block] = [
      .title(w.t("BÁO CÁO", "REPORT")),
      .subtitle(
        w.t(
          "So sánh kết quả đánh giá xã, phường, thị trấn phù hợp với trẻ em năm \(years(oldYears)) và năm \(years(newYears))",
          "Child-friendly commune assessment: \(years(oldYears)) compared with \(years(newYears))"),
        italic: false),
      .paragraph(
        w.t(
          "Số xã có ở cả hai kỳ: \(both.count); được công nhận thêm: \(gained); mất công nhận: \(lost); chỉ có ở kỳ trước: \(onlyOld.count); chỉ có ở kỳ sau: \(onlyNew.count).",
          "Communes in both rounds: \(both.count); gained recognition: \(gained); lost recognition: \(lost); only in the earlier round: \(onlyOld.count); only in the later round: \(onlyNew.count)."
        )),
    ]
    var rows: [Table.Row] = []
    for change in both {
      guard let old = change.old, let new = change.new else { continue }
      let delta = new.score.total - old.score.total
      var notes: [String] = []
      switch change.verdictChange {
      case "gained"?:
        notes.append(
          w.t("Được công nhận: ", "Gained: ") + causes(change).map(cause).joined(separator: "; "))
      case "lost"?:
        notes.append(
          w.t("Mất công nhận: ", "Lost: ") + causes(change).map(cause).joined(separator: "; "))
      default: break
      }
      let deltas = criterionDeltas(old.score, new.score)
      if !deltas.isEmpty { notes.append(deltas.joined(separator: ", ")) }
      rows.append(
        Table.Row(
          [
            .init(change.code), .init(new.record.commune.name), .init(w.plain(old.score.total)),
            .init(w.plain(new.score.total)), .init("\(delta >= 0 ? "+" : "")\(w.plain(delta))"),
            .init(status(old.score.status) + " → " + status(new.score.status)),
            .init(notes.joined(separator: ". ")),
          ],
          style: change.verdictChange == "lost" ? .alert : .normal,
          attributes: [
            Attribute("data-code", change.code),
            Attribute("data-change", rulebook.pointsText(delta)),
          ]))
    }
    body.append(
      .table(
        Table(
          className: "compare",
          columns: [
            .init(w.t("Mã xã", "Code"), width: 9),
            .init(w.t("Xã, phường, thị trấn", "Commune"), width: 19),
            .init(w.t("Điểm kỳ trước", "Earlier total"), width: 9, numeric: true),
            .init(w.t("Điểm kỳ sau", "Later total"), width: 9, numeric: true),
            .init(w.t("Tăng, giảm", "Change"), width: 8, numeric: true),
            .init(w.t("Kết quả", "Result"), width: 18),
            .init(w.t("Ghi chú", "Notes"), width: 28),
          ], groups: [.init(rows)], compact: true)))
    for (title, list) in [
      (w.t("Chỉ có ở kỳ trước", "Only in the earlier round"), onlyOld),
      (w.t("Chỉ có ở kỳ sau", "Only in the later round"), onlyNew),
    ] where !list.isEmpty {
      body.append(.heading(title))
      body.append(
        .list(
          list.map { "\($0.code) \(($0.new ?? $0.old)?.record.commune.name ?? "")" },
          ordered: false))
    }
    return Document(
      title: w.t("So sánh hai kỳ đánh giá", "Comparison of two rounds"), language: language,
      frame: Frame(
        issuer: paper.issuer(default: [
          w.t("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE"), Paperwork.blank + Paperwork.blank,
        ]), number: paper.number(kind: "BC-UBND"), placeDate: paper.placeDate),
      body: body,
      closing: Closing(
        signers: [paper.preparer, paper.chair(w.t("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE"))],
        recipients: paper.recipients(default: [])))
  }

  /// "T2 +10", "T5 100 → —" for each criterion whose points changed.
  func criterionDeltas(_ old: Score, _ new: Score) -> [String] {
    rulebook.criteria.indices.compactMap { index in
      let before = old.criteria[index].points
      let after = new.criteria[index].points
      guard before != after else { return nil }
      let id = rulebook.criteria[index].id
      if let before, let after {
        return "\(id) \(after - before >= 0 ? "+" : "")\(w.plain(after - before))"
      }
      return "\(id) \(before.map(w.plain) ?? "—") → \(after.map(w.plain) ?? "—")"
    }
  }

  /// The comparison as HTML.
  public func html(_ changes: [Change], frame: FrameValues = FrameValues()) -> String {
    DocumentHTML.render(document(changes, frame: frame))
  }

  /// The comparison as a Word file.
  public func docx(_ changes: [Change], frame: FrameValues = FrameValues()) -> [UInt8] {
    DocxWriter.render(document(changes, frame: frame))
  }

  /// The comparison as a workbook: one row per commune, both rounds side by side, the change of
  /// each criterion as a number (empty when either round could not verify it).
  public func xlsx(_ changes: [Change]) -> [UInt8] {
    var sheet = XLSXWriter(sheetName: w.t("So sánh", "Comparison"))
    var header: [XLSXWriter.Cell] = [
      w.t("Mã xã", "Code"), w.t("Xã, phường, thị trấn", "Commune"), w.t("Huyện", "District"),
      w.t("Tỉnh", "Province"), w.t("Năm kỳ trước", "Earlier year"),
      w.t("Điểm kỳ trước", "Earlier total"), w.t("Kết quả kỳ trước", "Earlier result"),
      w.t("Năm kỳ sau", "Later year"), w.t("Điểm kỳ sau", "Later total"),
      w.t("Kết quả kỳ sau", "Later result"), w.t("Tăng, giảm", "Change"),
      w.t("Công nhận", "Recognition"),
    ].map { .text($0) }
    header += rulebook.criteria.map { .text($0.id) }
    header.append(.text(w.t("Nguyên nhân", "Causes")))
    sheet.add(header)
    for change in changes {
      let record = (change.new ?? change.old)?.record
      var row: [XLSXWriter.Cell] = [
        .text(change.code), .text(record?.commune.name ?? ""),
        .text(record?.commune.district ?? ""), .text(record?.commune.province ?? ""),
      ]
      for side in [change.old, change.new] {
        if let side {
          row += [
            .number(side.record.year), .points(side.score.total, scale: rulebook.pointScale),
            .text(status(side.score.status)),
          ]
        } else {
          row += [.empty, .empty, .text(w.t("(không có)", "(absent)"))]
        }
      }
      if let old = change.old, let new = change.new {
        row.append(.points(new.score.total - old.score.total, scale: rulebook.pointScale))
        switch change.verdictChange {
        case "gained"?: row.append(.text(w.t("được công nhận", "gained")))
        case "lost"?: row.append(.text(w.t("mất công nhận", "lost")))
        default: row.append(.text(w.t("không đổi", "unchanged")))
        }
        for index in rulebook.criteria.indices {
          if let before = old.score.criteria[index].points,
            let after = new.score.criteria[index].points
          {
            row.append(.points(after - before, scale: rulebook.pointScale))
          } else {
            row.append(.empty)
          }
        }
      } else {
        row += [.empty, .empty] + rulebook.criteria.map { _ in XLSXWriter.Cell.empty }
      }
      row.append(.text(causes(change).map(cause).joined(separator: "; ")))
      sheet.add(row)
    }
    return sheet.data()
  }
}
