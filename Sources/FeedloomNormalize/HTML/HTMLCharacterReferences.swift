import FeedloomXML

/// Character references in HTML source bytes: how long one is, whether it is complete, and
/// what it decodes to.
enum HTMLCharacterReferences {
  /// A reference starting at an '&'.
  enum Reference {
    /// `&#38;`, `&#x26;`, `&amp;`: complete, kept as written; `length` includes the ';'.
    case complete(length: Int)
    /// `&#38` or a legacy `&copy` without its ';': `length` covers what was written.
    case unterminated(length: Int)
    /// A bare '&' (or an unknown name): not a reference.
    case none
  }

  /// Classifies the reference at `index` (where `bytes[index] == '&'`), before `end`.
  static func reference(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Reference {
    var cursor = index + 1
    guard cursor < end else { return .none }
    if bytes[cursor] == UInt8(ascii: "#") {
      cursor += 1
      var hex = false
      if cursor < end, bytes[cursor] | 0x20 == UInt8(ascii: "x") {
        hex = true
        cursor += 1
      }
      let digitsStart = cursor
      while cursor < end, hex ? isHexDigit(bytes[cursor]) : isDigit(bytes[cursor]) { cursor += 1 }
      guard cursor > digitsStart else { return .none }
      if cursor < end, bytes[cursor] == UInt8(ascii: ";") {
        return .complete(length: cursor + 1 - index)
      }
      return .unterminated(length: cursor - index)
    }
    guard isLetter(bytes[cursor]) else { return .none }
    let nameStart = cursor
    while cursor < end, isASCIIAlphanumeric(bytes[cursor]) { cursor += 1 }
    let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<cursor])
    if cursor < end, bytes[cursor] == UInt8(ascii: ";") {
      return isKnownEntity(name) ? .complete(length: cursor + 1 - index) : .none
    }
    return isLegacyEntity(name) ? .unterminated(length: cursor - index) : .none
  }

  /// Appends the decoding of `bytes[start..<end]` to `output`, as a browser decodes text:
  /// numeric references with or without ';' (C1 controls as windows-1252, invalid code points
  /// as U+FFFD), named references with ';', legacy ones without it (longest prefix).
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into output: inout [UInt8]) {
    var index = start
    var runStart = start
    while index < end {
      guard bytes[index] == UInt8(ascii: "&") else {
        index += 1
        continue
      }
      if let (decoded, length) = decodeOne(bytes, at: index, end: end) {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        switch decoded {
        case .scalar(let scalar): appendUTF8(scalar, to: &output)
        case .text(let text): appendUTF8(text, to: &output)
        }
        index += length
        runStart = index
      } else {
        index += 1
      }
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
  }

  /// Gives `body` the UTF-8 of the reference of `length` bytes at `index`, one that
  /// `reference(in:at:end:)` found complete or unterminated: what it decodes to once written
  /// complete (a legacy name means the same with or without its ';').
  static func withDecodedReference<Result>(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    guard let (decoded, _) = decodeOne(bytes, at: index, end: index + length) else {
      return body(UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
    }
    switch decoded {
    case .scalar(let scalar):
      var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
      return withUnsafeMutableBytes(of: &utf8) { raw in
        var count = 0
        for unit in UTF8.encode(scalar)! {
          raw[count] = unit
          count += 1
        }
        return body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
      }
    case .text(var text):
      return text.withUTF8(body)
    }
  }

  /// What one reference decodes to: numeric and the most common named ones as a scalar
  /// (no String made), the other named ones as the table's text.
  private enum Decoded {
    case scalar(Unicode.Scalar)
    case text(String)
  }

  /// The decoding of one reference at `index`, with the number of bytes it used.
  private static func decodeOne(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (Decoded, Int)? {
    var cursor = index + 1
    guard cursor < end else { return nil }
    if bytes[cursor] == UInt8(ascii: "#") {
      cursor += 1
      var hex = false
      if cursor < end, bytes[cursor] | 0x20 == UInt8(ascii: "x") {
        hex = true
        cursor += 1
      }
      let digitsStart = cursor
      var value: UInt32 = 0
      while cursor < end {
        let byte = bytes[cursor]
        let digit: UInt32
        if isDigit(byte) {
          digit = UInt32(byte - 0x30)
        } else if hex, isHexDigit(byte) {
          digit = UInt32((byte | 0x20) - 0x61 + 10)
        } else {
          break
        }
        value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
        cursor += 1
      }
      guard cursor > digitsStart else { return nil }
      if cursor < end, bytes[cursor] == UInt8(ascii: ";") { cursor += 1 }
      return (.scalar(numericScalar(value)), cursor - index)
    }
    guard isLetter(bytes[cursor]) else { return nil }
    let nameStart = cursor
    while cursor < end, isASCIIAlphanumeric(bytes[cursor]) { cursor += 1 }
    if cursor < end, bytes[cursor] == UInt8(ascii: ";") {
      let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<cursor])
      if let common = commonEntity(name) { return (.scalar(common), cursor + 1 - index) }
      if let value = HTMLEntities.lookup(String(decoding: name, as: UTF8.self)) {
        return (.text(value), cursor + 1 - index)
      }
    }
    // Legacy names (at most 6 letters) also match as a prefix: "&copy2020".
    var length = min(cursor - nameStart, 6)
    while length >= 2 {
      let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<(nameStart + length)]), as: UTF8.self)
      if let value = HTMLEntities.lookupLegacy(name) { return (.text(value), 1 + length) }
      length -= 1
    }
    return nil
  }

  /// The character a numeric reference stands for, as HTML maps it.
  static func numericScalar(_ value: UInt32) -> Unicode.Scalar {
    if value >= 0x80, value <= 0x9F, let mapped = windows1252[Int(value - 0x80)] {
      return mapped
    }
    if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) {
      return "\u{FFFD}"
    }
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }

  private static let windows1252: [Unicode.Scalar?] = [
    "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
    "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
    nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
    "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
  ]

  private static func isKnownEntity(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    if isCommonEntity(name) { return true }
    return HTMLEntities.lookup(String(decoding: name, as: UTF8.self)) != nil
  }

  private static func isLegacyEntity(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    guard name.count <= 6 else { return false }
    return HTMLEntities.lookupLegacy(String(decoding: name, as: UTF8.self)) != nil
  }

  /// amp, lt, gt, quot, apos, nbsp: most references in feeds, checked without a String.
  private static func isCommonEntity(_ name: UnsafeBufferPointer<UInt8>) -> Bool { commonEntity(name) != nil }

  /// The character of amp, lt, gt, quot, apos or nbsp (what the entity table holds for them).
  private static func commonEntity(_ name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
    switch name.count {
    case 2:
      guard name[1] == UInt8(ascii: "t") else { return nil }
      if name[0] == UInt8(ascii: "l") { return "<" }
      return name[0] == UInt8(ascii: "g") ? ">" : nil
    case 3:
      return name[0] == UInt8(ascii: "a") && name[1] == UInt8(ascii: "m") && name[2] == UInt8(ascii: "p") ? "&" : nil
    case 4:
      let word = UInt32(name[0]) | UInt32(name[1]) << 8 | UInt32(name[2]) << 16 | UInt32(name[3]) << 24
      if word == fourCC("quot") { return "\"" }
      if word == fourCC("apos") { return "'" }
      return word == fourCC("nbsp") ? "\u{A0}" : nil
    default:
      return nil
    }
  }

  private static func fourCC(_ s: StaticString) -> UInt32 {
    let p = s.utf8Start
    return UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24
  }
}

func appendUTF8(_ string: String, to output: inout [UInt8]) {
  output.append(contentsOf: string.utf8)
}

func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
  let value = scalar.value
  switch value {
  case 0..<0x80:
    output.append(UInt8(value))
  case 0x80..<0x800:
    output.append(UInt8(0xC0 | value >> 6))
    output.append(UInt8(0x80 | value & 0x3F))
  case 0x800..<0x10000:
    output.append(UInt8(0xE0 | value >> 12))
    output.append(UInt8(0x80 | value >> 6 & 0x3F))
    output.append(UInt8(0x80 | value & 0x3F))
  default:
    output.append(UInt8(0xF0 | value >> 18))
    output.append(UInt8(0x80 | value >> 12 & 0x3F))
    output.append(UInt8(0x80 | value >> 6 & 0x3F))
    output.append(UInt8(0x80 | value & 0x3F))
  }
}

@inline(__always) func isHexDigit(_ byte: UInt8) -> Bool {
  isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
}

@inline(__always) func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
