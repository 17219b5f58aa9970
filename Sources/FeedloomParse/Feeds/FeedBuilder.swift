import FeedloomModel
import FeedloomXML

/// Builds the normalised feed from XML events: RSS 0.90–2.0, RSS 1.0, Atom 0.3 and 1.0.
///
/// Each container (feed, entry, source, image, person) handles only its direct children,
/// so an `<image><title>` never becomes the feed's title. Leaf values are captured as text
/// (or as re-serialised inline markup) and stored when their element ends. Each entry goes
/// to `sink` as soon as it ends, so a caller can write it out and forget it.
///
/// The stored state is `@exclusivity(unchecked)`: the builder runs on one thread, called by the
/// parser one event at a time and never re-entered, and the run-time access checks on its
/// properties cost more than the rest of the per-element work.
final class FeedBuilder: XMLEventHandler {
  @exclusivity(unchecked) private(set) var format: Format?
  @exclusivity(unchecked) private(set) var feed = Feed()
  /// Bounded per code: a feed of a million bad dates keeps twenty and a count.
  @exclusivity(unchecked) private var issueCollector = ParseIssueCollector()
  var issues: [ParseIssue] { issueCollector.issues }
  @exclusivity(unchecked) private(set) var entryCount = 0
  @exclusivity(unchecked) private(set) var rootName: String?

  /// Takes each finished entry (consuming: a sink that keeps it stores it without a copy).
  @exclusivity(unchecked) private var sink: (consuming Entry) -> Void
  private let forcedKind: InputKind

  init(documentBase: String?, kind: InputKind, sink: @escaping (consuming Entry) -> Void) {
    self.forcedKind = kind
    self.sink = sink
    self.base = documentBase
  }

  // MARK: - Frames

  enum Container: Equatable {
    case document, root, feed, entry, source, image, author, contributor, skip
    /// Atom 0.3 `<content type="multipart/alternative">`: each child content is a body.
    case alternatives
  }

  private enum Role {
    case container(Container)
    case capture
    case ignored
  }

  private struct Frame {
    var role: Role
    /// The element set `xml:base` or `xml:lang`: its end restores the scope saved in `scopes`.
    var opensScope: Bool
  }

  @exclusivity(unchecked) private var frames: [Frame] = []
  /// The `xml:base` and `xml:lang` in force, and those of the elements that changed them.
  /// Kept apart from the frames so that most elements copy no String.
  @exclusivity(unchecked) private var base: String?
  @exclusivity(unchecked) private var lang: String?
  @exclusivity(unchecked) private var scopes: [(base: String?, lang: String?)] = []
  @exclusivity(unchecked) private var rootLanguage: String?
  private var isAtom: Bool { format == .atom10 || format == .atom03 }

  @exclusivity(unchecked) private var entry = Entry()
  /// The plain texts made while sanitising `entry`'s bodies.
  @exclusivity(unchecked) private var bodyTexts = BodyText.Known()
  @exclusivity(unchecked) private var source = Feed()
  @exclusivity(unchecked) private var image = FeedImage()
  @exclusivity(unchecked) private var person = Person()
  @exclusivity(unchecked) private var personOwner: Container = .feed
  @exclusivity(unchecked) private var permalinkGuid: String?
  @exclusivity(unchecked) private var entryLanguage: String?

  // MARK: - Captures

  enum DateField { case updated, published, created, expires }
  enum PersonField { case author, contributor, publisher }
  enum ImageField { case url, title, link, width, height, description }
  enum PartField { case name, email, uri }

  enum Field {
    case title, subtitle, rights, info, summary, content
    case link, id, guid(permalink: Bool), language
    case date(DateField)
    case personText(PersonField)
    case category(scheme: String?)
    case generator(uri: String?, version: String?)
    case icon, logo, comments, ttl
    case image(ImageField)
    case personPart(PartField)
    case rssSource(url: String?)
    /// A comma-separated list of categories.
    case tags
    /// An Atom link whose URL is its text.
    case atomLink(Link)
    /// A licence URL (Creative Commons).
    case license
    /// `dcterms:valid`: a DCMI period (`start=…; end=…`); its end is when the entry expires.
    case validity
  }

  /// How a captured value is to be read.
  enum Reading {
    /// Plain character data (dates, URLs, names).
    case plain
    /// An RSS title: HTML only if it looks like HTML.
    case rssTitle
    /// Escaped HTML (RSS description, content:encoded, Atom type="html").
    case html
    /// A text construct declared as plain text; inline child markup turns it into HTML.
    case text
    /// Inline XML markup (Atom type="xhtml", Atom 0.3 mode="xml", xhtml:body).
    case xhtml(stripDiv: Bool)
    /// Base64 of the given reading (Atom 0.3 mode="base64", Atom 1.0 binary content).
    case base64(mime: String?)
    /// Content of another MIME type, kept as text.
    case other(mime: String)
  }

  private struct Capture {
    var field: Field
    var owner: Container
    var reading: Reading
    var buffer: [UInt8] = []
    var depth = 0
    var hadChildren = false
    var strippingDiv = false
    var skipDepth: Int?
    var base: String?
    var lang: String?
    var line: Int
    var src: String?
    /// The captured element itself is part of the value (xhtml:body): its end tag.
    var closingTag: String?
  }

  @exclusivity(unchecked) private var capture: Capture?
  private static let maximumCaptureBytes = 32 << 20

  // MARK: - Events

  func startElement(
    _ name: XMLName, attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int
  ) {
    let parent = frames.last
    if parent == nil, let d = namespaces.first(where: { $0.prefix.isEmpty }) {
      defaultNamespace = d.uri
    }
    let opensScope = enterScope(attributes)

    if capture != nil {
      captureStart(name, attributes, namespaces)
      frames.append(Frame(role: .capture, opensScope: opensScope))
      return
    }
    let container: Container
    if let parent {
      guard case .container(let c) = parent.role else {
        frames.append(Frame(role: .ignored, opensScope: opensScope))
        return
      }
      container = c
    } else {
      container = .document
    }
    let role = dispatch(container, name, attributes, base: base, lang: lang, line: line)
    frames.append(Frame(role: role, opensScope: opensScope))
  }

