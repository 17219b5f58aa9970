/// One attribute of the current tag as byte offsets into the input.
struct HTMLAttributeSpan {
  var nameStart: Int
  var nameEnd: Int
  var valueStart: Int
  var valueEnd: Int
}

/// A one-pass tokenizer for HTML fragments over UTF-8 bytes, following the HTML tokenizer
/// where it matters for safety: tag and attribute syntax (quoted, unquoted, missing values,
/// no space between attributes), comments, bogus comments (`<!…>`, `<?…>`, `</…>`), CDATA,
/// raw-text elements (`script`, `style`, `textarea`, …) read up to their own end tag, and a
/// `<` that starts no tag being text. A tag cut off by the end of input is dropped, as a
/// browser drops it.
///
/// Tokens are reported through the current-token fields; nothing is allocated per token.
struct HTMLTokenizer: ~Copyable {
  enum Token {
    /// Text in `start..<end`, character references still as written.
    case text
    /// CDATA section content in `start..<end`: literal text, no references.
    case cdata
    /// A start tag: `element` (nil when unknown), name in `start..<end`, `attributes`,
    /// `selfClosing`.
    case startTag
    /// An end tag: `element` (nil when unknown), name in `start..<end`.
    case endTag
    /// Content of a raw-text element in `start..<end`; `element` is that element.
    case rawText
    /// The end of the input.
    case end
  }

  let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0
  private(set) var start = 0
  private(set) var end = 0
  private(set) var element: HTMLElement?
  private(set) var attributes = HTMLScratchList<HTMLAttributeSpan>()
  private(set) var selfClosing = false
  /// For a `.text` token: it holds no '&', '<', CR or NUL (nothing to escape or decode),
  /// found by the same word loads that look for its end.
  private(set) var textIsPlain = false
  /// Set after a raw-text element's start tag: its content comes next.
  private var pendingRawText: HTMLElement?

  /// Whether start tags' attributes are kept in `attributes` (plain text needs none).
  private let recordsAttributes: Bool

  init(_ bytes: UnsafeBufferPointer<UInt8>, recordsAttributes: Bool = true) {
    self.bytes = bytes
    self.recordsAttributes = recordsAttributes
  }

  mutating func next() -> Token {
    if let raw = pendingRawText {
      pendingRawText = nil
      return rawText(of: raw)
    }
    let count = bytes.count
    while position < count {
      let textStart = position
      var special: UInt64 = 0  // high bits of '&', CR and NUL bytes seen in the text
      var plain = true  // no '<' in it that starts no markup
      // Text runs to the next '<' that starts markup; eight bytes at a time.
      let lessThan = HTMLWords.splat(UInt8(ascii: "<"))
      let ampersand = HTMLWords.splat(UInt8(ascii: "&"))
      let carriageReturn = HTMLWords.splat(0x0D)
      let nul = HTMLWords.splat(0)
      while position < count {
        if position + 16 <= count {
          let vector = HTMLWords.load16(bytes, at: position)
          if HTMLWords.isEmpty(vector .== lessThan) {
            let escaped = (vector .== ampersand) .| (vector .== carriageReturn) .| (vector .== nul)
            if !HTMLWords.isEmpty(escaped) { special = 0x80 }
            position += 16
            continue
          }
        }
        if position + 8 <= count {
          let word = HTMLWords.load(bytes, at: position)
          let found = HTMLWords.matches(word, UInt8(ascii: "<"))
          let escaped =
            HTMLWords.matches(word, UInt8(ascii: "&")) | HTMLWords.matches(word, 0x0D) | HTMLWords.zeroBytes(word)
          if found == 0 {
            special |= escaped
            position += 8
            continue
          }
          // Only the bytes before the '<' are this text's (a false match can only follow a
          // true one, so the masked bits are exact).
          special |= escaped & ((found & (0 &- found)) &- 1)
          position += found.trailingZeroBitCount >> 3
        } else {
          let byte = bytes[position]
          if byte != UInt8(ascii: "<") {
            if byte == UInt8(ascii: "&") || byte == 0x0D || byte == 0 { special = 1 }
            position += 1
            continue
          }
        }
        if startsMarkup(at: position) { break }
        plain = false
        position += 1
      }
      if position > textStart {
        start = textStart
        end = position
        textIsPlain = plain && special == 0
        return .text
      }
      if let token = markup() { return token }
    }
    return .end
  }

