import Testing

@testable import FeedloomNormalize

/// The byte-level shortcuts of the HTML code give what the plain way gives: word loads near
/// the end of the input, eight-byte copies across word edges, Strings joined from pieces,
/// the greedy style check before the exact one.
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
}
