/// RFC 3986 §5 reference resolution over UTF-8 bytes, with the scheme allow-list every URL in
/// the normalised document passes through.
///
/// Before resolving, both strings lose leading and trailing C0 controls and spaces and every
/// tab, CR and LF inside (as browsers do), and the extra slashes of `http:///host/` are
/// collapsed (feedparser's fix for that common mistake; not for `file:`). The scheme of the
/// result is lower-cased; nothing else is normalised or percent-encoded.
///
/// Safety is an allow-list (`isSafe`): the web and mail schemes and feedparser's list of
/// acceptable schemes. `data:` is allowed only for raster images
/// (`data:image/png;…`, gif, jpeg, webp, avif, bmp, x-icon), never SVG or HTML. Entity
/// decoding (`&#106;avascript:`) is the caller's job: pass the decoded attribute value.
public enum URLResolver {
  /// Resolves `reference` against `base`.
  ///
  /// - Returns: the absolute URL; the (trimmed) reference itself when `base` is nil or empty
  ///   and the reference is relative; nil when the result's scheme is not safe.
  public static func resolve(_ reference: String, against base: String?) -> String? {
    if isCleanAbsoluteWebURL(reference) { return reference }
    let ref = URIReference(cleaned(Array(reference.utf8)))
    guard let base, !base.isEmpty else {
      guard ref.scheme != nil else { return ref.serialized() }
      var absolute = ref
      absolute.path = removeDotSegments(ref.path)
      return checked(absolute.serialized())
    }
    let b = URIReference(cleaned(Array(base.utf8)))
    return checked(resolve(ref, against: b).serialized())
  }

  /// Whether `url` may be written into an output: relative references (no scheme) are safe;
  /// absolute ones only with an allowed scheme. The scheme is read as a browser reads it:
  /// surrounding controls and spaces stripped, tabs and newlines removed, case ignored; any
  /// other control or space inside the scheme makes the URL unsafe.
  public static func isSafe(_ url: String) -> Bool {
    if isCleanAbsoluteWebURL(url) { return true }
    let bytes = cleaned(Array(url.utf8))
    var colon: Int?
    for (i, b) in bytes.enumerated() {
      if b == UInt8(ascii: ":") {
        colon = i
        break
      }
      if b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") { break }
    }
    guard let colon else { return true }
    var scheme = [UInt8]()
    for b in bytes[..<colon] where b > 0x20 && b != 0x7F {
      scheme.append(isLetter(b) ? b | 0x20 : b)
    }
    // Not a scheme a browser would recognise: the URL is relative ("12:30.html").
    guard isValidScheme(scheme[...]) else { return true }
    if scheme == dataScheme {
      return isSafeDataImage(bytes[(colon + 1)...])
    }
    return allowedSchemes.contains(scheme)
  }

  // MARK: - Internals

