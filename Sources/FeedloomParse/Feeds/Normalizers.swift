import FeedloomModel
import FeedloomNormalize
import FeedloomXML

/// The normalisers every reader calls, in one place (they live in FeedloomNormalize).
enum Normalize {
  static func date(_ text: String) -> DateTime? { DateReader.parse(text) }

  static func person(_ text: String) -> Person { PersonReader.parse(text) }

  /// An absolute URL, or nil for one that must not be kept (`javascript:` and friends).
  /// Character references are decoded first, as a browser decodes an attribute value, so
  /// `javascript&#58;…` is judged (and refused) as the `javascript:` it would become.
  static func url(_ reference: String, base: String?) -> String? {
    // On the contiguous bytes: the generic `utf8.contains` walked String indices, byte by byte.
    let hasReference = reference.utf8.withContiguousStorageIfAvailable {
      SWAR.contains(UInt8(ascii: "&"), in: $0)
    } ?? reference.utf8.contains(UInt8(ascii: "&"))
    let decoded = hasReference ? AttributeReferences.decode(reference) : reference
    return URLResolver.resolve(decoded, against: base)
  }

  static func sanitize(_ html: String, base: String?) -> String {
    HTMLSanitizer.sanitize(html, baseURL: base)
  }

  /// The sanitised form of a body and its plain text, from one pass.
  static func sanitizeWithPlainText(_ html: String, base: String?) -> (html: String, text: String) {
    let sanitized = HTMLSanitizer.sanitizeWithPlainText(html, baseURL: base)
    return (sanitized.html, sanitized.plainText)
  }

  /// `sanitizeWithPlainText` of a captured body's UTF-8 bytes (surrounding XML white space
  /// ignored), with no String of the body made first.
  static func sanitizeWithPlainText(_ utf8: UnsafeBufferPointer<UInt8>, base: String?) -> (html: String, text: String) {
    let sanitized = HTMLSanitizer.sanitizeWithPlainText(utf8: utf8, baseURL: base)
    return (sanitized.html, sanitized.plainText)
  }

  static func looksLikeHTML(_ text: String) -> Bool { HTMLSanitizer.looksLikeHTML(text) }

  static func plainText(fromHTML html: String) -> String { HTMLText.plainText(fromHTML: html) }

  static func trimmedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    Whitespace.trimmedXMLString(bytes)
  }

  static func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String { Whitespace.utf8String(utf8) }
}

/// HTML character references in an attribute value, decoded as the HTML standard says:
/// numeric ones with or without `;`, named ones with `;`, and the legacy names without `;`
/// unless an `=` or an alphanumeric follows (so `?a=1&copy=2` stays as it is).
enum AttributeReferences {
  static func decode(_ s: String) -> String {
    let b = Array(s.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    func isAlnum(_ c: UInt8) -> Bool {
      (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
    while i < b.count {
      guard b[i] == UInt8(ascii: "&"), i + 1 < b.count else {
        out.append(b[i])
        i += 1
        continue
      }
      if b[i + 1] == UInt8(ascii: "#") {
        var j = i + 2
        let hex = j < b.count && (b[j] == UInt8(ascii: "x") || b[j] == UInt8(ascii: "X"))
        if hex { j += 1 }
        var value: UInt32 = 0
        let start = j
        while j < b.count, j - start < 8 {
          let c = b[j]
          let d: UInt32
          if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
          else if hex && c >= 0x61 && c <= 0x66 { d = UInt32(c - 0x61 + 10) }
          else if hex && c >= 0x41 && c <= 0x46 { d = UInt32(c - 0x41 + 10) }
          else { break }
          value = value * (hex ? 16 : 10) + d
          j += 1
        }
        if j > start {
          if j < b.count && b[j] == UInt8(ascii: ";") { j += 1 }
          let scalar = Unicode.Scalar(value).flatMap { value == 0 ? nil : $0 } ?? "\u{FFFD}"
          out.append(contentsOf: String(Character(scalar)).utf8)
          i = j
          continue
        }
      } else {
        var j = i + 1
        while j < b.count && j - i <= 32 && isAlnum(b[j]) { j += 1 }
        let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
        if j < b.count && b[j] == UInt8(ascii: ";"), let text = HTMLEntities.lookup(name) {
          out.append(contentsOf: text.utf8)
          i = j + 1
          continue
        }
        // The longest legacy name that prefixes the run, if what follows allows it.
        var k = j
        while k > i + 1 {
          let prefix = String(decoding: b[(i + 1)..<k], as: UTF8.self)
          if let text = HTMLEntities.lookupLegacy(prefix) {
            let next = k < b.count ? b[k] : 0
            if next == UInt8(ascii: "=") || isAlnum(next) { break }
            out.append(contentsOf: text.utf8)
            i = k
            break
          }
          k -= 1
        }
        if i == k { continue }
      }
      out.append(b[i])
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
