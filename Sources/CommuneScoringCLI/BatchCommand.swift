import CommuneReports
import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `cfc batch FILE…`: many communes at once, streamed, scored on every core, in input order.
/// This file only reads the options; `BatchRun` wires the files to the engine and the writer.
enum BatchCommand {
  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "text|csv|json|jsonl|html|xlsx|docx",
    allowed: BatchFormat.allCases.map(\.rawValue),
    help: LocalizedText(
      vi:
        "định dạng kết quả (mặc định: text, kèm bảng tổng hợp); jsonl: mỗi dòng một đối tượng JSON gọn cho một xã (các khóa của hợp đồng, không có pathToRecognition), dòng bị loại tại chỗ của nó, dòng cuối là bảng kiểm đếm",
      en:
        "output format (default: text, with a summary); jsonl: one compact JSON object per line for each commune (the contract's keys, no pathToRecognition), each rejected record in its place, the tally last"
    ))
  static let certifiedOnly = OptionSpec(
    names: ["--certified-only"], valueName: nil, allowed: nil,
    help: LocalizedText(
      vi: "chỉ các xã đạt chuẩn: danh sách công nhận",
      en: "only recognised communes: the certification list"))
  static let review = OptionSpec(
    names: ["--review"], valueName: "FILE", allowed: nil,
    help: LocalizedText(
      vi:
        "điều chỉnh của hội đồng thẩm định (CSV: code,year,field,value,reason; hoặc trang 'Thẩm định' của bảng tính kết quả .xlsx)",
      en:
        "the reviewing council's corrections (CSV: code,year,field,value,reason; or the 'Review' sheet of a result workbook .xlsx)"
    ))
  static let jobs = OptionSpec(
    names: ["--jobs", "-j"], valueName: "N", allowed: nil,
    help: LocalizedText(
      vi: "số luồng xử lý (mặc định: số lõi CPU)",
      en: "worker threads (default: the number of cores)"))
  static let split = OptionSpec(
    names: ["--by"], valueName: "all|province|district",
    allowed: ListSplit.allCases.map(\.rawValue),
    help: LocalizedText(
      vi:
        "danh sách HTML/Word: một danh sách cho mỗi tỉnh hoặc huyện (mặc định: all, một danh sách chung)",
      en: "HTML/Word list: one list per province or district (default: all, a single list)"))
  static let inputFormat = OptionSpec(
    names: ["--input"], valueName: "csv|json|jsonl", allowed: ["csv", "json", "jsonl"],
    help: LocalizedText(
      vi: "định dạng đầu vào (mặc định: đoán theo tên tệp và nội dung)",
      en: "input format (default: guessed from the name and content)"))

  static let sheet = OptionSpec(
    names: ["--sheet"], valueName: "NAME", allowed: nil,
    help: LocalizedText(
      vi: "trang tính cần đọc của tệp .xlsx/.ods (mặc định: trang đầu tiên)",
      en: "the sheet to read from an .xlsx/.ods workbook (default: the first)"))

  static let encoding = OptionSpec(
    names: ["--encoding"], valueName: "NAME",
    allowed: ["utf-8", "utf-16le", "utf-16be", "windows-1258", "cp1258"],
    help: LocalizedText(
      vi: "bảng mã của tệp không phải UTF-8 (ví dụ windows-1258); mặc định: tự nhận biết",
      en: "the encoding of a file that is not UTF-8 (e.g. windows-1258); default: detected"))

  static let help = CommandHelp(
    usage:
      "cfc batch FILE|FOLDER… [--format text|csv|json|jsonl|html|xlsx|docx] [--certified-only] [--review FILE] [--lang vi|en] [--rulebook FILE] [--criteria FOLDER] [-o FILE] [--input csv|json|jsonl] [--sheet NAME] [--encoding NAME] [--jobs N] [--by all|province|district] [--issuer TEXT] [--number TEXT] [--place TEXT] [--date YYYY-MM-DD] [--signer NAME] [--preparer NAME] [--recipients TEXT]",
    summary: LocalizedText(
      vi:
        "Chấm điểm nhiều xã: tệp CSV hoặc bảng tính .xlsx/.ods (một dòng một xã, cột định danh code,name,district,province,category,year rồi các trường số liệu theo thứ tự bất kỳ; ô trống là chưa có số liệu), mảng JSON các hồ sơ, hoặc JSON Lines. Có thể đưa nhiều tệp, hoặc một thư mục (mỗi tệp một hồ sơ xã hay một danh sách, theo thứ tự tên). Dòng sai được báo kèm tệp, số dòng và lý do, các dòng khác vẫn được chấm; cuối cùng in bảng kiểm đếm (đã đọc, đã chấm, bị loại) ra luồng lỗi; khi có dòng bị loại, mã thoát là 1.",
      en:
        "Scores many communes: a CSV file or an .xlsx/.ods workbook (one row per commune, identity columns code,name,district,province,category,year, then evidence fields in any order; an empty cell is missing), a JSON array of records, or JSON Lines. Several files may be given, or a folder (each file one commune's dossier or a batch, in name order). A bad row is reported with its file, line and reason and every other row is still assessed; a tally (read, assessed, rejected) ends every run on standard error; the exit code is 1 when a row was rejected."
    ),
    options: [
      format, certifiedOnly, review, CommonOptions.lang, CommonOptions.rulebook,
      CommonOptions.criteria,
      CommonOptions.output, inputFormat, sheet, encoding, jobs, split,
    ] + FrameOptions.all,
    examples: [
      "cfc batch samples/communes.csv",
      "cfc batch samples/communes.csv --format csv --certified-only -o danh-sach-cong-nhan.csv",
      "cfc batch samples/communes.csv --review samples/review.csv --format json",
      "cfc batch xa-1000000.csv --format jsonl -o ket-qua.jsonl",
      "cfc batch samples/communes.csv --format docx --by district --number 15/QĐ-UBND -o ds.docx",
    ])

  static func run(_ arguments: [String], terminal: Terminal) throws(CLIError) -> ExitCode {
    guard let parsed = try help.parse(arguments, terminal: terminal) else { return .success }
    guard !parsed.positionals.isEmpty else {
      throw CLIError(
        .usage, vi: "chưa chỉ ra tệp danh sách xã", en: "no batch file given", usage: help.usage)
    }
    var workers = ProcessInfo.processInfo.activeProcessorCount
    if let text = parsed.value("--jobs") {
      guard let number = Int(text), number >= 1, number <= 256 else {
        throw CLIError(
          .usage, vi: "tùy chọn '--jobs' cần một số nguyên từ 1 đến 256, không phải '\(text)'",
          en: "option '--jobs' needs a whole number from 1 to 256, not '\(text)'", usage: help.usage
        )
      }
      workers = number
    }
    let format = BatchFormat(rawValue: parsed.value("--format") ?? "text") ?? .text
    if format.isBinary {
      try terminal.checkBinary(format.rawValue, output: parsed.value("-o"), usage: help.usage)
    }
    if let by = parsed.value("--by"), by != "all", format != .html, format != .docx {
      throw CLIError(
        .usage,
        vi:
          "tùy chọn '--by \(by)' chia danh sách công nhận thành nhiều văn bản: chỉ dùng với --format html hoặc docx",
        en:
          "option '--by \(by)' splits the certification list into documents: use it with --format html or docx",
        usage: help.usage)
    }
    let frame = try FrameOptions.values(parsed, usage: help.usage)
    let selection = try RulebookSource.selection(parsed)
    let rulebook = selection.reading
    // Tables have one column per criterion: rulebooks with other criteria only mix in JSON.
    if case .byYear(let shelf) = selection, !format.mixesRulebooks,
      Set(shelf.entries.map { $0.rulebook.criteria.map(\.id) }).count > 1
    {
      throw CLIError(
        .usage,
        vi:
          "các bộ tiêu chí trong --criteria có các tiêu chí khác nhau: chấm lẫn các năm chỉ được với --format json hoặc jsonl, hoặc chấm từng bộ với --rulebook MÃ",
        en:
          "the rulebooks in --criteria have different criteria: a batch across them needs --format json or jsonl, or one run per rulebook with --rulebook ID",
        usage: help.usage)
    }
    let language = parsed.language
    var reviewNotes: [String] = []
    let reviews = try parsed.value("--review").map { (file: String) throws(CLIError) in
      try ReviewFile.load(file, rulebook: rulebook, language: language, notes: &reviewNotes)
        .corrections
    }
    for note in reviewNotes { terminal.err((language == .vi ? "Lưu ý: " : "Note: ") + note + "\n") }
    var skipped: [BatchInputs.Skipped] = []
    let files = try BatchInputs.files(parsed.positionals, skipped: &skipped)
    for entry in skipped {
      terminal.err(
        (language == .vi ? "Lưu ý: \(entry.path): \(entry.vi)" : "Note: \(entry.path): \(entry.en)")
          + "\n")
    }
    var options = BatchWriterOptions(
      rulebook: rulebook, language: language,
      certifiedOnly: parsed.flags.contains("--certified-only"), withReview: reviews != nil,
      frame: frame, split: ListSplit(rawValue: parsed.value("--by") ?? "all") ?? .all)
    options.namesRulebook = selection.several
    var configuration = BatchEngine.Configuration(
      rulebook: rulebook, rulebookForRecord: selection.chooser,
      readingRulebookScores: selection.readingRulebookScores, reviews: reviews,
      groupSize: 64, encoding: parsed.value("--encoding").flatMap(TextEncoding.init(name:)))
    configuration.inputReceipts = format.showsInputReceipts
    var run = BatchRun(
      files: files, input: parsed.value("--input"),
      output: parsed.value("-o"), format: format, sheet: parsed.value("--sheet"),
      options: options, configuration: configuration,
      executor: DispatchBatchExecutor(width: workers))
    // A round of work holds the output of one input chunk: jsonl writes about 7 KB a commune,
    // 40 times a CSV row, so it reads chunks of 32 KB (about 170 communes, 1.3 MB of lines):
    // the few rounds in flight then hold a few megabytes, and the buffers the workers write
    // into, used again group after group, stay warm in the cache.
    if format == .jsonl { run.chunkSize = 1 << 15 }
    return try run.run(terminal: terminal)
  }
}
