import FeedloomModel
import Foundation
import Testing

@testable import FeedloomRender

@Suite struct SiteRendererTests {
  typealias S = SiteTestSupport

  func render(
    _ items: [Item] = S.items(), pageSize: Int = 3, directories: [String] = [S.defaultTemplates]
  ) throws -> [String: String] {
    let renderer = try SiteRenderer(templateDirectories: directories)
    return S.byPath(try renderer.render(site: S.site, items: items, pageSize: pageSize))
  }

  @Test func writesEveryKindOfPage() throws {
    let pages = try render()
    for path in [
      "index.html", "page/2.html", "page/3.html", "day/2022-02-11.html", "day/2022-02-10.html",
      "day/2022-02-08.html", "source/reuters-world.html", "source/the-verge.html", "source/ars.html",
      "source/cafe-local.html", "archive.html", "sources.html", "style.css",
    ] {
      #expect(pages[path] != nil, "missing \(path)")
    }
    #expect(pages["page/4.html"] == nil, "7 entries at 3 a page make 3 pages")
    #expect(pages["day/undated.html"] == nil)
    let entryPages = pages.keys.filter { $0.hasPrefix("entry/") }
    #expect(entryPages.count == 7, "one page per entry")
  }

  @Test func everyInternalLinkResolvesToAGeneratedFile() throws {
    let pages = try render()
    var checked = 0
    for (path, html) in pages where path.hasSuffix(".html") {
      for url in S.urls(in: html) {
        if url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("mailto:") { continue }
        #expect(!url.hasPrefix("/"), "\(path): \(url) is root-relative; the site must work under any prefix")
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = parts[0].isEmpty ? path : S.resolve(String(parts[0]), from: path)
        guard let file, let target = pages[file] else {
          Issue.record("\(path): \(url) does not resolve to a generated file")
          continue
        }
        if parts.count == 2 {
          #expect(S.ids(in: target).contains(String(parts[1])), "\(path): no #\(parts[1]) in \(file)")
        }
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test func pagesUseRelativeRootsByDepth() throws {
    let pages = try render()
    #expect(pages["index.html"]!.contains("href=\"style.css\""))
    #expect(pages["page/2.html"]!.contains("href=\"../style.css\""))
    #expect(pages["source/reuters-world.html"]!.contains("href=\"../index.html\""))
  }

  @Test func textFieldsAreEscapedAndOnlySanitisedHTMLIsInsertedAsIs() throws {
    let pages = try render()
    for (path, html) in pages where path.hasSuffix(".html") {
      #expect(!html.contains("<script"), "\(path) has a script element")
      #expect(!html.contains("<img src=x"), "\(path) has the title's markup unescaped")
      #expect(!html.contains("javascript:"), "\(path) links to a javascript: URL")
      #expect(!html.contains("<b>text</b>"), "\(path) has a plain-text summary unescaped")
    }
    let xssPage = try #require(pages.first { $0.key.hasPrefix("entry/2022-02-11-script-alert") }?.value)
    #expect(xssPage.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;"))
    #expect(xssPage.contains("Plain &lt;b&gt;text&lt;/b&gt; summary with &lt;angle&gt; brackets &amp; ampersands."))
    let ars = try #require(pages.first { $0.key.hasPrefix("entry/2022-02-11-bold-beautiful") }?.value)
    #expect(ars.contains("<p>Hello <em>world</em>, this is the <a href=\"https://ars.example/a\">full text</a>.</p>"))
    #expect(ars.contains("<h1>Bold &amp; beautiful: the new screens</h1>"), "an HTML title shows as plain text")
    let summaryOnly = try #require(pages.first { $0.key.hasPrefix("entry/2022-02-10-only-a-summary") }?.value)
    #expect(summaryOnly.contains("<p>The feed gave no body, just this line.</p>"))
    #expect(summaryOnly.contains("<p>And a second paragraph.</p>"))
  }

  @Test func relativeURLsInEntryHTMLAreDroppedNotLeftDangling() throws {
    var items = S.items()
    items[2].entry.content = [
      Content(type: "html", value: "<p><a href=\"/timetables\">timetable</a> <a href=\"https://ok.example/\">ok</a></p>")
    ]
    let pages = try render(items)
    let page = try #require(pages.first { $0.key.hasPrefix("entry/2022-02-11-bold-beautiful") }?.value)
    #expect(page.contains("<a>timetable</a>"))
    #expect(page.contains("<a href=\"https://ok.example/\">ok</a>"))
  }

  @Test func audioEnclosuresGetAPlayerAndScriptURLsNoLink() throws {
    var items = S.items()
    items[0].entry.enclosures = [
      Enclosure(href: "https://cdn.example/show.mp3", type: "audio/mpeg", length: 18_000_000),
      Enclosure(href: "javascript:alert(1)", type: "audio/mpeg"),
    ]
    let pages = try render(items)
    let page = try #require(pages.first { $0.key.hasPrefix("entry/2022-02-11-talks-resume") }?.value)
    #expect(page.contains("<audio controls preload=\"none\" src=\"https://cdn.example/show.mp3\"></audio>"))
    #expect(page.contains("show.mp3</a> <span class=\"muted\">audio/mpeg</span> <span class=\"muted\">· 18 MB</span>"))
    #expect(!page.contains("javascript:"))
  }

  @Test func pagesCarryLanguageCharsetViewportAndAPolicyWithoutScripts() throws {
    let pages = try render()
    for (path, html) in pages where path.hasSuffix(".html") {
      #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"), "\(path)")
      #expect(html.contains("<meta charset=\"utf-8\">"))
      #expect(html.contains("name=\"viewport\" content=\"width=device-width"))
      #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none';"))
    }
    var site = S.site
    site.language = "not a language!"
    let renderer = try SiteRenderer(templateDirectories: [S.defaultTemplates])
    let fallback = S.byPath(try renderer.render(site: site, items: S.items(), pageSize: 3))
    #expect(fallback["index.html"]!.contains("<html lang=\"en\">"))
  }

  @Test func externalLinksDoNotLeakTheOpener() throws {
    let pages = try render()
    for (path, html) in pages where path.hasSuffix(".html") {
      var rest = html[...]
      while let start = rest.range(of: "<a ") {
        let tagEnd = rest[start.upperBound...].firstIndex(of: ">")!
        let tag = rest[start.lowerBound..<tagEnd]
        if tag.contains("href=\"http"), !tag.contains("\"https://ars.example/a\"") {
          #expect(tag.contains("rel=\"noopener noreferrer\""), "\(path): \(tag)")
        }
        rest = rest[tagEnd...]
      }
    }
  }

  @Test func ordersNewestFirstWithUndatedLast() throws {
    let pages = try render(pageSize: 0)
    let index = pages["index.html"]!
    let titles = [
      "Talks resume as envoys meet in Geneva", "&lt;script&gt;", "Bold &amp; beautiful", "Only a summary here",
      "Chip makers race", "Weekend market", "An undated note",
    ]
    let positions = titles.map { index.range(of: $0)?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil })
    #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
    #expect(index.contains(">Undated <span class=\"count\">1</span>"))
    #expect(pages["page/2.html"] == nil, "page size 0 keeps everything on one page")
  }

  @Test func entrySlugsAreSafeUniqueAndStable() throws {
    let pages = try render()
    let slugs = pages.keys.filter { $0.hasPrefix("entry/") }.map { String($0.dropFirst(6).dropLast(5)) }
    for slug in slugs {
      #expect(slug.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }, "\(slug)")
      #expect(slug.utf8.count <= 90)
    }
    #expect(slugs.contains { $0.hasPrefix("2022-02-11-talks-resume-as-envoys-meet-in-geneva-") })
    #expect(slugs.contains { $0.hasPrefix("undated-an-undated-note") })
    // Two entries with the same day, title and key still get two pages.
    var twins = S.items()
    twins.append(twins[0])
    let twinPages = try render(twins)
    #expect(twinPages.keys.filter { $0.hasPrefix("entry/2022-02-11-talks-resume") }.count == 2)
  }

  @Test func renderingIsByteIdenticalWhateverTheInputOrder() throws {
    let renderer = try SiteRenderer(templateDirectories: [S.defaultTemplates])
    let first = try renderer.render(site: S.site, items: S.items(), pageSize: 2)
    let again = try renderer.render(site: S.site, items: S.items(), pageSize: 2)
    let reversed = try renderer.render(site: S.site, items: S.items().reversed(), pageSize: 2)
    #expect(first == again)
    #expect(first == reversed)
    #expect(first.map(\.path) == first.map(\.path).sorted())
    for file in first where file.path.hasSuffix(".html") {
      let html = String(decoding: file.bytes, as: UTF8.self)
      #expect(!html.contains("generated"), "no build stamp unless asked")
    }
  }

  @Test func buildStampAppearsOnlyWhenAsked() throws {
    var renderer = try SiteRenderer(templateDirectories: [S.defaultTemplates])
    renderer.generatedAt = DateTime(year: 2026, month: 12, day: 1, hour: 15)
    let pages = S.byPath(try renderer.render(site: S.site, items: S.items(), pageSize: 3))
    #expect(pages["index.html"]!.contains("<time datetime=\"2026-12-01T15:00:00Z\">"))
  }

  @Test func feedLinksAppearInTheHead() throws {
    var renderer = try SiteRenderer(templateDirectories: [S.defaultTemplates])
    renderer.feeds = [SiteFeedLink(title: "Atom feed", path: "feed.atom")]
    let pages = S.byPath(try renderer.render(site: S.site, items: S.items(), pageSize: 3))
    #expect(pages["day/2022-02-11.html"]!.contains(
      "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom feed\" href=\"../feed.atom\">"))
  }

