import FeedloomRender
import Foundation
import Testing

@testable import FeedloomCore

/// The repository's own `config.json`, built with the real readers.
@Suite struct DefaultConfigTests {
  static var packageRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }

  @Test func theDefaultConfigBuildsTwiceToIdenticalBytes() throws {
    let config = try Config.load(path: DefaultConfigTests.packageRoot + "/config.json")
    let first = BuildFixtures.temporaryDirectory() + "/public"
    let second = BuildFixtures.temporaryDirectory() + "/public"
    let report = try Builder().build(config, output: first, workingDirectory: "/")
    _ = try Builder().build(config, output: second, workingDirectory: "/")
    let a = BuildFixtures.tree(first)
    #expect(a.count == report.files.count + 1)  // the files and the output marker
    #expect(a["feed.atom"] != nil && a["entries.csv"] != nil && a["index.html"] != nil)
    #expect(report.failures.isEmpty, "\(report.failures)")
    #expect(report.documents == 11)  // five seeds, four example feeds, two example pages
    #expect(report.items > 0)
    // Every byte of every file, compared.
    #expect(a == BuildFixtures.tree(second))
    try? FileManager.default.removeItem(atPath: first)
    try? FileManager.default.removeItem(atPath: second)
  }
}
