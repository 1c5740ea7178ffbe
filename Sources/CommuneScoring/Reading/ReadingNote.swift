/// The character encodings a batch or review file can arrive in.
public enum TextEncoding: String, Sendable, Equatable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  /// The legacy Vietnamese Windows code page.
  case windows1258 = "windows-1258"

  /// The encoding a user names (`--encoding cp1258`), in any of its usual spellings.
  public init?(name: String) {
    let key = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
    switch key {
    case "utf8": self = .utf8
    case "utf16le", "utf16": self = .utf16LE
    case "utf16be": self = .utf16BE
    case "windows1258", "cp1258", "win1258", "1258": self = .windows1258
    default: return nil
    }
  }
}

/// Something worth telling the user about how a file was read; not an error.
public struct ReadingNote: Sendable, Equatable {
  /// What happened.
  public enum Kind: Sendable, Equatable {
    /// The file was not UTF-8 and was read in this encoding, detected (not named by the user).
    case encodingAssumed(TextEncoding)
    /// Rows above the header (titles) were skipped.
    case skippedBeforeHeader(lines: Int)
    /// A commune code that a spreadsheet shortened (leading zeros lost) was restored.
    case codeRestored(from: String, to: String)
  }

  /// The line the note is about, when it is about one.
  public var line: Int?
  public var kind: Kind

  public init(line: Int?, _ kind: Kind) {
    self.line = line
    self.kind = kind
  }
}

/// Why the record splitter found a record broken (before any cell is decoded).
public enum RecordProblem: Sendable, Equatable {
  /// A quoted field opened on this line runs past its line and never makes a valid record; the
  /// lines it would swallow are read again as their own records.
  case unclosedQuote
  /// A `"` in the middle of a field that does not start with one.
  case quoteInsideField
  /// Text right after a closing quote, before the next separator.
  case textAfterQuote
  /// JSON batch: a record is not valid JSON where the structure breaks (`message` says how).
  case jsonStructure(String)
  /// JSON batch: the record breaks on `line`: `found` where `expected` belongs.
  case jsonUnexpected(found: String, expected: JSONExpectation, line: Int)
  /// JSON batch: two records without a `,` between them.
  case missingComma
  /// JSON batch: text after the closing `]`.
  case textAfterArray
  /// JSON batch: the array is never closed with `]`.
  case arrayNotClosed
  /// JSON batch: the file does not start with `[`.
  case notAnArray
}

/// What the JSON grammar wanted where a record broke.
public enum JSONExpectation: Sendable, Equatable {
  /// A key in quotes.
  case key
  /// A key or the `}` closing the object.
  case keyOrEnd
  /// The `:` after a key.
  case colon
  /// A value.
  case value
  /// A `,` or the bracket closing the object or array.
  case commaOrEnd
  /// The `"` closing a text (JSON text cannot hold a raw line break).
  case stringEnd
  /// The rest of the record (the input ended inside it).
  case end
}
