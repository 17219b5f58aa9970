import FeedloomModel
import Foundation

/// One file of a rendered site.
public struct SiteFile: Sendable, Hashable {
  /// Path relative to the site root, `/`-separated: `index.html`, `page/2.html`,
  /// `day/2022-02-11.html`, `source/reuters.html`, `entry/<slug>.html`, `style.css`.
  public var path: String
  /// The file's bytes (UTF-8 for pages).
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

/// A feed the pages advertise with `<link rel="alternate">`, e.g. the Atom export.
public struct SiteFeedLink: Sendable, Hashable {
  /// Human-readable name (`"Atom feed"`).
  public var title: String
  /// Path relative to the site root (`feed.atom`); the file must be part of the published tree.
  public var path: String
  /// MIME type (`application/atom+xml`).
  public var type: String

  public init(title: String, path: String, type: String = "application/atom+xml") {
    self.title = title
    self.path = path
    self.type = type
  }
}

/// Renders the static HTML digest: a front page of the latest entries grouped by day (paged),
/// one archive page per day, one page per source (paged), one page per entry with its full
/// text where the source gave it, an archive index, a source index and the stylesheet.
///
/// Templates are Mustache files (`index`, `day`, `source`, `entry`, `archive`, `sources`
/// pages, the `base` layout they inherit from and partials such as `entry-card`); their
/// context is described in `Templates/CONTEXT.md`. Output is byte-stable: the same inputs
/// always give the same files, in the same order, with no build-time stamp unless
/// ``generatedAt`` is set. Every internal link is relative, so the site works from a
/// `file://` path and under any URL prefix.
public struct SiteRenderer: Sendable {
  let templates: SiteTemplates

  /// Feeds every page links to in its `<head>`. Empty by default.
  public var feeds: [SiteFeedLink] = []
  /// When set, pages say when they were generated (footer). `nil` by default, which keeps
  /// builds of the same input byte-identical.
  public var generatedAt: DateTime?
  /// Characters of plain text shown under each title on listing pages.
  public var excerptLength = 240

  /// Loads the templates of `templateDirectories`; a file in a later directory replaces the
  /// file of the same relative path in an earlier one (`[defaultTemplatesDir, userDir]`).
  /// Besides `*.mustache` templates, stylesheets, images and fonts found there are copied
  /// into the site.
  /// - Throws: `RenderError.template` naming the file (and line) of a missing directory, a
  ///   template that does not parse, a page template that is missing or a partial that
  ///   names no template.
  public init(templateDirectories: [String]) throws(RenderError) {
    templates = try SiteTemplates(directories: templateDirectories)
  }

  /// Renders the whole site for `items` (any order: pages sort newest first by
  /// `Entry.effectiveDate`, ties by key, undated entries last by key).
  /// - Parameter pageSize: entries per page on the front page and on source pages; `0` or less
  ///   puts every entry on one page.
  /// - Returns: every file of the site, sorted by path.
  public func render(site: SiteInfo, items: [Item], pageSize: Int) throws(RenderError) -> [SiteFile] {
    var builder = SiteBuilder(
      site: site, items: items, pageSize: pageSize, templates: templates, feeds: feeds,
      generatedAt: generatedAt, excerptLength: excerptLength)
    var files = builder.build()
    var seen = Set(files.map(\.path))
    for asset in templates.assets where !seen.contains(asset.path) {
      files.append(SiteFile(path: asset.path, bytes: asset.bytes))
      seen.insert(asset.path)
    }
    return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
  }

  /// The default `Templates/` directory: the one next to the config file's directory when it
  /// has one, else the one at the root of the package the running executable was built in
  /// (`…/feedloom/.build/release/feedloom` → `…/feedloom/Templates`), else an installed
  /// `<prefix>/share/feedloom/Templates` beside `<prefix>/bin/feedloom`.
  /// - Returns: `nil` when none of them holds a `base.mustache`.
  public static func defaultTemplatesDirectory(near configDirectory: String?) -> String? {
    var candidates: [String] = []
    if let configDirectory { candidates.append(join(configDirectory, "Templates")) }
    if let executable = executablePath() {
      var directory = (executable as NSString).deletingLastPathComponent
      for _ in 0..<6 {
        candidates.append(join(directory, "Templates"))
        candidates.append(join(directory, "share/feedloom/Templates"))
        let parent = (directory as NSString).deletingLastPathComponent
        if parent == directory { break }
        directory = parent
      }
    }
    return candidates.first { FileManager.default.fileExists(atPath: join($0, "base.mustache")) }
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory.isEmpty ? name : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
  }

  private static func executablePath() -> String? {
    #if os(Linux)
      if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return path
      }
    #endif
    guard let path = Bundle.main.executablePath else { return nil }
    return (path as NSString).resolvingSymlinksInPath
  }
}
