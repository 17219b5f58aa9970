/// Sanitises HTML fragments from feeds into canonical, allow-listed markup.
///
/// The fragment is tokenised once over its UTF-8 bytes and rebuilt: only allowed elements
/// and attributes are written, never source markup. Output is canonical: lower-case names,
/// attributes de-duplicated (first wins), sorted by name and double-quoted, void elements
/// as `<br />`, unclosed elements closed, stray end tags dropped, character references kept
/// as written, bare `&` and `<` escaped (and `>` and `"` in attributes; a `>` in text is
/// inert and feedparser keeps it), surrounding white space trimmed.
/// `script`, `style`, `iframe` and the like go with their content; comments, doctypes and
/// processing instructions go; event handlers go; `style` keeps feedparser's safe subset;
/// URL attributes with a script (or unknown) scheme go, checked after decoding references,
/// and relative ones are resolved against the base.
public enum HTMLSanitizer {
  /// The sanitised form of `html`; relative URLs resolved against `baseURL` when given.
  public static func sanitize(_ html: String, baseURL: String?) -> String {
    var source = html
    let rebuilt: String? = source.withUTF8 { bytes in
      if isPlainText(bytes) { return nil }
      var sanitizer = Sanitizer(bytes, baseURL: baseURL, keepsText: false)
      return sanitizer.run()
    }
    return rebuilt ?? trimmingASCIISpace(html)
  }

  /// The sanitised form of `html` and its plain text (what `HTMLText.plainText(fromHTML:)`
  /// gives for that form), made in the same pass: an entry's body needs both.
  public static func sanitizeWithPlainText(_ html: String, baseURL: String?) -> SanitizedHTML {
    var source = html
    return source.withUTF8 { bytes in
      sanitizeWithPlainText(wellFormed: bytes, baseURL: baseURL) { trimmed in
        // The fragment itself when it needs no trimming: no copy.
        trimmed.count == bytes.count ? html : HTMLUTF8.string(knownValid: trimmed)
      }
    }
  }

  /// `sanitizeWithPlainText(_:baseURL:)` of the String these UTF-8 bytes make (ill-formed
  /// sequences repaired, as `String(decoding:as:)` repairs them), without surrounding XML
  /// white space: for a captured body, which then needs no String of its own.
  public static func sanitizeWithPlainText(utf8 html: UnsafeBufferPointer<UInt8>, baseURL: String?) -> SanitizedHTML {
    let trimmed = Whitespace.trimmingXMLSpace(html)
    guard HTMLUTF8.isValid(trimmed) else {
      return sanitizeWithPlainText(String(decoding: trimmed, as: UTF8.self), baseURL: baseURL)
    }
    return sanitizeWithPlainText(wellFormed: trimmed, baseURL: baseURL) { HTMLUTF8.string(knownValid: $0) }
  }

  /// The one pass over well-formed UTF-8; `plainHTML` makes the String of a fragment that is
  /// its own sanitised form from its trimmed bytes.
  private static func sanitizeWithPlainText(
    wellFormed bytes: UnsafeBufferPointer<UInt8>, baseURL: String?,
    plainHTML: (UnsafeBufferPointer<UInt8>) -> String
  ) -> SanitizedHTML {
    if isPlainText(bytes) {
      // No markup and no reference: the text is the fragment with its white space folded.
      var start = 0
      var end = bytes.count
      while start < end, isHTMLSpace(bytes[start]) { start += 1 }
      while end > start, isHTMLSpace(bytes[end - 1]) { end -= 1 }
      let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
      var text = PlainTextWriter(capacity: trimmed.count)
      text.appendFolded(trimmed)
      return SanitizedHTML(html: plainHTML(trimmed), plainText: text.string())
    }
    var sanitizer = Sanitizer(bytes, baseURL: baseURL, keepsText: true)
    let sanitized = sanitizer.run()
    return SanitizedHTML(html: sanitized, plainText: sanitizer.plainText())
  }

  /// feedparser's looks-like-HTML test (for RSS titles and the like): the text holds an end
  /// tag or a character reference, every tag in it names a known HTML element, and every
  /// named reference is a known entity.
  public static func looksLikeHTML(_ s: String) -> Bool {
    var source = s
    return source.withUTF8 { HTMLDetection.looksLikeHTML($0) }
  }

