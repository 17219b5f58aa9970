// MARK: - Value types shared by every input kind (spec: shared/spec/normalised-json.md)

/// A date as read from a source: the instant (when it could be read) and the text as written.
public struct Stamp: Sendable, Hashable, Codable {
  /// The instant, UTC. `nil` when the source text could not be read as a date.
  public var date: DateTime?
  /// The date exactly as the source wrote it, surrounding white space trimmed.
  public var text: String?

  public init(date: DateTime?, text: String? = nil) {
    self.date = date
    self.text = text
  }
}

/// How a `Text` value is to be read.
public enum TextType: String, Sendable, Hashable, Codable {
  /// Plain text: no markup, no entities (`AT&T`).
  case text
  /// Sanitised, canonical HTML with absolute URLs.
  case html
  /// Sanitised, canonical XHTML (Atom `type="xhtml"`: the markup inside the wrapping div).
  case xhtml
}

/// A human-readable construct: titles, summaries, rights.
public struct Text: Sendable, Hashable, Codable {
  public var type: TextType
  public var value: String
  public var language: String?
  public var base: String?

  public init(type: TextType = .text, value: String, language: String? = nil, base: String? = nil) {
    self.type = type
    self.value = value
    self.language = language
    self.base = base
  }

  public static func plain(_ value: String) -> Text { Text(type: .text, value: value) }
}

/// An entry body. `type` is `text`, `html`, `xhtml`, or a MIME type for other media.
public struct Content: Sendable, Hashable, Codable {
  public var type: String
  public var value: String
  public var language: String?
  public var base: String?
  /// Out-of-line Atom content (`<content src="…">`), absolute.
  public var src: String?

  public init(
    type: String = "html", value: String, language: String? = nil, base: String? = nil,
    src: String? = nil
  ) {
    self.type = type
    self.value = value
    self.language = language
    self.base = base
    self.src = src
  }

  /// The body as a `Text` when it is text, html or xhtml.
  public var asText: Text? {
    guard let t = TextType(rawValue: type) else { return nil }
    return Text(type: t, value: value, language: language, base: base)
  }
}

public struct Link: Sendable, Hashable, Codable {
  /// Absolute URL.
  public var href: String
  /// Defaults to `alternate`.
  public var rel: String
  public var type: String?
  public var title: String?
  public var hreflang: String?
  public var length: Int?

  public init(
    href: String, rel: String = "alternate", type: String? = nil, title: String? = nil,
    hreflang: String? = nil, length: Int? = nil
  ) {
    self.href = href
    self.rel = rel
    self.type = type
    self.title = title
    self.hreflang = hreflang
    self.length = length
  }
}

public struct Person: Sendable, Hashable, Codable {
  public var name: String?
  public var email: String?
  public var uri: String?

  public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
    self.name = name
    self.email = email
    self.uri = uri
  }

  public var isEmpty: Bool { name == nil && email == nil && uri == nil }

  /// `Name (email)` as feedparser and RSS write it; the name alone when there is no email.
  public var displayString: String {
    switch (name, email) {
    case let (n?, e?): return "\(n) (\(e))"
    case let (n?, nil): return n
    case let (nil, e?): return e
    default: return uri ?? ""
    }
  }
}

public struct Category: Sendable, Hashable, Codable {
  public var term: String?
  public var scheme: String?
  public var label: String?

  public init(term: String? = nil, scheme: String? = nil, label: String? = nil) {
    self.term = term
    self.scheme = scheme
    self.label = label
  }
}

public struct Enclosure: Sendable, Hashable, Codable {
  public var href: String
  public var type: String?
  public var length: Int?

  public init(href: String, type: String? = nil, length: Int? = nil) {
    self.href = href
    self.type = type
    self.length = length
  }
}

public struct Generator: Sendable, Hashable, Codable {
  public var name: String?
  public var uri: String?
  public var version: String?

  public init(name: String? = nil, uri: String? = nil, version: String? = nil) {
    self.name = name
    self.uri = uri
    self.version = version
  }
}

/// RSS `<image>`.
public struct FeedImage: Sendable, Hashable, Codable {
  public var href: String?
  public var title: String?
  public var link: String?
  public var width: Int?
  public var height: Int?
  public var description: String?

  public init(
    href: String? = nil, title: String? = nil, link: String? = nil, width: Int? = nil,
    height: Int? = nil, description: String? = nil
  ) {
    self.href = href
    self.title = title
    self.link = link
    self.width = width
    self.height = height
    self.description = description
  }
}
