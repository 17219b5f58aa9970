import FeedloomModel

/// Plain-text articles (copied page text). (Being written on the `text` branch.)
enum TextArticleReader {
  static func read(_ input: Input) throws(ReadError) -> Document {
    throw .notADocument(path: input.name, reason: "text reading is not built yet")
  }
}
