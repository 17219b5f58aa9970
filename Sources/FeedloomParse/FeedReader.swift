import FeedloomModel

/// RSS, Atom, RDF and JSON Feed documents. (Being written on the `feeds` branch.)
enum FeedReader {
  static func read(_ input: Input, kind: InputKind) throws(ReadError) -> Document {
    throw .notADocument(path: input.name, reason: "feed reading is not built yet")
  }
}
