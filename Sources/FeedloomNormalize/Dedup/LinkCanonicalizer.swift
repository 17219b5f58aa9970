/// The canonical form of an article link, for spotting the same article under two URLs.
enum LinkCanonicalizer {
  /// Query parameters that only say who sent the reader (matched lower-case; `utm_*` by prefix).
  static let trackingParameters: Set<[UInt8]> = Set(
    [
      "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
      "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
      "spm", "_ga", "_gl",
    ].map { Array($0.utf8) })

  /// `scheme://host/path?query` with the scheme and host lower-cased, the default port, the
  /// fragment, tracking parameters and a trailing slash removed, and the remaining query
  /// parameters sorted. Nil for relative or non-hierarchical URLs (`mailto:`, `tag:`).
  static func canonical(_ url: String) -> String? {
    guard let parts = parts(url) else { return nil }
    var out = parts.scheme
    out += Array("://".utf8)
    out += parts.identity
    return String(decoding: out, as: UTF8.self)
  }

  /// The canonical link without its scheme and a leading `www.`: `http` and `https`, `www.`
  /// and bare host name the same article.
  static func identity(_ url: String) -> String? {
    guard let parts = parts(url) else { return nil }
    var id = parts.identity[...]
    if id.starts(with: Array("www.".utf8)) { id = id.dropFirst(4) }
    return String(decoding: id, as: UTF8.self)
  }

  /// Whether the link is a site's front page (no path, no query): many entries share it, so it
  /// says nothing about which article an entry is.
  static func isFrontPage(_ identity: String) -> Bool {
    !identity.utf8.contains(UInt8(ascii: "/")) && !identity.utf8.contains(UInt8(ascii: "?"))
  }

  private static func parts(_ url: String) -> (scheme: [UInt8], identity: [UInt8])? {
    let ref = URIReference(URLResolver.cleaned(Array(url.utf8)))
    guard let scheme = ref.scheme, let authority = ref.authority, !authority.isEmpty else {
      return nil
    }
    var host = Array(authority)
    if let at = host.lastIndex(of: UInt8(ascii: "@")) { host.removeSubrange(...at) }
    host = host.map { isLetter($0) ? $0 | 0x20 : $0 }
    if host.last == UInt8(ascii: ".") { host.removeLast() }
    let defaultPort: [UInt8]? =
      scheme == Array("http".utf8) ? Array(":80".utf8)
      : scheme == Array("https".utf8) ? Array(":443".utf8) : nil
    if let port = defaultPort, host.count > port.count, host.suffix(port.count).elementsEqual(port) {
      host.removeLast(port.count)
    }
    var path = URLResolver.removeDotSegments(ref.path)
    while path.last == UInt8(ascii: "/") { path.removeLast() }
    var identity = host + path
    if let query = ref.query {
      let kept = query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true)
        .filter { !isTracking($0) }
        .sorted { $0.lexicographicallyPrecedes($1) }
      if !kept.isEmpty {
        identity.append(UInt8(ascii: "?"))
        for (i, parameter) in kept.enumerated() {
          if i > 0 { identity.append(UInt8(ascii: "&")) }
          identity += parameter
        }
      }
    }
    return (scheme, identity)
  }

  private static func isTracking(_ parameter: ArraySlice<UInt8>) -> Bool {
    let name = parameter.prefix { $0 != UInt8(ascii: "=") }.map { isLetter($0) ? $0 | 0x20 : $0 }
    return name.starts(with: Array("utm_".utf8)) || trackingParameters.contains(name)
  }
}
