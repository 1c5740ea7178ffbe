import CommuneScoringCLI
import Foundation
import Testing

@Suite("messages for common slips")
struct CommandMessagesTests {
  @Test("a CSV that does not exist is reported missing, not taken for a batch file")
  func missingCSV() {
    let run = cfc("assess", "/tmp/cfc-no-such-folder/xa.csv")
    #expect(run.code == 66)
    #expect(run.stderr.contains("không có tệp này"))
    #expect(!run.stderr.contains("nhiều xã"))
  }

  @Test("a date the month does not have says how many days the month has")
  func impossibleDate() {
    let run = cfc("assess", Repo.path("samples/bang-mac.json"), "--date", "2024-02-30")
    #expect(run.code == 64)
    #expect(run.stderr.contains("ngày 30/2/2024 không có thật (tháng 2 năm 2024 có 29 ngày)"))
    let slashes = cfc("assess", Repo.path("samples/bang-mac.json"), "--date", "31/04/2025")
    #expect(slashes.stderr.contains("tháng 4 năm 2025 có 30 ngày"))
    let garbled = cfc("assess", Repo.path("samples/bang-mac.json"), "--date", "hôm qua")
    #expect(garbled.stderr.contains("NĂM-THÁNG-NGÀY (2024-11-20) hoặc NGÀY/THÁNG/NĂM (20/11/2024)"))
  }

  @Test("a negative number of communes to generate is called that, not an unknown option")
  func negativeCount() {
    let run = cfc("generate", "-5")
    #expect(run.code == 64)
    #expect(run.stderr.contains("không thể âm ('-5')"))
    #expect(!run.stderr.contains("tùy chọn không hợp lệ"))
  }

  /// Runs `cfc` with standard output redirected to a file (not a screen).
  func redirected(_ arguments: String...) -> (code: Int32, bytes: [UInt8], stderr: String) {
    let terminal = CapturedTerminal()
    terminal.outputIsScreen = false
    let code = CLI.run(arguments, terminal: terminal)
    return (code, terminal.stdoutBytes, terminal.stderr)
  }

  @Test("a workbook or Word file goes to a redirected standard output, never to a screen")
  func binaryToRedirection() throws {
    let csv = Repo.path("samples/communes.csv")
    let onScreen = cfc("batch", csv, "--format", "xlsx")
    #expect(onScreen.code == 64)
    #expect(onScreen.stderr.contains("không in ra màn hình được"))
    for run in [
      redirected("batch", csv, "--format", "xlsx"),
      redirected("template", "--format", "xlsx"),
      redirected("assess", Repo.path("samples/bang-mac.json"), "--format", "docx"),
    ] {
      #expect(run.code == 0, "\(run.stderr)")
      // A whole ZIP archive: the local header at the start, the end record at the end.
      #expect(run.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
      #expect(run.bytes.suffix(22).starts(with: [0x50, 0x4B, 0x05, 0x06]))
    }
  }
}
