import FeedloomModel
import FeedloomTestSupport
import Foundation

/// Items built by hand for the export tests (the readers land separately), and a runner for
/// the shared validators.
enum ExportFixtures {
  static let site = SiteInfo(
    title: "Loom Digest", url: "https://digest.example.org/news/", language: "en-GB",
    description: "Everything, woven", author: Person(name: "Desk", email: "desk@example.org"))

  static func source(_ name: String, slug: String, feed: Feed = Feed()) -> SourceInfo {
    SourceInfo(name: name, slug: slug, feed: feed, location: "examples/\(slug).xml")
  }

  static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12) -> Stamp {
    Stamp(date: DateTime(year: year, month: month, day: day, hour: hour), text: nil)
  }

  /// A mix that exercises every branch of the writers.
  static var mixedItems: [Item] {
    var feed = Feed()
    feed.id = "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    feed.link = "https://river.example.com/"
    feed.links = [Link(href: "https://river.example.com/feed.xml", rel: "self")]
    feed.updated = date(2024, 5, 2)
    feed.authors = [Person(name: "River Team")]
    let river = source("River News", slug: "river-news", feed: feed)
    let notes = source("Field Notes", slug: "field-notes")

    var rich = Entry()
    rich.id = "https://river.example.com/2024/05/bridge"
    rich.title = Text(type: .html, value: "Bridge <em>reopens</em> &amp; traffic flows")
    rich.link = "https://river.example.com/2024/05/bridge"
    rich.links = [
      Link(href: "https://river.example.com/2024/05/bridge", rel: "alternate"),
      Link(href: "https://river.example.com/2024/05/bridge.fr", rel: "alternate", hreflang: "fr"),
      Link(href: "https://river.example.com/feed.xml", rel: "self"),
      Link(href: "javascript:alert(1)", rel: "related"),
    ]
    rich.published = date(2024, 5, 1, 9)
    rich.updated = date(2024, 5, 1, 8)  // before published: the writer must not emit that
    rich.authors = [Person(name: "Ana Ortiz", email: "Ana Ortiz <ana@example.com>"), Person()]
    rich.contributors = [Person(email: "copy@example.com")]
    rich.categories = [Category(term: "city", scheme: "https://river.example.com/tags"),
                       Category(label: "Transport"), Category(term: "city", scheme: "https://river.example.com/tags")]
    rich.summary = Text(type: .text, value: "The bridge is open again.")
    rich.content = [Content(type: "html", value: "<p>After <a href=\"/maps\">two years</a>, it is open.\u{1}\u{FFFE}</p>")]
    rich.text = "After two years, it is open."
    rich.enclosures = [Enclosure(href: "https://cdn.example.com/bridge.mp3", type: "audio/mpeg", length: 1234),
                       Enclosure(href: "data:audio/mpeg;base64,AAAA", type: "audio/mpeg")]
    rich.comments = "https://river.example.com/2024/05/bridge#comments"
    rich.language = "en_US"

    var plainGuid = Entry()
    plainGuid.id = "river 12345"  // an RSS guid that is no IRI
    plainGuid.title = .plain("=HYPERLINK(\"http://attacker.invalid\",\"x\")")
    plainGuid.link = "https://river.example.com/2024/04/a b"
    plainGuid.published = date(2024, 4, 30)
    plainGuid.summary = Text(type: .html, value: "<p>Line one<br>line&nbsp;two &#8212; done</p>")
    plainGuid.text = "Line one line two — done"

    var textArticle = Entry()
    textArticle.title = nil
    textArticle.text = "A walk along the canal\n\nThe towpath was quiet this morning, and the herons were out."

    var outOfLine = Entry()
    outOfLine.id = "tag:notes.example.net,2024:video-1"
    outOfLine.title = Text(type: .xhtml, value: "<b>Video</b> notes")
    outOfLine.content = [Content(type: "video/mp4", value: "", src: "https://notes.example.net/v.mp4")]
    outOfLine.updated = date(2023, 12, 31, 23)

    let duplicate = Item(entry: rich, source: river, key: rich.id!)

    return [
      Item(entry: plainGuid, source: river, key: plainGuid.id!),
      Item(entry: rich, source: river, key: rich.id!),
      Item(entry: textArticle, source: notes, key: "tag:feedloom,2026:field-notes/walk"),
      Item(entry: outOfLine, source: notes, key: outOfLine.id!),
      duplicate,
    ]
  }

  // MARK: - Shared harnesses

  /// `shared/` with its validators; nil when it is not on this machine.
  static var sharedDirectory: URL? { SharedHarness.directory(containing: "validators") }

  /// Runs a shared validator on `bytes` written to a temporary file named `fileName`;
  /// returns its exit status and output, or nil when the harness (or python3) is missing.
  static func validate(_ bytes: [UInt8], fileName: String, validator: String, arguments: [String] = [])
    -> (status: Int32, output: String)?
  {
    guard let shared = sharedDirectory else { return nil }
    let script = shared.appendingPathComponent("validators").appendingPathComponent(validator)
    guard FileManager.default.fileExists(atPath: script.path) else { return nil }
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("feedloom-export-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent(fileName)
    guard (try? Data(bytes).write(to: file)) != nil else { return nil }
    return SharedHarness.python([script.path] + arguments + [file.path])
  }
}