  /// No markup, no reference, nothing to escape: the text is its own sanitised form.
  private static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index + 8 <= bytes.count {
      let word = HTMLWords.load(bytes, at: index)
      let special =
        HTMLWords.matches(word, UInt8(ascii: "<")) | HTMLWords.matches(word, UInt8(ascii: ">"))
        | HTMLWords.matches(word, UInt8(ascii: "&")) | HTMLWords.matches(word, 0x0D) | HTMLWords.zeroBytes(word)
      if special != 0 { return false }
      index += 8
    }
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x0D, 0x00: return false
      default: index += 1
      }
    }
    return true
  }

  private static func trimmingASCIISpace(_ s: String) -> String {
    let utf8 = s.utf8
    guard let first = utf8.first, let last = utf8.last, isHTMLSpace(first) || isHTMLSpace(last) else { return s }
    guard let start = utf8.firstIndex(where: { !isHTMLSpace($0) }), let end = utf8.lastIndex(where: { !isHTMLSpace($0) })
    else { return "" }
    return String(s[start...end])
  }
}

/// A sanitised fragment and its plain text.
public struct SanitizedHTML: Sendable, Equatable {
  /// The canonical, allow-listed markup.
  public var html: String
  /// The text of `html`, as `HTMLText.plainText(fromHTML:)` reads it.
  public var plainText: String
}

/// One sanitising pass over one fragment.
private struct Sanitizer: ~Copyable {
  private var tokenizer: HTMLTokenizer
  private let bytes: UnsafeBufferPointer<UInt8>
  private let baseURL: String?
  private var output: HTMLByteWriter
  private var openElements = HTMLScratchList<HTMLElement>(capacity: 32)
  /// Depth inside elements whose whole content goes (applet).
  private var suppressedDepth = 0
  private var keptAttributes = HTMLScratchList<KeptAttribute>()
  /// Attribute values that are not source bytes (resolved URLs, cleaned styles).
  private var literalValues: [UInt8] = []
  private var decodedValue: [UInt8] = []
  /// Whether the plain text of what is written is built too.
  private let keepsText: Bool
  private var text: PlainTextWriter

  private struct KeptAttribute {
    var name: HTMLNameKey
    var rank: UInt16
    var start: Int
    var end: Int
    /// The value is in `literalValues` and holds no references: escape every '&'.
    var isLiteral: Bool
  }

  init(_ bytes: UnsafeBufferPointer<UInt8>, baseURL: String?, keepsText: Bool) {
    self.bytes = bytes
    self.baseURL = baseURL
    self.keepsText = keepsText
    text = PlainTextWriter(capacity: keepsText ? bytes.count : 0)
    tokenizer = HTMLTokenizer(bytes)
    output = HTMLByteWriter(capacity: bytes.count + bytes.count / 8 + 64)
  }

  mutating func run() -> String {
    loop: while true {
      switch tokenizer.next() {
      case .end:
        break loop
      case .text:
        guard suppressedDepth == 0 else { break }
        if tokenizer.textIsPlain {
          // Nothing to escape or decode: written as it is, and its text is itself. The white
          // space between tags of indented markup ("\n  ") folds to a pending space.
          let run = UnsafeBufferPointer(rebasing: bytes[tokenizer.start..<tokenizer.end])
          if run.count <= 8, run.allSatisfy({ $0 == 0x20 || $0 &- 0x09 < 5 }) {
            for byte in run { output.append(byte) }
            if keepsText { text.appendSpace() }
            break
          }
          output.append(run)
          if keepsText { text.appendFolded(run) }
        } else {
          writeText(tokenizer.start, tokenizer.end)
        }
      case .cdata:
        if suppressedDepth == 0 {
          let content = UnsafeBufferPointer(rebasing: bytes[tokenizer.start..<tokenizer.end])
          HTMLEscaping.appendLiteral(content, to: &output)
          // Escaped literally, so its text is the content itself.
          if keepsText { text.appendFolded(content) }
        }
      case .rawText:
        if suppressedDepth == 0, let element = tokenizer.element, !element.has(.dropsContent) {
          writeText(tokenizer.start, tokenizer.end)
        }
      case .startTag:
        startTag()
      case .endTag:
        endTag()
      }
    }
    while let element = openElements.popLast() { writeEndTag(element) }
    return trimmedOutput()
  }

  // MARK: Elements

