import Foundation
import Testing
import FeedloomTestSupport

@testable import FeedloomCore

/// A build over the shared XSS corpus wrapped into every feed path: the exports must still
/// pass the strict validators. Skipped when `shared/` (or python3) is not there.
@Suite struct XSSBuildTests {
  @Test func exportsOfHostileFeedsPassTheValidators() throws {
    guard let shared = SharedHarness.directory(containing: "validators")?.path else { return }
    let work = BuildFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }
    guard let made = SharedHarness.python([shared + "/security/make_feeds.py", "--out", work + "/feeds", "--limit", "12"]),
      made.status == 0
    else { return }
    let config = try Config.parse(Array("""
      {"site": {"title": "XSS digest", "url": "https://xss.example.org/"},
       "sources": [
         {"name": "XSS RSS and Atom", "path": "feeds/*.xml"},
         {"name": "XSS RSS 1.0", "path": "feeds/*.rdf", "kind": "rdf"},
         {"name": "XSS JSON Feed", "path": "feeds/jsonfeed-*.json", "kind": "jsonfeed"},
         {"name": "XSS pages", "path": "feeds/*.html", "kind": "html"}],
       "atom": {"limit": 0}}
      """.utf8), file: "config.json", directory: work)
    let report = try Builder().build(config, output: work + "/public", workingDirectory: "/")
    #expect(report.failures.isEmpty, "\(report.failures)")
    #expect(report.items > 100)
    let atom = try #require(SharedHarness.python([shared + "/validators/check_atom.py", "-q", work + "/public/feed.atom"]))
    #expect(atom.status == 0 && atom.output.contains(" 0 failed"), "\(atom.output.suffix(3000))")
    let csv = try #require(SharedHarness.python(
      [shared + "/validators/check_csv.py", "-q", "--no-roundtrip", work + "/public/entries.csv"]))
    #expect(csv.status == 0 && csv.output.contains(" 0 failed"), "\(csv.output.suffix(3000))")
  }
}
