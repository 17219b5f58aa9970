import FeedloomModel
import FeedloomParse
import FeedloomRender
import Foundation

extension Config {
  /// Reads and validates the config file at `path`.
  public static func load(path: String) throws(ConfigError) -> Config {
    let bytes: [UInt8]
    do {
      bytes = try Input.read(path: path)
    } catch {
      switch error {
      case let .unreadable(_, reason), let .notADocument(_, reason):
        throw .unreadable(file: path, reason: reason)
      }
    }
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return try parse(bytes, file: path, directory: PathTools.directory(of: absolute))
  }

  /// Validates config `bytes`; `file` names it in messages, `directory` anchors relative paths.
  public static func parse(_ bytes: [UInt8], file: String, directory: String) throws(ConfigError) -> Config {
    let root: JSONNode
    do {
      root = try ConfigJSONParser.parse(bytes)
    } catch {
      throw .syntax(file: file, line: error.line, column: error.column, message: error.message)
    }
    return try ConfigDecoder(file: file).config(root, directory: directory)
  }
}

/// Turns the JSON tree into a `Config`, naming the JSON path and line of every problem.
struct ConfigDecoder {
  let file: String

  func config(_ root: JSONNode, directory: String) throws(ConfigError) -> Config {
    let members = try object(root, "", allowed: ["version", "site", "sources", "output", "atom", "csv"])
    let version = try members["version"].map { node throws(ConfigError) in
      try int(node, "version", range: 1...Int.max)
    } ?? Config.currentVersion
    if version > Config.currentVersion {
      throw fail(members["version"], "version",
        "config version \(version) is newer than this feedloom reads (\(Config.currentVersion)); upgrade feedloom")
    }
    guard let siteNode = members["site"] else { throw fail(root, "site", "missing: the site needs a title and a url") }
    let site = try self.site(siteNode)
    let sources = try self.sources(members["sources"])
    let output = try members["output"].map { node throws(ConfigError) in
      try relativeOrAbsolutePath(node, "output")
    } ?? "public"
    let atom = try self.atom(members["atom"])
    let csv = try self.csv(members["csv"])
    if PathTools.normalised(atom.path) == PathTools.normalised(csv.path) {
      throw fail(members["csv"], "csv.path", "\"\(csv.path)\" is also the Atom feed's path")
    }
    return Config(
      file: file, directory: directory, version: version, site: site, sources: sources, output: output,
      atom: atom, csv: csv)
  }

  // MARK: - Sections

  private func site(_ node: JSONNode) throws(ConfigError) -> Config.SiteSettings {
    let m = try object(node, "site",
      allowed: ["title", "url", "language", "description", "author", "templates", "pageSize", "buildTime"])
    guard let titleNode = m["title"] else { throw fail(node, "site.title", "missing") }
    guard let urlNode = m["url"] else { throw fail(node, "site.url", "missing: the absolute URL the site is published at") }
    let title = try nonEmptyString(titleNode, "site.title")
    let url = try httpURL(urlNode, "site.url")
    let language = try m["language"].map { node throws(ConfigError) in try languageTag(node, "site.language") } ?? "en"
    let description = try m["description"].map { node throws(ConfigError) in try string(node, "site.description") }
    let author = try m["author"].map { node throws(ConfigError) in try person(node, "site.author") }
    let templates = try m["templates"].map { node throws(ConfigError) in
      try relativeOrAbsolutePath(node, "site.templates")
    }
    let pageSize = try m["pageSize"].map { node throws(ConfigError) in
      try int(node, "site.pageSize", range: 1...10_000)
    } ?? 20
    let buildTime = try m["buildTime"].map { node throws(ConfigError) in try bool(node, "site.buildTime") } ?? false
    let info = SiteInfo(title: title, url: url, language: language, description: description, author: author)
    return Config.SiteSettings(info: info, templates: templates, pageSize: pageSize, buildTime: buildTime)
  }

  private func person(_ node: JSONNode, _ path: String) throws(ConfigError) -> Person {
    if case .string = node.value { return Person(name: try nonEmptyString(node, path)) }
    let m = try object(node, path, allowed: ["name", "email", "uri"])
    guard let nameNode = m["name"] else { throw fail(node, "\(path).name", "missing") }
    let name = try nonEmptyString(nameNode, "\(path).name")
    let email = try m["email"].map { node throws(ConfigError) in
      let value = try nonEmptyString(node, "\(path).email")
      guard value.contains("@"), !value.contains(where: \.isWhitespace) else {
        throw fail(node, "\(path).email", "\"\(value)\" is not an email address (name@example.org)")
      }
      return value
    }
    let uri = try m["uri"].map { node throws(ConfigError) in try httpURL(node, "\(path).uri") }
    return Person(name: name, email: email, uri: uri)
  }

