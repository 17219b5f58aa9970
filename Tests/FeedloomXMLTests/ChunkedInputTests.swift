import Testing
@testable import FeedloomXML

/// Writes down every event and its details, to compare two parses of one document.
final class EventLog: XMLEventHandler {
  var lines: [String] = []

  func startElement(
    _ name: XMLName, attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int
  ) {
    let attrs = attributes.map { "\($0.name.namespace)|\($0.name.qualified)=\($0.value)" }
    let decls = namespaces.map { "\($0.prefix)=\($0.uri)" }
    lines.append("<\(name.namespace)|\(name.qualified) \(attrs) \(decls) @\(line)")
  }
  func endElement(_ name: XMLName) { lines.append("</\(name.qualified)") }
  func characters(_ utf8: [UInt8]) { lines.append("text " + String(decoding: utf8, as: UTF8.self)) }
}

/// `bytes` cut into pieces of `size` bytes (the last one shorter).
func chunks(_ bytes: [UInt8], of size: Int) -> [[UInt8]] {
  stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
}

/// Chunk sizes that put a boundary at every position of a construct, and some larger ones.
let chunkSizes = Array(1...24) + [31, 64, 100, 333, 1000, 4096]

/// A document with every construct the preparer rewrites, each longer than a small chunk.
let preparedDocument: [UInt8] = {
  var s = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  s += "<!DOCTYPE rss [\n  <!-- a comment with > inside -->\n"
  s += "  <!ENTITY company \"Example &amp; Co\">\n  <!ENTITY full \"&company; Ltd\">\n"
  s += "  <!ENTITY % param \"ignored\">\n  <!ELEMENT rss ANY>\n  <!ATTLIST rss x CDATA \"a>b\">\n]>\n"
  s += "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>\n"
  s += "<title>&full; &eacute;t&eacute; &hellip; &nbsp;caf\u{E9} \u{65E5}\u{672C} \u{1F600}</title>\n"
  s += "<description><![CDATA[<p>Some ]] tricky ]]] CDATA &eacute; \u{1F600}</p>]]></description>\n"
  s += "<!-- comment -- with \u{1F600} -->\n<?pi some processing ?>\n"
  s += "<item a=\"1\" b='2' c=\"&company;\" d=\"x<y\" e=\"&eacute;&#233;&#x1F600;\" f=\"6\" g=\"7\">\n"
  s += "<dc:creator>Jos\u{E9} &unknown; &amp; bare & ampersand &#0; &#xZZ; &#12345678901;</dc:creator>\n"
  s += "<link>http://example.com/?a=1&b=2</link>\n"
  s += "<category>a < b, \u{1}control\u{8} \u{FFFE} dropped</category>\n"
  s += "<guid isPermaLink=\"false\">tag:example.com,2020:\u{10348}</guid>\n"
  s += "</item><item><title>Unclosed <b</title></item>\n"
  s += "<item><title>" + String(repeating: "long text \u{E9} ", count: 40) + "</title></item>\n"
  s += "</channel></rss>\n"
  return Array(s.utf8)
}()

/// Escaped HTML in text, as feeds carry it: references the preparer turns into CDATA.
let escapedDocument: [UInt8] = Array(("<rss><channel><item><description>"
  + String(repeating: "&lt;p&gt;Caf\u{E9} &amp;amp; &quot;bar&quot;]]&gt;\r\n&#8217;&lt;/p&gt; ", count: 30)
  + "</description></item></channel></rss>\n").utf8)

@Suite struct ChunkedParsingTests {
  /// The text libxml2 reports is the text the references stood for, whole or in chunks.
  @Test func escapedTextReadsTheSameInChunks() {
    let (events, result) = parseWhole(escapedDocument, limits: .default)
    let paragraph = "<p>Caf\u{E9} &amp; \"bar\"]]>\n\u{2019}</p> "
    #expect(events.contains("text " + String(repeating: paragraph, count: 30)))
    #expect(result.wellFormed)
    expectSameParse(escapedDocument, limits: .default)
  }

  func parseWhole(_ bytes: [UInt8], limits: XMLLimits) -> ([String], XMLParseResult) {
    let log = EventLog()
    let result = XMLEventParser.parse(utf8: bytes, handler: log, limits: limits)
    return (log.lines, result)
  }

  func parseChunked(_ bytes: [UInt8], size: Int, limits: XMLLimits) -> ([String], XMLParseResult) {
    let log = EventLog()
    let parser = XMLPushParser(handler: log, limits: limits)
    for piece in chunks(bytes, of: size) { piece.withUnsafeBufferPointer { parser.feed($0) } }
    let result = parser.finish()
    return (log.lines, result)
  }

