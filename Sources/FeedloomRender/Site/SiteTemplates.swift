import Foundation
import Mustache

/// The templates and static assets of a site, merged from several directories: a file in a
/// later directory replaces the file of the same relative path in an earlier one.
struct SiteTemplates {
  /// Parsed templates by name (relative path without `.mustache`), ready for partials.
  let library: MustacheLibrary
  /// Where each template name was read from, for error messages.
  let files: [String: String]
  /// Static files copied into the site as they are (`style.css`, images, fonts), by path.
  let assets: [(path: String, bytes: [UInt8])]

  /// The pages the renderer fills; each must exist in one of the directories.
  static let pageTemplates = ["index", "day", "source", "entry", "archive", "sources"]

  /// Extensions of the files copied into the site as assets. Anything else (notes, README)
  /// stays out of the published tree.
  static let assetExtensions: Set<String> = [
    "css", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "woff", "woff2", "txt",
  ]

  init(directories: [String]) throws(RenderError) {
    var sources: [String: (file: String, text: String)] = [:]
    var assetFiles: [String: String] = [:]
    for directory in directories {
      for relative in try Self.listFiles(in: directory) {
        let full = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
        if relative.hasSuffix(".mustache") {
          let name = String(relative.dropLast(".mustache".count))
          sources[name] = (full, try Self.readText(full))
        } else if let ext = relative.split(separator: ".").last.map({ $0.lowercased() }),
          relative.contains("."), Self.assetExtensions.contains(ext)
        {
          assetFiles[relative] = full
        }
      }
    }
    var library = MustacheLibrary()
    var files: [String: String] = [:]
    for name in sources.keys.sorted() {
      let (file, text) = sources[name]!
      do {
        library.register(try MustacheTemplate(string: text), named: name)
      } catch let error as MustacheTemplate.ParserError {
        throw .template(
          file: file, line: error.context.lineNumber,
          message: "column \(error.context.columnNumber): \(Self.describe(error.error))")
      } catch {
        throw .template(file: file, line: nil, message: "\(error)")
      }
      files[name] = file
    }
    for name in Self.pageTemplates where files[name] == nil {
      throw .template(
        file: "\(name).mustache", line: nil,
        message: "template not found in \(directories.joined(separator: ", "))")
    }
    for name in sources.keys.sorted() {
      let (file, text) = sources[name]!
      if let (partial, line) = Self.firstMissingPartial(in: text, known: files) {
        throw .template(file: file, line: line, message: "partial \"\(partial)\" not found")
      }
    }
    var assets: [(String, [UInt8])] = []
    for path in assetFiles.keys.sorted() {
      guard let data = FileManager.default.contents(atPath: assetFiles[path]!) else {
        throw .template(file: assetFiles[path]!, line: nil, message: "cannot read file")
      }
      assets.append((path, [UInt8](data)))
    }
    self.library = library
    self.files = files
    self.assets = assets
  }

  /// Renders the page template `name` with `context`.
  func render(_ name: String, _ context: [String: Any]) -> String {
    library.render(context, withTemplate: name) ?? ""
  }

  // MARK: - Reading directories

  /// Regular files under `directory`, relative paths, sorted; dot-files and dot-folders skipped.
  private static func listFiles(in directory: String) throws(RenderError) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw .template(file: directory, line: nil, message: "template directory not found")
    }
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
      throw .template(file: directory, line: nil, message: "cannot read template directory")
    }
    var result = [String]()
    for case let relative as String in enumerator {
      if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
      let full = directory + "/" + relative
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
        result.append(relative)
      }
    }
    return result.sorted()
  }

  private static func readText(_ path: String) throws(RenderError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .template(file: path, line: nil, message: "cannot read file")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      throw .template(file: path, line: nil, message: "not valid UTF-8")
    }
    return text
  }

  // MARK: - Errors

  static func describe(_ error: Error) -> String {
    guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
    switch error {
    case .sectionCloseNameIncorrect: return "section closed with a name other than the one it opened with"
    case .unfinishedName: return "unfinished tag (a name without its closing delimiter)"
    case .expectedSectionEnd: return "section not closed before the end of the file"
    case .invalidSetDelimiter: return "badly formed set-delimiter tag"
    case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
    case .illegalTokenInsideInheritSection: return "only block definitions may appear inside a parent section"
    case .textInsideInheritSection: return "text is not allowed inside a parent section"
    case .invalidConfigVariableSyntax: return "badly formed pragma tag"
    case .unrecognisedConfigVariable: return "unknown pragma"
    }
  }

  /// The first `{{> name}}` or `{{< name}}` naming no template, with its 1-based line.
  /// swift-mustache renders a missing partial as nothing; a typo should be an error instead.
  /// Only the default delimiters are scanned.
  static func firstMissingPartial(in text: String, known: [String: String]) -> (String, Int)? {
    let bytes = Array(text.utf8)
    var line = 1
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\n") { line += 1 }
      if b == UInt8(ascii: "{"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
        bytes[i + 2] == UInt8(ascii: ">") || bytes[i + 2] == UInt8(ascii: "<")
      {
        var j = i + 3
        while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}")) {
          j += 1
        }
        let name = String(decoding: bytes[(i + 3)..<min(j, bytes.count)], as: UTF8.self)
          .trimmingCharacters(in: .whitespacesAndNewlines)
        if !name.hasPrefix("*"), !name.isEmpty, known[name] == nil { return (name, line) }
        i += 3
        continue
      }
      i += 1
    }
    return nil
  }
}
