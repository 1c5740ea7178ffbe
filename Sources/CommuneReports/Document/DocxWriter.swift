import CommuneScoring

/// Writes a `Document` as a Word file (Office Open XML, ECMA-376), packed with the project's own
/// ZIP writer: A4 portrait with the margins of Decree 30/2020/NĐ-CP, Times New Roman, the page
/// number as a PAGE field centred at the top from the second page, tables people can edit.
public enum DocxWriter {
  /// The .docx file's bytes.
  public static func render(_ document: Document) -> [UInt8] {
    var zip = ZipArchive()
    for (name, content) in parts(document) { zip.add(name, content) }
    zip.add("word/document.xml", Array(body(document).utf8))
    return zip.finish()
  }

  /// The .docx file, appended to `output` with `flush` called (to send the bytes on and empty
  /// them) whenever enough has been appended: the document's text (a certification list of a
  /// million communes) is compressed as it is made, never held whole. The same parts as
  /// `render`, the document's text streamed (with a data descriptor after it).
  public static func render(
    _ document: Document, into output: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    var zip = ZipWriter()
    for (name, content) in parts(document) { zip.add(name, content, into: &output) }
    zip.begin("word/document.xml", into: &output)
    var pending: [UInt8] = []
    body(document) { piece in
      pending += piece.utf8
      guard pending.count >= 1 << 16 else { return }
      zip.write(pending, into: &output)
      pending.removeAll(keepingCapacity: true)
      if output.count >= 1 << 16 { flush(&output) }
    }
    zip.write(pending, into: &output)
    zip.finish(into: &output)
    flush(&output)
  }

  /// The parts before the document's text.
  static func parts(_ document: Document) -> [(String, [UInt8])] {
    [
      ("[Content_Types].xml", Array(contentTypes.utf8)),
      ("_rels/.rels", Array(packageRelationships.utf8)),
      ("docProps/core.xml", Array(core(document).utf8)),
      ("word/_rels/document.xml.rels", Array(documentRelationships.utf8)),
      ("word/styles.xml", Array(styles(document.language).utf8)),
      ("word/settings.xml", Array(settings.utf8)),
      ("word/header1.xml", Array(pageNumberHeader.utf8)),
    ]
  }

  // MARK: - Page geometry (twentieths of a point)

  static let pageWidth = 11906
  static let pageHeight = 16838
  static let marginLeft = 1701  // 30 mm
  static let marginRight = 850  // 15 mm
  static let marginTop = 1134  // 20 mm
  static let marginBottom = 1134
  static let textWidth = pageWidth - marginLeft - marginRight

  // MARK: - Text

  static func x(_ text: String) -> String { HTML.escape(text) }

  struct Style {
    var bold = false
    var italic = false
    var underline = false
    var superscript = false
    /// Half-points.
    var size: Int? = nil
    var align: String? = nil
    var keepNext = false
    /// Capitals by formatting (`w:caps`): the text stays as written, as HTML's `uppercase`.
    var caps = false
    /// A fixed-width font.
    var mono = false
    var after: Int? = nil
    var before: Int? = nil
    /// Single line spacing (table cells).
    var single = false
  }

  static func run(_ text: String, _ style: Style) -> String {
    // In the order the schema (CT_RPr) lists them.
    var properties = ""
    if style.mono {
      properties += "<w:rFonts w:ascii=\"Liberation Mono\" w:hAnsi=\"Liberation Mono\"/>"
    }
    if style.bold { properties += "<w:b/>" }
    if style.italic { properties += "<w:i/>" }
    if style.caps { properties += "<w:caps/>" }
    if let size = style.size {
      properties += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>"
    }
    if style.underline { properties += "<w:u w:val=\"single\"/>" }
    if style.superscript { properties += "<w:vertAlign w:val=\"superscript\"/>" }
    let rPr = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
    return "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(x(text))</w:t></w:r>"
  }

  static func paragraphProperties(_ style: Style, extra: String = "") -> String {
    var properties = ""
    if style.keepNext { properties += "<w:keepNext/>" }
    if style.before != nil || style.after != nil || style.single {
      properties +=
        "<w:spacing w:before=\"\(style.before ?? 0)\" w:after=\"\(style.after ?? 0)\""
        + (style.single ? " w:line=\"240\" w:lineRule=\"auto\"/>" : "/>")
    }
    properties += extra
    if let align = style.align { properties += "<w:jc w:val=\"\(align)\"/>" }
    return properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>"
  }