  private func sources(_ node: JSONNode?) throws(ConfigError) -> [Config.SourceSettings] {
    guard let node else { return [] }
    guard case let .array(elements) = node.value else {
      throw fail(node, "sources", "expected an array of sources, found \(node.kindName)")
    }
    var out: [Config.SourceSettings] = []
    var names: [String: Int] = [:]
    var slugs = Set<String>()
    for (index, element) in elements.enumerated() {
      let path = "sources[\(index)]"
      var source = try self.source(element, path)
      if let earlier = names[source.name.lowercased()] {
        throw fail(element, "\(path).name", "\"\(source.name)\" is already the name of sources[\(earlier)]")
      }
      names[source.name.lowercased()] = index
      source.slug = Slug.unique(Slug.make(source.name, fallback: "source-\(index + 1)"), among: &slugs)
      out.append(source)
    }
    return out
  }

  private func source(_ node: JSONNode, _ path: String) throws(ConfigError) -> Config.SourceSettings {
    let m = try object(node, path,
      allowed: ["name", "path", "url", "kind", "base", "publisher", "timezone", "language", "limit"])
    guard let nameNode = m["name"] else { throw fail(node, "\(path).name", "missing") }
    let name = try nonEmptyString(nameNode, "\(path).name")
    let location: Config.SourceSettings.Location
    switch (m["path"], m["url"]) {
    case let (pathNode?, nil): location = .path(try relativeOrAbsolutePath(pathNode, "\(path).path"))
    case let (nil, urlNode?): location = .url(try httpURL(urlNode, "\(path).url"))
    case (.some, .some): throw fail(node, path, "give either \"path\" or \"url\", not both")
    case (nil, nil): throw fail(node, path, "missing \"path\" (a file or glob) or \"url\"")
    }
    var kind = InputKind.auto
    if let kindNode = m["kind"] {
      let value = try string(kindNode, "\(path).kind")
      guard let known = InputKind(rawValue: value) else {
        let names = InputKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw fail(kindNode, "\(path).kind", "unknown kind \"\(value)\" (\(names))")
      }
      kind = known
    }
    let base = try m["base"].map { node throws(ConfigError) in try httpURL(node, "\(path).base") }
    let publisher = try m["publisher"].map { node throws(ConfigError) in try nonEmptyString(node, "\(path).publisher") }
    let zone = try m["timezone"].map { node throws(ConfigError) in try timeZone(node, "\(path).timezone") }
    let language = try m["language"].map { node throws(ConfigError) in try languageTag(node, "\(path).language") }
    let limit = try m["limit"].map { node throws(ConfigError) in try int(node, "\(path).limit", range: 1...1_000_000) }
    return Config.SourceSettings(
      name: name, slug: "", location: location, kind: kind, base: base, publisher: publisher, timeZone: zone,
      language: language, limit: limit)
  }

  private func atom(_ node: JSONNode?) throws(ConfigError) -> AtomOptions {
    var options = AtomOptions()
    guard let node else { return options }
    let m = try object(node, "atom", allowed: ["path", "limit"])
    if let pathNode = m["path"] { options.path = try outputFilePath(pathNode, "atom.path") }
    if let limitNode = m["limit"] { options.limit = try int(limitNode, "atom.limit", range: 0...1_000_000) }
    return options
  }

  private func csv(_ node: JSONNode?) throws(ConfigError) -> CSVOptions {
    var options = CSVOptions()
    guard let node else { return options }
    let m = try object(node, "csv", allowed: ["path", "columns", "bom"])
    if let pathNode = m["path"] { options.path = try outputFilePath(pathNode, "csv.path") }
    if let bomNode = m["bom"] { options.bom = try bool(bomNode, "csv.bom") }
    if let columnsNode = m["columns"] {
      guard case let .array(elements) = columnsNode.value, !elements.isEmpty else {
        throw fail(columnsNode, "csv.columns", "expected a non-empty array of column names")
      }
      var columns: [CSVColumn] = []
      for (index, element) in elements.enumerated() {
        let path = "csv.columns[\(index)]"
        let name = try string(element, path)
        guard let column = CSVColumn(rawValue: name) else {
          let names = CSVColumn.allCases.map(\.rawValue).joined(separator: ", ")
          throw fail(element, path, "unknown column \"\(name)\" (\(names))")
        }
        guard !columns.contains(column) else { throw fail(element, path, "column \"\(name)\" appears twice") }
        columns.append(column)
      }
      options.columns = columns
    }
    return options
  }

  // MARK: - Values

  func fail(_ node: JSONNode?, _ path: String, _ message: String) -> ConfigError {
    .invalid(file: file, line: node?.line, path: path, message: message)
  }

  private func object(_ node: JSONNode, _ path: String, allowed: [String]) throws(ConfigError) -> [String: JSONNode] {
    guard case let .object(members) = node.value else {
      throw fail(node, path.isEmpty ? "(top level)" : path, "expected an object, found \(node.kindName)")
    }
    var out: [String: JSONNode] = [:]
    for (key, value) in members {
      guard allowed.contains(key) else {
        let place = path.isEmpty ? key : "\(path).\(key)"
        throw fail(value, place, "unknown key (\(path.isEmpty ? "top-level keys" : "keys of \(path)"): \(allowed.joined(separator: ", ")))")
      }
      out[key] = value
    }
    return out
  }

