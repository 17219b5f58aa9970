import FeedloomModel

/// An Atom Person construct: a non-empty name, a valid `uri` and a bare addr-spec `email`.
struct AtomPerson: Hashable {
  var name: String
  var uri: String?
  var email: String?

  init(name: String, uri: String? = nil, email: String? = nil) {
    self.name = name
    self.uri = uri
    self.email = email
  }

  /// `nil` when the person has neither a name nor an email to stand in for it.
  init?(_ person: Person) {
    let email = person.email.flatMap(AtomPerson.addrSpec)
    guard let name = person.name.map(PlainText.singleLine).flatMap({ $0.isEmpty ? nil : $0 }) ?? email
    else { return nil }
    self.init(name: name, uri: person.uri.flatMap { IRI.absolute($0) }, email: email)
  }

  /// `value` when it is a bare RFC 5322 addr-spec (`local@example.org`), else nil.
  static func addrSpec(_ value: String) -> String? {
    let bytes = Array(value.utf8)
    guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return nil }
    let localAllowed = Set("!#$%&'*+/=?^_`{|}~-.".utf8)
    let local = bytes[..<at]
    guard local.allSatisfy({ isAlphanumeric($0) || localAllowed.contains($0) }) else { return nil }
    let labels = bytes[(at + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    for label in labels {
      guard let first = label.first, let last = label.last, isAlphanumeric(first), isAlphanumeric(last),
        label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
      else { return nil }
    }
    return value
  }
}

/// BCP 47 / RFC 3066 language tags in the shape Atom's schema accepts.
enum LanguageTag {
  /// `en_GB` → `en-GB`; nil unless the result is `[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*`.
  static func clean(_ value: String) -> String? {
    let tag = String(PlainText.trimmed(value).map { $0 == "_" ? "-" : $0 })
    let parts = tag.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
    guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy(isLetter) else {
      return nil
    }
    for part in parts.dropFirst() {
      guard (1...8).contains(part.count), part.allSatisfy(isAlphanumeric) else { return nil }
    }
    return tag
  }
}

/// MIME media types (`type/subtype[; parameters]`).
enum MediaType {
  static func clean(_ value: String) -> String? {
    let trimmed = PlainText.trimmed(value)
    let bytes = Array(trimmed.utf8)
    let tokenExtra = Set("!#$&^_.+-".utf8)
    func token(_ slice: ArraySlice<UInt8>) -> Bool {
      guard let first = slice.first, isAlphanumeric(first) else { return false }
      return slice.allSatisfy { isAlphanumeric($0) || tokenExtra.contains($0) }
    }
    let end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
    var core = bytes[..<end]
    while let last = core.last, last == 0x20 || last == 0x09 { core = core.dropLast() }
    guard let slash = core.firstIndex(of: UInt8(ascii: "/")), token(core[..<slash]),
      token(core[(slash + 1)...]),
      !bytes.contains(where: { $0 < 0x20 && $0 != 0x09 })
    else { return nil }
    return trimmed
  }
}

/// Link relations: registered names (lower-cased, IANA URI prefix removed) or extension IRIs.
enum LinkRelation {
  /// Relations that describe the source's own documents, not the entry, or that the writer
  /// emits from other fields (enclosures).
  static let skipped: Set<String> = ["self", "edit", "edit-media", "enclosure"]

  static func clean(_ value: String) -> String? {
    var rel = PlainText.trimmed(value)
    let iana = "http://www.iana.org/assignments/relation/"
    if rel.lowercased().hasPrefix(iana) { rel = String(rel.dropFirst(iana.count)) }
    if rel.isEmpty { return "alternate" }
    if rel.contains(":") { return IRI.identifier(rel) }
    let allowed = Set("._-".utf8)
    guard rel.utf8.allSatisfy({ isAlphanumeric($0) || allowed.contains($0) }) else { return nil }
    return rel.lowercased()
  }
}

/// The little URL surgery the writers need.
enum URLParts {
  /// The lower-cased host of `scheme://[userinfo@]host[:port]/…`.
  static func host(of url: String) -> String? {
    guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return nil }
    var authority = url[url.index(colon, offsetBy: 3)...]
    if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
      authority = authority[..<end]
    }
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
      return String(authority[...close]).lowercased()
    }
    if let colon = authority.firstIndex(of: ":") { authority = authority[..<colon] }
    let host = authority.lowercased()
    guard !host.isEmpty, host.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") })
    else { return nil }
    return host
  }
}

/// `base` joined with a relative `path` the way a site URL and an output path combine.
func joinURL(_ base: String, _ path: String) -> String {
  let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
  return base.hasSuffix("/") ? base + relative : base + "/" + relative
}

/// What goes into `atom:content`.
struct AtomBody {
  enum Content: Equatable {
    case inline(type: String, value: String, language: String?, base: String?)
    case outOfLine(type: String, src: String)
  }

  var content: Content?
  /// Plain text to stand in for a missing summary.
  var fallbackSummary: String?

  /// RFC 4287 4.1.1.1: out-of-line content needs a summary.
  var needsSummary: Bool {
    if case .outOfLine = content { return true }
    return false
  }

  init(_ entry: Entry) {
    fallbackSummary = entry.text.flatMap { PlainText.headline($0, maxLength: 300) }
    var outOfLine: Content?
    for body in entry.content {
      if let src = body.src {
        if outOfLine == nil, let clean = IRI.absolute(src) {
          outOfLine = .outOfLine(type: AtomBody.mediaType(of: body.type), src: clean)
        }
        continue
      }
      guard !body.value.isEmpty else { continue }
      switch body.type {
      case "html", "xhtml":
        content = .inline(type: "html", value: body.value, language: body.language, base: body.base)
        return
      case "text":
        content = .inline(type: "text", value: body.value, language: body.language, base: nil)
        return
      default:
        continue  // other media inline (base64 and the like): the plain text stands in below
      }
    }
    if let outOfLine {
      content = outOfLine
      return
    }
    // No body of its own: the plain text, unless the summary already says it and a link
    // leads to the full article.
    let hasSummary = entry.summary.map { !$0.value.isEmpty } ?? false
    let hasLink = entry.link.flatMap { IRI.absolute($0) } != nil
    if let text = entry.text, !text.isEmpty, !(hasSummary && hasLink) {
      content = .inline(type: "text", value: text, language: nil, base: nil)
    }
  }

  static func mediaType(of type: String) -> String {
    switch type {
    case "html": return "text/html"
    case "xhtml": return "application/xhtml+xml"
    case "text": return "text/plain"
    default: return MediaType.clean(type) ?? "text/html"
    }
  }
}

@inline(__always) func isLetter(_ byte: UInt8) -> Bool {
  (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}

@inline(__always) func isAlphanumeric(_ byte: UInt8) -> Bool {
  isLetter(byte) || (byte >= 0x30 && byte <= 0x39)
}
