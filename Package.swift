// swift-tools-version:6.0
import PackageDescription

// Data flows one way: source → fetch → detect → parse → normalise → store → select → export → publish.
// Each target depends only on the ones below it; only FeedloomXML touches libxml2.
let package = Package(
  name: "feedloom",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "Feedloom", targets: ["FeedloomCore"]),
    .library(name: "FeedloomParse", targets: ["FeedloomParse"]),
    .executable(name: "feedloom", targets: ["feedloom"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
    ),
    .target(name: "FeedloomXML", dependencies: ["CLibXML2"]),
    .target(name: "FeedloomModel"),
    .target(name: "FeedloomNormalize", dependencies: ["FeedloomModel", "FeedloomXML"]),
    .target(name: "FeedloomParse", dependencies: ["FeedloomModel", "FeedloomXML", "FeedloomNormalize"]),
    .target(
      name: "FeedloomRender",
      dependencies: ["FeedloomModel", .product(name: "Mustache", package: "swift-mustache")]
    ),
    .target(
      name: "FeedloomCore",
      dependencies: ["FeedloomModel", "FeedloomParse", "FeedloomNormalize", "FeedloomRender"]
    ),
    .executableTarget(
      name: "feedloom",
      dependencies: ["FeedloomCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      // Release builds on Linux link one fully static executable: a cron-style `feedloom parse`
      // then starts without the dynamic loader, whose relocation and symbol binding for a
      // Swift-stdlib PIE binary plus libxml2, ICU and libstdc++ cost ~3.5 M instructions and
      // ~350 page faults per process. libxml2.a needs ICU, zlib and liblzma (libicu-dev,
      // zlib1g-dev, liblzma-dev). iconv still loads glibc's gconv modules at run time.
      linkerSettings: [
        .unsafeFlags(
          ["-static-executable", "-licuuc", "-licudata", "-lz", "-llzma"],
          .when(platforms: [.linux], configuration: .release))
      ]
    ),
    // Not part of the products: timing against libxml2's SAX floor (README, "Benchmarks").
    .executableTarget(
      name: "feedloom-bench",
      dependencies: ["CLibXML2", "FeedloomModel", "FeedloomParse"],
      path: "Benchmarks/feedloom-bench"
    ),
    .testTarget(
      name: "feedloomTests",
      dependencies: ["feedloom", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    // Finds the shared harnesses for the tests that use them (never part of a product).
    .target(name: "FeedloomTestSupport", path: "Tests/FeedloomTestSupport"),
    .testTarget(name: "FeedloomModelTests", dependencies: ["FeedloomModel"]),
    .testTarget(name: "FeedloomXMLTests", dependencies: ["FeedloomXML"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "FeedloomNormalizeTests", dependencies: ["FeedloomNormalize", "FeedloomTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "FeedloomParseTests", dependencies: ["FeedloomParse"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "FeedloomRenderTests", dependencies: ["FeedloomRender", "FeedloomTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "FeedloomCoreTests", dependencies: ["FeedloomCore", "FeedloomTestSupport"],
      resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
