import FeedloomModel
import Testing

@testable import FeedloomParse

/// When a copied page is a live blog (one entry per post) and when its time-like lines are
/// something else: comment times, video durations. Made-up pages in Fixtures/text.
@Suite struct TextLiveBlogTests {
  static func read(_ name: String) throws -> Document {
    let path = Fixture.testsDirectory + "/Fixtures/text/" + name
    return try TextArticleReader.read(Input(bytes: try Input.read(path: path), name: name), metadata: nil)
  }

  @Test func anArticleWithTimeStampedCommentsStaysOneEntry() throws {
    // Three comments "09:14 , Tom Reed" + one line each: a regular run of stamps, but the
    // comments hold a small part of the page's prose, so the page is an article.
    let document = try Self.read("article-with-timed-comments.txt")
    #expect(document.entries.count == 1)
    let article = try #require(document.entries.first)
    #expect(article.title?.value == "Harbour wall to be rebuilt before winter storms")
    #expect(article.text?.hasPrefix("The harbour board agreed on Monday") == true)
    #expect(article.text?.contains("how long the harbour will stay partly closed") == true)
  }

  @Test func videoDurationsUnderAnArticleAreNotPosts() throws {
    // "01:45", "09:09", "01:52"…: durations jump up and down, and each is followed only by the
    // next video's title, so they are no run of posts.
    let document = try Self.read("video-list-after-article.txt")
    #expect(document.entries.count == 1)
    #expect(document.entries.first?.text?.hasPrefix("The new graphics card launches tomorrow") == true)
  }

  @Test func aListOfLatestNewsUnderAnArticleIsNoLiveBlog() throws {
    // Times newest first, each over a teaser cut short for its link: a "latest news" box.
    let article = [
      "The harbour board agreed on Monday to rebuild the old wall before the winter storms arrive, at a cost of two million.",
      "Work will start next month and the harbour will stay partly closed until the spring, the board said in a statement.",
    ]
    var text = "Harbour wall to be rebuilt\n14/03/2020 16h15\n\n" + article.joined(separator: "\n\n") + "\n\nLatest news\n"
    for (k, time) in ["20:38", "20:00", "19:52", "19:48"].enumerated() {
      text += time + "\nA team of researchers in the city says it is close to a result in study number \(k + 1) of the..." + "\n"
    }
    let document = try TextArticleReader.read(Input(bytes: Array(text.utf8), name: "latest.txt"), metadata: nil)
    #expect(document.entries.count == 1)
    #expect(document.entries.first?.text == article.joined(separator: "\n\n"))
  }

  @Test func timesMustRunOneWay() {
    func stamp(_ hour: Int, _ minute: Int) -> LiveStamp {
      LiveStamp(line: 0, hour: hour, minute: minute, day: nil, offsetSeconds: nil, text: "")
    }
    // Newest first across midnight: one step against the order is a day change.
    #expect(LiveBlogReader.runsOneWay([stamp(1, 10), stamp(0, 30), stamp(23, 50), stamp(22, 15), stamp(21, 0)]))
    #expect(LiveBlogReader.runsOneWay([stamp(9, 0), stamp(9, 30), stamp(10, 5)]))
    #expect(!LiveBlogReader.runsOneWay([stamp(1, 45), stamp(9, 9), stamp(1, 52), stamp(11, 57), stamp(1, 27)]))
  }
}