  @Test func anOverrideDirectoryReplacesFileByFile() throws {
    let pages = try render(directories: [S.defaultTemplates, S.fixture("override")])
    #expect(pages["index.html"]!.contains("OVERRIDDEN FOOTER for Morning Loom"))
    #expect(pages["index.html"]!.contains("class=\"masthead\""), "templates not overridden stay")
    #expect(pages["style.css"] == "body { background: rebeccapurple; }\n")
  }

  @Test func aBrokenTemplateNamesItsFileAndLine() throws {
    #expect {
      _ = try SiteRenderer(templateDirectories: [S.defaultTemplates, S.fixture("broken")])
    } throws: { error in
      guard case let .template(file, line, message) = error as? RenderError else { return false }
      return file == S.fixture("broken") + "/entry-card.mustache" && line == 4 && message.contains("closed")
    }
  }

  @Test func aMissingPartialNamesItsFileAndLine() throws {
    #expect {
      _ = try SiteRenderer(templateDirectories: [S.defaultTemplates, S.fixture("missing-partial")])
    } throws: { error in
      error as? RenderError
        == .template(file: S.fixture("missing-partial") + "/day-group.mustache", line: 4,
          message: "partial \"entry-crad\" not found")
    }
  }

  @Test func aMissingDirectoryOrPageTemplateIsAnError() throws {
    #expect(throws: RenderError.self) { try SiteRenderer(templateDirectories: ["/nonexistent/templates"]) }
    #expect {
      _ = try SiteRenderer(templateDirectories: [S.fixture("override")])
    } throws: { error in
      guard case let .template(file, _, message) = error as? RenderError else { return false }
      return file == "index.mustache" && message.contains("not found")
    }
  }

  @Test func anEmptySiteStillHasAFrontPage() throws {
    let pages = try render([])
    #expect(pages["index.html"]!.contains("Nothing here yet"))
    #expect(pages["archive.html"] != nil && pages["sources.html"] != nil)
  }

  @Test func findsTheDefaultTemplatesNextToTheConfig() {
    #expect(SiteRenderer.defaultTemplatesDirectory(near: S.packageRoot) == S.packageRoot + "/Templates")
  }
}