  /// Applies the element's `xml:base` and `xml:lang`; whether it had any (the scope to leave
  /// at its end).
  private func enterScope(_ attributes: [XMLAttribute]) -> Bool {
    var opened = false
    let inheritedBase = base
    for attribute in attributes
    where !attribute.name.namespace.isEmpty && attribute.name.namespace == Vocabulary.xmlURI {
      let local = attribute.name.local
      guard local == "base" || local == "lang" else { continue }
      if !opened {
        scopes.append((base, lang))
        opened = true
      }
      if local == "base" {
        base = Normalize.url(attribute.value.trimmed, base: inheritedBase) ?? inheritedBase
      } else {
        let v = Language.normalized(attribute.value.trimmed)
        lang = v.isEmpty ? nil : v
      }
    }
    return opened
  }

  func endElement(_ name: XMLName) {
    guard let frame = frames.popLast() else { return }
    defer {
      if frame.opensScope, let outer = scopes.popLast() { (base, lang) = outer }
    }
    switch frame.role {
    case .capture:
      if capture!.depth > 0 {
        captureEnd(name)
      } else {
        var done = capture.take()!
        finish(done)
        swap(&spareBuffer, &done.buffer)
        spareBuffer.removeAll(keepingCapacity: true)
      }
    case .container(let c):
      close(c)
    case .ignored:
      break
    }
  }

  func characters(_ utf8: [UInt8]) {
    var copy = utf8
    characters(taking: &copy)
  }

  func characters(taking utf8: inout [UInt8]) {
    guard capture != nil else { return }
    // One access to the capture: each `capture!` tested the optional again.
    FeedBuilder.append(&utf8, to: &capture!)
  }

  private static func append(_ utf8: inout [UInt8], to capture: inout Capture) {
    if capture.skipDepth != nil { return }
    guard capture.buffer.count + utf8.count <= FeedBuilder.maximumCaptureBytes else { return }
    switch capture.reading {
    case .xhtml:
      Markup.appendEscaped(utf8, to: &capture.buffer, attribute: false)
    default:
      // Most captures are one text node: take the parser's bytes instead of copying them,
      // and give it the (empty) buffer of an earlier capture back.
      if capture.buffer.isEmpty {
        swap(&capture.buffer, &utf8)
      } else {
        capture.buffer.append(contentsOf: utf8)
      }
    }
  }

  /// The emptied buffer of the last finished capture, for the next one.
  @exclusivity(unchecked) private var spareBuffer: [UInt8] = []

  // MARK: - Dispatch

  private func dispatch(
    _ container: Container, _ name: XMLName, _ attributes: [XMLAttribute], base: String?,
    lang: String?, line: Int
  ) -> Role {
    if container == .skip { return .ignored }
    let vocab = vocabulary(name.namespace)
    let element = ElementName.of(name.local)
    switch container {
    case .document:
      return root(name, attributes, vocab: vocab, lang: lang)
    case .root:
      if vocab == .rss || vocab == .atom {
        switch element {
        case .channel:
          if name.namespace == Vocabulary.rss090 { format = .rss090 }
          if feedLanguage == nil { feedLanguage = lang }
          return .container(.feed)
        case .item, .entry: return beginEntry(attributes, lang: lang, ownLang: lang)
        case .image: image = FeedImage(); return .container(.image)
        case .textInput: return .container(.skip)
        default: return .ignored
        }
      }
      return .ignored
    case .feed, .source:
      return feedChild(container, element, vocab, attributes, base: base, lang: lang, line: line)
    case .entry:
      return entryChild(name, element, vocab, attributes, base: base, lang: lang, line: line)
    case .alternatives:
      guard vocab == .atom || vocab == .rss, element == .content else { return .ignored }
      return entryChild(name, element, vocab, attributes, base: base, lang: lang, line: line)
    case .image:
      guard vocab == .rss || vocab == .atom else { return .ignored }
      let f: ImageField
      switch element {
      case .url: f = .url
      case .title: f = .title
      case .link: f = .link
      case .width: f = .width
      case .height: f = .height
      case .description: f = .description
      default: return .ignored
      }
      return begin(.image(f), .image, .plain, base: base, lang: lang, line: line)
    case .author, .contributor:
      guard vocab == .rss || vocab == .atom else { return .ignored }
      let f: PartField
      switch element {
      case .name: f = .name
      case .email: f = .email
      case .uri, .url, .homepage: f = .uri
      default: return .ignored
      }
      return begin(.personPart(f), container, .plain, base: base, lang: lang, line: line)
    case .skip:
      return .ignored
    }
  }

  @exclusivity(unchecked) private var feedLanguage: String?
  /// The namespace of an `<rss>` or `<feed>` root the table does not know (feeds used many).
  @exclusivity(unchecked) private var rootNamespace: (uri: String, vocabulary: Vocabulary)?
  @exclusivity(unchecked) private var defaultNamespace = ""
  /// The namespaces met so far and their vocabularies: a feed uses a handful, and comparing
  /// the parser's interned URI Strings beats hashing them per element.
  @exclusivity(unchecked) private var knownNamespaces: [(uri: String, vocabulary: Vocabulary)] = []

  private func vocabulary(_ uri: String) -> Vocabulary {
    if uri.isEmpty { return .rss }
    // The parser's URIs are interned (equal ones compare at once); a differing one is told
    // by its length first rather than by a comparison call.
    let length = uri.utf8.count
    if let r = rootNamespace, r.uri.utf8.count == length, r.uri == uri { return r.vocabulary }
    for known in knownNamespaces where known.uri.utf8.count == length && known.uri == uri {
      return known.vocabulary
    }
    let vocabulary = Vocabulary.of(uri)
    if knownNamespaces.count < 32 { knownNamespaces.append((uri, vocabulary)) }
    return vocabulary
  }

