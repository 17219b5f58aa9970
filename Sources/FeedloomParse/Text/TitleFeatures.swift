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
}

/// How much each `TitleFeature` counts for a headline. Fitted once on the public half of the
/// plain-text metadata benchmark (a soft-max over each page's candidates, few general features,
/// checked on split halves), then written down here as data.
enum TitleWeights {
  static let count = TitleFeature.allCases.count
  static let weights: [Double] = [
    0.202,  // vocabularyShare
    2.502,  // stemShare
    2.400,  // sharedWords
    -0.500,  // noContentWords
    -0.817,  // oneWord
    0.016,  // twoOrThreeWords
    1.015,  // fourToTwentyWords
    -0.773,  // manyWords
    -3.116,  // endsWithPeriod
    -0.062,  // endsWithQuestionOrExclamation
    -0.720,  // endsWithColon
    0.133,  // hasSeparators
    0.242,  // distanceBefore
    -0.036,  // rank
    0.037,  // logRank
    -1.983,  // inBody
    -0.369,  // intoBody
    -1.166,  // afterProse
    0.230,  // beforeProse
    4.060,  // bylineOrDateAfter
    0.962,  // bylineOrDateBefore
    2.458,  // adjacentCopy
    0.097,  // repeatedOnPage
    -0.716,  // startsLongerLine
    1.228,  // standfirstAfter
    -0.969,  // longerThanLineAbove
    -0.266,  // besideCounter
    0.217,  // nameShape
    0.030,  // shortCapitalisedNoStopWords
    0.542,  // shortLinesAround
    -0.514,  // capitalRatio
    0.355,  // stopRatio
    -0.369,  // digitShare
    -0.315,  // prose
    0.371,  // length
    1.083,  // strictCandidate
    2.081,  // endsLongerLine
    -0.279,  // farBefore
    -1.008,  // deepIntoBody
    -2.622,  // proseBefore
    2.536,  // proseAfter
    1.452,  // holdsDate
    -0.066,  // bylineShape
    -0.714,  // headlineLikeAbove
    0.331,  // headlineLikeBelow
    0.732,  // similarToNeighbour
    0.617,  // innerColon
    0.376,  // quoted
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
