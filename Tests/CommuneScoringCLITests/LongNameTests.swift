import Foundation
import Testing

@Suite("Names too long to read in error messages")
struct LongNameTests {
  @Test("an unknown column of 100,000 characters is quoted cut, with its length")
  func unknownColumnIsCut() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("long.csv")
    let name = String(repeating: "x", count: 100_000)
    try Data("code,name,district,province,category,year,\(name)\n".utf8).write(to: file)
    let run = cfc("batch", file.path)
    #expect(run.code == 65)
    #expect(run.stderr.contains("… (100000 ký tự)"))
    #expect(run.stderr.utf8.count < 2_000)
  }
}