  private func root(_ name: XMLName, _ attributes: [XMLAttribute], vocab: Vocabulary, lang: String?)
    -> Role
  {
    rootName = name.local
    rootLanguage = lang
    var vocab = vocab
    if vocab == .other && (name.local == "rss" || name.local == "feed") {
      vocab = name.local == "rss" ? .rss : .atom
      rootNamespace = (name.namespace, vocab)
    }
    switch (vocab, name.local) {
    case (.rss, "rss"):
      let version = attribute(attributes, "version")?.trimmed ?? ""
      switch version {
      case "0.91":
        format = .rss091
      case "0.92": format = .rss092
      case "0.93": format = .rss093
      case "0.94": format = .rss094
      case "2.0", "2.0.1", "2.00", "2": format = .rss20
      case "0.90", "0.9": format = .rss090
      default: format = version.hasPrefix("2.") ? .rss20 : .rss
      }
      return .container(.root)
    case (.rdf, "RDF"):
      format = defaultNamespace == Vocabulary.rss090 ? .rss090 : .rss10
      return .container(.root)
    case (.atom, "feed"), (.rss, "feed"):
      if name.namespace == Vocabulary.atom10 {
        format = .atom10
      } else if name.namespace == Vocabulary.atom03 {
        format = .atom03
      } else {
        format = attribute(attributes, "version")?.trimmed == "0.3" ? .atom03 : .atom10
      }
      feedLanguage = nil
      return .container(.feed)
    case (.rss, "channel"):
      format = .rss
      return .container(.feed)
    default:
      return .ignored
    }
  }

  private func beginEntry(_ attributes: [XMLAttribute], lang: String?, ownLang: String?) -> Role {
    entry = Entry()
    bodyTexts = BodyText.Known()
    permalinkGuid = nil
    entryLanguage = ownLang
    if let about = attributes.first(where: {
      $0.name.local == "about" && $0.name.namespace == Vocabulary.rdfURI
    }) {
      let v = about.value.trimmed
      if !v.isEmpty { entry.id = v }
    }
    return .container(.entry)
  }

  private func feedChild(
    _ owner: Container, _ element: ElementName, _ vocab: Vocabulary, _ attributes: [XMLAttribute],
    base: String?, lang: String?, line: Int
  ) -> Role {
    func text(_ f: Field, _ reading: Reading) -> Role {
      begin(f, owner, reading, base: base, lang: lang, line: line)
    }
    switch vocab {
    case .rss, .atom:
      let atomish = vocab == .atom || isAtom
      switch element {
      case .title: return text(.title, atomish ? atomReading(attributes) : .rssTitle)
      case .subtitle, .tagline: return text(.subtitle, atomReading(attributes))
      case .description: return text(.subtitle, atomish ? atomReading(attributes) : .html)
      case .rights, .copyright:
        return text(.rights, atomish ? atomReading(attributes) : .rssTitle)
      case .info: return text(.info, atomReading(attributes))
      case .link: return link(owner, attributes, atomish: atomish, base: base, lang: lang, line: line)
      case .id: return text(.id, .plain)
      case .language: return text(.language, .plain)
      case .updated, .modified, .lastBuildDate: return text(.date(.updated), .plain)
      case .pubDate, .published, .issued: return text(.date(.published), .plain)
      case .created: return text(.date(.created), .plain)
      case .author:
        if atomish { return beginPerson(.author, owner) }
        return text(.personText(.author), .plain)
      case .contributor:
        if atomish { return beginPerson(.contributor, owner) }
        return text(.personText(.contributor), .plain)
      case .managingEditor: return text(.personText(.author), .plain)
      case .webMaster: return text(.personText(.publisher), .plain)
      case .category: return category(owner, attributes, base: base, lang: lang, line: line)
      case .generator:
        let uri = (attribute(attributes, "uri") ?? attribute(attributes, "url"))
          .flatMap { Normalize.url($0.trimmed, base: base) }
        return text(.generator(uri: uri, version: attribute(attributes, "version")?.trimmed), .plain)
      case .icon: return text(.icon, .plain)
      case .logo: return text(.logo, .plain)
      case .ttl: return text(.ttl, .plain)
      case .image where owner == .feed && !atomish:
        image = FeedImage()
        return .container(.image)
      case .textInput: return .container(.skip)
      case .item, .entry where owner == .feed:
        return beginEntry(attributes, lang: lang, ownLang: lang)
      default: return .ignored
      }
    case .dc, .dcterms:
      return dublinCoreChild(vocab, element, inEntry: false, text)
    case .cc:
      return license(owner, attributes, base: base, lang: lang, line: line)
    default:
      return .ignored
    }
  }

  /// Dublin Core (`dc:`, `dcterms:`) at feed or entry level: one mapping, except that a feed's
  /// `description` is its subtitle and its `date` its update time, and `valid` is entry-only.
  private func dublinCoreChild(
    _ vocab: Vocabulary, _ element: ElementName, inEntry: Bool, _ text: (Field, Reading) -> Role
  ) -> Role {
    if vocab == .dcterms {
      switch element {
      case .created: return text(.date(.created), .plain)
      case .modified: return text(.date(.updated), .plain)
      case .issued: return text(.date(.published), .plain)
      case .valid where inEntry: return text(.validity, .plain)
      default: return .ignored
      }
    }
    switch element {
    case .title: return text(.title, .rssTitle)
    case .description: return text(inEntry ? .summary : .subtitle, .html)
    case .rights: return text(.rights, .rssTitle)
    case .language: return text(.language, .plain)
    case .date: return text(.date(inEntry ? .published : .updated), .plain)
    case .creator, .author: return text(.personText(.author), .plain)
    case .contributor: return text(.personText(.contributor), .plain)
    case .publisher: return text(.personText(.publisher), .plain)
    case .subject: return text(.category(scheme: nil), .plain)
    default: return .ignored
    }
  }

