import FeedloomModel
import FeedloomXML

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
enum JSONFeedReader {
  static func read(_ input: Input) throws(ReadError) -> Document {
    let decoded = XMLDecoder.decode(input.bytes, contentType: nil)
    guard let object = JSONValue.parse(decoded.bytes) else {
      return Document(format: .jsonfeed, encoding: decoded.encoding, wellFormed: false,
        errors: [ParseIssue(code: "not-well-formed", message: "\(input.name): not valid JSON")])
    }
    guard let root = object.object else {
      return Document(format: .jsonfeed, encoding: decoded.encoding, wellFormed: false,
        errors: [ParseIssue(code: "not-a-feed", message: "\(input.name): JSON is not an object")])
    }
    var errors: [ParseIssue] = decoded.issues.map(ParseIssue.init)
    var wellFormed = errors.isEmpty
    let version = root["version"]?.string ?? ""
    if !version.contains("jsonfeed.org") {
      wellFormed = false
      errors.append(ParseIssue(code: "missing-element", message: "no JSON Feed version"))
    }
    let base = input.baseURL
    var feed = Feed()
    feed.title = string(root["title"]).map { Text(type: .text, value: $0) }
    feed.subtitle = string(root["description"]).map { Text(type: .text, value: $0) }
    if let home = string(root["home_page_url"]).flatMap({ Normalize.url($0, base: base) }) {
      feed.links.append(Link(href: home, rel: "alternate"))
      feed.link = home
    }
    if let url = string(root["feed_url"]).flatMap({ Normalize.url($0, base: base) }) {
      feed.links.append(Link(href: url, rel: "self", type: "application/feed+json"))
    }
    feed.icon = string(root["favicon"]).flatMap { Normalize.url($0, base: base) }
    feed.logo = string(root["icon"]).flatMap { Normalize.url($0, base: base) }
    feed.language = string(root["language"])
    feed.authors = people(root, base: base)

    var entries: [Entry] = []
    for item in (root["items"]?.array ?? []).compactMap(\.object) {
      var e = Entry()
      e.id = jsonID(item["id"])
      e.title = string(item["title"]).map { Text(type: .text, value: $0) }
      if let url = string(item["url"]).flatMap({ Normalize.url($0, base: base) }) {
        e.links.append(Link(href: url, rel: "alternate"))
        e.link = url
      }
      if let url = string(item["external_url"]).flatMap({ Normalize.url($0, base: base) }) {
        e.links.append(Link(href: url, rel: "related"))
      }
      // The html body's plain text is made while sanitising it (one pass, not two).
      var known = BodyText.Known()
      if let html = string(item["content_html"]) {
        let sanitized = Normalize.sanitizeWithPlainText(html, base: base)
        e.content.append(Content(type: "html", value: sanitized.html))
        known.content.append(sanitized.text)
      }
      if let text = string(item["content_text"]) {
        e.content.append(Content(type: "text", value: text))
      }
      if let summary = string(item["summary"]) { e.summary = Text(type: .text, value: summary) }
      e.published = stamp(item["date_published"], &errors)
      e.updated = stamp(item["date_modified"], &errors)
      e.authors = people(item, base: base)
      e.language = string(item["language"])
      for tag in (item["tags"]?.array ?? []).compactMap(\.string) {
        e.categories.append(Category(term: tag))
      }
      for a in (item["attachments"]?.array ?? []).compactMap(\.object) {
        guard let href = string(a["url"]).flatMap({ Normalize.url($0, base: base) }) else { continue }
        let type = string(a["mime_type"])
        let length = a["size_in_bytes"]?.integer
        e.enclosures.append(Enclosure(href: href, type: type, length: length))
        e.links.append(Link(href: href, rel: "enclosure", type: type, length: length))
      }
      e.text = BodyText.of(e, known: known)
      entries.append(e)
    }
    if root["items"] == nil {
      wellFormed = false
      errors.append(ParseIssue(code: "missing-element", message: "no items"))
    }
    return Document(format: .jsonfeed, encoding: decoded.encoding, wellFormed: wellFormed,
      errors: ParseIssueCollector.capped(errors), feed: feed, entries: entries)
  }

  private static func string(_ v: JSONValue?) -> String? {
    guard let s = v?.string else { return nil }
    let t = s.trimmed
    return t.isEmpty ? nil : t
  }

  private static func jsonID(_ v: JSONValue?) -> String? {
    switch v {
    case .string(let s)?: return s.isEmpty ? nil : s
    case .number(_, let text)?: return text
    default: return nil
    }
  }

  private static func stamp(_ v: JSONValue?, _ errors: inout [ParseIssue]) -> Stamp? {
    guard let text = string(v) else { return nil }
    let date = Normalize.date(text)
    if date == nil {
      errors.append(ParseIssue(code: "unreadable-date", message: "cannot read date '\(text)'"))
    }
    return Stamp(date: date, text: text)
  }

  /// 1.1 `authors` or 1.0 `author`.
  private static func people(_ object: [String: JSONValue], base: String?) -> [Person] {
    var list: [[String: JSONValue]] = []
    if let many = object["authors"]?.array { list = many.compactMap(\.object) }
    else if let one = object["author"]?.object { list = [one] }
    return list.compactMap { a in
      let p = Person(name: string(a["name"]), email: nil,
        uri: string(a["url"]).flatMap { Normalize.url($0, base: base) })
      return p.isEmpty ? nil : p
    }
  }
}
