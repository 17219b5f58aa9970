import FeedloomModel
import Testing
@testable import FeedloomParse

/// `xml:base` and `xml:lang` are scoped to the element that sets them and its descendants.
@Suite struct BuilderScopeTests {
  private func read(_ xml: String, base: String? = nil) throws -> Document {
    try DocumentReader.read(Input(bytes: Array(xml.utf8), name: "scope.xml", baseURL: base))
  }

  @Test func baseAndLanguageEndWithTheirElement() throws {
    let d = try read(
      """
      <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/feed/" xml:lang="en">
        <entry xml:base="http://b.example/e/" xml:lang="fr">
          <title>un</title>
          <link href="one"/>
          <content type="html" xml:base="http://c.example/c/">&lt;a href="x"&gt;x&lt;/a&gt;</content>
          <summary type="html">&lt;a href="y"&gt;y&lt;/a&gt;</summary>
        </entry>
        <entry>
          <title>two</title>
          <link href="two"/>
        </entry>
      </feed>
      """)
    #expect(d.entries.count == 2)
    let first = d.entries[0]
    #expect(first.link == "http://b.example/e/one")
    #expect(first.title?.language == "fr")
    #expect(first.content.first?.base == "http://c.example/c/")
    #expect(first.content.first?.value.contains("http://c.example/c/x") == true)
    // The content's base ended with the content; the summary sees the entry's.
    #expect(first.summary?.base == "http://b.example/e/")
    #expect(first.summary?.value.contains("http://b.example/e/y") == true)
    let second = d.entries[1]
    #expect(second.link == "http://a.example/feed/two")
    #expect(second.title?.language == "en")
    #expect(second.language == "en")
  }

  @Test func theDocumentURLIsTheBaseWithoutXMLBase() throws {
    let d = try read(
      "<rss version=\"2.0\"><channel><item><link>a/b</link></item><item xml:base=\"http://x.example/\"><link>c</link></item><item><link>d</link></item></channel></rss>",
      base: "http://doc.example/feed.xml")
    #expect(d.entries.map(\.link) == ["http://doc.example/a/b", "http://x.example/c", "http://doc.example/d"])
  }
}
