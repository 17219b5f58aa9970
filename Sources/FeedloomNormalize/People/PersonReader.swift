import FeedloomModel

/// Splits the free-text person strings of RSS and Dublin Core (`managingEditor`, `webMaster`,
/// `author`, `dc:creator`, `dc:publisher`) into name and email, as feedparser does.
///
/// Recognised: `John Doe (jdoe@example.com)`, `jdoe@example.com (John Doe)`,
/// `John Doe <jdoe@example.com>`, `"John Doe" <jdoe@example.com>`, a bare email, a bare name,
/// `mailto:` before the email. White space is folded. The email is the first run that looks
/// like `local@domain.tld` (or `local@[1.2.3.4]`); what is left, without the brackets and
/// quotes that held the parts, is the name. Entity decoding is the caller's job.
public enum PersonReader {
  /// The person `text` names; `Person()` (empty) when the text is blank.
  public static func parse(_ text: String) -> Person {
    isPlainName(text) ? Person(name: text) : fullReading(text)
  }

  /// `parse` without the shortcut for plain names.
  static func fullReading(_ text: String) -> Person {
    // Unicode white space needs the full fold; plain ASCII (nearly every feed) folds on bytes.
    let isASCII = text.utf8.withContiguousStorageIfAvailable { !$0.contains { $0 >= 0x80 } }
      ?? !text.utf8.contains { $0 >= 0x80 }
    let bytes = isASCII ? asciiFolded(text.utf8) : Array(Whitespace.fold(text).utf8)
    guard !bytes.isEmpty else { return Person() }
    guard let email = findEmail(in: bytes) else {
      return Person(name: cleanName(bytes))
    }
    var start = email.lowerBound
    // mailto:jdoe@example.com → drop the scheme along with the address.
    let mailto = PersonReader.mailto
    if start >= mailto.count,
      bytes[(start - mailto.count)..<start].elementsEqual(mailto, by: { ($0 | 0x20) == $1 })
    {
      start -= mailto.count
    }
    var rest = Array(bytes[..<start])
    rest.append(contentsOf: bytes[email.upperBound...])
    let address = String(decoding: bytes[email], as: UTF8.self)
    return Person(name: cleanName(rest), email: address)
  }

  private static let mailto: [UInt8] = Array("mailto:".utf8)

  /// Whether `text` is its own name (most `dc:creator` values): ASCII, white space folded
  /// already (single spaces between other bytes), and none of the bytes that mark an email
  /// (`@`), a bracket pair or quotes to strip, or trailing punctuation (`,;:-`). Such a name
  /// comes out of the full reading unchanged, so it is kept as it is: no copies, no String.
  static func isPlainName(_ text: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes in
      var previousSpace = true  // a leading space is not folded
      for b in bytes {
        switch b {
        case 0x20:
          if previousSpace { return false }
          previousSpace = true
        case 0x00..<0x20, 0x80...,
          UInt8(ascii: "@"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"),
          UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""),
          UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
          UInt8(ascii: "-"):
          return false
        default:
          previousSpace = false
        }
      }
      return !previousSpace
    } ?? false
  }

  /// The name left once the email is gone: empty `()`/`<>`/`[]` pairs, one wrapping pair of
  /// brackets and surrounding quotes removed, white space folded.
  static func cleanName(_ bytes: [UInt8]) -> String? {
    var s = bytes
    let pairs: [(UInt8, UInt8)] = [(0x28, 0x29), (0x3C, 0x3E), (0x5B, 0x5D)]  // () <> []
    for (open, close) in pairs {
      s = removingEmptyPairs(s, open: open, close: close)
    }
    s = asciiFolded(s)
    // feedparser: strip one leading "(" and one trailing ")" (the "email (Name)" shape).
    if s.first == UInt8(ascii: "(") { s.removeFirst() }
    if s.last == UInt8(ascii: ")") && !s.contains(UInt8(ascii: "(")) { s.removeLast() }
    s = asciiFolded(s)
    for quote in [UInt8(ascii: "\""), UInt8(ascii: "'")]
    where s.count >= 2 && s.first == quote && s.last == quote {
      s = asciiFolded(s[1..<(s.count - 1)])
    }
    while let last = s.last,
      last == UInt8(ascii: ",") || last == UInt8(ascii: ";") || last == UInt8(ascii: ":")
        || last == UInt8(ascii: "-")
    {
      s = asciiFolded(s.dropLast())
    }
    return s.isEmpty ? nil : String(decoding: s, as: UTF8.self)
  }

  /// Runs of ASCII white space collapsed to one space, both ends trimmed.
  static func asciiFolded<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var pendingSpace = false
    for b in bytes {
      if isSpace(b) {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(0x20) }
        pendingSpace = false
        out.append(b)
      }
    }
    return out
  }

  /// Removes `open` `close` pairs holding only white space.
  private static func removingEmptyPairs(_ s: [UInt8], open: UInt8, close: UInt8) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      if s[i] == open {
        var j = i + 1
        while j < s.count, s[j] == 0x20 { j += 1 }
        if j < s.count, s[j] == close {
          i = j + 1
          continue
        }
      }
      out.append(s[i])
      i += 1
    }
    return out
  }

  /// The byte range of the first plausible email address.
  static func findEmail(in s: [UInt8]) -> Range<Int>? {
    var at = 0
    while at < s.count {
      guard let index = s[at...].firstIndex(of: UInt8(ascii: "@")) else { return nil }
      at = index + 1
      var start = index
      while start > 0, isLocalPartByte(s[start - 1]) { start -= 1 }
      // Never let the local part start or end with a dot.
      while start < index, s[start] == UInt8(ascii: ".") { start += 1 }
      guard start < index, s[index - 1] != UInt8(ascii: ".") else { continue }
      if let end = domainEnd(in: s, from: index + 1) { return start..<end }
    }
    return nil
  }

  private static func isLocalPartByte(_ b: UInt8) -> Bool {
    isLetter(b) || isDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
      || b == UInt8(ascii: ".") || b == UInt8(ascii: "+")
  }

  /// Where a domain starting at `start` ends: labels joined by dots and a top-level label of two
  /// or more letters, or an IPv4 literal in brackets.
  private static func domainEnd(in s: [UInt8], from start: Int) -> Int? {
    if start < s.count, s[start] == UInt8(ascii: "[") {
      var i = start + 1
      while i < s.count, isDigit(s[i]) || s[i] == UInt8(ascii: ".") { i += 1 }
      guard i < s.count, s[i] == UInt8(ascii: "]"), i > start + 1 else { return nil }
      return i + 1
    }
    var i = start
    var lastLabelStart = start
    var labels = 0
    while true {
      let labelStart = i
      while i < s.count, isLetter(s[i]) || isDigit(s[i]) || s[i] == UInt8(ascii: "-") { i += 1 }
      guard i > labelStart else { break }
      labels += 1
      lastLabelStart = labelStart
      guard i + 1 < s.count, s[i] == UInt8(ascii: "."), isLetter(s[i + 1]) || isDigit(s[i + 1]) else {
        break
      }
      i += 1
    }
    guard labels >= 2 else { return nil }
    let tld = s[lastLabelStart..<i]
    guard tld.count >= 2, tld.allSatisfy(isLetter) else { return nil }
    return i
  }
}