  private func string(_ node: JSONNode, _ path: String) throws(ConfigError) -> String {
    guard case let .string(value) = node.value else {
      throw fail(node, path, "expected a string, found \(node.kindName)")
    }
    return value
  }

  private func nonEmptyString(_ node: JSONNode, _ path: String) throws(ConfigError) -> String {
    let value = try string(node, path).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !value.isEmpty else { throw fail(node, path, "must not be empty") }
    return value
  }

  private func bool(_ node: JSONNode, _ path: String) throws(ConfigError) -> Bool {
    guard case let .bool(value) = node.value else {
      throw fail(node, path, "expected true or false, found \(node.kindName)")
    }
    return value
  }

  private func int(_ node: JSONNode, _ path: String, range: ClosedRange<Int>) throws(ConfigError) -> Int {
    guard case let .number(text) = node.value else {
      throw fail(node, path, "expected a whole number, found \(node.kindName)")
    }
    guard let value = Int(text) else { throw fail(node, path, "expected a whole number, found \(text)") }
    guard range.contains(value) else {
      let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
      throw fail(node, path, "\(value) is out of range (\(bound))")
    }
    return value
  }

  private func httpURL(_ node: JSONNode, _ path: String) throws(ConfigError) -> String {
    let value = try nonEmptyString(node, path)
    let lower = value.lowercased()
    let rest: Substring
    if lower.hasPrefix("https://") { rest = value.dropFirst(8) } else if lower.hasPrefix("http://") {
      rest = value.dropFirst(7)
    } else {
      throw fail(node, path, "\"\(value)\" is not an absolute http(s) URL")
    }
    let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    guard !host.isEmpty, !value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
    else { throw fail(node, path, "\"\(value)\" is not an absolute http(s) URL with a host") }
    return value
  }

  private func languageTag(_ node: JSONNode, _ path: String) throws(ConfigError) -> String {
    let value = try nonEmptyString(node, path)
    let parts = value.split(separator: "-", omittingEmptySubsequences: false)
    let valid = parts.enumerated().allSatisfy { index, part in
      (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && (index == 0 ? $0.isLetter : $0.isLetter || $0.isNumber) }
    }
    guard valid else { throw fail(node, path, "\"\(value)\" is not a language tag (en, en-GB, pt-BR, …)") }
    return value
  }

  private func timeZone(_ node: JSONNode, _ path: String) throws(ConfigError) -> SourceTimeZone {
    let value = try nonEmptyString(node, path)
    if let offset = SourceTimeZone.parseOffset(value) { return .offset(seconds: offset) }
    guard TimeZone(identifier: value) != nil else {
      throw fail(node, path, "unknown time zone \"\(value)\" (an IANA name such as Europe/Berlin, or an offset such as +01:00)")
    }
    return .named(value)
  }

  /// A relative or absolute file-system path (sources, output, templates).
  private func relativeOrAbsolutePath(_ node: JSONNode, _ path: String) throws(ConfigError) -> String {
    let value = try nonEmptyString(node, path)
    guard !value.contains("\u{0}") else { throw fail(node, path, "must not contain NUL") }
    return value
  }

  /// A path inside the output directory: relative, without `..`.
  private func outputFilePath(_ node: JSONNode, _ path: String) throws(ConfigError) -> String {
    let value = try relativeOrAbsolutePath(node, path)
    let parts = value.split(separator: "/")
    guard !value.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty, !value.hasSuffix("/") else {
      throw fail(node, path, "\"\(value)\" must be a file path inside the output directory (relative, no \"..\")")
    }
    return parts.filter { $0 != "." }.joined(separator: "/")
  }
}

extension SourceTimeZone {
  /// `UTC`, `GMT`, `Z`, `+01:00`, `-0530`, `+02` as seconds east of UTC.
  static func parseOffset(_ value: String) -> Int? {
    let upper = value.uppercased()
    if upper == "UTC" || upper == "GMT" || upper == "Z" { return 0 }
    guard let sign = value.first, sign == "+" || sign == "-" else { return nil }
    let digits = value.dropFirst().filter { $0 != ":" }
    guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      value.dropFirst().filter({ $0 == ":" }).count <= 1
    else { return nil }
    let hours = Int(digits.prefix(2))!
    let minutes = digits.count == 4 ? Int(digits.suffix(2))! : 0
    guard hours <= 18, minutes < 60 else { return nil }
    return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
  }

  /// Seconds east of UTC in force at (about) `date`.
  func offset(at date: DateTime) -> Int {
    switch self {
    case let .offset(seconds): return seconds
    case let .named(identifier):
      guard let zone = TimeZone(identifier: identifier) else { return 0 }
      return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(date.secondsSinceEpoch)))
    }
  }
}
