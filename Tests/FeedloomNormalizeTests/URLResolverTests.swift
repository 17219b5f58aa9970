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