  /// `<cc:license rdf:resource="…"/>` or `<creativeCommons:license>URL</…>`.
  private func license(
    _ owner: Container, _ attributes: [XMLAttribute], base: String?, lang: String?, line: Int
  ) -> Role {
    if let resource = attributes.first(where: {
      $0.name.local == "resource" && $0.name.namespace == Vocabulary.rdfURI
    }) {
      if let href = Normalize.url(resource.value.trimmed, base: base) {
        addLink(Link(href: href, rel: "license"), owner)
      }
      return .ignored
    }
    return begin(.license, owner, .plain, base: base, lang: lang, line: line)
  }

  private func entryChild(
    _ name: XMLName, _ element: ElementName, _ vocab: Vocabulary, _ attributes: [XMLAttribute],
    base: String?, lang: String?, line: Int
  ) -> Role {
    func text(_ f: Field, _ reading: Reading) -> Role {
      begin(f, .entry, reading, base: base, lang: lang, line: line)
    }
    switch vocab {
    case .rss, .atom:
      let atomish = vocab == .atom || isAtom
      switch element {
      case .title: return text(.title, atomish ? atomReading(attributes) : .rssTitle)
      case .summary: return text(.summary, atomReading(attributes))
      case .description: return text(.summary, atomish ? atomReading(attributes) : .html)
      case .content:
        if attribute(attributes, "type")?.trimmed.lowercased() == "multipart/alternative" {
          return .container(.alternatives)
        }
        let role = text(.content, atomReading(attributes, content: true))
        if let src = attribute(attributes, "src") {
          capture?.src = Normalize.url(src.trimmed, base: base)
        }
        return role
      case .fullitem: return text(.content, .html)
      case .body where !atomish:
        let role = text(.content, .xhtml(stripDiv: false))
        captureStart(name, attributes)
        capture?.depth = 0
        capture?.closingTag = "</body>"
        return role
      case .link: return link(.entry, attributes, atomish: atomish, base: base, lang: lang, line: line)
      case .id: return text(.id, .plain)
      case .guid:
        let permalink = attribute(attributes, "isPermaLink")?.trimmed.lowercased() != "false"
        return text(.guid(permalink: permalink), .plain)
      case .pubDate, .published, .issued: return text(.date(.published), .plain)
      case .updated, .modified: return text(.date(.updated), .plain)
      case .created: return text(.date(.created), .plain)
      case .expirationDate: return text(.date(.expires), .plain)
      case .rights, .copyright:
        return text(.rights, atomish ? atomReading(attributes) : .rssTitle)
      case .language: return text(.language, .plain)
      case .author:
        if atomish { return beginPerson(.author, .entry) }
        return text(.personText(.author), .plain)
      case .contributor:
        if atomish { return beginPerson(.contributor, .entry) }
        return text(.personText(.contributor), .plain)
      case .category: return category(.entry, attributes, base: base, lang: lang, line: line)
      case .tags: return text(.tags, .plain)
      case .enclosure:
        enclosure(attributes, base: base)
        return .ignored
      case .comments: return text(.comments, .plain)
      case .source:
        if atomish {
          source = Feed()
          return .container(.source)
        }
        let url = attribute(attributes, "url").flatMap { Normalize.url($0.trimmed, base: base) }
        return text(.rssSource(url: url), .plain)
      default: return .ignored
      }
    case .dc, .dcterms:
      return dublinCoreChild(vocab, element, inEntry: true, text)
    case .content:
      if element == .encoded { return text(.content, .html) }
      return .ignored
    case .cc:
      return license(.entry, attributes, base: base, lang: lang, line: line)
    case .xhtml:
      if element == .body || element == .div {
        let role = text(.content, .xhtml(stripDiv: false))
        captureStart(name, attributes)
        capture?.depth = 0
        capture?.closingTag = element == .body ? "</body>" : "</div>"
        return role
      }
      return .ignored
    default:
      return .ignored
    }
  }

  // MARK: - Elements read from attributes

  private func link(
    _ owner: Container, _ attributes: [XMLAttribute], atomish: Bool, base: String?, lang: String?,
    line: Int
  ) -> Role {
    guard atomish || attribute(attributes, "href") != nil else {
      return begin(.link, owner, .plain, base: base, lang: lang, line: line)
    }
    let rel = attribute(attributes, "rel")?.trimmed
    var link = Link(href: "", rel: rel.flatMap { $0.isEmpty ? nil : $0 } ?? "alternate")
    link.type = attribute(attributes, "type")?.trimmed
    link.title = attribute(attributes, "title")
    link.hreflang = attribute(attributes, "hreflang")?.trimmed
    link.length = attribute(attributes, "length").flatMap { Int($0.trimmed) }
    guard let rawHref = attribute(attributes, "href") ?? attribute(attributes, "url") else {
      // No href: some feeds write the URL as the element's text.
      return begin(.atomLink(link), owner, .plain, base: base, lang: lang, line: line)
    }
    if let href = Normalize.url(rawHref.trimmed, base: base) {
      link.href = href
      addAtomLink(link, owner)
    }
    return .ignored
  }

  private func addAtomLink(_ link: Link, _ owner: Container) {
    addLink(link, owner)
    if link.rel == "enclosure" && owner == .entry {
      entry.enclosures.append(Enclosure(href: link.href, type: link.type, length: link.length))
    }
  }

  private func addLink(_ link: Link, _ owner: Container) {
    switch owner {
    case .entry:
      entry.links.append(link)
      if entry.link == nil && link.rel == "alternate" { entry.link = link.href }
    case .source:
      source.links.append(link)
      if source.link == nil && link.rel == "alternate" { source.link = link.href }
    default:
      feed.links.append(link)
      if feed.link == nil && link.rel == "alternate" { feed.link = link.href }
    }
  }

  private func category(
    _ owner: Container, _ attributes: [XMLAttribute], base: String?, lang: String?, line: Int
  ) -> Role {
    if let term = attribute(attributes, "term") {
      var c = Category(term: term.trimmed)
      c.scheme = attribute(attributes, "scheme")?.trimmed
      c.label = attribute(attributes, "label")
      addCategory(c, owner)
      return .ignored
    }
    let scheme = attribute(attributes, "domain") ?? attribute(attributes, "scheme")
    return begin(.category(scheme: scheme?.trimmed), owner, .plain, base: base, lang: lang, line: line)
  }