  // MARK: Markup

  /// Whether the '<' at `index` opens a tag, an end tag, a comment or a declaration.
  private func startsMarkup(at index: Int) -> Bool {
    guard index + 1 < bytes.count else { return false }
    let next = bytes[index + 1]
    return isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!")
      || next == UInt8(ascii: "?")
  }

  /// Reads the markup at `position` (a '<' that starts markup); nil for markup that yields no
  /// token (comments, declarations, processing instructions, `</>`).
  private mutating func markup() -> Token? {
    let next = bytes[position + 1]
    if isLetter(next) {
      return startTag()
    }
    if next == UInt8(ascii: "/") {
      return endTag()
    }
    if next == UInt8(ascii: "!") {
      return declaration()
    }
    // "<?…>": a processing instruction is a bogus comment.
    skipBogusComment(from: position + 2)
    return nil
  }

  private mutating func startTag() -> Token? {
    let nameStart = position + 1
    var index = nameStart
    while index < bytes.count, !isTagNameEnd(bytes[index]) { index += 1 }
    let nameEnd = index
    if index < bytes.count, bytes[index] == UInt8(ascii: ">") {  // `<p>`: no attributes to read
      attributes.removeAll()
      position = index + 1
      selfClosing = false
    } else {
      guard let closed = readAttributes(from: index, record: recordsAttributes) else {
        position = bytes.count
        return nil
      }
      position = closed.next
      selfClosing = closed.selfClosing
    }
    start = nameStart
    end = nameEnd
    element = HTMLElementTable.element(HTMLNameKey(lowercasing: bytes, from: nameStart, to: nameEnd))
    if let element, element.has(.rawText), !selfClosing {
      pendingRawText = element
    }
    return .startTag
  }

  private mutating func endTag() -> Token? {
    let nameStart = position + 2
    guard nameStart < bytes.count else {
      position = bytes.count
      return nil
    }
    if bytes[nameStart] == UInt8(ascii: ">") {  // "</>" is dropped
      position = nameStart + 1
      return nil
    }
    guard isLetter(bytes[nameStart]) else {
      skipBogusComment(from: nameStart)
      return nil
    }
    var index = nameStart
    while index < bytes.count, !isTagNameEnd(bytes[index]) { index += 1 }
    let nameEnd = index
    if index < bytes.count, bytes[index] == UInt8(ascii: ">") {  // `</p>`
      position = index + 1
    } else {
      guard let closed = readAttributes(from: index, record: false) else {
        position = bytes.count
        return nil
      }
      position = closed.next
    }
    start = nameStart
    end = nameEnd
    element = HTMLElementTable.element(HTMLNameKey(lowercasing: bytes, from: nameStart, to: nameEnd))
    attributes.removeAll()
    return .endTag
  }

