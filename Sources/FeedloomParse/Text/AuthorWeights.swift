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
  static let threshold = 1.0
  /// Written by `tools/fit-text-weights.py --write` (see there, or README, to refit after
  /// changing a feature); do not edit by hand.
  static let weights: [Double] = [
    1.310,  // byRules
    2.273,  // byline
    0.123,  // nameLine
    -0.250,  // segment
    2.379,  // labelled
    1.332,  // justAfterTitle
    1.150,  // nearAfterTitle
    -0.332,  // beforeTitle
    -1.247,  // farBeforeTitle
    -1.071,  // inBody
    0.311,  // justAfterBody
    -1.245,  // farAfterBody
    -0.756,  // distance
    1.074,  // dateBeside
    1.000,  // dateInLine
    0.019,  // nameCount
    -0.217,  // oneWordName
    0.750,  // allCaps
    -0.334,  // commonWordShare
    -0.114,  // repeats
    1.101,  // bioAfter
    -0.153,  // boilerplateLine
    0.079,  // captionLine
    -0.194,  // mentionsInBody
    1.354,  // credit
    0.465,  // beforeDate
    1.305,  // shortened
    0.807,  // colonLabel
    1.408,  // personShape
    -1.427,  // lineCoverage
  ]
}
