import Foundation
import Testing

@testable import FeedloomNormalize

/// feedparser's sanitiser cases (shared/conformance/feedparser/wellformed/sanitize), run on
/// the sanitiser directly: the HTML of the field each `Expect:` line reads goes through
/// `HTMLSanitizer.sanitize` and must give the expected string exactly.
@Suite struct SanitizerConformanceTests {
  /// Cases where this sanitiser decides otherwise than feedparser, on purpose:
  /// - `*_crazy`: feedparser keeps comments holding markup and, after a stray `</script>`,
  ///   keeps script text (its counter goes negative); comments are mutation-XSS raw material.
  /// - `noscript`, `textarea`: their content is raw text to a browser, so the elements go
  ///   (content kept), as the XSS static check requires.
  static let decidedOtherwise: Set<String> = [
    "entry_content_crazy.xml", "entry_title_crazy.xml", "feed_copyright_crazy.xml",
    "feed_subtitle_crazy.xml", "feed_tagline_crazy.xml", "feed_title_crazy.xml",
    "item_content_encoded_crazy.xml", "acceptable_element_noscript.xml", "acceptable_element_textarea.xml",
  ]

  static func caseFiles(_ folderName: String = "sanitize") -> [URL] {
    guard let root = SharedMaterial.root else { return [] }
    let folder = root.appendingPathComponent("conformance/feedparser/wellformed/\(folderName)")
    let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
    return files.filter { $0.pathExtension == "xml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  static func cases() -> [FeedparserSanitizeCase] {
    caseFiles().compactMap { FeedparserSanitizeCase(file: $0) }
  }

  /// The relative-URL cases of wellformed/base whose field is HTML: http_* ones get the
  /// document URL feedparser's runner served them from (or their Content-Location).
  static func baseCases() -> [FeedparserSanitizeCase] {
    caseFiles("base").compactMap { file in
      let name = file.lastPathComponent
      let documentURL = name.hasPrefix("http") ? "http://127.0.0.1:8097/tests/wellformed/base/\(name)" : nil
      guard let testCase = FeedparserSanitizeCase(file: file, documentURL: documentURL),
        testCase.expected.contains("<")
      else { return nil }
      return testCase
    }
  }

  @Test(.enabled(if: SharedMaterial.isAvailable, "needs shared/conformance"))
  func feedparserRelativeURLCasesPass() {
    let cases = Self.baseCases()
    #expect(cases.count > 20, "the case files were not read")
    let failures = Self.failures(of: cases, except: [])
    #expect(failures.isEmpty, "\(failures.count) of \(cases.count) failed:\n\(failures.joined(separator: "\n"))")
  }

  /// One line per case whose sanitised input differs from its expectation.
  static func failures(of cases: [FeedparserSanitizeCase], except allowed: Set<String>) -> [String] {
    cases.compactMap { testCase in
      let actual = HTMLSanitizer.sanitize(testCase.input, baseURL: testCase.base)
      guard actual != testCase.expected, !allowed.contains(testCase.name) else { return nil }
      return "\(testCase.name): got \(actual.debugDescription), expected \(testCase.expected.debugDescription)"
        + " (base \(testCase.base ?? "none"))"
    }
  }

  @Test(.enabled(if: SharedMaterial.isAvailable, "needs shared/conformance"))
  func everyStringExpectationIsRead() throws {
    let unread = try Self.caseFiles().filter { file in
      let text = try String(contentsOf: file, encoding: .utf8)
      return text.contains("== '") && FeedparserSanitizeCase(file: file) == nil
    }
    #expect(unread.isEmpty, "unread: \(unread.map(\.lastPathComponent))")
  }

  @Test(.enabled(if: SharedMaterial.isAvailable, "needs shared/conformance"))
  func feedparserSanitizeCasesPass() {
    let cases = Self.cases()
    #expect(cases.count > 300, "the case files were not read")
    let failures = Self.failures(of: cases, except: Self.decidedOtherwise)
    #expect(failures.isEmpty, "\(failures.count) of \(cases.count) failed:\n\(failures.joined(separator: "\n"))")
  }

  @Test(.enabled(if: SharedMaterial.isAvailable, "needs shared/conformance"))
  func crazyCaseStillDropsEveryScript() {
    for testCase in Self.cases() where testCase.name.hasSuffix("_crazy.xml") {
      let actual = HTMLSanitizer.sanitize(testCase.input, baseURL: nil)
      #expect(!actual.contains("<script"), "\(testCase.name)")
      #expect(!actual.contains("onmouseover"), "\(testCase.name)")
      #expect(!actual.contains("<!--"), "\(testCase.name)")
      #expect(actual.contains("<h1>Did The Javascript Execute?</h1>"), "\(testCase.name)")
    }
  }
}
