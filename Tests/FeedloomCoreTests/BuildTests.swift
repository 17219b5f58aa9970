import FeedloomModel
import FeedloomParse
import FeedloomRender
import Foundation
import Testing

@testable import FeedloomCore

@Suite struct BuildTests {
  let builder = Builder(generatorVersion: "test", read: entriesReader)

  func config() throws -> Config {
    try Config.load(path: BuildFixtures.siteDirectory + "/config.json")
  }

  @Test func buildingTwiceGivesIdenticalBytes() throws {
    let config = try config()
    let first = BuildFixtures.temporaryDirectory() + "/one"
    let second = BuildFixtures.temporaryDirectory() + "/two"
    _ = try builder.build(config, output: first, workingDirectory: "/")
    _ = try builder.build(config, output: second, workingDirectory: "/")
    let a = BuildFixtures.tree(first)
    let b = BuildFixtures.tree(second)
    #expect(Set([".feedloom-output", "feed.atom", "entries.csv", "index.html", "style.css"]).isSubset(of: a.keys))
    #expect(a == b)
    // And rebuilding in place gives the same bytes again.
    _ = try builder.build(config, output: first, workingDirectory: "/")
    #expect(BuildFixtures.tree(first) == b)
  }

  @Test func failingSourcesAreReportedAndSkipped() throws {
    let output = BuildFixtures.temporaryDirectory() + "/out"
    let report = try builder.build(try config(), output: output, workingDirectory: "/")
    #expect(report.failures.map(\.source) == ["Missing", "Remote"])
    #expect(report.failures[0].message == "cannot read: no such file")
    #expect(report.failures[1].message.hasPrefix("fetching is not available in this build"))
    #expect(report.documents == 3)
    #expect(report.files.contains("entries.csv") && report.files.contains("feed.atom"))
    #expect(report.files.contains("index.html") && report.files.contains("source/alpha-news.html"))
  }

