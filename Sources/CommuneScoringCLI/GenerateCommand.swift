import CommuneReports
import CommuneScoring

/// `cfc generate N`: synthetic but plausible communes, for benchmarks and trials.
enum GenerateCommand {
  static let seed = OptionSpec(
    names: ["--seed"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu; mặc định 2019)",
      en: "random seed (same seed, same data; default 2019)"))
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "csv|jsonl", allowed: ["csv", "jsonl"],
    help: LocalizedText(vi: "định dạng (mặc định: csv)", en: "format (default: csv)"))

  static let help = CommandHelp(
    usage: "cfc generate N [--seed N] [--format csv|jsonl] [--rulebook FILE] [-o FILE]",
    summary: LocalizedText(
      vi:
        "Sinh N xã giả lập (số liệu hợp lý nhưng không có thật) để đo hiệu năng và thử nghiệm. Giá trị lấy theo các trường của bộ tiêu chí; phần không bao giờ lớn hơn tổng.",
      en:
        "Generates N synthetic communes (plausible, not real) for benchmarks and trials. Values follow the rulebook's fields; a part never exceeds its whole."
    ),
    options: [seed, format, CommonOptions.rulebook, CommonOptions.output, CommonOptions.lang],
    examples: [
      "cfc generate 10000 -o communes-10k.csv",
      "cfc generate 1000 --format jsonl --seed 7 > communes.jsonl",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    // "-5" would read as an unknown option; it is a count below zero.
    for (index, argument) in arguments.enumerated()
    where argument.count > 1 && argument.hasPrefix("-") && Int(argument) != nil
      && (index == 0
        || !["--seed", "--format", "--rulebook", "-o", "--output", "--lang"].contains(
          arguments[index - 1]))
    {
      throw CLIError(
        .usage, vi: "số xã cần tạo không thể âm ('\(argument)'): cho một số từ 0 đến 100.000.000",
        en: "the number of communes cannot be negative ('\(argument)'): give 0 to 100,000,000",
        usage: help.usage)
    }
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard parsed.positionals.count == 1, let count = Int(parsed.positionals[0]), count >= 0,
      count <= 100_000_000
    else {
      throw CLIError(
        .usage, vi: "generate cần số xã, từ 0 đến 100.000.000",
        en: "generate needs a number of communes from 0 to 100,000,000",
        usage: help.usage)
    }
    var seedValue: UInt64 = 2019
    if let text = parsed.value("--seed") {
      guard let value = UInt64(text) else {
        throw CLIError(
          .usage, vi: "tùy chọn '--seed' cần một số nguyên, không phải '\(text)'",
          en: "option '--seed' needs a whole number, not '\(text)'",
          usage: help.usage)
      }
      seedValue = value
    }
    let rulebook = try RulebookSource.resolve(parsed)
    let sink = try ResultSink(terminal: terminal, path: parsed.value("-o"))
    var generator = SyntheticCommunes(rulebook: rulebook, seed: seedValue)
    let jsonl = parsed.value("--format") == "jsonl"
    if !jsonl {
      sink.write(CSVWriter.row(BatchCSV.identityColumns + rulebook.fields.map(\.id)) + "\r\n")
    }
    for index in 0..<count {
      sink.write(jsonl ? generator.jsonLine(index) : generator.csvRow(index))
      // A full disk stops a long run at once rather than after generating everything.
      if index % 4096 == 4095 { try sink.check() }
    }
    try sink.finish()
    return .success
  }
}

/// A deterministic generator of plausible communes: the same seed gives the same file on every
/// machine.
struct SyntheticCommunes {
  let rulebook: Rulebook
  var random: SplitMix64

