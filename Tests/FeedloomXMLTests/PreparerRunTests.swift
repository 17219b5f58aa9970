import Testing
@testable import FeedloomXML

/// The preparer copies plain text and tag runs in bulk (eight bytes at a time in text): a
/// byte that needs handling is still seen wherever it falls in a word, in text and in tags.
@Suite struct PreparerRunTests {
  func prepared(_ s: String) -> String {
    var preparer = XMLPreparer(limits: .default)
    var out: [UInt8] = []
    preparer.run(Array(s.utf8)) { out += $0 }
    return String(decoding: out, as: UTF8.self)
  }

  /// (input piece, what the preparer makes of it in text, in an attribute value); `&lt;`
  /// in text opens a CDATA section (`referencesInTextBecomeASection`).
  static let specials: [(String, String, String)] = [
    ("&eacute;", "&#233;", "&#233;"), ("& ", "&amp; ", "&amp; "),
    ("a<1", "a&lt;1", "a&lt;1"), ("\u{1}", "", ""), ("\u{8}", "", ""),
    // U+FFFE/U+FFFF are dropped in text only; a value keeps them (as before the bulk copy).
    ("\u{FFFE}", "", "\u{FFFE}"), ("\u{FFFF}", "", "\u{FFFF}"),
    ("\u{FEFF}", "\u{FEFF}", "\u{FEFF}"), ("\u{E9}", "\u{E9}", "\u{E9}"),
    ("\t\n\r", "\t\n\r", "\t\n\r"),
  ]

  @Test func aSpecialByteIsHandledAtEveryOffsetOfAWord() {
    for (piece, inText, inAttribute) in Self.specials {
      for before in 0..<17 {
        for after in [0, 1, 7, 8, 9, 20] {
          let lead = String(repeating: "x", count: before)
          let tail = String(repeating: "y", count: after)
          let text = "<a>" + lead + piece + tail + "</a>"
          #expect(prepared(text) == "<a>" + lead + inText + tail + "</a>", "text \(before)+\(after)")
          let attribute = "<a v=\"" + lead + piece + tail + "\" w='z'/>"
          #expect(prepared(attribute) == "<a v=\"" + lead + inAttribute + tail + "\" w='z'/>", "attr \(before)+\(after)")
        }
      }
    }
  }

  @Test func tagRunsKeepTheirBytesAndDropControls() {
    #expect(prepared("<abc   x = \"1\"\n\ty='2'  / >") == "<abc   x = \"1\"\n\ty='2'  / >")
    #expect(prepared("<a \u{1}b=\"1\">t</a>") == "<a b=\"1\">t</a>")
  }

  /// Lines are counted a word at a time: an issue after any mix of text and line feeds
  /// still names its line.
  @Test func issuesNameTheirLineWhereverTheLineFeedsFall() {
    for feeds in [0, 1, 7, 8, 9, 17, 40] {
      for pad in [0, 3, 8] {
        var s = "<a>"
        for _ in 0..<feeds { s += String(repeating: "x", count: pad) + "\n" }
        s += "&bogus;</a>"
        var preparer = XMLPreparer(limits: .default)
        preparer.run(Array(s.utf8)) { _ in }
        #expect(preparer.log.issues.map(\.line) == [feeds + 1], "\(feeds) lines of \(pad)")
      }
    }
  }

  /// The preparer's output, fed `input` in chunks of `size` bytes (one piece: `size` 0).
  func preparedInChunks(_ input: [UInt8], size: Int, limits: XMLLimits = .default) -> ([UInt8], [Int?]) {
    var preparer = XMLPreparer(limits: limits)
    var out: [UInt8] = []
    if size == 0 {
      preparer.run(input) { out += $0 }
    } else {
      for piece in chunks(input, of: size) {
        piece.withUnsafeBufferPointer { preparer.feed($0, final: false) { out += $0 } }
      }
      preparer.feed(UnsafeBufferPointer(start: nil, count: 0), final: true) { out += $0 }
    }
    return (out, preparer.log.issues.map(\.line))
  }

