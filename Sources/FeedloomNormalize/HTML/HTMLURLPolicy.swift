/// Which URLs an attribute of sanitised HTML may hold, and which get resolved: the scheme
/// allow-list and RFC 3986 resolution are URLResolver's; this decides from the
/// entity-decoded value whether the source bytes can stay as written.
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
    // Most URLs in feeds: absolute web URLs, safe and already resolved.
    if startsWithWebScheme(value) { return .keep }
    guard resolve, let baseURL else {
      if isPlainRelative(value) { return .keep }
      return URLResolver.isSafe(String(decoding: value, as: UTF8.self)) ? .keep : .drop
    }
    let reference = String(decoding: value, as: UTF8.self)
    guard let absolute = URLResolver.resolve(reference, against: baseURL) else { return .drop }
    return absolute == reference ? .keep : .replace(absolute)
  }

  /// A value that `URLResolver.isSafe` accepts without looking further: it starts with '/',
  /// '?' or '#' (no scheme can come first), or holds neither ':' nor '&' (no scheme, and no
  /// reference that could decode to one).
  private static func isPlainRelative(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = value.first else { return true }
    if first == UInt8(ascii: "/") || first == UInt8(ascii: "?") || first == UInt8(ascii: "#") { return true }
    for byte in value where byte == UInt8(ascii: ":") || byte == UInt8(ascii: "&") { return false }
    return true
  }

  private static func startsWithWebScheme(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    let http: StaticString = "http://"
    let https: StaticString = "https://"
    return hasPrefix(value, http) || hasPrefix(value, https)
  }

  private static func hasPrefix(_ value: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard value.count >= count else { return false }
    let pointer = prefix.utf8Start
    for i in 0..<count where value[i] != pointer[i] { return false }
    return true
  }
}
