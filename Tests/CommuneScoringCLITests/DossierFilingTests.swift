import CommuneScoringCLI
import Foundation
import Testing

@Suite("cfc dossier, as it is filed")
struct DossierFilingTests {
  static let sample = Repo.path("samples/bang-mac.json")

  @Test("--number numbers the request letter only; the other documents keep their own blank")
  func numberIsTheLetters() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = cfc(
      "dossier", Self.sample, "-o", folder.path, "--number", "12/TTr-UBND", "--format", "html")
    #expect(run.code == 0, "\(run.stderr)")
    func text(_ part: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(part + ".html"), encoding: .utf8)
    }
    #expect(try text("1-to-trinh").contains("Số: 12/TTr-UBND"))
    for part in ["2-bang-diem", "3-bao-cao-giai-trinh", "4-bien-ban-hop"] {
      #expect(try !text(part).contains("12/TTr-UBND"), "\(part) repeats the letter's number")
    }
    #expect(try text("3-bao-cao-giai-trinh").contains("Số: ……/BC-UBND"))
    #expect(try text("4-bien-ban-hop").contains("Số: ……/BB-HĐĐG"))
  }

  @Test("the category's own commas and semicolons are quoted inside the letter's sentence")
  func categoryQuoted() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(cfc("dossier", Self.sample, "-o", folder.path, "--format", "html").code == 0)
    let letter = try String(
      contentsOf: folder.appendingPathComponent("1-to-trinh.html"), encoding: .utf8)
    #expect(
      letter.contains(
        "ngưỡng công nhận đối với loại “xã, thị trấn thuộc miền núi, hải đảo; xã đặc biệt khó khăn” là 800 điểm"
      ))
  }

  @Test(
    "a document that cannot be written leaves no new part of the dossier and the old files as they were"
  )
  func allOrNothing() throws {
    let parent = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    // The third document cannot be written (a folder has its name), as with a full disk: the
    // first two, already complete, must not appear either, and the old letter stays.
    let existing = parent.appendingPathComponent("ho-so")
    try FileManager.default.createDirectory(
      at: existing.appendingPathComponent("3-bao-cao-giai-trinh.html"),
      withIntermediateDirectories: true)
    try Data("bản cũ".utf8).write(to: existing.appendingPathComponent("1-to-trinh.html"))
    let run = cfc("dossier", Self.sample, "-o", existing.path, "--format", "html")
    #expect(run.code == 73)
    #expect(run.stderr.contains("3-bao-cao-giai-trinh.html"))
    let left = try FileManager.default.contentsOfDirectory(atPath: existing.path).sorted()
    #expect(left == ["1-to-trinh.html", "3-bao-cao-giai-trinh.html"], "\(left)")
    #expect(
      try String(contentsOf: existing.appendingPathComponent("1-to-trinh.html"), encoding: .utf8)
        == "bản cũ")
  }

  @Test("the letter's 'Nơi nhận' sits at the left, level with the chair's signature (Decree 30)")
  func recipientsBesideSignature() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(cfc("dossier", Self.sample, "-o", folder.path).code == 0)
    let html = try String(
      contentsOf: folder.appendingPathComponent("1-to-trinh.html"), encoding: .utf8)
    #expect(
      html.contains(
        "<table class=\"signatures\"><tr>\n<td class=\"recipients\" style=\"width: 50%\"><strong><em>Nơi nhận:</em></strong>"
      ))
    #expect(!html.contains("<div class=\"recipients\">"))
    let word = try DocxText.documentXML(folder.appendingPathComponent("1-to-trinh.docx").path)
    let table = try #require(word.range(of: "Nơi nhận:"))
    let chair = try #require(word.range(of: "CHỦ TỊCH"))
    // Both in one table row: no end of a row between them.
    #expect(table.lowerBound < chair.lowerBound)
    #expect(!word[table.lowerBound..<chair.lowerBound].contains("</w:tr>"))
  }

  @Test("a batch file given to dossier points to cfc batch, with dossier's own usage")
  func batchFileMessage() {
    let run = cfc("dossier", Repo.path("samples/communes.csv"), "-o", "/tmp/cfc-never")
    #expect(run.code == 64)
    #expect(run.stderr.contains("'cfc dossier' lập hồ sơ cho một xã"))
    #expect(!run.stderr.contains("'cfc assess'"))
    #expect(run.stderr.contains("Usage: cfc dossier"))
  }
}

@Suite("The certification list split by province")
struct ListByProvinceTests {
  @Test(
    "each province's list is issued by the province, even when its communes lie in one district")
  func provinceIssues() throws {
    let run = cfc(
      "batch", Repo.path("samples/communes.csv"), "--format", "html", "--by", "province")
    #expect(run.code == 0, "\(run.stderr)")
    #expect(run.stdout.contains("<strong>TỈNH LẠNG SƠN</strong>"))
    #expect(run.stdout.contains("<strong>THÀNH PHỐ HÀ NỘI</strong>"))
    #expect(!run.stdout.contains("<strong>HUYỆN CHI LĂNG</strong>"))
    #expect(run.stdout.contains("của Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn)"))
  }

  @Test("in Word, each list and the summary number their pages from 1, the first page bare")
  func sectionsRestart() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("ds.docx").path
    let run = cfc(
      "batch", Repo.path("samples/communes.csv"), "--format", "docx", "--by", "province", "-o", file
    )
    #expect(run.code == 0, "\(run.stderr)")
    let xml = try DocxText.documentXML(file)
    // Two provinces and the summary: three sections, each restarting at 1.
    #expect(xml.components(separatedBy: "<w:pgNumType w:start=\"1\"/><w:titlePg/>").count - 1 == 3)
  }

  @Test("--by with a format that has no documents is refused, not ignored")
  func byNeedsDocuments() {
    let run = cfc("batch", Repo.path("samples/communes.csv"), "--format", "csv", "--by", "district")
    #expect(run.code == 64)
    #expect(run.stderr.contains("chỉ dùng với --format html hoặc docx"))
  }
}