  /// Unchanged runs go to libxml2 straight from the input, more than a chunk of them at
  /// once, and edits are copied around: a long clean stretch before, between and after
  /// edits keeps every byte, whether the input comes whole or in chunks.
  @Test func cleanStretchesAroundEditsKeepEveryByte() {
    let clean = String(repeating: "<p a=\"v&amp;w\">text &#60;b&#x3E; \u{E9}\n</p>", count: 2000)
    let input = Array(("<r>" + clean + "&eacute;" + clean + "\u{1}<x y=\"1<2\"/>" + clean + "</r>").utf8)
    let expected = Array(("<r>" + clean + "&#233;" + clean + "<x y=\"1&lt;2\"/>" + clean + "</r>").utf8)
    for size in [0, 7, 4096, 65536, 100_000] {
      let (out, lines) = preparedInChunks(input, size: size)
      let same = out == expected  // (a Bool: no diff of 250 KB arrays when it fails)
      #expect(same, "chunks of \(size)")
      // 2000 lines per clean stretch: the issues name the lines they are on.
      #expect(lines == [2001, 4001], "chunks of \(size)")
    }
  }

  /// An input that needs no change at all comes out as it went in.
  @Test func anInputWithoutEditsComesOutUnchanged() {
    let input = Array(("<r>" + String(repeating: "<i a=\"&quot;\">&#8217;x y</i>\n", count: 3000) + "</r>").utf8)
    for size in [0, 5, 65536] {
      let same = preparedInChunks(input, size: size).0 == input
      #expect(same, "chunks of \(size)")
    }
  }

  /// Lines are counted only up to an issue (and per buffer when chunked): an issue far into
  /// the input, after issues early on, still names its own line.
  @Test func lazilyCountedLinesStayExact() {
    var s = "<r>&one;\n"
    for k in 0..<3000 { s += "line \(k)" + String(repeating: " ", count: k % 23) + "\n" }
    s += "&two;" + String(repeating: "\n", count: 17) + "\u{2}</r>"
    for size in [0, 1, 5, 64, 1000, 65536] {
      #expect(preparedInChunks(Array(s.utf8), size: size).1 == [1, 3002, 3019], "chunks of \(size)")
    }
  }

  /// Past the attribute cap the rest of the tag is left out, also after an edit in the tag.
  @Test func theAttributeCapDropsTheRestAfterAnEdit() {
    let limits = XMLLimits(maximumAttributes: 2)
    let input = Array("<a x=\"&eacute;\" y='2' zz=\"3\" w=\"4\"/>t".utf8)
    let expected = "<a x=\"&#233;\" y='2' />t"
    for size in [0, 1, 4, 9] {
      let (out, _) = preparedInChunks(input, size: size, limits: limits)
      #expect(String(decoding: out, as: UTF8.self) == expected, "chunks of \(size)")
    }
  }

  /// Predefined references in text (escaped HTML) reach libxml2 as a CDATA section with
  /// the characters themselves, wherever they fall in a word; `]` and a carriage return
  /// end the section; outside the root element nothing changes.
  @Test func referencesInTextBecomeASection() {
    for before in 0..<17 {
      for after in [0, 1, 7, 8, 9, 20] {
        let lead = String(repeating: "x", count: before)
        let tail = String(repeating: "y", count: after)
        #expect(prepared("<a>" + lead + "&lt;" + tail + "&amp;</a>")
          == "<a>" + lead + "<![CDATA[<" + tail + "&]]></a>", "\(before)+\(after)")
      }
    }
    #expect(prepared("<a>]]&gt;&quot;&apos;</a>") == "<a>]]<![CDATA[>\"']]></a>")
    #expect(prepared("<a>&lt;]]&gt;</a>") == "<a><![CDATA[<]]>]]<![CDATA[>]]></a>")
    #expect(prepared("<a>&lt;\r\n&gt;</a>") == "<a><![CDATA[<]]>\r\n<![CDATA[>]]></a>")
    #expect(prepared("<a>&lt;&#233;&gt;</a>") == "<a><![CDATA[<]]>&#233;<![CDATA[>]]></a>")
    #expect(prepared("&lt;<a/>&lt;") == "&lt;<a/>&lt;")
    #expect(prepared("<a v=\"&lt;\">&lt;</a>") == "<a v=\"&lt;\"><![CDATA[<]]></a>")
  }
}
