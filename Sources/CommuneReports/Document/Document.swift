import CommuneScoring

/// An administrative document as structured content, written out by one writer per format
/// (HTML for the browser, Office Open XML for Word and LibreOffice Writer). Reports build one of
/// these; they never format HTML or Word markup themselves, so both formats say the same thing.
public struct Document: Sendable {
  /// The document's title for window and file metadata.
  public var title: String
  public var language: Language
  /// The official frame: issuer, national heading, number, place and date.
  public var frame: Frame
  /// The content between the frame and the signatures.
  public var body: [Block]
  /// Signatures and recipients; nil for a document that is not signed on its own.
  public var closing: Closing?
  /// Further documents printed after this one, each starting on a new page with its own frame.
  public var followers: [Document] = []

  /// Where the body's ending starts: the blocks from there on are printed on the same page as
  /// the signatures, so a signature block never stands alone on the last page. The ending is
  /// the last section (from its heading) when it is all running text, otherwise the running
  /// text after the last table; empty when the body ends with a table.
  var endingStart: Int {
    var start = body.count
    while start > 0, body[start - 1].isText, body.count - (start - 1) <= 4 {
      start -= 1
      if case .heading = body[start] { break }
    }
    return start
  }

  public init(title: String, language: Language, frame: Frame, body: [Block], closing: Closing?) {
    self.title = title
    self.language = language
    self.frame = frame
    self.body = body
    self.closing = closing
  }
}

/// The top of an administrative document (Decree 30/2020/NĐ-CP, Appendix I): the issuing body at
/// the left with its number, the national heading and motto at the right with the place and date.
public struct Frame: Sendable, Equatable {
  /// The issuing body, one line per level (the parent body first when there is one).
  public var issuer: [String]
  /// The full number line ("Số: 12/BC-UBND"), or nil when the document carries none.
  public var number: String?
  /// The full place and date line ("Bằng Mạc, ngày 05 tháng 3 năm 2025").
  public var placeDate: String

  public init(issuer: [String], number: String?, placeDate: String) {
    self.issuer = issuer
    self.number = number
    self.placeDate = placeDate
  }
}

/// Signatures at the end of a document and who receives it.
public struct Closing: Sendable, Equatable {
  /// Signature blocks from left to right.
  public var signers: [Signer]
  /// The "Nơi nhận" lines (each without its leading dash); empty for none.
  public var recipients: [String]

  public init(signers: [Signer], recipients: [String]) {
    self.signers = signers
    self.recipients = recipients
  }
}

/// One signature block: the capacity lines in bold ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), the hint
/// in italics ("(Ký, ghi rõ họ tên)") and the signer's name, or a blank for it.
public struct Signer: Sendable, Equatable {
  public var capacity: [String]
  public var hint: String
  public var name: String?

  public init(capacity: [String], hint: String, name: String?) {
    self.capacity = capacity
    self.hint = hint
    self.name = name
  }
}

/// One piece of a document's body.
public enum Block: Sendable {
  /// Whether the block is a short piece of running text that may travel to the next page with
  /// the signatures (a table, a box or a chart does not).
  var isText: Bool {
    switch self {
    case .title, .subtitle, .heading, .paragraph, .note, .fingerprint, .fillIn, .list: true
    case .table, .box, .chart, .pageBreak: false
    }
  }

  /// The document's name: bold, centred, capitals.
  case title(String)
  /// A centred line under the title (the year, the legal basis, "Kèm theo Quyết định …").
  case subtitle(String, italic: Bool)
  /// A numbered section heading.
  case heading(String)
  /// A paragraph of running text.
  case paragraph(String)
  /// A small note (legends, explanations of marks).
  case note(String)
  /// A long code that must be read and copied exactly (a file's SHA-256): on its own line,
  /// left-aligned in a fixed-width font, never stretched by justification.
  case fingerprint(String)
  /// Lines left for people to write on, after an optional label.
  case fillIn(String, lines: Int)
  /// A bulleted or numbered list.
  case list([String], ordered: Bool)
  case table(Table)
  /// A boxed group (the verdict) with HTML attributes that tests and scripts read.
  case box(className: String, attributes: [Attribute], [Block])
  /// A bar chart (drawn in HTML; Word files carry the same figures in tables already).
  case chart(Chart)
  /// The next block starts on a new page.
  case pageBreak
}

