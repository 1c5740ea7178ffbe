import CommuneScoring
import Foundation

/// The inputs of `cfc batch`: files and folders named on the command line, turned into the
/// engine's sources in a fixed order.
enum BatchInputs {
  /// File names a folder contributes (a folder of dossiers: one record per file, or batches).
  static let extensions = ["csv", "json", "jsonl", "ndjson", "xlsx", "ods"]

  /// Every input file: files as given, then each folder's batch files sorted by name (by their
  /// bytes, so the order is the same on every machine).
  static func files(_ paths: [String]) throws(CLIError) -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
          throw CLIError(
            .cannotRead, vi: "\(path): không đọc được thư mục",
            en: "\(path): cannot read the folder")
        }
        let batch = names.filter { name in
          !name.hasPrefix(".")
            && extensions.contains((name as NSString).pathExtension.lowercased())
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !batch.isEmpty else {
          throw CLIError(
            .cannotRead,
            vi: "\(path): thư mục không có tệp .csv, .json, .jsonl, .xlsx hay .ods nào",
            en: "\(path): the folder holds no .csv, .json, .jsonl, .xlsx or .ods file")
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        files += batch.map { prefix + $0 }
      } else {
        files.append(path)
      }
    }
    return files
  }

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
