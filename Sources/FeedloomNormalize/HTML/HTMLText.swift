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
  private var output: HTMLByteWriter
  private var decoded: [UInt8] = []
  private var pendingSpace = false
  private var pendingBreak = false

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    tokenizer = HTMLTokenizer(bytes)
    output = HTMLByteWriter(capacity: bytes.count)
  }

  mutating func run() -> String {
    loop: while true {
      switch tokenizer.next() {
      case .end:
        break loop
      case .text:
        appendDecoded(tokenizer.start, tokenizer.end)
      case .cdata:
        appendFolded(UnsafeBufferPointer(rebasing: bytes[tokenizer.start..<tokenizer.end]))
      case .rawText:
        if let element = tokenizer.element, !element.has(.dropsContent) {
          appendDecoded(tokenizer.start, tokenizer.end)
        }
      case .startTag, .endTag:
        if let element = tokenizer.element, element.has(.block) { pendingBreak = true }
      }
    }
    return output.trimmedString()
  }

  private mutating func appendDecoded(_ start: Int, _ end: Int) {
    let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
    guard run.contains(UInt8(ascii: "&")) else {
      appendFolded(run)
      return
    }
    decoded.removeAll(keepingCapacity: true)
    HTMLCharacterReferences.decode(bytes, from: start, to: end, into: &decoded)
    let text = decoded
    text.withUnsafeBufferPointer { appendFolded($0) }
  }

  /// Appends text, folding white space (ASCII, no-break and the other Unicode spaces) and
  /// placing pending separators before the next visible character only.
  private mutating func appendFolded(_ text: UnsafeBufferPointer<UInt8>) {
    var index = 0
    let count = text.count
    while index < count {
      let byte = text[index]
      let spaceLength = whiteSpaceLength(text, at: index)
      if spaceLength > 0 {
        pendingSpace = true
        index += spaceLength
        continue
      }
      if output.count > 0 {
        if pendingBreak {
          output.append(0x0A)
          output.append(0x0A)
        } else if pendingSpace {
          output.append(0x20)
        }
      }
      pendingBreak = false
      pendingSpace = false
      if byte == 0 {
        output.appendASCII("\u{FFFD}")
        index += 1
        continue
      }
      // Copy the run up to the next possible white space.
      var end = index + 1
      while end < count {
        let next = text[end]
        if next <= 0x20 || next == 0xC2 || next == 0xE1 || next == 0xE2 || next == 0xE3 { break }
        end += 1
      }
      output.append(text, from: index, to: end)
      index = end
    }
  }

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
