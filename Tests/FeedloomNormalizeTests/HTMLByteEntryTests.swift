import Foundation
import Testing

@testable import FeedloomNormalize

/// The byte-level entry of the sanitiser gives what the String entry gives for the String
/// the bytes make (repaired, XML white space trimmed), and its UTF-8 check is the standard
/// library's.
@Suite struct HTMLByteEntryTests {
  /// A small deterministic generator (the same fragments on every run).
  private struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33) % bound
    }
  }

  private func isValid(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { HTMLUTF8.isValid($0) }
  }

  @Test func validationAgreesWithTheStandardLibraryOnEverySequenceBoundary() {
    // Every lead byte with second bytes around each range edge, complete and cut short, at
    // the end of the input and before more ASCII (word loads on either side).
    let seconds: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
    for lead in UInt8(0x80)...0xFF {
      for second in seconds {
        for tail in [[], [0x80], [0x80, 0x80], [0xBF, 0xBF], [0x41, 0x80]] as [[UInt8]] {
          for padding in [0, 9] {
            let bytes = Array(repeating: UInt8(ascii: "a"), count: padding) + [lead, second] + tail
              + Array(repeating: UInt8(ascii: "b"), count: padding)
            #expect(isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
          }
        }
      }
      #expect(isValid([lead]) == false)
    }
  }

  @Test func validationAgreesWithTheStandardLibraryOnRandomBytes() {
    let alphabet: [UInt8] = [0x41, 0x20, 0x3C, 0x00, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xC3, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
    var random = Generator(state: 42)
    for _ in 0..<20000 {
      let bytes = (0..<random.next(24)).map { _ in alphabet[random.next(alphabet.count)] }
      #expect(isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
    }
    for sample in ["", "ascii only, long enough for words", "café", "日本語のテキスト", "😀 emoji \u{10FFFF}", "\u{FFFD}"] {
      #expect(isValid(Array(sample.utf8)))
    }
  }

  @Test func stringsOfKnownValidBytesEqualDecodedOnes() {
    for sample in ["", "short", String(repeating: "long ascii ", count: 30), "é", "mixed ascii and ü " + String(repeating: "x", count: 200), "日本語"] {
      let bytes = Array(sample.utf8)
      let made = bytes.withUnsafeBufferPointer { HTMLUTF8.string(knownValid: $0) }
      #expect(made == sample)
      #expect(made.count == sample.count)
      #expect(Array(made.utf8) == bytes)
    }
  }

  @Test func bytesSanitiseAsTheStringTheyMake() {
    // Pieces that stress the byte entry apart from the String one: ill-formed sequences
    // (cut before markup, inside names and values), XML and HTML white space at the edges,
    // CR, NUL, references, plain fragments and markup ones.
    let pieces: [[UInt8]] = [
      "<p>", "</p>", "<b class=\"x\">", "</b>", "<br>", "<a href=\"/x?a=1&amp;b\">", "</a>", "<img src=x alt='&copy'>",
      "<script>x</script>", "<![CDATA[a<b]]>", "<!-- c -->", "text", " ", "\n", "\r", "\r\n", "\t", "\u{0C}", "\u{0}",
      "&", "&amp;", "&copy", "&#150", "&nbsp;", "\u{A0}", "\u{2003}", "café", "日本", "<", ">", "<unknown>",
      "<span style=\"color: red\">", "</span>",
    ].map { Array($0.utf8) } + [[0xC3], [0xE2, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0xFF], [0xC2, 0xC2, 0xA0]]
    var random = Generator(state: 7)
    for round in 0..<4000 {
      var bytes: [UInt8] = []
      for _ in 0..<(1 + random.next(10)) { bytes += pieces[random.next(pieces.count)] }
      let base = round % 2 == 0 ? "http://example.org/a/" : nil
      let fromBytes = bytes.withUnsafeBufferPointer { HTMLSanitizer.sanitizeWithPlainText(utf8: $0, baseURL: base) }
      let string = String(decoding: bytes, as: UTF8.self)
      let trimmed = String(string.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }
        .reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }.reversed())
      let fromString = HTMLSanitizer.sanitizeWithPlainText(trimmed, baseURL: base)
      #expect(fromBytes == fromString, "\(bytes)")
      #expect(fromString.html == HTMLSanitizer.sanitize(trimmed, baseURL: base), "\(bytes)")
      #expect(fromString.plainText == HTMLText.plainText(fromHTML: fromString.html), "\(bytes)")
    }
  }

  /// White space folded one scalar at a time: the plain reading of `appendFolded`.
  private func referenceFold(_ text: String) -> String {
    let spaces: Set<UInt32> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
    var out = String.UnicodeScalarView()
    var pending = false
    for scalar in text.unicodeScalars {
      if spaces.contains(scalar.value) || (0x2000...0x200A).contains(scalar.value) {
        pending = true
        continue
      }
      if pending, !out.isEmpty { out.append(" ") }
      pending = false
      out.append(scalar.value == 0 ? "\u{FFFD}" : scalar)
    }
    return String(out)
  }

  @Test func textFoldsAsOneScalarAtATime() {
    // Runs long enough for word loads, with single spaces at every offset, doubled spaces,
    // controls, every Unicode space, non-ASCII letters and punctuation, NUL.
    let pieces = [
      "a", "bc", "word", "punct,", "x.y", " ", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\u{1F}", "\u{7F}", "\u{0}",
      "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}",
      "\u{205F}", "\u{3000}", "é", "’", "—", "日本", "😀", "\u{E000}", "\u{C2}", ">", "\"", "~!",
    ]
    var random = Generator(state: 11)
    for _ in 0..<6000 {
      let text = (0..<(1 + random.next(16))).map { _ in pieces[random.next(pieces.count)] }.joined()
      #expect(HTMLText.plainText(fromHTML: text) == referenceFold(text), "\(text.debugDescription)")
      let sanitized = HTMLSanitizer.sanitizeWithPlainText(text, baseURL: nil)
      #expect(sanitized.plainText == referenceFold(text), "\(text.debugDescription)")
    }
    // Long visible runs with single spaces (vector and word loads), broken by one other
    // character at every offset, and text around '&' and '<' (escaped and decoded pieces).
    let mostlyVisible = ["a", "b", "c", "d", ".", "~", "!", " ", " ", " ", "\u{7F}", "\t", "\n", "é", "  ", "&amp;", "<", "&"]
    for _ in 0..<6000 {
      let length = 1 + random.next(60)
      let text = (0..<length).map { _ in mostlyVisible[random.next(random.next(3) == 0 ? mostlyVisible.count : 8)] }.joined()
      let sanitized = HTMLSanitizer.sanitizeWithPlainText(text, baseURL: nil)
      #expect(sanitized.plainText == HTMLText.plainText(fromHTML: sanitized.html), "\(text.debugDescription)")
      if !text.contains("&"), !text.contains("<") {
        #expect(sanitized.plainText == referenceFold(text), "\(text.debugDescription)")
        #expect(HTMLText.plainText(fromHTML: text) == referenceFold(text), "\(text.debugDescription)")
      }
    }
  }

  @Test func everyLegacyReferenceReadsTheSameWrittenComplete() {
    // The text made while writing decodes `&copy` as the `&copy;` it is written as.
    for name in ["copy", "not", "amp", "lt", "gt", "quot", "nbsp", "AElig", "frac12", "sup2", "yuml", "shy", "eth"] {
      for html in ["x &\(name) y", "&\(name)", "a&\(name)b", "<p>&\(name)</p>", "&\(name);", "&\(name)x &#\(name.count)", "&#x4\(name.count)"] {
        let both = HTMLSanitizer.sanitizeWithPlainText(html, baseURL: nil)
        #expect(both.plainText == HTMLText.plainText(fromHTML: both.html), "\(html)")
      }
    }
  }

  @Test func plainTextTokensAreExactlyThoseWithNothingToEscape() {
    // '&', CR, NUL and a '<' that starts no tag at every offset of a word load, before and
    // after the '<' that ends the text, and in the bytes past the last full word.
    let pieces = ["a", "bcdefgh", " ", "&", "\r", "\u{0}", "<", "< ", "<b>", "</b>", "é", "\u{1}", "\u{C}", "%"]
    var random = Generator(state: 5)
    for _ in 0..<6000 {
      var html = (0..<(1 + random.next(14))).map { _ in pieces[random.next(pieces.count)] }.joined()
      html.withUTF8 { bytes in
        var tokenizer = HTMLTokenizer(bytes)
        while true {
          let token = tokenizer.next()
          if case .end = token { break }
          guard case .text = token else { continue }
          let text = bytes[tokenizer.start..<tokenizer.end]
          let expected = !text.contains { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == 0x0D || $0 == 0 }
          #expect(tokenizer.textIsPlain == expected, "\(Array(bytes))")
        }
      }
    }
  }

  @Test func escapingFindsEverySpecialByteAtEveryOffset() {
    // A bare '&', a '<' that starts no tag, CR, CR LF and NUL at every offset of the vector
    // and word loads, in text and in attribute values (where '"' and '>' are escaped too).
    let pieces = ["a", "bcdefgh", "x", " ", "& ", "< ", "\r", "\r\n", "\u{0}", ">", "'", "é"]
    var random = Generator(state: 3)
    for _ in 0..<4000 {
      let text = "x" + (0..<(1 + random.next(40))).map { _ in pieces[random.next(pieces.count)] }.joined() + "x"
      let expectedText = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        .replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
      #expect(HTMLSanitizer.sanitize(text, baseURL: nil) == expectedText, "\(text.debugDescription)")
      let expectedValue = expectedText.replacingOccurrences(of: ">", with: "&gt;")
      #expect(HTMLSanitizer.sanitize("<b title=\"\(text)\">t</b>", baseURL: nil) == "<b title=\"\(expectedValue)\">t</b>", "\(text.debugDescription)")
      // Single-quoted, the same value holds '"' where the text held "'".
      let quoted = text.replacingOccurrences(of: "'", with: "\"")
      let expectedQuoted = expectedValue.replacingOccurrences(of: "'", with: "&quot;")
      #expect(HTMLSanitizer.sanitize("<b title='\(quoted)'>t</b>", baseURL: nil) == "<b title=\"\(expectedQuoted)\">t</b>", "\(quoted.debugDescription)")
    }
  }

  @Test func asciiCheckSeesAHighByteAtEveryOffset() {
    for length in 0..<150 {
      var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
      #expect(bytes.withUnsafeBufferPointer { HTMLUTF8.isASCII($0) })
      for offset in 0..<length {
        bytes[offset] = 0x80
        #expect(!bytes.withUnsafeBufferPointer { HTMLUTF8.isASCII($0) }, "\(length) \(offset)")
        bytes[offset] = UInt8(ascii: "a")
      }
    }
  }
}