/// An HTML attribute (`data-…`) carried for machines; Word files ignore it.
public struct Attribute: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// A table: columns with relative widths, rows grouped (a group is kept on one page when asked).
public struct Table: Sendable {
  public struct Column: Sendable {
    public var title: String
    /// Relative width in percent of the text width.
    public var width: Int
    public var numeric: Bool

    public init(_ title: String, width: Int, numeric: Bool = false) {
      self.title = title
      self.width = width
      self.numeric = numeric
    }
  }

  /// How a row looks.
  public enum RowStyle: Sendable, Equatable {
    case normal
    /// A group's heading row (a province, a criterion): bold.
    case group
    /// A sub-group's heading row (a district): bold italic.
    case subgroup
    /// A subtotal or total row: bold.
    case total
    /// A row to catch the eye (a criterion at 0).
    case alert
    /// A row still open (not verifiable).
    case open
  }

  public struct Cell: Sendable {
    public var text: String
    public var span: Int
    /// A discreet mark after the text (superscript).
    public var mark: String?

    public init(_ text: String, span: Int = 1, mark: String? = nil) {
      self.text = text
      self.span = span
      self.mark = mark
    }
  }

  public struct Row: Sendable {
    public var cells: [Cell]
    public var style: RowStyle
    public var attributes: [Attribute]

    public init(_ cells: [Cell], style: RowStyle = .normal, attributes: [Attribute] = []) {
      self.cells = cells
      self.style = style
      self.attributes = attributes
    }
  }

  public struct Group: Sendable {
    public var rows: [Row]
    /// Keep the group's rows on one page.
    public var together: Bool
    /// Rows made one at a time while the table is written, after `rows`: a long list (a
    /// certification list of a million communes) is never held whole as rows.
    public var streamed: (@Sendable (_ body: (Row) -> Void) -> Void)?

    public init(_ rows: [Row], together: Bool = false) {
      self.rows = rows
      self.together = together
    }

    /// A group whose rows `streamed` makes while the table is written.
    public init(streamed: @escaping @Sendable (_ body: (Row) -> Void) -> Void) {
      rows = []
      together = false
      self.streamed = streamed
    }

    /// Calls `body` with every row in order: `rows`, then the streamed ones.
    public func forEachRow(_ body: (Row) -> Void) {
      for row in rows { body(row) }
      streamed?(body)
    }
  }

  public var className: String
  public var columns: [Column]
  /// Whether the column titles form a header row (repeated on every page).
  public var header: Bool
  public var groups: [Group]
  public var footer: [Row]
  /// Rows on one line each, in a smaller type: long lists.
  public var compact: Bool

  public init(
    className: String, columns: [Column], header: Bool = true, groups: [Group],
    footer: [Row] = [], compact: Bool = false
  ) {
    self.className = className
    self.columns = columns
    self.header = header
    self.groups = groups
    self.footer = footer
    self.compact = compact
  }
}

/// A horizontal bar chart: one bar per item against its maximum.
public struct Chart: Sendable {
  public struct Bar: Sendable {
    public var label: String
    public var value: Int?
    public var maximum: Int
    public var title: String

    public init(label: String, value: Int?, maximum: Int, title: String) {
      self.label = label
      self.value = value
      self.maximum = maximum
      self.title = title
    }
  }

  public var bars: [Bar]
  public var caption: String
  /// Values are counts of communes rather than points.
  public var counts: Bool
  /// Units per point of points values (1 when whole), for their labels.
  public var pointScale: Int = 1

  public init(bars: [Bar], caption: String, counts: Bool, pointScale: Int = 1) {
    self.bars = bars
    self.caption = caption
    self.counts = counts
    self.pointScale = pointScale
  }
}
