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
  case credit
  case beforeDate
  case shortened
  case colonLabel
  case personShape
  case lineCoverage
}

/// How much each `AuthorFeature` counts for the page's authors, fitted like `TitleWeights`.
enum AuthorWeights {
  static let count = AuthorFeature.allCases.count
  /// Below this score no reading is taken: a page without a byline gets no authors rather
  /// than a menu line.
  static let threshold = 0.5
  /// Written by `tools/fit-text-weights.py --write` (see there, or README, to refit after
  /// changing a feature); do not edit by hand.
  static let weights: [Double] = [
    1.229,  // byRules
    2.264,  // byline
    0.041,  // nameLine
    -0.274,  // segment
    2.367,  // labelled
    1.362,  // justAfterTitle
    1.183,  // nearAfterTitle
    -0.131,  // beforeTitle
    -1.251,  // farBeforeTitle
    -1.092,  // inBody
    0.239,  // justAfterBody
    -1.299,  // farAfterBody
    -0.741,  // distance
    1.118,  // dateBeside
    0.979,  // dateInLine
    -0.055,  // nameCount
    -0.394,  // oneWordName
    0.660,  // allCaps
    -0.359,  // commonWordShare
    -0.136,  // repeats
    1.184,  // bioAfter
    -0.247,  // boilerplateLine
    -0.215,  // captionLine
    -0.229,  // mentionsInBody
    1.683,  // credit
    0.471,  // beforeDate
    1.348,  // shortened
    0.783,  // colonLabel
    1.260,  // personShape
    -1.476,  // lineCoverage
  ]
}
