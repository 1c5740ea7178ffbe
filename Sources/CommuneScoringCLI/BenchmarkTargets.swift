import CommuneScoring

/// One figure of issue 12 set against its target: what was measured, the limit, and whether the
/// run can judge it (a target stated for 1,000,000 communes is not judged on 10,000).
struct BenchmarkCheck: Equatable {
  /// How the figure is shown.
  enum Unit: Equatable {
    /// A ratio of two commands (median of the per-pair ratios).
    case times
    /// Communes a second.
    case perSecond
    /// Peak resident memory.
    case megabytes
  }

  /// What is measured, for people ("CSV → CSV, wall, against awk").
  var what: LocalizedText
  var measured: Double
  var unit: Unit
  var limit: Double
  /// True: at most `limit` passes; false: at least `limit` passes.
  var atMost: Bool
  /// Why the run cannot judge the figure (too few communes, one core…); nil when it can.
  var unjudged: LocalizedText? = nil

  /// Whether the target is met; nil when this run cannot tell.
  var met: Bool? {
    guard unjudged == nil, measured.isFinite else { return nil }
    return atMost ? measured <= limit : measured >= limit
  }

  /// One line of the summary: mark, figure, target, verdict.
  func line(_ language: Language) -> String {
    let vi = language == .vi
    let mark: String
    let verdict: String
    switch met {
    case true?: (mark, verdict) = ("✓", vi ? "đạt" : "met")
    case false?: (mark, verdict) = ("✗", vi ? "chưa đạt" : "not met")
    case nil:
      (mark, verdict) = (
        "–", (vi ? "không xét: " : "not judged: ") + (unjudged?.text(language) ?? "")
      )
    }
    let sign = atMost ? "≤" : "≥"
    return
      "  \(mark) \(what.text(language)): \(Self.show(measured, unit, language)) "
      + "(\(vi ? "mục tiêu" : "target") \(sign) \(Self.show(limit, unit, language))) — \(verdict)"
  }

  /// A figure with its unit, decimals written the language's way (0,35 in Vietnamese).
  static func show(_ value: Double, _ unit: Unit, _ language: Language) -> String {
    guard value.isFinite else { return "—" }
    switch unit {
    case .times: return decimal(value, places: 2, language) + " ×"
    case .megabytes: return decimal(value, places: 1, language) + " MB"
    case .perSecond:
      return grouped(Int(value.rounded()), language) + (language == .vi ? " xã/giây" : " /s")
    }
  }

  /// `value` rounded to `places` decimals.
  static func decimal(_ value: Double, places: Int, _ language: Language) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let units = Int((value * scale).rounded())
    let whole = String(Int(units.magnitude) / Int(scale))
    var fraction = String(Int(units.magnitude) % Int(scale))
    while fraction.count < places { fraction = "0" + fraction }
    let sign = units < 0 ? "-" : ""
    return sign + whole + (places > 0 ? (language == .vi ? "," : ".") + fraction : "")
  }

  /// A whole number with its thousands grouped (1.000.000 in Vietnamese, 1,000,000 in English).
  static func grouped(_ number: Int, _ language: Language) -> String {
    let digits = String(number.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += language == .vi ? "." : "," }
      out.append(digit)
    }
    return (number < 0 ? "-" : "") + out
  }
}

/// The targets of issue 12, from what a benchmark run measured.
enum BenchmarkTargets {
  /// The size the speed and memory targets are stated for.
  static let fullSize = 1_000_000
  /// The memory limit of every streaming format at `fullSize`.
  static let memoryLimit = 40.0

  /// Why a figure stated for 1,000,000 communes is not judged on `count`.
  static func tooSmall(_ count: Int) -> LocalizedText? {
    guard count < fullSize else { return nil }
    return LocalizedText(
      vi: "mục tiêu tính ở 1.000.000 xã, lần này \(BenchmarkCheck.grouped(count, .vi)) xã",
      en: "the target is for 1,000,000 communes, this run has \(BenchmarkCheck.grouped(count, .en))"
    )
  }

  /// Why a rate or a ratio of whole runs is not judged on `count` communes: below 100,000 the
  /// start of the processes weighs more than the communes.
  static func startUpWeighs(_ count: Int) -> LocalizedText? {
    guard count < 100_000 else { return nil }
    return LocalizedText(
      vi:
        "dưới 100.000 xã, thời gian khởi động lấn át (lần này \(BenchmarkCheck.grouped(count, .vi)))",
      en:
        "below 100,000 communes start-up outweighs them (this run: \(BenchmarkCheck.grouped(count, .en)))"
    )
  }