  private func addCategory(_ c: Category, _ owner: Container) {
    switch owner {
    case .entry: entry.categories.append(c)
    case .source: source.categories.append(c)
    default: feed.categories.append(c)
    }
  }

  private func enclosure(_ attributes: [XMLAttribute], base: String?) {
    guard let raw = attribute(attributes, "url") ?? attribute(attributes, "href"),
      let href = Normalize.url(raw.trimmed, base: base)
    else { return }
    let type = attribute(attributes, "type")?.trimmed
    let length = attribute(attributes, "length").flatMap { Int($0.trimmed) }
    entry.enclosures.append(Enclosure(href: href, type: type, length: length))
    entry.links.append(Link(href: href, rel: "enclosure", type: type, length: length))
  }

  private func beginPerson(_ role: PersonField, _ owner: Container) -> Role {
    person = Person()
    personOwner = owner
    return .container(role == .author ? .author : .contributor)
  }

  private func attribute(_ attributes: [XMLAttribute], _ local: String) -> String? {
    // Lengths first: most attributes a lookup passes differ in length, and comparing their
    // names called into the standard library each time.
    let length = local.utf8.count
    for a in attributes
    where a.name.local.utf8.count == length && a.name.local == local && a.name.namespace.isEmpty {
      return a.value
    }
    return nil
  }

  /// The reading an Atom text construct (or content) declares with `type` and `mode`.
  private func atomReading(_ attributes: [XMLAttribute], content: Bool = false) -> Reading {
    let type = attribute(attributes, "type")?.trimmed.lowercased() ?? ""
    let mode = attribute(attributes, "mode")?.trimmed.lowercased() ?? ""
    let inner: Reading
    switch type {
    case "", "text", "text/plain": inner = .text
    case "html", "text/html": inner = .html
    // Atom 1.0 wraps inline XHTML in a div that is not part of the value; Atom 0.3 did not.
    case "xhtml", "application/xhtml+xml": inner = .xhtml(stripDiv: format == .atom10)
    default:
      if type.hasSuffix("+xml") || type.hasSuffix("/xml") {
        inner = .xhtml(stripDiv: false)
      } else if type.hasPrefix("text/") {
        inner = .other(mime: type)
      } else {
        inner = format == .atom10 ? .base64(mime: type) : .other(mime: type)
      }
    }
    switch mode {
    case "base64":
      switch inner {
      case .text: return .base64(mime: "text")
      case .html: return .base64(mime: "html")
      case .other(let m): return .base64(mime: m)
      default: return .base64(mime: "html")
      }
    case "escaped":
      if case .xhtml = inner { return .html }
      return inner
    default:
      return inner
    }
  }

  // MARK: - Capturing

  private func begin(
    _ field: Field, _ owner: Container, _ reading: Reading, base: String?, lang: String?, line: Int
  ) -> Role {
    var buffer: [UInt8] = []
    swap(&buffer, &spareBuffer)
    var strippingDiv = false
    if case .xhtml(let strip) = reading { strippingDiv = strip }
    // Made in place: a local Capture assigned here was copied field by field, then destroyed.
    capture = Capture(
      field: field, owner: owner, reading: reading, buffer: buffer, strippingDiv: strippingDiv,
      base: base, lang: lang, line: line)
    return .capture
  }

  private func captureStart(
    _ name: XMLName, _ attributes: [XMLAttribute], _ namespaces: [XMLNamespaceDeclaration] = []
  ) {
    capture!.depth += 1
    capture!.hadChildren = true
    if capture!.skipDepth != nil { return }
    if capture!.strippingDiv {
      capture!.strippingDiv = false
      if capture!.depth == 1 && name.local == "div" && name.namespace == Vocabulary.xhtmlURI {
        capture!.skipDepth = nil
        capture!.buffer.removeAll()  // white space before the wrapping div
        wrapperDepth = 1
        return
      }
    }
    guard capture!.buffer.count < FeedBuilder.maximumCaptureBytes else { return }
    let qname = name.namespace == Vocabulary.xhtmlURI || name.namespace.isEmpty
      ? name.local : name.qualified
    capture!.buffer.append(UInt8(ascii: "<"))
    capture!.buffer.append(contentsOf: qname.utf8)
    // Declarations of other vocabularies (SVG, MathML, XLink) stay, for the sanitiser to judge.
    for d in namespaces where d.uri != Vocabulary.xhtmlURI {
      capture!.buffer.append(contentsOf: (d.prefix.isEmpty ? " xmlns=\"" : " xmlns:" + d.prefix + "=\"").utf8)
      Markup.appendEscaped(d.uri.utf8, to: &capture!.buffer, attribute: true)
      capture!.buffer.append(UInt8(ascii: "\""))
    }
    for a in attributes {
      capture!.buffer.append(UInt8(ascii: " "))
      capture!.buffer.append(contentsOf: a.name.qualified.utf8)
      capture!.buffer.append(contentsOf: "=\"".utf8)
      Markup.appendEscaped(a.value.utf8, to: &capture!.buffer, attribute: true)
      capture!.buffer.append(UInt8(ascii: "\""))
    }
    if Markup.isVoid(name.local) {
      capture!.buffer.append(contentsOf: " />".utf8)
    } else {
      capture!.buffer.append(UInt8(ascii: ">"))
    }
  }

  @exclusivity(unchecked) private var wrapperDepth: Int?

  private func captureEnd(_ name: XMLName) {
    defer { capture!.depth -= 1 }
    if let w = wrapperDepth, w == capture!.depth {
      wrapperDepth = nil
      capture!.skipDepth = capture!.depth  // nothing after the wrapping div is kept
      return
    }
    if capture!.skipDepth != nil { return }
    guard !Markup.isVoid(name.local) else { return }
    guard capture!.buffer.count < FeedBuilder.maximumCaptureBytes else { return }
    let qname = name.namespace == Vocabulary.xhtmlURI || name.namespace.isEmpty
      ? name.local : name.qualified
    capture!.buffer.append(contentsOf: "</".utf8)
    capture!.buffer.append(contentsOf: qname.utf8)
    capture!.buffer.append(UInt8(ascii: ">"))
  }

