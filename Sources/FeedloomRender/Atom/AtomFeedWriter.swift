import FeedloomModel

/// Settings of the Atom export (config `atom`).
public struct AtomOptions: Sendable, Hashable {
  /// Path of the feed inside the output directory, also used for its `rel="self"` link.
  public var path: String
  /// Most entries written (the newest); 0 writes every entry.
  public var limit: Int
  /// What `<generator>` names (the caller knows its own version).
  public var generator: Generator

  public init(
    path: String = "feed.atom", limit: Int = 50, generator: Generator = Generator(name: "feedloom")
  ) {
    self.path = path
    self.limit = limit
    self.generator = generator
  }
}

/// Writes an Atom 1.0 (RFC 4287) feed of the newest items.
///
/// Every required element is always present and every value is checked on the way out: ids and
/// links are valid IRIs of safe schemes, dates are RFC 3339 in UTC, persons have names, language
/// tags have the RFC 3066 shape. Values that cannot be repaired are left out rather than written
/// invalid. The output depends only on the items and the options: no clock is read.
public struct AtomFeedWriter: Sendable {
  public var site: SiteInfo
  public var options: AtomOptions

  public init(site: SiteInfo, options: AtomOptions = AtomOptions()) {
    self.site = site
    self.options = options
  }

  static let namespace = "http://www.w3.org/2005/Atom"
  /// The date in the `tag:` ids minted for entries without a usable id. It never changes, so
  /// the ids stay stable from build to build.
  static let tagDate = "2026"

  /// The feed document, UTF-8.
  public func render(_ items: [Item]) -> [UInt8] {
    let chosen = selectEntries(items)
    let newest = chosen.compactMap { atomDates(of: $0.0, fallback: nil).updated }.max()
    var w = XMLWriter()
    w.start("feed")
    w.attribute("xmlns", AtomFeedWriter.namespace)
    if let language = LanguageTag.clean(site.language) { w.attribute("xml:lang", language) }
    w.element("id", feedID)
    w.element("title", site.title)
    if let description = site.description, !description.isEmpty { w.element("subtitle", description) }
    w.element("updated", (newest ?? DateTime(secondsSinceEpoch: 0)).rfc3339)
    if let home = IRI.absolute(site.url) {
      writeLink(&w, href: home, rel: "alternate", type: "text/html")
    }
    if let selfLink = IRI.absolute(joinURL(site.url, options.path)) {
      writeLink(&w, href: selfLink, rel: "self", type: "application/atom+xml")
    }
    let author = site.author.flatMap(AtomPerson.init) ?? AtomPerson(name: site.title)
    writePerson(&w, "author", author)
    writeGenerator(&w, options.generator)
    for (item, id) in chosen {
      writeEntry(&w, item, id: id, fallbackDate: newest)
    }
    w.end()
    return w.finish()
  }

  // MARK: - Selection

  /// The items to write, newest first, each with its Atom id, ids unique, at most `limit`.
  private func selectEntries(_ items: [Item]) -> [(Item, String)] {
    var seen = Set<String>()
    var out: [(Item, String)] = []
    for item in ItemOrder.newestFirst(items) {
      if options.limit > 0 && out.count >= options.limit { break }
      let id = entryID(item)
      guard seen.insert(id).inserted else { continue }
      out.append((item, id))
    }
    return out
  }

  private var siteHost: String {
    URLParts.host(of: site.url) ?? "feedloom.invalid"
  }

  private var feedID: String {
    IRI.identifier(site.url) ?? "tag:\(siteHost),\(AtomFeedWriter.tagDate):feed"
  }

  /// The item's key when it is a valid IRI, else a `tag:` URI that carries the key.
  func entryID(_ item: Item) -> String {
    if let id = IRI.identifier(item.key) { return id }
    let specific = IRI.percentEncodeForbidden(Array("\(item.source.slug)/\(item.key)".utf8))
    return "tag:\(siteHost),\(AtomFeedWriter.tagDate):"
      + String(decoding: specific, as: UTF8.self)
  }

  // MARK: - Entry

