import FeedloomModel
import FeedloomParse
import FeedloomRender

/// A build configuration (`config.json`), validated. Every key is documented in the README's
/// "Configuration" section; paths are kept as written and resolved against `directory`.
public struct Config: Sendable, Equatable {
  /// The newest config format this build reads.
  public static let currentVersion = 1

  /// The file it was read from, as given (for messages).
  public var file: String
  /// The directory relative paths in the config resolve against: the config file's own.
  public var directory: String
  public var version: Int
  public var site: SiteSettings
  public var sources: [SourceSettings]
  /// The output directory, relative to `directory` unless absolute.
  public var output: String
  public var atom: AtomOptions
  public var csv: CSVOptions

  /// `config.site`: the published site's metadata and its templates.
  public struct SiteSettings: Sendable, Equatable {
    public var info: SiteInfo
    /// A directory whose files override the built-in templates file by file.
    public var templates: String?
    /// Entries per page of the HTML digest.
    public var pageSize: Int
    /// Whether pages say when they were built. Off by default: the stamp is the one thing
    /// that would make two builds of the same input differ.
    public var buildTime: Bool = false
  }

  /// One entry of `config.sources`.
  public struct SourceSettings: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
      /// A file or a glob, relative to the config's directory unless absolute.
      case path(String)
      /// An http(s) URL.
      case url(String)
    }

    public var name: String
    /// URL- and file-safe form of the name, unique within the config.
    public var slug: String
    public var location: Location
    public var kind: InputKind
    /// URL relative links in the source resolve against (default: the URL for url sources).
    public var base: String?
    /// Publisher named on entries that name none.
    public var publisher: String?
    /// Zone for dates the source writes without one.
    public var timeZone: SourceTimeZone?
    /// Language of entries that declare none.
    public var language: String?
    /// Most entries kept from this source (the newest).
    public var limit: Int?
  }
}

/// A time zone for dates written without one: a fixed offset or an IANA zone name.
public enum SourceTimeZone: Sendable, Equatable {
  case offset(seconds: Int)
  case named(String)
}