  private func finish(_ c: Capture) {
    wrapperDepth = nil
    // An html or xhtml body (most of a feed's bytes) is sanitised from the captured bytes:
    // no String of the whole body is made first. A double-encoded one takes the String way.
    var isMarkupBody = false
    switch (c.field, c.reading) {
    case (.content, .html), (.summary, .html), (.content, .xhtml), (.summary, .xhtml): isMarkupBody = true
    case (.content, .plain), (.summary, .plain), (.content, .text), (.summary, .text): isMarkupBody = c.hadChildren
    default: break
    }
    if isMarkupBody, c.closingTag == nil,
      let body = c.buffer.withUnsafeBufferPointer({ bytes in
        DoubleEncoding.latin1Bytes(ifUTF8: bytes) == nil ? Normalize.sanitizeWithPlainText(bytes, base: c.base) : nil
      })
    {
      storeText(c, reading: c.reading, value: "", sanitizedBody: body)
      return
    }
    var raw = Markup.trimmedString(c.buffer)
    if let closing = c.closingTag { raw += closing }
    var reading = c.reading
    if case .base64(let mime) = reading {
      let decoded = Base64.decode(raw)
      raw = decoded.map { String(decoding: $0, as: UTF8.self) } ?? raw
      switch mime {
      case "text": reading = .text
      case "html", nil: reading = .html
      case let m?: reading = .other(mime: m)
      }
    }
    let value = raw.trimmed
    switch c.field {
    case .title, .subtitle, .rights, .info, .summary, .content:
      storeText(c, reading: reading, value: value)
    default:
      storePlain(c, value: value)
    }
  }

  /// A text construct or content body.
  /// `sanitizedBody`: the sanitised markup and plain text of a body already made from its
  /// bytes (then `value` is not read).
  private func storeText(
    _ c: Capture, reading: Reading, value: String, sanitizedBody: (html: String, text: String)? = nil
  ) {
    var type: String
    var v = sanitizedBody?.html ?? DoubleEncoding.repaired(value)
    switch reading {
    case .plain, .text:
      type = c.hadChildren ? "html" : "text"
    case .rssTitle:
      type = c.hadChildren || Normalize.looksLikeHTML(value) ? "html" : "text"
    case .html:
      type = "html"
    case .xhtml:
      type = "xhtml"
    case .other(let mime):
      type = mime
    case .base64(let mime):
      type = mime ?? "html"
    }
    var bodyText: String?
    if let sanitizedBody {
      bodyText = sanitizedBody.text
    } else if type == "html" || type == "xhtml" {
      switch c.field {
      case .content, .summary: (v, bodyText) = Normalize.sanitizeWithPlainText(v, base: c.base)
      default: v = Normalize.sanitize(v, base: c.base)
      }
    }
    let base = c.base
    switch c.field {
    case .content:
      var content = Content(type: type, value: v, language: c.lang, base: base)
      content.src = c.src
      entry.content.append(content)
      bodyTexts.content.append(bodyText)
    default:
      let text = Text(type: TextType(rawValue: type) ?? .text, value: v, language: c.lang, base: base)
      switch (c.field, c.owner) {
      case (.title, .entry): entry.title = text
      case (.title, .source): source.title = text
      case (.title, _): feed.title = text
      case (.subtitle, .source): source.subtitle = text
      case (.subtitle, _): feed.subtitle = text
      case (.summary, _):
        entry.summary = text
        bodyTexts.summary = bodyText
      case (.rights, .entry): entry.rights = text
      case (.rights, .source): source.rights = text
      case (.rights, _): feed.rights = text
      case (.info, .source): source.info = text
      case (.info, _): feed.info = text
      default: break
      }
    }
  }

