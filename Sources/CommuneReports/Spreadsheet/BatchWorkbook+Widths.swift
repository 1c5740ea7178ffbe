/// Column widths of the council's workbook fitted to what is written in them.
///
/// The list is streamed, and a sheet's column widths come before its rows, so the list's widths
/// are measured from a bounded sample: the first `sampleSize` communes listed are held back
/// (their formatted rows, a few hundred kilobytes at most), the longest name, district and
/// province among them set the widths, then they and every later row are written as they come.
/// A longer name further down is not measured: its cell wraps rather than widening the column.
/// Widths are capped so that one very long name cannot push the other columns off the page.
struct ColumnFit {
  /// How many communes are measured before the list starts.
  static let sampleSize = 1000

  var started = false
  /// The formatted rows held back until the widths are known.
  var sample: [[UInt8]] = []
  var code = 0
  var name = 0
  var district = 0
  var province = 0

  /// Notes the lengths (in characters) of a commune's texts.
  mutating func measure(_ entry: BatchEntry) {
    measure(
      code: entry.code, name: entry.name, district: entry.district ?? "",
      province: entry.province)
  }

  /// The same, given the texts.
  mutating func measure(code: String, name: String, district: String, province: String) {
    self.code = max(self.code, code.count)
    self.name = max(self.name, name.count)
    self.district = max(self.district, district.count)
    self.province = max(self.province, province.count)
  }

  /// A width in characters for texts of `longest` characters: never narrower than the column's
  /// default (its heading), at most `cap`.
  static func width(_ longest: Int, default base: Double, cap: Double) -> Double {
    // Times New Roman letters are narrower than the width unit (a digit of the default font);
    // a little room on each side.
    min(cap, max(base, (Double(longest) * 0.95 + 2).rounded(.up)))
  }

  /// Widens (or narrows, down to the heading's width) the code, name, district and province
  /// columns of the list.
  func apply(to columns: inout [(String, Double)]) {
    guard columns.count > 4 else { return }
    columns[1].1 = Self.width(code, default: 9, cap: 16)
    columns[2].1 = Self.width(name, default: 14, cap: 48)
    columns[3].1 = Self.width(district, default: 12, cap: 36)
    columns[4].1 = Self.width(province, default: 10, cap: 28)
  }
}

extension BatchWorkbook {
  /// The summary sheet's first column: wide enough for every category and every "district,
  /// province" line, all known when the summary is written (capped).
  var summaryWidth: Double {
    let lines =
      byDistrict.keys.map { "\($0.district), \($0.province)".count }
      + [t("Theo huyện (tỉnh)", "By district (province)").count]
    return max(categoryWidth, ColumnFit.width(lines.max() ?? 0, default: 12, cap: 60))
  }
}
