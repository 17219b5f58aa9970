import FeedloomModel
import Foundation
import Testing

@testable import FeedloomNormalize

struct DateCase: Sendable, CustomStringConvertible {
  var family: String
  var input: String
  var expected: String?
  var description: String { "\(family): \(input.debugDescription)" }
}

/// Our own per-family cases (Fixtures/dates/families.tsv).
let familyCases: [DateCase] = fixtureRows("dates/families", columns: 3).map {
  DateCase(family: String($0[0]), input: String($0[1]), expected: optionalField($0[2]))
}

@Suite struct DateReaderTests {
  @Test func familyFixturesAreLoaded() {
    #expect(familyCases.count > 50)
  }

  @Test(arguments: familyCases)
  func readsFamily(_ c: DateCase) {
    #expect(DateReader.parse(c.input)?.rfc3339 == c.expected, "\(c)")
  }

  /// Every case of feedparser's date tests in shared/conformance/dates.json must match.
  @Test func matchesSharedConformanceDates() throws {
    guard let url = sharedFile("conformance/dates.json") else { return }
    let data = try Data(contentsOf: url)
    let cases = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(!cases.isEmpty)
    var failures: [String] = []
    for c in cases {
      let input = try #require(c["input"] as? String)
      let expected = c["expected"] as? String
      let got = DateReader.parse(input)?.rfc3339
      if got != expected {
        failures.append("\(c["family"] ?? "?"): \(input.debugDescription) → \(got ?? "nil"), want \(expected ?? "nil")")
      }
    }
    print("dates.json: \(cases.count - failures.count)/\(cases.count) match")
    #expect(failures.isEmpty, "\(failures.count)/\(cases.count) failed:\n\(failures.joined(separator: "\n"))")
  }

  @Test func keepsFarPastAndRejectsBeyondYear9999() {
    #expect(DateReader.parse("Thu, 01 Jan 0100 00:00:01 +0100")?.rfc3339 == "0099-12-31T23:00:01Z")
    #expect(DateReader.parse("9999-12-31T23:59:59-01:00") == nil)
    #expect(DateReader.parse("9999-12-31T23:59:59Z")?.rfc3339 == "9999-12-31T23:59:59Z")
  }

  @Test func readsBytesWithoutStringCopy() {
    let bytes = Array("2003-12-31T10:14:55Z".utf8)
    let date = bytes.withUnsafeBufferPointer { DateReader.parse(bytes: $0) }
    #expect(date?.rfc3339 == "2003-12-31T10:14:55Z")
  }

  @Test func neverTrapsOnHostileInput() {
    let inputs = [
      "-", "--", "+", "T", "9", "99999999999999999999", "2003-", "2003-12-", "2003-12-31T",
      "2003-12-31T10:", "Thu,", "Thu, 01", "Thu, 01 Jan", "Jan", "(", "Thu, 01 Jan 2004 10:00 (",
      "\u{0}", "년", "2004년", "2004-05-25 오후", String(repeating: "9", count: 10_000),
    ]
    for input in inputs { _ = DateReader.parse(input) }
  }
}
