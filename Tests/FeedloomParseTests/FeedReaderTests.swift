import FeedloomModel
import Testing
@testable import FeedloomParse

@Suite struct RSSTests {
  let document: Document

  init() throws {
    document = try DocumentReader.read(try Fixture.input("rss20-basic.xml"))
  }

  @Test func readsChannelMetadata() {
    #expect(document.format == .rss20)
    #expect(document.wellFormed)
    #expect(document.encoding == "utf-8")
    #expect(document.feed.title?.value == "Example & Co")
    #expect(document.feed.title?.type == .text)
    #expect(document.feed.link == "http://example.com/")
    #expect(document.feed.subtitle?.type == .html)
    #expect(document.feed.language == "en-us")
    #expect(document.feed.ttl == 60)
    #expect(document.feed.updated?.text == "Fri, 11 Feb 2022 22:00:00 GMT")
    #expect(document.feed.updated?.date?.rfc3339 == "2022-02-11T22:00:00Z")
    #expect(document.feed.authors.first?.email == "editor@example.com")
    #expect(document.feed.links.contains { $0.rel == "self" && $0.href == "http://example.com/feed.xml" })
  }

  @Test func imageAndTextInputDoNotLeakIntoTheChannel() {
    #expect(document.feed.image?.title == "Logo title")
    #expect(document.feed.image?.width == 88)
    #expect(document.feed.logo == document.feed.image?.href)
    #expect(document.feed.title?.value == "Example & Co")
    #expect(!document.feed.links.contains { $0.href.contains("search") })
  }

  @Test func readsItems() throws {
    #expect(document.entries.count == 2)
    let first = document.entries[0]
    #expect(first.id == "post-1")
    #expect(first.title?.value == "First post")
    #expect(first.published?.date?.rfc3339 == "2022-02-10T07:30:00Z")
    #expect(first.authors.first?.name == "Jane Doe")
    #expect(first.categories.first?.term == "news")
    #expect(first.categories.first?.scheme == "http://example.com/tags")
    #expect(first.summary?.type == .html)
    #expect(first.content.first?.type == "html")
    #expect(first.enclosures.first?.length == 1234)
    #expect(first.links.contains { $0.rel == "enclosure" && $0.type == "audio/mpeg" })
    #expect(first.comments == "http://example.com/posts/1#comments")
    #expect(first.source?.title?.value == "Other feed")
    #expect(first.source?.links.first?.rel == "self")
    #expect(first.text != nil)
  }

  @Test func permalinkGuidIsTheLinkAndBadDatesAreReported() {
    let second = document.entries[1]
    #expect(second.link == "http://example.com/posts/2")
    #expect(second.published?.date == nil)
    #expect(second.published?.text == "not a date")
    #expect(document.errors.contains { $0.code == "unreadable-date" && $0.line != nil })
    #expect(document.wellFormed, "a bad date does not make the XML ill-formed")
  }

  @Test func relativeLinksResolveAgainstTheDocumentURL() throws {
    let based = try DocumentReader.read(
      try Fixture.input("rss20-basic.xml", base: "http://example.com/feed.xml"))
    #expect(based.entries[0].link == "http://example.com/posts/1")
    #expect(based.feed.image?.href == "http://example.com/logo.png")
  }
}

@Suite struct AtomTests {
  let document: Document

  init() throws {
    document = try DocumentReader.read(try Fixture.input("atom10-basic.xml"))
  }

  @Test func readsFeed() {
    #expect(document.format == .atom10)
    #expect(document.wellFormed)
    #expect(document.feed.id == "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6")
    #expect(document.feed.title?.value == "Atom & Eve")
    #expect(document.feed.language == "en")
    #expect(document.feed.link == "http://example.org/blog/")
    #expect(document.feed.authors.first?.uri == "http://example.org/mark")
    #expect(document.feed.generator?.version == "1.0")
    #expect(document.feed.subtitle?.type == .html)
  }

  @Test func readsEntry() throws {
    let entry = try #require(document.entries.first)
    #expect(entry.link == "http://example.org/blog/2005/04/02/atom")
    #expect(entry.enclosures.first?.length == 1337)
    #expect(entry.published?.date?.rfc3339 == "2003-12-13T12:29:29Z")
    #expect(entry.categories.first?.label == "Technology")
    #expect(entry.source?.title?.value == "Source feed")
    #expect(entry.source?.id == "urn:source")
    let content = try #require(entry.content.first)
    #expect(content.type == "xhtml")
    #expect(content.base == "http://diveintomark.org/")
    #expect(!content.value.contains("<div"), "xhtml value is the inside of the wrapping div")
    #expect(content.value.contains("Update: The Atom draft is finished."))
  }
}

@Suite struct OtherFormatTests {
  @Test func readsRSS10() throws {
    let d = try DocumentReader.read(try Fixture.input("rss10.rdf"))
    #expect(d.format == .rss10)
    #expect(d.feed.language == "fr")
    #expect(d.entries.first?.id == "http://example.com/1")
    #expect(d.entries.first?.published?.date?.rfc3339 == "2002-09-01T08:00:00Z")
  }

  @Test func readsJSONFeed() throws {
    let d = try DocumentReader.read(try Fixture.input("feed.json"))
    #expect(d.format == .jsonfeed)
    #expect(d.wellFormed)
    #expect(d.feed.title?.value == "JSON site")
    #expect(d.entries.first?.link == "https://example.org/1")
    #expect(d.entries.first?.content.first?.type == "text")
    #expect(d.entries.first?.published?.date?.rfc3339 == "2020-01-02T03:04:05Z")
  }

