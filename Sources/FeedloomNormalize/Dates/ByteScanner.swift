/// A forward-only cursor over UTF-8 bytes, for the hand-written date grammar.
struct ByteScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var position: Int
  let end: Int

  init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil) {
    self.bytes = bytes
    self.position = start
    self.end = end ?? bytes.count
  }

  var isAtEnd: Bool { position >= end }

  var peek: UInt8? { position < end ? bytes[position] : nil }

  func peek(ahead offset: Int) -> UInt8? {
    position + offset < end ? bytes[position + offset] : nil
  }

  /// Skips ASCII white space; returns how many bytes were skipped.
  @discardableResult
  mutating func skipSpaces() -> Int {
    let start = position
    while position < end, isSpace(bytes[position]) { position += 1 }
    return position - start
  }

  mutating func consume(_ byte: UInt8) -> Bool {
    guard position < end, bytes[position] == byte else { return false }
    position += 1
    return true
  }

  /// Consumes `byte` in either ASCII case.
  mutating func consumeCaseless(_ byte: UInt8) -> Bool {
    guard position < end, bytes[position] | 0x20 == byte | 0x20 else { return false }
    position += 1
    return true
  }

  /// The length of the run of ASCII digits at the cursor, without consuming it.
  func digitRunLength() -> Int {
    var i = position
    while i < end, isDigit(bytes[i]) { i += 1 }
    return i - position
  }

  /// Reads exactly `count` digits, or nothing.
  mutating func digits(exactly count: Int) -> Int? {
    guard digitRunLength() >= count else { return nil }
    var value = 0
    for _ in 0..<count {
      value = value * 10 + Int(bytes[position] &- 0x30)
      position += 1
    }
    return value
  }

  /// Reads a run of `minimum...maximum` digits; a longer run is refused (returns nil, consumes nothing).
  mutating func digits(minimum: Int, maximum: Int) -> (value: Int, count: Int)? {
    let run = digitRunLength()
    guard run >= minimum, run <= maximum else { return nil }
    guard let value = digits(exactly: run) else { return nil }
    return (value, run)
  }

  /// Consumes a word: a run of ASCII letters and non-ASCII bytes (so Greek, Hungarian and
  /// Korean words are single words). Returns its byte range, empty when there is none.
  mutating func word(allowingSlash: Bool = false) -> Range<Int> {
    let start = position
    while position < end {
      let b = bytes[position]
      if isLetter(b) || b >= 0x80 || (allowingSlash && (b == UInt8(ascii: "/") || b == UInt8(ascii: "_"))) {
        position += 1
      } else {
        break
      }
    }
    return start..<position
  }

  /// Whether the bytes in `range` equal `literal` (ASCII letters compared without case).
  func matches(_ range: Range<Int>, _ literal: [UInt8]) -> Bool {
    guard range.count == literal.count else { return false }
    var i = range.lowerBound
    for expected in literal {
      var actual = bytes[i]
      if isLetter(actual) { actual |= 0x20 }
      if actual != expected { return false }
      i += 1
    }
    return true
  }

  /// Whether the bytes in `range` start with `literal` (ASCII letters compared without case).
  func hasPrefix(_ range: Range<Int>, _ literal: [UInt8]) -> Bool {
    guard range.count >= literal.count else { return false }
    return matches(range.lowerBound..<(range.lowerBound + literal.count), literal)
  }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
@inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
@inline(__always) func isSpace(_ b: UInt8) -> Bool {
  b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B
}