  /// CSV → CSV against awk reading every field: at 1,000,000 at most 0.4 × its wall time and
  /// 0.5 × its CPU; at 10,000, start-up included, at most 1.0 × its wall time (judged from
  /// 10,000 up to 1,000,000).
  static func floor(count: Int, wall: Double, cpu: Double) -> [BenchmarkCheck] {
    if count >= fullSize {
      return [
        BenchmarkCheck(
          what: LocalizedText(
            vi: "CSV → CSV so với awk chỉ đọc các trường, thời gian thực",
            en: "CSV → CSV against awk merely reading the fields, wall time"),
          measured: wall, unit: .times, limit: 0.4, atMost: true),
        BenchmarkCheck(
          what: LocalizedText(
            vi: "CSV → CSV so với awk chỉ đọc các trường, CPU",
            en: "CSV → CSV against awk merely reading the fields, CPU"),
          measured: cpu, unit: .times, limit: 0.5, atMost: true),
      ]
    }
    return [
      BenchmarkCheck(
        what: LocalizedText(
          vi: "CSV → CSV so với awk chỉ đọc các trường, thời gian thực, kể cả khởi động",
          en: "CSV → CSV against awk merely reading the fields, wall time, start-up included"),
        measured: wall, unit: .times, limit: 1.0, atMost: true,
        unjudged: count < 10_000
          ? LocalizedText(
            vi: "mục tiêu tính từ 10.000 xã, lần này \(BenchmarkCheck.grouped(count, .vi))",
            en:
              "the target is for 10,000 communes, this run has \(BenchmarkCheck.grouped(count, .en))"
          )
          : nil)
    ]
  }

  /// Two workers at least 1.7 × faster than one, on two idle cores: judged only when other
  /// programs used at most a tenth of a core while the pairs ran (`others`, in cores; nil when
  /// the machine cannot tell).
  static func workers(speedUp: Double, cores: Int, others: Double?, count: Int)
    -> BenchmarkCheck
  {
    var unjudged = startUpWeighs(count)
    if cores < 2 {
      unjudged = LocalizedText(vi: "máy chỉ có một lõi", en: "the machine has one core")
    } else if let others, others > 0.1 {
      unjudged = LocalizedText(
        vi:
          "máy đang bận (chương trình khác dùng \(BenchmarkCheck.decimal(others, places: 2, .vi)) lõi trong lúc đo), cần hai lõi rảnh",
        en:
          "the machine is busy (other programs used \(BenchmarkCheck.decimal(others, places: 2, .en)) of a core meanwhile), two idle cores needed"
      )
    } else if others == nil {
      unjudged = LocalizedText(
        vi: "không biết các lõi có rảnh không (không đọc được /proc/stat)",
        en: "cannot tell whether the cores were idle (no /proc/stat)")
    }
    return BenchmarkCheck(
      what: LocalizedText(
        vi: "hai luồng nhanh hơn một luồng (thời gian thực)",
        en: "two workers faster than one (wall time)"),
      measured: speedUp, unit: .times, limit: 1.7, atMost: false, unjudged: unjudged)
  }

  /// JSON out (`--format jsonl`) at least 100,000 communes a second.
  static func jsonRate(_ rate: Double, count: Int) -> BenchmarkCheck {
    BenchmarkCheck(
      what: LocalizedText(
        vi: "đầu ra JSON (--format jsonl), số xã mỗi giây",
        en: "JSON out (--format jsonl), communes a second"),
      measured: rate, unit: .perSecond, limit: 100_000, atMost: false,
      unjudged: startUpWeighs(count))
  }

  /// JSON Lines in at most 2 × the CSV path.
  static func jsonLinesIn(_ ratio: Double, count: Int) -> BenchmarkCheck {
    BenchmarkCheck(
      what: LocalizedText(
        vi: "đầu vào JSON Lines so với đầu vào CSV, thời gian thực",
        en: "JSON Lines in against CSV in, wall time"),
      measured: ratio, unit: .times, limit: 2, atMost: true, unjudged: startUpWeighs(count))
  }

  /// xlsx out at most 3 × the CSV time (stated for 1,000,000 communes).
  static func xlsx(_ ratio: Double, count: Int) -> BenchmarkCheck {
    BenchmarkCheck(
      what: LocalizedText(
        vi: "đầu ra xlsx so với đầu ra CSV, thời gian thực",
        en: "xlsx out against CSV out, wall time"),
      measured: ratio, unit: .times, limit: 3, atMost: true, unjudged: tooSmall(count))
  }

  /// The peak memory of one streaming format: at most 40 MB at 1,000,000 communes.
  static func memory(_ format: String, peak: Double, count: Int) -> BenchmarkCheck {
    BenchmarkCheck(
      what: LocalizedText(
        vi: "bộ nhớ tối đa, --format \(format)", en: "peak memory, --format \(format)"),
      measured: peak, unit: .megabytes, limit: memoryLimit, atMost: true,
      unjudged: tooSmall(count))
  }

  /// `cfc assess` of one commune within 2 × a hello-world Swift program (nil `against`: no
  /// hello world was at hand, so the figure cannot be judged).
  static func assess(_ ratio: Double, against hello: String?) -> BenchmarkCheck {
    BenchmarkCheck(
      what: LocalizedText(
        vi: "cfc assess một xã so với chương trình Swift hello world, thời gian thực",
        en: "cfc assess of one commune against a hello-world Swift program, wall time"),
      measured: ratio, unit: .times, limit: 2, atMost: true,
      unjudged: hello == nil
        ? LocalizedText(
          vi: "không có hello world để so (--hello TỆP, hoặc cài swiftc)",
          en: "no hello world to compare with (--hello FILE, or install swiftc)") : nil)
  }
}
