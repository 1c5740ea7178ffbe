/// How people name a batch's columns: the ids, in any case and with spaces around them, the
/// rulebook's own Vietnamese (and English) labels, and the usual Vietnamese headings of the
/// identity columns. A row-number column (`STT`, `TT`) is recognised to be ignored.
public struct ColumnNames: Sendable {
  /// Normalised name → column.
  let table: [String: CSVLayout.Column]
  /// Every canonical name, for "did you mean".
  let known: [String]

  /// The usual Vietnamese and English headings of the identity columns.
  static let identityAliases: [(CSVLayout.Column, [String])] = [
    (.code, ["code", "mã", "mã xã", "mã đơn vị", "mã đvhc", "ma xa", "commune code"]),
    (.name, ["name", "tên", "tên xã", "tên đơn vị", "ten xa", "commune"]),
    (.district, ["district", "huyện", "quận/huyện", "quận, huyện", "huyen"]),
    (.province, ["province", "tỉnh", "tỉnh/thành phố", "tỉnh, thành phố", "tinh"]),
    (.category, ["category", "loại", "loại xã", "phân loại", "loai xa"]),
    (.year, ["year", "năm", "năm đánh giá", "nam"]),
    (.note, ["note", "ghi chú", "ghi chu"]),
    (.ignored, ["stt", "tt", "số tt", "số thứ tự", "no.", "#"]),
  ]

  /// The names of `rulebook`'s columns.
  public init(rulebook: Rulebook) {
    var table: [String: CSVLayout.Column] = [:]
    for (column, names) in Self.identityAliases {
      for name in names { table[Self.key(name)] = column }
    }
    for field in rulebook.fields {
      for name in [field.label.vi, field.label.en, field.id] {
        table[Self.key(name)] = .field(field.index)
      }
    }
    self.table = table
    known = CSVLayout.identity.map(\.0) + rulebook.fields.map(\.id)
  }

  /// The column a header cell names, or nil.
  public func column(_ name: String) -> CSVLayout.Column? { table[Self.key(name)] }

  /// A header name as compared: NFC, lower case, surrounding and repeated spaces removed.
  static func key(_ name: String) -> String {
    var text = name
    if text.utf8.contains(where: { $0 >= 0x80 }) {
      text = text.composedNFC
    }
    let words = text.lowercased().split(whereSeparator: { $0.isWhitespace })
    return words.joined(separator: " ")
  }
}
