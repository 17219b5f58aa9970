/// What the author scorer looks at in a candidate (see `ArticleAnalyzer.authorFeatures`).
enum AuthorFeature: Int, CaseIterable {
  case byRules
  case byline
  case nameLine
  case segment
  case labelled
  case justAfterTitle
  case nearAfterTitle
  case beforeTitle
  case farBeforeTitle
  case inBody
  case justAfterBody
  case farAfterBody
  case distance
  case dateBeside
  case dateInLine
  case nameCount
  case oneWordName
  case allCaps
  case commonWordShare
  case repeats
  case bioAfter
  case boilerplateLine
  case captionLine
  case mentionsInBody
}

/// How much each `AuthorFeature` counts for the page's authors, fitted like `TitleWeights`.
enum AuthorWeights {
  static let count = AuthorFeature.allCases.count
  /// Below this score no reading is taken: a page without a byline gets no authors rather
  /// than a menu line.
  static let threshold = 1.0
  /// Written by `tools/fit-text-weights.py --write` (see there, or README, to refit after
  /// changing a feature); do not edit by hand.
  static let weights: [Double] = [
    1.334,  // byRules
    2.437,  // byline
    0.199,  // nameLine
    0.188,  // segment
    2.355,  // labelled
    1.314,  // justAfterTitle
    1.174,  // nearAfterTitle
    -0.593,  // beforeTitle
    -1.242,  // farBeforeTitle
    -0.794,  // inBody
    0.265,  // justAfterBody
    -1.654,  // farAfterBody
    -0.640,  // distance
    1.984,  // dateBeside
    1.253,  // dateInLine
    0.466,  // nameCount
    0.253,  // oneWordName
    -0.344,  // allCaps
    -0.816,  // commonWordShare
    -0.382,  // repeats
    1.130,  // bioAfter
    0.435,  // boilerplateLine
    0.526,  // captionLine
    -0.261,  // mentionsInBody
  ]
}
