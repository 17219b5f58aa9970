/// The input format a document was read as (`format` in the normalised JSON).
public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
  case rss090, rss091, rss092, rss093, rss094, rss20
  /// An `<rss>` root with no version.
  case rss
  case rss10, atom03, atom10, jsonfeed, html, text
}

/// A problem met while reading a document. Never stops the parse.
public struct ParseIssue: Sendable, Hashable, Codable {
  /// Stable kebab-case code: `not-well-formed`, `undefined-entity`, `unreadable-date`, …
  public var code: String
  public var message: String
  public var line: Int?

  public init(code: String, message: String, line: Int? = nil) {
    self.code = code
    self.message = message
    self.line = line
  }
}

/// The normalised document of one input (schema 1).
public struct Document: Sendable, Hashable, Codable {
  public static let schema = 1

  public var format: Format
  /// Lower-case IANA name of the encoding the input was decoded with.
  public var encoding: String
  /// False where the parser had to recover (feedparser's `bozo`, inverted).
  public var wellFormed: Bool
  public var errors: [ParseIssue]
  public var feed: Feed
  public var entries: [Entry]

  public init(
    format: Format, encoding: String = "utf-8", wellFormed: Bool = true,
    errors: [ParseIssue] = [], feed: Feed = Feed(), entries: [Entry] = []
  ) {
    self.format = format
    self.encoding = encoding
    self.wellFormed = wellFormed
    self.errors = errors
    self.feed = feed
    self.entries = entries
  }
}
