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

  /// (input piece, what the preparer makes of it in text, in an attribute value)
  static let specials: [(String, String, String)] = [
    ("&lt;", "&lt;", "&lt;"), ("&eacute;", "&#233;", "&#233;"), ("& ", "&amp; ", "&amp; "),
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
}
