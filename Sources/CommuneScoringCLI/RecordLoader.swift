import CommuneReports
import CommuneScoring

/// Reads every record of a file: one evidence record (JSON object), a JSON array, JSON Lines, or
/// a CSV batch. For commands that need all records at once (compare), not for streaming.
enum RecordLoader {
  struct Loaded {
    var records: [(record: EvidenceRecord, line: Int)] = []
    /// Rejected records, as messages with file and line.
    var errors: [String] = []
  }

  static func load(_ path: String, rulebook: Rulebook, language: Language) throws(CLIError)
    -> Loaded
  {
    let bytes = try Files.read(path)
    let text = ErrorText(language)
    var loaded = Loaded()
    // One record on its own: the format of `cfc assess`.
    if !path.lowercased().hasSuffix(".csv"), case .object? = try? JSONParser.parse(bytes) {
      do {
        loaded.records.append((try EvidenceDecoder.decode(bytes, rulebook: rulebook), 1))
      } catch {
        throw CLIError(.dataError, text.lines(error, source: path))
      }
      return loaded
    }
    var reader = BatchReader(
      format: BatchInputs.readerFormat(source: path), rulebook: rulebook)
    let batch: RecordBatch
    do { batch = try reader.feed(bytes, final: true) } catch {
      throw CLIError(.dataError, text.lines(error, source: path))
    }
    guard let decoder = reader.decoder else { return loaded }
    for record in batch.records {
      let decoded = decoder.decode(record, in: batch.bytes)
      switch decoded.result {
      case .success(let value): loaded.records.append((value, record.line))
      case .failure(let error): loaded.errors += text.lines(error, source: path)
      }
    }
    return loaded
  }
}
