/// Plain text of HTML fragments.
public enum HTMLText {
  /// The text of `html`: references decoded, tags removed, `script`/`style` (and other
  /// raw-text elements whose content is not shown) dropped, block elements (`p`, `div`,
  /// `br`, `li`, headings, `blockquote`, `tr`, …) starting paragraphs; white space folded
  /// within a paragraph, paragraphs separated by one blank line, the whole trimmed.
  public static func plainText(fromHTML html: String) -> String {
    var source = html
    return source.withUTF8 { bytes in
      var extractor = PlainTextExtractor(bytes)
      return extractor.run()
    }
  }
}

private struct PlainTextExtractor: ~Copyable {
  private var tokenizer: HTMLTokenizer
  private let bytes: UnsafeBufferPointer<UInt8>
  private var text: PlainTextWriter

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    tokenizer = HTMLTokenizer(bytes, recordsAttributes: false)
    text = PlainTextWriter(capacity: bytes.count)
  }

  mutating func run() -> String {
    loop: while true {
      switch tokenizer.next() {
      case .end:
        break loop
      case .text:
        text.appendDecoded(bytes, from: tokenizer.start, to: tokenizer.end)
      case .cdata:
        text.appendFolded(UnsafeBufferPointer(rebasing: bytes[tokenizer.start..<tokenizer.end]))
      case .rawText:
        if let element = tokenizer.element, !element.has(.dropsContent) {
          text.appendDecoded(bytes, from: tokenizer.start, to: tokenizer.end)
        }
      case .startTag, .endTag:
        if let element = tokenizer.element, element.has(.block) { text.breakParagraph() }
      }
    }
    return text.string()
  }
}

/// Builds plain text from HTML text runs: references decoded, white space folded, paragraph
/// breaks placed. The extractor above feeds it from a fragment's tokens, the sanitiser from
/// the text it writes (so a body's text needs no second tokenisation).
struct PlainTextWriter: ~Copyable, HTMLTextSink {
  private var output: HTMLByteWriter
  private var decoded: [UInt8] = []
  private var pendingSpace = false
  private var pendingBreak = false

  init(capacity: Int) {
    output = HTMLByteWriter(capacity: capacity)
  }

  /// A paragraph starts before the next visible character (a block element's tag).
  @inline(__always) mutating func breakParagraph() { pendingBreak = true }

  /// The text, trimmed.
  func string() -> String { output.trimmedString() }

  /// Appends `bytes[start..<end]`, HTML text with character references as written.
  mutating func appendDecoded(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
    guard HTMLWords.firstIndex(of: UInt8(ascii: "&"), in: bytes, from: start, to: end) < end else {
      appendFolded(UnsafeBufferPointer(rebasing: bytes[start..<end]))
      return
    }
    decoded.removeAll(keepingCapacity: true)
    HTMLCharacterReferences.decode(bytes, from: start, to: end, into: &decoded)
    let text = decoded
    text.withUnsafeBufferPointer { appendFolded($0) }
  }

  /// A white-space character: folds into the pending space.
  @inline(__always) mutating func appendSpace() { pendingSpace = true }

  /// One visible ASCII character.
  @inline(__always) mutating func appendCharacter(_ byte: UInt8) {
    var character = byte
    withUnsafePointer(to: &character) { appendFolded(UnsafeBufferPointer(start: $0, count: 1)) }
  }

