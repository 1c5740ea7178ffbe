import CommuneReports
import CommuneScoring
import Foundation

/// A small spreadsheet: evaluates the formula subset the self-assessment workbook uses, with the
/// semantics Excel and LibreOffice share, so the formulas can be checked against the engine
/// without a spreadsheet program. Anything outside the subset, or a type error a spreadsheet
/// would show as #VALUE!, throws: a formula that strays is a failing test, not a guess.
struct FormulaEvaluator {
  enum Value: Equatable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case bool(Bool)
    case empty

    var description: String {
      switch self {
      case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
      case .text(let text): "\"\(text)\""
      case .bool(let value): value ? "TRUE" : "FALSE"
      case .empty: "(empty)"
      }
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let model: WorkbookModel
  /// Typed values, by sheet and cell (what a script fills in).
  var typed: [Int: [CellAddress: Value]] = [:]
  var cache: [Int: [CellAddress: Value]] = [:]
  /// Added to every INT result, to check that formulas using INT only as an estimate correct it.
  var intSkew: Double = 0

  /// Every formula, parsed once (copies of the evaluator share them).
  let parsed: [Int: [CellAddress: Expression]]

  init(_ model: WorkbookModel) throws {
    self.model = model
    var parsed: [Int: [CellAddress: Expression]] = [:]
    for (index, sheet) in model.sheets.enumerated() {
      for (address, cell) in sheet.cells {
        guard case .formula(let formula, _) = cell.content else { continue }
        var parser = Parser(formula)
        do {
          parsed[index, default: [:]][address] = try parser.parse()
        } catch {
          throw Failure(description: "\(sheet.name)!\(address.reference): \(error): \(formula)")
        }
      }
    }
    self.parsed = parsed
  }

  /// Types `value` into the cell a defined name points at.
  mutating func fill(_ name: String, _ value: Value) throws {
    guard let target = model.target(of: name) else { throw Failure(description: "no name \(name)") }
    typed[target.sheet, default: [:]][target.cell] = value
  }

  /// The value of the cell a defined name points at.
  mutating func value(of name: String) throws -> Value {
    guard let target = model.target(of: name) else { throw Failure(description: "no name \(name)") }
    return try value(sheet: target.sheet, target.cell)
  }

  mutating func value(sheet: Int, _ address: CellAddress) throws -> Value {
    if let typed = typed[sheet]?[address] { return typed }
    if let cached = cache[sheet]?[address] { return cached }
    guard let cell = model.sheets[sheet].cells[address] else { return .empty }
    let result: Value
    switch cell.content {
    case .empty: result = .empty
    case .text(let text): result = .text(text)
    case .number(let number): result = .number(Double(number))
    case .decimal(let text):
      guard let number = Double(text) else { throw Failure(description: "bad number \(text)") }
      result = .number(number)
    case .formula:
      guard let expression = parsed[sheet]?[address] else { throw Failure(description: "unparsed") }
      result = try evaluate(expression, sheet: sheet)
    }
    cache[sheet, default: [:]][address] = result
    return result
  }

  // MARK: - Syntax

  indirect enum Expression {
    case number(Double)
    case text(String)
    case reference(sheet: String?, CellAddress)
    case name(String)
    case call(String, [Expression])
    case binary(String, Expression, Expression)
    case negate(Expression)
  }

  struct Parser {
    let characters: [Character]
    var position = 0

    init(_ text: String) { characters = Array(text) }

    mutating func parse() throws -> Expression {
      let expression = try comparison()
      guard position == characters.count else {
        throw Failure(description: "unexpected '\(characters[position])' at \(position)")
      }
      return expression
    }

    var peek: Character? { position < characters.count ? characters[position] : nil }

    mutating func comparison() throws -> Expression {
      var left = try concatenation()
      while true {
        var op: String?
        for candidate in ["<=", ">=", "<>", "=", "<", ">"] where matches(candidate) {
          op = candidate
          break
        }
        guard let op else { return left }
        position += op.count
        left = .binary(op, left, try concatenation())
      }
    }

    func matches(_ text: String) -> Bool {
      let needed = Array(text)
      guard position + needed.count <= characters.count else { return false }
      return Array(characters[position..<position + needed.count]) == needed
    }

    mutating func concatenation() throws -> Expression {
      var left = try additive()
      while peek == "&" {
        position += 1
        left = .binary("&", left, try additive())
      }
      return left
    }

    mutating func additive() throws -> Expression {
      var left = try multiplicative()
      while let c = peek, c == "+" || c == "-" {
        position += 1
        left = .binary(String(c), left, try multiplicative())
      }
      return left
    }

    mutating func multiplicative() throws -> Expression {
      var left = try unary()
      while let c = peek, c == "*" || c == "/" {
        position += 1
        left = .binary(String(c), left, try unary())
      }
      return left
    }

    mutating func unary() throws -> Expression {
      if peek == "-" {
        position += 1
        return .negate(try unary())
      }
      return try primary()
    }

    mutating func primary() throws -> Expression {
      guard let c = peek else { throw Failure(description: "formula ends early") }
      if c == "(" {
        position += 1
        let inner = try comparison()
        try expect(")")
        return inner
      }
      if c == "\"" {
        position += 1
        var text = ""
        while true {
          guard let next = peek else { throw Failure(description: "unterminated text") }
          position += 1
          if next == "\"" {
            if peek == "\"" {
              text.append("\"")
              position += 1
            } else {
              break
            }
          } else {
            text.append(next)
          }
        }
        return .text(text)
      }
      if c.isNumber {
        var digits = ""
        while let d = peek, d.isNumber || d == "." {
          digits.append(d)
          position += 1
        }
        guard let value = Double(digits) else { throw Failure(description: "bad number \(digits)") }
        return .number(value)
      }
      var sheet: String?
      if c == "'" {
        position += 1
        var name = ""
        while true {
          guard let next = peek else { throw Failure(description: "unterminated sheet name") }
          position += 1
          if next == "'" {
            if peek == "'" {
              name.append("'")
              position += 1
            } else {
              break
            }
          } else {
            name.append(next)
          }
        }
        try expect("!")
        sheet = name
      }
      var word = ""
      while let d = peek, d.isLetter || d.isNumber || d == "_" || d == "$" || d == "." {
        word.append(d)
        position += 1
      }
      guard !word.isEmpty else { throw Failure(description: "unexpected '\(c)'") }
      if peek == "(" && sheet == nil {
        position += 1
        var arguments: [Expression] = []
        if peek != ")" {
          arguments.append(try comparison())
          while peek == "," {
            position += 1
            arguments.append(try comparison())
          }
        }
        try expect(")")
        return .call(word.uppercased(), arguments)
      }
      if word == "TRUE" { return .call("TRUE", []) }
      if word == "FALSE" { return .call("FALSE", []) }
      if let address = Self.address(word) { return .reference(sheet: sheet, address) }
      return .name(word)
    }

    mutating func expect(_ character: Character) throws {
      guard peek == character else {
        throw Failure(description: "expected '\(character)' at \(position)")
      }
      position += 1
    }

    /// `B7`, `$B$7` → the cell; nil for anything else (a defined name).
    static func address(_ word: String) -> CellAddress? {
      let plain = word.filter { $0 != "$" }
      let letters = plain.prefix { $0.isUppercase && $0.isASCII }
      let digits = plain.dropFirst(letters.count)
      guard (1...3).contains(letters.count), !digits.isEmpty,
        digits.allSatisfy({ $0.isASCII && $0.isNumber }),
        let row = Int(digits)
      else { return nil }
      var column = 0
      for letter in letters { column = column * 26 + Int(letter.asciiValue ?? 64) - 64 }
      return CellAddress(row - 1, column - 1)
    }
  }

  // MARK: - Semantics

  mutating func evaluate(_ expression: Expression, sheet: Int) throws -> Value {
    switch expression {
    case .number(let value): return .number(value)
    case .text(let text): return .text(text)
    case .reference(let name, let address):
      let index =
        try name.map { name in
          guard let index = model.sheets.firstIndex(where: { $0.name == name }) else {
            throw Failure(description: "no sheet \(name)")
          }
          return index
        } ?? sheet
      return try value(sheet: index, address)
    case .name(let name):
      guard let target = model.target(of: name) else {
        throw Failure(description: "no name \(name)")
      }
      return try value(sheet: target.sheet, target.cell)
    case .negate(let inner): return .number(-(try number(try evaluate(inner, sheet: sheet))))
    case .binary(let op, let left, let right):
      let a = try evaluate(left, sheet: sheet)
      let b = try evaluate(right, sheet: sheet)
      switch op {
      case "&": return .text(text(a) + text(b))
      case "+": return .number(try number(a) + number(b))
      case "-": return .number(try number(a) - number(b))
      case "*": return .number(try number(a) * number(b))
      // Only the point scale and the estimate of a step count divide (rates never do: the
      // shipped rulebook's formulas are checked for it); IEEE division, as spreadsheets do.
      case "/":
        let divisor = try number(b)
        guard divisor != 0 else { throw Failure(description: "#DIV/0!") }
        return .number(try number(a) / divisor)
      default: return .bool(compare(a, b, op))
      }
    case .call(let function, let arguments):
      return try call(function, arguments, sheet: sheet)
    }
  }

  mutating func call(_ function: String, _ arguments: [Expression], sheet: Int) throws -> Value {
    switch function {
    case "TRUE": return .bool(true)
    case "FALSE": return .bool(false)
    case "IF":
      guard (2...3).contains(arguments.count) else { throw Failure(description: "IF arity") }
      if try truth(try evaluate(arguments[0], sheet: sheet)) {
        return try evaluate(arguments[1], sheet: sheet)
      }
      return arguments.count == 3 ? try evaluate(arguments[2], sheet: sheet) : .bool(false)
    default: break
    }
    var values: [Value] = []
    for argument in arguments { values.append(try evaluate(argument, sheet: sheet)) }
    switch function {
    case "AND": return .bool(try values.allSatisfy { try truth($0) })
    case "OR": return .bool(try values.contains { try truth($0) })
    case "NOT": return .bool(!(try truth(try single(values))))
    case "ISNUMBER":
      if case .number = try single(values) { return .bool(true) }
      return .bool(false)
    case "N":
      if case .number(let value) = try single(values) { return .number(value) }
      return .number(0)
    // LibreOffice's INT first rounds to 15 significant digits (`rtl::math::approxFloor`), so a
    // quotient a hair below a whole number comes out as that number; Excel floors exactly. The
    // harsher of the two is evaluated here: formulas must not depend on which.
    case "INT":
      let value = try number(try single(values))
      guard value != 0, value.isFinite else { return .number(value) }
      let digits = 15 - Int((log10(abs(value))).rounded(.down)) - 1
      let factor = pow(10, Double(max(min(digits, 300), -300)))
      let approximate = digits > 0 ? (value * factor).rounded() / factor : value
      return .number(approximate.rounded(.down) + intSkew)
    case "MIN", "MAX":
      let numbers = try values.map { try number($0) }
      guard let first = numbers.first else { throw Failure(description: "\(function) arity") }
      return .number(
        numbers.dropFirst().reduce(first) { function == "MIN" ? min($0, $1) : max($0, $1) })
    case "ROUND":
      guard values.count == 2 else { throw Failure(description: "ROUND arity") }
      let factor = pow(10, try number(values[1]))
      return .number((try number(values[0]) * factor).rounded(.toNearestOrAwayFromZero) / factor)
    case "SUM":
      return .number(
        values.reduce(0) {
          if case .number(let value) = $1 { return $0 + value }
          return $0
        })
    // TEXT with a format of zeros only (`"000"`): a whole number padded, as the minimums'
    // sentences write points; any other format is outside the subset.
    case "TEXT":
      guard values.count == 2, case .text(let format) = values[1], !format.isEmpty,
        format.allSatisfy({ $0 == "0" })
      else { throw Failure(description: "TEXT only with a format of zeros") }
      let value = try number(values[0])
      guard value >= 0, value == value.rounded() else {
        throw Failure(description: "TEXT of \(value): only whole numbers ≥ 0 in the subset")
      }
      let digits = String(Int(value))
      return .text(String(repeating: "0", count: max(0, format.count - digits.count)) + digits)
    case "MOD":
      guard values.count == 2 else { throw Failure(description: "MOD arity") }
      let (a, b) = (try number(values[0]), try number(values[1]))
      return .number(a - b * (a / b).rounded(.down))
    case "MID":
      guard values.count == 3 else { throw Failure(description: "MID arity") }
      let characters = Array(text(values[0]))
      let start = Int(try number(values[1])) - 1
      let length = Int(try number(values[2]))
      guard start >= 0, length >= 0 else { throw Failure(description: "#VALUE!: MID") }
      guard start < characters.count else { return .text("") }
      return .text(String(characters[start..<min(characters.count, start + length)]))
    case "COUNT":
      return .number(
        Double(
          values.filter {
            if case .number = $0 { return true }
            return false
          }.count))
    default: throw Failure(description: "function \(function) is outside the subset")
    }
  }

  func single(_ values: [Value]) throws -> Value {
    guard values.count == 1 else { throw Failure(description: "expected one argument") }
    return values[0]
  }

  func truth(_ value: Value) throws -> Bool {
    switch value {
    case .bool(let value): return value
    case .number(let value): return value != 0
    case .empty: return false
    case .text(let text):
      throw Failure(description: "#VALUE!: text \"\(text)\" used as a condition")
    }
  }

  func number(_ value: Value) throws -> Double {
    switch value {
    case .number(let value): return value
    case .empty: return 0
    case .bool(let value): return value ? 1 : 0
    case .text(let text): throw Failure(description: "#VALUE!: text \"\(text)\" used as a number")
    }
  }

  func text(_ value: Value) -> String {
    switch value {
    case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
    case .text(let text): text
    case .bool(let value): value ? "TRUE" : "FALSE"
    case .empty: ""
    }
  }

  /// Comparison as Excel does it: numbers with numbers, texts with texts ignoring case, an empty
  /// cell as 0 or "", and any text greater than any number.
  func compare(_ a: Value, _ b: Value, _ op: String) -> Bool {
    let order: Int
    switch (a, b) {
    case (.empty, .empty): order = 0
    case (.number(let x), .number(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
    case (.empty, .number(let y)): order = 0 < y ? -1 : (0 > y ? 1 : 0)
    case (.number(let x), .empty): order = x < 0 ? -1 : (x > 0 ? 1 : 0)
    case (.text(let x), .text(let y)): order = Self.textOrder(x, y)
    case (.empty, .text(let y)): order = Self.textOrder("", y)
    case (.text(let x), .empty): order = Self.textOrder(x, "")
    case (.number, .text): order = -1
    case (.text, .number): order = 1
    case (.bool(let x), .bool(let y)): order = x == y ? 0 : (x ? 1 : -1)
    case (.bool, _): order = 1
    case (_, .bool): order = -1
    }
    switch op {
    case "=": return order == 0
    case "<>": return order != 0
    case "<": return order < 0
    case ">": return order > 0
    case "<=": return order <= 0
    default: return order >= 0
    }
  }

  static func textOrder(_ x: String, _ y: String) -> Int {
    let a = x.lowercased()
    let b = y.lowercased()
    return a < b ? -1 : (a > b ? 1 : 0)
  }
}
