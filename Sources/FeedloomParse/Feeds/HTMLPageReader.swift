import FeedloomModel
import FeedloomXML

/// A web page: for now its title, language and the feeds it links to (`discovered`).
/// Article extraction is a later issue.
enum HTMLPageReader {
  static func read(_ input: Input) throws(ReadError) -> Document {
    let decoded = HTMLDecoding.decode(input.bytes, contentType: input.contentType)
    let head = HTMLHead.read(utf8: decoded.bytes)
    var feed = Feed()
    let base = head.base.flatMap { Normalize.url($0, base: input.baseURL) } ?? input.baseURL
    if let title = head.title?.trimmed, !title.isEmpty {
      feed.title = Text(type: .text, value: BodyText.paragraphs(title))
    }
    feed.language = head.language?.trimmed
    for attrs in head.links {
      let rels = (attrs["rel"] ?? "").lowercased().split(separator: " ").map(String.init)
      guard let raw = attrs["href"], let href = Normalize.url(raw.trimmed, base: base) else {
        continue
      }
      let type = attrs["type"]?.trimmed.lowercased()
      if rels.contains("alternate"), let type, HTMLDecoding.feedTypes.contains(type) {
        feed.discovered.append(Link(href: href, rel: "alternate", type: type, title: attrs["title"]))
      }
      if rels.contains("canonical") {
        feed.links.append(Link(href: href, rel: "canonical"))
      }
    }
    if let base, feed.link == nil { feed.link = feed.links.first?.href ?? base }
    return Document(format: .html, encoding: decoded.encoding, wellFormed: true,
      errors: decoded.issues.map(ParseIssue.init), feed: feed)
  }
}

enum HTMLDecoding {
  static let feedTypes: Set<String> = [
    "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
    "application/rdf+xml", "text/xml", "application/xml", "application/x.atom+xml",
  ]

  /// HTML bytes to UTF-8: BOM, HTTP charset, `<meta charset>`, UTF-8 when valid, else
  /// windows-1252 (the XML decoder does all but the meta).
  static func decode(_ bytes: [UInt8], contentType: String?) -> DecodedInput {
    let charset = contentType.flatMap { XMLDecoder.charset(ofContentType: $0) } ?? metaCharset(bytes)
    return XMLDecoder.decode(bytes, contentType: charset.map { "application/xml; charset=\($0)" })
  }

  static func metaCharset(_ bytes: [UInt8]) -> String? {
    let head = Array(String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased().utf8)
    let key = Array("charset=".utf8)
    guard head.count > key.count else { return nil }
    for i in 0...(head.count - key.count) where Array(head[i..<(i + key.count)]) == key {
      var j = i + key.count
      while j < head.count && (head[j] == 0x22 || head[j] == 0x27 || head[j] == 0x20) { j += 1 }
      var k = j
      while k < head.count, head[k] == 0x2D || head[k] == 0x5F || (head[k] >= 0x30 && head[k] <= 0x39)
        || (head[k] >= 0x61 && head[k] <= 0x7A) { k += 1 }
      return k > j ? String(decoding: head[j..<k], as: UTF8.self) : nil
    }
    return nil
  }
}
