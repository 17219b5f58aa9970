import Testing

@testable import FeedloomNormalize

/// The byte-level shortcuts of the HTML code give what the plain way gives: word loads near
/// the end of the input, eight-byte copies across word edges, Strings joined from pieces,
/// the greedy style check before the exact one, the plain text made while sanitising.
@Suite struct HTMLFastPathTests {
  private func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    var text = text
    return text.withUTF8(body)
  }

  @Test func nameKeysAreTheSameWithAndWithoutWordLoads() {
    // "dIV" at the start of a long buffer (word loads) and at its end (byte by byte).
    let long = "dIV class=\"x\" id=\"y\" title=\"z\""
    let short = "x dIV"
    let fromWords = withBytes(long) { HTMLNameKey(lowercasing: $0, from: 0, to: 3) }
    let fromBytes = withBytes(short) { HTMLNameKey(lowercasing: $0, from: 2, to: 5) }
    #expect(fromWords != nil)
    #expect(fromWords == fromBytes)
    #expect(fromWords == HTMLNameKey(lowercasing: "div".utf8))
    // Sixteen bytes, eight, and non-ASCII bytes kept as they are.
    withBytes("EVENT-SOURCEABCD and more bytes after it") { bytes in
      #expect(HTMLNameKey(lowercasing: bytes, from: 0, to: 16) == HTMLNameKey(lowercasing: "event-sourceabcd".utf8))
      #expect(HTMLNameKey(lowercasing: bytes, from: 0, to: 8) == HTMLNameKey(lowercasing: "event-so".utf8))
    }
    // 'Ä' (two bytes) stays as it is; '[' and '@' sit just past 'Z' and before 'A'.
    withBytes("Ä[Z@ and then enough bytes") { bytes in
      #expect(HTMLNameKey(lowercasing: bytes, from: 0, to: 5) == HTMLNameKey(lowercasing: Array("Ä[z@".utf8)))
    }
  }

  @Test func aNulInsideANameGivesNoKeyButOneAfterItDoesNotMatter() {
    withBytes("di\u{0}v and enough bytes to load") { bytes in
      #expect(HTMLNameKey(lowercasing: bytes, from: 0, to: 4) == nil)
      #expect(HTMLNameKey(lowercasing: bytes, from: 0, to: 2) == HTMLNameKey(lowercasing: "di".utf8))
    }
  }

  @Test func stringsJoinedFromPiecesEqualOneDecoding() {
    let ascii = String(repeating: "plain ascii text ", count: 40)
    let samples = [
      ascii, "é" + ascii, ascii + "é", ascii + "“quoted”" + ascii + "ü" + ascii,
      String(repeating: "日本語", count: 200), "short é", ascii + "\u{1F600}" + ascii + "\u{A0}",
    ]
    for sample in samples {
      let bytes = Array(sample.utf8)
      let joined = bytes.withUnsafeBufferPointer { HTMLStrings.string($0) }
      #expect(joined == sample)
      #expect(Array(joined.utf8) == bytes)
    }
  }

  @Test func plainTextFoldsTheSameAcrossWordEdges() {
    // Single and double spaces, tabs and no-break spaces at every offset of an 8-byte word.
    for offset in 0..<10 {
      let lead = String(repeating: "a", count: offset)
      #expect(HTMLText.plainText(fromHTML: lead + "bcdefghij klmnop") == lead + "bcdefghij klmnop")
      #expect(HTMLText.plainText(fromHTML: lead + "bcdefghij  \tklmnop") == lead + "bcdefghij klmnop")
      #expect(HTMLText.plainText(fromHTML: lead + "bcdefghij\u{A0}klmnop ") == lead + "bcdefghij klmnop")
      #expect(HTMLText.plainText(fromHTML: lead + "x\u{0}yz") == lead + "x\u{FFFD}yz")
    }
    #expect(HTMLText.plainText(fromHTML: "<p>one two</p>three four<br>five") == "one two\n\nthree four\n\nfive")
    #expect(HTMLText.plainText(fromHTML: "caf\u{E9} cr\u{E8}me, na\u{EF}ve\u{2003}r\u{E9}sum\u{E9}") == "café crème, naïve résumé")
  }

  @Test func commonReferencesDecodeAsTheEntityTableSays() {
    #expect(HTMLText.plainText(fromHTML: "&amp;&lt;&gt;&quot;&apos;x&nbsp;y&#8217;&#x1F600;&#0;") == "&<>\"'x y’😀\u{FFFD}")
    #expect(HTMLText.plainText(fromHTML: "&eacute;&Eacute;&hellip;&copy2020") == "éÉ…©2020")
  }

  @Test func styleValuesTheGreedyReadStopsOnAreJudgedExactly() {
    func clean(_ style: String) -> String? {
      withBytes(style) { HTMLStyleFilter.clean($0) }.map { String(decoding: $0, as: UTF8.self) }
    }
    #expect(clean("font-size: 12px; text-align:justify") == "font-size: 12px; text-align: justify;")
    #expect(clean("font-family: 'Helvetica Neue', sans-serif") == "font-family: 'Helvetica Neue', sans-serif;")
    #expect(clean("color: rgb(1, 2, 3)") == "color: rgb(1, 2, 3);")
    #expect(clean("margin: 0 auto; padding: 1em 2em") == "margin: 0 auto; padding: 1em 2em;")
    #expect(clean("background: #fff url(x.png) no-repeat") == nil)
    #expect(clean("color: red; x: expression(alert(1))") == nil)
    #expect(clean("my_prop: red") == nil)
    #expect(clean("COLOR: Red") == "COLOR: Red;")
  }

  @Test func plainTextMadeWhileSanitisingIsTheTextOfTheSanitisedMarkup() {
    // Fragments drawn from pieces that stress the two paths apart: references split by
    // dropped markup, raw-text and dropped elements, CDATA, CR, NUL, block tags, bad tags.
    let pieces = [
      "<p>", "</p>", "<div class=\"a\">", "</div>", "<br>", "<br/>", "<li>", "<ul>", "</ul>", "<b>", "</b>",
      "<a href=\"/x?a=1&b=2\" onclick=\"x\">", "</a>", "<img src=\"javascript:x\" alt='&copy'>",
      "<script>a<b>&amp;</script>", "<style>p{}</style>", "<textarea><b>&lt;</textarea>", "<xmp>&amp;<i></xmp>",
      "<title>t&amp;</title>", "<applet><p>gone</applet>", "<form>", "</form>", "<noscript>n</noscript>",
      "<!-- c -->", "<![CDATA[a<&>b]]>", "<!DOCTYPE x>", "<?pi?>", "</>", "</ p>", "<span/>", "<p/>",
      "<td>", "<tr>", "<table>", "<dd>", "<dt>", "<option>", "<h1>", "</h1>", "<hr>", "<pre>", "</pre>",
      "text", " ", "  ", "\n", "\t", "\r", "\r\n", "\u{0}", "&", "&amp", "&amp;", "&am", "p;", "&copy", "&copyx",
      "&#", "&#150", "&#x1F600;", "&bogus;", "&nbsp;", "\u{A0}", "\u{2003}", "café", "日本", "<", "< b", ">", "a<3",
      "&notin;", "&not", "&#X61;", "<P CLASS=x>", "<unknown>", "</unknown>", "<svg><p>s</svg>",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33) % bound
    }
    for _ in 0..<3000 {
      let html = (0..<(1 + next(12))).map { _ in pieces[next(pieces.count)] }.joined()
      let both = HTMLSanitizer.sanitizeWithPlainText(html, baseURL: "http://example.org/a/")
      let markup = HTMLSanitizer.sanitize(html, baseURL: "http://example.org/a/")
      #expect(both.html == markup, "markup of \(html.debugDescription)")
      #expect(both.plainText == HTMLText.plainText(fromHTML: markup), "text of \(html.debugDescription)")
    }
  }
}
