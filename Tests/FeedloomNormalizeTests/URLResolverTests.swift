import Foundation
import Testing

@testable import FeedloomNormalize

struct URLCase: Sendable, CustomStringConvertible {
  var base: String?
  var reference: String
  var expected: String?
  var description: String { "\(reference.debugDescription) against \(base ?? "nil")" }
}

/// `\t`, `\n` and `\u0001` in the table stand for those characters.
private func unescaped(_ s: Substring) -> String {
  s.replacingOccurrences(of: "\\t", with: "\t").replacingOccurrences(of: "\\n", with: "\n")
    .replacingOccurrences(of: "\\u0001", with: "\u{1}")
}

/// RFC 3986 §5.4.1 normal and §5.4.2 abnormal examples, then feedparser's and ours
/// (Fixtures/urls/rfc3986.tsv).
let urlCases: [URLCase] = fixtureRows("urls/rfc3986", columns: 3).map {
  URLCase(base: optionalField($0[0]), reference: unescaped($0[1]), expected: optionalField($0[2]))
}

@Suite struct URLResolverTests {
  @Test func fixturesAreLoaded() { #expect(urlCases.count >= 60) }

  @Test(arguments: urlCases)
  func resolves(_ c: URLCase) {
    #expect(URLResolver.resolve(c.reference, against: c.base) == c.expected, "\(c)")
  }

  /// The RFC's own `g:h` and strict `http:g` resolve as the RFC says once the scheme is allowed.
  @Test func keepsOtherSchemesAsWritten() {
    #expect(URLResolver.resolve("g:h", against: "http://a/b/c/d;p?q") == nil)  // g: not allowed
    #expect(URLResolver.resolve("http:g", against: "http://a/b/c/d;p?q") == "http:g")
  }

  /// The shortcut takes only URLs that resolve to themselves: a dot segment counts in the path,
  /// not in the query or fragment; white space and controls count anywhere.
  @Test func cleanAbsoluteWebURLs() {
    #expect(URLResolver.isCleanAbsoluteWebURL("https://example.com/a/b.html?x=1#top"))
    #expect(URLResolver.isCleanAbsoluteWebURL("http://example.com/a?next=/./b"))
    #expect(URLResolver.isCleanAbsoluteWebURL("http://example.com/a#/../b"))
    #expect(!URLResolver.isCleanAbsoluteWebURL("http://example.com/./b"))
    #expect(!URLResolver.isCleanAbsoluteWebURL("http://example.com/a/../b"))
    #expect(!URLResolver.isCleanAbsoluteWebURL("http://./b"))
    #expect(!URLResolver.isCleanAbsoluteWebURL("http://example.com/a b"))
    #expect(!URLResolver.isCleanAbsoluteWebURL("http://example.com/a?b=\u{7F}"))
    #expect(!URLResolver.isCleanAbsoluteWebURL("http://example.com/a#b\tc"))
    #expect(!URLResolver.isCleanAbsoluteWebURL("http:///example.com/"))
    #expect(!URLResolver.isCleanAbsoluteWebURL("HTTP://example.com/"))
  }

  @Test func judgesSchemes() {
    #expect(URLResolver.isSafe("http://example.com/"))
    #expect(URLResolver.isSafe("/relative"))
    #expect(URLResolver.isSafe("12:30.html"))
    #expect(URLResolver.isSafe("?a=b:c"))
    #expect(URLResolver.isSafe("\u{A0}javascript:alert(1)"))  // browsers read this as relative
    #expect(!URLResolver.isSafe("javascript:alert(1)"))
    #expect(!URLResolver.isSafe(" \u{0}\njava\u{0}script:alert(1)"))
    #expect(!URLResolver.isSafe("livescript:alert(1)"))
    #expect(!URLResolver.isSafe("data:,evil"))
    #expect(!URLResolver.isSafe("data:image/jpeg,abc"))
    #expect(URLResolver.isSafe("DATA:IMAGE/GIF;base64,R0lGOD"))
  }
}

/// RFC 3986 §5.2.4 written as literally as the RFC states it: the oracle for the fast one.
private func literalRemoveDotSegments(_ path: String) -> String {
  var input = path
  var output = ""
  while !input.isEmpty {
    if input.hasPrefix("../") {
      input.removeFirst(3)
    } else if input.hasPrefix("./") {
      input.removeFirst(2)
    } else if input.hasPrefix("/./") {
      input.removeFirst(2)
    } else if input == "/." {
      input = "/"
    } else if input.hasPrefix("/../") || input == "/.." {
      input = "/" + input.dropFirst(input == "/.." ? 3 : 4)
      if let slash = output.lastIndex(of: "/") { output = String(output[..<slash]) } else { output = "" }
    } else if input == "." || input == ".." {
      input = ""
    } else {
      var end = input.startIndex
      if input[end] == "/" { end = input.index(after: end) }
      while end < input.endIndex, input[end] != "/" { end = input.index(after: end) }
      output += input[..<end]
      input = String(input[end...])
    }
  }
  return output
}

@Suite struct DotSegmentTests {
  /// Every path of up to five segments drawn from a small alphabet, with and without a
  /// leading slash, matches the literal algorithm.
  @Test func matchesTheLiteralAlgorithm() {
    let pieces = ["a", ".", "..", "", "b.", ".c"]
    var paths = [""]
    for _ in 0..<4 {
      paths = paths.flatMap { p in pieces.map { p.isEmpty ? $0 : p + "/" + $0 } } + paths
    }
    var checked = 0
    for p in Set(paths) {
      for path in [p, "/" + p] {
        let fast = String(decoding: URLResolver.removeDotSegments(Array(path.utf8)[...]), as: UTF8.self)
        #expect(fast == literalRemoveDotSegments(path), "\(path)")
        checked += 1
      }
    }
    #expect(checked > 1000)
  }
}

/// The word-at-a-time scan of the clean-URL shortcut answers as the byte loop did.
@Suite struct CleanURLScanTests {
  /// The shortcut's rule, stated on whole byte arrays: more than 8 bytes, `http://` or
  /// `https://` then no third slash, no control, space or DEL anywhere, and no `/.` before the
  /// first `?` or `#` (counting the scheme's slashes).
  private static func reference(_ url: String) -> Bool {
    let b = Array(url.utf8)
    let scheme = b.starts(with: Array("https://".utf8)) ? 8 : b.starts(with: Array("http://".utf8)) ? 7 : 0
    guard b.count > 8, scheme > 0, b.count > scheme, b[scheme] != UInt8(ascii: "/") else { return false }
    if b.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return false }
    let pathEnd = b[scheme...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? b.count
    for i in scheme..<pathEnd where b[i] == UInt8(ascii: ".") && b[i - 1] == UInt8(ascii: "/") {
      return false
    }
    return true
  }

