// swift-tools-version: 6.0
// cfc — scores Vietnamese communes against the child-friendly commune standard.
// Dependencies point one way: cfc -> CommuneScoringCLI -> CommuneReports -> CommuneScoring.
import PackageDescription

let package = Package(
  name: "cfc",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "cfc", targets: ["cfc"]),
    .library(name: "CommuneScoring", targets: ["CommuneScoring"]),
    // The fuzz harness: a reproducer in a normal build, a libFuzzer binary with -sanitize=fuzzer.
    .executable(name: "cfc-fuzz", targets: ["CommuneFuzz"]),
  ],
  targets: [
    .target(name: "CommuneScoring"),
    .target(name: "CommuneReports", dependencies: ["CommuneScoring"]),
    .target(
      name: "CommuneScoringCLI",
      dependencies: ["CommuneScoring", "CommuneReports"],
      // The shipped rulebook is compiled into the binary, so a copied `cfc` still finds it.
      // Resources/qd06-2019.json is a symlink to criteria/qd06-2019.json: one source of truth.
      resources: [.embedInCode("Resources/qd06-2019.json")]
    ),
    .executableTarget(
      name: "cfc", dependencies: ["CommuneScoringCLI"],
      // On Linux `cfc` is one static executable: no dynamic loader runs at start (it spent more
      // time on the binary's 41,000 relocations and its libraries than `cfc assess` on a
      // commune). FoundationEssentials' own static libraries are named, as `swift build`
      // without `--static-swift-stdlib` does not link them.
      linkerSettings: [
        .unsafeFlags(["-static-executable"], .when(platforms: [.linux])),
        .linkedLibrary("_FoundationCollections", .when(platforms: [.linux])),
        .linkedLibrary("_FoundationCShims", .when(platforms: [.linux])),
      ]
    ),
    .executableTarget(
      name: "CommuneFuzz",
      dependencies: ["CommuneScoringCLI", "CommuneReports", "CommuneScoring"],
      resources: [
        .embedInCode("Resources/qd06-2019.json"), .embedInCode("Resources/communes.csv"),
      ]
    ),
    .testTarget(name: "CommuneScoringTests", dependencies: ["CommuneScoring"]),
    .testTarget(name: "CommuneReportsTests", dependencies: ["CommuneReports", "CommuneScoring"]),
    .testTarget(
      name: "CommuneScoringCLITests",
      dependencies: ["CommuneScoringCLI", "CommuneReports", "CommuneScoring"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
