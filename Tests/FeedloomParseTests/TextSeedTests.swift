import Foundation
import FeedloomModel
import Testing

@testable import FeedloomParse

/// The five seed articles in `seeds/` (copied page text): what each must yield.
@Suite struct TextSeedTests {
  static let seedsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("seeds")

  static func seed(_ prefix: String) throws -> Document {
    let names = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)
    let name = try #require(names.first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") })
    let path = seedsDirectory.appendingPathComponent(name).path
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    return try TextArticleReader.read(Input(bytes: bytes, name: path))
  }

  static func paragraphs(_ entry: Entry) -> [String] {
    (entry.text ?? "").split(separator: "\n\n", omittingEmptySubsequences: true).map(String.init)
  }

  /// Each `line` is absent from the body as a paragraph and as a substring.
  static func expectAbsent(_ entry: Entry, _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let text = entry.text ?? ""
    for line in lines {
      #expect(!text.contains(line), "boilerplate kept: \(line)", sourceLocation: sourceLocation)
    }
  }

  static func expectPresent(_ entry: Entry, _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let paragraphs = Set(paragraphs(entry))
    for line in lines {
      #expect(paragraphs.contains(line), "body paragraph lost: \(line.prefix(60))", sourceLocation: sourceLocation)
    }
  }

  @Test func seed000TheIndependentViaInkl() throws {
    let document = try Self.seed("000_")
    #expect(document.format == .text)
    let entry = try #require(document.entries.first)
    #expect(entry.title?.value == "US warns Russia could invade ‘at any time’ as countries urge citizens to leave Ukraine")
    #expect(entry.authors.map(\.name) == ["David Harding", "Holly Bancroft"])
    #expect(entry.publisher?.name == "The Independent UK")
    #expect(entry.published == nil)  // the text gives no date
    Self.expectAbsent(entry, [
      "Get all your news in one place.", "100’s of premium titles.", "Start reading", "Sign up to read this article",
      "Already a member? Sign in here", "Related Stories", "Download the app", "Fourteen days free",
      "One app. One membership.", "A satellite image of a the tent camp and equipment at Oktyabrskoye airfield",
    ])
    #expect(!Self.paragraphs(entry).contains("PA"))
    Self.expectPresent(entry, [
      "Russia is massing even more troops near the Ukraine border, the US claimed on Friday, as warnings grew of an imminent war in Eastern Europe.",
      "The Beijing Games end on February 20.",
      "A 2015 peace deal brokered by France and Germany helped halt large-scale battles, but regular skirmishes have continued and efforts to reach a political settlement have stalled. The Kremlin has accused Kiev of sabotaging the agreement, and Ukrainian officials argued in recent weeks that implementing it would hurt their country.",
    ])
    #expect(entry.content.first?.value.hasPrefix("<p>Russia is massing even more troops") == true)
  }

  @Test func seed001ReutersViaKhaleejTimes() throws {
    let entry = try #require(try Self.seed("001_").entries.first)
    #expect(entry.title?.value == "US says more Russian troops mass near Ukraine, invasion could come at any time")
    #expect(entry.summary?.value == "President Joe Biden said he would not send troops to rescue US citizens in the event of a Russian assault")
    #expect(entry.authors.map(\.name) == ["Reuters"])
    #expect(entry.publisher?.name == "Reuters")
    #expect(entry.published?.date?.rfc3339 == "2022-02-11T22:00:00Z")
    #expect(entry.published?.text == "Fri 11 Feb 2022, 10:00 PM")
    Self.expectAbsent(entry, [
      "Advertising", "ALSO READ:", "Read more...", "Recommended for you", "Published: Fri 11 Feb 2022", "By Reuters",
      "A Ukrainian soldier trains during military drills close to Kharkiv",
    ])
    Self.expectPresent(entry, [
      "Russia is massing yet more troops near Ukraine and an invasion could come at any time, perhaps before the end of this month’s Winter Olympics, Washington said on Friday.",
      "“Things could go crazy quickly,” Biden told NBC News.",
      "The Kremlin said on Friday the arrangement had been necessary because Macron had refused a Covid-19 test by Russian doctors. French officials said Macron’s travel schedule left no time to wait for test results; French sources also said Macron’s office had been worried Moscow would sample his DNA.",
    ])
    #expect(!Self.paragraphs(entry).contains("Reuters"))
  }

  @Test func seed002DailyMailWithLeakedScript() throws {
    let entry = try #require(try Self.seed("002_").entries.first)
    #expect(entry.title?.value == "‘The Anglo-Saxons need a war’: Russia blames WEST as Putin ‘decides to invade Ukraine on WEDNESDAY’")
    #expect(entry.summary?.value.hasPrefix("Ukraine’s President demands to see US evidence") == true)
    #expect(entry.authors.isEmpty)  // the only bylines belong to boxed side stories
    #expect(entry.published == nil)
    Self.expectAbsent(entry, ["<!–", "(function (src, d, tag){", "createElement", "DM.loadCSS", "insertBefore"])
    Self.expectPresent(entry, [
      "Ukrainian President Volodymyr Zelensky has demanded the US share intelligence which suggests Russia is planning to invade his country on Wednesday – as the first British families begin arriving to the UK after being urged to flee the potential future war zone.",
      "Ms Truss called for Russia to pull its troops back from the border to ease tensions.",
      "A 2015 peace deal brokered by France and Germany helped halt large-scale battles, but regular skirmishes have continued, and efforts to reach a political settlement have stalled.",
    ])
  }

  @Test func seed003BlogWithCommentForm() throws {
    let entry = try #require(try Self.seed("003_").entries.first)
    #expect(entry.title?.value == "Ukraine Crisis Update: Russia Invasion comming soon")
    #expect(entry.authors.isEmpty)
    #expect(entry.published == nil)
    Self.expectAbsent(entry, [
      "READ ALSO:", "Top judge who ordered seizing Palestinian land", "LEAVE A REPLY", "Please enter your comment!",
      "Please enter your name here", "TOPSHOT", "MANDATORY CREDIT",
    ])
    Self.expectPresent(entry, [
      "For almost four months now, the threat of a Russian invasion of Ukraine has loomed heavy over the ministerial cabinets of Europe and in Washington. Intelligence assessments have indicated that February is the most likely and favorable time for such an attack. And recent developments suggest that they might be correct.",
      "On Saturday, U.S. Secretary of State Antony Blinken spoke with his Russian opposite number about the deteriorating situation in Ukraine.",
      "In a last-minute effort to avert war, President Biden will talk with Putin on Saturday.",
    ])
  }

  @Test func seed004LiveBlogOneEntryPerPost() throws {
    let document = try Self.seed("004_")
    let page = try #require(document.entries.first)
    #expect(page.title?.value == "Ukraine news - live: US says Russia could invade next month as UK warns of cyber-warfare")
    // The key points stay with the page entry.
    #expect(page.text?.contains("Key Points") == true)
    #expect(page.text?.contains("• Five killed after Ukranian soldier fires at a military factory") == true)
    #expect(page.content.first?.value.contains("<li>Five killed after Ukranian soldier fires at a military factory</li>") == true)

    let posts = Array(document.entries.dropFirst())
    #expect(posts.count == 52)
    for post in posts {
      #expect(post.published?.text != nil, "post without its time: \(post.title?.value ?? "")")
      #expect(post.authors.count == 1, "post without its author: \(post.title?.value ?? "")")
    }
    let first = posts[0]
    #expect(first.title?.value == "Russia says it wants peace but has ‘gun on the table’ - US envoy")
    #expect(first.authors.map(\.name) == ["Thomas Kingsley"])
    #expect(first.published?.text == "12:31")
    // A time-only stamp above "Thursday 27 January 2022 23:30" on a newest-first page is Friday.
    #expect(first.published?.date?.rfc3339 == "2022-01-28T12:31:00Z")
    #expect(first.text?.hasPrefix("Russia says it does not want war but has placed a \"gun on the table\"") == true)
    #expect(first.text?.contains("Over two in five") == false)

    let midnight = try #require(posts.first { $0.published?.text == "00:00" })
    #expect(midnight.title?.value == "Ukraine disagrees with Biden assessment")
    #expect(midnight.published?.date?.rfc3339 == "2022-01-28T00:00:00Z")
    #expect(midnight.authors.map(\.name) == ["John Bowden"])

    let dated = try #require(posts.first { $0.published?.text == "Thursday 27 January 2022 13:37" })
    #expect(dated.title?.value == "His biggest fight yet: Ukraine-Russia crisis pushes Vitali Klitschko centre stage")
    #expect(dated.published?.date?.rfc3339 == "2022-01-27T13:37:00Z")
    #expect(dated.authors.map(\.name) == ["Emily Atkinson"])

    // Captions and credits are not post text.
    for post in posts {
      #expect(post.text?.contains("(Copyright 2022 The Associated Press. All rights reserved)") != true)
      #expect(post.text?.contains("(AP)") != true)
    }
  }
}