  func expectSameParse(_ bytes: [UInt8], limits: XMLLimits = .default) {
    let (events, result) = parseWhole(bytes, limits: limits)
    for size in chunkSizes {
      let (chunkedEvents, chunkedResult) = parseChunked(bytes, size: size, limits: limits)
      #expect(chunkedEvents == events, "chunks of \(size) bytes")
      #expect(chunkedResult.issues == result.issues, "chunks of \(size) bytes")
      #expect(chunkedResult.wellFormed == result.wellFormed)
    }
  }

  /// Escaped text is diverted past libxml2 (`XMLPreparer`): what follows it has the lines
  /// it has when the same text comes unescaped, in events and issues, whole or in chunks.
  @Test func divertedTextKeepsTheLinesOfWhatFollows() {
    func document(_ open: String, _ close: String) -> [UInt8] {
      Array(("<r>\n<d>\(open)p\(close)\n\nx\r\ny]\r\(open)b\(close) caf\u{E9}\n"
        + "\(open)/p\(close)</d>\n<e/>\n<f></g>\n</r>").utf8)
    }
    let escaped = document("&lt;", "&gt;")
    let plain = document("", "")
    let (escapedEvents, escapedResult) = parseWhole(escaped, limits: .default)
    let (plainEvents, plainResult) = parseWhole(plain, limits: .default)
    #expect(escapedEvents.contains("text <p>\n\nx\ny]\n<b> caf\u{E9}\n</p>"))
    #expect(escapedEvents.contains("<|e [] [] @7"))
    #expect(escapedEvents.filter { $0.hasPrefix("<") } == plainEvents.filter { $0.hasPrefix("<") })
    #expect(escapedResult.issues.map(\.line) == plainResult.issues.map(\.line))
    #expect(!escapedResult.issues.isEmpty)
    expectSameParse(escaped)
  }

