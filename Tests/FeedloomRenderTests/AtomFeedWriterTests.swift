import FeedloomModel
import Foundation
import Testing

@testable import FeedloomRender

@Suite struct AtomFeedWriterTests {
  let writer = AtomFeedWriter(site: ExportFixtures.site, options: AtomOptions(path: "feed.atom", limit: 50))

  func render(_ items: [Item]) -> String {
    String(decoding: writer.render(items), as: UTF8.self)
  }

  @Test func passesTheSharedAtomValidator() throws {
    let bytes = writer.render(ExportFixtures.mixedItems)
    guard let result = ExportFixtures.validate(bytes, fileName: "feed.atom", validator: "check_atom.py")
    else { return }  // shared harness absent: nothing to compare against
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains(" 0 failed"), "\(result.output)")
  }

  @Test func anEmptyFeedIsStillValid() throws {
    let bytes = writer.render([])
    let xml = String(decoding: bytes, as: UTF8.self)
    #expect(xml.contains("<updated>1970-01-01T00:00:00Z</updated>"))
    guard let result = ExportFixtures.validate(bytes, fileName: "feed.atom", validator: "check_atom.py")
    else { return }
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func feedMetadataComesFromTheSite() {
    let xml = render(ExportFixtures.mixedItems)
    #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">"))
    #expect(xml.contains("<id>https://digest.example.org/news/</id>"))
    #expect(xml.contains("<link rel=\"self\" href=\"https://digest.example.org/news/feed.atom\" type=\"application/atom+xml\"/>"))
    #expect(xml.contains("<author>\n    <name>Desk</name>\n    <email>desk@example.org</email>\n  </author>"))
    // The feed's updated is the newest entry's, not the clock's.
    #expect(xml.contains("  <updated>2024-05-01T09:00:00Z</updated>"))
  }

  @Test func entriesAreNewestFirstWithUniqueIds() {
    let xml = render(ExportFixtures.mixedItems)
    let ids = xml.components(separatedBy: "<entry").dropFirst().compactMap { chunk -> String? in
      guard let start = chunk.range(of: "<id>"), let end = chunk.range(of: "</id>") else { return nil }
      return String(chunk[start.upperBound..<end.lowerBound])
    }
    #expect(ids == [
      "https://river.example.com/2024/05/bridge",
      "tag:digest.example.org,2026:river-news/river%2012345",
      "tag:notes.example.net,2024:video-1",
      "tag:feedloom,2026:field-notes/walk",
    ])
  }

  @Test func theLimitKeepsTheNewest() {
    let limited = AtomFeedWriter(site: ExportFixtures.site, options: AtomOptions(limit: 1))
    let xml = String(decoding: limited.render(ExportFixtures.mixedItems), as: UTF8.self)
    #expect(xml.components(separatedBy: "<entry").count == 2)
    #expect(xml.contains("<id>https://river.example.com/2024/05/bridge</id>"))
  }

  @Test func outputIsByteStableAndIndependentOfInputOrder() {
    let items = ExportFixtures.mixedItems
    let first = writer.render(items)
    #expect(writer.render(items) == first)
    #expect(writer.render(items.reversed()) == first)
  }

  @Test func forbiddenCharactersAreDroppedAndMarkupEscaped() {
    let xml = render(ExportFixtures.mixedItems)
    #expect(!xml.unicodeScalars.contains { $0.value == 1 || $0.value == 0xFFFE })
    #expect(xml.contains("<title type=\"html\">Bridge &lt;em&gt;reopens&lt;/em&gt; &amp;amp; traffic flows</title>"))
    #expect(xml.contains("<content type=\"html\">&lt;p&gt;After &lt;a href=\"/maps\"&gt;two years"))
  }

  @Test func unsafeOrBrokenValuesAreLeftOutOrRepaired() {
    let xml = render(ExportFixtures.mixedItems)
    #expect(!xml.contains("javascript:"))
    #expect(!xml.contains("data:audio"))
    #expect(xml.contains("href=\"https://river.example.com/2024/04/a%20b\""))
    #expect(!xml.contains("Ana Ortiz &lt;"))  // a display-name email is no addr-spec
    #expect(xml.contains("<contributor>\n      <name>copy@example.com</name>\n      <email>copy@example.com</email>"))
    #expect(xml.contains("<entry xml:lang=\"en-US\" xml:base=\"https://river.example.com/2024/05/bridge\">"))
    #expect(xml.contains("<link rel=\"enclosure\" href=\"https://cdn.example.com/bridge.mp3\" type=\"audio/mpeg\" length=\"1234\"/>"))
    #expect(xml.contains("<link rel=\"replies\" href=\"https://river.example.com/2024/05/bridge#comments\" type=\"text/html\"/>"))
    #expect(xml.contains("<link rel=\"alternate\" href=\"https://river.example.com/2024/05/bridge.fr\" hreflang=\"fr\"/>"))
    #expect(!xml.contains("rel=\"self\" href=\"https://river.example.com/2024/05"))
    #expect(xml.components(separatedBy: "term=\"city\"").count == 2)  // repeated category once
  }

  @Test func updatedIsNeverBeforePublished() {
    let xml = render(ExportFixtures.mixedItems)
    #expect(xml.contains("<updated>2024-05-01T09:00:00Z</updated>\n    <published>2024-05-01T09:00:00Z</published>"))
  }

  @Test func entriesWithoutDatesTitleOrLinkStayValid() {
    let xml = render(ExportFixtures.mixedItems)
    // The text article: title from its first line, date from the newest entry, text as content.
    #expect(xml.contains("<title>A walk along the canal</title>"))
    #expect(xml.contains("<content type=\"text\">A walk along the canal\n\nThe towpath"))
    // Out-of-line content brings a summary, as RFC 4287 4.1.1.1 requires.
    #expect(xml.contains("<content type=\"video/mp4\" src=\"https://notes.example.net/v.mp4\"/>"))
    #expect(xml.contains("<summary>&lt;b&gt;Video&lt;/b&gt; notes</summary>") == false)
    #expect(xml.contains("<summary>Untitled</summary>"))
  }

  @Test func sourceNamesWhereEachEntryCameFrom() {
    let xml = render(ExportFixtures.mixedItems)
    #expect(xml.contains("""
          <source>
            <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
            <title>River News</title>
            <link rel="alternate" href="https://river.example.com/"/>
            <link rel="self" href="https://river.example.com/feed.xml"/>
            <updated>2024-05-02T12:00:00Z</updated>
            <author>
              <name>River Team</name>
            </author>
          </source>
      """))
    #expect(xml.contains("<source>\n      <title>Field Notes</title>\n    </source>"))
  }
}

@Suite struct XMLWriterTests {
  @Test func escapesTextAndAttributesAndDropsWhatXMLForbids() {
    var w = XMLWriter()
    w.start("a")
    w.attribute("v", "x\"<&>\t\n\r\u{0}\u{B}y")
    w.text("1 < 2 && ]]> \u{1F}\u{FFFF}\u{FFFD}\r")
    w.end()
    let out = String(decoding: w.finish(), as: UTF8.self)
    #expect(out == "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a v=\"x&quot;&lt;&amp;&gt;&#9;&#10;&#13;y\">1 &lt; 2 &amp;&amp; ]]&gt; \u{FFFD}&#13;</a>\n")
  }

  @Test func indentsElementOnlyContentAndKeepsTextIntact() {
    var w = XMLWriter()
    w.start("r")
    w.element("a", "  spaced  ")
    w.start("b")
    w.end()
    w.end()
    #expect(String(decoding: w.finish(), as: UTF8.self)
      == "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r>\n  <a>  spaced  </a>\n  <b/>\n</r>\n")
  }
}

@Suite struct HTMLURLGuardTests {
  @Test func validURLsAreCopiedByteForByte() {
    let html = "<p>See <a href=\"https://example.com/a?b=1&amp;c=2\" title=\"x\">this</a><br/><img src='/i.png' alt=x></p>"
    #expect(HTMLURLGuard.clean(html, hasBase: true) == html)
  }

  @Test func brokenURLsAreRepairedOrDropped() {
    #expect(HTMLURLGuard.clean("<a href=\"http://example.com]\">x</a>", hasBase: true) == "<a>x</a>")
    #expect(HTMLURLGuard.clean("<a href=\"https://example.com/a b\">x</a>", hasBase: true)
      == "<a href=\"https://example.com/a%20b\">x</a>")
    #expect(HTMLURLGuard.clean("<img src=\"/i.png\" alt=\"i\">", hasBase: false) == "<img alt=\"i\">")
    #expect(HTMLURLGuard.clean("<a href=\"javascript:alert(1)\">x</a>", hasBase: true) == "<a>x</a>")
    #expect(HTMLURLGuard.clean("<img srcset=\"a.png 1x, http://[::1 2x\">", hasBase: true) == "<img>")
    #expect(HTMLURLGuard.clean("<a href=\"#top\">up</a> 1 < 2", hasBase: false) == "<a href=\"#top\">up</a> 1 < 2")
  }
}

@Suite struct IRITests {
  @Test func linksAreRepairedOrRefused() {
    #expect(IRI.absolute("https://example.com/a b|c") == "https://example.com/a%20b%7Cc")
    #expect(IRI.absolute(" http://example.com/x#a#b ") == "http://example.com/x#a%23b")
    #expect(IRI.absolute("http://example.com/100%") == "http://example.com/100%25")
    #expect(IRI.absolute("http://example.com/%41") == "http://example.com/%41")
    #expect(IRI.absolute("javascript:alert(1)") == nil)
    #expect(IRI.absolute("/relative/path") == nil)
    #expect(IRI.absolute("http:///nohost") == nil)
    #expect(IRI.absolute("http://example.com:99999/") == nil)
    #expect(IRI.absolute("mailto:desk@example.org") == "mailto:desk@example.org")
  }

  @Test func idsFollowTheirSchemes() {
    #expect(IRI.identifier("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a") != nil)
    #expect(IRI.identifier("urn:uuid:not-a-uuid") == nil)
    #expect(IRI.identifier("urn:feedloom-xss:12:rss-title") == "urn:feedloom-xss:12:rss-title")
    #expect(IRI.identifier("tag:example.com,2024-05:entry/1") != nil)
    #expect(IRI.identifier("tag:example.com:entry") == nil)
    #expect(IRI.identifier("12345") == nil)
    #expect(IRI.identifier("data:text/html,x") == nil)
  }
}
