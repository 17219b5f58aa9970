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

  /// Long stretches of line feeds (more than a vector lane can count at once) are counted
  /// whole, before an issue and into a marker of diverted text.
  @Test func longStretchesOfLineFeedsAreCountedWhole() {
    for feeds in [255 * 16 - 1, 255 * 16, 255 * 16 + 17, 10_000] {
      let newlines = String(repeating: "\n", count: feeds)
      var preparer = XMLPreparer(limits: .default)
      preparer.run(Array(("<a>" + newlines + "&bogus;</a>").utf8)) { _ in }
      #expect(preparer.log.issues.map(\.line) == [feeds + 1], "\(feeds) line feeds")
      let (out, runs, lines) = preparedWithLines("<a>&lt;" + newlines + "x</a>")
      #expect(out == "<a><?_?></a>", "\(feeds) line feeds")
      #expect(runs == ["<" + newlines + "x"], "\(feeds) line feeds")
      #expect(lines == [feeds], "\(feeds) line feeds")
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

  /// The preparer's output and the diverted text records.
  func preparedWithRuns(_ s: String) -> (String, [String]) {
    let (out, runs, _) = preparedWithLines(s)
    return (out, runs)
  }

  /// The preparer's output, the diverted text records and the line feeds each stands for.
  func preparedWithLines(_ s: String) -> (String, [String], [Int]) {
    var preparer = XMLPreparer(limits: .default)
    var out: [UInt8] = []
    preparer.run(Array(s.utf8)) { out += $0 }
    let records = preparer.runs.pendingRecordsWithLines
    return (String(decoding: out, as: UTF8.self),
      records.map { String(decoding: $0.bytes, as: UTF8.self) }, records.map(\.newlines))
  }

  /// Predefined references in text (escaped HTML) do not reach libxml2: from the first on,
  /// the text is diverted, references decoded, wherever they fall in a word, and a marker
  /// takes its place (the record holds the input's line feeds); outside the root element
  /// nothing changes.
  @Test func escapedTextIsDivertedBehindAMarker() {
    for before in 0..<17 {
      for after in [0, 1, 7, 8, 9, 20] {
        let lead = String(repeating: "x", count: before)
        let tail = String(repeating: "y", count: after)
        let (out, runs) = preparedWithRuns("<a>" + lead + "&lt;" + tail + "&amp;</a>")
        #expect(out == "<a>" + lead + "<?_?></a>", "\(before)+\(after)")
        #expect(runs == ["<" + tail + "&"], "\(before)+\(after)")
      }
    }
    #expect(preparedWithRuns("<a>]]&gt;&quot;&apos;</a>") == ("<a>]]<?_?></a>", [">\"'"]))
    #expect(preparedWithRuns("&lt;<a/>&lt;") == ("&lt;<a/>&lt;", []))
    #expect(preparedWithRuns("<a v=\"&lt;\">&lt;</a>") == ("<a v=\"&lt;\"><?_?></a>", ["<"]))
  }

  /// Diverted text reads as libxml2 would read it: `]` stays but for `]]>` (which libxml2
  /// reports), a carriage return folds into a line feed, character references are decoded
  /// (others are handled as outside), U+FFFE ends it (and is dropped) while other 0xEF
  /// characters stay; line feeds are counted into the marker.
  @Test func divertedTextReadsAsLibxml2ReadsText() {
    #expect(preparedWithRuns("<a>&lt;]]&gt;</a>") == ("<a><?_?></a>", ["<]]>"]))
    #expect(preparedWithRuns("<a>&lt;]]></a>") == ("<a><?_?>]]></a>", ["<"]))
    #expect(preparedWithLines("<a>&lt;\r\n&gt;\n</a>") == ("<a><?_?></a>", ["<\n>\n"], [2]))
    #expect(preparedWithLines("<a>&lt;\r&#10;</a>") == ("<a><?_?></a>", ["<\n\n"], [0]))
    #expect(preparedWithRuns("<a>&lt;\rx\r</a>") == ("<a><?_?></a>", ["<\nx\n"]))
    #expect(preparedWithRuns("<a>&lt;&#233;&#x1F600;&#60;&gt;</a>") == ("<a><?_?></a>", ["<\u{E9}\u{1F600}<>"]))
    #expect(preparedWithRuns("<a>&lt;&#0;x&#X41;</a>") == ("<a><?_?>x&#X41;</a>", ["<"]))
    #expect(preparedWithRuns("<a>&lt;&#00000065;</a>") == ("<a><?_?>&#00000065;</a>", ["<"]))
    #expect(preparedWithRuns("<a>&lt;\u{FFFE}y</a>") == ("<a><?_?>y</a>", ["<"]))
    #expect(preparedWithRuns("<a>&lt;\u{FF0C}\u{EFFF}y</a>") == ("<a><?_?></a>", ["<\u{FF0C}\u{EFFF}y"]))
    #expect(preparedWithRuns("<a>&lt;&eacute;&gt;</a>") == ("<a><?_?>&#233;<?_?></a>", ["<", ">"]))
  }

  /// Plain text of 64 bytes or more (up to the next byte that needs a decision) is diverted
  /// too, in the root element only; shorter text stays for libxml2.
  @Test func longPlainTextIsDiverted() {
    let long = String(repeating: "x\u{E9}", count: 22)  // 66 bytes
    let short = String(repeating: "y", count: 63)
    #expect(preparedWithRuns("<a>" + long + "</a>") == ("<a><?_?></a>", [long]))
    #expect(preparedWithRuns("<a>" + short + "</a>") == ("<a>" + short + "</a>", []))
    #expect(preparedWithLines("<a>" + short + "&lt;" + long + "\n</a>")
      == ("<a>" + short + "<?_?></a>", ["<" + long + "\n"], [1]))
    #expect(preparedWithRuns(long + "<a/>" + long) == (long + "<a/>" + long, []))
  }

  /// `_` is the markers' target: a processing instruction of the input with it is renamed.
  @Test func theInputsOwnMarkerTargetIsRenamed() {
    #expect(preparedWithRuns("<a><?_ x?><?_?><?_b?></a>") == ("<a><?x x?><?x?><?_b?></a>", []))
  }

  /// Diverted text may span buffers, and a character cut by a buffer's end is completed
  /// from the next: put back in place of its markers, it reads the same however the input
  /// is cut, and the output and the records hold the input's line feeds.
  @Test func divertedTextSpansBuffers() {
    let input = Array("<a>&lt;p&gt;caf\u{E9} \u{65E5}\u{1F600}\nx\r\ny&amp;z</a>".utf8)
    for size in [1, 2, 3, 5, 7, 16, 100] {
      var preparer = XMLPreparer(limits: .default)
      var out: [UInt8] = []
      for piece in chunks(input, of: size) {
        piece.withUnsafeBufferPointer { preparer.feed($0, final: false) { out += $0 } }
      }
      preparer.feed(UnsafeBufferPointer(start: nil, count: 0), final: true) { out += $0 }
      let lines = preparer.runs.pendingRecordsWithLines.map(\.newlines).reduce(0, +)
      #expect(out.filter { $0 == 0x0A }.count + lines == 2, "chunks of \(size)")
      var records = preparer.runs.pendingRecords.makeIterator()
      var text: [UInt8] = []
      var k = 0
      while k < out.count {
        if out[k] == UInt8(ascii: "<"), k + 2 < out.count, out[k + 1] == UInt8(ascii: "?"),
          out[k + 2] == UInt8(ascii: "_")
        {
          text += records.next() ?? Array("(missing)".utf8)
          k += 5
        } else if out[k] == 0x0D, k + 1 < out.count, out[k + 1] == 0x0A {
          k += 1
        } else {
          text.append(out[k])
          k += 1
        }
      }
      #expect(records.next() == nil, "chunks of \(size)")
      #expect(String(decoding: text, as: UTF8.self) == "<a><p>caf\u{E9} \u{65E5}\u{1F600}\nx\ny&z</a>",
        "chunks of \(size)")
    }
  }
}
