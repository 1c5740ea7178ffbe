/// What is wrong with a rulebook (or a rule test file), as data: which mistake and the names and
/// numbers involved, worded in Vietnamese or English only when shown.
///
/// Every mistake the decoder and `RulebookValidator` can find is one `ID`, with its wording in
/// both languages in `ID.wording` (`$0`, `$1` … stand for the arguments). A test checks that
/// every `ID` has a Vietnamese wording of its own with the same arguments, so a new mistake
/// cannot be added in English only.
public struct RulebookMessage: Sendable, Equatable, CustomStringConvertible {
  /// A name or number quoted in a message (the same in both languages), or a word that is
  /// translated ("the rate" / "tỷ lệ").
  public enum Argument: Sendable, Equatable, ExpressibleByStringInterpolation {
    case text(String)
    case words(LocalizedText)

    /// A quoted name or number.
    public init(stringLiteral value: String) { self = .text(value) }

    /// The argument in `language`.
    public func text(_ language: Language) -> String {
      switch self {
      case .text(let text): text
      case .words(let words): words.text(language)
      }
    }
  }

  /// The mistake.
  public var id: ID
  /// The names and numbers its wording quotes, in order (`$0`, `$1` …).
  public var arguments: [Argument]

  /// A message `id` quoting `arguments`.
  public init(_ id: ID, _ arguments: Argument...) {
    self.id = id
    self.arguments = arguments
  }

  /// The message in `language`.
  public func text(_ language: Language) -> String {
    var text = id.wording.text(language)
    // From the last argument down, so that `$1` does not eat the start of `$10`.
    for (index, argument) in arguments.enumerated().reversed() {
      text = text.replacing("$\(index)", with: argument.text(language))
    }
    return text
  }

  /// The message in English.
  public var description: String { text(.en) }

  /// " (did you mean 'x'?)" after an unknown name, or nothing.
  public static func hint(_ suggestion: String?) -> Argument {
    guard let suggestion else { return "" }
    return .words(
      LocalizedText(
        vi: " (có phải ý bạn là '\(suggestion)'?)", en: " (did you mean '\(suggestion)'?)"))
  }

  /// A word in both languages, as an argument.
  public static func words(_ vi: String, _ en: String) -> Argument {
    .words(LocalizedText(vi: vi, en: en))
  }
}

extension DecodeIssue {
  /// The issue in `language`, its JSON path kept as written (`criteria[2].indicators[0]`).
  public func text(_ language: Language) -> String {
    let vi = language == .vi
    switch problem {
    case .syntax(let error):
      return
        (vi ? "JSON không hợp lệ ở dòng \(error.line), cột \(error.column): " : "invalid JSON at ")
        + (vi ? JSONSyntaxWording.vietnamese(error.message) : error.description)
    case .missingKey(let key):
      return vi
        ? "tại \(path): thiếu khóa bắt buộc '\(key)'" : "at \(path): missing required key '\(key)'"
    case .unknownKey(let key, let suggestion):
      return (vi ? "tại \(path): khóa không hợp lệ '\(key)'" : "at \(path): unknown key '\(key)'")
        + RulebookMessage.hint(suggestion).text(language)
    case .wrongType(let expected, let found):
      guard vi else { return "at \(path): expected \(expected), found \(found)" }
      return
        "tại \(path): cần \(JSONSyntaxWording.kind(expected)), nhưng gặp \(JSONSyntaxWording.kind(found))"
    case .invalid(let message):
      return (vi ? "tại \(path): " : "at \(path): ") + message.text(language)
    }
  }
}

extension Diagnostic {
  /// The finding in `language`: its place (the JSON path as written) and the message.
  public func text(_ language: Language) -> String {
    (language == .vi ? "tại \(path): " : "at \(path): ") + content.text(language)
  }
}

extension RulebookError {
  /// Every problem, one per line, in `language` (errors only, as `description`).
  public func lines(_ language: Language) -> [String] {
    switch self {
    case .decode(let issue): return [issue.text(language)]
    case .invalid(let diagnostics):
      return diagnostics.filter { $0.severity == .error }.map { $0.text(language) }
    }
  }
}

