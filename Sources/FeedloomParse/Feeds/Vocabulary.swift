import FeedloomModel

/// The vocabularies feeds use, recognised by namespace URI (never by prefix).
enum Vocabulary: UInt8 {
  /// RSS 0.9x/2.0 (no namespace, or one of the namespaces RSS was given over the years),
  /// RSS 1.0 and RSS 0.90.
  case rss
  case atom
  case dc, dcterms, content, xhtml, rdf
  /// Creative Commons licence elements (RDF and Userland flavours).
  case cc
  case other

  static func of(_ uri: String) -> Vocabulary {
    if uri.isEmpty { return .rss }
    if let known = table[uri] { return known }
    // feedparser matches some namespaces case-insensitively and without a trailing slash.
    var lower = uri.lowercased()
    if let known = table[lower] { return known }
    if lower.hasSuffix("/") { lower.removeLast() } else { lower += "/" }
    return table[lower] ?? .other
  }

  static let rss10 = "http://purl.org/rss/1.0/"
  static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
  static let atom10 = "http://www.w3.org/2005/Atom"
  static let atom03 = "http://purl.org/atom/ns#"
  static let xhtmlURI = "http://www.w3.org/1999/xhtml"
  static let rdfURI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  static let xmlURI = "http://www.w3.org/XML/1998/namespace"

  static let table: [String: Vocabulary] = [
    rss10: .rss, rss090: .rss,
    "http://backend.userland.com/rss2": .rss, "http://backend.userland.com/rss": .rss,
    "http://blogs.law.harvard.edu/tech/rss": .rss, "http://purl.org/net/rss1.1#": .rss,
    atom10: .atom, atom03: .atom, "http://www.w3.org/2005/atom": .atom,
    // Atom's names before it was Atom.
    "http://example.com/newformat#": .atom, "http://example.com/necho": .atom,
    "http://purl.org/echo/": .atom, "uri/of/echo/namespace#": .atom, "http://purl.org/pie/": .atom,
    "http://purl.org/atom/ns#draft-ietf-atompub-format-07": .atom,
    "http://purl.org/dc/elements/1.1/": .dc, "http://purl.org/dc/elements/1.0/": .dc,
    "http://purl.org/dc/terms/": .dcterms,
    "http://purl.org/rss/1.0/modules/content/": .content,
    xhtmlURI: .xhtml,
    rdfURI: .rdf,
    "http://web.resource.org/cc/": .cc, "http://creativecommons.org/ns#": .cc,
    "http://backend.userland.com/creativeCommonsRssModule": .cc,
  ]
}

/// What `--kind`/the root element says the document is.
enum RootKind {
  case rss(Format)
  case rdf
  case atom(Format)
  case unknown
}

extension String {
  /// Surrounding XML white space (space, tab, CR, LF) removed.
  var trimmed: String {
    // On UTF-8 code units: counting Characters to compare lengths cost grapheme breaking
    // over every captured body (42% of all instructions on the real corpus).
    let units = utf8
    var start = units.startIndex
    var end = units.endIndex
    while start < end, isXMLSpace(units[start]) { units.formIndex(after: &start) }
    while start < end {
      let last = units.index(before: end)
      guard isXMLSpace(units[last]) else { break }
      end = last
    }
    if start == units.startIndex && end == units.endIndex { return self }
    return String(self[start..<end])
  }
}

@inline(__always)
private func isXMLSpace(_ byte: UInt8) -> Bool {
  byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
}