  static func paragraph(_ text: String, _ style: Style = Style(), extra: String = "") -> String {
    "<w:p>\(paragraphProperties(style, extra: extra))\(text.isEmpty ? "" : run(text, style))</w:p>"
  }

  /// A paragraph of several runs with different emphasis.
  static func paragraph(runs: [(String, Style)], _ style: Style) -> String {
    "<w:p>\(paragraphProperties(style))" + runs.map { run($0.0, $0.1) }.joined() + "</w:p>"
  }

  /// A short horizontal line under a heading: an empty paragraph with a bottom border, narrowed
  /// by indents.
  static func rule(indent: Int) -> String {
    "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"120\" w:lineRule=\"exact\"/><w:ind w:left=\"\(indent)\" w:right=\"\(indent)\"/></w:pPr></w:p>"
  }

  // MARK: - Document

  static func body(_ document: Document) -> String {
    var out = ""
    body(document) { out += $0 }
    return out
  }

  /// The document's text (`word/document.xml`), handed to `emit` piece by piece in order.
  static func body(_ document: Document, _ emit: (String) -> Void) {
    emit(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>"
    )
    // Each document of the file (a list per province, then the summary) is a section of its own:
    // its pages are numbered from 1, and its first page carries no number (Decree 30/2020).
    let parts = [document] + document.followers
    for (index, part) in parts.enumerated() {
      page(part, emit)
      if index < parts.count - 1 { emit("<w:p><w:pPr>" + sectionProperties + "</w:pPr></w:p>") }
    }
    emit(sectionProperties + "</w:body></w:document>")
  }

  /// A4 portrait with the Decree's margins, the page-number header from the second page, and
  /// numbering that starts again at 1.
  static let sectionProperties =
    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:pgSz w:w=\"\(pageWidth)\" w:h=\"\(pageHeight)\"/><w:pgMar w:top=\"\(marginTop)\" w:right=\"\(marginRight)\" w:bottom=\"\(marginBottom)\" w:left=\"\(marginLeft)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:pgNumType w:start=\"1\"/><w:titlePg/></w:sectPr>"

  static func page(_ document: Document, _ emit: (String) -> Void) {
    emit(frame(document.frame, document.language))
    // The ending is kept on the signatures' page (Word's "keep with next").
    let ending = document.closing == nil ? document.body.count : document.endingStart
    for (index, block) in document.body.enumerated() {
      if case .table(let table) = block {
        self.table(table, emit)
      } else {
        emit(self.block(block, keepNext: index >= ending))
      }
    }
    if let closing = document.closing { emit(self.closing(closing, document.language)) }
  }

  static func frame(_ frame: Frame, _ language: Language) -> String {
    let w = Wording(language)
    let left = textWidth * 40 / 100
    let right = textWidth - left
    var issuer = frame.issuer.map {
      paragraph($0, Style(bold: true, size: 25, align: "center", after: 0, before: 0))
    }.joined()
    issuer += rule(indent: left / 3)
    if let number = frame.number {
      issuer += paragraph(number, Style(size: 26, align: "center", after: 0, before: 0))
    }
    var nation = paragraph(
      w.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
      Style(bold: true, size: 24, align: "center", after: 0, before: 0))
    nation += paragraph(
      w.t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
      Style(bold: true, size: 26, align: "center", after: 0, before: 0))
    nation += rule(indent: right / 6)
    nation += paragraph(
      frame.placeDate, Style(italic: true, size: 26, align: "center", after: 0, before: 0))
    return borderless([(left, issuer), (right, nation)]) + paragraph("", Style(after: 120))
  }

  /// A table without borders, one row, for side-by-side blocks (frame, signatures).
  static func borderless(_ cells: [(width: Int, content: String)]) -> String {
    var out =
      "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>"
    for cell in cells { out += "<w:gridCol w:w=\"\(cell.width)\"/>" }
    out += "</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>"
    for cell in cells {
      out +=
        "<w:tc><w:tcPr><w:tcW w:w=\"\(cell.width)\" w:type=\"dxa\"/></w:tcPr>\(cell.content.isEmpty ? "<w:p/>" : cell.content)</w:tc>"
    }
    return out + "</w:tr></w:tbl>"
  }

