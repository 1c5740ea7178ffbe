import CommuneScoring

/// A workbook as cells, names and sheet settings: what `OOXMLPackage` writes and what tests
/// evaluate without a spreadsheet program.
public struct WorkbookModel: Sendable {
  /// The sheets, in tab order.
  public var sheets: [SheetModel]
  /// Defined names, each pointing at one cell or range of a sheet.
  public var names: [DefinedName]
  /// Numbers in result cells shown with a decimal comma (`0,25`) whatever the spreadsheet
  /// program's own language, where the program honours a format's language (LibreOffice does;
  /// Excel takes the separator from the computer's settings).
  public var decimalComma = false

  /// The sheet and cell a defined name points at.
  public func target(of name: String) -> (sheet: Int, cell: CellAddress)? {
    guard let found = names.first(where: { $0.name == name }) else { return nil }
    return (found.sheet, found.from)
  }
}

/// A cell position, 0-based.
public struct CellAddress: Sendable, Hashable, Comparable {
  public var row: Int
  public var column: Int

  /// The cell at `row`, `column` (both 0-based).
  public init(_ row: Int, _ column: Int) {
    self.row = row
    self.column = column
  }

  /// `B7`.
  public var reference: String { XLSXWriter.column(column) + String(row + 1) }
  /// `$B$7`.
  public var absolute: String { "$" + XLSXWriter.column(column) + "$" + String(row + 1) }

  public static func < (a: CellAddress, b: CellAddress) -> Bool {
    (a.row, a.column) < (b.row, b.column)
  }
}

/// A name scripts and formulas use for a cell (`cfc_births`) or a range.
public struct DefinedName: Sendable, Equatable {
  public var name: String
  public var sheet: Int
  public var from: CellAddress
  public var to: CellAddress?
  /// Set for names that only exist on one sheet (`_xlnm.Print_Titles`).
  public var local: Bool = false
}

/// A value the engine expects a formula to show, written as the cell's cached result.
public enum CachedResult: Sendable, Equatable {
  case number(Int)
  /// A decimal number as a formula or cell writes it (`0.25`): points of a rulebook that counts
  /// in fractions of a point.
  case decimal(String)
  case text(String)

  /// `units` of a point scale: a whole number when it is one, else its exact decimal.
  public static func points(_ units: Int, scale: Int) -> CachedResult {
    units % scale == 0 ? .number(units / scale) : .decimal(PointScale.text(units, scale: scale))
  }
}

/// The look of a cell; each case is one entry of the workbook's style sheet.
public enum CellStyle: Int, Sendable, CaseIterable {
  case plain = 0
  case title
  case subtitle
  case header
  case label
  case labelBold
  case inputText
  case inputNumber
  case number
  case result
  case resultBold
  case note
  case section
  case verdict
  case italicCenter
  case boldCenter
}

/// One cell: a text, a number or a formula (with the result the engine expects as its cache).
public struct CellModel: Sendable {
  public enum Content: Sendable {
    case empty
    case text(String)
    case number(Int)
    /// A decimal number, written as in a formula (`38.5`).
    case decimal(String)
    case formula(String, cached: CachedResult)

    /// `units` of a point scale, as a whole or decimal number.
    public static func points(_ units: Int, scale: Int) -> Content {
      units % scale == 0 ? .number(units / scale) : .decimal(PointScale.text(units, scale: scale))
    }
  }

  public var content: Content
  public var style: CellStyle
}

/// What may be typed in an input cell.
public struct Validation: Sendable {
  public enum Rule: Sendable {
    /// One of these words (written inline; none may hold a comma).
    case words([String])
    /// One of the texts in a named range.
    case namedList(String)
    /// A whole number within the range.
    case whole(ClosedRange<Int>)
    /// A custom formula that must be TRUE.
    case custom(String)
  }

  public var cell: CellAddress
  public var rule: Rule
  /// The message shown when a value is refused.
  public var title: String
  public var message: String
  /// The hint shown while the cell is selected.
  public var prompt: String
}

/// One sheet.
public struct SheetModel: Sendable {
  public var name: String
  public var cells: [CellAddress: CellModel] = [:]
  /// Column widths in characters, by column.
  public var widths: [Double] = []
  public var hiddenColumns: Set<Int> = []
  /// Row heights in points, for rows that need more than one line.
  public var heights: [Int: Double] = [:]
  public var merges: [(CellAddress, CellAddress)] = []
  public var validations: [Validation] = []
  /// Rows repeated at the top of every printed page.
  public var printTitles: ClosedRange<Int>?
  /// Rows frozen at the top of the window.
  public var frozenRows: Int = 0
  /// Printed on one A4 page (scaled down if need be) rather than one page wide.
  public var onePage = false

  /// An empty sheet.
  public init(name: String) { self.name = name }

  /// Sets a cell.
  public mutating func set(
    _ row: Int, _ column: Int, _ content: CellModel.Content, _ style: CellStyle
  ) {
    cells[CellAddress(row, column)] = CellModel(content: content, style: style)
  }

  /// Sets a text cell spanning columns `from`…`to` of `row`.
  public mutating func merged(
    _ row: Int, _ from: Int, _ to: Int, _ content: CellModel.Content, _ style: CellStyle
  ) {
    set(row, from, content, style)
    for column in (from + 1)...to where cells[CellAddress(row, column)] == nil {
      set(row, column, .empty, style)
    }
    merges.append((CellAddress(row, from), CellAddress(row, to)))
  }

  /// The sheet's name as formulas quote it: `'Chấm điểm'`.
  public var quotedName: String { "'" + name.replacing("'", with: "''") + "'" }
}

extension SheetModel {
  /// Gives every row that wraps text the height its longest text needs, since spreadsheet
  /// programs do not grow rows of a file they open: without it long labels overlap when printed.
  public mutating func fitRowHeights() {
    var spans: [CellAddress: Double] = [:]
    for (from, to) in merges where from.row == to.row {
      spans[from] = (from.column...to.column).reduce(0) { $0 + width($1) }
    }
    var needed: [Int: Double] = [:]
    for (address, cell) in cells {
      let text: String
      switch cell.content {
      case .text(let value): text = value
      case .formula(_, .text(let value)): text = value
      default: continue
      }
      let small = cell.style == .note
      let available = (spans[address] ?? width(address.column)) * (small ? 1.25 : 1.05)
      guard available > 0 else { continue }
      var count = 0
      for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        count += max(1, Int((Double(paragraph.count) / available).rounded(.up)))
      }
      let height = Double(count) * (small ? 13 : 16) + 3
      needed[address.row] = max(needed[address.row] ?? 0, height)
    }
    for (row, height) in needed where heights[row] == nil && height > 19 {
      heights[row] = height
    }
  }

  func width(_ column: Int) -> Double {
    column < widths.count && !hiddenColumns.contains(column) ? widths[column] : 0
  }
}
