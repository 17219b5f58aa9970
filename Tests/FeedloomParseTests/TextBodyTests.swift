import FeedloomModel
import Testing

@testable import FeedloomParse

/// How the plain-text reader chooses the body lines of a copied page: the layout and line
/// features it relies on, each shown on a small page built for the purpose.
@Suite struct TextBodyTests {
  static func body(_ text: String) throws -> [String] {
    let doc = try TextArticleReader.read(Input(bytes: Array(text.utf8), name: "test.txt"), metadata: nil)
    return (doc.entries.first?.text ?? "").split(separator: "\n\n").map(String.init)
  }

  static let paragraphs = [
    "The council voted on Tuesday to close the old bridge to traffic, after engineers found that two of its supports had cracked.",
    "Drivers will have to use the ring road until a new bridge opens, which the council expects to happen in the spring of next year.",
    "A spokesman said the decision had not been taken lightly, but that the safety of the people who cross the river came first.",
  ]

  @Test func teasersPackedOneToALineDoNotJoinSpacedParagraphs() throws {
    // Teaser headlines run into their summaries, one per line, as a "latest" block copies.
    let teasers = [
      "Police arrest two after a break-in at the school on Friday nightTwo men were arrested after the school was broken into, police said on Saturday.",
      "Customers leave without paying a large bill at a steakhouseA party of six left without paying their bill after a fight broke out in the restaurant.",
      "The city will mail redistricting applications to thousands of votersThe city will send applications encouraging voters to serve on a new panel.",
    ]
    let text = "Menu\nNews\n" + teasers.joined(separator: "\n") + "\nWeather\nBridge closed after cracks found\n\n"
      + Self.paragraphs.joined(separator: "\n\n") + "\n\nComments\n"
    let body = try Self.body(text)
    #expect(body == Self.paragraphs)
  }

  @Test func aTableBetweenParagraphsStaysInTheBody() throws {
    let rows = ["Season\t2022\t2023", "Rovers\t12\t30", "United\t12\t27"]
    let text = "Rovers stay top after a late winner\n\n" + Self.paragraphs[0] + "\n\n" + Self.paragraphs[1] + "\n\n"
      + rows.joined(separator: "\n") + "\n\n" + Self.paragraphs[2] + "\n\nShare\n"
    let body = try Self.body(text)
    #expect(body == [Self.paragraphs[0], Self.paragraphs[1], "Season 2022 2023", "Rovers 12 30", "United 12 27", Self.paragraphs[2]])
  }

  @Test func tabsBetweenCellsAreCountedAsCellBreaks() {
    let decoded = TextDecoder.decode(Array("a\tb\t\tc\n\td e\t\n".utf8))
    #expect(decoded.lines.map(\.text) == ["a b c", "d e"])
    #expect(decoded.lines.map(\.features.cellBreaks) == [2, 0])
  }

  @Test func aTextPastTheLimitIsReadUpToItAndSaysSo() {
    // Whole lines up to the limit are read; the issue names the first line left out.
    let text = (1...100).map { "Line number \($0) of a long text." }.joined(separator: "\n") + "\n"
    let bytes = Array(text.utf8)
    let decoded = TextDecoder.decode(bytes, limit: 100)
    #expect(decoded.lines.map(\.text) == ["Line number 1 of a long text.", "Line number 2 of a long text.", "Line number 3 of a long text."])
    let issue = decoded.issues.first { $0.code == "text-truncated" }
    #expect(issue?.line == 4)
    #expect(issue?.message.contains("\(bytes.count) bytes") == true)
    // Within the limit nothing is said.
    #expect(TextDecoder.decode(bytes).issues.isEmpty)
    // One line longer than the limit is cut at a character boundary, not mid-sequence.
    let accents = Array(String(repeating: "é", count: 80).utf8)
    let cut = TextDecoder.decode(accents, limit: 101)
    #expect(cut.encoding == "utf-8")
    #expect(cut.lines.first?.text == String(repeating: "é", count: 50))
  }

  @Test func cookieNoticesAreBoilerplateAndCookiesThatAreBakedAreNot() {
    let classifier = LineClassifier()
    func lineClass(_ text: String) -> LineClass { classifier.classify(TextDecoder.decode(Array(text.utf8)).lines[0]) }
    #expect(lineClass("Necessary cookies are absolutely essential for the website to function properly, and we store them.") == .boilerplate)
    #expect(lineClass("Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito.") == .boilerplate)
    #expect(lineClass("The first batch of cookies baked in space came out of the oven after two hours, the crew said.") == .prose)
  }

