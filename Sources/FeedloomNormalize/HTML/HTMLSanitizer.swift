/// Sanitises HTML fragments from feeds into canonical, allow-listed markup.
///
/// The fragment is tokenised once over its UTF-8 bytes and rebuilt: only allowed elements
/// and attributes are written, never source markup. Output is canonical: lower-case names,
/// attributes de-duplicated (first wins), sorted by name and double-quoted, void elements
/// as `<br />`, unclosed elements closed, stray end tags dropped, character references kept
/// as written, bare `&`, `<` and `>` escaped, surrounding white space trimmed.
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
      var sanitizer = Sanitizer(bytes, baseURL: baseURL)
      return sanitizer.run()
    }
    return rebuilt ?? trimmingASCIISpace(html)
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
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x0D, 0x00: return false
      default: continue
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

/// One sanitising pass over one fragment.
private struct Sanitizer {
  private var tokenizer: HTMLTokenizer
  private let bytes: UnsafeBufferPointer<UInt8>
  private let baseURL: String?
  private var output: [UInt8] = []
  private var openElements: [HTMLElement] = []
  /// Depth inside elements whose whole content goes (applet).
  private var suppressedDepth = 0
  private var keptAttributes: [KeptAttribute] = []
  private var seenAttributeRanks: [UInt16] = []
  /// Attribute values that are not source bytes (resolved URLs, cleaned styles).
  private var literalValues: [UInt8] = []
  private var decodedValue: [UInt8] = []

  private struct KeptAttribute {
    var rank: UInt16
    var start: Int
    var end: Int
    /// The value is in `literalValues` and holds no references: escape every '&'.
    var isLiteral: Bool
  }

  init(_ bytes: UnsafeBufferPointer<UInt8>, baseURL: String?) {
    self.bytes = bytes
    self.baseURL = baseURL
    tokenizer = HTMLTokenizer(bytes)
    output.reserveCapacity(bytes.count + 64)
  }

  mutating func run() -> String {
    loop: while true {
      switch tokenizer.next() {
      case .end:
        break loop
      case .text:
        if suppressedDepth == 0 { writeText(tokenizer.start, tokenizer.end) }
      case .cdata:
        if suppressedDepth == 0 {
          HTMLEscaping.appendLiteral(UnsafeBufferPointer(rebasing: bytes[tokenizer.start..<tokenizer.end]), to: &output)
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
    output.append(UInt8(ascii: "<"))
    output.append(contentsOf: element.name)
    for attribute in keptAttributes {
      output.append(UInt8(ascii: " "))
      output.append(contentsOf: HTMLAttributeTable.names[Int(attribute.rank)])
      output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
      if attribute.isLiteral {
        literalValues.withUnsafeBufferPointer { values in
          HTMLEscaping.appendLiteral(UnsafeBufferPointer(rebasing: values[attribute.start..<attribute.end]), to: &output)
        }
      } else {
        HTMLEscaping.appendSource(bytes, from: attribute.start, to: attribute.end, inAttribute: true, to: &output)
      }
      output.append(UInt8(ascii: "\""))
    }
    if element.has(.void) {
      output.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: ">")])
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
    guard suppressedDepth == 0, element.has(.allowed), !element.has(.void),
      let depth = openElements.lastIndex(of: element)
    else { return }
    while openElements.count > depth {
      writeEndTag(openElements.removeLast())
    }
  }

  /// HTML's implied end tags, for the common cases: a block closes an open paragraph, a list
  /// item the previous one, a cell the previous cell, a row the previous row.
  private mutating func closeImpliedElements(before element: HTMLElement) {
    guard var top = openElements.last else { return }
    if element.has([.closesParagraph, .listItem, .definitionItem, .tableRow]), top.has(.paragraph) {
      writeEndTag(openElements.removeLast())
      guard let next = openElements.last else { return }
      top = next
    }
    if element.has(.tableRow), top.has(.tableCell) {
      writeEndTag(openElements.removeLast())
      guard let next = openElements.last else { return }
      top = next
    }
    let sameGroup: HTMLElementFlags = [.listItem, .definitionItem, .option, .tableCell, .tableRow]
    if !element.flags.intersection(sameGroup).isEmpty, !top.flags.intersection(element.flags).intersection(sameGroup).isEmpty {
      writeEndTag(openElements.removeLast())
    }
  }

  private mutating func writeEndTag(_ element: HTMLElement) {
    output.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
    output.append(contentsOf: element.name)
    output.append(UInt8(ascii: ">"))
  }

  // MARK: Attributes

  private mutating func collectAttributes(of element: HTMLElement) {
    keptAttributes.removeAll(keepingCapacity: true)
    seenAttributeRanks.removeAll(keepingCapacity: true)
    literalValues.removeAll(keepingCapacity: true)
    for span in tokenizer.attributes {
      guard
        let attribute = HTMLAttributeTable.attribute(
          HTMLNameKey(lowercasing: bytes, from: span.nameStart, to: span.nameEnd))
      else { continue }
      // The first of duplicate attributes wins, as in a browser, even when it is dropped.
      if seenAttributeRanks.contains(attribute.rank) { continue }
      seenAttributeRanks.append(attribute.rank)
      switch attribute.kind {
      case .plain:
        keptAttributes.append(KeptAttribute(rank: attribute.rank, start: span.valueStart, end: span.valueEnd, isLiteral: false))
      case .style:
        guard let cleaned = HTMLStyleFilter.clean(UnsafeBufferPointer(rebasing: bytes[span.valueStart..<span.valueEnd]))
        else { continue }
        keepLiteral(cleaned, rank: attribute.rank)
      case .url:
        let resolve = baseURL != nil && HTMLRelativeURIs.resolves(element: element, attributeRank: attribute.rank)
        keepURL(span, rank: attribute.rank, resolve: resolve)
      }
    }
    if keptAttributes.count > 1 {
      keptAttributes.sort { $0.rank < $1.rank }
    }
  }

  private mutating func keepURL(_ span: HTMLAttributeSpan, rank: UInt16, resolve: Bool) {
    let raw = UnsafeBufferPointer(rebasing: bytes[span.valueStart..<span.valueEnd])
    let decision: HTMLURLPolicy.Decision
    if raw.contains(UInt8(ascii: "&")) {
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
      keptAttributes.append(KeptAttribute(rank: rank, start: span.valueStart, end: span.valueEnd, isLiteral: false))
    case .drop:
      return
    case .replace(let absolute):
      keepLiteral(Array(absolute.utf8), rank: rank)
    }
  }

  private mutating func keepLiteral(_ value: [UInt8], rank: UInt16) {
    let start = literalValues.count
    literalValues.append(contentsOf: value)
    keptAttributes.append(KeptAttribute(rank: rank, start: start, end: literalValues.count, isLiteral: true))
  }

  // MARK: Text

  private mutating func writeText(_ start: Int, _ end: Int) {
    HTMLEscaping.appendSource(bytes, from: start, to: end, inAttribute: false, to: &output)
  }

  private func trimmedOutput() -> String {
    var start = 0
    var end = output.count
    while start < end, isHTMLSpace(output[start]) { start += 1 }
    while end > start, isHTMLSpace(output[end - 1]) { end -= 1 }
    return output.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
  }
}

/// feedparser's relative-URI attributes: the element/attribute pairs resolved against the base.
enum HTMLRelativeURIs {
  private static let pairs: Set<[UInt8]> = Set(
    [
      "a href", "area href", "audio src", "blockquote cite", "del cite", "img longdesc",
      "img src", "img usemap", "input src", "input usemap", "ins cite", "q cite", "source src",
      "video poster", "video src",
    ].map { Array($0.utf8) })