  private func writeEntry(_ w: inout XMLWriter, _ item: Item, id: String, fallbackDate: DateTime?) {
    let entry = item.entry
    let dates = atomDates(of: item, fallback: fallbackDate)
    w.start("entry")
    if let language = entry.language.flatMap(LanguageTag.clean) { w.attribute("xml:lang", language) }
    // Relative URLs in the entry's markup resolve against the article's own address.
    let base = entry.link.flatMap { IRI.absolute($0, schemes: ["http", "https"]) }
    if let base { w.attribute("xml:base", base) }
    w.element("id", id)
    writeText(&w, "title", entry.title.flatMap(nonEmpty) ?? .plain(untitled(entry)), hasBase: base != nil)
    w.element("updated", (dates.updated ?? DateTime(secondsSinceEpoch: 0)).rfc3339)
    if let published = dates.published { w.element("published", published.rfc3339) }
    let hasAlternate = writeLinks(&w, entry)
    for person in entry.authors.compactMap(AtomPerson.init) { writePerson(&w, "author", person) }
    for person in entry.contributors.compactMap(AtomPerson.init) {
      writePerson(&w, "contributor", person)
    }
    writeCategories(&w, entry.categories)
    let body = AtomBody(entry)
    if let summary = entry.summary.flatMap(nonEmpty) {
      writeText(&w, "summary", summary, hasBase: base != nil)
    } else if body.needsSummary {
      writeText(&w, "summary", .plain(body.fallbackSummary ?? untitled(entry)))
    }
    if let content = body.content {
      writeContent(&w, content, entryBase: base)
    } else if !hasAlternate {
      // RFC 4287 4.1.2: without an alternate link an entry must carry content.
      let title = entry.title.map { $0.type == .text ? $0.value : PlainText.fromHTML($0.value) }
      writeContent(&w, .inline(type: "text", value: title ?? untitled(entry), language: nil, base: nil),
        entryBase: base)
    }
    if let rights = entry.rights.flatMap(nonEmpty) { writeText(&w, "rights", rights, hasBase: base != nil) }
    writeSource(&w, item.source)
    w.end()
  }

  /// `updated` (never before `published`) and `published`, valid RFC 3339 years only.
  private func atomDates(of item: Item, fallback: DateTime?) -> (updated: DateTime?, published: DateTime?) {
    let entry = item.entry
    let published = entry.published?.date.flatMap(writable)
    let updated = entry.updated?.date.flatMap(writable)
    let created = entry.created?.date.flatMap(writable)
    let sourceDate = (item.source.feed.updated?.date ?? item.source.feed.published?.date).flatMap(writable)
    let best: DateTime?
    switch (updated, published) {
    case let (u?, p?): best = max(u, p)
    case let (u?, nil): best = u
    case let (nil, p?): best = p
    default: best = created ?? sourceDate ?? fallback
    }
    return (best, published)
  }

  private func writable(_ date: DateTime) -> DateTime? {
    let year = date.components.year
    return (1...9999).contains(year) ? date : nil
  }

  private func untitled(_ entry: Entry) -> String {
    if let text = entry.text, let line = PlainText.headline(text, maxLength: 80) { return line }
    return "Untitled"
  }

  private func nonEmpty(_ text: Text) -> Text? {
    text.value.isEmpty ? nil : text
  }

  /// Writes the entry's links; returns whether one of them is `rel="alternate"`.
  private func writeLinks(_ w: inout XMLWriter, _ entry: Entry) -> Bool {
    var alternates = Set<String>()
    var written = Set<String>()
    func add(_ href: String?, rel: String, type: String? = nil, hreflang: String? = nil,
      title: String? = nil, length: Int? = nil)
    {
      guard let href, let clean = IRI.absolute(href) else { return }
      let type = type.flatMap(MediaType.clean)
      let hreflang = hreflang.flatMap(LanguageTag.clean)
      if rel == "alternate" {
        guard alternates.insert("\(type ?? "")|\(hreflang?.lowercased() ?? "")").inserted else { return }
      }
      guard written.insert("\(rel) \(clean)").inserted else { return }
      writeLink(&w, href: clean, rel: rel, type: type, hreflang: hreflang, title: title, length: length)
    }
    add(entry.link, rel: "alternate")
    for link in entry.links {
      guard let rel = LinkRelation.clean(link.rel), !LinkRelation.skipped.contains(rel) else { continue }
      add(link.href, rel: rel, type: link.type, hreflang: link.hreflang, title: link.title,
        length: link.length)
    }
    add(entry.comments, rel: "replies", type: "text/html")
    for enclosure in entry.enclosures {
      add(enclosure.href, rel: "enclosure", type: enclosure.type, length: enclosure.length)
    }
    return !alternates.isEmpty
  }