  private mutating func startTag() {
    guard let element = tokenizer.element else { return }
    if element.has(.suppressesContent) {
      if !tokenizer.selfClosing { suppressedDepth += 1 }
      return
    }
    guard suppressedDepth == 0, element.has(.allowed) else { return }
    closeImpliedElements(before: element)
    collectAttributes(of: element)
    output.append(Markup.open, count: 1, name: element.name, 0, count: 0)
    for index in 0..<keptAttributes.count {
      let attribute = keptAttributes[index]
      output.append(Markup.space, count: 1, name: attribute.name, Markup.equalsQuote, count: 2)
      if attribute.isLiteral {
        literalValues.withUnsafeBufferPointer { values in
          HTMLEscaping.appendLiteral(UnsafeBufferPointer(rebasing: values[attribute.start..<attribute.end]), to: &output)
        }
      } else {
        var noText = HTMLNoText()
        HTMLEscaping.appendSource(bytes, from: attribute.start, to: attribute.end, inAttribute: true, to: &output, text: &noText)
      }
      output.append(UInt8(ascii: "\""))
    }
    if element.has(.block) { text.breakParagraph() }
    if element.has(.void) {
      output.appendASCII(" />")
    } else {
      output.append(UInt8(ascii: ">"))
      if tokenizer.selfClosing {
        writeEndTag(element)  // `<span/>` from XHTML: an empty element
      } else {
        openElements.append(element)
      }
    }
  }

  private mutating func endTag() {
    guard let element = tokenizer.element else { return }
    if element.has(.suppressesContent) {
      if suppressedDepth > 0 { suppressedDepth -= 1 }
      return
    }
    guard suppressedDepth == 0, element.has(.allowed), !element.has(.void) else { return }
    var depth = openElements.count - 1
    while depth >= 0, openElements[depth] != element { depth -= 1 }
    guard depth >= 0 else { return }
    while openElements.count > depth {
      writeEndTag(openElements.removeLast())
    }
  }

  /// HTML's implied end tags, for the common cases: a block closes an open paragraph, a list
  /// item the previous one, a cell the previous cell, a row the previous row.
  private mutating func closeImpliedElements(before element: HTMLElement) {
    guard var top = openElements.last else { return }
    if element.has(.endsParagraph), top.has(.paragraph) {
      writeEndTag(openElements.removeLast())
      guard let next = openElements.last else { return }
      top = next
    }
    if element.has(.tableRow), top.has(.tableCell) {
      writeEndTag(openElements.removeLast())
      guard let next = openElements.last else { return }
      top = next
    }
    if top.flags.rawValue & element.flags.rawValue & HTMLElementFlags.closesSameGroup.rawValue != 0 {
      writeEndTag(openElements.removeLast())
    }
  }

  private mutating func writeEndTag(_ element: HTMLElement) {
    output.append(Markup.openSlash, count: 2, name: element.name, Markup.close, count: 1)
    if element.has(.block) { text.breakParagraph() }
  }

  // MARK: Attributes

  private mutating func collectAttributes(of element: HTMLElement) {
    keptAttributes.removeAll()
    var seenRanks = HTMLAttributeRankSet()
    if !literalValues.isEmpty { literalValues.removeAll(keepingCapacity: true) }
    for index in 0..<tokenizer.attributes.count {
      let span = tokenizer.attributes[index]
      guard
        let attribute = HTMLAttributeTable.attribute(
          HTMLNameKey(lowercasing: bytes, from: span.nameStart, to: span.nameEnd))
      else { continue }
      // The first of duplicate attributes wins, as in a browser, even when it is dropped.
      guard seenRanks.insert(attribute.rank) else { continue }
      switch attribute.kind {
      case .plain:
        keptAttributes.append(KeptAttribute(name: attribute.name, rank: attribute.rank, start: span.valueStart, end: span.valueEnd, isLiteral: false))
      case .style:
        let start = literalValues.count
        guard HTMLStyleFilter.clean(UnsafeBufferPointer(rebasing: bytes[span.valueStart..<span.valueEnd]), into: &literalValues)
        else { continue }
        keptAttributes.append(
          KeptAttribute(name: attribute.name, rank: attribute.rank, start: start, end: literalValues.count, isLiteral: true))
      case .url:
        keepURL(span, attribute, resolve: baseURL != nil && element.has(attribute.resolvedBy))
      }
    }
    // Insertion sort by name: tags have few attributes.
    if keptAttributes.count > 1 {
      for index in 1..<keptAttributes.count {
        let attribute = keptAttributes[index]
        var slot = index
        while slot > 0, keptAttributes[slot - 1].rank > attribute.rank {
          keptAttributes[slot] = keptAttributes[slot - 1]
          slot -= 1
        }
        keptAttributes[slot] = attribute
      }
    }
  }

