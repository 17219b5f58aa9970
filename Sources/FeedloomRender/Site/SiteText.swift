import FeedloomModel

// MARK: - Small text tools the site needs: slugs, plain text from sanitised HTML, safe URLs.

enum SiteText {
  /// A lower-case ASCII slug (`a-z`, `0-9`, `-`) of at most `maxLength` bytes, cut at a
  /// hyphen when it can be. Latin letters with diacritics keep their base letter; every other
  /// character becomes a separator. Empty when nothing usable is left.
  static func slug(_ text: String, maxLength: Int = 60) -> String {
    var out = [UInt8]()
    out.reserveCapacity(min(text.utf8.count, maxLength + 8))
    var pendingHyphen = false
    for scalar in text.unicodeScalars {
      guard let ascii = asciiFold(scalar) else {
        pendingHyphen = !out.isEmpty
        continue
      }
      if pendingHyphen {
        out.append(UInt8(ascii: "-"))
        pendingHyphen = false
      }
      out.append(ascii)
      if out.count >= maxLength + 8 { break }
    }
    if out.count > maxLength {
      let cut = out[..<maxLength].lastIndex(of: UInt8(ascii: "-")) ?? maxLength
      out.removeSubrange((cut > maxLength / 2 ? cut : maxLength)...)
      while out.last == UInt8(ascii: "-") { out.removeLast() }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The lower-case ASCII letter or digit a scalar stands for, `nil` for separators.
  private static func asciiFold(_ scalar: Unicode.Scalar) -> UInt8? {
    let v = scalar.value
    switch v {
    case 0x30...0x39, 0x61...0x7A: return UInt8(v)
    case 0x41...0x5A: return UInt8(v + 0x20)
    case 0xC0...0x24F:
      if let folded = latinFold[scalar] { return folded }
      return nil
    default: return nil
    }
  }

  /// Base letters of the Latin-1 and Latin Extended-A letters titles use most.
  private static let latinFold: [Unicode.Scalar: UInt8] = {
    let groups: [(String, Character)] = [
      ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćĈĉĊċČč", "c"), ("ĎďĐđ", "d"),
      ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"), ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"),
      ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĵĵ", "j"), ("Ķķ", "k"), ("ĹĺĻļĽľĿŀŁł", "l"),
      ("ÑñŃńŅņŇň", "n"), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("ŔŕŖŗŘř", "r"),
      ("ŚśŜŝŞşŠšß", "s"), ("ŢţŤťŦŧ", "t"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"), ("Ŵŵ", "w"),
      ("ÝýÿŶŷŸ", "y"), ("ŹźŻżŽž", "z"), ("Ææ", "a"), ("Œœ", "o"), ("Þþ", "t"), ("Ðð", "d"),
    ]
    var table = [Unicode.Scalar: UInt8]()
    for (letters, base) in groups {
      for scalar in letters.unicodeScalars { table[scalar] = base.asciiValue! }
    }
    return table
  }()

  /// A short, stable hash of `text` (FNV-1a 64, six Crockford base-32 digits): the same key
  /// always gives the same suffix, on every machine and every build.
  static func shortHash(_ text: String, digits: Int = 6) -> String {
    var hash = fnv1a(text)
    let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    var out = [UInt8]()
    for _ in 0..<digits {
      out.append(alphabet[Int(hash & 31)])
      hash >>= 5
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// FNV-1a 64 of the UTF-8 bytes: tiny, fast and the same everywhere (unlike `hashValue`).
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// White space runs of `text` folded to one space and the ends trimmed, stopping after `maxScalars`
  /// scalars of output; `cut` tells whether text was left over. Reads only what it keeps, so
  /// an excerpt of a long article costs no more than one of a short note.
  private static func collapsedPrefix(_ text: String, maxScalars: Int) -> (text: String, cut: Bool) {
    var out = String.UnicodeScalarView()
    var count = 0
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if isSpace(scalar) {
        pendingSpace = count > 0
        continue
      }
      if count >= maxScalars { return (String(out), true) }
      if pendingSpace {
        out.append(" ")
        count += 1
        pendingSpace = false
      }
      out.append(scalar)
      count += 1
    }
    return (String(out), false)
  }

  /// White space as `Character.isWhitespace` sees it, with an ASCII fast path.
  @inline(__always)
  private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
    return scalar.properties.isWhitespace
  }

  /// At most about `limit` characters of `text`, cut at a word boundary, with an ellipsis when
  /// cut.
  static func excerpt(_ text: String, limit: Int) -> String {
    let (flat, wasCut) = collapsedPrefix(text, maxScalars: limit)
    guard wasCut else { return flat }
    var head = Substring(flat)
    if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > limit / 2 {
      head = head[..<space]
    } else if !head.isEmpty {
      head.removeLast()  // the cut may have split the last grapheme
    }
    while let last = head.last, last.isPunctuation || last == " " { head.removeLast() }
    return head + "…"
  }

  /// Paragraphs of plain text: blank lines separate them, other white space collapses.
  static func paragraphs(_ text: String) -> [String] {
    var result = [String]()
    var current = ""
    var newlines = 0
    for ch in text {
      if ch == "\n" || ch == "\r\n" || ch == "\r" {
        newlines += 1
        if newlines >= 2, !current.isEmpty {
          result.append(PlainText.singleLine(current))
          current = ""
        } else {
          current.append(" ")
        }
      } else {
        if !ch.isWhitespace { newlines = 0 }
        current.append(ch)
      }
    }
    let last = PlainText.singleLine(current)
    if !last.isEmpty { result.append(last) }
    return result.filter { !$0.isEmpty }
  }

  /// `url` when it is an absolute `http`/`https` URL a page may link to, else `nil`.
  /// Anything else (`javascript:`, `data:`, relative, with controls or quotes) is dropped
  /// even though the normaliser should already have done so.
  static func safeWebURL(_ url: String?) -> String? {
    guard let url else { return nil }
    let bytes = Array(url.utf8)
    guard bytes.count < 4096 else { return nil }
    for b in bytes where b <= 0x20 || b == 0x7F || b == UInt8(ascii: "\"") || b == UInt8(ascii: "<")
      || b == UInt8(ascii: ">") || b == UInt8(ascii: "`") || b == UInt8(ascii: "\\")
    {
      return nil
    }
    let lower = url.prefix(8).lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
    guard url.utf8.count > (lower.hasPrefix("https://") ? 8 : 7) else { return nil }
    return url
  }

  /// A `mailto:` URL for an address that looks like one, else `nil`.
  static func mailtoURL(_ email: String?) -> String? {
    guard let email, email.utf8.count < 320 else { return nil }
    let ok = email.utf8.allSatisfy { b in
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        || "@.-_+".utf8.contains(b)
    }
    guard ok, email.utf8.filter({ $0 == UInt8(ascii: "@") }).count == 1,
      let at = email.firstIndex(of: "@"), at != email.startIndex, email.index(after: at) != email.endIndex
    else { return nil }
    return "mailto:" + email
  }

  /// A well-formed BCP 47-ish tag (`en`, `en-GB`, `zh-Hant-TW`), `_` read as `-`; else `nil`.
  static func languageTag(_ raw: String?) -> String? {
    guard let raw else { return nil }
    let tag = raw.trimmingSpaces().replacingUnderscores()
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = parts.first, (2...3).contains(first.count),
      first.utf8.allSatisfy({ isASCIILetter($0) })
    else { return nil }
    for part in parts.dropFirst() {
      guard (1...8).contains(part.count),
        part.utf8.allSatisfy({ isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) })
      else { return nil }
    }
    return tag
  }

  private static func isASCIILetter(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
  }

  /// `1.2 MB` style size for enclosure lengths.
  static func byteSize(_ length: Int?) -> String? {
    guard let length, length > 0 else { return nil }
    let units = ["bytes", "KB", "MB", "GB", "TB"]
    var value = Double(length)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    if unit == 0 { return "\(length) bytes" }
    let tenths = Int((value * 10).rounded())
    return tenths >= 100 ? "\(tenths / 10) \(units[unit])" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }

  fileprivate func replacingUnderscores() -> String {
    String(map { $0 == "_" ? "-" : $0 })
  }
}

// MARK: - Dates as pages show them

enum SiteDates {
  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]
  static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

  /// `Friday, 11 February 2022`.
  static func dayLabel(_ date: DateTime) -> String {
    let c = date.components
    return "\(weekdayNames[date.weekday - 1]), \(c.day) \(monthNames[c.month - 1]) \(c.year)"
  }

  /// `11 Feb 2022`.
  static func shortDayLabel(_ date: DateTime) -> String {
    let c = date.components
    return "\(c.day) \(monthNames[c.month - 1].prefix(3)) \(c.year)"
  }

  /// `February 2022`.
  static func monthLabel(_ date: DateTime) -> String {
    let c = date.components
    return "\(monthNames[c.month - 1]) \(c.year)"
  }

  /// `22:05` (UTC).
  static func timeLabel(_ date: DateTime) -> String {
    let c = date.components
    return (c.hour < 10 ? "0" : "") + "\(c.hour):" + (c.minute < 10 ? "0" : "") + "\(c.minute)"
  }
}