  static func resolves(element: HTMLElement, attributeRank: UInt16) -> Bool {
    var key = element.name
    key.append(UInt8(ascii: " "))
    key.append(contentsOf: HTMLAttributeTable.names[Int(attributeRank)])
    return pairs.contains(key)
  }
}

/// Escaping of text and attribute values into canonical markup.
enum HTMLEscaping {
  /// Source bytes (text or an attribute value): complete character references are kept as
  /// written; a numeric one missing its ';' gets it (and a legacy named one in text);
  /// any other '&' is escaped, as are '<', '>' and (in attributes) '"'. NUL becomes U+FFFD,
  /// CR LF and lone CR become LF.
  static func appendSource(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, inAttribute: Bool, to output: inout [UInt8]
  ) {
    var index = start
    var runStart = start
    while index < end {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "&"):
        flush(bytes, runStart, index, &output)
        switch HTMLCharacterReferences.reference(in: bytes, at: index, end: end) {
        case .complete(let length):
          output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
          index += length
        case .unterminated(let length) where !inAttribute || bytes[index + 1] == UInt8(ascii: "#"):
          output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
          output.append(UInt8(ascii: ";"))
          index += length
        default:
          output.append(contentsOf: ampersand)
          index += 1
        }
        runStart = index
        continue
      case UInt8(ascii: "<"):
        flush(bytes, runStart, index, &output)
        output.append(contentsOf: lessThan)
      case UInt8(ascii: ">"):
        flush(bytes, runStart, index, &output)
        output.append(contentsOf: greaterThan)
      case UInt8(ascii: "\"") where inAttribute:
        flush(bytes, runStart, index, &output)
        output.append(contentsOf: quote)
      case 0x00:
        flush(bytes, runStart, index, &output)
        output.append(contentsOf: replacementCharacter)
      case 0x0D:
        flush(bytes, runStart, index, &output)
        if index + 1 >= end || bytes[index + 1] != 0x0A { output.append(0x0A) }
      default:
        index += 1
        continue
      }
      index += 1
      runStart = index
    }
    flush(bytes, runStart, end, &output)
  }

  /// Literal text (CDATA, a resolved URL, a cleaned style): every '&', '<', '>' and '"' is
  /// escaped.
  static func appendLiteral(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    var runStart = 0
    for index in 0..<bytes.count {
      let replacement: [UInt8]
      switch bytes[index] {
      case UInt8(ascii: "&"): replacement = ampersand
      case UInt8(ascii: "<"): replacement = lessThan
      case UInt8(ascii: ">"): replacement = greaterThan
      case UInt8(ascii: "\""): replacement = quote
      case 0x00: replacement = replacementCharacter
      default: continue
      }
      flush(bytes, runStart, index, &output)
      output.append(contentsOf: replacement)
      runStart = index + 1
    }
    flush(bytes, runStart, bytes.count, &output)
  }

  @inline(__always) private static func flush(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ output: inout [UInt8]
  ) {
    if end > start { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end])) }
  }

  private static let ampersand = Array("&amp;".utf8)
  private static let lessThan = Array("&lt;".utf8)
  private static let greaterThan = Array("&gt;".utf8)
  private static let quote = Array("&quot;".utf8)
  private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
}