  private func storePlain(_ c: Capture, value: String) {
    switch c.field {
    case .link:
      guard let href = Normalize.url(value, base: c.base), !value.isEmpty else { return }
      addLink(Link(href: href, rel: "alternate"), c.owner)
    case .id:
      guard !value.isEmpty else { return }
      switch c.owner {
      case .entry: entry.id = value
      case .source: source.id = value
      default: feed.id = value
      }
    case .guid(let permalink):
      guard !value.isEmpty else { return }
      entry.id = value
      permalinkGuid = permalink ? Normalize.url(value, base: c.base) : nil
    case .language:
      guard !value.isEmpty else { return }
      let value = Language.normalized(value)
      switch c.owner {
      case .entry: entry.language = value
      case .source: source.language = value
      default: feed.language = value
      }
    case .date(let which):
      guard !value.isEmpty else { return }
      let date = Normalize.date(value)
      if date == nil {
        issueCollector.add(ParseIssue(code: "unreadable-date", message: "cannot read date '\(value)'",
          line: c.line))
      }
      let stamp = Stamp(date: date, text: value)
      switch c.owner {
      case .entry:
        switch which {
        case .updated: entry.updated = stamp
        case .published: entry.published = stamp
        case .created: entry.created = stamp
        case .expires: entry.expires = stamp
        }
      case .source:
        switch which {
        case .updated: source.updated = stamp
        case .published: source.published = stamp
        case .created: source.created = stamp
        case .expires: break
        }
      default:
        switch which {
        case .updated: feed.updated = stamp
        case .published: feed.published = stamp
        case .created: feed.created = stamp
        case .expires: break
        }
      }
    case .personText(let role):
      guard !value.isEmpty else { return }
      let p = Normalize.person(value)
      guard !p.isEmpty else { return }
      addPerson(p, role, c.owner)
    case .category(let scheme):
      guard !value.isEmpty else { return }
      addCategory(Category(term: value, scheme: scheme), c.owner)
    case .atomLink(var link):
      guard !value.isEmpty, let href = Normalize.url(value, base: c.base) else { return }
      link.href = href
      addAtomLink(link, c.owner)
    case .validity:
      guard let end = DCMIPeriod.end(of: value) else { return }
      let date = Normalize.date(end)
      if date == nil {
        issueCollector.add(ParseIssue(code: "unreadable-date", message: "cannot read date '\(end)'",
          line: c.line))
      }
      entry.expires = Stamp(date: date, text: end)
    case .license:
      guard !value.isEmpty, let href = Normalize.url(value, base: c.base) else { return }
      addLink(Link(href: href, rel: "license"), c.owner)
    case .tags:
      for term in value.split(separator: ",") {
        let t = String(term).trimmed
        if !t.isEmpty { addCategory(Category(term: t), c.owner) }
      }
    case .generator(let uri, let version):
      let g = Generator(name: value.isEmpty ? nil : value, uri: uri, version: version)
      if g.name == nil && g.uri == nil && g.version == nil { return }
      if c.owner == .source { source.generator = g } else { feed.generator = g }
    case .icon:
      guard let u = Normalize.url(value, base: c.base), !value.isEmpty else { return }
      if c.owner == .source { source.icon = u } else { feed.icon = u }
    case .logo:
      guard let u = Normalize.url(value, base: c.base), !value.isEmpty else { return }
      if c.owner == .source { source.logo = u } else { feed.logo = u }
    case .comments:
      guard let u = Normalize.url(value, base: c.base), !value.isEmpty else { return }
      entry.comments = u
    case .ttl:
      if let minutes = Int(value) { feed.ttl = minutes }
    case .image(let f):
      switch f {
      case .url:
        if !value.isEmpty, let u = Normalize.url(value, base: c.base) { image.href = u }
      case .title: image.title = value
      case .link:
        if !value.isEmpty, let u = Normalize.url(value, base: c.base) { image.link = u }
      case .width: image.width = Int(value)
      case .height: image.height = Int(value)
      case .description: image.description = value
      }
    case .personPart(let part):
      guard !value.isEmpty else { return }
      switch part {
      case .name: person.name = value
      case .email: person.email = value
      case .uri: person.uri = Normalize.url(value, base: c.base) ?? person.uri
      }
    case .rssSource(let url):
      var s = Feed()
      if !value.isEmpty { s.title = Text(type: .text, value: value) }
      if let url { s.links.append(Link(href: url, rel: "self")) }
      entry.source = s
    default:
      break
    }
  }

  private func addPerson(_ p: Person, _ role: PersonField, _ owner: Container) {
    switch (role, owner) {
    case (.publisher, .entry): entry.publisher = p
    case (.publisher, .source): source.publisher = p
    case (.publisher, _): feed.publisher = p
    case (.author, .entry): entry.authors.append(p)
    case (.author, .source): source.authors.append(p)
    case (.author, _): feed.authors.append(p)
    case (.contributor, .entry): entry.contributors.append(p)
    case (.contributor, .source): source.contributors.append(p)
    case (.contributor, _): feed.contributors.append(p)
    }
  }

  // MARK: - Closing containers

  private func close(_ c: Container) {
    switch c {
    case .entry:
      entryCount += 1
      sink(finishedEntry())
    case .source:
      entry.source = source
    case .image:
      if image != FeedImage() {
        feed.image = image
        if feed.logo == nil, let href = image.href { feed.logo = href }
      }
    case .author, .contributor:
      if !person.isEmpty { addPerson(person, c == .author ? .author : .contributor, personOwner) }
    case .feed:
      if feed.language == nil { feed.language = feedLanguage ?? rootLanguage }
    default:
      break
    }
  }

  /// The entry just closed, moved out of the builder and completed as a local: reading or
  /// passing the stored property copied the whole Entry (a retain and release per field).
  private func finishedEntry() -> Entry {
    var done = Entry()
    swap(&done, &entry)
    if done.link == nil, let guid = permalinkGuid { done.link = guid }
    if done.language == nil { done.language = entryLanguage }
    // Only the body fields are lent (fewer retains than lending the entry).
    done.text = BodyText.of(content: done.content, summary: done.summary, known: bodyTexts)
    bodyTexts = BodyText.Known()
    return done
  }

  /// Drops the sink (which may not outlive the parse).
  func releaseSink() { sink = { _ in } }

  /// Called after the last event.
  func finishDocument() {
    if feed.language == nil { feed.language = feedLanguage ?? rootLanguage }
  }
}

/// UTF-8 that was decoded as Latin-1 once too often ("caf\u{C3}\u{A9}", often from numeric
/// character references to each byte): repaired when the whole value reads as such.
enum DoubleEncoding {
  static func repaired(_ s: String) -> String {
    let latin1 = s.utf8.withContiguousStorageIfAvailable { latin1Bytes(ifUTF8: $0) }
      ?? Array(s.utf8).withUnsafeBufferPointer { latin1Bytes(ifUTF8: $0) }
    guard let latin1, let fixed = String(validating: latin1, as: UTF8.self) else { return s }
    return fixed
  }

