import FeedloomModel
import Testing

@testable import FeedloomParse

/// The headline chooser: which short line of a copied page is the article's headline.
@Suite struct HeadlineChooserTests {
  static func title(_ lines: [String]) throws -> String? {
    let text = lines.joined(separator: "\n")
    let document = try TextArticleReader.read(Input(bytes: Array(text.utf8), name: "test.txt"), metadata: nil)
    return document.entries.first?.title?.value
  }

  static let body = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found cracks in two of its supports.",
    "The harbour bridge carries about twelve thousand cars a day, and the council said buses and bicycles would still be allowed to cross it until repairs begin.",
    "Engineers will inspect the supports of the harbour bridge again in the summer, the council said, before it decides whether the bridge can be repaired.",
  ]

  @Test func theHeadlineNextToTheBodyWinsOverMenuItems() throws {
    let page = [
      "Home", "News", "Sport", "Weather", "Local news from around the region", "Culture",
      "Council closes the harbour bridge to cars", "12 March 2024",
    ] + Self.body
    #expect(try Self.title(page) == "Council closes the harbour bridge to cars")
  }

  @Test func aHeadlineEndingInAQuestionMarkMayOpenTheBody() throws {
    let page = ["Menu", "Search", "Search in title", "Search in content", "Will the harbour bridge close to cars?"]
      + Self.body
    #expect(try Self.title(page) == "Will the harbour bridge close to cars?")
  }

  @Test func aHeadlineHoldingADateIsStillAHeadline() throws {
    let page = ["Minutes", "Archive", "Minutes of the council meeting of 10 October 2019", "By Anna Berg"] + Self.body
    #expect(try Self.title(page) == "Minutes of the council meeting of 10 October 2019")
  }

  @Test func aSentenceEndingInAFullStopIsNotTheHeadline() throws {
    let page = ["Harbour bridge to close", "Read more about the harbour bridge and the council vote."] + Self.body
    #expect(try Self.title(page) == "Harbour bridge to close")
  }

  @Test func everyFeatureHasAWeight() {
    #expect(TitleWeights.weights.count == TitleFeature.allCases.count)
  }

  @Test func aLinkToThePreviousPostIsNoHeadline() throws {
    let page = ["← Council meets on the new tram line", "Council closes the harbour bridge to cars", "12 March 2024"]
      + Self.body + ["Next post: Tram line opens in May →"]
    #expect(try Self.title(page) == "Council closes the harbour bridge to cars")
  }

  @Test func aCreditOrContactLineUnderTheHeadlineIsNoHeadline() throws {
    let page = ["Council closes the harbour bridge to cars", "AFP/The Local - news@thelocal.example", "12 March 2024"]
      + Self.body
    #expect(try Self.title(page) == "Council closes the harbour bridge to cars")
  }

}
