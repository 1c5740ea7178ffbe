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

  /// System fonts only (no external resources). A4 portrait pages with the margins of Decree
  /// 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm), the page number centred at
  /// the top from the second page, table headers repeated on every page.
  static let style = """
    :root { --ok: #1b7f3b; --bad: #b3261e; --open: #8a6d00; --line: #9a9a9a; }
    body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.3; color: #000; max-width: 165mm; margin: 12mm auto; padding: 0 4mm; }
    h1 { font-size: 14pt; text-align: center; margin: 14pt 0 2pt; text-transform: uppercase;
      text-wrap: balance; }
    h2 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; }
    p { margin: 3pt 0; text-align: justify; }
    p.sub { text-align: center; margin: 0 0 8pt; text-wrap: balance; }
    p.note { font-size: 11pt; text-align: left; }
    p.fingerprint { text-align: left; font-size: 10pt; }
    p.fingerprint code { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; }
    div.ending { break-inside: avoid; }
    table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 12pt; }
    th, td { border: 1px solid var(--line); padding: 2pt 4pt; vertical-align: top; text-align: left; }
    th { background: #f0f0f0; text-align: center; vertical-align: middle; }
    td.n, th.n { text-align: right; white-space: nowrap; }
    th.n { text-align: center; white-space: normal; }
    table.frame, table.signatures { margin: 0 0 6pt; font-size: 13pt; }
    table.frame td, table.signatures td { border: none; text-align: center; vertical-align: top; padding: 0 2pt; }
    td.issuer { width: 40%; font-size: 12.5pt; }
    td.nation { width: 60%; font-size: 12.5pt; }
    .motto { font-size: 13pt; }
    span.rule { display: block; width: 32%; margin: 1pt auto 6pt; border-top: 1px solid #000; }
    span.rule.wide { width: 68%; }
    span.number { display: block; font-size: 13pt; }
    em.date { display: block; font-size: 13pt; }
    table.signatures { margin-top: 12pt; break-inside: avoid; }
    span.sign-space { display: block; height: 24mm; }
    div.recipients { font-size: 11pt; margin-top: 4pt; break-inside: avoid; }
    table.signatures td.recipients { text-align: left; font-size: 11pt; }
    table.signatures td.recipients strong { font-size: 12pt; }
    div.recipients strong { font-size: 12pt; }
    p.dots { border-bottom: 1px dotted #000; height: 1.3em; margin: 0; }
    tr.group td { font-weight: bold; background: #f3f3f3; }
    tr.subgroup td { font-weight: bold; font-style: italic; }
    tr.total td { font-weight: bold; }
    tr.zero td { color: var(--bad); font-weight: bold; }
    tr.open td { color: var(--open); }
    table.compact { table-layout: fixed; font-size: 11pt; line-height: 1.2; }
    table.compact td, table.compact th { padding: 0.5pt 3pt; }
    .verdict { border: 1.5px solid; padding: 4pt 8pt; margin: 8pt 0; break-inside: avoid; }
    .verdict.recognized { border-color: var(--ok); }
    .verdict.not_recognized { border-color: var(--bad); }
    .verdict.incomplete { border-color: var(--open); }
    sup.mark { font-size: 8pt; color: #555; padding-left: 1pt; }
    code { font-size: 9pt; overflow-wrap: anywhere; }
    figure { margin: 6pt 0; break-inside: avoid; }
    figcaption { font-size: 10pt; color: #444; }
    svg { max-width: 100%; height: auto; }
    tbody.together { break-inside: avoid; }
    div.newpage { break-before: page; }
    @page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font-family: "Times New Roman", "Liberation Serif", serif; font-size: 12pt; } }
    @page :first { @top-center { content: none; } }
    @media print {
      body { margin: 0; max-width: none; padding: 0; }
      thead { display: table-header-group; }
      tfoot { display: table-row-group; }
      tr { break-inside: avoid; }
      tr.group, tr.subgroup { break-after: avoid; }
      tr.zero td, tr.open td { color: #000; }
    }
    """

  /// A horizontal bar chart: one bar per item, its value against its maximum; zero items in red
  /// with "0", unknown ones dashed. Sized for an A4 text width.
  /// With `counts`, values are counts of communes (drawn in one colour, labelled plainly).
  static func barChart(
    _ bars: [(label: String, value: Int?, maximum: Int, title: String)], language: Language,
    caption: String, counts: Bool = false, pointScale: Int = 1
  ) -> String {
    let w = Wording(language, pointScale: pointScale)
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
        let label =
          counts
          ? String(value) : (value == 0 ? "0 ✗" : "\(w.plain(value))/\(w.plain(bar.maximum))")
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
