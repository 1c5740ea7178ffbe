import CommuneScoring

/// Writes a `Document` as one self-contained HTML file (also well-formed XML), printable on A4
/// from a browser with the official frame and page numbers.
public enum DocumentHTML {
  /// The whole file.
  public static func render(_ document: Document) -> String {
    var out = ""
    render(document) { out += $0 }
    return out
  }

  /// The whole file, handed to `emit` piece by piece in order (the same text as `render`), so
  /// that a long list is written as it is made.
  public static func render(_ document: Document, emit: (String) -> Void) {
    emit(HTML.head(title: document.title, language: document.language))
    page(document, emit)
    for follower in document.followers {
      emit("<div class=\"newpage\"></div>\n")
      page(follower, emit)
    }
    emit(HTML.end)
  }

  static func e(_ text: String) -> String { HTML.escape(text) }

  static func page(_ document: Document, _ emit: (String) -> Void) {
    emit(frame(document.frame, language: document.language))
    guard let closing = document.closing else {
      for block in document.body { self.block(block, document.language, emit) }
      return
    }
    let ending = document.endingStart
    for block in document.body[..<ending] { self.block(block, document.language, emit) }
    // The ending and the signatures print on one page (CSS `break-inside: avoid`).
    emit("<div class=\"ending\">\n")
    for block in document.body[ending...] { self.block(block, document.language, emit) }
    emit(self.closing(closing, document.language) + "</div>\n")
  }

