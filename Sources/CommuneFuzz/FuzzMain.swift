import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// libFuzzer's entry: runs the target named by `CFC_FUZZ_TARGET`, or, when it is not set, the
/// target the first byte picks (the rest of the input is the target's input).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  FuzzMain.dispatch(bytes)
  return 0
}

/// `cfc-fuzz`: under libFuzzer (built with `-sanitize=fuzzer`) it fuzzes; in a normal build it
/// is a reproducer that runs the targets on the files and folders given as arguments.
@main
enum FuzzMain {
  /// The target chosen for the whole process, if `CFC_FUZZ_TARGET` names one.
  static let chosen: FuzzTarget? = ProcessInfo.processInfo.environment["CFC_FUZZ_TARGET"].map {
    name in
    guard let target = FuzzTargets.named(name) else {
      let names = FuzzTargets.all.map(\.name).joined(separator: ", ")
      fatalError("CFC_FUZZ_TARGET='\(name)' is not one of: \(names)")
    }
    return target
  }

  static func dispatch(_ bytes: [UInt8]) {
    if let chosen {
      chosen.run(bytes)
    } else if let first = bytes.first {
      FuzzTargets.all[Int(first) % FuzzTargets.all.count].run(Array(bytes.dropFirst()))
    }
  }

  typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  typealias Driver =
    @convention(c) (
      UnsafeMutablePointer<CInt>,
      UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, TestOneInput
    ) -> CInt

  static func main() {
    // Linked with -sanitize=fuzzer (and the symbol exported), libFuzzer drives the process.
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver") {
      let driver = unsafeBitCast(symbol, to: Driver.self)
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(driver(&argc, &argv, fuzzTestOneInput))
    }
    reproduce(Array(CommandLine.arguments.dropFirst()))
  }

  /// Runs every file given (folders: every file inside, sorted) through the chosen target.
  static func reproduce(_ arguments: [String]) {
    if arguments.count == 2, arguments[0] == "--bench-deflate" {
      DeflateBenchmark.run(arguments[1])
      return
    }
    if arguments.isEmpty || arguments.contains("--help") || arguments.contains("--list") {
      print("usage: [CFC_FUZZ_TARGET=NAME] cfc-fuzz FILE|FOLDER...  (targets below)")
      for target in FuzzTargets.all { print("  \(target.name): \(target.summary)") }
      return
    }
    for argument in arguments {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
        print("no such file: \(argument)")
        exit(66)
      }
      let files =
        isFolder.boolValue
        ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map {
          argument + "/" + $0
        } : [argument]
      for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        dispatch(Array(data))
        print("ok \(chosen?.name ?? "by first byte") \(file)")
      }
    }
  }
}
