/// White-space folding shared by every normaliser.
public enum Whitespace {
  /// Collapses every run of Unicode white space (including no-break space) to one
  /// space and trims both ends.
  public static func fold(_ s: String) -> String {
    var s = s
    return s.withUTF8 { bytes in
      // Most values (ids, names) are folded already: keep them without a copy.
      if isFolded(bytes) { return nil }
      return String(decoding: folded(bytes), as: UTF8.self)
    } ?? s
  }

  /// `fold` over valid UTF-8, on the bytes: no Unicode property lookups per scalar (the
  /// White_Space set is fixed: ASCII 09-0D and 20, U+0085, U+00A0, U+1680, U+2000-200A,
  /// U+2028, U+2029, U+202F, U+205F, U+3000).
  public static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var pendingSpace = false
    var i = 0
    while i < bytes.count {
      let n = spaceLength(bytes, at: i)
      if n > 0 {
        pendingSpace = !out.isEmpty
        i += n
        continue
      }
      if pendingSpace { out.append(0x20) }
      pendingSpace = false
      out.append(bytes[i])
      i += 1
    }
    return out
  }

  /// Whether `bytes` hold no white space but single spaces between other characters.
  static func isFolded(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var previousSpace = true  // a leading space is not folded
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x20 {
        if previousSpace { return false }
        previousSpace = true
        i += 1
        continue
      }
      if spaceLength(bytes, at: i) > 0 { return false }
      previousSpace = false
      i += 1
    }
    return !previousSpace || bytes.isEmpty
  }

  /// The byte length of the white-space character at `i`, or 0.
  @inline(__always)
  static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let c = b[i]
    if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
    switch c {
    case 0xC2:  // U+0085, U+00A0
      guard i + 1 < b.count else { return 0 }
      return b[i + 1] == 0x85 || b[i + 1] == 0xA0 ? 2 : 0
    case 0xE1:  // U+1680
      guard i + 2 < b.count else { return 0 }
      return b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : 0
    case 0xE2:  // U+2000-200A, U+2028, U+2029, U+202F, U+205F
      guard i + 2 < b.count else { return 0 }
      let c2 = b[i + 2]
      if b[i + 1] == 0x80 {
        return c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF ? 3 : 0
      }
      return b[i + 1] == 0x81 && c2 == 0x9F ? 3 : 0
    case 0xE3:  // U+3000
      guard i + 2 < b.count else { return 0 }
      return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
    default:
      return 0
    }
  }
}

extension Whitespace {
  /// The UTF-8 `bytes` without surrounding XML white space (space, tab, CR, LF), as a String
  /// (ill-formed sequences repaired, as `String(decoding:as:)` does), made without validating
  /// long ASCII runs byte by byte.
  public static func trimmedXMLString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    utf8String(trimmingXMLSpace(bytes))
  }

  /// The part of `bytes` without surrounding XML white space (space, tab, CR, LF).
  static func trimmingXMLSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
    while start < end && isSpace(bytes[start]) { start += 1 }
    while end > start && isSpace(bytes[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  /// `String(decoding: bytes, as: UTF8.self)`, the same String, made without validating
  /// long ASCII runs byte by byte.
  public static func utf8String(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    HTMLStrings.string(bytes)
  }
}