  /// Names are interned by libxml2's pointers: many names, the same local name in several
  /// namespaces and under several prefixes, attributes with references, all come out right.
  @Test func namesFromManyNamespacesStayApart() {
    var s = "<r xmlns=\"u0\" xmlns:a=\"u1\" xmlns:b=\"u1\" xmlns:c=\"u2\">"
    let none: [String] = []
    var expected = ["<u0|r \(none) \(["=u0", "a=u1", "b=u1", "c=u2"]) @1"]
    for k in 0..<300 {
      s += "<e\(k) a:x=\"\(k) &amp; &lt;&#233;\" y='&quot;'/><a:e\(k)/><b:e\(k)/><c:e\(k)/>"
      s += "<e\(k) xmlns=\"u3\"/>"
      expected += [
        "<u0|e\(k) \(["u1|a:x=\(k) & <\u{E9}", "|y=\""]) \(none) @1", "</e\(k)",
        "<u1|a:e\(k) \(none) \(none) @1", "</a:e\(k)", "<u1|b:e\(k) \(none) \(none) @1", "</b:e\(k)",
        "<u2|c:e\(k) \(none) \(none) @1", "</c:e\(k)", "<u3|e\(k) \(none) \(["=u3"]) @1", "</e\(k)",
      ]
    }
    s += "</r>"
    expected.append("</r")
    let (events, result) = parseWhole(Array(s.utf8), limits: .default)
    #expect(events == expected)
    #expect(result.wellFormed)
  }

  /// Long text right after a character that starts with 0xEF (which the preparer looks at
  /// for U+FFFE) is diverted from the next character on, not from inside this one.
  @Test func longTextAfterAnEFCharacterStaysWhole() {
    let tail = String(repeating: "long text ", count: 8)
    for character in ["\u{FF0C}", "\u{FEFF}", "\u{E000}\u{FF01}"] {
      let bytes = Array("<r><d>a\(character)\(tail)</d></r>".utf8)
      let (events, result) = parseWhole(bytes, limits: .default)
      #expect(events.contains("text a\(character)\(tail)"), "\(character)")
      #expect(result.wellFormed, "\(character)")
      expectSameParse(bytes)
    }
  }

  /// A processing instruction of the input with the markers' target is no marker.
  @Test func theInputsOwnMarkerTargetTakesNoText() {
    let bytes = Array("<r>&lt;a&gt;<?_?>text<?_ x?> &amp;</r>".utf8)
    let (events, result) = parseWhole(bytes, limits: .default)
    #expect(events == ["<|r [] [] @1", "text <a>text &", "</r"])
    #expect(result.wellFormed)
    expectSameParse(bytes)
  }

  /// Escaped text past the text bound keeps its first bytes (at a character's start), as
  /// plain text does, however it is fed.
  @Test func divertedTextPastTheBoundIsCutLikeText() {
    let text = String(repeating: "caf\u{E9} &lt;\u{1F600}&gt; ", count: 20)
    let bytes = Array("<r>\(text)</r>".utf8)
    let limits = XMLLimits(maximumTextBytes: 48)
    let (events, result) = parseWhole(bytes, limits: limits)
    // 48 cuts a \u{1F600} of the fourth piece: 46 bytes stay.
    let decoded = Array(String(repeating: "caf\u{E9} <\u{1F600}> ", count: 20).utf8)
    #expect(events.contains("text " + String(decoding: decoded.prefix(46), as: UTF8.self)))
    #expect(result.issues.contains { $0.message.contains("text longer than 48 bytes cut") })
    expectSameParse(bytes, limits: limits)
  }

  /// A bound that cuts a text's first character still leaves the next texts whole.
  @Test func aCutTextLeavesTheNextOnesWhole() {
    let bytes = Array("<r><a>\u{1F600}x</a><b>ok</b><c>&lt;\u{1F600}</c><d>ok</d></r>".utf8)
    let (events, result) = parseWhole(bytes, limits: XMLLimits(maximumTextBytes: 2))
    #expect(events.filter { $0.hasPrefix("text") } == ["text ok", "text <", "text ok"])
    #expect(!result.wellFormed)
    expectSameParse(bytes, limits: XMLLimits(maximumTextBytes: 2))
  }

  /// A CDATA section in the root element is diverted too: its bytes as libxml2 passes
  /// them on (carriage returns kept, characters XML forbids dropped), lines kept.
  @Test func aDivertedSectionKeepsItsBytesAndLines() {
    let bytes = Array("<r><d><![CDATA[a\r\nb\u{1}c\u{FFFE}d\u{FF0C}]]]></d>\n<e/><![CDATA[]]></r>".utf8)
    let (events, result) = parseWhole(bytes, limits: .default)
    #expect(events == ["<|r [] [] @1", "<|d [] [] @1", "text a\r\nbcd\u{FF0C}]", "</d", "text \n", "<|e [] [] @3", "</e", "</r"])
    #expect(result.wellFormed)
    expectSameParse(bytes)
  }

  @Test func aSectionClosedAtAChunkEndSplitsNoCharacter() {
    // Escaped text is diverted, and diverted text may go on past the end of a chunk: a
    // chunk that ends inside a multi-byte character must not split it.
    // The filler keeps the cut away from a reference, which would be scanned again whole.
    let filler = String(repeating: "a longer run of text ", count: 8)
    for character in ["\u{EF}", "\u{65E5}", "\u{1F600}"] {
      let bytes = Array("<r><d>&lt;p&gt;\(filler)na\(character)ve &lt;/p&gt;</d></r>".utf8)
      let (events, result) = parseWhole(bytes, limits: .default)
      #expect(result.wellFormed)
      #expect(events.contains("text <p>\(filler)na\(character)ve </p>"))
      let start = Array("<r><d>&lt;p&gt;\(filler)na".utf8).count
      for cut in start...(start + Array(character.utf8).count) {
        let log = EventLog()
        let parser = XMLPushParser(handler: log, limits: .default)
        for piece in [Array(bytes[..<cut]), Array(bytes[cut...])] {
          piece.withUnsafeBufferPointer { parser.feed($0) }
        }
        let chunked = parser.finish()
        #expect(log.lines == events, "cut at \(cut) in \(character)")
        #expect(chunked.wellFormed, "cut at \(cut) in \(character)")
      }
    }
  }

  @Test func everyConstructCutAnywhereParsesAsWhole() {
    // Entities (declared, HTML, unknown), the DTD, multi-byte UTF-8, forbidden characters,
    // CDATA, comments and a start tag past the attribute cap, with boundaries everywhere.
    let limits = XMLLimits(maximumAttributes: 5)
    let (events, result) = parseWhole(preparedDocument, limits: limits)
    #expect(events.contains("text Example & Co Ltd ét\u{E9} \u{2026} \u{A0}caf\u{E9} \u{65E5}\u{672C} \u{1F600}"))
    #expect(!result.wellFormed)
    expectSameParse(preparedDocument, limits: limits)
  }

  @Test func unterminatedConstructsAtTheEndParseAsWhole() {
    // The end of the input, not of a chunk, ends what is left open.
    for tail in ["<!-- never closed", "<![CDATA[ never closed", "<!DOCTYPE r [ <!ENTITY a \"b\"",
      "<?pi never closed", "<r attr=\"never closed", "</r", "&eacute", "&#x1F6", "\u{EF}", "<"]
    {
      expectSameParse(Array(("<r>text " + tail).utf8))
    }
  }

  @Test func textPastTheBoundKeepsItsFirstBytesHoweverItIsFed() {
    // libxml2 hands text over in pieces that depend on the feeding; the cut must not.
    let text = String(repeating: "caf\u{E9} \u{1F600} ", count: 20)
    let bytes = Array("<r>\(text)</r>".utf8)
    let limits = XMLLimits(maximumTextBytes: 52)
    let (events, result) = parseWhole(bytes, limits: limits)
    let kept = String(decoding: Array(text.utf8).prefix(50), as: UTF8.self)  // 52 cuts a 😀
    #expect(events.contains("text " + kept))
    #expect(result.issues.contains { $0.message.contains("text longer than 52 bytes cut") })
    expectSameParse(bytes, limits: limits)
  }

  /// Escaped text longer than the room the preparer reserves at once (1 MB) comes out
  /// whole, from one buffer or from chunks.
  @Test func longEscapedTextComesOutWhole() {
    let piece = "&lt;p class=&quot;x&quot;&gt;caf\u{E9} ]] &#8217;\r\n&lt;/p&gt;"
    let decoded = "<p class=\"x\">caf\u{E9} ]] \u{2019}\n</p>"
    let bytes = Array(("<r><d>" + String(repeating: piece, count: 60_000) + "</d><e/></r>").utf8)
    let expected = "text " + String(repeating: decoded, count: 60_000)
    let (events, result) = parseWhole(bytes, limits: .default)
    #expect(events.count == 7 && events[2] == expected)
    #expect(events[3...] == ["</d", "<|e [] [] @60001", "</e", "</r"])
    #expect(result.wellFormed)
    let (chunked, _) = parseChunked(bytes, size: 65536, limits: .default)
    #expect(chunked == events)
  }

  @Test func aLongConstructIsScannedInLinearTime() {
    // One CDATA section of 4 MB fed 1 KB at a time: rescanned on doubling, not per chunk.
    let body = String(repeating: "x", count: 4 << 20)
    let bytes = Array("<r><![CDATA[\(body)]]></r>".utf8)
    let log = EventLog()
    let parser = XMLPushParser(handler: log)
    for piece in chunks(bytes, of: 1024) { piece.withUnsafeBufferPointer { parser.feed($0) } }
    let result = parser.finish()
    #expect(result.wellFormed)
    #expect(log.lines.contains("text " + body))
  }
}

