// MARK: - The normalised JSON (spec: shared/spec/normalised-json.md, schema 1)
//
// Keys are written in sorted (byte) order by hand, so that pretty and compact output are
// byte-stable without a sort at run time. Absent values and empty lists are left out.

extension Document {
  /// The whole document as JSON bytes.
  public func jsonBytes(pretty: Bool) -> [UInt8] {
    var w = JSONWriter(pretty: pretty)
    write(to: &w)
    return w.bytes
  }

  public func write(to w: inout JSONWriter) {
    Document.writeOpening(encoding: encoding, to: &w)
    for entry in entries { entry.write(to: &w) }
    writeClosing(to: &w)
  }

  /// The document up to its first entry: `{"encoding": …, "entries": [`. With
  /// `writeClosing` it lets a reader write each entry as soon as it is complete.
  public static func writeOpening(encoding: String, to w: inout JSONWriter) {
    w.beginObject()
    w.key("encoding"); w.string(encoding)
    w.key("entries"); w.beginArray()
  }

  /// The document after its last entry (its `entries` are not written).
  public func writeClosing(to w: inout JSONWriter) {
    w.endArray()
    w.key("errors"); w.beginArray()
    for issue in errors { issue.write(to: &w) }
    w.endArray()
    w.key("feed"); feed.write(to: &w)
    w.key("format"); w.string(format.rawValue)
    w.key("schema"); w.int(Document.schema)
    w.key("wellFormed"); w.bool(wellFormed)
    w.endObject()
  }
}

extension ParseIssue {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("code"); w.string(code)
    w.member("line", line)
    w.key("message"); w.string(message)
    w.endObject()
  }
}

extension Feed {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.people("authors", authors)
    w.list("categories", categories) { $1.write(to: &$0) }
    w.people("contributors", contributors)
    w.stamp("created", "createdText", created)
    w.list("discovered", discovered) { $1.write(to: &$0) }
    if let generator { w.key("generator"); generator.write(to: &w) }
    w.member("icon", icon)
    w.member("id", id)
    if let image { w.key("image"); image.write(to: &w) }
    w.text("info", info)
    w.member("language", language)
    w.member("link", link)
    w.list("links", links) { $1.write(to: &$0) }
    w.member("logo", logo)
    w.stamp("published", "publishedText", published)
    if let publisher { w.key("publisher"); publisher.write(to: &w) }
    w.text("rights", rights)
    w.text("subtitle", subtitle)
    w.text("title", title)
    w.member("ttl", ttl)
    w.stamp("updated", "updatedText", updated)
    w.endObject()
  }
}

extension Entry {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.people("authors", authors)
    w.list("categories", categories) { $1.write(to: &$0) }
    w.member("comments", comments)
    w.list("content", content) { $1.write(to: &$0) }
    w.people("contributors", contributors)
    w.stamp("created", "createdText", created)
    w.list("enclosures", enclosures) { $1.write(to: &$0) }
    w.stamp("expires", "expiresText", expires)
    w.member("id", id)
    w.member("language", language)
    w.member("link", link)
    w.list("links", links) { $1.write(to: &$0) }
    w.stamp("published", "publishedText", published)
    if let publisher { w.key("publisher"); publisher.write(to: &w) }
    w.text("rights", rights)
    if let source { w.key("source"); source.write(to: &w) }
    w.text("summary", summary)
    w.member("text", text)
    w.text("title", title)
    w.stamp("updated", "updatedText", updated)
    w.endObject()
  }
}

extension Text {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.member("base", base)
    w.member("language", language)
    w.key("type"); w.string(type.rawValue)
    w.key("value"); w.string(value)
    w.endObject()
  }
}

extension Content {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.member("base", base)
    w.member("language", language)
    w.member("src", src)
    w.key("type"); w.string(type)
    w.key("value"); w.string(value)
    w.endObject()
  }
}

extension Link {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("href"); w.string(href)
    w.member("hreflang", hreflang)
    w.member("length", length)
    w.key("rel"); w.string(rel)
    w.member("title", title)
    w.member("type", type)
    w.endObject()
  }
}

extension Person {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.member("email", email)
    w.member("name", name)
    w.member("uri", uri)
    w.endObject()
  }
}

extension Category {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.member("label", label)
    w.member("scheme", scheme)
    w.member("term", term)
    w.endObject()
  }
}

extension Enclosure {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("href"); w.string(href)
    w.member("length", length)
    w.member("type", type)
    w.endObject()
  }
}

extension Generator {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.member("name", name)
    w.member("uri", uri)
    w.member("version", version)
    w.endObject()
  }
}

extension FeedImage {
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.member("description", description)
    w.member("height", height)
    w.member("href", href)
    w.member("link", link)
    w.member("title", title)
    w.member("width", width)
    w.endObject()
  }
}

extension JSONWriter {
  fileprivate mutating func text(_ name: StaticString, _ value: Text?) {
    guard let value else { return }
    key(name)
    value.write(to: &self)
  }

  fileprivate mutating func stamp(_ name: StaticString, _ textName: StaticString, _ value: Stamp?) {
    guard let value else { return }
    if let date = value.date { key(name); self.date(date) }
    member(textName, value.text)
  }

  fileprivate mutating func people(_ name: StaticString, _ value: [Person]) {
    list(name, value) { $1.write(to: &$0) }
  }

  fileprivate mutating func list<T>(
    _ name: StaticString, _ items: [T], _ body: (inout JSONWriter, T) -> Void
  ) {
    guard !items.isEmpty else { return }
    key(name)
    beginArray()
    for item in items { body(&self, item) }
    endArray()
  }
}