  /// Reads attributes up to the closing '>' (keeping their spans when `record`) and returns
  /// the offset after it, or nil when the input ends inside the tag.
  private mutating func readAttributes(from offset: Int, record: Bool) -> (next: Int, selfClosing: Bool)? {
    attributes.removeAll()
    var index = offset
    let count = bytes.count
    var sawSlash = false
    while true {
      while index < count, isHTMLSpace(bytes[index]) { index += 1 }
      guard index < count else { return nil }
      let byte = bytes[index]
      if byte == UInt8(ascii: ">") { return (index + 1, sawSlash) }
      if byte == UInt8(ascii: "/") {
        sawSlash = true
        index += 1
        continue
      }
      sawSlash = false
      // Attribute name: a leading '=' belongs to the name, as in HTML.
      let nameStart = index
      index += 1
      while index < count, !isIn(attributeNameEndBits, bytes[index]) { index += 1 }
      let nameEnd = index
      var probe = index
      while probe < count, isHTMLSpace(bytes[probe]) { probe += 1 }
      guard probe < count, bytes[probe] == UInt8(ascii: "=") else {
        if record { attributes.append(HTMLAttributeSpan(nameStart: nameStart, nameEnd: nameEnd, valueStart: nameEnd, valueEnd: nameEnd)) }
        continue
      }
      index = probe + 1
      while index < count, isHTMLSpace(bytes[index]) { index += 1 }
      guard index < count else { return nil }
      let quote = bytes[index]
      if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
        let valueStart = index + 1
        index = HTMLWords.firstIndex(of: quote, in: bytes, from: valueStart, to: count)
        guard index < count else { return nil }
        if record { attributes.append(HTMLAttributeSpan(nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: index)) }
        index += 1
      } else if quote == UInt8(ascii: ">") {
        if record { attributes.append(HTMLAttributeSpan(nameStart: nameStart, nameEnd: nameEnd, valueStart: index, valueEnd: index)) }
      } else {
        let valueStart = index
        while index < count, !isIn(unquotedValueEndBits, bytes[index]) { index += 1 }
        if record { attributes.append(HTMLAttributeSpan(nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: index)) }
      }
    }
  }

  /// `<!--…-->`, `<![CDATA[…]]>`, `<!DOCTYPE…>` and other `<!…>`.
  private mutating func declaration() -> Token? {
    let body = position + 2
    if hasPrefix("--", at: body) {
      skipComment(from: body + 2)
      return nil
    }
    if hasPrefix("[CDATA[", at: body) {
      let contentStart = body + 7
      var index = contentStart
      while index < bytes.count {
        if bytes[index] == UInt8(ascii: "]"), hasPrefix("]]>", at: index) { break }
        index += 1
      }
      start = contentStart
      end = index
      position = min(index + 3, bytes.count)
      return .cdata
    }
    skipBogusComment(from: body)
    return nil
  }

  /// A comment ends at `-->` or `--!>` (`<!-->` and `<!--->` are empty comments). One that
  /// never closes that way ends at its first '>' (SGML comment syntax, as feedparser reads
  /// it), else runs to the end of input: dropping it either way is safe.
  private mutating func skipComment(from contentStart: Int) {
    let count = bytes.count
    if hasPrefix(">", at: contentStart) {
      position = contentStart + 1
      return
    }
    if hasPrefix("->", at: contentStart) {
      position = contentStart + 2
      return
    }
    var index = contentStart
    var firstClose = -1
    while index < count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ">") {
        if firstClose < 0 { firstClose = index }
        if index >= contentStart + 2, bytes[index - 1] == UInt8(ascii: "-"),
          bytes[index - 2] == UInt8(ascii: "-")
        {
          position = index + 1
          return
        }
        if index >= contentStart + 3, bytes[index - 1] == UInt8(ascii: "!"),
          bytes[index - 2] == UInt8(ascii: "-"), bytes[index - 3] == UInt8(ascii: "-")
        {
          position = index + 1
          return
        }
      }
      index += 1
    }
    position = firstClose >= 0 ? firstClose + 1 : count
  }

  private mutating func skipBogusComment(from offset: Int) {
    var index = offset
    while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
    position = min(index + 1, bytes.count)
  }

  /// The content of a raw-text element up to `</name` followed by space, '/' or '>'; the end
  /// tag itself is then read as a normal end tag.
  private mutating func rawText(of element: HTMLElement) -> Token {
    let name = element.name
    let length = name.count
    let contentStart = position
    let count = bytes.count
    var index = position
    while index < count {
      if bytes[index] == UInt8(ascii: "<"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "/"),
        matchesName(name, length: length, at: index + 2)
      {
        let after = index + 2 + length
        if after >= count || isTagNameEnd(bytes[after]) { break }
      }
      index += 1
    }
    start = contentStart
    end = index
    position = index
    self.element = element
    return .rawText
  }

  // MARK: Bytes

  private func matchesName(_ name: HTMLNameKey, length: Int, at offset: Int) -> Bool {
    guard offset + length <= bytes.count else { return false }
    for i in 0..<length {
      let byte = bytes[offset + i]
      let lower = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
      if lower != name.byte(at: i) { return false }
    }
    return true
  }

  private func hasPrefix(_ literal: StaticString, at offset: Int) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard offset + count <= bytes.count else { return false }
    let pointer = literal.utf8Start
    for i in 0..<count where bytes[offset + i] != pointer[i] { return false }
    return true
  }
}

