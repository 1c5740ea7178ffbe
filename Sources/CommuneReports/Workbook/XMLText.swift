/// Text made safe for an XML part of a workbook.
enum XMLText {
  /// `text` with &, <, >, " escaped and the characters XML 1.0 cannot hold (control characters
  /// other than tab, line feed and carriage return; U+FFFE, U+FFFF) left out, so no typed or
  /// rulebook text can make a workbook that spreadsheet programs refuse to open.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
