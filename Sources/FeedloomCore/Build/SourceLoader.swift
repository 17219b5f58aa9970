import FeedloomModel
import FeedloomParse

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A source that could not be read (or one of the files its glob matched). The build reports it,
/// skips it, and goes on with the others.
public struct SourceFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// The configured source name.
  public var source: String
  /// The file or URL that failed.
  public var location: String
  public var message: String

  public var description: String { "[source] \(source) [location] \(location) [error] \(message)" }
}

/// One document read from a source, with where it came from.
struct LoadedDocument: Sendable {
  var document: Document
  /// The path relative to the config's directory, or the URL.
  var location: String
  /// The absolute path of a file input.
  var path: String? = nil
}

/// Finds and reads the inputs of one configured source.
struct SourceLoader {
  let configDirectory: String
  let read: Builder.Reader

  /// Every document of `source`, and a failure for each input that could not be read.
  func load(_ source: Config.SourceSettings) -> (documents: [LoadedDocument], failures: [SourceFailure]) {
    switch source.location {
    case let .path(pattern):
      let resolved = PathTools.resolve(pattern, against: configDirectory)
      let files: [String]
      if SourceLoader.isGlob(pattern) {
        files = SourceLoader.expand(resolved)
        if files.isEmpty {
          return ([], [failure(source, pattern, "no file matches this pattern")])
        }
      } else {
        files = [resolved]
      }
      var documents: [LoadedDocument] = []
      var failures: [SourceFailure] = []
      for file in files {
        let location = PathTools.relative(file, to: configDirectory)
        do {
          let bytes = try Input.read(path: file)
          // The absolute path: readers look for files beside the input (a text article's
          // `NAME.meta.json`), whatever the working directory.
          let input = Input(bytes: bytes, name: file, baseURL: source.base)
          documents.append(LoadedDocument(document: try read(input, source.kind), location: location, path: file))
        } catch {
          failures.append(failure(source, location, SourceLoader.message(error)))
        }
      }
      return (documents, failures)
    case let .url(url):
      // Fetching is another issue; a copy the fetcher cached is read when there is one.
      let cached = PathTools.resolve(SourceLoader.cachePath(slug: source.slug), against: configDirectory)
      guard let bytes = try? Input.read(path: cached) else {
        return ([], [failure(source, url,
          "fetching is not available in this build (and no cached copy at \(SourceLoader.cachePath(slug: source.slug)))")])
      }
      do {
        let input = Input(bytes: bytes, name: url, baseURL: source.base ?? url)
        return ([LoadedDocument(document: try read(input, source.kind), location: url)], [])
      } catch {
        return ([], [failure(source, url, SourceLoader.message(error))])
      }
    }
  }

  /// Where a url source's last fetched body is kept, relative to the config's directory.
  static func cachePath(slug: String) -> String { ".feedloom/cache/\(slug)" }

  private func failure(_ source: Config.SourceSettings, _ location: String, _ message: String) -> SourceFailure {
    SourceFailure(source: source.name, location: location, message: message)
  }

  private static func message(_ error: ReadError) -> String {
    switch error {
    case let .unreadable(_, reason): return "cannot read: \(reason)"
    case let .notADocument(_, reason): return "not a feed, page or text article: \(reason)"
    }
  }

  static func isGlob(_ pattern: String) -> Bool {
    pattern.contains { $0 == "*" || $0 == "?" || $0 == "[" }
  }

  /// The regular files `pattern` matches, in byte order (not the locale's), so builds agree.
  static func expand(_ pattern: String) -> [String] {
    var matches = glob_t()
    defer { globfree(&matches) }
    guard glob(pattern, GLOB_MARK, nil, &matches) == 0 else { return [] }
    var paths: [String] = []
    for index in 0..<Int(matches.gl_pathc) {
      guard let raw = matches.gl_pathv[index] else { continue }
      let path = String(cString: raw)
      if !path.hasSuffix("/") { paths.append(path) }  // GLOB_MARK marks directories
    }
    return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}
