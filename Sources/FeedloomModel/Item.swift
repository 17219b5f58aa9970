/// An entry as the pipeline carries it to the exports: the normalised entry plus where it came
/// from and the stable identity the outputs use.
public struct Item: Sendable, Hashable {
  /// The normalised entry.
  public var entry: Entry
  /// The configured source it came from.
  public var source: SourceInfo
  /// Stable id for outputs: the entry's own id, else a `tag:` URI derived from its link or
  /// content. Never changes between builds of the same input.
  public var key: String

  public init(entry: Entry, source: SourceInfo, key: String) {
    self.entry = entry
    self.source = source
    self.key = key
  }
}

/// What the outputs need to know about a configured source.
public struct SourceInfo: Sendable, Hashable {
  /// The name the config gives the source ("Reuters World").
  public var name: String
  /// A URL- and file-safe form of the name, unique within a build (`reuters-world`).
  public var slug: String
  /// The feed-level metadata the source's document carried.
  public var feed: Feed
  /// Where the source was read from: a URL, or a path relative to the config.
  public var location: String

  public init(name: String, slug: String, feed: Feed, location: String) {
    self.name = name
    self.slug = slug
    self.feed = feed
    self.location = location
  }
}

/// The published site's own metadata (config `site`).
public struct SiteInfo: Sendable, Hashable {
  public var title: String
  /// Absolute URL the site is published at; outputs link to it.
  public var url: String
  /// BCP 47 language tag.
  public var language: String
  public var description: String?
  public var author: Person?

  public init(
    title: String, url: String, language: String = "en", description: String? = nil,
    author: Person? = nil
  ) {
    self.title = title
    self.url = url
    self.language = language
    self.description = description
    self.author = author
  }
}
