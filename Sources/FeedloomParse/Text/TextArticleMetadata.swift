/// What is known about a text article besides its text: from a sidecar `NAME.meta.json` next to
/// the file, or from the source's settings in config.json. Every key is optional; a value given
/// here wins over what the text rules would read.
public struct TextArticleMetadata: Sendable, Hashable {
  /// The article's URL (`url`): the entry's `link`, and the base for relative links.
  public var url: String?
  /// `title`: the headline, when known.
  public var title: String?
  /// `authors`: a string or a list of strings.
  public var authors: [String]
  /// `published` / `updated`: a date in ISO 8601 or any prose form the text reader reads.
  public var published: String?
  public var updated: String?
  /// `publisher`: the site or publication name.
  public var publisher: String?
  /// `language`: a BCP 47 tag (`en`, `de-CH`).
  public var language: String?
  /// `timezone`: the zone times without a zone are read in: `UTC`, `GMT`, an abbreviation
  /// (`CET`, `EST`) or a fixed offset (`+01:00`, `-0500`). Without it such times are UTC.
  public var timezone: String?
  /// `dateOrder`: `"mdy"` where the source writes 3/4/2022 for March 4; `"dmy"` (the default)
  /// otherwise.
  public var dateOrder: String?
  /// `boilerplate`: extra whole lines this source repeats that are never article text.
  public var boilerplate: [String]

  public init(
    url: String? = nil, title: String? = nil, authors: [String] = [], published: String? = nil,
    updated: String? = nil, publisher: String? = nil, language: String? = nil,
    timezone: String? = nil, dateOrder: String? = nil, boilerplate: [String] = []
  ) {
    self.url = url
    self.title = title
    self.authors = authors
    self.published = published
    self.updated = updated
    self.publisher = publisher
    self.language = language
    self.timezone = timezone
    self.dateOrder = dateOrder
    self.boilerplate = boilerplate
  }

  /// Fills the keys `self` leaves unset from `other` (a sidecar over the source's settings).
  public func merged(over other: TextArticleMetadata) -> TextArticleMetadata {
    TextArticleMetadata(
      url: url ?? other.url, title: title ?? other.title,
      authors: authors.isEmpty ? other.authors : authors, published: published ?? other.published,
      updated: updated ?? other.updated, publisher: publisher ?? other.publisher,
      language: language ?? other.language, timezone: timezone ?? other.timezone,
      dateOrder: dateOrder ?? other.dateOrder, boilerplate: boilerplate + other.boilerplate)
  }

  /// The zone offset `timezone` names, in seconds east of UTC; nil when unset or unreadable.
  var timezoneOffset: Int? {
    guard let zone = timezone else { return nil }
    let tokens = ProseDateReader.tokenize(Array(zone.unicodeScalars)).filter { $0.kind != .space }
      .map { token -> ProseDateReader.Token in
        var t = token
        if t.kind == .word { t.text = t.text.lowercased() }
        return t
      }
    guard !tokens.isEmpty, let found = ProseDateReader.zoneAt(0, tokens), found.next == tokens.count else {
      return nil
    }
    return found.offset
  }

  /// Reads a sidecar's JSON object. Unknown keys are ignored; a value of the wrong type is an error.
  static func parse(json bytes: [UInt8]) -> Result<TextArticleMetadata, SidecarError> {
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    guard let document = JSONValue.parse(hasBOM ? Array(bytes[3...]) : bytes) else {
      return .failure(SidecarError(message: "not valid JSON"))
    }
    guard let object = document.object else {
      return .failure(SidecarError(message: "must be a JSON object"))
    }
    var meta = TextArticleMetadata()
    var wrongType: String?
    func string(_ key: String) -> String? {
      switch object[key] {
      case nil, .null?: return nil
      case .string(let s)?: return s
      default:
        wrongType = "\"\(key)\" must be a string"
        return nil
      }
    }
    func strings(_ key: String) -> [String] {
      switch object[key] {
      case nil, .null?: return []
      case .string(let s)?: return [s]
      case .array(let list)? where list.allSatisfy({ $0.string != nil }): return list.compactMap(\.string)
      default:
        wrongType = "\"\(key)\" must be a string or a list of strings"
        return []
      }
    }
    meta.url = string("url") ?? string("link")
    meta.title = string("title")
    meta.authors = strings("authors") + strings("author")
    meta.published = string("published") ?? string("date")
    meta.updated = string("updated")
    meta.publisher = string("publisher") ?? string("site")
    meta.language = string("language")
    meta.timezone = string("timezone")
    meta.dateOrder = string("dateOrder")
    meta.boilerplate = strings("boilerplate")
    if let wrongType { return .failure(SidecarError(message: wrongType)) }
    return .success(meta)
  }
}

struct SidecarError: Error, Equatable {
  var message: String
}