  private func writeCategories(_ w: inout XMLWriter, _ categories: [Category]) {
    var seen = Set<String>()
    for category in categories {
      let term = PlainText.singleLine(category.term ?? category.label ?? "")
      guard !term.isEmpty else { continue }
      let scheme = category.scheme.flatMap(IRI.identifier)
      guard seen.insert("\(scheme ?? "") \(term)").inserted else { continue }
      w.start("category")
      w.attribute("term", term)
      if let scheme { w.attribute("scheme", scheme) }
      if let label = category.label.map(PlainText.singleLine), !label.isEmpty, label != term {
        w.attribute("label", label)
      }
      w.end()
    }
  }

  private func writeContent(_ w: inout XMLWriter, _ content: AtomBody.Content, entryBase: String?) {
    w.start("content")
    switch content {
    case let .inline(type, value, language, base):
      w.attribute("type", type)
      if let language = language.flatMap(LanguageTag.clean) { w.attribute("xml:lang", language) }
      let contentBase = base.flatMap { IRI.absolute($0, schemes: ["http", "https"]) }
      if type == "html", let contentBase, contentBase != entryBase { w.attribute("xml:base", contentBase) }
      w.text(type == "html" ? HTMLURLGuard.clean(value, hasBase: (contentBase ?? entryBase) != nil) : value)
    case let .outOfLine(type, src):
      w.attribute("type", type)
      w.attribute("src", src)
    }
    w.end()
  }

  /// `atom:source`: the configured source's name, and the source feed's id, links, date and
  /// authors where it has them, so a reader can tell where each entry came from.
  private func writeSource(_ w: inout XMLWriter, _ source: SourceInfo) {
    let feed = source.feed
    w.start("source")
    if let id = feed.id.flatMap(IRI.identifier) { w.element("id", id) }
    w.element("title", source.name)
    let selfLink = feed.links.first { $0.rel == "self" }?.href ?? source.location
    if let home = feed.link.flatMap({ IRI.absolute($0) }) {
      writeLink(&w, href: home, rel: "alternate", type: nil)
    }
    if let selfHref = IRI.absolute(selfLink, schemes: ["http", "https"]) {
      writeLink(&w, href: selfHref, rel: "self", type: nil)
    }
    if let updated = (feed.updated?.date ?? feed.published?.date).flatMap(writable) {
      w.element("updated", updated.rfc3339)
    }
    for person in feed.authors.compactMap(AtomPerson.init) { writePerson(&w, "author", person) }
    w.end()
  }

  // MARK: - Constructs

  private func writeText(_ w: inout XMLWriter, _ name: String, _ text: Text, hasBase: Bool = false) {
    w.start(name)
    // XHTML is written as escaped HTML: the markup then never has to be well-formed XML, and
    // readers treat both the same.
    if text.type != .text { w.attribute("type", "html") }
    if let language = text.language.flatMap(LanguageTag.clean) { w.attribute("xml:lang", language) }
    w.text(text.type == .text ? text.value : HTMLURLGuard.clean(text.value, hasBase: hasBase))
    w.end()
  }

  private func writeLink(
    _ w: inout XMLWriter, href: String, rel: String, type: String?, hreflang: String? = nil,
    title: String? = nil, length: Int? = nil
  ) {
    w.start("link")
    w.attribute("rel", rel)
    w.attribute("href", href)
    if let type { w.attribute("type", type) }
    if let hreflang { w.attribute("hreflang", hreflang) }
    if let title = title.map(PlainText.singleLine), !title.isEmpty { w.attribute("title", title) }
    if let length, length >= 0 { w.attribute("length", String(length)) }
    w.end()
  }

  private func writeGenerator(_ w: inout XMLWriter, _ generator: Generator) {
    guard let name = generator.name, !name.isEmpty else { return }
    w.start("generator")
    if let uri = generator.uri.flatMap({ IRI.absolute($0) }) { w.attribute("uri", uri) }
    if let version = generator.version, !version.isEmpty { w.attribute("version", version) }
    w.text(name)
    w.end()
  }

  private func writePerson(_ w: inout XMLWriter, _ element: String, _ person: AtomPerson) {
    w.start(element)
    w.element("name", person.name)
    if let uri = person.uri { w.element("uri", uri) }
    if let email = person.email { w.element("email", email) }
    w.end()
  }
}
