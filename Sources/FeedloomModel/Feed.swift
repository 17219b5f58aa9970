/// Feed-level metadata, from any input kind. Field sources per format are in the spec.
public struct Feed: Sendable, Hashable, Codable {
  /// Atom `id`; RSS has none.
  public var id: String?
  public var title: Text?
  /// Atom `subtitle`/`tagline`, RSS `description`.
  public var subtitle: Text?
  /// Atom `rights`/`copyright`, RSS `copyright`.
  public var rights: Text?
  /// Absolute URL of the first `alternate` link.
  public var link: String?
  /// Every link, in document order.
  public var links: [Link] = []
  /// `language`, `dc:language` or the root's `xml:lang`.
  public var language: String?
  /// Atom `updated`/`modified`, RSS `lastBuildDate`, `dc:date`.
  public var updated: Stamp?
  /// RSS `pubDate`.
  public var published: Stamp?
  /// `dcterms:created`.
  public var created: Stamp?
  /// Atom `author`, RSS `managingEditor`, `dc:creator`.
  public var authors: [Person] = []
  public var contributors: [Person] = []
  public var categories: [Category] = []
  public var generator: Generator?
  public var icon: String?
  /// Atom `logo`, RSS `image/url`.
  public var logo: String?
  public var image: FeedImage?
  /// Atom 0.3 `info`.
  public var info: Text?
  /// `dc:publisher`, RSS `webMaster`.
  public var publisher: Person?
  /// Minutes.
  public var ttl: Int?
  /// HTML input only: the feeds a page links to with `rel=alternate`.
  public var discovered: [Link] = []

  public init() {}
}

/// One item of a feed, one article of a page or text, or one post of a live blog.
public struct Entry: Sendable, Hashable, Codable {
  /// Atom `id`, RSS `guid`, RSS 1.0 `rdf:about`; never invented.
  public var id: String?
  public var title: Text?
  /// Absolute URL of the first `alternate` link (RSS `link`, or a permalink `guid`).
  public var link: String?
  public var links: [Link] = []
  /// Atom `published`/`issued`, RSS `pubDate`, `dc:date`.
  public var published: Stamp?
  /// Atom `updated`/`modified`.
  public var updated: Stamp?
  /// Atom 0.3 `created`, `dcterms:created`.
  public var created: Stamp?
  /// `expirationDate`, `dcterms:valid` end.
  public var expires: Stamp?
  /// Atom `rights`, `dc:rights`.
  public var rights: Text?
  /// Entry `xml:lang`, `dc:language`.
  public var language: String?
  /// `dc:publisher`.
  public var publisher: Person?
  public var authors: [Person] = []
  public var contributors: [Person] = []
  public var categories: [Category] = []
  /// Atom `summary`, RSS `description`.
  public var summary: Text?
  /// Atom `content`, `content:encoded`, `xhtml:body`.
  public var content: [Content] = []
  /// Plain text of the best body (content, else summary): paragraphs separated by one blank line.
  public var text: String?
  /// RSS `enclosure`, Atom `link rel=enclosure`.
  public var enclosures: [Enclosure] = []
  /// Comments page URL.
  public var comments: String?
  /// Atom `source`; RSS `<source url>` gives `title` and a `self` link.
  public var source: Feed? {
    get { sourceBox?.feed }
    set { sourceBox = newValue.map(FeedBox.init) }
  }
  /// Boxed: a Feed held inline made every Entry 1,120 bytes, copied whole each time an entry
  /// moves (into the entries array, as it grows), though most entries have no source.
  private var sourceBox: FeedBox?

  public init() {}

  private enum CodingKeys: String, CodingKey {
    case id, title, link, links, published, updated, created, expires, rights, language
    case publisher, authors, contributors, categories, summary, content, text, enclosures
    case comments
    case sourceBox = "source"
  }

  /// The instant to sort and group by: published, else updated, else created.
  public var effectiveDate: DateTime? {
    published?.date ?? updated?.date ?? created?.date
  }
}

/// An immutable Feed behind a reference (`Entry.source`): equal, hashed and coded as the Feed.
private final class FeedBox: Sendable, Hashable, Codable {
  let feed: Feed

  init(_ feed: Feed) { self.feed = feed }

  static func == (a: FeedBox, b: FeedBox) -> Bool { a === b || a.feed == b.feed }

  func hash(into hasher: inout Hasher) { feed.hash(into: &hasher) }

  init(from decoder: any Decoder) throws { feed = try Feed(from: decoder) }

  func encode(to encoder: any Encoder) throws { try feed.encode(to: encoder) }
}
