import FeedloomModel
import Testing
@testable import FeedloomParse

/// The sniffer's word-at-a-time and single-pass scans answer as the byte-by-byte ones did.
@Suite struct SnifferFastPathTests {
  /// The plain loop the word-at-a-time count replaced.
  private static func referenceControls(_ bytes: [UInt8]) -> Int? {
    var controls = 0
    for b in bytes where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C {
      if b == 0 { return nil }
      controls += 1
    }
    return controls
  }

  /// Every byte value at every offset of buffers of 1 to 40 bytes (word ends and tails).
  @Test func controlCountMatchesTheByteLoop() {
    for length in 1...40 {
      for offset in 0..<length {
        for value in 0...255 {
          var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
          bytes[offset] = UInt8(value)
          if length > 9 { bytes[length - 1 - offset % 9] = 0x85 }  // a high byte beside it
          let fast = bytes.withUnsafeBufferPointer { Sniffer.controlCount($0) }
          #expect(fast == Self.referenceControls(bytes), "length \(length) offset \(offset) byte \(value)")
        }
      }
    }
  }

  @Test func controlCountOnMixedText() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in
        UInt8.random(in: 1...255, using: &generator) % 4 == 0
          ? UInt8.random(in: 1...0x1F, using: &generator) : UInt8.random(in: 0x20...0xFF, using: &generator)
      }
      let fast = bytes.withUnsafeBufferPointer { Sniffer.controlCount($0) }
      #expect(fast == Self.referenceControls(bytes))
    }
  }

  /// A name counts only when it ends inside the first kilobyte; case never matters.
  @Test func namesMustEndInsideTheWindow() {
    func kind(_ text: String) -> Sniffer.Kind { Sniffer.kind(of: Array(text.utf8)) }
    /// `start`, then spaces up to `offset`, then `name`.
    func placed(_ name: String, at offset: Int, after start: String) -> String {
      start + String(repeating: " ", count: offset - start.utf8.count) + name + ">"
    }
    // "<html" (5 bytes) ending at byte 1024, then one byte later.
    #expect(kind(placed("<HtMl", at: 1019, after: "<p>")) == .html)
    #expect(kind(placed("<html", at: 1020, after: "<p>")) == .markup)
    // A feed name cut by the window's end does not count; a whole one does.
    #expect(kind(placed("<rss", at: 1021, after: "<html>")) == .html)
    #expect(kind(placed("<rSs", at: 1020, after: "<html>")) == .markup)
    // After a byte-order mark the window starts behind it.
    #expect(Sniffer.kind(of: [0xEF, 0xBB, 0xBF] + Array(placed("<html", at: 1019, after: "<p>").utf8)) == .html)
    #expect(kind("<!doctype html><channel>") == .markup)
    #expect(kind("<<<<html") == .html)
    #expect(kind("<!DOCTYPE  html>") == .markup)
  }
}

/// Entries reach the sink moved, not copied: every field arrives, in document order, and the
/// streamed entries equal those `read` collects.
@Suite struct EntryHandOverTests {
  private static let feed = """
    <rss version="2.0"><channel><title>T</title>
    <item><guid>http://example.com/1</guid><title>One</title><description>&lt;p&gt;a&lt;/p&gt;</description>
    <category>x</category><author>a@example.com (A)</author></item>
    <item><title>Two</title><link>http://example.com/2</link><source url="http://example.com/s">S</source></item>
    <item><title>Three</title></item>
    </channel></rss>
    """

  @Test func streamedAndReadEntriesAgree() throws {
    let input = Input(bytes: Array(Self.feed.utf8), name: "f.xml")
    let document = try DocumentReader.read(input)
    var streamed: [Entry] = []
    _ = try DocumentReader.stream(input, begin: { _ in }, entry: { streamed.append($0) })
    #expect(document.entries == streamed)
    #expect(document.entries.map { $0.title?.value } == ["One", "Two", "Three"])
    #expect(document.entries[0].link == "http://example.com/1")
    #expect(document.entries[0].text == "a")
    #expect(document.entries[0].authors == [Person(name: "A", email: "a@example.com")])
    #expect(document.entries[1].source?.title?.value == "S")
    // Nothing of an entry carries over into the next.
    #expect(document.entries[2].categories.isEmpty && document.entries[2].link == nil)
  }

  /// Eager readers (JSON Feed) hand their entries on in order too.
  @Test func eagerEntriesKeepTheirOrder() throws {
    let json = #"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_text":"a"},{"id":"2","content_text":"b"},{"id":"3","content_text":"c"}]}"#
    var ids: [String?] = []
    _ = try DocumentReader.stream(Input(bytes: Array(json.utf8), name: "f.json"), begin: { _ in }, entry: { ids.append($0.id) })
    #expect(ids == ["1", "2", "3"])
  }
}

/// The packed-byte table finds exactly the builder's names, whatever else comes.
@Suite struct ElementNameTests {
  /// What a String comparison per name says.
  private static func reference(_ s: String) -> ElementName {
    s == "textinput" ? .textInput : ElementName(rawValue: s) ?? .other
  }

  @Test func everyNameIsFound() {
    for name in ElementName.allCases where name != .other {
      #expect(ElementName.of(name.rawValue) == name)
    }
    #expect(ElementName.of("textinput") == .textInput)
  }

  @Test func nearMissesAreOther() {
    var misses = ["", "Title", "TITLE", "titles", "titl", "itle", " title", "title ", "tïtle",
      "lastBuildDat", "lastBuildDatee", "expirationDatE", "managingEditorX", "x:title",
      "sixteen-bytes-ab", "seventeen-bytes-a", "pubdate", "textINPUT", "\u{1F600}"]
    for name in ElementName.allCases where name != .other {
      let s = name.rawValue
      misses.append(String(s.dropLast()))
      misses.append(s + "s")
      misses.append(String(s.dropFirst()))
      misses.append(s.uppercased())
      misses.append(String(s.reversed()))
    }
    for s in misses {
      #expect(ElementName.of(s) == Self.reference(s), "\(s)")
    }
  }

  /// Random ASCII and UTF-8 names of 0 to 20 bytes never match by accident.
  @Test func randomNamesAgreeWithComparison() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("abcdeilmnoprstuwxyABDEIMT:-_é")
    for _ in 0..<20_000 {
      let s = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in
        alphabet.randomElement(using: &generator)!
      })
      #expect(ElementName.of(s) == Self.reference(s), "\(s)")
    }
  }
}

/// `trimmed` drops surrounding XML white space only, whether the value needs it or not.
@Suite struct TrimmedTests {
  @Test func trimsOnlyXMLSpace() {
    #expect("".trimmed == "")
    #expect(" ".trimmed == "")
    #expect("a".trimmed == "a")
    #expect(" \t\r\na b\n".trimmed == "a b")
    #expect("\u{A0}x\u{A0}".trimmed == "\u{A0}x\u{A0}")
    #expect("x ".trimmed == "x")
    #expect(" x".trimmed == "x")
    let long = String(repeating: "word ", count: 40)
    #expect(long.trimmed == String(long.dropLast()))
    #expect(("\n" + long + "x").trimmed == long + "x")
  }
}
