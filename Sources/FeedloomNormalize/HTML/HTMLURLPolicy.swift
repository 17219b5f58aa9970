/// Which URLs an attribute of sanitised HTML may hold, and which get resolved.
enum HTMLURLPolicy {
  enum Decision: Equatable {
    /// Safe as written.
    case keep
    /// A script URL (or another scheme not on the list): the attribute goes.
    case drop
    /// Safe once resolved: the absolute URL, unescaped.
    case replace(String)
  }

  /// Decides on a URL attribute from its entity-decoded value. `resolve` says whether this
  /// element/attribute pair is made absolute (feedparser's list of relative-URI attributes).
  static func decide(decodedValue value: UnsafeBufferPointer<UInt8>, resolve: Bool, baseURL: String?) -> Decision {
    switch scheme(of: value) {
    case .relative:
      guard resolve, let baseURL else { return .keep }
      let reference = String(decoding: value, as: UTF8.self)
      guard let absolute = resolveReference(reference, against: baseURL) else { return .drop }
      return isSafe(absolute) ? .replace(absolute) : .drop
    case .safe:
      return .keep
    case .unsafe:
      return .drop
    }
  }

  /// Whether a URL (already decoded) has no scheme or a safe one.
  static func isSafe(_ url: String) -> Bool {
    var url = url
    return url.withUTF8 { scheme(of: $0) } != .unsafe
  }

  /// The one place references are resolved.
  static func resolveReference(_ reference: String, against base: String) -> String? {
    // Until URLResolver (RFC 3986) is on main, references stay as written.
    reference
  }

  enum SchemeClass { case relative, safe, unsafe }

  /// The scheme as a browser's URL parser sees it: leading C0 controls and spaces skipped,
  /// tabs and newlines ignored anywhere, case folded.
  static func scheme(of value: UnsafeBufferPointer<UInt8>) -> SchemeClass {
    var index = 0
    let count = value.count
    while index < count, value[index] <= 0x20 { index += 1 }
    var scheme: [UInt8] = []
    var sawColon = false
    while index < count {
      let byte = value[index]
      index += 1
      if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
      if byte == UInt8(ascii: ":") {
        sawColon = true
        break
      }
      let lower = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
      let valid =
        isASCIILetter(byte)
        || (!scheme.isEmpty
          && (isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")))
      guard valid, scheme.count < 32 else { return .relative }
      scheme.append(lower)
    }
    guard sawColon, !scheme.isEmpty else { return .relative }
    if scheme == dataScheme {
      return isSafeDataURL(value, contentFrom: index) ? .safe : .unsafe
    }
    return safeSchemes.contains(scheme) ? .safe : .unsafe
  }

  private static let dataScheme = Array("data".utf8)

  /// feedparser's acceptable URI schemes, plus a few common harmless ones.
  private static let safeSchemes: Set<[UInt8]> = Set(
    [
      "aim", "callto", "cvs", "facetime", "feed", "file", "ftp", "git", "gopher", "gtalk", "h323",
      "hdl", "http", "https", "imap", "irc", "irc6", "ircs", "itms", "magnet", "mailto", "mms",
      "msnim", "news", "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip",
      "sips", "skype", "smb", "snews", "ssh", "svn", "svn+ssh", "telnet", "wais", "ymsg",
      "tel", "sms", "urn", "webcal", "xmpp", "geo",
    ].map { Array($0.utf8) })

  /// `data:` is safe only for raster images: `data:image/png;…`.
  private static func isSafeDataURL(_ value: UnsafeBufferPointer<UInt8>, contentFrom start: Int) -> Bool {
    var type: [UInt8] = []
    var index = start
    while index < value.count, type.count < 24 {
      let byte = value[index]
      index += 1
      if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
      if byte == UInt8(ascii: ";") {
        return safeDataTypes.contains(type)
      }
      type.append((byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte)
    }
    return false
  }

  private static let safeDataTypes: Set<[UInt8]> = Set(
    ["image/png", "image/gif", "image/jpeg", "image/jpg", "image/webp", "image/avif", "image/bmp", "image/x-icon"]
      .map { Array($0.utf8) })
}
