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
    var parser = FlatJSONParser(bytes: bytes)
    let object: [String: FlatJSONParser.Value]
    do throws(SidecarError) { object = try parser.parseObject() } catch { return .failure(error) }
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
      case .strings(let list)?: return list
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

/// Just enough JSON for a sidecar: one object whose values are strings, lists of strings,
/// numbers, booleans or null (nested objects are skipped).
struct FlatJSONParser {
  enum Value: Equatable {
    case string(String)
    case strings([String])
    case other
    case null
  }

  var bytes: [UInt8]
  var i = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
  }

  mutating func skipSpace() {
    while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) {
      i += 1
    }
  }

  mutating func expect(_ c: UInt8) throws(SidecarError) {
    skipSpace()
    guard i < bytes.count && bytes[i] == c else {
      throw SidecarError(message: "expected '\(Character(Unicode.Scalar(c)))' at byte \(i)")
    }
    i += 1
  }

  mutating func parseObject() throws(SidecarError) -> [String: Value] {
    try expect(UInt8(ascii: "{"))
    var out: [String: Value] = [:]
    skipSpace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
      i += 1
      return out
    }
    while true {
      skipSpace()
      let key = try parseString()
      try expect(UInt8(ascii: ":"))
      out[key] = try parseValue(depth: 0)
      skipSpace()
      guard i < bytes.count else { throw SidecarError(message: "unterminated object") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "}") {
        i += 1
        return out
      }
      throw SidecarError(message: "expected ',' or '}' at byte \(i)")
    }
  }

  mutating func parseValue(depth: Int) throws(SidecarError) -> Value {
    guard depth < 32 else { throw SidecarError(message: "nested too deeply") }
    skipSpace()
    guard i < bytes.count else { throw SidecarError(message: "missing value") }
    switch bytes[i] {
    case UInt8(ascii: "\""):
      return .string(try parseString())
    case UInt8(ascii: "["):
      i += 1
      var list: [String] = []
      var allStrings = true
      skipSpace()
      if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
        i += 1
        return .strings([])
      }
      while true {
        let v = try parseValue(depth: depth + 1)
        if case .string(let s) = v { list.append(s) } else { allStrings = false }
        skipSpace()
        guard i < bytes.count else { throw SidecarError(message: "unterminated list") }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        if bytes[i] == UInt8(ascii: "]") {
          i += 1
          break
        }
        throw SidecarError(message: "expected ',' or ']' at byte \(i)")
      }
      return allStrings ? .strings(list) : .other
    case UInt8(ascii: "{"):
      var depthCount = 0
      var inString = false
      while i < bytes.count {
        let b = bytes[i]
        if inString {
          if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inString = false }
        } else if b == UInt8(ascii: "\"") {
          inString = true
        } else if b == UInt8(ascii: "{") {
          depthCount += 1
        } else if b == UInt8(ascii: "}") {
          depthCount -= 1
          if depthCount == 0 {
            i += 1
            return .other
          }
        }
        i += 1
      }
      throw SidecarError(message: "unterminated object")
    default:
      let start = i
      while i < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) {
        i += 1
      }
      let word = String(decoding: bytes[start..<i], as: UTF8.self)
      if word == "null" { return .null }
      if word == "true" || word == "false" || Double(word) != nil { return .other }
      throw SidecarError(message: "unreadable value '\(word)' at byte \(start)")
    }
  }

  mutating func parseString() throws(SidecarError) -> String {
    skipSpace()
    guard i < bytes.count && bytes[i] == UInt8(ascii: "\"") else {
      throw SidecarError(message: "expected a string at byte \(i)")
    }
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b == UInt8(ascii: "\\") {
        i += 1
        guard i < bytes.count else { break }
        let e = bytes[i]
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
          guard i + 4 < bytes.count, var code = hex4(i + 1) else {
            throw SidecarError(message: "bad \\u escape at byte \(i)")
          }
          i += 4
          if code >= 0xD800 && code <= 0xDBFF, i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"),
            bytes[i + 2] == UInt8(ascii: "u"), let low = hex4(i + 3), low >= 0xDC00 && low <= 0xDFFF
          {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            i += 6
          }
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(scalar).utf8))
        default: out.append(e)
        }
        i += 1
        continue
      }
      out.append(b)
      i += 1
    }
    throw SidecarError(message: "unterminated string")
  }

  func hex4(_ at: Int) -> UInt32? {
    var v: UInt32 = 0
    for k in at..<(at + 4) {
      let b = bytes[k]
      let d: UInt32
      switch b {
      case 0x30...0x39: d = UInt32(b - 0x30)
      case 0x41...0x46: d = UInt32(b - 0x41 + 10)
      case 0x61...0x66: d = UInt32(b - 0x61 + 10)
      default: return nil
      }
      v = v << 4 | d
    }
    return v
  }
}
