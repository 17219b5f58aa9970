/// What the headline scorer looks at in a candidate line (see `ArticleAnalyzer.titleFeatures`).
enum TitleFeature: Int, CaseIterable {
  case vocabularyShare
  case stemShare
  case sharedWords
  case noContentWords
  case oneWord
  case twoOrThreeWords
  case fourToTwentyWords
  case manyWords
  case endsWithPeriod
  case endsWithQuestionOrExclamation
  case endsWithColon
  case hasSeparators
  case distanceBefore
  case rank
  case logRank
  case inBody
  case intoBody
  case afterProse
  case beforeProse
  case bylineOrDateAfter
  case bylineOrDateBefore
  case adjacentCopy
  case repeatedOnPage
  case startsLongerLine
  case standfirstAfter
  case longerThanLineAbove
  case besideCounter
  case nameShape
  case shortCapitalisedNoStopWords
  case shortLinesAround
  case capitalRatio
  case stopRatio
  case digitShare
  case prose
  case length
  case strictCandidate
  case endsLongerLine
  case farBefore
  case deepIntoBody
  case proseBefore
  case proseAfter
  case holdsDate
  case bylineShape
  case headlineLikeAbove
  case headlineLikeBelow
  case similarToNeighbour
  case innerColon
  case quoted
  case endOfAnotherLine
  case holdsAnotherLine
  case contactOrCredit
  case navigation
  case endsWithComma
}

/// How much each `TitleFeature` counts for a headline. Fitted once on the public half of the
/// plain-text metadata benchmark (a soft-max over each page's candidates, few general features,
/// checked on split halves), then written down here as data.
enum TitleWeights {
  static let count = TitleFeature.allCases.count
  /// Written by `tools/fit-text-weights.py --write` (see there, or README, to refit after
  /// changing a feature); do not edit by hand.
  static let weights: [Double] = [
    0.333,  // vocabularyShare
    1.972,  // stemShare
    2.321,  // sharedWords
    -0.499,  // noContentWords
    -1.102,  // oneWord
    0.000,  // twoOrThreeWords
    0.959,  // fourToTwentyWords
    -0.519,  // manyWords
    -3.110,  // endsWithPeriod
    0.000,  // endsWithQuestionOrExclamation
    -0.815,  // endsWithColon
    0.000,  // hasSeparators
    0.000,  // distanceBefore
    -0.221,  // rank
    -0.057,  // logRank
    -2.628,  // inBody
    0.000,  // intoBody
    -1.148,  // afterProse
    0.000,  // beforeProse
    3.339,  // bylineOrDateAfter
    0.601,  // bylineOrDateBefore
    2.553,  // adjacentCopy
    0.000,  // repeatedOnPage
    -0.521,  // startsLongerLine
    1.130,  // standfirstAfter
    -1.132,  // longerThanLineAbove
    -0.674,  // besideCounter
    0.000,  // nameShape
    0.000,  // shortCapitalisedNoStopWords
    0.590,  // shortLinesAround
    0.000,  // capitalRatio
    0.000,  // stopRatio
    0.000,  // digitShare
    0.000,  // prose
    0.515,  // length
    0.836,  // strictCandidate
    2.050,  // endsLongerLine
    -1.287,  // farBefore
    -1.467,  // deepIntoBody
    -3.639,  // proseBefore
    2.374,  // proseAfter
    1.480,  // holdsDate
    0.000,  // bylineShape
    -0.628,  // headlineLikeAbove
    0.306,  // headlineLikeBelow
    0.868,  // similarToNeighbour
    0.740,  // innerColon
    0.540,  // quoted
    1.230,  // endOfAnotherLine
    -1.429,  // holdsAnotherLine
    -1.587,  // contactOrCredit
    -0.927,  // navigation
    -1.379,  // endsWithComma
  ]
}

/// What the headline scorer compares candidates with: the body's first words, and the lines
/// of the whole page.
struct TitleVocabulary {
  /// Content words of the first body lines, which a headline shares and a teaser for another
  /// page does not; and their stems.
  var words: Set<Substring> = []
  var stems: Set<Substring> = []
  /// How often each line occurs on the page.
  var lineCounts: [String: Int] = [:]
  /// The heads of "Headline | Site"-like lines (a `<title>` or a share text copied with the
  /// page): the text before each separator.
  var titleTagHeads: Set<String> = []
  var titleTagTails: Set<String> = []

  static let separators: Set<Substring> = ["|", "-", "–", "—", "::", "·", "«", "»", "•", "/"]

  init(_ analyzer: ArticleAnalyzer, bodyStart: Int) {
    let lines = analyzer.lines
    var characters = 0
    var i = bodyStart
    while i < lines.count && characters < 3000 {
      if analyzer.classes[i] == .prose {
        for w in ArticleAnalyzer.contentWords(lines[i].text) {
          words.insert(w)
          stems.insert(ArticleAnalyzer.stem(w))
        }
        characters += lines[i].features.length
      }
      i += 1
    }
    for line in lines.prefix(20_000) {
      lineCounts[line.text, default: 0] += 1
      guard line.features.length <= 300 else { continue }
      // Split at separators standing alone between words: "Headline | Section | Site".
      var head: [Substring] = []
      for token in line.text.split(separator: " ") {
        if Self.separators.contains(token) {
          if !head.isEmpty { titleTagHeads.insert(head.joined(separator: " ")) }
        }
        head.append(token)
      }
      // And the text after the last one: a breadcrumb ending in the headline.
      if let cut = line.text.split(separator: " ").lastIndex(where: { Self.separators.contains($0) }) {
        let tokens = line.text.split(separator: " ")
        if cut + 1 < tokens.count { titleTagTails.insert(tokens[(cut + 1)...].joined(separator: " ")) }
      }
    }
  }
}