  /// The common case, answered without copying: `http://` or `https://` (lower case) then a
  /// host, no white space or controls, no dot segment and no `///`. Such a URL resolves to
  /// itself and is safe.
  static func isCleanAbsoluteWebURL(_ url: String) -> Bool {
    var url = url
    return url.withUTF8 { b in
      var i: Int
      if b.count > 8, b[0] == UInt8(ascii: "h"), b[1] == UInt8(ascii: "t"), b[2] == UInt8(ascii: "t"),
        b[3] == UInt8(ascii: "p")
      {
        i = b[4] == UInt8(ascii: "s") ? 5 : 4
      } else {
        return false
      }
      guard b[i] == UInt8(ascii: ":"), b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "/"),
        i + 3 < b.count, b[i + 3] != UInt8(ascii: "/")
      else { return false }
      i += 3
      var inPath = true
      while i < b.count {
        let c = b[i]
        if c <= 0x20 || c == 0x7F { return false }
        if c == UInt8(ascii: "?") || c == UInt8(ascii: "#") { inPath = false }
        if inPath, c == UInt8(ascii: "."), b[i - 1] == UInt8(ascii: "/") { return false }
        i += 1
      }
      return true
    }
  }

  static func checked(_ url: String) -> String? { isSafe(url) ? url : nil }

  static func resolve(_ r: URIReference, against b: URIReference) -> URIReference {
    var t = URIReference()
    if r.scheme != nil {
      t = r
      t.path = removeDotSegments(r.path)
    } else {
      if r.authority != nil {
        t.authority = r.authority
        t.path = removeDotSegments(r.path)
        t.query = r.query
      } else {
        if r.path.isEmpty {
          t.path = b.path
          t.query = r.query ?? b.query
        } else {
          if r.path.first == UInt8(ascii: "/") {
            t.path = removeDotSegments(r.path)
          } else {
            t.path = removeDotSegments(merge(base: b, path: r.path))
          }
          t.query = r.query
        }
        t.authority = b.authority
      }
      t.scheme = b.scheme
    }
    t.fragment = r.fragment
    return t
  }

  /// RFC 3986 §5.2.3.
  static func merge(base: URIReference, path: [UInt8]) -> [UInt8] {
    if base.authority != nil && base.path.isEmpty { return [UInt8(ascii: "/")] + path }
    guard let slash = base.path.lastIndex(of: UInt8(ascii: "/")) else { return path }
    return Array(base.path[...slash]) + path
  }

  /// RFC 3986 §5.2.4, over byte indices (no temporary arrays: this runs for every URL).
  static func removeDotSegments(_ path: [UInt8]) -> [UInt8] {
    guard hasDotSegment(path) else { return path }
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    let n = path.count
    var i = 0
    var output = [UInt8]()
    output.reserveCapacity(n)
    func at(_ k: Int) -> UInt8? { k < n ? path[k] : nil }
    func popLastSegment() {
      if let last = output.lastIndex(of: slash) {
        output.removeSubrange(last...)
      } else {
        output.removeAll(keepingCapacity: true)
      }
    }
    // `pendingSlash`: the input buffer starts with a "/" the RFC's rules B and C leave behind.
    var pendingSlash = false
    while i < n || pendingSlash {
      if pendingSlash {
        // Input is "/" + path[i...].
        if at(i) == dot, at(i + 1) == slash || at(i + 1) == nil {  // "/./" or "/."
          i += 1
          if at(i) == slash { i += 1 }
          continue
        }
        if at(i) == dot, at(i + 1) == dot, at(i + 2) == slash || at(i + 2) == nil {  // "/../", "/.."
          i += 2
          if at(i) == slash { i += 1 }
          popLastSegment()
          continue
        }
        pendingSlash = false
        output.append(slash)
        while i < n, path[i] != slash {
          output.append(path[i])
          i += 1
        }
        if i < n {
          i += 1
          pendingSlash = true
        }
        continue
      }
      if path[i] == dot, at(i + 1) == dot, at(i + 2) == slash {  // A: "../"
        i += 3
      } else if path[i] == dot, at(i + 1) == slash {  // A: "./"
        i += 2
      } else if path[i] == dot, at(i + 1) == nil || (at(i + 1) == dot && at(i + 2) == nil) {  // D
        i = n
      } else if path[i] == slash {
        i += 1
        pendingSlash = true
      } else {  // E: a first segment with no leading slash
        while i < n, path[i] != slash {
          output.append(path[i])
          i += 1
        }
      }
    }
    return output
  }

  /// Whether some segment is `.` or `..` (a dot at the start or right after a slash, followed
  /// by a slash, the end, or one more dot and then a slash or the end).
  static func hasDotSegment(_ path: [UInt8]) -> Bool {
    let n = path.count
    var i = 0
    while i < n {
      if path[i] == UInt8(ascii: "."), i == 0 || path[i - 1] == UInt8(ascii: "/") {
        var j = i + 1
        if j < n, path[j] == UInt8(ascii: ".") { j += 1 }
        if j == n || path[j] == UInt8(ascii: "/") { return true }
      }
      i += 1
    }
    return false
  }

  /// Trims C0 controls and spaces, drops tabs and newlines, collapses `scheme:///` to
  /// `scheme://` (except `file:`).
  static func cleaned(_ bytes: [UInt8]) -> [UInt8] {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] <= 0x20 { start += 1 }
    while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
    var out = [UInt8]()
    out.reserveCapacity(end - start)
    for b in bytes[start..<end] where b != 0x09 && b != 0x0A && b != 0x0D { out.append(b) }
    if let colon = schemeEnd(out), colon + 3 < out.count, out[colon + 1] == UInt8(ascii: "/"),
      out[colon + 2] == UInt8(ascii: "/"), out[colon + 3] == UInt8(ascii: "/"),
      !(colon == 4 && out[0] | 0x20 == UInt8(ascii: "f") && out[1] | 0x20 == UInt8(ascii: "i")
        && out[2] | 0x20 == UInt8(ascii: "l") && out[3] | 0x20 == UInt8(ascii: "e"))
    {
      var extra = colon + 3
      while extra < out.count, out[extra] == UInt8(ascii: "/") { extra += 1 }
      out.removeSubrange((colon + 3)..<extra)
    }
    return out
  }

  /// Index of the `:` ending a syntactically valid scheme at the start, if any.
  static func schemeEnd(_ bytes: [UInt8]) -> Int? {
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
      isValidScheme(bytes[..<colon])
    else { return nil }
    return colon
  }

  static func isValidScheme(_ s: ArraySlice<UInt8>) -> Bool {
    guard let first = s.first, isLetter(first) else { return false }
    return s.allSatisfy {
      isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
        || $0 == UInt8(ascii: ".")
    }
  }

  static let dataScheme = Array("data".utf8)

  /// feedparser's ACCEPTABLE_URI_SCHEMES plus tel, sms, xmpp, webcal, geo, urn, tag.
  static let allowedSchemes: Set<[UInt8]> = Set(
    [
      "http", "https", "ftp", "ftps", "mailto", "news", "nntp", "snews", "file", "gopher", "h323",
      "hdl", "imap", "magnet", "mms", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp",
      "sip", "sips", "svn", "svn+ssh", "telnet", "wais", "aim", "callto", "cvs", "facetime",
      "feed", "git", "gtalk", "irc", "ircs", "irc6", "itms", "msnim", "skype", "ssh", "smb",
      "ymsg", "tel", "sms", "xmpp", "webcal", "geo", "urn", "tag",
    ].map { Array($0.utf8) })

  static let safeImageTypes: [[UInt8]] = ["png", "gif", "jpeg", "jpg", "webp", "avif", "bmp", "x-icon"]
    .map { Array("image/\($0);".utf8) }

  /// `data:` is safe only as `image/<raster type>;…` (the static XSS checker's rule).
  static func isSafeDataImage(_ rest: ArraySlice<UInt8>) -> Bool {
    let lowered = rest.prefix(16).map { isLetter($0) ? $0 | 0x20 : $0 }
    return safeImageTypes.contains { lowered.starts(with: $0) }
  }
}

