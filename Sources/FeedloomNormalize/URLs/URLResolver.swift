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
/// (`data:image/png;…`, gif, jpeg, webp, avif, bmp, x-icon), never SVG or HTML. Pass the
/// value as parsed (attribute entities decoded); a URL that still holds character references
/// is judged both as written and decoded once, as a browser would read it inside markup.
public enum URLResolver {
  /// Resolves `reference` against `base`.
  ///
  /// - Returns: the absolute URL; the (trimmed) reference itself when `base` is nil or empty
  ///   and the reference is relative; nil when the result is not safe (`isSafe`).
  public static func resolve(_ reference: String, against base: String?) -> String? {
    if isCleanAbsoluteWebURL(reference) { return reference }
    return withCleanedBytes(reference) { ref in
      let r = URIRanges(ref)
      guard let base, !base.isEmpty else {
        guard r.scheme != nil else { return checked(String(decoding: ref, as: UTF8.self)) }
        return checked(compose(r, in: ref, against: nil, in: ref))
      }
      return withCleanedBytes(base) { b in
        checked(compose(r, in: ref, against: URIRanges(b), in: b))
      }
    }
  }

  /// Whether `url` may be written into an output: relative references (no scheme) are safe;
  /// absolute ones only with an allowed scheme. The scheme is read as a browser reads it:
  /// surrounding controls and spaces stripped, tabs and newlines removed, case ignored; any
  /// other control or space inside the scheme makes the URL unsafe.
  ///
  /// A URL is also judged as it reads once its HTML character references are decoded
  /// (`javascript&#58;…`, `&#106;avascript:…`, `jav&#x09;ascript:…`): a value that is safe
  /// only while encoded turns dangerous wherever a writer puts it into markup unescaped.
  public static func isSafe(_ url: String) -> Bool {
    if isCleanAbsoluteWebURL(url) { return true }
    let bytes = Array(url.utf8)
    guard hasSafeScheme(cleaned(bytes)) else { return false }
    // References can only change the scheme when one comes before the first ":".
    if let amp = bytes.firstIndex(of: UInt8(ascii: "&")),
      amp < (bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.count)
    {
      var decoded = [UInt8]()
      bytes.withUnsafeBufferPointer {
        HTMLCharacterReferences.decode($0, from: 0, to: $0.count, into: &decoded)
      }
      return hasSafeScheme(cleaned(decoded))
    }
    return true
  }

