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

/// The local names the feed builder dispatches on (`other` for the rest), each told apart once
/// per start tag.
///
/// Found through a fixed open-addressing table keyed by the name's bytes packed into two words:
/// one probe or two instead of a String comparison per `case` of the builder's switches (about
/// ten failed comparisons per element, each a call into the standard library).
enum ElementName: String, CaseIterable {
  case other = ""
  case channel, item, entry, image
  /// `textInput`; `textinput` is read as the same name.
  case textInput
  case url, title, link, width, height, description, name, email, uri, homepage
  case subtitle, tagline, rights, copyright, info, id, language
  case updated, modified, lastBuildDate, pubDate, published, issued, created, expirationDate
  case author, contributor, managingEditor, webMaster, creator, publisher
  case category, subject, tags, generator, icon, logo, ttl, valid, date
  case summary, content, fullitem, body, encoded, div, guid, enclosure, comments, source

  /// The name `local` is, `other` when the builder does not act on it.
  static func of(_ local: String) -> ElementName {
    // Longer names are none of the builder's; the count is read without touching the bytes.
    guard local.utf8.count <= 16 else { return .other }
    return local.utf8.withContiguousStorageIfAvailable { lookup($0) }
      ?? Array(local.utf8).withUnsafeBufferPointer { lookup($0) }
  }

  static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> ElementName {
    guard let key = Key(bytes) else { return .other }
    return table.withUnsafeBufferPointer { slots in
      var i = key.slot
      while true {
        let slot = slots[i]
        if slot.key == key { return slot.name }
        if slot.key.low == 0 { return .other }
        i = (i + 1) & (tableSize - 1)
      }
    }
  }

  /// Up to 16 bytes, little-endian, zero-padded: no name holds a NUL, so the pair is the name.
  struct Key: Equatable {
    var low: UInt64
    var high: UInt64

    @inline(__always)
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
      let count = bytes.count
      guard count > 0, count <= 16, let base = bytes.baseAddress else { return nil }
      let raw = UnsafeRawPointer(base)
      if count >= 8 {
        low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        high = Key.packed(raw + 8, count - 8)
      } else {
        low = Key.packed(raw, count)
        high = 0
      }
    }

    /// The `count` (0 to 8) bytes at `p`, little-endian, zero-padded; whole words where the
    /// count allows, two overlapping 4-byte loads for 4 to 7 (the shared bytes are equal).
    @inline(__always)
    private static func packed(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
      switch count {
      case 8: return UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
      case 4...7:
        let first = UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
        let last = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
        return first | last << (8 * UInt64(count - 4))
      default:
        var value: UInt64 = 0
        for i in 0..<count { value |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(i)) }
        return value
      }
    }

    var slot: Int {
      Int(truncatingIfNeeded: (low &* 0x9E37_79B9_7F4A_7C15 ^ high &* 0xC2B2_AE3D_27D4_EB4F) >> 56)
        & (tableSize - 1)
    }
  }

  private struct Slot {
    var key: Key
    var name: ElementName
  }

  private static let tableSize = 256

  private static let table: [Slot] = {
    var slots = [Slot](repeating: Slot(key: Key(low: 0, high: 0), name: .other), count: tableSize)
    let spellings = allCases.dropFirst().map { ($0.rawValue, $0) } + [("textinput", .textInput)]
    for (spelling, name) in spellings {
      var spelling = spelling
      let key = spelling.withUTF8 { Key($0)! }
      var i = key.slot
      while slots[i].key.low != 0 { i = (i + 1) & (tableSize - 1) }
      slots[i] = Slot(key: key, name: name)
    }
    return slots
  }()
}

extension ElementName.Key {
  fileprivate init(low: UInt64, high: UInt64) {
    self.low = low
    self.high = high
  }
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
    // Most values have nothing to trim: two bytes decide it without walking String indices.
    let untouched = utf8.withContiguousStorageIfAvailable { b in
      b.isEmpty || (!isXMLSpace(b[0]) && !isXMLSpace(b[b.count - 1]))
    }
    if untouched == true { return self }
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
