import Foundation
import Testing
@testable import FeedloomModel

@Suite struct NormalisedJSONTests {
  private func sampleDocument() -> Document {
    var entry = Entry()
    entry.id = "urn:x"
    entry.title = .plain("AT&T \"quoted\"\n")
    entry.published = Stamp(date: DateTime(year: 2022, month: 2, day: 11, hour: 22), text: "Fri, 11 Feb 2022 22:00:00 GMT")
    entry.authors = [Person(name: "Jo", email: "jo@example.com")]
    entry.links = [Link(href: "https://example.com/a", length: 12)]
    var feed = Feed()
    feed.title = .plain("Feed")
    return Document(format: .rss20, feed: feed, entries: [entry, Entry()])
  }

  @Test func compactOutputParsesAndKeepsValues() throws {
    let bytes = sampleDocument().jsonBytes(pretty: false)
    #expect(!bytes.contains(UInt8(ascii: "\n")))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    #expect(object["schema"] as? Int == 1)
    #expect(object["format"] as? String == "rss20")
    let entries = try #require(object["entries"] as? [[String: Any]])
    #expect(entries.count == 2)
    #expect(entries[0]["published"] as? String == "2022-02-11T22:00:00Z")
    #expect(entries[0]["publishedText"] as? String == "Fri, 11 Feb 2022 22:00:00 GMT")
    let title = try #require(entries[0]["title"] as? [String: Any])
    #expect(title["value"] as? String == "AT&T \"quoted\"\n")
    #expect(entries[1].isEmpty, "absent values are left out, not null")
  }

  @Test func keysAreSortedAsFoundationSortsThem() throws {
    let compact = sampleDocument().jsonBytes(pretty: false)
    let object = try JSONSerialization.jsonObject(with: Data(compact))
    let reference = try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    #expect(String(decoding: compact, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
  }

  @Test func prettyOutputIsTheSameDocumentIndented() throws {
    let pretty = sampleDocument().jsonBytes(pretty: true)
    #expect(String(decoding: pretty, as: UTF8.self).contains("\n  \"entries\": [\n    {\n      \"authors\""))
    let a = try JSONSerialization.jsonObject(with: Data(pretty)) as? NSDictionary
    let b = try JSONSerialization.jsonObject(with: Data(sampleDocument().jsonBytes(pretty: false))) as? NSDictionary
    #expect(a == b)
  }

  @Test func escapesControlCharacters() {
    var out = [UInt8]()
    JSONWriter.appendEscaped("a\u{01}b", to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "\"a\\u0001b\"")
  }

  /// Every ASCII character, between and beside runs of plain text and non-ASCII, escapes as
  /// RFC 8259 says: quote, backslash and controls (named where JSON has a name), the rest as is.
  @Test func escapesEveryASCIICharacterInRuns() {
    var value = "é"
    var expected = "\"é"
    for v in 0..<0x80 {
      let c = Character(Unicode.Scalar(UInt8(v)))
      value += "ab" + String(c)
      expected += "ab"
      switch v {
      case 0x22: expected += "\\\""
      case 0x5C: expected += "\\\\"
      case 0x0A: expected += "\\n"
      case 0x0D: expected += "\\r"
      case 0x09: expected += "\\t"
      case 0..<0x20:
        let hex = Array("0123456789abcdef")
        expected += "\\u00" + String(hex[v >> 4]) + String(hex[v & 0xF])
      default: expected.append(c)
      }
    }
    value += "→"
    expected += "→\""
    var out = [UInt8]()
    JSONWriter.appendEscaped(value, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == expected)
  }

  /// Runs are skipped eight bytes at a time: an escape at any offset is still found.
  @Test func escapesAtEveryOffsetOfALongValue() {
    for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}"] {
      for offset in 0..<40 {
        let value = String(repeating: "x", count: offset) + special + String(repeating: "é", count: 9)
        var out = [UInt8]()
        JSONWriter.appendEscaped(value, to: &out)
        let escaped: String
        switch special {
        case "\"": escaped = "\\\""
        case "\\": escaped = "\\\\"
        case "\n": escaped = "\\n"
        case "\u{1}": escaped = "\\u0001"
        default: escaped = "\\u001f"
        }
        let expected = "\"" + String(repeating: "x", count: offset) + escaped
          + String(repeating: "é", count: 9) + "\""
        #expect(String(decoding: out, as: UTF8.self) == expected, "\(special) at \(offset)")
      }
    }
  }

  /// Mixed text, with UTF-8 bytes that differ from a quote, a backslash or a control only in
  /// their high bit (¢ is C2 A2, Ü is C3 9C, ܐ is DC 90), escapes as a byte-by-byte escaper does.
  @Test func escapesLikeTheByteByByteReference() {
    func reference(_ value: String) -> String {
      var out = "\""
      for c in value.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0}"..."\u{1F}":
          let hex = Array("0123456789abcdef")
          out += "\\u00" + String(hex[Int(c.value >> 4)]) + String(hex[Int(c.value & 0xF)])
        default: out.unicodeScalars.append(c)
        }
      }
      return out + "\""
    }
    let pool = ["a", "\"", "\\", "\n", "\u{1}", "¢", "Ü", "ܐ", "é", " ", "#", "]", "\u{7F}"]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for length in 0..<64 {
      var value = ""
      for _ in 0..<length {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        value += pool[Int(seed >> 33) % pool.count]
      }
      var out = [UInt8]()
      JSONWriter.appendEscaped(value, to: &out)
      #expect(String(decoding: out, as: UTF8.self) == reference(value), "\(value.debugDescription)")
    }
  }
}