// Byte classes as bit sets over the bytes below 64 (every delimiter is one): a compare,
// a shift and a test per byte. Computed, so they fold to constants (no lazy globals).
private var htmlSpaceBits: UInt64 { 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D | 1 << 0x20 }
private var tagNameEndBits: UInt64 { htmlSpaceBits | 1 << 0x2F | 1 << 0x3E }  // '/' '>'
private var attributeNameEndBits: UInt64 { tagNameEndBits | 1 << 0x3D }  // '='
private var unquotedValueEndBits: UInt64 { htmlSpaceBits | 1 << 0x3E }  // '>'

@inline(__always) private func isIn(_ bits: UInt64, _ byte: UInt8) -> Bool {
  byte < 64 && (bits >> UInt64(byte)) & 1 != 0
}

/// HTML's ASCII white space (tab, LF, FF, CR, space).
@inline(__always) func isHTMLSpace(_ byte: UInt8) -> Bool { isIn(htmlSpaceBits, byte) }

@inline(__always) func isTagNameEnd(_ byte: UInt8) -> Bool { isIn(tagNameEndBits, byte) }

/// Word-at-a-time byte search (SWAR): the bytes of a little-endian load that equal a value.
enum HTMLWords {
  @inline(__always) static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
  }

  /// Nonzero when a byte of `word` is zero; its lowest set bit is in the first such byte.
  @inline(__always) static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
  }

  /// Nonzero when a byte of `word` equals `byte`; its lowest set bit is in the first such byte.
  @inline(__always) static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
    zeroBytes(word ^ (0x0101_0101_0101_0101 &* UInt64(byte)))
  }

  /// Sixteen bytes from `index` as one vector (the compiler's SSE2 / NEON compares): clean
  /// runs are skipped a vector at a time, then words find the exact byte.
  @inline(__always) static func load16(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> SIMD16<UInt8> {
    UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: SIMD16<UInt8>.self)
  }

  /// `byte` in every lane. (Vector constants typed this way, compared vector to vector, and
  /// masks tested through `isEmpty` compile to plain SSE2; the generic `any(_:)` and the
  /// scalar-operand compares became lane-by-lane loops and calls.)
  @inline(__always) static func splat(_ byte: UInt8) -> SIMD16<UInt8> { SIMD16<UInt8>(repeating: byte) }

  /// Whether no lane of `mask` is set.
  @inline(__always) static func isEmpty(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
    let lanes = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
    return lanes[0] | lanes[1] == 0
  }

  /// The offset of the first `byte` in `bytes[start..<end]`, or `end`; sixteen, then eight
  /// bytes at a time.
  @inline(__always) static func firstIndex(
    of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
  ) -> Int {
    var index = start
    let needle = splat(byte)
    while index + 16 <= end, isEmpty(load16(bytes, at: index) .== needle) { index += 16 }
    while index + 8 <= end {
      let found = matches(load(bytes, at: index), byte)
      if found != 0 { return index + found.trailingZeroBitCount >> 3 }
      index += 8
    }
    while index < end, bytes[index] != byte { index += 1 }
    return index
  }

  /// `word` with its ASCII capitals lower-cased; other bytes (non-ASCII too) unchanged.
  @inline(__always) static func lowercasedASCII(_ word: UInt64) -> UInt64 {
    let heptets = word & 0x7F7F_7F7F_7F7F_7F7F
    let atLeastA = heptets &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit set from 0x41 ('A')
    let pastZ = heptets &+ 0x2525_2525_2525_2525  // high bit set from 0x5B (past 'Z')
    let capitals = atLeastA & ~pastZ & ~word & 0x8080_8080_8080_8080
    return word | (capitals >> 2)
  }
}