  @Test func itemsAreMergedNewestFirstWithSettingsApplied() throws {
    let collected = builder.collect(try config())
    #expect(collected.items.map(\.key) == [
      "https://alpha.example.com/2", "tag:feedloom,2026:beta-blog/id/beta-1", "https://alpha.example.com/1",
      "tag:feedloom,2026:alpha.example.com/3",
    ])
    let alpha = collected.items[0]
    #expect(alpha.source.name == "Alpha News")  // the duplicate from Beta Blog was dropped
    #expect(alpha.entry.language == "en-GB")
    #expect(alpha.entry.publisher == Person(name: "Alpha Ltd"))
    #expect(alpha.source.location == "inputs/alpha.entries")
    // Beta's zone-less date is local time at +02:00; its limit kept its two newest entries.
    #expect(collected.items[1].entry.published?.date == DateTime(year: 2024, month: 5, day: 2, hour: 8))
    #expect(!collected.items.contains { $0.key.hasSuffix("/beta-0") || $0.key.hasSuffix("/beta-undated") })
  }

  @Test func itemsSharingOneNewsPageLinkAreAllKept() throws {
    // A feed with no ids whose every item links to the same news page: four distinct stories.
    let directory = BuildFixtures.temporaryDirectory()
    let blocks = (1...4).map { n in
      "title: Story number \(n) of a different kind\nlink: https://news.example.com/news.html\n"
        + "date: 2024-05-0\(n)T09:00:00Z\ntext: Body \(n) " + String(repeating: "word\(n) ", count: 30)
    }
    try blocks.joined(separator: "\n\n").write(
      toFile: directory + "/page.entries", atomically: true, encoding: .utf8)
    try """
      {"version": 1, "site": {"title": "T", "url": "https://t.example/", "language": "en"},
       "sources": [{"name": "News page", "path": "page.entries"}], "output": "out"}
      """.write(toFile: directory + "/config.json", atomically: true, encoding: .utf8)
    let collected = builder.collect(try Config.load(path: directory + "/config.json"))
    #expect(collected.items.count == 4)
    #expect(Set(collected.items.map(\.key)).count == 4)
  }

  @Test func csvAndAtomComeFromTheSameItems() throws {
    let output = BuildFixtures.temporaryDirectory() + "/out"
    _ = try builder.build(try config(), output: output, workingDirectory: "/")
    let csv = try String(contentsOfFile: output + "/entries.csv", encoding: .utf8)
    #expect(csv.hasPrefix("\"published\",\"source\",\"title\",\"id\",\"language\"\r\n\"2024-05-03T09:00:00Z\",\"Alpha News\",\"'=SUM(A1:A9) is not a formula here\""))
    let atom = try String(contentsOfFile: output + "/feed.atom", encoding: .utf8)
    #expect(atom.contains("<generator version=\"test\">feedloom</generator>"))
    #expect(atom.contains("<link rel=\"self\" href=\"https://test.example.org/digest/feed.atom\" type=\"application/atom+xml\"/>"))
    #expect(atom.components(separatedBy: "<entry").count == 5)
  }

  @Test func theSiteUsesTheTemplatesOverrideAndLinksTheFeed() throws {
    var config = try config()
    config.site.templates = "overrides"
    let output = BuildFixtures.temporaryDirectory() + "/out"
    _ = try builder.build(config, output: output, workingDirectory: "/")
    #expect(FileManager.default.contents(atPath: output + "/style.css")
      == FileManager.default.contents(atPath: BuildFixtures.siteDirectory + "/overrides/style.css"))
    let index = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
    #expect(index.contains("feed.atom"))
    config.site.templates = "no-such-templates"
    #expect(throws: BuildError.self) { try builder.build(config, output: output, workingDirectory: "/") }
    #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
  }

  @Test func pagesCarryABuildTimeOnlyWhenAsked() throws {
    var config = try config()
    let clocked = Builder(now: { DateTime(year: 2030, month: 1, day: 2, hour: 3, minute: 4) }, read: entriesReader)
    let plain = try clocked.render(config, items: [])
    #expect(!plain.contains { String(decoding: $0.bytes, as: UTF8.self).contains("2030-01-02T03:04:00Z") })
    config.site.buildTime = true
    let stamped = try clocked.render(config, items: [])
    let index = try #require(stamped.first { $0.path == "index.html" })
    #expect(String(decoding: index.bytes, as: UTF8.self).contains("2030-01-02T03:04:00Z"))
    // The feed and the CSV never carry it.
    #expect(stamped.filter { $0.path == "feed.atom" || $0.path == "entries.csv" } == plain.filter { $0.path == "feed.atom" || $0.path == "entries.csv" })
  }

  @Test func whenEverySourceFailsThePreviousOutputStays() throws {
    let config = try config()
    let output = BuildFixtures.temporaryDirectory() + "/out"
    _ = try builder.build(config, output: output, workingDirectory: "/")
    let before = BuildFixtures.tree(output)
    let failing = Builder(read: { input, _ throws(ReadError) in throw .notADocument(path: input.name, reason: "broken") })
    #expect(throws: BuildError.self) { try failing.build(config, output: output, workingDirectory: "/") }
    #expect(BuildFixtures.tree(output) == before)
  }

  @Test func aDirectoryFeedloomDidNotMakeIsNeverReplaced() throws {
    let config = try config()
    let output = BuildFixtures.temporaryDirectory()
    try Data("mine".utf8).write(to: URL(fileURLWithPath: output + "/notes.txt"))
    #expect(throws: BuildError.self) { try builder.build(config, output: output, workingDirectory: "/") }
    #expect(FileManager.default.contents(atPath: output + "/notes.txt") == Data("mine".utf8))
    // Nor one holding the config and the sources.
    do {
      _ = try builder.build(config, output: BuildFixtures.siteDirectory, workingDirectory: "/")
      Issue.record("built over the config's own directory")
    } catch {
      #expect(error.description.contains("which the build reads"))
    }
  }

  @Test func outputPathsResolveAgainstTheirAnchors() throws {
    let config = try config()
    let working = BuildFixtures.temporaryDirectory()
    let report = try builder.build(config, output: "rel/site", workingDirectory: working)
    #expect(report.output == working + "/rel/site")
    #expect(FileManager.default.fileExists(atPath: working + "/rel/site/feed.atom"))
    // No staging or previous directories are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: working + "/rel") == ["site"])
  }

  @Test func aTextSidecarZoneWinsOverTheSourceZone() throws {
    let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/text-zone").path
    let collected = Builder().collect(try Config.load(path: directory + "/config.json"))
    let byTitle = Dictionary(uniqueKeysWithValues: collected.items.map { ($0.entry.title?.value ?? "", $0.entry) })
    let lights = try #require(byTitle["Harbour lights switched on for the festival"])
    let market = try #require(byTitle["Night market opens on the old pier"])
    // The sidecar's +01:00, applied once by the reader; the source's +03:00 where there is no sidecar.
    #expect(lights.published?.date == DateTime(year: 2024, month: 5, day: 2, hour: 9))
    #expect(market.published?.date == DateTime(year: 2024, month: 5, day: 3, hour: 15, minute: 30))
    #expect(lights.publisher?.name == "Sidecar Press")
    #expect(market.publisher?.name == "Config Press")
  }

  @Test func zonesAreOnlyAppliedToDatesWrittenWithoutOne() {
    #expect(EntrySettings.namesZone("2024-05-02T10:00:00Z"))
    #expect(EntrySettings.namesZone("2024-05-02T10:00:00+02:00"))
    #expect(EntrySettings.namesZone("Tue, 14 May 2024 17:30:00 +0100"))
    #expect(EntrySettings.namesZone("Tue, 14 May 2024 17:30:00 GMT"))
    #expect(!EntrySettings.namesZone("2024-05-02T10:00:00"))
    #expect(!EntrySettings.namesZone("2024-05-02"))
    #expect(!EntrySettings.namesZone("14 May 2024 5:30 PM"))
    #expect(!EntrySettings.namesZone("May 14, 2024"))
  }

  @Test func slugsAreSafeAndUnique() {
    var taken = Set<String>()
    #expect(Slug.unique(Slug.make("Reuters World", fallback: "s"), among: &taken) == "reuters-world")
    #expect(Slug.unique(Slug.make("reuters  world!", fallback: "s"), among: &taken) == "reuters-world-2")
    #expect(Slug.make("Новости", fallback: "source-3") == "source-3")
  }
}
