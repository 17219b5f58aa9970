import Testing

@testable import FeedloomParse

/// The byte-level plain-text helpers of the feed path give what their String versions gave.
@Suite struct BodyTextTests {
  /// The Character-based paragraph folding the byte version replaced, kept as the reference.
  private static func referenceParagraphs(_ s: String) -> String {
    func fold(_ s: Substring) -> String {
      var out = ""
      var space = false
      for scalar in s.unicodeScalars {
        if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{A0}" {
          space = !out.isEmpty
        } else {
          if space { out.unicodeScalars.append(" ") }
          space = false
          out.unicodeScalars.append(scalar)
        }
      }
      return out
    }
    var out: [String] = []
    var current = ""
    var blankRun = false
    for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
      let folded = fold(line)
      if folded.isEmpty {
        blankRun = true
        continue
      }
      if blankRun && !current.isEmpty {
        out.append(current)
        current = ""
      }
      blankRun = false
      current = current.isEmpty ? folded : current + " " + folded
    }
    if !current.isEmpty { out.append(current) }
    return out.joined(separator: "\n\n")
  }

  /// Blank lines, CR LF pairs (one Character, so not a line break of their own), lone CRs,
  /// tabs, no-break spaces, non-ASCII text and leading or trailing blank lines.
  @Test func paragraphsMatchTheCharacterVersion() {
    let samples = [
      "", "\n", "  \n\t\n", "one", "  one  two  ", "one\ntwo", "one\n\ntwo", "one\n \n\n  two\nthree",
      "\n\nlead\n", "a\r\nb", "a\r\n\r\nb", "\r\nx", "a\rb", "caf\u{E9}\u{A0}\u{A0}cr\u{E8}me",
      "\u{A0}\nx\u{A0}\n\u{A0}\n\u{A0}y", "tab\there\n\t\nnext", "\u{1F600} \n\n \u{1F600}",
      "line\n\u{301}mark", "end\n\n",
    ]
    for s in samples {
      #expect(BodyText.paragraphs(s) == Self.referenceParagraphs(s), "\(Array(s.unicodeScalars))")
    }
  }

  /// Only values made entirely of U+0080-U+00FF whose bytes read as UTF-8 are repaired;
  /// ASCII, text with a character above U+00FF and genuine Latin-1 text stay.
  @Test func doubleEncodingIsRepairedOnlyWhenTheWholeValueReadsAsUTF8() {
    #expect(DoubleEncoding.repaired("plain ascii text, long enough to scan in words") == "plain ascii text, long enough to scan in words")
    #expect(DoubleEncoding.repaired("a long prefix of ascii text before caf\u{C3}\u{A9}") == "a long prefix of ascii text before café")
    #expect(DoubleEncoding.repaired("caf\u{C3}\u{A9} \u{2014} dash") == "caf\u{C3}\u{A9} \u{2014} dash")
    #expect(DoubleEncoding.repaired("na\u{EF}ve") == "na\u{EF}ve")
  }

  /// The early-exit check gives what decoding every scalar to a byte and validating gave.
  @Test func doubleEncodingMatchesTheByteForByteReading() {
    func reference(_ s: String) -> String {
      guard s.unicodeScalars.allSatisfy({ $0.value < 0x100 }),
        s.unicodeScalars.contains(where: { $0.value >= 0x80 })
      else { return s }
      let bytes = s.unicodeScalars.map { UInt8($0.value) }
      return String(validating: bytes, as: UTF8.self) ?? s
    }
    let samples = [
      "", "ascii only", "\u{C3}", "\u{C3}\u{A9}", "x\u{C3}\u{A9}y", "\u{C3}\u{A9}\u{C3}",
      "\u{E2}\u{80}\u{99}s", "\u{E2}\u{80}", "\u{F0}\u{9F}\u{98}\u{80}", "\u{F0}\u{9F}\u{98}",
      "\u{ED}\u{A0}\u{80}", "\u{E0}\u{80}\u{80}", "\u{C0}\u{80}", "\u{F8}\u{88}\u{80}\u{80}",
      "\u{80}\u{80}", "caf\u{E9}", "long ascii prefix over eight bytes \u{C3}\u{A9} and a tail",
      "\u{C3}\u{A9}\u{2014}", "\u{C3}\u{A9} \u{100}", "\u{FF}\u{FE}",
      String(repeating: "thirty-two bytes of ascii text. ", count: 3) + "caf\u{C3}\u{A9}",
      String(repeating: "thirty-two bytes of ascii text. ", count: 3) + "caf\u{E9}",
    ]
    for s in samples {
      #expect(DoubleEncoding.repaired(s) == reference(s), "\(Array(s.unicodeScalars))")
    }
  }
}