@Suite struct SiteTextTests {
  @Test func slugsAreLowerCaseASCIIAndCutAtWords() {
    #expect(SiteText.slug("Hello, World! Ça va?") == "hello-world-ca-va")
    #expect(SiteText.slug("  --Ünïcödé  ") == "unicode")
    #expect(SiteText.slug("北京") == "")
    let long = SiteText.slug(String(repeating: "word ", count: 40), maxLength: 30)
    #expect(long.utf8.count <= 30 && !long.hasSuffix("-") && long.hasPrefix("word-word"))
  }

  @Test func shortHashIsStable() {
    #expect(SiteText.shortHash("urn:reuters:1") == SiteText.shortHash("urn:reuters:1"))
    #expect(SiteText.shortHash("urn:reuters:1") != SiteText.shortHash("urn:reuters:2"))
    #expect(SiteText.shortHash("") == "5s8422", "FNV-1a offset basis, low five bits first (checked with Python)")
  }

  @Test func onlyWebURLsAreLinked() {
    #expect(SiteText.safeWebURL("https://example.com/a?b=1") == "https://example.com/a?b=1")
    #expect(SiteText.safeWebURL("javascript:alert(1)") == nil)
    #expect(SiteText.safeWebURL("JaVaScRiPt:alert(1)") == nil)
    #expect(SiteText.safeWebURL("data:text/html,<script>") == nil)
    #expect(SiteText.safeWebURL("https://example.com/\"><script>") == nil)
    #expect(SiteText.safeWebURL("/relative") == nil)
  }

  @Test func languageTagsAreCheckedAndNormalised() {
    #expect(SiteText.languageTag("en_US") == "en-US")
    #expect(SiteText.languageTag(" de ") == "de")
    #expect(SiteText.languageTag("english!") == nil)
  }

  @Test func excerptsCutAtWords() {
    #expect(SiteText.excerpt("one two three four five", limit: 12) == "one two…")
    #expect(SiteText.excerpt("short", limit: 12) == "short")
  }
}