  /// Every interesting byte at every offset of URLs up to 40 bytes long.
  @Test func everyByteAtEveryOffset() {
    let specials: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x7F, 0x80, 0xC3, 0xFF,
      UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "&")]
    for prefix in ["http://", "https://"] {
      for length in 1...33 {
        let body = Array(String(repeating: "a", count: length).utf8)
        for offset in 0..<length {
          for special in specials {
            for second in [nil, UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "?")] as [UInt8?] {
              var bytes = body
              bytes[offset] = special
              if let second, offset + 1 < length { bytes[offset + 1] = second }
              let url = String(decoding: Array(prefix.utf8) + bytes, as: UTF8.self)
              #expect(URLResolver.isCleanAbsoluteWebURL(url) == Self.reference(url), "\(url.debugDescription)")
            }
          }
        }
      }
    }
  }

  @Test func byteSearchFindsEveryOffset() {
    for length in 0...20 {
      for offset in 0..<max(length, 1) {
        var bytes = [UInt8](repeating: UInt8(ascii: "b"), count: length)
        if offset < length { bytes[offset] = UInt8(ascii: "&") }
        let found = bytes.withUnsafeBufferPointer { SWAR.contains(UInt8(ascii: "&"), in: $0) }
        #expect(found == bytes.contains(UInt8(ascii: "&")))
      }
    }
  }
}
