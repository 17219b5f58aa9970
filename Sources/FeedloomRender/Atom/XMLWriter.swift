/// A small streaming XML 1.0 writer over UTF-8 bytes.
///
/// Output is always well-formed: names are the caller's (static, known-good) strings, while every
/// attribute value and text node is escaped here, and characters XML 1.0 forbids (C0 controls other
/// than tab, LF and CR, U+FFFE and U+FFFF) are dropped rather than passed through, which is what
/// `xmlTextWriter` gets wrong. Elements that hold only elements are indented by two spaces; an
/// element with text is written on one line, so text content is never changed by indentation.
struct XMLWriter {
  private(set) var bytes: [UInt8] = []
  private var open: [String] = []
  /// Whether the innermost open element's start tag still lacks its closing `>`.
  private var startTagPending = false
  /// Whether the innermost open element has child elements (and so closes on its own line).
  private var hasChildElements = false
  /// Whether the innermost open element has text (and so is never indented inside).
  private var hasText = false

  init() {
    bytes.reserveCapacity(1 << 16)
    append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
  }

  /// Opens `<name`; attributes may follow until the first child or text.
  mutating func start(_ name: String) {
    finishStartTag()
    if !open.isEmpty {
      hasChildElements = true
      newline(depth: open.count)
    }
    bytes.append(UInt8(ascii: "<"))
    append(name)
    open.append(name)
    startTagPending = true
    hasChildElements = false
    hasText = false
  }

  /// Adds ` name="value"` to the element just started.
  mutating func attribute(_ name: String, _ value: String) {
    precondition(startTagPending, "attribute \(name) written after the start tag was closed")
    bytes.append(UInt8(ascii: " "))
    append(name)
    append("=\"")
    XMLWriter.appendEscaped(value, inAttribute: true, to: &bytes)
    bytes.append(UInt8(ascii: "\""))
  }

  /// Writes escaped character data inside the current element.
  mutating func text(_ value: String) {
    finishStartTag()
    hasText = true
    XMLWriter.appendEscaped(value, inAttribute: false, to: &bytes)
  }

  /// Closes the innermost element (`/>` when it is empty).
  mutating func end() {
    guard let name = open.popLast() else { preconditionFailure("end() with no open element") }
    if startTagPending {
      append("/>")
      startTagPending = false
    } else {
      if hasChildElements && !hasText { newline(depth: open.count) }
      append("</")
      append(name)
      bytes.append(UInt8(ascii: ">"))
    }
    // The parent has child elements (this one); whether it has text is not tracked per level,
    // so a parent with mixed content simply keeps its children unindented after text.
    hasChildElements = true
    hasText = false
  }

  /// `<name attributes…>text</name>` in one call.
  mutating func element(_ name: String, _ text: String, attributes: [(String, String)] = []) {
    start(name)
    for (key, value) in attributes { attribute(key, value) }
    if !text.isEmpty { self.text(text) }
    end()
  }

  /// The finished document, ending in a newline.
  mutating func finish() -> [UInt8] {
    precondition(open.isEmpty, "finish() with open elements: \(open)")
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  // MARK: - Bytes

  private mutating func finishStartTag() {
    if startTagPending {
      bytes.append(UInt8(ascii: ">"))
      startTagPending = false
    }
  }

  private mutating func newline(depth: Int) {
    bytes.append(UInt8(ascii: "\n"))
    for _ in 0..<depth { bytes.append(UInt8(ascii: " ")); bytes.append(UInt8(ascii: " ")) }
  }

  private mutating func append(_ raw: String) {
    bytes.append(contentsOf: raw.utf8)
  }

  /// Escapes `&`, `<`, `>` (always: `]]>` must never appear), and in attributes `"` and the
  /// white space characters that attribute-value normalisation would otherwise turn into spaces.
  /// Drops what XML 1.0 cannot carry at all.
  static func appendEscaped(_ value: String, inAttribute: Bool, to out: inout [UInt8]) {
    var utf8 = value.utf8.makeIterator()
    var pending: [UInt8] = []
    pending.reserveCapacity(4)
    while let byte = utf8.next() {
      switch byte {
      case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
      case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
      case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
      case UInt8(ascii: "\"") where inAttribute: out.append(contentsOf: "&quot;".utf8)
      case 0x09 where inAttribute: out.append(contentsOf: "&#9;".utf8)
      case 0x0A where inAttribute: out.append(contentsOf: "&#10;".utf8)
      case 0x0D: out.append(contentsOf: "&#13;".utf8)  // a raw CR would be read back as LF
      case 0x09, 0x0A: out.append(byte)
      case 0x00..<0x20: continue  // forbidden in XML 1.0
      case 0xEF:
        // U+FFFE and U+FFFF are EF BF BE / EF BF BF: forbidden non-characters.
        pending.removeAll(keepingCapacity: true)
        pending.append(byte)
        guard let second = utf8.next() else { out.append(contentsOf: pending); continue }
        pending.append(second)
        guard let third = utf8.next() else { out.append(contentsOf: pending); continue }
        if second == 0xBF && (third == 0xBE || third == 0xBF) { continue }
        pending.append(third)
        out.append(contentsOf: pending)
      default: out.append(byte)
      }
    }
  }
}
