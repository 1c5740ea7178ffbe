import CommuneReports
import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lays help text out for a terminal: wrapped to its width (80 columns when unknown), options in
/// a column with a gap before their description, usage groups kept whole.
enum HelpLayout {
  /// Width used when the terminal's is unknown (a pipe, a file, a test).
  static let defaultWidth = 80
  /// Help never gets narrower than this, however small the window, so it stays readable.
  static let minimumWidth = 40

  /// The width to lay help out for: `COLUMNS` if set, else the terminal's (ioctl), else 80.
  /// Only the real terminal is asked; captured output (tests) is 80 columns.
  static func width(for terminal: Terminal) -> Int {
    guard terminal is StandardTerminal else { return defaultWidth }
    // getenv, not ProcessInfo's environment: that copies every variable into a dictionary,
    // a measurable part of a short run's start-up.
    if let value = getenv("COLUMNS"), let columns = Int(String(cString: value)), columns > 0 {
      return max(minimumWidth, columns)
    }
    #if canImport(Glibc) || canImport(Darwin)
      var size = winsize()
      if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
        return max(minimumWidth, Int(size.ws_col))
      }
    #endif
    return defaultWidth
  }

  /// `text` wrapped at spaces to `width` columns (see `TextWrap`).
  static func wrap(_ text: String, width: Int, indent: Int = 0, firstIndent: Int? = nil)
    -> [String]
  {
    TextWrap.lines(text, width: width, indent: indent, firstIndent: firstIndent)
  }

  static func wrap(words: [String], width: Int, indent: Int, firstIndent: Int) -> [String] {
    TextWrap.lines(words: words, width: width, indent: indent, firstIndent: firstIndent)
  }

  /// A usage line split into groups ("[--format text|json]" stays whole) and wrapped so that
  /// continuation lines align after the command's name.
  static func usage(_ prefix: String, _ usage: String, width: Int) -> [String] {
    var groups: [String] = []
    var current = ""
    var depth = 0
    for character in usage {
      if character == " ", depth == 0 {
        if !current.isEmpty { groups.append(current) }
        current = ""
        continue
      }
      if character == "[" { depth += 1 }
      if character == "]" { depth = max(0, depth - 1) }
      current.append(character)
    }
    if !current.isEmpty { groups.append(current) }
    // "cfc batch FILE": continuation lines start under the first option.
    let head = groups.prefix { !$0.hasPrefix("[") && !$0.hasPrefix("-") && $0 != "|" }
    var indent = prefix.count + head.joined(separator: " ").count + 1
    // On a narrow terminal, a long group would not fit after the name: indent less.
    if indent + (groups.map(\.count).max() ?? 0) > width { indent = 4 }
    var lines = wrap(words: groups, width: width, indent: indent, firstIndent: 0)
    lines[0] = prefix + lines[0]
    // The prefix shifted the first line: re-wrap if it now runs over.
    if lines[0].count > width {
      lines = wrap(
        words: [prefix.trimmingSpaces] + groups, width: width,
        indent: indent, firstIndent: 0)
    }
    return lines
  }

  /// A shell command wrapped with backslash continuations.
  static func command(_ text: String, width: Int, indent: Int) -> [String] {
    var lines = wrap(text, width: width - 2, indent: indent + 4, firstIndent: indent)
    for index in lines.indices.dropLast() { lines[index] += " \\" }
    return lines
  }

  /// One option in the options column: its names at `indent`, its description from column
  /// `column` (on the next line when the names do not leave a two-space gap).
  static func option(_ names: String, _ description: String, width: Int, column: Int = 28)
    -> [String]
  {
    let indent = 2
    let column = min(column, width / 3)
    let head = String(repeating: " ", count: indent) + names
    let text = wrap(description, width: width, indent: column, firstIndent: column)
    if head.count + 2 <= column {
      var lines = text
      lines[0] = head + String(lines[0].dropFirst(head.count))
      return lines
    }
    return [head] + text
  }
}
