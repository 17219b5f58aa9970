import FeedloomModel
import Foundation

@testable import FeedloomRender

/// Paths and synthetic inputs shared by the site tests.
enum SiteTestSupport {
  /// The package root, found from this file's location.
  static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static var defaultTemplates: String { packageRoot + "/Templates" }

  static func fixture(_ name: String) -> String {
    packageRoot + "/Tests/FeedloomRenderTests/Fixtures/site/" + name
  }

  static let site = SiteInfo(
    title: "Morning Loom", url: "https://news.example.org/digest", language: "en-GB",
    description: "World news, technology and a little local colour.")

  static func source(_ name: String, _ slug: String, link: String? = nil) -> SourceInfo {
    var feed = Feed()
    feed.title = .plain(name + " feed")
    feed.link = link
    return SourceInfo(name: name, slug: slug, feed: feed, location: "https://\(slug).example/feed.xml")
  }

  static func entry(
    title: Text?, at date: DateTime?, summary: Text? = nil, content: Content? = nil, text: String? = nil,
    link: String? = nil, authors: [String] = [], categories: [String] = []
  ) -> Entry {
    var entry = Entry()
    entry.title = title
    entry.published = date.map { Stamp(date: $0) }
    entry.summary = summary
    entry.content = content.map { [$0] } ?? []
    entry.text = text
    entry.link = link
    entry.authors = authors.map { Person(name: $0) }
    entry.categories = categories.map { Category(term: $0) }
    return entry
  }

  /// Four sources over three days plus one undated entry: an entry with only a summary, one
  /// with sanitised HTML content, one whose title looks like an attack, one with a
  /// `javascript:` link, one with an HTML title.
  static func items() -> [Item] {
    let reuters = source("Reuters World", "reuters-world", link: "https://www.reuters.example/world")
    let verge = source("The Verge", "the-verge")
    let ars = source("Ars Technica", "ars")
    let local = source("Café Local", "cafe-local")
    let d = { (day: Int, hour: Int) in DateTime(year: 2022, month: 2, day: day, hour: hour, minute: 5) }
    return [
      Item(
        entry: entry(
          title: .plain("Talks resume as envoys meet in Geneva"), at: d(11, 22),
          summary: .plain("Diplomats from both sides sat down for the first time in weeks."),
          text: "Diplomats from both sides sat down for the first time in weeks.",
          link: "https://www.reuters.example/world/talks-resume", authors: ["Jane Doe", "Ali Khan"]),
        source: reuters, key: "urn:reuters:1"),
      Item(
        entry: entry(
          title: .plain("<script>alert(1)</script> & \"quoted\" <img src=x onerror=alert(2)>"),
          at: d(11, 9), summary: .plain("Plain <b>text</b> summary with <angle> brackets & ampersands."),
          text: "Plain <b>text</b> summary with <angle> brackets & ampersands.",
          link: "javascript:alert(3)"),
        source: verge, key: "urn:verge:xss"),
      Item(
        entry: entry(
          title: Text(type: .html, value: "<b>Bold</b> &amp; beautiful: the new <em>screens</em>"), at: d(11, 7),
          content: Content(
            type: "html",
            value: "<p>Hello <em>world</em>, this is the <a href=\"https://ars.example/a\">full text</a>.</p>"
              + "<p>Second paragraph.</p>"),
          text: "Hello world, this is the full text.\n\nSecond paragraph.",
          link: "https://ars.example/screens", categories: ["Gadgets", "Displays"]),
        source: ars, key: "urn:ars:screens"),
      Item(
        entry: entry(
          title: .plain("Only a summary here"), at: d(10, 18),
          summary: .plain("The feed gave no body, just this line.\n\nAnd a second paragraph."),
          link: "https://cafe-local.example/summary"),
        source: local, key: "urn:local:summary"),
      Item(
        entry: entry(
          title: .plain("Chip makers race to expand capacity"), at: d(10, 12),
          summary: Text(type: .html, value: "<p>Fabs are <strong>booked</strong> for years.</p>"),
          text: "Fabs are booked for years.", link: "https://www.reuters.example/tech/chips"),
        source: reuters, key: "urn:reuters:2"),
      Item(
        entry: entry(
          title: .plain("Weekend market returns to the square"), at: d(8, 6),
          text: "Stalls, music and the smell of fresh bread.", link: "https://cafe-local.example/market"),
        source: local, key: "urn:local:market"),
      Item(
        entry: entry(title: nil, at: nil, text: "An undated note without a title, but with some words."),
        source: verge, key: "urn:verge:undated"),
    ]
  }

  /// Every file of a render by path.
  static func byPath(_ files: [SiteFile]) -> [String: String] {
    Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
  }

  /// Values of `href="…"` and `src="…"` attributes in a page.
  static func urls(in html: String) -> [String] {
    var result: [String] = []
    for attribute in [" href=\"", " src=\""] {
      var rest = html[...]
      while let start = rest.range(of: attribute) {
        let after = rest[start.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { break }
        result.append(String(after[..<end]))
        rest = after[end...]
      }
    }
    return result
  }

  /// `id="…"` values in a page.
  static func ids(in html: String) -> Set<String> {
    var result = Set<String>()
    var rest = html[...]
    while let start = rest.range(of: " id=\"") {
      let after = rest[start.upperBound...]
      guard let end = after.firstIndex(of: "\"") else { break }
      result.insert(String(after[..<end]))
      rest = after[end...]
    }
    return result
  }

  /// `target` resolved against the folder of `page` (both site-relative), `nil` if it leaves
  /// the site.
  static func resolve(_ target: String, from page: String) -> String? {
    var parts = page.split(separator: "/").dropLast().map(String.init)
    for part in target.split(separator: "/", omittingEmptySubsequences: false) {
      switch part {
      case ".": continue
      case "..":
        if parts.isEmpty { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }
}
