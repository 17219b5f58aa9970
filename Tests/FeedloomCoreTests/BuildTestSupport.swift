import FeedloomCore
import FeedloomModel
import FeedloomParse
import Foundation

/// A stand-in reader for build tests (the real readers are tested on their own): each input is
/// blocks of `key: value` lines (`id`, `title`, `date`, `link`, `text`), one block per entry.
let entriesReader: Builder.Reader = { input, _ throws(ReadError) in
  guard input.name.hasSuffix(".entries") else {
    throw .notADocument(path: input.name, reason: "not an .entries file")
  }
  var entries: [Entry] = []
  for block in String(decoding: input.bytes, as: UTF8.self).components(separatedBy: "\n\n") {
    var entry = Entry()
    for line in block.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon]
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      switch key {
      case "id": entry.id = value
      case "title": entry.title = .plain(value)
      case "link": entry.link = value
      case "text": entry.text = value
      case "date": entry.published = Stamp(date: parseDate(value), text: value)
      default: break
      }
    }
    if entry.title != nil || entry.id != nil { entries.append(entry) }
  }
  var feed = Feed()
  feed.title = .plain(input.name)
  return Document(format: .rss20, feed: feed, entries: entries)
}

/// `2024-05-01T09:00:00Z` or without the `Z`.
private func parseDate(_ text: String) -> DateTime? {
  let digits = text.split { !$0.isNumber }.compactMap { Int($0) }
  guard digits.count >= 6 else { return nil }
  return DateTime(year: digits[0], month: digits[1], day: digits[2], hour: digits[3], minute: digits[4], second: digits[5])
}

enum BuildFixtures {
  static var siteDirectory: String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/site").path
  }

  /// A fresh, empty temporary directory.
  static func temporaryDirectory() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("feedloom-build-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Every regular file below `root`, by relative path.
  static func tree(_ root: String) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
    for case let path as String in walker {
      var isDirectory: ObjCBool = false
      let full = root + "/" + path
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
        out[path] = FileManager.default.contents(atPath: full)
      }
    }
    return out
  }
}