  static func block(_ block: Block, keepNext keep: Bool = false) -> String {
    switch block {
    case .title(let text):
      // Capitals, as the Decree has a document's name; the last two words stay together so
      // that a title never ends with one word alone on its line.
      return paragraph(
        joiningLastTwoWords(text),
        Style(
          bold: true, size: 28, align: "center", keepNext: true, caps: true, after: 0, before: 240)
      )
    case .subtitle(let text, let italic):
      return paragraph(
        text,
        Style(bold: !italic, italic: italic, size: 26, align: "center", keepNext: true, after: 120))
    case .heading(let text):
      return paragraph(text, Style(bold: true, size: 26, keepNext: true, after: 60, before: 200))
    case .paragraph(let text):
      return paragraph(text, Style(align: "both", keepNext: keep, after: 60))
    case .note(let text):
      // Left-aligned as in HTML: notes carry long codes (SHA-256) that justification stretches.
      return paragraph(text, Style(size: 22, align: "left", keepNext: keep, after: 60))
    case .fingerprint(let text):
      return paragraph(text, Style(size: 20, align: "left", keepNext: keep, mono: true, after: 60))
    case .fillIn(let label, let lines):
      var out = label.isEmpty ? "" : paragraph(label, Style(keepNext: keep, after: 0))
      let dots =
        "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"\(textWidth)\"/></w:tabs><w:spacing w:before=\"60\" w:after=\"0\"/>"
      let keepText = keep ? "<w:keepNext/>" : ""
      for _ in 0..<lines {
        out += "<w:p><w:pPr>\(keepText)\(dots)</w:pPr><w:r><w:tab/></w:r></w:p>"
      }
      return out
    case .list(let items, let ordered):
      return items.enumerated().map { index, item in
        paragraph(
          (ordered ? "\(index + 1). " : "- ") + item,
          Style(align: "both", keepNext: keep, after: 40),
          extra: "<w:ind w:left=\"360\" w:hanging=\"360\"/>")
      }.joined()
    case .table(let table): return self.table(table)
    case .box(_, _, let blocks):
      let content = blocks.map { self.block($0) }.joined()
      return
        "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblBorders>\(borders(sz: 12))</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"113\" w:type=\"dxa\"/><w:right w:w=\"113\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w=\"\(textWidth)\"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"\(textWidth)\" w:type=\"dxa\"/></w:tcPr>\(content.isEmpty ? "<w:p/>" : content)</w:tc></w:tr></w:tbl>"
        + paragraph("", Style(after: 0))
    case .chart: return ""
    case .pageBreak: return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
    }
  }

  /// `text` with its last space made non-breaking.
  static func joiningLastTwoWords(_ text: String) -> String {
    guard let space = text.lastIndex(of: " ") else { return text }
    var joined = text
    joined.replaceSubrange(space...space, with: "\u{00A0}")
    return joined
  }

  static func borders(sz: Int) -> String {
    ["top", "left", "bottom", "right", "insideH", "insideV"].map {
      "<w:\($0) w:val=\"single\" w:sz=\"\(sz)\" w:space=\"0\" w:color=\"808080\"/>"
    }.joined()
  }

  static func table(_ table: Table) -> String {
    var out = ""
    self.table(table) { out += $0 }
    return out
  }