  @Test func streamingGivesTheSameDocument() throws {
    let input = try Fixture.input("rss20-basic.xml")
    let whole = try DocumentReader.read(input)
    var streamed: [Entry] = []
    var encoding = ""
    var rest = try DocumentReader.stream(input, begin: { encoding = $0 }, entry: { streamed.append($0) })
    rest.entries = streamed
    #expect(encoding == whole.encoding)
    #expect(rest == whole)
  }
}

@Suite struct BadInputTests {
  @Test func truncatedFeedKeepsItsCompleteEntries() throws {
    let d = try DocumentReader.read(try Fixture.input("truncated.xml"))
    #expect(!d.wellFormed)
    #expect(d.errors.contains { $0.code == "not-well-formed" })
    #expect(d.entries.first?.title?.value == "Complete")
  }

  @Test func emptyInputIsAnIllFormedDocument() throws {
    let d = try DocumentReader.read(try Fixture.input("empty.xml"))
    #expect(!d.wellFormed)
    #expect(d.entries.isEmpty)
  }

  @Test func binaryInputIsRejected() throws {
    #expect(throws: ReadError.self) { try DocumentReader.read(try Fixture.input("binary.bin")) }
  }

  @Test func nonFeedXMLIsReported() throws {
    let d = try DocumentReader.read(Input(bytes: Array("<note><to>x</to></note>".utf8), name: "n.xml"))
    #expect(!d.wellFormed)
    #expect(d.errors.contains { $0.code == "not-a-feed" })
  }
}

/// The command line on broken inputs: a clear message naming the file and the documented
/// exit status, nothing on standard output but a document.
@Suite struct CommandLineBadInputTests {
  func parse(_ path: String) -> ProcessRun? {
    guard let binary = Binary.feedloom else { return nil }
    return ProcessRun.run([binary, "parse", "--compact", path])
  }

  @Test func binaryFileExits65() throws {
    guard let r = parse(Fixture.path("binary.bin")) else { return }
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("binary.bin"))
  }

  @Test func emptyFileGivesADocument() throws {
    guard let r = parse(Fixture.path("empty.xml")) else { return }
    #expect(r.status == 0)
    #expect(r.stdout.contains("\"wellFormed\":false"))
  }

  @Test func truncatedFeedGivesADocument() throws {
    guard let r = parse(Fixture.path("truncated.xml")) else { return }
    #expect(r.status == 0)
    #expect(r.stdout.contains("Complete"))
    #expect(r.stdout.contains("\"wellFormed\":false"))
  }

  @Test func missingFileExits66() throws {
    guard let r = parse(Fixture.path("no-such-file.xml")) else { return }
    #expect(r.status == 66)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("no-such-file.xml"))
  }

  @Test func directoryExits66() throws {
    guard let r = parse(Fixture.testsDirectory) else { return }
    #expect(r.status == 66)
    #expect(r.stderr.contains("directory"))
  }
}

@Suite struct URLFieldTests {
  @Test func characterReferencesCannotSmuggleAScriptURL() {
    #expect(Normalize.url("javascript&#58;alert(1)", base: nil) == nil)
    #expect(Normalize.url("&#106;avascript:alert(1)", base: nil) == nil)
    #expect(Normalize.url("jav&#x09;ascript:alert(1)", base: nil) == nil)
  }

  @Test func queryStringsSurviveDecoding() {
    #expect(Normalize.url("http://x.example/?a=1&copy=2", base: nil) == "http://x.example/?a=1&copy=2")
    #expect(Normalize.url("http://x.example/?a=1&amp;b=2", base: nil) == "http://x.example/?a=1&b=2")
  }

  @Test func doubleEncodedUTF8IsRepairedOnlyWhenTheWholeValueIsSo() {
    #expect(DoubleEncoding.repaired("caf\u{C3}\u{A9}") == "café")
    #expect(DoubleEncoding.repaired("café") == "café")
    #expect(DoubleEncoding.repaired("\u{E2}\u{80}\u{A6} and €") == "\u{E2}\u{80}\u{A6} and €")
  }
}

@Suite struct AtomExtrasTests {
  @Test func multipartAlternativeContentGivesEachBody() throws {
    let xml = """
      <feed version="0.3" xmlns="http://purl.org/atom/ns#" xmlns:dcterms="http://purl.org/dc/terms/">
      <entry><content type="multipart/alternative">
        <content type="text/plain">Plain</content>
        <content type="text/html" mode="escaped">&lt;b&gt;Rich&lt;/b&gt;</content>
      </content>
      <dcterms:valid>start=2002-10-13T09:00+01:00; end=2002-10-17T17:00+01:00</dcterms:valid>
      </entry></feed>
      """
    let d = try DocumentReader.read(Input(bytes: Array(xml.utf8), name: "mp.xml"))
    let e = try #require(d.entries.first)
    #expect(e.content.map(\.type) == ["text", "html"])
    #expect(e.expires?.date?.rfc3339 == "2002-10-17T16:00:00Z")
  }

  @Test func linkWithoutHrefUsesItsText() throws {
    let xml = """
      <feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <link rel="enclosure" type="audio/mpeg"> http://example.com/a.mp3 </link>
      <link rel="alternate">http://example.com/</link></entry></feed>
      """
    let d = try DocumentReader.read(Input(bytes: Array(xml.utf8), name: "l.xml"))
    #expect(d.entries.first?.link == "http://example.com/")
    #expect(d.entries.first?.enclosures.first?.href == "http://example.com/a.mp3")
  }
}
