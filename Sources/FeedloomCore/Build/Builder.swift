import FeedloomModel
import FeedloomNormalize
import FeedloomParse
import FeedloomRender
import Foundation

/// Why a build produced no output. The previous output, if any, is untouched.
public enum BuildError: Error, Equatable, CustomStringConvertible {
  case config(ConfigError)
  case render(RenderError)
  case publish(PublishError)
  /// Every configured source failed: publishing would replace a good site with an empty one.
  case noSourceRead([SourceFailure])
  /// Two outputs would be written to the same path.
  case outputCollision(path: String)

  public var description: String {
    switch self {
    case let .config(error): return error.description
    case let .render(error): return "[step] render \(error)"
    case let .publish(error): return "[step] publish \(error)"
    case let .noSourceRead(failures):
      return "no source could be read (\(failures.count) failed); the previous output was kept"
    case let .outputCollision(path): return "[step] render two outputs would both be written to \(path)"
    }
  }
}

/// What a build did.
public struct BuildReport: Sendable, Equatable {
  /// The output directory, absolute.
  public var output: String
  /// Paths written inside it, sorted.
  public var files: [String]
  /// Items in the outputs (after duplicates were dropped).
  public var items: Int
  /// Documents read, over all sources.
  public var documents: Int
  /// Sources (and inputs of sources) that failed and were skipped.
  public var failures: [SourceFailure]
  /// Problems the readers met and recovered from, as `location: message` lines.
  public var diagnostics: [String]
}

/// The build pipeline: sources → documents → items → outputs → published directory.
public struct Builder: Sendable {
  /// Turns one input into a document; the real readers by default, a stand-in in tests.
  public typealias Reader = @Sendable (Input, InputKind) throws(ReadError) -> Document

  public var read: Reader
  /// Named in the Atom feed's `generator`.
  public var generatorVersion: String
  /// The clock, read only when the config asks for a build time on the pages.
  public var now: @Sendable () -> DateTime

  public init(
    generatorVersion: String = FeedloomInfo.version,
    now: @escaping @Sendable () -> DateTime = { DateTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) },
    read: @escaping Reader = { input, kind throws(ReadError) in try DocumentReader.read(input, kind: kind) }
  ) {
    self.read = read
    self.generatorVersion = generatorVersion
    self.now = now
  }

  /// Runs the whole pipeline and publishes into `output` (absolute, or relative to the working
  /// directory), or the config's `output` (relative to the config's directory) when nil.
  public func build(_ config: Config, output: String? = nil, workingDirectory: String) throws(BuildError)
    -> BuildReport
  {
    let collected = collect(config)
    if !config.sources.isEmpty && collected.documents == 0 {
      throw .noSourceRead(collected.failures)
    }
    let files = try render(config, items: collected.items)
    let target = output.map { PathTools.resolve($0, against: workingDirectory) }
      ?? PathTools.resolve(config.output, against: config.directory)
    do {
      try Publisher.publish(files, to: target, protecting: protectedPaths(config))
    } catch {
      throw .publish(error)
    }
    return BuildReport(
      output: target, files: files.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
      items: collected.items.count, documents: collected.documents, failures: collected.failures,
      diagnostics: collected.diagnostics)
  }

  /// Reads every source; returns the items newest first, each story once (`Deduplicator`: same
  /// id, same canonical link or near-identical text; the earliest copy is kept).
  public func collect(_ config: Config) -> (
    items: [Item], documents: Int, failures: [SourceFailure], diagnostics: [String]
  ) {
    let loader = SourceLoader(configDirectory: config.directory, read: read)
    var items: [Item] = []
    var failures: [SourceFailure] = []
    var diagnostics: [String] = []
    var documents = 0
    for source in config.sources {
      let loaded = loader.load(source)
      failures += loaded.failures
      documents += loaded.documents.count
      let settings = EntrySettings(source: source)
      var sourceItems: [Item] = []
      for document in loaded.documents {
        for issue in document.document.errors {
          diagnostics.append("\(document.location)\(issue.line.map { ":\($0)" } ?? ""): \(issue.code): \(issue.message)")
        }
        let info = SourceInfo(
          name: source.name, slug: source.slug, feed: document.document.feed, location: document.location)
        // A text article's sidecar zone wins over the source's: the reader applied it already.
        let zoneApplied = document.document.format == .text && document.path.map(EntrySettings.sidecarSetsZone) == true
        let entries = document.document.entries.map { original in
          var entry = original
          settings.apply(to: &entry, feed: document.document.feed, shiftingDates: !zoneApplied)
          return entry
        }
        // Keys per document, not per entry: items that share one link (a news page every item
        // points to) get content keys instead of colliding and being dropped.
        let keys = Deduplicator.stableKeys(for: entries, sourceSlug: source.slug)
        for (entry, key) in zip(entries, keys) {
          sourceItems.append(Item(entry: entry, source: info, key: key))
        }
      }
      sourceItems = ItemOrder.newestFirst(sourceItems)
      if let limit = source.limit, sourceItems.count > limit { sourceItems.removeLast(sourceItems.count - limit) }
      items += sourceItems
    }
    var seen = Set<String>()
    let unique = ItemOrder.newestFirst(Deduplicator().unique(items)).filter { seen.insert($0.key).inserted }
    return (unique, documents, failures, diagnostics)
  }

  /// Every output file for `items`.
  public func render(_ config: Config, items: [Item]) throws(BuildError) -> [OutputFile] {
    var atomOptions = config.atom
    atomOptions.generator = Generator(name: "feedloom", version: generatorVersion)
    var files = [
      OutputFile(path: config.atom.path, bytes: AtomFeedWriter(site: config.site.info, options: atomOptions).render(items)),
      OutputFile(path: config.csv.path, bytes: CSVWriter(options: config.csv).render(items)),
    ]
    do {
      var site = try SiteRenderer(templateDirectories: try templateDirectories(config))
      site.feeds = [SiteFeedLink(title: "Atom feed", path: config.atom.path)]
      if config.site.buildTime { site.generatedAt = now() }
      files += try site.render(site: config.site.info, items: items, pageSize: config.site.pageSize)
        .map { OutputFile(path: $0.path, bytes: $0.bytes) }
    } catch {
      throw .render(error)
    }
    var paths = Set<String>()
    for file in files where !paths.insert(PathTools.normalised(file.path)).inserted {
      throw .outputCollision(path: file.path)
    }
    return files
  }

  /// The built-in templates, then the config's `site.templates` overriding them file by file.
  func templateDirectories(_ config: Config) throws(RenderError) -> [String] {
    guard let builtIn = SiteRenderer.defaultTemplatesDirectory(near: config.directory) else {
      throw .template(file: "Templates", line: nil,
        message: "no Templates/ directory with a base.mustache beside the config or the feedloom executable")
    }
    var directories = [builtIn]
    if let templates = config.site.templates {
      directories.append(PathTools.resolve(templates, against: config.directory))
    }
    return directories
  }

  /// What the output directory must never contain: the config and everything the build reads.
  private func protectedPaths(_ config: Config) -> [String] {
    var paths = [PathTools.resolve(PathTools.lastComponent(of: config.file), against: config.directory)]
    paths.append(config.directory)
    for source in config.sources {
      if case let .path(pattern) = source.location {
        let literal = pattern.prefix { $0 != "*" && $0 != "?" && $0 != "[" }
        let fixed = SourceLoader.isGlob(pattern) ? PathTools.directory(of: String(literal) + "x") : pattern
        paths.append(PathTools.resolve(fixed, against: config.directory))
      }
    }
    paths += (try? templateDirectories(config)) ?? []
    return paths
  }
}