  /// A table, handed to `emit` piece by piece: its streamed rows one by one.
  static func table(_ table: Table, _ emit: (String) -> Void) {
    let totalWeight = max(1, table.columns.reduce(0) { $0 + $1.width })
    var widths = table.columns.map { textWidth * $0.width / totalWeight }
    if let last = widths.indices.last { widths[last] += textWidth - widths.reduce(0, +) }
    let size = table.compact ? 21 : 24
    var out =
      "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblBorders>\(borders(sz: 4))</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    for width in widths { out += "<w:gridCol w:w=\"\(width)\"/>" }
    out += "</w:tblGrid>"
    if table.header {
      out += "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
      for (index, column) in table.columns.enumerated() {
        out +=
          "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[index])\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEEEEE\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
          + paragraph(
            column.title,
            Style(bold: true, size: size, align: "center", after: 0, before: 0, single: true))
          + "</w:tc>"
      }
      out += "</w:tr>"
    }
    emit(out)
    for group in table.groups {
      var rows = ""
      for (index, row) in group.rows.enumerated() {
        let keep =
          (group.together && index < group.rows.count - 1) || row.style == .group
          || row.style == .subgroup
        rows += self.row(row, table.columns, widths, size: size, keepNext: keep)
      }
      emit(rows)
      group.streamed? { row in
        let keep = row.style == .group || row.style == .subgroup
        emit(self.row(row, table.columns, widths, size: size, keepNext: keep))
      }
    }
    var end = ""
    for row in table.footer {
      end += self.row(row, table.columns, widths, size: size, keepNext: false)
    }
    emit(end + "</w:tbl>" + paragraph("", Style(after: 60)))
  }

  static func row(
    _ row: Table.Row, _ columns: [Table.Column], _ widths: [Int], size: Int, keepNext: Bool
  ) -> String {
    var out = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    var column = 0
    let bold =
      row.style == .group || row.style == .subgroup || row.style == .total
      || row.style == .alert
    for cell in row.cells {
      let span = max(1, min(cell.span, widths.count - column))
      let width = widths[column..<min(widths.count, column + span)].reduce(0, +)
      let numeric = column < columns.count && columns[column].numeric && span == 1
      out += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
      if span > 1 { out += "<w:gridSpan w:val=\"\(span)\"/>" }
      if row.style == .group {
        out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F3F3\"/>"
      }
      out += "</w:tcPr>"
      let style = Style(
        bold: bold, italic: row.style == .subgroup, size: size, align: numeric ? "right" : nil,
        keepNext: keepNext, after: 0, before: 0, single: true)
      var runs = [(cell.text, style)]
      if let mark = cell.mark {
        runs.append((mark, Style(superscript: true, size: size)))
      }
      out += paragraph(runs: runs, style) + "</w:tc>"
      column += span
    }
    // A row must fill its grid, or Word reports the file as damaged.
    while column < widths.count {
      out += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[column])\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>"
      column += 1
    }
    return out + "</w:tr>"
  }

  static func closing(_ closing: Closing, _ language: Language) -> String {
    let w = Wording(language)
    let count = max(1, closing.signers.count)
    // Every block gets as many capacity lines, so the names line up.
    let lines = closing.signers.map(\.capacity.count).max() ?? 0
    let cells = closing.signers.map { signer -> (Int, String) in
      let capacity = signer.capacity + Array(repeating: "", count: lines - signer.capacity.count)
      var content = capacity.map {
        paragraph($0, Style(bold: true, size: 26, align: "center", after: 0, before: 0))
      }.joined()
      content += paragraph(signer.hint, Style(italic: true, size: 26, align: "center", after: 0))
      content += String(repeating: paragraph("", Style(after: 0)), count: 4)
      content += paragraph(
        signer.name ?? Paperwork.blank + Paperwork.blank,
        Style(bold: true, size: 26, align: "center", after: 0))
      return (textWidth / count, content)
    }
    var recipients = ""
    if !closing.recipients.isEmpty {
      recipients += paragraph(
        w.t("Nơi nhận:", "Recipients:"),
        Style(bold: true, italic: true, size: 24, after: 0, before: 120))
      for (index, line) in closing.recipients.enumerated() {
        let end = index == closing.recipients.count - 1 ? "" : ";"
        let text = line.hasSuffix(".") || line.hasSuffix(";") ? line : line + end
        recipients += paragraph("- " + text, Style(size: 22, after: 0))
      }
    }
    let spacer = paragraph("", Style(keepNext: true, after: 0, before: 120))
    // Decree 30/2020: "Nơi nhận" at the left, level with the one signature at the right.
    if closing.signers.count == 1, !recipients.isEmpty, let signature = cells.first?.1 {
      return spacer + borderless([(textWidth / 2, recipients), (textWidth / 2, signature)])
    }
    return spacer + borderless(cells) + recipients
  }

  // MARK: - Package parts

  static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
    """

  static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
    """

  static let documentRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>
    """

  static let settings = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
    """

  /// The page number, centred at the top (Decree 30/2020/NĐ-CP: not shown on the first page,
  /// which `titlePg` leaves without a header).
  static let pageNumberHeader = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>
    """

  static func styles(_ language: Language) -> String {
    let lang = language == .vi ? "vi-VN" : "en-GB"
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="\(lang)" w:eastAsia="\(lang)" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>
      """
  }

  static func core(_ document: Document) -> String {
    """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>\(x(document.title))</dc:title><dc:language>\(document.language == .vi ? "vi-VN" : "en-GB")</dc:language><dc:creator>\(EngineInfo.name) \(EngineInfo.version)</dc:creator></cp:coreProperties>
    """
  }
}
