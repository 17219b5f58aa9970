#if canImport(Glibc)
  import Glibc
#endif
import FeedloomModel
import Testing
@testable import FeedloomParse

/// A feed file read in chunks (as `feedloom parse` reads large files) gives the very JSON the
/// same bytes give read whole, wherever the chunk boundaries fall.
@Suite struct ChunkedFileTests {
  static let chunkSizes = [1, 2, 3, 5, 7, 16, 61, 1000, 1 << 18]

  /// Writes `bytes` to a fresh temporary file, runs `body` with its path, removes it.
  func withTemporaryFile(_ bytes: [UInt8], suffix: String, _ body: (String) throws -> Void) throws {
    var template = Array("/tmp/feedloom-chunked-XXXXXX\(suffix)".utf8CString)
    let fd = mkstemps(&template, Int32(suffix.utf8.count))
    try #require(fd >= 0)
    let path = String(cString: template)
    defer { unlink(path) }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    try #require(written == bytes.count)
    try body(path)
  }

  /// The JSON of `input` as `feedloom parse` writes it, entry by entry.
  func streamedJSON(_ input: Input) throws -> [UInt8] {
    var writer = JSONWriter(pretty: false)
    let rest = try DocumentReader.stream(
      input, begin: { Document.writeOpening(encoding: $0, to: &writer) },
      entry: { $0.write(to: &writer) })
    rest.writeClosing(to: &writer)
    return writer.take()
  }

  func expectSameJSON(_ bytes: [UInt8], suffix: String = ".xml") throws {
    try withTemporaryFile(bytes, suffix: suffix) { path in
      let whole = try streamedJSON(Input(bytes: bytes, name: path))
      for size in Self.chunkSizes {
        let input = try Input(path: path, baseURL: nil, chunkedAbove: 0, chunkSize: size)
        #expect(input.isChunked == !bytes.isEmpty)  // an empty file is read whole
        let chunked = try streamedJSON(input)
        #expect(chunked == whole, "chunks of \(size) bytes")
      }
    }
  }

  static let feed = """
    <?xml version="1.0" encoding="utf-8"?>
    <!DOCTYPE rss [ <!ENTITY who "Jos&#233; &amp; Co"> ]>
    <rss version="2.0"><channel><title>&who; &eacute;t&eacute; \u{65E5}\u{672C} \u{1F600}</title>
    <link>http://example.com/</link>
    <item><title>One &hellip; &nbsp;caf\u{E9}</title><link>http://example.com/1?a=1&b=2</link>
    <description><![CDATA[<p>Body <b>one</b> \u{1F600}</p>]]></description>
    <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>
    <item><title>Two &unknown;</title><description>&lt;p&gt;Body two&lt;/p&gt;</description>
    <guid>http://example.com/2</guid></item>
    </channel></rss>
    """

  @Test func utf8FeedWithEntitiesAndDoctype() throws {
    try expectSameJSON(Array(Self.feed.utf8))
  }

  @Test func windows1252Feed() throws {
    let text = Self.feed.replacingOccurrences("encoding=\"utf-8\"", "encoding=\"windows-1252\"")
    // é as one byte, “ ” € as C1 bytes.
    var bytes: [UInt8] = []
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0..<0x80: bytes.append(UInt8(scalar.value))
      case 0xE9: bytes.append(0xE9)
      default: bytes += [0x93, 0x80, 0x94]
      }
    }
    try expectSameJSON(bytes)
  }

  @Test func utf16Feed() throws {
    let bytes: [UInt8] = [0xFF, 0xFE] + Array(Self.feed.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    try expectSameJSON(bytes)
  }

  @Test func everyFeedFixture() throws {
    for name in ["rss20-basic.xml", "atom10-basic.xml", "rss10.rdf", "truncated.xml", "empty.xml"] {
      let bytes = try Input.read(path: Fixture.path(name))
      try expectSameJSON(bytes)
    }
  }

  @Test func otherKindsAreReadWhole() throws {
    // JSON Feed and text articles need the whole input: a chunked file still reads right.
    try expectSameJSON(try Input.read(path: Fixture.path("feed.json")), suffix: ".json")
    try expectSameJSON(Array("A headline\n\nA paragraph of an article, long enough.\n".utf8), suffix: ".txt")
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    var result = ""
    var rest = Substring(self)
    while let range = rest.range(of: target) {
      result += rest[..<range.lowerBound] + replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