  init(rulebook: Rulebook, seed: UInt64) {
    self.rulebook = rulebook
    random = SplitMix64(seed: seed)
  }

  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(random.next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

  static let provinces = [
    ("Lạng Sơn", ["Huyện Chi Lăng", "Huyện Hữu Lũng", "Huyện Cao Lộc"]),
    ("Thái Bình", ["Huyện Kiến Xương", "Huyện Tiền Hải", "Huyện Vũ Thư"]),
    ("Hà Nội", ["Quận Ba Đình", "Quận Hoàn Kiếm", "Huyện Sóc Sơn"]),
    ("Nam Định", ["Huyện Hải Hậu", "Huyện Giao Thủy"]),
    ("Hà Giang", ["Huyện Đồng Văn", "Huyện Mèo Vạc"]),
  ]
  static let names = [
    "Bằng Mạc", "Quang Lang", "Vũ Quý", "Hải Thịnh", "Đồng Mỏ", "Phúc Xá", "Tân Thành", "Hòa Bình",
    "Minh Khai", "Quyết Tiến",
  ]

  /// Plausible size of a whole, relative to the number of children.
  mutating func whole(_ id: String, children: Int) -> Int {
    switch id {
    case "children_total": return children
    case "births", "children_under1": return children * int(10...20) / 1000
    case "children_under5_measured": return children * int(250...330) / 1000
    case "children_health_check_eligible": return children * int(600...1000) / 1000
    case "children_age5": return children * int(55...75) / 1000
    case "children_primary_age": return children * int(280...340) / 1000
    case "children_lower_secondary_age": return children * int(200...260) / 1000
    case "special_circumstance_children": return children * int(5...40) / 1000
    case "serious_abuse_cases": return chance(90) ? 0 : int(1...2)
    case "survey_respondents": return int(30...200)
    default: return int(0...100)
    }
  }

  /// A part of `whole`: high coverage for what communes act on, rare events otherwise.
  mutating func part(_ field: FieldDeclaration, of whole: Int) -> Int {
    guard whole > 0 else { return 0 }
    switch field.id {
    case "children_under5_underweight": return whole * int(10...120) / 1000
    case "children_under5_stunted": return whole * int(60...240) / 1000
    case "survey_satisfied": return whole * int(600...1000) / 1000
    case "children_injured": return min(whole, whole * int(0...14) / 1000)
    case "children_abused", "children_violating_law": return chance(85) ? 0 : min(whole, int(1...2))
    case "children_sexually_abused", "children_injury_deaths", "children_drug_addicted":
      return chance(95) ? 0 : 1
    default: break
    }
    if field.adjustable { return chance(45) ? whole : whole * int(880...1000) / 1000 }
    return chance(90) ? 0 : min(whole, int(1...3))
  }

  /// Values for every field, keyed by field index (nil: missing, rarely).
  mutating func values() -> [Int?] {
    var values = [Int?](repeating: nil, count: rulebook.fields.count)
    let children = int(600...9000)
    for field in rulebook.fields where field.partOf == nil {
      values[field.index] =
        field.kind == .flag
        ? (chance(93) ? 1 : 0) : max(field.minimum ?? 0, whole(field.id, children: children))
    }
    // Parts after their wholes (a rulebook lists wholes first, but do not rely on it).
    var pending = rulebook.fields.filter { $0.partOf != nil }
    while !pending.isEmpty {
      var rest: [FieldDeclaration] = []
      for field in pending {
        guard let wholeID = field.partOf, let whole = rulebook.field(wholeID) else { continue }
        if whole.partOf != nil, values[whole.index] == nil,
          pending.contains(where: { $0.id == wholeID })
        {
          rest.append(field)
          continue
        }
        values[field.index] = min(
          values[whole.index] ?? 0, part(field, of: values[whole.index] ?? 0))
      }
      if rest.count == pending.count { break }
      pending = rest
    }
    if chance(2) { values[int(0...(values.count - 1))] = nil }
    return values
  }

  mutating func identity(_ index: Int) -> [String] {
    let (province, districts) = Self.provinces[int(0...(Self.provinces.count - 1))]
    let district = districts[int(0...(districts.count - 1))]
    let name = "Xã " + Self.names[int(0...(Self.names.count - 1))] + " \(index + 1)"
    let category = rulebook.categories[int(0...(rulebook.categories.count - 1))].id
    // Codes have five digits: past 99,999 communes, the same codes come back for other years —
    // 2023 back to 2019 (Decision 06 is in force from 03/01/2019), then 2025 onwards.
    let round = (index + 1) / 100_000
    let year = round <= 5 ? 2024 - round : 2019 + round
    return [code(index + 1), name, district, province, category, String(year)]
  }

  /// A commune code: five digits, as in the national list.
  func code(_ number: Int) -> String {
    let text = String(number % 100_000)
    return String(repeating: "0", count: max(0, 5 - text.count)) + text
  }

  mutating func csvRow(_ index: Int) -> String {
    var cells = identity(index)
    for (field, value) in zip(rulebook.fields, values()) {
      cells.append(value.map { field.kind == .flag ? ($0 == 1 ? "1" : "0") : String($0) } ?? "")
    }
    return CSVWriter.row(cells) + "\r\n"
  }

  mutating func jsonLine(_ index: Int) -> String {
    let id = identity(index)
    var evidence: [(String, JSONValue)] = []
    for (field, value) in zip(rulebook.fields, values()) {
      guard let value else { continue }
      evidence.append((field.id, field.kind == .flag ? .bool(value == 1) : .int(value)))
    }
    let record = JSONValue.obj([
      (
        "commune",
        .obj([
          ("code", .string(id[0])), ("name", .string(id[1])), ("district", .string(id[2])),
          ("province", .string(id[3])), ("category", .string(id[4])),
        ])
      ),
      ("year", .int(Int(id[5]) ?? 2024)), ("evidence", .obj(evidence)),
    ])
    return JSONWriter.write(record, pretty: false) + "\n"
  }
}
