import Testing
@testable import FeedloomXML

@Suite struct EncodingTests {
  func decode(_ bytes: [UInt8], _ contentType: String? = nil) -> DecodedInput {
    XMLDecoder.decode(bytes, contentType: contentType)
  }

  func text(_ d: DecodedInput) -> String { String(decoding: d.bytes, as: UTF8.self) }

  @Test func plainUTF8() {
    let d = decode(Array("<?xml version=\"1.0\"?><r>é</r>".utf8))
    #expect(d.encoding == "utf-8")
    #expect(d.issues.isEmpty)
  }

  @Test func byteOrderMarksWin() {
    let d = decode([0xFF, 0xFE] + Array("<r>é</r>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    #expect(d.encoding == "utf-16le")
    #expect(text(d) == "<r>é</r>")
  }

  @Test func utf16WithoutBOMIsSniffed() {
    let s = "<?xml version=\"1.0\" encoding=\"utf-16\"?><r/>"
    let d = decode(Array(s.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    #expect(d.encoding == "utf-16be")
    #expect(text(d) == s)
  }

  @Test func latin1LabelReadsAsWindows1252() {
    let d = decode(Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><r>".utf8) + [0x93, 0xE9] + Array("</r>".utf8))
    #expect(d.encoding == "windows-1252")
    #expect(text(d).hasSuffix("<r>\u{201C}é</r>"))
    #expect(d.issues.isEmpty)
  }

  @Test func latin1WithoutC1BytesKeepsItsName() {
    let d = decode(Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>".utf8) + [0xE9] + Array("</r>".utf8))
    #expect(d.encoding == "iso-8859-1")
  }

  @Test func utf8MislabelledAsLatin1IsReadAsUTF8() {
    let d = decode(Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><r>café</r>".utf8))
    #expect(d.encoding == "utf-8")
    #expect(text(d).hasSuffix("café</r>"))
    #expect(d.issues.contains { $0.code == "character-encoding-override" })
  }

  @Test func invalidUTF8FallsBackToWindows1252() {
    let d = decode(Array("<r>".utf8) + [0xE9, 0x20, 0xE8] + Array("</r>".utf8))
    #expect(d.encoding == "windows-1252")
    #expect(text(d) == "<r>é è</r>")
    #expect(d.issues.contains { $0.code == "character-encoding-override" })
  }

  @Test func httpCharsetBeatsTheDeclaration() {
    let d = decode(Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><r/>".utf8), "application/xml; charset=\"us-ascii\"")
    #expect(d.encoding == "us-ascii")
    #expect(d.issues.isEmpty)
  }

  @Test func textXMLDefaultsToASCII() {
    let d = decode(Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><r>é</r>".utf8), "text/xml")
    #expect(d.encoding == "utf-8")
    #expect(d.issues.contains { $0.code == "character-encoding-override" })
  }

  @Test func utf7IsRefused() {
    let d = decode(Array("<?xml version=\"1.0\" encoding=\"utf-7\"?><r>+ADw-script+AD4-</r>".utf8))
    #expect(d.encoding != "utf-7")
    #expect(!text(d).contains("<script"))
    #expect(d.issues.contains { $0.code == "character-encoding-unknown" })
  }

  @Test func legacyCodePagesGoThroughIconv() {
    let d = decode(Array("<?xml version=\"1.0\" encoding=\"koi8-r\"?><r>".utf8) + [0xC1] + Array("</r>".utf8))
    #expect(d.encoding == "koi8-r")
    #expect(text(d).hasSuffix("<r>а</r>"))
  }
}

@Suite struct CodePageTableTests {
  @Test func macGreekComesFromOurOwnTable() {
    let d = XMLDecoder.decode(Array("<?xml version=\"1.0\" encoding=\"macgreek\"?><r>".utf8) + [0x80] + Array("</r>".utf8))
    #expect(d.encoding == "mac-greek")
    #expect(String(decoding: d.bytes, as: UTF8.self).hasSuffix("<r>Ä</r>"))
    #expect(d.issues.isEmpty)
  }

  /// The UTF-8 check skips ASCII 32 and 8 bytes at a time: inputs of every length around
  /// those steps, ending in ASCII or in a multibyte character, read as the UTF-8 they are.
  /// The UTF-8 facts (invalid bytes, multi-byte characters, C1 bytes) are those of a plain
  /// byte-by-byte reading, on mixes of every byte class, whole and in chunks of any size.
  @Test func utf8FactsMatchAPlainReading() {
    var seed: UInt64 = 0x1234_5678
    func next() -> UInt64 {
      seed &+= 0x9E37_79B9_7F4A_7C15
      var z = seed
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let pieces: [[UInt8]] = [
      Array("ascii text ".utf8), Array("\u{E9}".utf8), Array("\u{430}".utf8), Array("\u{65E5}".utf8),
      Array("\u{FF0C}".utf8), Array("\u{1F600}".utf8), Array("\u{D7FF}".utf8), [0x80], [0x9F], [0xC3],
      [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xFF],
      [0xE2, 0x82], Array(String(repeating: "a", count: 40).utf8),
    ]
    for _ in 0..<300 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(next() % 40) { bytes += pieces[Int(next() % UInt64(pieces.count))] }
      var invalid = 0, multibyte = 0, hasC1 = false
      bytes.withUnsafeBufferPointer { p in
        var i = 0
        while i < p.count {
          if p[i] < 0x80 { i += 1; continue }
          let len = UTF8Scan.sequenceLength(p, i)
          if len == 0 {
            invalid += 1
            if p[i] < 0xA0 { hasC1 = true }
            i += 1
          } else {
            multibyte += 1
            for k in 1..<len where p[i + k] < 0xA0 { hasC1 = true }
            i += len
          }
        }
      }
      for size in [bytes.count, 1, 2, 3, 5, 33] where size > 0 {
        var facts = XMLDecoder.BodyFacts()
        for piece in chunks(bytes, of: size) { piece.withUnsafeBufferPointer { facts.add($0, isLast: false) } }
        facts.add(UnsafeBufferPointer(start: nil, count: 0), isLast: true)
        #expect(facts.utf8.invalid == invalid, "\(bytes) in chunks of \(size)")
        #expect(facts.utf8.multibyte == multibyte, "\(bytes) in chunks of \(size)")
        #expect(facts.utf8.hasC1 == hasC1, "\(bytes) in chunks of \(size)")
      }
    }
  }

  @Test func asciiRunsOfEveryLengthAroundTheSteps() {
    for length in 0..<80 {
      for tail in ["", "\u{E9}", "\u{1F600}"] {
        let text = "<r>" + String(repeating: "a", count: length) + tail
        let d = XMLDecoder.decode(Array(text.utf8), contentType: "application/xml; charset=iso-8859-1")
        #expect(d.encoding == (tail.isEmpty ? "iso-8859-1" : "utf-8"), "\(length) + \(tail)")
        #expect(d.bytes == Array(text.utf8), "\(length) + \(tail)")
      }
    }
  }
}
