/// Makes the URLs inside an HTML value valid IRI references before it goes into the feed.
///
/// Content arrives sanitised, but a reader of the feed resolves every `href`/`src` itself, and
/// one malformed URL (`http://example.com]`) is enough for strict clients to reject the feed.
/// Each URL attribute is percent-encoded where an IRI cannot hold a character; an http(s) URL
/// without a valid host, or a relative URL with no base to resolve against, loses the
/// attribute. Everything else is copied byte for byte.
enum HTMLURLGuard {
  /// The attributes whose values are URLs (as the Atom validators scan them).
  static let urlAttributes: Set<String> = ["href", "src", "cite", "poster", "action", "data", "srcset"]

  /// `html` with its URL attributes repaired; `hasBase` says whether relative URLs resolve.
  static func clean(_ html: String, hasBase: Bool) -> String {
    let bytes = Array(html.utf8)
    guard bytes.contains(UInt8(ascii: "=")) else { return html }
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var changed = false
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == UInt8(ascii: "<"), index + 1 < bytes.count, isLetter(bytes[index + 1]) else {
        out.append(byte)
        index += 1
        continue
      }
      index = copyTag(bytes, from: index, into: &out, hasBase: hasBase, changed: &changed)
    }
    return changed ? String(decoding: out, as: UTF8.self) : html
  }

  /// Copies the start tag at `start`, repairing URL attributes; returns the index after it.
  private static func copyTag(
    _ bytes: [UInt8], from start: Int, into out: inout [UInt8], hasBase: Bool, changed: inout Bool
  ) -> Int {
    var index = start + 1
    while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
    out.append(contentsOf: bytes[start..<index])
    while index < bytes.count {
      let attributeStart = index
      while index < bytes.count, isSpace(bytes[index]) { index += 1 }
      guard index < bytes.count else { break }
      if bytes[index] == UInt8(ascii: ">") || bytes[index] == UInt8(ascii: "/") {
        out.append(contentsOf: bytes[attributeStart...index])
        index += 1
        if bytes[index - 1] == UInt8(ascii: ">") { return index }
        continue
      }
      let nameStart = index
      while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
        bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/")
      {
        index += 1
      }
      let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
      var valueEnd = index
      while valueEnd < bytes.count, isSpace(bytes[valueEnd]) { valueEnd += 1 }
      guard valueEnd < bytes.count, bytes[valueEnd] == UInt8(ascii: "=") else {
        out.append(contentsOf: bytes[attributeStart..<index])  // an attribute without a value
        continue
      }
      valueEnd += 1
      while valueEnd < bytes.count, isSpace(bytes[valueEnd]) { valueEnd += 1 }
      var valueStart = valueEnd
      var rawEnd: Int
      if valueEnd < bytes.count, bytes[valueEnd] == UInt8(ascii: "\"") || bytes[valueEnd] == UInt8(ascii: "'") {
        let quote = bytes[valueEnd]
        valueStart = valueEnd + 1
        rawEnd = valueStart
        while rawEnd < bytes.count, bytes[rawEnd] != quote { rawEnd += 1 }
        valueEnd = min(rawEnd + 1, bytes.count)
      } else {
        rawEnd = valueEnd
        while rawEnd < bytes.count, !isSpace(bytes[rawEnd]), bytes[rawEnd] != UInt8(ascii: ">") { rawEnd += 1 }
        valueEnd = rawEnd
      }
      guard urlAttributes.contains(name) else {
        out.append(contentsOf: bytes[attributeStart..<valueEnd])
        index = valueEnd
        continue
      }
      let value = decodeReferences(bytes[valueStart..<min(rawEnd, bytes.count)])
      let repaired = name == "srcset" ? repairSourceSet(value, hasBase: hasBase) : repair(value, hasBase: hasBase)
      if let repaired, repaired == value {
        out.append(contentsOf: bytes[attributeStart..<valueEnd])
      } else {
        changed = true
        if let repaired {
          out.append(0x20)
          out.append(contentsOf: name.utf8)
          out.append(contentsOf: "=\"".utf8)
          XMLWriter.appendEscaped(repaired, inAttribute: true, to: &out)
          out.append(UInt8(ascii: "\""))
        }
      }
      index = valueEnd
    }
    return index
  }

  /// The URL as a valid IRI reference, or nil when it must go.
  static func repair(_ value: String, hasBase: Bool) -> String? {
    let trimmed = PlainText.trimmed(value)
    if trimmed.isEmpty || trimmed.hasPrefix("#") { return value }
    let encoded = String(decoding: IRI.percentEncodeForbidden(Array(trimmed.utf8)), as: UTF8.self)
    let lower = encoded.lowercased()
    if lower.hasPrefix("http:") || lower.hasPrefix("https:") {
      return IRI.absolute(encoded, schemes: ["http", "https"])
    }
    if let scheme = IRI.scheme(of: encoded) {
      return ["javascript", "vbscript", "livescript"].contains(scheme) ? nil : encoded
    }
    if encoded.hasPrefix("//") { return encoded }
    return hasBase ? encoded : nil
  }

  private static func repairSourceSet(_ value: String, hasBase: Bool) -> String? {
    var candidates: [String] = []
    for candidate in value.split(separator: ",") {
      let parts = candidate.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
      guard let url = parts.first else { continue }
      guard let repaired = repair(String(url), hasBase: hasBase) else { return nil }
      candidates.append(([repaired] + parts.dropFirst().map(String.init)).joined(separator: " "))
    }
    let joined = candidates.joined(separator: ", ")
    return joined == value ? value : joined
  }

  /// Attribute text with `&amp;`, `&quot;`, `&#39;` and other references decoded.
  private static func decodeReferences(_ raw: ArraySlice<UInt8>) -> String {
    let text = String(decoding: raw, as: UTF8.self)
    return text.contains("&") ? PlainText.decodeReferences(text) : text
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
  }
}
