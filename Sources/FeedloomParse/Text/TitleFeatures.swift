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
    0.373,  // vocabularyShare
    2.073,  // stemShare
    2.332,  // sharedWords
    -0.462,  // noContentWords
    -0.868,  // oneWord
    -0.014,  // twoOrThreeWords
    0.918,  // fourToTwentyWords
    -0.509,  // manyWords
    -3.033,  // endsWithPeriod
    -0.054,  // endsWithQuestionOrExclamation
    -0.759,  // endsWithColon
    0.169,  // hasSeparators
    0.179,  // distanceBefore
    -0.211,  // rank
    -0.450,  // logRank
    -2.429,  // inBody
    -0.227,  // intoBody
    -1.110,  // afterProse
    0.271,  // beforeProse
    3.403,  // bylineOrDateAfter
    0.612,  // bylineOrDateBefore
    2.568,  // adjacentCopy
    0.017,  // repeatedOnPage
    -0.540,  // startsLongerLine
    0.996,  // standfirstAfter
    -1.164,  // longerThanLineAbove
    -0.322,  // besideCounter
    0.119,  // nameShape
    -0.055,  // shortCapitalisedNoStopWords
    0.680,  // shortLinesAround
    -0.058,  // capitalRatio
    0.265,  // stopRatio
    -0.277,  // digitShare
    -0.202,  // prose
    0.499,  // length
    0.973,  // strictCandidate
    1.292,  // endsLongerLine
    -1.155,  // farBefore
    -1.090,  // deepIntoBody
    -3.204,  // proseBefore
    2.264,  // proseAfter
    1.699,  // holdsDate
    -0.113,  // bylineShape
    -0.680,  // headlineLikeAbove
    0.391,  // headlineLikeBelow
    0.814,  // similarToNeighbour
    0.760,  // innerColon
    0.528,  // quoted
    1.415,  // endOfAnotherLine
    -1.421,  // holdsAnotherLine
    -1.600,  // contactOrCredit
    -0.895,  // navigation
    -1.393,  // endsWithComma
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
