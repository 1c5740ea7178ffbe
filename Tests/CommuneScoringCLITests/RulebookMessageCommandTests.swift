import CommuneScoring
import Foundation
import Testing

/// A rulebook with mistakes, refused in Vietnamese by default and in English with `--lang en`,
/// wherever a rulebook is read: `rulebook validate`, `--rulebook`, `--criteria`.
@Suite("Rulebook mistakes in Vietnamese and English")
struct RulebookMessageCommandTests {
  /// A copy of the shipped rulebook with `edits` made, in a fresh folder.
  func broken(_ edits: [(String, String)], name: String = "bo-tieu-chi.json") throws -> String {
    var text = try String(contentsOfFile: Repo.path("criteria/qd06-2019.json"), encoding: .utf8)
    for (old, new) in edits {
      guard let range = text.range(of: old) else {
        Issue.record("'\(old)' is not in the shipped rulebook")
        continue
      }
      text.replaceSubrange(range, with: new)
    }
    let path = try temporaryFolder().appendingPathComponent(name)
    try Data(text.utf8).write(to: path)
    return path.path
  }

  /// `rulebook validate` in both languages: the exit code, and each language's lines.
  func validate(_ path: String) -> (code: ExitCodeValue, vi: String, en: String) {
    let vi = cfc("rulebook", "validate", path)
    let en = cfc("rulebook", "validate", path, "--lang", "en")
    return (vi.code, vi.stderr, en.stderr)
  }

  typealias ExitCodeValue = Int32

  @Test(
    "each kind of mistake is named in Vietnamese, and in English with --lang en, with its JSON path",
    arguments: [
      (
        [(#""atLeast": 98"#, #""atLeast": 20"#)],
        "bo-tieu-chi.json: tại criteria[1].indicators[0].rule: bands[2]: ngưỡng 95 phải thấp hơn ngưỡng của bands[1] (20): các mức được xét từ trên xuống, nên mức này không bao giờ được dùng",
        "bo-tieu-chi.json: at criteria[1].indicators[0].rule: bands[2]: limit 95 must be below the limit of bands[1] (20): bands are read top-down, so this band could never be reached"
      ),
      (
        [(#""maxPoints": 100,"#, #""pionts": 1, "maxPoints": 100,"#)],
        "bo-tieu-chi.json: tại criteria[0]: khóa không hợp lệ 'pionts'",
        "bo-tieu-chi.json: at criteria[0]: unknown key 'pionts'"
      ),
      (
        [(#""threshold": 800"#, #""threshold": "800""#)],
        "tại categories[1].threshold: cần số điểm (một số), nhưng gặp chuỗi ký tự",
        "at categories[1].threshold: expected points (a number), found a string"
      ),
      (
        [(#""kind": "rate""#, #""kind": "rat""#)],
        "tại criteria[1].indicators[0].rule.kind: không có loại quy tắc 'rat' (có phải ý bạn là 'rate'?); các loại có: flag,",
        "at criteria[1].indicators[0].rule.kind: unknown rule kind 'rat' (did you mean 'rate'?); known kinds: flag,"
      ),
      (
        [(#""schemaVersion": 1,"#, #""schemaVersion": 1,,"#)],
        "bo-tieu-chi.json: JSON không hợp lệ ở dòng 3, cột 22: cần một khóa trong ngoặc kép",
        "bo-tieu-chi.json: invalid JSON at line 3, column 22: expected a quoted key"
      ),
    ])
  func mistakes(edits: [(String, String)], vietnamese: String, english: String) throws {
    let run = validate(try broken(edits))
    #expect(run.code == 65)
    #expect(run.vi.hasPrefix("Error: "), "scripts read the prefix")
    #expect(run.vi.contains(vietnamese), "\(run.vi)")
    #expect(run.en.contains(english), "\(run.en)")
    #expect(!run.vi.contains(english))
  }

  @Test("numbers that do not add up name both totals in Vietnamese")
  func sums() throws {
    let run = validate(try broken([(#""maxTotal": 1000"#, #""maxTotal": 999"#)]))
    #expect(run.vi.contains("tại maxTotal: maxTotal là 999 nhưng các tiêu chí cộng lại được 1000"))
    #expect(run.en.contains("at maxTotal: maxTotal is 999 but the criteria add up to 1000"))
  }

  @Test("--rulebook and --criteria refuse a broken rulebook in the chosen language")
  func everywhere() throws {
    let path = try broken([(#""maxTotal": 1000"#, #""maxTotal": 999"#)])
    let record = Repo.path("samples/bang-mac.json")
    let assess = cfc("assess", record, "--rulebook", path)
    #expect(assess.code == 65)
    #expect(assess.stderr.contains("Error: \(path): tại maxTotal: maxTotal là 999"))
    let english = cfc("assess", record, "--rulebook", path, "--lang", "en")
    #expect(english.stderr.contains("Error: \(path): at maxTotal: maxTotal is 999"))
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let batch = cfc("batch", Repo.path("samples/communes.csv"), "--criteria", folder)
    #expect(batch.code == 65)
    #expect(batch.stderr.contains("tại maxTotal: maxTotal là 999"), "\(batch.stderr)")
  }
}
