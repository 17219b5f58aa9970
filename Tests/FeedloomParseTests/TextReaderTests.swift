import Foundation
import FeedloomModel
import Testing

@testable import FeedloomParse

/// Prose dates, bylines, sidecars and bad input for the plain-text reader.
@Suite struct TextReaderTests {
  static func read(_ text: String, metadata: TextArticleMetadata? = nil) throws -> Document {
    try TextArticleReader.read(Input(bytes: Array(text.utf8), name: "test.txt"), metadata: metadata)
  }

  static func date(_ text: String, monthFirst: Bool = false) -> String? {
    ProseDateReader.dates(in: text, monthFirst: monthFirst).first?.dateTime(defaultOffset: nil).rfc3339
  }

  @Test func readsTheProseDateLinesOfCopiedPages() {
    #expect(Self.date("Published: Fri 11 Feb 2022, 10:00 PM") == "2022-02-11T22:00:00Z")
    #expect(Self.date("Thursday 27 January 2022 13:37") == "2022-01-27T13:37:00Z")
    #expect(Self.date("Updated 3 March 2022") == "2022-03-03T00:00:00Z")
    // ET in March after the second Sunday is EDT (UTC-4).
    #expect(Self.date("March 15, 2022 at 5:04 p.m. ET") == "2022-03-15T21:04:00Z")
    #expect(Self.date("March 3, 2022 at 5:04 p.m. ET") == "2022-03-03T22:04:00Z")
    #expect(Self.date("2022-03-03T13:37:00+01:00") == "2022-03-03T12:37:00Z")
    #expect(Self.date("Veröffentlicht am 29.12.2022 um 10:15 Uhr") == "2022-12-29T10:15:00Z")
    #expect(Self.date("5 de março de 2022") == "2022-03-05T00:00:00Z")
    #expect(Self.date("27. Januar 2022") == "2022-01-27T00:00:00Z")
    #expect(Self.date("2022年3月5日") == "2022-03-05T00:00:00Z")
    #expect(Self.date("Feb. 11th, 2022 13:37 GMT") == "2022-02-11T13:37:00Z")
    #expect(Self.date("13:37 BST, 4 July 2021") == "2021-07-04T12:37:00Z")
  }

  @Test func slashDatesAreDayFirstUnlessImpossibleOrTheSourceSaysMonthFirst() {
    #expect(Self.date("04/03/2022") == "2022-03-04T00:00:00Z")
    #expect(Self.date("04/13/2022") == "2022-04-13T00:00:00Z")
    #expect(Self.date("04/03/2022", monthFirst: true) == "2022-04-03T00:00:00Z")
  }

  @Test func rejectsWhatIsNotADate() {
    #expect(Self.date("31 February 2022") == nil)
    #expect(Self.date("Over 14,000 people in 2014") == nil)
    #expect(Self.date("Score 3-1 after 90 minutes") == nil)
  }

  @Test func zoneFromTheSidecarAppliesOnlyToTimesWithoutOne() throws {
    let text = "A headline about something important today\n\nPublished: 4 July 2021 13:37\n\n"
      + String(repeating: "This is a sentence of the body that goes on for a while, as bodies do. ", count: 3)
    let meta = TextArticleMetadata(timezone: "+02:00")
    let entry = try #require(try Self.read(text, metadata: meta).entries.first)
    #expect(entry.published?.date?.rfc3339 == "2021-07-04T11:37:00Z")
  }

  @Test func splitsBylines() {
    #expect(BylineReader.byline("By Reuters") == ["Reuters"])
    #expect(BylineReader.byline("By Chris Jewers for Mail Online and AFP") == ["Chris Jewers"])
    #expect(BylineReader.byline("By Nick Craven in Kiev, Ukraine, for MailOnline") == ["Nick Craven"])
    #expect(BylineReader.byline("Von Lisa Petrich und Anna Kubišta") == ["Lisa Petrich", "Anna Kubišta"])
    #expect(BylineReader.byline("by the way, this is not a byline at all") == nil)
    #expect(BylineReader.splitNames("David Harding and Holly Bancroft") == ["David Harding", "Holly Bancroft"])
  }

  @Test func sidecarKeysFillWhatTheTextCannotGive() throws {
    let json = """
      {"url": "https://example.com/a", "publisher": "Example News", "published": "2022-02-11T10:00:00Z",
       "authors": ["Ann Example"], "language": "en", "timezone": "UTC", "extra": {"ignored": [1, 2]}}
      """
    let meta = try TextArticleMetadata.parse(json: Array(json.utf8)).get()
    #expect(meta.url == "https://example.com/a")
    #expect(meta.authors == ["Ann Example"])
    let doc = try Self.read("Headline of the example article here\n\nBody text of the example, long enough to be prose for sure.", metadata: meta)
    let entry = try #require(doc.entries.first)
    #expect(entry.link == "https://example.com/a")
    #expect(entry.publisher?.name == "Example News")
    #expect(entry.published?.date?.rfc3339 == "2022-02-11T10:00:00Z")
    #expect(entry.authors.map(\.name) == ["Ann Example"])
    #expect(entry.language == "en")
  }