  @Test func manyWordsWithoutPunctuationOrFunctionWordsAreNotProse() {
    // A tag cloud copied as one line is not prose; a standfirst without a full stop still is.
    let tags = "adopt friend water alert environment friendship service shooter wellbeing library walk campaign training carnival civil notice"
    let standfirst = "The foreign minister called it a deception that the country was not accepted at once as a candidate for the union"
    func isProse(_ text: String) -> Bool { LineClassifier.isProse(TextDecoder.decode(Array(text.utf8)).lines[0].features) }
    #expect(!isProse(tags))
    #expect(isProse(standfirst))
    #expect(isProse(tags + ", and more."))
  }

  @Test func aListTheBodyLeadsIntoIsKeptAndLinksAfterAMarkerAreNot() throws {
    let items = ["8 ripe pears, cored and peeled", "1 lemon, or a quarter cup of juice", "1 tsp cinnamon"]
    let links = ["Police arrest two after a school break-in", "Storm warning for the coast tonight"]
    let intro = Self.paragraphs.joined(separator: "\n\n")
    let method = [
      "Peel the pears and cut them into small pieces, then put them in a large pan with the lemon juice and the spice.",
      "Bring the fruit to the boil and let it simmer for twenty minutes, stirring now and then so that it does not catch.",
    ]
    let text = "Spiced pear jam for the holidays\n\n" + intro + "\n\nYou will need:\n" + items.joined(separator: "\n")
      + "\n\n" + method.joined(separator: "\n\n") + "\n\nMost read in local news\n" + links.joined(separator: "\n") + "\n"
    let body = try Self.body(text)
    #expect(body == Self.paragraphs + ["You will need:"] + items + method)
  }

  @Test func theWritersBiographyClosingTheBodyIsLeftOut() throws {
    let bio = "Dana Reyes is a reporter for the Daily Example, covering transport and local government."
    let body = try Self.body("Bridge closed after cracks found\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n\n" + bio + "\n")
    #expect(body == Self.paragraphs)
    #expect(!ArticleAnalyzer.isAuthorBio(Self.paragraphs[0]))
    #expect(!ArticleAnalyzer.isAuthorBio("The mayor is a former engineer and said the bridge was built in 1932."))
  }

  @Test func shortSentencesInScriptsWithoutSpacesAreBodyText() throws {
    let features = TextDecoder.decode(Array("これが非常に困ったもの。".utf8)).lines[0].features
    #expect(features.words == 1)
    #expect(features.wordEstimate >= 2)
  }

  static let teasers = [
    "The mayor said the new library would open its doors in the autumn, three years later than the council had first promised.",
    "Families who lost their homes in the floods last winter are still waiting for the money the government pledged to them.",
    "A local bakery has won a national prize for its sourdough, beating more than two hundred other entries from across the country.",
  ]

  @Test func teasersAfterAnEndMarkerAreNotBody() throws {
    // Below "You may also like", each teaser's summary sits between its headline and a share row.
    var text = "Bridge closed after cracks found\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n\nYou may also like\n"
    for (k, teaser) in Self.teasers.enumerated() { text += "Teaser headline number \(k + 1)\n\n" + teaser + "\n\nShare\n" }
    #expect(try Self.body(text) == Self.paragraphs)
  }

  @Test func articleTextAfterARelatedBoxStaysInTheBody() throws {
    // A "Related" box set in the middle of the article: paragraphs follow one after another.
    let more = [
      "Engineers will inspect the other bridges across the river next month, starting with the railway bridge near the station.",
      "The council has set aside money for repairs, and says it will publish the engineers' findings as soon as they are known.",
    ] + Self.teasers
    let text = "Bridge closed after cracks found\n\n" + Self.paragraphs.joined(separator: "\n\n")
      + "\n\nRelated\nCouncil approves new budget\n\n" + more.joined(separator: "\n\n") + "\n\nShare\n"
    #expect(try Self.body(text) == Self.paragraphs + more)
  }

  @Test func aListOfSourcesUnderTheArticleIsNotBody() throws {
    // Citations one after another read like paragraphs; the "Sources" heading ends the article.
    let sources = [
      "City Council, \"Minutes of the meeting on the closure of the old bridge,\" accessed Nov. 13, 2019, on the council's website.",
      "Email interview with the council's chief engineer about the state of the bridge supports, Oct. 30, 2019, and a follow-up call.",
    ]
    let text = "Bridge closed after cracks found\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n\nSources:\n\n"
      + sources.joined(separator: "\n\n") + "\n"
    #expect(try Self.body(text) == Self.paragraphs)
  }

