import Foundation
import Testing

@testable import CommuneScoringCLI

/// `PathText` stands in for `NSString`'s path methods so that `cfc` need not link all of
/// Foundation: it must give the same answers.
@Suite("Path text")
struct PathTextTests {
  static let paths = [
    "a/b.csv", "b.csv", "/b.csv", "/", "", "/a/b/", "//a", "./x.json", "../up/x.tar.gz",
    ".hidden", "a/.hidden", "name.", "dir.d/file", "Kết quả/danh sách.xlsx", "a/b/c",
  ]

  @Test("the last component and the folder are those NSString gives")
  func components() {
    for path in Self.paths {
      #expect(PathText.last(path) == (path as NSString).lastPathComponent, "\(path)")
      #expect(
        PathText.deletingLast(path) == (path as NSString).deletingLastPathComponent, "\(path)")
    }
  }

  /// Foundation on Linux stops the process on these (a relative folder ending in a slash), so
  /// they are compared with what NSString gives on macOS.
  @Test("a relative folder ending in a slash is taken apart as on macOS, without a crash")
  func trailingSlash() {
    #expect(PathText.last("a/") == "a")
    #expect(PathText.deletingLast("a/") == "")
    #expect(PathText.last("a//") == "a")
    #expect(PathText.deletingLast("a//") == "")
  }

  @Test("the extension is the one NSString gives")
  func extensions() {
    for path in Self.paths {
      #expect(PathText.pathExtension(path) == (path as NSString).pathExtension, "\(path)")
    }
  }

  @Test("a name inside a folder is joined as NSString joins it")
  func appending() {
    for folder in ["a", "a/", "/", "", "./out", "/tmp/x/"] {
      for name in ["b.csv", "hồ sơ.html"] {
        #expect(
          PathText.appending(folder, name) == (folder as NSString).appendingPathComponent(name),
          "\(folder) + \(name)")
      }
    }
  }
}