/// The five components of a URI reference (RFC 3986 §3), as bytes; nil = undefined.
struct URIReference {
  var scheme: [UInt8]?
  var authority: [UInt8]?
  var path: [UInt8] = []
  var query: [UInt8]?
  var fragment: [UInt8]?

  init() {}

  /// Splits as RFC 3986 appendix B's regular expression does.
  init(_ s: [UInt8]) {
    var i = 0
    if let colon = URLResolver.schemeEnd(s) {
      scheme = s[..<colon].map { isLetter($0) ? $0 | 0x20 : $0 }
      i = colon + 1
    }
    if i + 1 < s.count, s[i] == UInt8(ascii: "/"), s[i + 1] == UInt8(ascii: "/") {
      var end = i + 2
      while end < s.count, s[end] != UInt8(ascii: "/"), s[end] != UInt8(ascii: "?"),
        s[end] != UInt8(ascii: "#")
      {
        end += 1
      }
      authority = Array(s[(i + 2)..<end])
      i = end
    }
    var end = i
    while end < s.count, s[end] != UInt8(ascii: "?"), s[end] != UInt8(ascii: "#") { end += 1 }
    path = Array(s[i..<end])
    i = end
    if i < s.count, s[i] == UInt8(ascii: "?") {
      end = i + 1
      while end < s.count, s[end] != UInt8(ascii: "#") { end += 1 }
      query = Array(s[(i + 1)..<end])
      i = end
    }
    if i < s.count, s[i] == UInt8(ascii: "#") {
      fragment = Array(s[(i + 1)...])
    }
  }

  /// RFC 3986 §5.3.
  func serialized() -> String {
    var out = [UInt8]()
    out.reserveCapacity(path.count + (authority?.count ?? 0) + 32)
    if let scheme {
      out += scheme
      out.append(UInt8(ascii: ":"))
    }
    if let authority {
      out += [UInt8(ascii: "/"), UInt8(ascii: "/")]
      out += authority
    }
    out += path
    if let query {
      out.append(UInt8(ascii: "?"))
      out += query
    }
    if let fragment {
      out.append(UInt8(ascii: "#"))
      out += fragment
    }
    return String(decoding: out, as: UTF8.self)
  }
}