  @Test func thePublishersProfileClosingAPressReleaseIsNotBody() throws {
    let profile = [
      "Acme is a global solutions provider focused on bridges and roads. The vision of Acme is to make every crossing safe.",
      "Acme is headquartered in Baar (Switzerland), has subsidiaries in 15 countries and employs around 1,300 people worldwide.",
    ]
    let text = "Acme wins the bridge contract\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n\n" + profile.joined(separator: "\n\n") + "\n"
    #expect(try Self.body(text) == Self.paragraphs)
    // A company named in the body, not closing it, stays.
    #expect(ArticleAnalyzer.isCompanyProfile(profile[1]))
    #expect(!ArticleAnalyzer.isCompanyProfile("The company said Acme is headquartered in a town with no bridge at all."))
  }

  @Test func aBoxAboutTheWriterEndsTheArticle() throws {
    let bio = "Pai de dois filhos, Carlos é também coordenador pedagógico numa escola e escreve sobre educação desde 2010."
    let text = "Bridge closed after cracks found\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n\nSobre Carlos Nadalim\n\n" + bio + "\n"
    #expect(try Self.body(text) == Self.paragraphs)
    let heading = { (text: String) in ArticleAnalyzer.isClosingHeading(TextDecoder.decode(Array(text.utf8)).lines[0]) }
    #expect(heading("Über Moritz Bachmann"))
    #expect(!heading("ÜBER MICH"))
    #expect(heading("References"))
    // A sentence about something is not a box heading.
    #expect(!heading("About the bridge and its history"))
    #expect(!heading("About 40 people came."))
  }

  @Test func aWireCreditUnderAPhotoCaptionIsNotBody() throws {
    let caption = "In this Dec. 12, 2006, file photo, made available by NASA, two astronauts work on the space station."
    let text = "Snooze cruise for astronauts\n\n" + caption + "\n\nThe Associated Press\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n"
    #expect(try Self.body(text) == Self.paragraphs)
  }

  @Test func aNumberedListIsBodyHoweverShortItsLines() throws {
    // A page whose article is a numbered list of short lines, with a sidebar of teasers below.
    let items = [
      "1a etapa: 10 de março – Interlagos", "2a etapa: 8 de abril – Curitiba", "3a etapa: 22 de abril – Velopark",
      "4a etapa: 6 de maio – Londrina", "5a etapa: 20 de maio – Santa Cruz do Sul", "6a etapa: 5 de agosto – Goiânia",
      "7a etapa: 19 de agosto – A ser divulgado", "8a etapa: 9 de setembro – Cascavel",
      "9a etapa: 23 de setembro – Velo Città", "10a etapa: 21 de outubro – Tarumã",
    ]
    let sidebar = [
      "Grande volta do programa na nova temporada, batendo aquele papo sobre tudo o que tem acontecido no mundo do esporte.",
      "Veja todas as datas, locais e horários de todos os treinos e corridas da temporada, e também os resultados de cada uma.",
      "Saiba os horários da transmissão da próxima corrida, conheça a pista, as estatísticas e os pneus que serão usados.",
    ]
    let text = "Menu\nNotícias\nCalendário da Stock Car 2018\nsegunda-feira, 22 de janeiro de 2018 às 0:13\n\n"
      + items.joined(separator: "\n") + "\n\nTags\n" + sidebar.map { "» Coluna da semana\n" + $0 }.joined(separator: "\n\n") + "\n"
    #expect(try Self.body(text) == items)
  }

  @Test func onlyItemNumbersCountAsListNumbers() {
    #expect(ArticleAnalyzer.leadingOrdinal("1) Lego Star Wars") == 1)
    #expect(ArticleAnalyzer.leadingOrdinal("12. Sammy Hagar") == 12)
    #expect(ArticleAnalyzer.leadingOrdinal("2a etapa: 8 de abril") == 2)
    #expect(ArticleAnalyzer.leadingOrdinal("3 – Velopark") == 3)
    // Times, decimals, thousands and plain numbers are not item numbers.
    #expect(ArticleAnalyzer.leadingOrdinal("12:31 Thomas Kingsley") == nil)
    #expect(ArticleAnalyzer.leadingOrdinal("1.5 million people") == nil)
    #expect(ArticleAnalyzer.leadingOrdinal("12 000 fans") == nil)
    #expect(ArticleAnalyzer.leadingOrdinal("2019") == nil)
    #expect(ArticleAnalyzer.leadingOrdinal("Round 1") == nil)
  }
}
