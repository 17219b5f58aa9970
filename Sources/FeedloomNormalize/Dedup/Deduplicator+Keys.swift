import FeedloomModel

extension Deduplicator {
  /// The `tag:` authority and date every derived key starts with.
  static let tagPrefix = "tag:feedloom,2026:"

  /// The stable identity an entry gets in the outputs (`Item.key`), the same on every run for
  /// the same input:
  /// 1. its id, when the id is URI-shaped (`scheme:…`, e.g. `https://…`, `urn:uuid:…`,
  ///    `tag:…`), white space folded;
  /// 2. a bare id (`42`) scoped to the source: `tag:feedloom,2026:<slug>/id/<id>`;
  /// 3. else its canonical link: `tag:feedloom,2026:<host>/<path>[?<query>]`
  ///    (`canonicalLink(_:)` without the scheme and a leading `www.`; a fragment kept as
  ///    `%23…`), unless it is a site's
  ///    front page (no path, no query), which many entries share;
  /// 4. else a 64-bit FNV-1a hash of its title, body and dates:
  ///    `tag:feedloom,2026:<slug>/item-<16 hex digits>`.
  /// Characters an IRI cannot hold (space, `"<>\^`{|}#`, controls) are percent-encoded.
  public static func stableKey(for entry: Entry, sourceSlug: String) -> String {
    if let id = trimmedID(entry) {
      if isURIShaped(id) { return iriEscaped(id) }
      return tagPrefix + iriEscaped(sourceSlug) + "/id/" + iriEscaped(id)
    }
    if let link = articleLink(entry), let identity = LinkCanonicalizer.identity(link),
      !LinkCanonicalizer.isFrontPage(identity)
    {
      // The fragment stays: feeds address entries of one page as `page#111`, `page#112`.
      let fragment = link.split(separator: "#", maxSplits: 1).dropFirst().first
      return tagPrefix + iriEscaped(identity) + (fragment.map { "%23" + iriEscaped(String($0)) } ?? "")
    }
    var h = FNV1a()
    let separator: UInt8 = 0x1F
    for field in [
      entry.title?.value, entry.text ?? entry.content.first?.value ?? entry.summary?.value,
      entry.published?.text ?? entry.published?.date?.rfc3339,
      entry.updated?.text ?? entry.updated?.date?.rfc3339, entry.enclosures.first?.href,
    ] {
      h.add(Whitespace.fold(field ?? "").utf8)
      h.add(separator)
    }
    return tagPrefix + iriEscaped(sourceSlug) + "/item-" + FNV1a.hex(h.value)
  }

  /// `stableKey(for:sourceSlug:)` for every entry of one source, with collisions resolved:
  /// when entries that are not one story would share a key (items without ids that all link
  /// to one news page), each of those gets its content-hash key instead, suffixed `-2`, `-3`…
  /// in input order if even that repeats. Same input, same keys.
  public static func stableKeys(for entries: [Entry], sourceSlug: String) -> [String] {
    var keys = entries.map { stableKey(for: $0, sourceSlug: sourceSlug) }
    var count: [String: Int] = [:]
    for k in keys { count[k, default: 0] += 1 }
    for i in keys.indices where count[keys[i]]! > 1 && trimmedID(entries[i]) == nil {
      var entry = entries[i]
      entry.link = nil
      entry.links = []
      keys[i] = stableKey(for: entry, sourceSlug: sourceSlug)
    }
    var seen: [String: Int] = [:]
    for i in keys.indices {
      let n = seen[keys[i], default: 0] + 1
      seen[keys[i]] = n
      if n > 1 { keys[i] += "-\(n)" }
    }
    return keys
  }

  /// The link in canonical form: scheme and host lower-cased; default port, fragment,
  /// trailing slash and tracking parameters (`utm_*`, `fbclid`, `gclid`, `msclkid`, `mc_cid`,
  /// … ) removed; the remaining query parameters sorted. Nil for a relative or
  /// non-hierarchical URL.
  public static func canonicalLink(_ url: String) -> String? {
    LinkCanonicalizer.canonical(url)
  }

  static func iriEscaped(_ s: String) -> String {
    var out = [UInt8]()
    out.reserveCapacity(s.utf8.count)
    let hex = Array("0123456789ABCDEF".utf8)
    for b in s.utf8 {
      switch b {
      case 0...0x20, 0x7F, UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"),
        UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"),
        UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "#"):
        out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
      default:
        out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
