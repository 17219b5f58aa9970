import FeedloomModel

/// Plain text from the values entries carry, for outputs that hold no markup (CSV cells, Atom
/// attributes, stand-in titles). Works on UTF-8 bytes in one pass.
enum PlainText {
  /// `value` without surrounding white space.
  static func trimmed(_ value: String) -> String {
    let bytes = value.utf8
    guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = bytes.lastIndex(where: { !isSpace($0) })!
    return String(value[first...last])
  }

  /// White space runs (line breaks included) folded to one space, control characters dropped,
  /// trimmed.
  static func singleLine(_ value: String) -> String {
    var out = [UInt8]()
    out.reserveCapacity(value.utf8.count)
    appendFolded(value.utf8, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// The plain text of a `Text` (markup removed for html and xhtml), on one line.
  static func of(_ text: Text) -> String {
    text.type == .text ? singleLine(text.value) : fromHTML(text.value)
  }

  /// The text of an HTML fragment on one line: tags removed (script and style with their
  /// content), character references decoded, white space folded.
  static func fromHTML(_ html: String) -> String {
    let bytes = Array(html.utf8)
    var text = [UInt8]()
    text.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "<") {
        index = skipMarkup(bytes, from: index, into: &text)
      } else if byte == UInt8(ascii: "&") {
        index = decodeReference(bytes, from: index, into: &text)
      } else {
        text.append(byte)
        index += 1
      }
    }
    var out = [UInt8]()
    out.reserveCapacity(text.count)
    appendFolded(String(decoding: text, as: UTF8.self).utf8, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `text` with character references (`&amp;`, `&#39;`, `&eacute;`…) decoded; markup kept.
  static func decodeReferences(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "&") {
        index = decodeReference(bytes, from: index, into: &out)
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The first line of `text`, folded, cut at a word boundary to `maxLength` characters with an
  /// ellipsis; nil when there is no text.
  static func headline(_ text: String, maxLength: Int) -> String? {
    let firstLine = text.split(whereSeparator: { $0 == "\n" }).first { line in
      line.contains { !$0.isWhitespace }
    }
    guard let firstLine else { return nil }
    let folded = singleLine(String(firstLine))
    guard !folded.isEmpty else { return nil }
    return truncated(folded, maxLength: maxLength)
  }

  /// `value` cut at a word boundary to at most `maxLength` characters (ellipsis included).
  static func truncated(_ value: String, maxLength: Int) -> String {
    guard value.count > maxLength else { return value }
    let head = value.prefix(maxLength - 1)
    if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > maxLength / 2 {
      return String(head[..<space]) + "…"
    }
    return String(head) + "…"
  }

  // MARK: - Bytes

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }

  /// Appends `bytes` with white space (including U+00A0 and U+2028/2029) folded to single
  /// spaces, controls (C0, DEL, C1) dropped, and no space at either end.
  private static func appendFolded(_ bytes: String.UTF8View, to out: inout [UInt8]) {
    var pendingSpace = false
    var iterator = bytes.makeIterator()
    var lookahead: UInt8? = nil
    func next() -> UInt8? {
      if let byte = lookahead { lookahead = nil; return byte }
      return iterator.next()
    }
    func emit(_ byte: UInt8) {
      if pendingSpace && !out.isEmpty { out.append(0x20) }
      pendingSpace = false
      out.append(byte)
    }
    while let byte = next() {
      switch byte {
      case 0x09...0x0D, 0x20: pendingSpace = true
      case 0x00..<0x20, 0x7F: continue
      case 0xC2:
        guard let second = next() else { return }
        if second == 0xA0 { pendingSpace = true } else if second < 0xA0 { continue } else {
          emit(byte); out.append(second)
        }
      case 0xE2:
        guard let second = next() else { return }
        guard let third = next() else { return }
        if second == 0x80 && (third == 0xA8 || third == 0xA9) { pendingSpace = true } else {
          emit(byte); out.append(second); out.append(third)
        }
      default:
        emit(byte)
      }
    }
  }

  private static let blockTags: Set<String> = [
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
  ]
  private static let rawTextTags: Set<String> = ["script", "style", "template", "textarea", "title"]

  /// Skips a tag, comment or declaration starting at `start` (`<`); block tags leave a space.
  /// Returns the index after it. A `<` that starts no markup is kept as text.
  private static func skipMarkup(_ bytes: [UInt8], from start: Int, into text: inout [UInt8]) -> Int {
    var index = start + 1
    if index + 2 < bytes.count, bytes[index] == UInt8(ascii: "!"), bytes[index + 1] == UInt8(ascii: "-"),
      bytes[index + 2] == UInt8(ascii: "-")
    {
      return find(Array("-->".utf8), in: bytes, from: index + 3).map { $0 + 3 } ?? bytes.count
    }
    let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
    if closing { index += 1 }
    let nameStart = index
    while index < bytes.count, isAlphanumeric(bytes[index]) { index += 1 }
    let isDeclaration = !closing && index == nameStart && index < bytes.count
      && (bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "?"))
    if index == nameStart && !isDeclaration {
      text.append(UInt8(ascii: "<"))
      return start + 1
    }
    let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
    // To the end of the tag, past quoted attribute values.
    var quote: UInt8? = nil
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: ">") {
        break
      }
      index += 1
    }
    index = min(index + 1, bytes.count)
    if blockTags.contains(name) { text.append(0x20) }
    if !closing && rawTextTags.contains(name) {
      let end = find(Array("</\(name)".utf8), in: bytes, from: index, caseInsensitive: true) ?? bytes.count
      guard end < bytes.count else { return bytes.count }
      var after = end
      while after < bytes.count, bytes[after] != UInt8(ascii: ">") { after += 1 }
      return min(after + 1, bytes.count)
    }
    return index
  }

  private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, caseInsensitive: Bool = false)
    -> Int?
  {
    guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
    func fold(_ byte: UInt8) -> UInt8 { caseInsensitive && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    var index = start
    while index <= bytes.count - needle.count {
      var matched = true
      for offset in 0..<needle.count where fold(bytes[index + offset]) != fold(needle[offset]) {
        matched = false
        break
      }
      if matched { return index }
      index += 1
    }
    return nil
  }

  /// The characters sanitised HTML and feed text commonly spell as named references.
  private static let namedReferences: [String: Unicode.Scalar] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "lsquo": "\u{2018}",
    "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
    "bdquo": "\u{201E}", "laquo": "\u{AB}", "raquo": "\u{BB}", "copy": "\u{A9}", "reg": "\u{AE}",
    "trade": "\u{2122}", "deg": "\u{B0}", "middot": "\u{B7}", "bull": "\u{2022}", "euro": "\u{20AC}",
    "pound": "\u{A3}", "yen": "\u{A5}", "cent": "\u{A2}", "sect": "\u{A7}", "para": "\u{B6}",
    "times": "\u{D7}", "divide": "\u{F7}", "shy": "\u{AD}", "thinsp": "\u{2009}", "ensp": "\u{2002}",
    "emsp": "\u{2003}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
  ]

  /// Decodes `&name;`, `&#123;` or `&#x7B;` at `start`; anything else is kept literally.
  private static func decodeReference(_ bytes: [UInt8], from start: Int, into text: inout [UInt8]) -> Int {
    var end = start + 1
    while end < bytes.count, end - start <= 32, bytes[end] != UInt8(ascii: ";"),
      isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "#")
    {
      end += 1
    }
    guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else {
      text.append(UInt8(ascii: "&"))
      return start + 1
    }
    let body = bytes[(start + 1)..<end]
    var scalar: Unicode.Scalar?
    if body.first == UInt8(ascii: "#") {
      let digits = body.dropFirst()
      let hex = digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X")
      let number = String(decoding: hex ? digits.dropFirst() : digits, as: UTF8.self)
      if let value = UInt32(number, radix: hex ? 16 : 10) {
        scalar = Unicode.Scalar(value == 0 ? 0xFFFD : value) ?? Unicode.Scalar(0xFFFD)
      }
    } else {
      scalar = namedReferences[String(decoding: body, as: UTF8.self)]
    }
    guard let scalar else {
      text.append(UInt8(ascii: "&"))
      return start + 1
    }
    UTF8.encode(scalar) { text.append($0) }
    return end + 1
  }
}
