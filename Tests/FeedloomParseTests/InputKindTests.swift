import Testing
@testable import FeedloomParse

@Suite struct InputKindTests {
  @Test func namesMatchTheCommandLine() {
    #expect(InputKind(rawValue: "jsonfeed") == .jsonfeed)
    #expect(InputKind(rawValue: "json") == nil)
  }
}

/// Markup that names HTML and no feed element is a page; anything else with a "<" first is
/// read as XML. Names are found in any case, anywhere in the first KB.
@Suite struct SnifferTests {
  private func kind(_ text: String) -> Sniffer.Kind { Sniffer.kind(of: Array(text.utf8)) }

  @Test func tellsPagesFromFeeds() {
    #expect(kind("<!DOCTYPE HTML><html><body>x</body></html>") == .html)
    #expect(kind("<?xml version=\"1.0\"?>\n<HTML lang=en>") == .html)
    #expect(kind("<html><head><link rel=alternate href=/feed></head></html>") == .html)
    #expect(kind("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><description>&lt;html&gt;</description>") == .markup)
    #expect(kind("<html><body><RSS></RSS></body></html>") == .markup)
    #expect(kind("<feed xmlns=\"http://www.w3.org/2005/Atom\"><content type=\"html\"><html/>") == .markup)
    #expect(kind("<rdf:RDF><channel>") == .markup)
    #expect(kind("<note>no page, no feed</note>") == .markup)
    #expect(kind("<htm") == .markup)
    #expect(kind("{\"version\": \"https://jsonfeed.org/version/1\"}") == .json)
    #expect(kind("Plain words <html> later") == .text)
  }

  /// Only the first kilobyte is looked at.
  @Test func looksAtTheFirstKilobyte() {
    let padding = "<!--" + String(repeating: "x", count: 1100) + "-->"
    #expect(kind("<html>" + padding + "<rss>") == .html)
    #expect(kind("<p>" + padding + "<html>") == .markup)
  }
}