/// The words of JSON's own vocabulary in Vietnamese: the kinds of value a decoder expects or
/// finds, and the JSON parser's syntax messages.
public enum JSONSyntaxWording {
  /// A kind of value ("an object", "a string" …) in Vietnamese; anything else as written.
  public static func kind(_ english: String) -> String {
    switch english {
    case "true or false": "true hoặc false"
    case "a boolean": "giá trị true/false"
    case "a whole number", "an integer": "số nguyên"
    case "a number": "số"
    case "a decimal number": "số thập phân"
    case "a string": "chuỗi ký tự"
    case "an object": "đối tượng JSON"
    case "an array": "mảng JSON"
    case "null": "null"
    case "points (a number)": "số điểm (một số)"
    case "points or \"not_verifiable\"": "số điểm hoặc \"not_verifiable\""
    case "an object of category → points": "đối tượng loại xã → số điểm"
    case "a note in both languages, {\"vi\": …, \"en\": …}":
      "ghi chú bằng hai thứ tiếng, {\"vi\": …, \"en\": …}"
    default: english
    }
  }

  /// A syntax message of the JSON parser in Vietnamese, by its opening and closing words; the
  /// names it quotes are kept. A message not listed stays in English.
  public static func vietnamese(_ message: String) -> String {
    for wording in syntax
    where message.hasPrefix(wording.prefix) && message.hasSuffix(wording.suffix)
      && message.count >= wording.prefix.count + wording.suffix.count
    {
      let middle = message.dropFirst(wording.prefix.count).dropLast(wording.suffix.count)
      return wording.vi.prefix + middle + wording.vi.suffix
    }
    return message
  }

  /// The parser's messages: the English opening and closing words around what it quotes, and
  /// the Vietnamese ones; the first that fits is used, so a longer opening comes first.
  static let syntax: [(prefix: String, suffix: String, vi: (prefix: String, suffix: String))] = [
    (
      "unexpected text after the end of the JSON value", "",
      ("còn chữ sau khi giá trị JSON đã kết thúc", "")
    ),
    (
      "unexpected end of input, expected a value", "",
      ("tệp kết thúc đột ngột, cần một giá trị", "")
    ),
    (
      "unexpected end of input inside an object", "",
      ("tệp kết thúc khi một đối tượng chưa đóng", "")
    ),
    ("unexpected end of input inside an array", "", ("tệp kết thúc khi một mảng chưa đóng", "")),
    ("nesting is deeper than ", " levels", ("độ lồng nhau vượt quá ", " mức")),
    ("unexpected character ", ", expected a value", ("ký tự không mong đợi ", ", cần một giá trị")),
    ("invalid literal, expected ", "", ("giá trị không hợp lệ, cần ", "")),
    ("expected a quoted key", "", ("cần một khóa trong ngoặc kép", "")),
    ("duplicate key ", "", ("khóa bị lặp ", "")),
    ("expected ':' after key ", "", ("cần dấu ':' sau khóa ", "")),
    ("expected ',' or '}' in an object", "", ("cần dấu ',' hoặc '}' trong đối tượng", "")),
    ("expected ',' or ']' in an array", "", ("cần dấu ',' hoặc ']' trong mảng", "")),
    (
      "invalid number: leading zeros are not allowed", "",
      ("số không hợp lệ: không được có số 0 ở đầu", "")
    ),
    ("invalid number", "", ("số không hợp lệ", "")),
    ("unterminated string", "", ("chuỗi chưa có dấu ngoặc kép đóng", "")),
    ("string is not valid UTF-8", "", ("chuỗi không phải UTF-8 hợp lệ", "")),
    ("unpaired surrogate in \\u escape", "", ("mã \\u thiếu nửa cặp thay thế (surrogate)", "")),
    ("invalid \\u escape", "", ("mã \\u không hợp lệ", "")),
    ("invalid escape ", " in string", ("ký tự thoát không hợp lệ ", " trong chuỗi")),
    (
      "control character in string (escape it)", "",
      ("ký tự điều khiển trong chuỗi (hãy viết ở dạng thoát)", "")
    ),
  ]
}