  /// The scheme test of `isSafe` on already cleaned bytes.
  static func hasSafeScheme(_ bytes: [UInt8]) -> Bool {
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
      let count = b.count
      guard let p = b.baseAddress else { return false }
      let raw = UnsafeRawPointer(p)
      // Host and path: no white space or control, no dot segment. Eight bytes a step while
      // none of them is a control, a space, DEL, `?`, `#` or `.`; byte by byte through a word
      // that has one.
      hostAndPath: while i < count {
        if i + 8 <= count {
          let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          if SWAR.below0x21(word) | SWAR.has(word, 0x7F) | SWAR.has(word, UInt8(ascii: "?"))
            | SWAR.has(word, UInt8(ascii: "#")) | SWAR.has(word, UInt8(ascii: ".")) == 0
          {
            i += 8
            continue
          }
        }
        let wordEnd = min(i + 8, count)
        while i < wordEnd {
          let c = p[i]
          if c <= 0x20 || c == 0x7F { return false }
          i += 1
          if c == UInt8(ascii: "?") || c == UInt8(ascii: "#") { break hostAndPath }
          if c == UInt8(ascii: "."), p[i - 2] == UInt8(ascii: "/") { return false }
        }
      }
      // Query and fragment: no white space or control.
      while i + 8 <= count {
        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        guard SWAR.below0x21(word) | SWAR.has(word, 0x7F) == 0 else { break }
        i += 8
      }
      while i < count {
        let c = p[i]
        if c <= 0x20 || c == 0x7F { return false }
        i += 1
      }
      return true
    }
  }

  static func checked(_ url: String) -> String? { isSafe(url) ? url : nil }

  /// RFC 3986 §5.2.2 and §5.3: the target of reference `r` (bytes `rb`) against base `b`
  /// (bytes `bb`; nil: `r` is absolute), serialised, scheme lower-cased. Works on ranges
  /// into the two buffers; copies only into the output (and a temporary when a path has
  /// dot segments).
  static func compose(
    _ r: URIRanges, in rb: UnsafeBufferPointer<UInt8>, against b: URIRanges?,
    in bb: UnsafeBufferPointer<UInt8>
  ) -> String {
    var out = [UInt8]()
    out.reserveCapacity(rb.count + bb.count)
    func append(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    }
    func appendScheme(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
      for c in buffer[range] { out.append(isLetter(c) ? c | 0x20 : c) }
      out.append(UInt8(ascii: ":"))
    }
    func appendAuthority(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?) {
      guard let range else { return }
      out.append(UInt8(ascii: "/"))
      out.append(UInt8(ascii: "/"))
      append(buffer, range)
    }
    func appendPath(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, prefix: Range<Int>? = nil) {
      let pathStart = out.count
      if let prefix { append(bb, prefix) }
      append(buffer, range)
      let written = out[pathStart...]
      if hasDotSegment(written) {
        let cleaned = removeDotSegments(written)
        out.replaceSubrange(pathStart..., with: cleaned)
      }
    }
    func appendQuery(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?) {
      guard let range else { return }
      out.append(UInt8(ascii: "?"))
      append(buffer, range)
    }

    if let scheme = r.scheme {
      appendScheme(rb, scheme)
      appendAuthority(rb, r.authority)
      appendPath(rb, r.path)
      appendQuery(rb, r.query)
    } else if let b {
      if let scheme = b.scheme { appendScheme(bb, scheme) }
      if r.authority != nil {
        appendAuthority(rb, r.authority)
        appendPath(rb, r.path)
        appendQuery(rb, r.query)
      } else {
        appendAuthority(bb, b.authority)
        if r.path.isEmpty {
          append(bb, b.path)
          if r.query != nil { appendQuery(rb, r.query) } else { appendQuery(bb, b.query) }
        } else {
          if rb[r.path.lowerBound] == UInt8(ascii: "/") {
            appendPath(rb, r.path)
          } else if b.authority != nil && b.path.isEmpty {
            // §5.2.3: a base with an authority and no path merges as "/".
            out.append(UInt8(ascii: "/"))
            appendPath(rb, r.path)
          } else if let slash = bb[b.path].lastIndex(of: UInt8(ascii: "/")) {
            appendPath(rb, r.path, prefix: b.path.lowerBound..<(slash + 1))
          } else {
            appendPath(rb, r.path)
          }
          appendQuery(rb, r.query)
        }
      }
    }
    if let fragment = r.fragment {
      out.append(UInt8(ascii: "#"))
      append(rb, fragment)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Runs `body` over `text`'s bytes as `cleaned(_:)` leaves them, copying only when
  /// cleaning changes something.
  static func withCleanedBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    var text = text
    return text.withUTF8 { bytes in
      if needsCleaning(bytes) {
        return cleaned(Array(bytes)).withUnsafeBufferPointer(body)
      }
      return body(bytes)
    }
  }

  private static func needsCleaning(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = b.first, let last = b.last else { return false }
    if first <= 0x20 || last <= 0x20 { return true }
    var sawColon = false
    for i in b.indices {
      let c = b[i]
      if c == 0x09 || c == 0x0A || c == 0x0D { return true }
      if !sawColon, c == UInt8(ascii: ":") {
        sawColon = true
        if i + 3 < b.count, b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "/"),
          b[i + 3] == UInt8(ascii: "/")
        {
          return true
        }
      }
    }
    return false
  }

  /// RFC 3986 §5.2.4, over byte indices (no temporary arrays: this runs for every URL).
  static func removeDotSegments(_ path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    guard hasDotSegment(path) else { return path }
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    let n = path.endIndex
    var i = path.startIndex
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
    return output[...]
  }

  /// Whether some segment is `.` or `..` (a dot at the start or right after a slash, followed
  /// by a slash, the end, or one more dot and then a slash or the end).
  static func hasDotSegment(_ path: ArraySlice<UInt8>) -> Bool {
    let n = path.endIndex
    var i = path.startIndex
    while i < n {
      if path[i] == UInt8(ascii: "."), i == path.startIndex || path[i - 1] == UInt8(ascii: "/") {
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

  static func isValidScheme<C: Collection>(_ s: C) -> Bool where C.Element == UInt8 {
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

/// The components of a URI reference as byte slices (for link canonicalisation); nil = undefined.
struct URIReference {
  var scheme: [UInt8]?
  var authority: ArraySlice<UInt8>?
  var path: ArraySlice<UInt8> = []
  var query: ArraySlice<UInt8>?
  var fragment: ArraySlice<UInt8>?

  /// Splits as RFC 3986 appendix B's regular expression does.
  init(_ s: [UInt8]) {
    let r = s.withUnsafeBufferPointer { URIRanges($0) }
    scheme = r.scheme.map { s[$0].map { isLetter($0) ? $0 | 0x20 : $0 } }
    authority = r.authority.map { s[$0] }
    path = s[r.path]
    query = r.query.map { s[$0] }
    fragment = r.fragment.map { s[$0] }
  }
}

/// The five components of a URI reference as ranges into its bytes (RFC 3986 appendix B);
/// nil = undefined. No copies, no reference counting.
struct URIRanges {
  var scheme: Range<Int>?
  var authority: Range<Int>?
  var path: Range<Int>
  var query: Range<Int>?
  var fragment: Range<Int>?

  init(_ s: UnsafeBufferPointer<UInt8>) {
    var i = 0
    var colon = 0
    while colon < s.count, s[colon] != UInt8(ascii: ":") { colon += 1 }
    if colon < s.count, colon > 0, URLResolver.isValidScheme(s[0..<colon]) {
      scheme = 0..<colon
      i = colon + 1
    }
    if i + 1 < s.count, s[i] == UInt8(ascii: "/"), s[i + 1] == UInt8(ascii: "/") {
      var end = i + 2
      while end < s.count, s[end] != UInt8(ascii: "/"), s[end] != UInt8(ascii: "?"),
        s[end] != UInt8(ascii: "#")
      {
        end += 1
      }
      authority = (i + 2)..<end
      i = end
    }
    var end = i
    while end < s.count, s[end] != UInt8(ascii: "?"), s[end] != UInt8(ascii: "#") { end += 1 }
    path = i..<end
    i = end
    if i < s.count, s[i] == UInt8(ascii: "?") {
      end = i + 1
      while end < s.count, s[end] != UInt8(ascii: "#") { end += 1 }
      query = (i + 1)..<end
      i = end
    }
    if i < s.count, s[i] == UInt8(ascii: "#") {
      fragment = (i + 1)..<s.count
    }
  }
}

/// Byte tests on eight bytes at once. Each result is non-zero exactly when some byte passes
/// (bits above the first passing byte may be set spuriously, so use it only as a yes/no).
public enum SWAR {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// Some byte of `word` is below 0x21 (a control or a space).
  @inline(__always)
  static func below0x21(_ word: UInt64) -> UInt64 {
    (word &- 0x21 &* ones) & ~word & highBits
  }

  /// Some byte of `word` is `byte` (the HTML code's word test).
  @inline(__always)
  static func has(_ word: UInt64, _ byte: UInt8) -> UInt64 { HTMLWords.matches(word, byte) }

  /// Whether `byte` occurs in `bytes`, eight bytes a step.
  public static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= bytes.count {
      if has(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), byte) != 0 { return true }
      i += 8
    }
    while i < bytes.count {
      if bytes[i] == byte { return true }
      i += 1
    }
    return false
  }
}
