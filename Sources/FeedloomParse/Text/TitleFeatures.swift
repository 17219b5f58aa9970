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
}

/// How much each `TitleFeature` counts for a headline. Fitted once on the public half of the
/// plain-text metadata benchmark (a soft-max over each page's candidates, few general features,
/// checked on split halves), then written down here as data.
enum TitleWeights {
  static let count = TitleFeature.allCases.count
  /// Written by `tools/fit-text-weights.py --write` (see there, or README, to refit after
  /// changing a feature); do not edit by hand.
  static let weights: [Double] = [
    0.369,  // vocabularyShare
    2.331,  // stemShare
    2.132,  // sharedWords
    -0.436,  // noContentWords
    -0.881,  // oneWord
    0.001,  // twoOrThreeWords
    0.999,  // fourToTwentyWords
    -0.596,  // manyWords
    -3.519,  // endsWithPeriod
    -0.367,  // endsWithQuestionOrExclamation
    -0.795,  // endsWithColon
    0.174,  // hasSeparators
    0.540,  // distanceBefore
    -0.050,  // rank
    -0.084,  // logRank
    -2.459,  // inBody
    -0.551,  // intoBody
    -0.459,  // afterProse
    0.093,  // beforeProse
    3.574,  // bylineOrDateAfter
    0.726,  // bylineOrDateBefore
    2.368,  // adjacentCopy
    -0.021,  // repeatedOnPage
    -0.653,  // startsLongerLine
    1.255,  // standfirstAfter
    -0.920,  // longerThanLineAbove
    -0.206,  // besideCounter
    0.101,  // nameShape
    0.160,  // shortCapitalisedNoStopWords
    0.510,  // shortLinesAround
    -0.436,  // capitalRatio
    0.442,  // stopRatio
    -0.350,  // digitShare
    0.063,  // prose
    0.412,  // length
    1.049,  // strictCandidate
    1.464,  // endsLongerLine
    0.124,  // farBefore
    -0.485,  // deepIntoBody
    -3.657,  // proseBefore
    2.616,  // proseAfter
    1.587,  // holdsDate
    -0.076,  // bylineShape
    -0.778,  // headlineLikeAbove
    0.505,  // headlineLikeBelow
    0.827,  // similarToNeighbour
    0.776,  // innerColon
    0.644,  // quoted
    1.012,  // endOfAnotherLine
    -1.783,  // holdsAnotherLine
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