@Suite struct ChunkedDecodingTests {
  /// The stream decoder over chunks of `size` bytes, in its two passes.
  func decodeChunked(
    _ bytes: [UInt8], size: Int, contentType: String?
  ) -> (encoding: String, bytes: [UInt8], issues: [XMLIssue]) {
    var decoder = XMLStreamDecoder(head: Array(bytes.prefix(2048)), contentType: contentType)
    let body = Array(bytes.dropFirst(decoder.bodyOffset))
    if decoder.needsScan {
      for piece in chunks(body, of: size) { piece.withUnsafeBufferPointer { decoder.scan($0, isLast: false) } }
      decoder.scan(UnsafeBufferPointer(start: nil, count: 0), isLast: true)
    }
    let encoding = decoder.decide()
    var out: [UInt8] = []
    for piece in chunks(body, of: size) {
      piece.withUnsafeBufferPointer { decoder.decode($0, isLast: false) { out += $0 } }
    }
    decoder.decode(UnsafeBufferPointer(start: nil, count: 0), isLast: true) { out += $0 }
    return (encoding, out, decoder.issues)
  }

  func expectSameDecoding(_ bytes: [UInt8], contentType: String? = nil, encoding: String) {
    let whole = XMLDecoder.decode(bytes, contentType: contentType)
    #expect(whole.encoding == encoding)
    for size in chunkSizes {
      let chunked = decodeChunked(bytes, size: size, contentType: contentType)
      #expect(chunked.encoding == whole.encoding, "chunks of \(size) bytes")
      #expect(chunked.bytes == whole.bytes, "chunks of \(size) bytes")
      #expect(chunked.issues == whole.issues, "chunks of \(size) bytes")
    }
  }