  @Test func sidecarWithAWrongTypeIsAnError() {
    let result = TextArticleMetadata.parse(json: Array(#"{"url": 3}"#.utf8))
    #expect((try? result.get()) == nil)
    #expect((try? TextArticleMetadata.parse(json: Array("not json".utf8)).get()) == nil)
  }

  @Test func sidecarIsFoundBesideTheTextFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("feedloom-text-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let textPath = dir.appendingPathComponent("story.txt").path
    try Data("A headline for the sidecar test story\n\nThe body of the story is here, and it is a sentence.".utf8)
      .write(to: URL(fileURLWithPath: textPath))
    try Data(#"{"url": "https://example.org/story", "publisher": "Example Org"}"#.utf8)
      .write(to: dir.appendingPathComponent("story.meta.json"))
    #expect(TextArticleReader.sidecarPath(for: textPath) == dir.appendingPathComponent("story.meta.json").path)
    let doc = try TextArticleReader.read(Input(bytes: try Array(Data(contentsOf: URL(fileURLWithPath: textPath))), name: textPath))
    #expect(doc.entries.first?.link == "https://example.org/story")
    #expect(doc.feed.publisher?.name == "Example Org")
  }

  // MARK: bad input

  @Test func emptyTextIsADocumentWithNoEntries() throws {
    let doc = try Self.read("")
    #expect(doc.format == .text)
    #expect(doc.entries.isEmpty)
    #expect(!doc.wellFormed)
    #expect(doc.errors.map(\.code) == ["empty-text"])
    #expect(try Self.read(" \n\t\n \u{00A0}\n").entries.isEmpty)
  }

  @Test func oneLineIsABody() throws {
    let line = "Just one sentence of text, copied from somewhere, and nothing else at all."
    let doc = try Self.read(line)
    #expect(doc.entries.count == 1)
    #expect(doc.entries[0].text == line)
  }

  @Test func binaryDataIsNotADocument() {
    var bytes: [UInt8] = Array("PK\u{3}\u{4}".utf8)
    bytes += [0, 0, 0xFF, 0xFE, 0, 1, 2, 3, 0x89]
    #expect(throws: ReadError.self) {
      try TextArticleReader.read(Input(bytes: bytes, name: "blob.txt"))
    }
  }

  @Test func invalidUTF8IsReadAsWindows1252() throws {
    let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" au lait: a headline\n\nA body sentence that is plainly running text, with words.".utf8)
    let doc = try TextArticleReader.read(Input(bytes: bytes, name: "x.txt"))
    #expect(doc.encoding == "windows-1252")
    #expect(doc.entries.first?.title?.value == "Café au lait: a headline")
  }

  @Test func aHugeSingleLineIsCutAndReported() throws {
    let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
    let doc = try TextArticleReader.read(Input(bytes: bytes, name: "long.txt"))
    #expect(doc.errors.contains { $0.code == "line-too-long" })
    #expect((doc.entries.first?.text?.utf8.count ?? 0) <= TextDecoder.maximumLineBytes)
  }

  @Test func aLargeTextIsReadInOnePass() throws {
    // 2 MB of paragraphs (the 100 MB case is measured on the release binary).
    let paragraph = "This is a paragraph of running text, with the words an article has, and a full stop.\n\n"
    let text = "A headline for the large text case\n\n" + String(repeating: paragraph, count: 2 << 20 / paragraph.utf8.count)
    let doc = try Self.read(text)
    let entry = try #require(doc.entries.first)
    #expect(entry.title?.value == "A headline for the large text case")
    // Repeated paragraphs are folded to one: a page never says the same thing twice.
    #expect(entry.text == String(paragraph.dropLast(2)))
  }
}

/// Lines repeated across texts of one source become that source's boilerplate.
@Suite struct TextSourceBoilerplateTests {
  @Test func linesInMostTextsOfASourceAreBoilerplate() throws {
    let footer = "Subscribe to the Daily Example for only one pound a week"
    let texts = (1...4).map { n in
      Array("Headline number \(n) of the example\n\nStory \(n) is told in a sentence of its own, unlike the others.\n\n\(footer)\n".utf8)
    }
    let repeated = TextArticleReader.repeatedLines(in: texts)
    #expect(repeated == [LineClassifier.key(footer)])
    let doc = try TextArticleReader.read(
      Input(bytes: Array("Headline of the example story\n\nStory five is told in a sentence of its own, unlike the others.\n\n\(footer).".utf8), name: "5.txt"),
      metadata: TextArticleMetadata(boilerplate: repeated))
    #expect(doc.entries.first?.text == "Story five is told in a sentence of its own, unlike the others.")
  }
}
