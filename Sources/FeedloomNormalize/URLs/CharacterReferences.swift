import FeedloomXML

/// HTML character-reference decoding as browsers (and Python's `html.unescape`) do it in
/// attribute values: `&#106;`, `&#x6A`, `&colon;`, legacy names without `;`. Used to judge
/// what a URL turns into once it lands in markup unescaped.
enum CharacterReferences {
  static func decoded(_ s: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      guard s[i] == UInt8(ascii: "&") else {
        out.append(s[i])
        i += 1
        continue
      }
      if let (scalar, end) = numeric(s, at: i) {
        out.append(contentsOf: String(scalar).utf8)
        i = end
      } else if let (text, end) = named(s, at: i) {
        out.append(contentsOf: text.utf8)
        i = end
      } else {
        out.append(s[i])
        i += 1
      }
    }
    return out
  }

  /// `&#…` / `&#x…` at `start`, `;` optional; out-of-range values read as U+FFFD.
  private static func numeric(_ s: [UInt8], at start: Int) -> (Unicode.Scalar, Int)? {
    var i = start + 1
    guard i < s.count, s[i] == UInt8(ascii: "#") else { return nil }
    i += 1
    let hex = i < s.count && s[i] | 0x20 == UInt8(ascii: "x")
    if hex { i += 1 }
    var value: UInt32 = 0
    let digitsStart = i
    while i < s.count {
      let b = s[i]
      let digit: UInt32
      if isDigit(b) {
        digit = UInt32(b - 0x30)
      } else if hex, (b | 0x20) >= UInt8(ascii: "a"), (b | 0x20) <= UInt8(ascii: "f") {
        digit = UInt32((b | 0x20) - UInt8(ascii: "a") + 10)
      } else {
        break
      }
      value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
      i += 1
    }
    guard i > digitsStart else { return nil }
    if i < s.count, s[i] == UInt8(ascii: ";") { i += 1 }
    let scalar = value == 0 ? nil : Unicode.Scalar(value)
    return (scalar ?? "\u{FFFD}", i)
  }

  /// `&name;`, or the longest legacy name (`&amp`, `&lt`) when there is no `;`.
  private static func named(_ s: [UInt8], at start: Int) -> (String, Int)? {
    var end = start + 1
    while end < s.count, end - start <= 32, isLetter(s[end]) || isDigit(s[end]) { end += 1 }
    guard end > start + 1 else { return nil }
    let name = String(decoding: s[(start + 1)..<end], as: UTF8.self)
    if end < s.count, s[end] == UInt8(ascii: ";"), let text = HTMLEntities.lookup(name) {
      return (text, end + 1)
    }
    var length = name.utf8.count
    while length > 1 {
      let prefix = String(decoding: s[(start + 1)..<(start + 1 + length)], as: UTF8.self)
      if let text = HTMLEntities.lookupLegacy(prefix) { return (text, start + 1 + length) }
      length -= 1
    }
    return nil
  }
}