  let text = "<?xml version=\"1.0\"?><r>caf\u{E9} \u{20AC}uro \u{201C}quoted\u{201D} na\u{EF}ve</r>"

  func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
    Array(s.utf16).flatMap { u in
      bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
    }
  }

  @Test func utf8WithMultibyteCharactersCutAnywhere() {
    expectSameDecoding(Array((text + " \u{65E5}\u{672C}\u{8A9E} \u{1F600}\u{10348}").utf8), encoding: "utf-8")
    expectSameDecoding([0xEF, 0xBB, 0xBF] + Array(text.utf8), encoding: "utf-8")
  }

  @Test func mostlyValidUTF8IsRepairedChunkByChunk() {
    let bytes = Array("<r>caf\u{E9} \u{E9}\u{E9}".utf8) + [0xFF, 0xC3] + Array(" \u{E9}\u{1F600}</r>".utf8) + [0xE2, 0x82]
    expectSameDecoding(bytes, encoding: "utf-8")
  }

  @Test func windows1252AndLatin1CutAnywhere() {
    let latin: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><r>caf".utf8)
      + [0xE9, 0x20, 0xEF] + Array("</r>".utf8)
    expectSameDecoding(latin, encoding: "iso-8859-1")
    // A C1 byte (0x80: the euro sign) makes it windows-1252; so does invalid UTF-8 unlabelled.
    expectSameDecoding(latin.dropLast(4) + [0x80, 0x93] + Array("</r>".utf8), encoding: "windows-1252")
    expectSameDecoding(Array("<r>".utf8) + [0xE9, 0x80, 0xE9, 0x20] + Array("</r>".utf8), encoding: "windows-1252")
    // UTF-8 labelled Latin-1 is read as UTF-8.
    expectSameDecoding(Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><r>caf\u{E9}</r>".utf8), encoding: "utf-8")
  }

  @Test func utf16And32CutAnywhere() {
    let wide = text + " \u{1F600} \u{10348}"
    expectSameDecoding([0xFF, 0xFE] + utf16(wide, bigEndian: false), encoding: "utf-16le")
    expectSameDecoding([0xFE, 0xFF] + utf16(wide, bigEndian: true), encoding: "utf-16be")
    let declared = "<?xml version=\"1.0\" encoding=\"utf-16\"?><r>\u{E9}\u{1F600}</r>"
    expectSameDecoding(utf16(declared, bigEndian: true), encoding: "utf-16be")
    // A lone surrogate and an odd trailing byte are repaired the same way.
    expectSameDecoding([0xFF, 0xFE] + utf16("<r>", bigEndian: false) + [0x00, 0xD8, 0x41, 0x00, 0x3C], encoding: "utf-16le")
    let utf32 = Array(wide.unicodeScalars).flatMap { s -> [UInt8] in
      let v = s.value
      return [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }
    expectSameDecoding([0xFF, 0xFE, 0, 0] + utf32, encoding: "utf-32le")
  }

  @Test func iconvAndTableEncodingsCutAnywhere() {
    // Shift_JIS "日本" is 0x93 0xFA 0x96 0x7B: two-byte characters cut by boundaries.
    let sjis = Array("<?xml version=\"1.0\" encoding=\"shift_jis\"?><r>".utf8)
      + [0x93, 0xFA, 0x96, 0x7B, 0x82, 0xA0] + Array("</r>".utf8)
    expectSameDecoding(sjis, encoding: "shift_jis")
    // Cut in its last character: not Shift_JIS after all, read as windows-1252.
    expectSameDecoding(Array(sjis.dropLast(4)) + [0x93], encoding: "windows-1252")
    let koi8 = Array("<?xml version=\"1.0\" encoding=\"koi8-r\"?><r>".utf8) + [0xF0, 0xD2, 0xC9] + Array("</r>".utf8)
    expectSameDecoding(koi8, encoding: "koi8-r")
    let greek = Array("<?xml version=\"1.0\" encoding=\"macgreek\"?><r>".utf8) + [0x80, 0xA1] + Array("</r>".utf8)
    expectSameDecoding(greek, encoding: "mac-greek")
  }

  @Test func transportLabelsDecideAsWhole() {
    let bytes = Array("<r>caf".utf8) + [0xE9] + Array("</r>".utf8)
    expectSameDecoding(bytes, contentType: "text/xml", encoding: "windows-1252")
    expectSameDecoding(Array("<r>plain</r>".utf8), contentType: "text/xml", encoding: "us-ascii")
    expectSameDecoding(bytes, contentType: "text/html; charset=iso-8859-1", encoding: "iso-8859-1")
  }
}