  private mutating func keepURL(_ span: HTMLAttributeSpan, _ attribute: HTMLAttribute, resolve: Bool) {
    let raw = UnsafeBufferPointer(rebasing: bytes[span.valueStart..<span.valueEnd])
    let decision: HTMLURLPolicy.Decision
    if HTMLWords.firstIndex(of: UInt8(ascii: "&"), in: bytes, from: span.valueStart, to: span.valueEnd) < span.valueEnd {
      decodedValue.removeAll(keepingCapacity: true)
      HTMLCharacterReferences.decode(bytes, from: span.valueStart, to: span.valueEnd, into: &decodedValue)
      decision = decodedValue.withUnsafeBufferPointer {
        HTMLURLPolicy.decide(decodedValue: $0, resolve: resolve, baseURL: baseURL)
      }
    } else {
      decision = HTMLURLPolicy.decide(decodedValue: raw, resolve: resolve, baseURL: baseURL)
    }
    switch decision {
    case .keep:
      keptAttributes.append(
        KeptAttribute(name: attribute.name, rank: attribute.rank, start: span.valueStart, end: span.valueEnd, isLiteral: false))
    case .drop:
      return
    case .replace(let absolute):
      keepLiteral(Array(absolute.utf8), attribute)
    }
  }

  private mutating func keepLiteral(_ value: [UInt8], _ attribute: HTMLAttribute) {
    let start = literalValues.count
    literalValues.append(contentsOf: value)
    keptAttributes.append(
      KeptAttribute(name: attribute.name, rank: attribute.rank, start: start, end: literalValues.count, isLiteral: true))
  }

  // MARK: Text

  /// Writes source text escaped and, when text is kept, its plain text: each piece as a
  /// reader of the written markup decodes it (a kept reference, `&amp;`, `&lt;`).
  private mutating func writeText(_ start: Int, _ end: Int) {
    if keepsText {
      HTMLEscaping.appendSource(bytes, from: start, to: end, inAttribute: false, to: &output, text: &text)
    } else {
      var noText = HTMLNoText()
      HTMLEscaping.appendSource(bytes, from: start, to: end, inAttribute: false, to: &output, text: &noText)
    }
  }

  private func trimmedOutput() -> String { output.trimmedString() }

  /// ASCII pairs around names, packed for `HTMLByteWriter.append(_:count:name:_:count:)`.
  private enum Markup {
    // Computed, so they fold to constants (no lazy globals).
    static var open: UInt16 { pair("<", " ") }
    static var openSlash: UInt16 { pair("<", "/") }
    static var close: UInt16 { pair(">", " ") }
    static var space: UInt16 { pair(" ", " ") }
    static var equalsQuote: UInt16 { pair("=", "\"") }

    /// `first` then `second` as they lie in memory (a byte past the count is overwritten later).
    @inline(__always) private static func pair(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> UInt16 {
      UInt16(UInt8(ascii: first)) | UInt16(UInt8(ascii: second)) << 8
    }
  }

