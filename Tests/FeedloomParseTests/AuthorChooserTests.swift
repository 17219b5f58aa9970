import FeedloomModel
import Testing

@testable import FeedloomParse

/// The author chooser: which reading of a copied page names the article's authors.
@Suite struct AuthorChooserTests {
  static func authors(_ lines: [String]) throws -> [String] {
    let text = lines.joined(separator: "\n")
    let document = try TextArticleReader.read(Input(bytes: Array(text.utf8), name: "test.txt"), metadata: nil)
    return document.entries.first?.authors.compactMap(\.name) ?? []
  }

  static let body = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found cracks in two of its supports.",
    "The harbour bridge carries about twelve thousand cars a day, and the council said buses and bicycles would still be allowed to cross it until repairs begin.",
    "Engineers will inspect the supports of the harbour bridge again in the summer, the council said, before it decides whether the bridge can be repaired.",
  ]

  @Test func aNameBesideTheDateInALineOfPartsIsTheAuthor() throws {
    let page = ["Home", "Local News", "Council closes the harbour bridge to cars", "Anna Berg | 12 March 2024 | City"]
      + Self.body
    #expect(try Self.authors(page) == ["Anna Berg"])
  }

  @Test func theNameUnderAnAuthorLabelIsTheAuthor() throws {
    let page = ["Council closes the harbour bridge to cars", "12 March 2024"] + Self.body + [
      "About the author", "Jonas Lindqvist", "Jonas Lindqvist writes about transport for the paper.",
    ]
    #expect(try Self.authors(page) == ["Jonas Lindqvist"])
  }

  @Test func aBylineNearTheHeadlineWinsOverAQuotedName() throws {
    let page = ["Council closes the harbour bridge to cars", "By Anna Berg", "12 March 2024"] + Self.body + [
      "Peter Holm", "Read more",
    ]
    #expect(try Self.authors(page) == ["Anna Berg"])
  }

  @Test func aPageWithoutABylineHasNoAuthors() throws {
    let page = ["Home", "Council closes the harbour bridge to cars"] + Self.body
    #expect(try Self.authors(page).isEmpty)
  }

  @Test func aCreditLineNamesItsSource() {
    #expect(BylineReader.creditNames(in: "© 2009-2012 Jonathan Krase. Impressum & Datenschutz") == ["Jonathan Krase"])
    #expect(BylineReader.creditNames(in: "© 2012 APA/AP") == ["APA", "AP"])
    #expect(BylineReader.creditNames(in: "Quelle: Juergen Hasenkopf") == ["Juergen Hasenkopf"])
    #expect(BylineReader.creditNames(in: "The source of the river lies in the hills") == nil)
  }

  @Test func namesEndAtAHandleOrADate() {
    #expect(BylineReader.splitNames("Williams Perdomo @wperdomod -") == ["Williams Perdomo"])
    #expect(BylineReader.splitNames("LOGAN C. RITCHIE NOVEMBER 8, 2023") == ["LOGAN C. RITCHIE"])
    #expect(BylineReader.byline("Posted by Nesselsetzer under Just For Fun") == ["Nesselsetzer"])
    #expect(BylineReader.byline("Thread starter Tiberius") == ["Tiberius"])
    #expect(BylineReader.byline("05.02.2020 - Redaktion: Eberhard Fuhr (Pressesprecher des EJW)") == ["Eberhard Fuhr"])
  }

  @Test func weekdaysAndMonthsAreNoOneWordNames() {
    #expect(!ArticleAnalyzer.isOneWordName("sexta-feira"))
    #expect(!ArticleAnalyzer.isOneWordName("Montag"))
    #expect(ArticleAnalyzer.isOneWordName("Benni"))
  }

  @Test func everyFeatureHasAWeight() {
    #expect(AuthorWeights.weights.count == AuthorFeature.allCases.count)
  }
}
