import FeedloomModel
import Testing
@testable import FeedloomParse

/// Repeated issues of one code are bounded: a hostile feed cannot grow the issue list
/// (and memory) with its size, yet the JSON still says how many there were.
@Suite struct IssueCapTests {
  static let badDates = 10_000

  static func rssWithBadDates(_ count: Int) -> [UInt8] {
    var xml = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n"
    for i in 0..<count {
      xml += "<item><title>\(i)</title><pubDate>not a date \(i)</pubDate></item>\n"
    }
    xml += "</channel></rss>\n"
    return Array(xml.utf8)
  }

  /// Total `unreadable-date` issues told by the list: kept ones plus the summary's count.
  static func toldCount(_ issues: [ParseIssue], code: String) -> Int {
    var told = 0
    for issue in issues where issue.code == code {
      if issue.line == nil, issue.message.hasPrefix("and ") {
        told += Int(issue.message.split(separator: " ")[1]) ?? 0
      } else {
        told += 1
      }
    }
    return told
  }

  @Test func tenThousandBadDatesGiveABoundedListWithTheRightTotal() throws {
    var entries = 0
    let rest = try DocumentReader.stream(
      Input(bytes: Self.rssWithBadDates(Self.badDates), name: "bad-dates.xml"),
      begin: { _ in }, entry: { _ in entries += 1 })
    #expect(entries == Self.badDates)
    let dates = rest.errors.filter { $0.code == "unreadable-date" }
    let limit = ParseIssueCollector.defaultPerCodeLimit
    #expect(dates.count == limit + 1)
    // The kept ones are the first ones, with their lines (item i is on line i + 3).
    #expect(dates.prefix(limit).map(\.line) == (0..<limit).map { Optional($0 + 3) })
    #expect(dates[0].message == "cannot read date 'not a date 0'")
    #expect(dates[limit].message == "and \(Self.badDates - limit) more 'unreadable-date' issues")
    #expect(Self.toldCount(rest.errors, code: "unreadable-date") == Self.badDates)
  }

  @Test func fewIssuesAreKeptAsTheyCame() {
    var collector = ParseIssueCollector(perCodeLimit: 2)
    collector.add(ParseIssue(code: "a", message: "1", line: 1))
    collector.add(ParseIssue(code: "b", message: "2", line: 2))
    collector.add(ParseIssue(code: "a", message: "3", line: 3))
    #expect(collector.issues.map(\.message) == ["1", "2", "3"])
    #expect(collector.totalCount == 3)
    collector.add(ParseIssue(code: "a", message: "4", line: 4))
    collector.add(ParseIssue(code: "b", message: "5", line: 5))
    collector.add(ParseIssue(code: "a", message: "6", line: 6))
    #expect(collector.issues.map(\.message) == ["1", "2", "3", "5", "and 2 more 'a' issues"])
    #expect(collector.totalCount == 6)
  }
}
