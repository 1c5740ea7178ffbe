import CommuneScoring

/// Small helpers for writing well-formed, self-contained HTML (also valid XML, so tests can parse
/// it): escaping, elements, and the shared print-ready style sheet.
enum HTML {
  /// `text` escaped for HTML (and XML): see `MarkupText.escape`, shared by every markup writer.
  static func escape(_ text: String) -> String { MarkupText.escape(text) }

  /// The document's start: doctype, language, title, inline style.
  static func head(title: String, language: Language) -> String {
    """
    <!DOCTYPE html>
    <html xmlns="http://www.w3.org/1999/xhtml" lang="\(language.rawValue)" xml:lang="\(language.rawValue)">
    <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>\(escape(title))</title>
    <style>
    \(style)
    </style>
    </head>
    <body>

    """
  }

  static let end = "</body>\n</html>\n"

  /// The national heading of an administrative document.
  static func nationalHeading(_ language: Language, left: [String]) -> String {
    let w = Wording(language)
    return """
      <table class="heading"><tr>
      <td><strong>\(left.map(escape).joined(separator: "<br />"))</strong></td>
      <td><strong>\(w.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"))</strong><br />
      <span class="motto">\(w.t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"))</span></td>
      </tr></table>

      """
  }

  /// System fonts only (no external resources); A4 portrait pages; table headers repeated on
  /// every page; a criterion's rows never split across pages.
  static let style = """
    :root { --ok: #1b7f3b; --bad: #b3261e; --open: #8a6d00; --line: #c9c9c9; }
    body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 12pt; line-height: 1.35; color: #111; max-width: 190mm; margin: 12mm auto; padding: 0 4mm; }
    h1 { font-size: 15pt; text-align: center; margin: 10pt 0 4pt; text-transform: uppercase; }
    h2 { font-size: 13pt; margin: 14pt 0 6pt; border-bottom: 1px solid var(--line); break-after: avoid; }
    p.sub { text-align: center; margin: 0 0 10pt; }
    table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
    th, td { border: 1px solid var(--line); padding: 3pt 5pt; vertical-align: top; text-align: left; }
    th { background: #f0f0f0; }
    td.n, th.n { text-align: right; white-space: nowrap; }
    table.heading td { border: none; text-align: center; width: 50%; font-size: 12pt; }
    .motto { text-decoration: underline; }
    tr.zero td { color: var(--bad); font-weight: bold; }
    tr.open td { color: var(--open); }
    .verdict { border: 2px solid; padding: 6pt 10pt; margin: 8pt 0; break-inside: avoid; }
    .verdict.recognized { border-color: var(--ok); }
    .verdict.not_recognized { border-color: var(--bad); }
    .verdict.incomplete { border-color: var(--open); }
    .verdict strong { font-size: 13pt; }
    .mark { color: var(--open); }
    figure { margin: 6pt 0; break-inside: avoid; }
    figcaption { font-size: 10pt; color: #444; }
    svg { max-width: 100%; height: auto; }
    footer { margin-top: 14pt; font-size: 9pt; color: #444; border-top: 1px solid var(--line); padding-top: 4pt; word-break: break-all; }
    tbody.criterion { break-inside: avoid; }
    @page { size: A4 portrait; margin: 14mm 12mm; }
    @media print {
      body { margin: 0; max-width: none; padding: 0; }
      thead { display: table-header-group; }
      tfoot { display: table-row-group; }
      tr { break-inside: avoid; }
      h2 { break-after: avoid; }
    }
    """

  /// A horizontal bar chart: one bar per item, its value against its maximum; zero items in red
  /// with "0", unknown ones dashed. Sized for an A4 text width.
  /// With `counts`, values are counts of communes (drawn in one colour, labelled plainly).
  static func barChart(
    _ bars: [(label: String, value: Int?, maximum: Int, title: String)], language: Language,
    caption: String, counts: Bool = false
  ) -> String {
    let w = Wording(language)
    let rowHeight = 18
    let labelWidth = 44
    let chartWidth = 560
    let scaleMax = max(1, bars.map(\.maximum).max() ?? 1)
    var svg = """
      <figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(labelWidth + chartWidth + 70) \(bars.count * rowHeight + 8)" width="\(labelWidth + chartWidth + 70)" height="\(bars.count * rowHeight + 8)" role="img" aria-label="\(escape(caption))" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">

      """
    for (index, bar) in bars.enumerated() {
      let y = index * rowHeight + 4
      let full = chartWidth * bar.maximum / scaleMax
      svg += "<text x=\"0\" y=\"\(y + 12)\">\(escape(bar.label))</text>"
      svg +=
        "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(full)\" height=\"12\" fill=\"#f2f2f2\" stroke=\"#b0b0b0\" stroke-width=\"0.5\"/>"
      if let value = bar.value {
        let width = chartWidth * value / scaleMax
        let color = counts ? "#b3261e" : (value == 0 ? "#b3261e" : "#1b7f3b")
        svg +=
          "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(width)\" height=\"12\" fill=\"\(color)\"><title>\(escape(bar.title))</title></rect>"
        let label = counts ? String(value) : (value == 0 ? "0 ✗" : "\(value)/\(bar.maximum)")
        svg +=
          "<text x=\"\(labelWidth + max(full, width) + 6)\" y=\"\(y + 12)\" fill=\"\(color)\">\(escape(label))</text>\n"
      } else {
        svg +=
          "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(full)\" height=\"12\" fill=\"none\" stroke=\"#8a6d00\" stroke-dasharray=\"4 2\"/>"
        svg +=
          "<text x=\"\(labelWidth + full + 6)\" y=\"\(y + 12)\" fill=\"#8a6d00\">\(escape(w.t("chưa rõ", "unknown")))</text>\n"
      }
    }
    svg += "</svg><figcaption>\(escape(caption))</figcaption></figure>\n"
    return svg
  }
}