  /// The plain text of what `run()` wrote.
  func plainText() -> String { text.string() }
}

/// Escaping of text and attribute values into canonical markup.
enum HTMLEscaping {
  /// Source bytes (text or an attribute value): complete character references are kept as
  /// written; a numeric one missing its ';' gets it (and a legacy named one in text);
  /// any other '&' is escaped, as is '<' (and in attributes '>' and '"'). NUL becomes U+FFFD,
  /// CR LF and lone CR become LF.
  /// `text` gets the plain text of what is written, piece by piece.
  static func appendSource<Text: HTMLTextSink & ~Copyable>(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, inAttribute: Bool,
    to output: inout HTMLByteWriter, text: inout Text
  ) {
    var index = start
    var runStart = start
    while index < end {
      // Sixteen, then eight bytes at a time while none needs attention.
      if index + 16 <= end {
        let vector = HTMLWords.load16(bytes, at: index)
        var special =
          (vector .== HTMLWords.splat(UInt8(ascii: "&"))) .| (vector .== HTMLWords.splat(UInt8(ascii: "<")))
          .| (vector .== HTMLWords.splat(0x0D)) .| (vector .== HTMLWords.splat(0))
        if inAttribute {
          special = special .| (vector .== HTMLWords.splat(UInt8(ascii: "\""))) .| (vector .== HTMLWords.splat(UInt8(ascii: ">")))
        }
        if HTMLWords.isEmpty(special) {
          index += 16
          continue
        }
      }
      if index + 8 <= end {
        let word = HTMLWords.load(bytes, at: index)
        var special =
          HTMLWords.matches(word, UInt8(ascii: "&")) | HTMLWords.matches(word, UInt8(ascii: "<"))
          | HTMLWords.matches(word, 0x0D) | HTMLWords.zeroBytes(word)
        if inAttribute {
          special |= HTMLWords.matches(word, UInt8(ascii: "\"")) | HTMLWords.matches(word, UInt8(ascii: ">"))
        }
        if special == 0 {
          index += 8
          continue
        }
        index += special.trailingZeroBitCount >> 3
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "&"):
        flush(bytes, runStart, index, &output, &text)
        switch HTMLCharacterReferences.reference(in: bytes, at: index, end: end) {
        case .complete(let length):
          // `&#X61;` is written `&#x61;`, as feedparser writes it.
          if bytes[index + 1] == UInt8(ascii: "#"), bytes[index + 2] == UInt8(ascii: "X") {
            output.appendASCII("&#x")
            output.append(bytes, from: index + 3, to: index + length)
          } else {
            output.append(bytes, from: index, to: index + length)
          }
          text.appendReference(bytes, at: index, length: length)
          index += length
        case .unterminated(let length) where !inAttribute || bytes[index + 1] == UInt8(ascii: "#"):
          output.append(bytes, from: index, to: index + length)
          output.append(UInt8(ascii: ";"))
          // Written complete: it reads as its own name or number with the ';'.
          text.appendReference(bytes, at: index, length: length)
          index += length
        default:
          output.appendASCII("&amp;")
          text.appendCharacter(UInt8(ascii: "&"))
          index += 1
        }
        runStart = index
        continue
      case UInt8(ascii: "<"):
        flush(bytes, runStart, index, &output, &text)
        output.appendASCII("&lt;")
        text.appendCharacter(UInt8(ascii: "<"))
      case UInt8(ascii: ">") where inAttribute:
        flush(bytes, runStart, index, &output, &text)
        output.appendASCII("&gt;")
        text.appendCharacter(UInt8(ascii: ">"))
      case UInt8(ascii: "\"") where inAttribute:
        flush(bytes, runStart, index, &output, &text)
        output.appendASCII("&quot;")
        text.appendCharacter(UInt8(ascii: "\""))
      case 0x00:
        flush(bytes, runStart, index, &output, &text)
        output.appendASCII("\u{FFFD}")
        text.appendRun(UnsafeBufferPointer(rebasing: bytes[index..<(index + 1)]))  // folds to U+FFFD
      case 0x0D:
        flush(bytes, runStart, index, &output, &text)
        if index + 1 >= end || bytes[index + 1] != 0x0A { output.append(0x0A) }
        text.appendSpace()
      default:
        index += 1
        continue
      }
      index += 1
      runStart = index
    }
    flush(bytes, runStart, end, &output, &text)
  }

  /// Literal text (CDATA, a resolved URL, a cleaned style): every '&', '<', '>' and '"' is
  /// escaped.
  static func appendLiteral(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout HTMLByteWriter) {
    var runStart = 0
    for index in 0..<bytes.count {
      let replacement: StaticString
      switch bytes[index] {
      case UInt8(ascii: "&"): replacement = "&amp;"
      case UInt8(ascii: "<"): replacement = "&lt;"
      case UInt8(ascii: ">"): replacement = "&gt;"
      case UInt8(ascii: "\""): replacement = "&quot;"
      case 0x00: replacement = "\u{FFFD}"
      default: continue
      }
      flush(bytes, runStart, index, &output)
      output.appendASCII(replacement)
      runStart = index + 1
    }
    flush(bytes, runStart, bytes.count, &output)
  }

  @inline(__always) private static func flush(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ output: inout HTMLByteWriter
  ) {
    output.append(bytes, from: start, to: end)
  }

  @inline(__always) private static func flush<Text: HTMLTextSink & ~Copyable>(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ output: inout HTMLByteWriter, _ text: inout Text
  ) {
    guard end > start else { return }
    let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
    output.append(run)
    text.appendRun(run)
  }
}

/// Where `HTMLEscaping.appendSource` sends the plain text of what it writes: every piece as
/// a reader of the written markup decodes it.
protocol HTMLTextSink: ~Copyable {
  /// Source bytes written as they are (no reference, '<', CR; a NUL reads as U+FFFD).
  mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>)
  /// The reference of `length` bytes at `index`, written complete (so decoded as such).
  mutating func appendReference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int)
  /// An escaped ASCII character ('&', '<', '>', '"').
  mutating func appendCharacter(_ byte: UInt8)
  /// A CR (written as LF, or dropped before one): white space.
  mutating func appendSpace()
}

/// No plain text (attribute values, `sanitize` alone).
struct HTMLNoText: HTMLTextSink {
  @inline(__always) mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) {}
  @inline(__always) mutating func appendReference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) {}
  @inline(__always) mutating func appendCharacter(_ byte: UInt8) {}
  @inline(__always) mutating func appendSpace() {}

}