  @inline(__always) mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) { appendFolded(run) }

  mutating func appendReference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) {
    HTMLCharacterReferences.withDecodedReference(bytes, at: index, length: length) { appendFolded($0) }
  }

  /// Appends text, folding white space (ASCII, no-break and the other Unicode spaces) and
  /// placing pending separators before the next visible character only. Visible ASCII is
  /// copied eight bytes at a time: a word is stored whole and the output advanced by the
  /// bytes before the first one that needs a look (white space, a control, non-ASCII).
  mutating func appendFolded(_ text: UnsafeBufferPointer<UInt8>) {
    let count = text.count
    guard count > 0, let source = text.baseAddress else { return }
    // Worst case: a NUL becomes 3 bytes, a separator is at most 2 bytes and needs a space
    // before it (or is the one carried in); 8 spare for the last word store.
    var out = output.tail(reserving: 3 * count + 16)
    var hasOutput = output.count > 0
    var index = 0
    while index < count {
      let byte = source[index]
      if byte &- 0x21 < 0x5F {  // visible ASCII
        if pendingBreak || pendingSpace {
          if hasOutput { out = writeSeparator(at: out) }
          pendingBreak = false
          pendingSpace = false
        }
        out.pointee = byte
        out += 1
        index += 1
        hasOutput = true
        // Sixteen bytes at a time while every one is visible or a single space between
        // visible ones (the bytes either side read by loads one before and one after).
        let printable = HTMLWords.splat(0x21)
        let printableCount = HTMLWords.splat(0x5E)
        let space = HTMLWords.splat(0x20)
        while index + 17 <= count {
          let raw = UnsafeRawPointer(source + index)
          let vector = raw.loadUnaligned(as: SIMD16<UInt8>.self)
          let before = raw.loadUnaligned(fromByteOffset: -1, as: SIMD16<UInt8>.self)
          let after = raw.loadUnaligned(fromByteOffset: 1, as: SIMD16<UInt8>.self)
          let visible = (vector &- printable) .< printableCount
          let keptSpace = (vector .== space) .& ((before &- printable) .< printableCount)
            .& ((after &- printable) .< printableCount)
          if !HTMLWords.isEmpty(.!(visible .| keptSpace)) { break }
          UnsafeMutableRawPointer(out).storeBytes(of: vector, as: SIMD16<UInt8>.self)
          out += 16
          index += 16
        }
        while index + 8 <= count {
          let raw = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
          let word = UInt64(littleEndian: raw)
          // High bit of each byte: visible ASCII (0x21-0x7E); exactly a space. A space with
          // visible bytes on both sides folds to itself (the byte before the word is
          // visible: the loop only runs after one).
          let heptets = word & 0x7F7F_7F7F_7F7F_7F7F
          let visible = (heptets &+ 0x5F5F_5F5F_5F5F_5F5F) & ~(heptets &+ 0x0101_0101_0101_0101) & ~word
            & 0x8080_8080_8080_8080
          let spaces = word ^ 0x2020_2020_2020_2020
          let isSpace = ~(((spaces & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | spaces) & 0x8080_8080_8080_8080
          let keptSpace = isSpace & (visible << 8 | 0x80) & (visible >> 8)
          let special = ~(visible | keptSpace) & 0x8080_8080_8080_8080
          UnsafeMutableRawPointer(out).storeBytes(of: raw, as: UInt64.self)
          if special == 0 {
            out += 8
            index += 8
            continue
          }
          let plain = special.trailingZeroBitCount >> 3
          out += plain
          index += plain
          // One space between visible characters folds to itself: the word store already
          // wrote it.
          if source[index] == 0x20, index + 1 < count, source[index + 1] &- 0x21 < 0x5F {
            out += 1
            index += 1
            continue
          }
          break
        }
        continue
      }
      if byte >= 0x80, mayStartSpace(byte) ? whiteSpaceLength(text, at: index) == 0 : true {
        // Non-ASCII that is no white space (most letters of most scripts): copied as a run.
        // Only C2 and E1-E3 lead white space (no continuation byte is one of them), and
        // only with the right next bytes: the kana after an E3 stay in the run.
        if hasOutput, pendingBreak || pendingSpace { out = writeSeparator(at: out) }
        pendingBreak = false
        pendingSpace = false
        repeat {
          out.pointee = source[index]
          out += 1
          index += 1
        } while index < count && source[index] >= 0x80
          && (!mayStartSpace(source[index]) || whiteSpaceLength(text, at: index) == 0)
        hasOutput = true
        continue
      }
      let spaceLength = whiteSpaceLength(text, at: index)
      if spaceLength > 0 {
        pendingSpace = true
        index += spaceLength
        continue
      }
      if hasOutput, pendingBreak || pendingSpace { out = writeSeparator(at: out) }
      pendingBreak = false
      pendingSpace = false
      if byte == 0 {
        out[0] = 0xEF  // U+FFFD
        out[1] = 0xBF
        out[2] = 0xBD
        out += 3
      } else {
        out.pointee = byte
        out += 1
      }
      index += 1
      hasOutput = true
    }
    output.commit(upTo: out)
  }

  /// A blank line when a paragraph is pending, else one space.
  @inline(__always) private func writeSeparator(at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    if pendingBreak {
      out[0] = 0x0A
      out[1] = 0x0A
      return out + 2
    }
    out.pointee = 0x20
    return out + 1
  }

  /// Whether a non-ASCII byte can start white space (U+0085, U+00A0, U+1680, U+2000…, U+3000).
  @inline(__always) private func mayStartSpace(_ byte: UInt8) -> Bool { byte == 0xC2 || byte &- 0xE1 < 3 }

  /// The byte length of a white-space character at `index`, or 0.
  private func whiteSpaceLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let byte = text[index]
    if byte <= 0x20 { return (byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) ? 1 : 0 }
    if byte < 0xC2 { return 0 }
    let count = text.count
    if byte == 0xC2, index + 1 < count, text[index + 1] == 0xA0 || text[index + 1] == 0x85 { return 2 }
    guard index + 2 < count else { return 0 }
    let b1 = text[index + 1]
    let b2 = text[index + 2]
    switch byte {
    case 0xE1 where b1 == 0x9A && b2 == 0x80: return 3  // U+1680
    case 0xE2 where b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF): return 3
    case 0xE2 where b1 == 0x81 && b2 == 0x9F: return 3  // U+205F
    case 0xE3 where b1 == 0x80 && b2 == 0x80: return 3  // U+3000
    default: return 0
    }
  }
}
