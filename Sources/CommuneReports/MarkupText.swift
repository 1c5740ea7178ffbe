/// Text made safe to put inside XML and HTML: the ONE escaping function every markup writer uses
/// (HTML reports, the xlsx and docx writers), so a name pasted from a word processor can never
/// make a file that a spreadsheet program or browser refuses or silently truncates.
///
/// Two things happen, in one pass over the Unicode scalars:
/// - characters XML 1.0 forbids anywhere in a document (C0 controls other than tab, line feed and
///   carriage return; U+FFFE, U+FFFF) and the C1 controls and DEL (allowed by XML but errors in
///   HTML, and invisible) are **removed**: they carry no meaning in a name or a reason, and one of
///   them makes Excel drop the row and every row after it. Those that separate words (vertical
///   tab, form feed, U+001C–U+001F, U+0085) become a space, so "Xã⟨VT⟩Bằng" reads "Xã Bằng";
/// - the five markup characters `&`, `<`, `>`, `"`, `'` become entity references, so the result is
///   valid both as element text and as an attribute value in double or single quotes.
/// A carriage return is written as `&#13;`, because XML parsers otherwise turn it into a line feed
/// (in element text) or a space (in attributes).
public enum MarkupText {
  /// `text` escaped for element content and attribute values of XML 1.0 and HTML, with the
  /// characters those formats cannot hold removed. Valid UTF-8 text in, valid markup text out.
  public static func escape(_ text: String) -> String {
    // Fast path: nothing to change (the common case for names and labels).
    if !text.unicodeScalars.contains(where: needsWork) { return text }
    var out = String.UnicodeScalarView()
    // A separating control (vertical tab, form feed…) stood between two words: it becomes one
    // space, unless a space is already there.
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if isSeparator(scalar) {
        pendingSpace = true
        continue
      }
      if isForbidden(scalar) { continue }
      if pendingSpace {
        pendingSpace = false
        if let last = out.last, !last.properties.isWhitespace, !scalar.properties.isWhitespace {
          out.append(" ")
        }
      }
      switch scalar {
      case "&": out.append(contentsOf: "&amp;".unicodeScalars)
      case "<": out.append(contentsOf: "&lt;".unicodeScalars)
      case ">": out.append(contentsOf: "&gt;".unicodeScalars)
      case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
      case "'": out.append(contentsOf: "&#39;".unicodeScalars)
      case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  /// The forbidden controls that separate words where they are found (vertical tab, form feed,
  /// the information separators U+001C–U+001F, next line U+0085): `escape` turns them into a
  /// space rather than joining the words around them.
  public static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0B, 0x0C, 0x1C...0x1F, 0x85: return true
    default: return false
    }
  }

  /// True for the scalars `escape` removes: those XML 1.0 forbids, and the C1 controls and DEL.
  public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: return false
    case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }

  static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "&", "<", ">", "\"", "'", "\r": return true
    default: return isForbidden(scalar)
    }
  }
}