  /// The code points of `utf8` as bytes, when they are all below U+0100 and those bytes are
  /// UTF-8 with at least one multi-byte sequence; nil otherwise.
  ///
  /// Checked on the UTF-8 as it goes, so that the usual value bails out early and copies
  /// nothing: ASCII eight bytes at a time, a lead byte from 0xC4 up (a scalar of U+0100 or
  /// more) at once, real accented text at its first accent (é is 0xE9, a three-byte lead that
  /// the next character does not continue).
  static func latin1Bytes(ifUTF8 utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard let base = utf8.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    let count = utf8.count
    var continuations = 0  // still owed by the last lead byte
    var multibyte = false
    var i = 0
    while i < count {
      if continuations == 0 {
        // Bodies are long and mostly ASCII: 32 bytes a step, then 8.
        while i + 32 <= count {
          let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
            | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
          guard word & 0x8080_8080_8080_8080 == 0 else { break }
          i += 32
        }
        if i + 8 <= count,
          raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
          i += 8
          continue
        }
        guard i < count else { break }
      }
      let byte = utf8[i]
      let value: UInt8
      if byte < 0x80 {
        value = byte
        i += 1
      } else if byte == 0xC2 || byte == 0xC3, i + 1 < count {
        value = (byte & 0x03) << 6 | (utf8[i + 1] & 0x3F)
        i += 2
      } else {
        return nil
      }
      if continuations > 0 {
        guard value & 0xC0 == 0x80 else { return nil }
        continuations -= 1
      } else if value >= 0x80 {
        guard value >= 0xC2 else { return nil }
        continuations = value >= 0xF0 ? 3 : value >= 0xE0 ? 2 : 1
        multibyte = true
      }
    }
    guard continuations == 0, multibyte else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    i = 0
    while i < count {
      let byte = utf8[i]
      if byte < 0x80 {
        bytes.append(byte)
        i += 1
      } else {
        bytes.append((byte & 0x03) << 6 | (utf8[i + 1] & 0x3F))
        i += 2
      }
    }
    return bytes
  }
}

enum DCMIPeriod {
  /// The `end` component of `start=2002-01-01; end=2002-12-31; scheme=W3C-DTF`.
  static func end(of period: String) -> String? {
    for part in period.split(separator: ";") {
      let pair = part.split(separator: "=", maxSplits: 1)
      if pair.count == 2, String(pair[0]).trimmed == "end" {
        let v = String(pair[1]).trimmed
        return v.isEmpty ? nil : v
      }
    }
    return nil
  }
}

enum Language {
  /// `en_US` → `en-US` (BCP 47 uses hyphens).
  static func normalized(_ tag: String) -> String {
    tag.utf8.contains(UInt8(ascii: "_")) ? String(tag.map { $0 == "_" ? "-" : $0 }) : tag
  }
}

/// Escaping and void elements for re-serialised inline markup.
enum Markup {
  static func appendEscaped<Bytes: Sequence<UInt8>>(
    _ bytes: Bytes, to out: inout [UInt8], attribute: Bool
  ) {
    for b in bytes {
      switch b {
      case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
      case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
      case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
      case UInt8(ascii: "\"") where attribute: out.append(contentsOf: "&quot;".utf8)
      default: out.append(b)
      }
    }
  }

  /// The bytes as a String without surrounding XML white space.
  static func trimmedString(_ b: [UInt8]) -> String {
    b.withUnsafeBufferPointer { Normalize.trimmedString($0) }
  }

  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "frame", "isindex", "keygen",
  ]

  static func isVoid(_ local: String) -> Bool { voidElements.contains(local.lowercased()) }
}

/// The plain text of an entry's best body: content, else summary.
enum BodyText {
  /// Plain texts of an entry's html and xhtml bodies made while sanitising them, so they need
  /// not be read again: one per content (nil where none was made), and the summary's.
  struct Known {
    var content: [String?] = []
    var summary: String?
  }

  static func of(_ entry: Entry, known: Known = Known()) -> String? {
    of(content: entry.content, summary: entry.summary, known: known)
  }

  /// `of(_:known:)` on an entry's content and summary.
  static func of(content: [Content], summary: Text?, known: Known = Known()) -> String? {
    // On the body's type and value in place: `Content.asText` made (and dropped) a Text per
    // content looked at.
    let text: String
    if let index = content.firstIndex(where: { TextType(rawValue: $0.type) != nil }) {
      let made = index < known.content.count ? known.content[index] : nil
      text = plainText(TextType(rawValue: content[index].type)!, content[index].value, made: made)
    } else if let summary {
      text = plainText(summary.type, summary.value, made: known.summary)
    } else {
      return nil
    }
    return text.isEmpty ? nil : text
  }

  private static func plainText(_ type: TextType, _ value: String, made: String?) -> String {
    switch type {
    case .html, .xhtml: made ?? Normalize.plainText(fromHTML: value)
    case .text: paragraphs(value)
    }
  }

  /// Paragraphs (runs separated by blank lines) with white space folded, one blank line
  /// between them.
  ///
  /// On UTF-8 bytes, as the String version did it on Characters: a line ends at a line feed
  /// that is not part of a CR LF pair (one Character, kept in the line), and space, tab, CR
  /// and no-break space fold.
  static func paragraphs(_ s: String) -> String {
    var s = s
    return s.withUTF8 { b in
      var out: [UInt8] = []
      out.reserveCapacity(b.count)
      var blankRun = false
      var i = 0
      while i <= b.count {
        // One line: fold its white space; separate it from earlier text once it has any.
        var lineHasText = false
        var space = false
        while i < b.count, !(b[i] == 0x0A && (i == 0 || b[i - 1] != 0x0D)) {
          let c = b[i]
          if c == 0x20 || c == 0x09 || c == 0x0D || (c == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0) {
            space = lineHasText
            i += c == 0xC2 ? 2 : 1
            continue
          }
          if !lineHasText {
            if !out.isEmpty {
              if blankRun {
                out.append(0x0A)
                out.append(0x0A)
              } else {
                out.append(0x20)
              }
            }
            lineHasText = true
            blankRun = false
          } else if space {
            out.append(0x20)
          }
          space = false
          out.append(c)
          i += 1
        }
        if !lineHasText { blankRun = true }
        i += 1  // the line feed
      }
      return out.withUnsafeBufferPointer { Normalize.string($0) }
    }
  }
}

/// RFC 4648 base64, tolerant of white space.
enum Base64 {
  static func decode(_ s: String) -> [UInt8]? {
    var out: [UInt8] = []
    var acc: UInt32 = 0
    var bits = 0
    for c in s.utf8 {
      let v: UInt32
      switch c {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - 65)
      case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - 97 + 26)
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - 48 + 52)
      case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
      case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
      case UInt8(ascii: "="), 0x20, 0x0A, 0x0D, 0x09: continue
      default: return nil
      }
      acc = acc << 6 | v
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
      }
    }
    return out
  }
}