  static func frame(_ frame: Frame, language: Language) -> String {
    let w = Wording(language)
    var out = "<table class=\"frame\"><tr>\n<td class=\"issuer\">"
    out += frame.issuer.map { "<strong>\(e($0))</strong>" }.joined(separator: "<br />")
    out += "<span class=\"rule\"></span>"
    if let number = frame.number { out += "<span class=\"number\">\(e(number))</span>" }
    out += "</td>\n<td class=\"nation\"><strong>"
    out += e(w.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"))
    out += "</strong><br /><strong class=\"motto\">"
    out += e(w.t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"))
    out += "</strong><span class=\"rule wide\"></span>"
    out += "<em class=\"date\">\(e(frame.placeDate))</em></td>\n</tr></table>\n"
    return out
  }

  static func block(_ block: Block, _ language: Language, _ emit: (String) -> Void) {
    if case .table(let table) = block {
      self.table(table, emit)
    } else {
      emit(self.block(block, language))
    }
  }

  static func block(_ block: Block, _ language: Language) -> String {
    switch block {
    case .title(let text): return "<h1>\(e(text))</h1>\n"
    case .subtitle(let text, let italic):
      return
        "<p class=\"sub\">\(italic ? "<em>\(e(text))</em>" : "<strong>\(e(text))</strong>")</p>\n"
    case .heading(let text): return "<h2>\(e(text))</h2>\n"
    case .paragraph(let text): return "<p>\(e(text))</p>\n"
    case .note(let text): return "<p class=\"note\">\(e(text))</p>\n"
    case .fingerprint(let text): return "<p class=\"fingerprint\"><code>\(e(text))</code></p>\n"
    case .fillIn(let label, let lines):
      var out = "<div class=\"fill\">"
      if !label.isEmpty { out += "<p>\(e(label))</p>" }
      out += String(repeating: "<p class=\"dots\"></p>", count: lines)
      return out + "</div>\n"
    case .list(let items, let ordered):
      let tag = ordered ? "ol" : "ul"
      return "<\(tag)>\n" + items.map { "<li>\(e($0))</li>\n" }.joined() + "</\(tag)>\n"
    case .table(let table): return self.table(table)
    case .box(let className, let attributes, let blocks):
      return "<section class=\"\(e(className))\"\(attributeText(attributes))>\n"
        + blocks.map { self.block($0, language) }.joined() + "</section>\n"
    case .chart(let chart):
      return HTML.barChart(
        chart.bars.map { ($0.label, $0.value, $0.maximum, $0.title) },
        language: language, caption: chart.caption, counts: chart.counts,
        pointScale: chart.pointScale)
    case .pageBreak: return "<div class=\"newpage\"></div>\n"
    }
  }

  static func attributeText(_ attributes: [Attribute]) -> String {
    attributes.map { " \($0.name)=\"\(e($0.value))\"" }.joined()
  }

  static func table(_ table: Table) -> String {
    var out = ""
    self.table(table) { out += $0 }
    return out
  }

  static func table(_ table: Table, _ emit: (String) -> Void) {
    var out =
      "<table class=\"\(e(table.className))\(table.compact ? " compact" : "")\">\n<colgroup>"
    for column in table.columns { out += "<col style=\"width: \(column.width)%\" />" }
    out += "</colgroup>\n"
    if table.header {
      out += "<thead><tr>"
      for column in table.columns {
        out += "<th\(column.numeric ? " class=\"n\"" : "")>\(e(column.title))</th>"
      }
      out += "</tr></thead>\n"
    }
    emit(out)
    for group in table.groups {
      emit(group.together ? "<tbody class=\"together\">\n" : "<tbody>\n")
      group.forEachRow { emit(self.row($0, table.columns)) }
      emit("</tbody>\n")
    }
    if !table.footer.isEmpty {
      emit("<tfoot>\n" + table.footer.map { self.row($0, table.columns) }.joined() + "</tfoot>\n")
    }
    emit("</table>\n")
  }

  static func row(_ row: Table.Row, _ columns: [Table.Column]) -> String {
    let classes: [Table.RowStyle: String] = [
      .group: "group", .subgroup: "subgroup", .total: "total", .alert: "zero", .open: "open",
    ]
    var out = "<tr"
    if let name = classes[row.style] { out += " class=\"\(name)\"" }
    out += attributeText(row.attributes) + ">"
    var column = 0
    for cell in row.cells {
      let numeric = column < columns.count && columns[column].numeric && cell.span == 1
      out += "<td"
      if cell.span > 1 { out += " colspan=\"\(cell.span)\"" }
      if numeric { out += " class=\"n\"" }
      out += ">\(e(cell.text))"
      if let mark = cell.mark { out += "<sup class=\"mark\">\(e(mark))</sup>" }
      out += "</td>"
      column += cell.span
    }
    return out + "</tr>\n"
  }

  static func closing(_ closing: Closing, _ language: Language) -> String {
    let w = Wording(language)
    // Decree 30/2020: "Nơi nhận" at the left, level with the one signature at the right.
    if closing.signers.count == 1, !closing.recipients.isEmpty {
      var out = "<table class=\"signatures\"><tr>\n<td class=\"recipients\" style=\"width: 50%\">"
      out += recipients(closing.recipients, w) + "</td>\n"
      return out + signatureCells(closing, width: 50) + "</tr></table>\n"
    }
    var out = "<table class=\"signatures\"><tr>\n"
    out += signatureCells(closing, width: 100 / max(1, closing.signers.count))
    out += "</tr></table>\n"
    if !closing.recipients.isEmpty {
      out += "<div class=\"recipients\">" + recipients(closing.recipients, w) + "</div>\n"
    }
    return out
  }

  /// "Nơi nhận:" and its lines, each ending with ";" but the last.
  static func recipients(_ lines: [String], _ w: Wording) -> String {
    var out = "<strong><em>\(e(w.t("Nơi nhận:", "Recipients:")))</em></strong>"
    for (index, line) in lines.enumerated() {
      let end = index == lines.count - 1 ? "" : ";"
      let text = line.hasSuffix(".") || line.hasSuffix(";") ? line : line + end
      out += "<br />- \(e(text))"
    }
    return out
  }

  /// One cell per signer, `width` percent each.
  static func signatureCells(_ closing: Closing, width: Int) -> String {
    var out = ""
    // Every block gets as many capacity lines, so the names line up.
    let lines = closing.signers.map(\.capacity.count).max() ?? 0
    for signer in closing.signers {
      out += "<td style=\"width: \(width)%\">"
      let capacity =
        signer.capacity + Array(repeating: "\u{00A0}", count: lines - signer.capacity.count)
      out += capacity.map { "<strong>\(e($0))</strong>" }.joined(separator: "<br />")
      out += "<br /><em>\(e(signer.hint))</em>"
      out += "<span class=\"sign-space\"></span>"
      out += "<strong>\(e(signer.name ?? Paperwork.blank + Paperwork.blank))</strong></td>\n"
    }
    return out
  }
}
