import CommuneScoring

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The inputs of `cfc batch`: files and folders named on the command line, turned into the
/// engine's sources in a fixed order.
enum BatchInputs {
  /// File names a folder contributes (a folder of dossiers: one record per file, or batches);
  /// `.txt` and `.tsv` are read as delimited text, `.xlsx`/`.ods` as workbooks.
  static let extensions = ["csv", "tsv", "txt", "json", "jsonl", "ndjson", "xlsx", "ods"]

  /// Data files a batch cannot read but must not pass over in silence (an old binary Excel
  /// workbook): a folder contributes them too, so the run stops and says how to save them.
  static let refused = ["xls"]

  /// A folder entry that a batch does not read, and why: named on standard error so nothing is
  /// lost silently.
  struct Skipped: Equatable {
    /// The entry's path as the user would type it.
    var path: String
    /// Why it was skipped, in Vietnamese and English.
    var vi: String
    var en: String
  }

  /// Every input file: files as given, then each folder's batch files sorted by name (by their
  /// bytes, so the order is the same on every machine). Folder entries that are not read are
  /// added to `skipped`.
  static func files(_ paths: [String], skipped: inout [Skipped]) throws(CLIError) -> [String] {
    var files: [String] = []
    for path in paths {
      if path != "-", Files.isFolder(path) == true {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
          throw CLIError(
            .cannotRead, vi: "\(path): không đọc được thư mục",
            en: "\(path): cannot read the folder")
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var batch: [String] = []
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
          let entryIsFolder = Files.isFolder(prefix + name) == true
          if name.hasPrefix(".") || name.hasPrefix("~$") {
            skipped.append(
              Skipped(
                path: prefix + name, vi: "tệp ẩn hoặc tệp khoá, bỏ qua",
                en: "hidden or lock file, skipped"))
          } else if entryIsFolder {
            skipped.append(
              Skipped(
                path: prefix + name, vi: "thư mục con, không đọc (hãy nêu riêng nếu cần)",
                en: "a subfolder, not read (name it on its own if needed)"))
          } else if (extensions + refused).contains(PathText.pathExtension(name).lowercased()) {
            batch.append(prefix + name)
          } else {
            skipped.append(
              Skipped(
                path: prefix + name,
                vi: "bỏ qua, không phải tệp số liệu (\(extensionList))",
                en: "skipped, not a data file (\(extensionList))"))
          }
        }
        guard !batch.isEmpty else {
          throw CLIError(
            .cannotRead,
            vi: "\(path): thư mục không có tệp số liệu nào (\(extensionList))",
            en: "\(path): the folder holds no data file (\(extensionList))")
        }
        files += batch
      } else {
        files.append(path)
      }
    }
    return files
  }

  /// The extensions a folder contributes, as users read them.
  static var extensionList: String { extensions.map { "." + $0 }.joined(separator: ", ") }

  /// The layout of one input: from `--input` or the file name; nil lets the content decide. A
  /// `.json` file that holds one object is one commune's dossier (the format of `cfc assess`).
  static func layout(input: String?, source: String, first: [UInt8]) -> BatchLayout? {
    if let input, let layout = BatchLayout(rawValue: input) { return layout }
    let lower = source.lowercased()
    if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") {
      return .csv
    }
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonLines }
    guard lower.hasSuffix(".json") else { return nil }
    let start = first.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    guard
      let index = first.indices.dropFirst(start).first(where: {
        first[$0] != 0x20 && first[$0] != 0x0A && first[$0] != 0x0D && first[$0] != 0x09
      }), first[index] == UInt8(ascii: "{")
    else { return nil }
    // JSON Lines when the first line is a whole value and more follows; otherwise one record.
    if let newline = first[index...].firstIndex(of: 0x0A),
      (try? JSONParser.parse(Array(first[index..<newline]))) != nil,
      first[(newline + 1)...].contains(where: { $0 > 0x20 })
    {
      return .jsonLines
    }
    return .jsonRecord
  }

  /// The reader's format for a file loaded whole (nil lets the content decide).
  static func readerFormat(source: String) -> BatchReader.Format? {
    switch layout(input: nil, source: source, first: []) {
    case .csv: .csv
    case .jsonLines: .jsonl
    case .jsonArray: .json
    case .jsonRecord, nil: nil
    }
  }
}
