import FeedloomTestSupport
import Foundation

@testable import FeedloomNormalize

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The read-only reference material (`shared/`, found by `SharedHarness`); nil when it is
/// not on this machine (the harness tests then skip).
enum SharedMaterial {
  static let root: URL? = SharedHarness.directory(containing: "conformance")

  static var isAvailable: Bool { root != nil }
}

/// A feedparser case file reduced to what the sanitiser sees: the HTML of the field its
/// `Expect:` line compares, and the expected string.
struct FeedparserSanitizeCase {
  let name: String
  let input: String
  let expected: String
  /// The base the field's relative URLs resolve against (Content-Location or document URL,
  /// then `xml:base`).
  let base: String?

  /// Nil when the file's expectation is not a string comparison of one HTML field.
  init?(file: URL, documentURL: String? = nil) {
    guard let data = try? Data(contentsOf: file), let text = String(data: data, encoding: .utf8),
      let expectLine = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("Expect:") })
    else { return nil }
    let expectation = expectLine.dropFirst("Expect:".count)
    guard let equals = expectation.range(of: " == ") else { return nil }
    let lhs = expectation[..<equals.lowerBound].replacingOccurrences(of: "not bozo and", with: "")
      .trimmingCharacters(in: .whitespaces)
    guard let expected = PythonStringLiteral.parseConcatenation(String(expectation[equals.upperBound...])),
      let target = FieldTarget(expression: lhs)
    else { return nil }
    var documentBase = documentURL
    if let header = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("Header:") }),
      let location = header.range(of: "Content-Location:")
    {
      documentBase = header[location.upperBound...].trimmingCharacters(in: .whitespaces)
    }
    let extractor = FieldExtractor(target: target, documentBase: documentBase)
    let parser = XMLParser(data: data)
    parser.delegate = extractor
    parser.shouldProcessNamespaces = false
    _ = parser.parse()
    guard let input = extractor.bestValue() else { return nil }
    self.name = file.lastPathComponent
    self.input = input
    self.expected = expected
    self.base = extractor.capturedBase
  }
}

/// Which element a feedparser expression reads.
struct FieldTarget {
  let inEntry: Bool
  /// Local names that may carry the field, best first.
  let candidates: [String]

  init?(expression: String) {
    let scope: String
    if expression.hasPrefix("entries[0]") {
      inEntry = true
      scope = "entries[0]"
    } else if expression.hasPrefix("feed") {
      inEntry = false
      scope = "feed"
    } else {
      return nil
    }
    guard let open = expression.range(of: "['"), let close = expression[open.upperBound...].range(of: "']") else {
      return nil
    }
    var key = String(expression[open.upperBound..<close.lowerBound])
    // Only the value itself: `X`, `X_detail['value']`, `X[0]['value']`.
    let accessor = expression.dropFirst(scope.count + key.count + 4)
    if key.hasSuffix("_detail") {
      guard accessor == "['value']" else { return nil }
      key = String(key.dropLast("_detail".count))
    } else {
      guard accessor.isEmpty || accessor == "[0]['value']" else { return nil }
    }
    let content = ["content", "encoded", "body", "fullitem"]
    switch key {
    case "content": candidates = content
    case "description", "summary": candidates = inEntry ? ["summary", "description"] + content : ["description", "subtitle", "tagline"]
    case "title": candidates = ["title"]
    case "copyright", "rights": candidates = ["copyright", "rights"]
    case "info": candidates = ["info"]
    case "tagline", "subtitle": candidates = ["tagline", "subtitle", "description"]
    default: return nil
    }
  }
}

/// Collects the text (or inline markup, re-serialised) of the candidate elements.
final class FieldExtractor: NSObject, XMLParserDelegate {
  let target: FieldTarget
  private var entryDepth = 0
  private var capturing: String?
  private var captureDepth = 0
  /// The content as markup (text escaped), and as plain text when it has no child element.
  private var buffer = ""
  private var plainText = ""
  private var sawChild = false
  private var isXHTMLType = false
  private var isBase64 = false
  private var values: [String: String] = [:]
  private var openTagPending = false

  /// The base in effect at each open element, innermost last.
  private var bases: [String?]
  private(set) var capturedBase: String?

  init(target: FieldTarget, documentBase: String?) {
    self.target = target
    self.bases = [documentBase]
  }

  func bestValue() -> String? {
    target.candidates.lazy.compactMap { self.values[$0] }.first
  }

  private func localName(_ qName: String) -> String {
    qName.split(separator: ":").last.map(String.init) ?? qName
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    let local = localName(elementName)
    if capturing != nil {
      closePendingTag()
      sawChild = true
      captureDepth += 1
      buffer += "<" + local
      for (key, value) in attributeDict.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("xmlns") {
        buffer += " \(key)=\"\(Self.escape(value, quote: true))\""
      }
      openTagPending = true
      return
    }
    var base = bases.last ?? nil
    if let xmlBase = attributeDict["xml:base"] {
      base = URLResolver.resolve(xmlBase, against: base) ?? base
    }
    bases.append(base)
    if local == "item" || local == "entry" { entryDepth += 1 }
    let inScope = target.inEntry ? entryDepth > 0 : entryDepth == 0
    if inScope, target.candidates.contains(local), values[local] == nil {
      capturing = local
      capturedBase = base
      captureDepth = 0
      buffer = ""
      plainText = ""
      sawChild = false
      isXHTMLType = attributeDict["type"] == "xhtml"
      isBase64 = attributeDict["mode"] == "base64"
    }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
    let local = localName(elementName)
    if let name = capturing {
      if captureDepth == 0 {
        var value = sawChild ? buffer : plainText
        if isBase64, let decoded = Data(base64Encoded: value.trimmingCharacters(in: .whitespacesAndNewlines)) {
          value = String(decoding: decoded, as: UTF8.self)
        }
        if isXHTMLType, value.hasPrefix("<div"), let start = value.firstIndex(of: ">"), value.hasSuffix("</div>") {
          value = String(value[value.index(after: start)..<value.index(value.endIndex, offsetBy: -6)])
        }
        values[name] = value
        capturing = nil
      } else {
        captureDepth -= 1
        if openTagPending {
          buffer += " />"
          openTagPending = false
        } else {
          buffer += "</\(local)>"
        }
      }
      if capturing != nil { return }
    }
    bases.removeLast()
    if local == "item" || local == "entry" { entryDepth -= 1 }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    guard capturing != nil else { return }
    closePendingTag()
    buffer += Self.escape(string, quote: false)
    plainText += string
  }

  func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
    guard capturing != nil else { return }
    closePendingTag()
    let text = String(decoding: CDATABlock, as: UTF8.self)
    buffer += Self.escape(text, quote: false)
    plainText += text
  }

  private func closePendingTag() {
    if openTagPending {
      buffer += ">"
      openTagPending = false
    }
  }

  private static func escape(_ s: String, quote: Bool) -> String {
    var out = s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
    if quote { out = out.replacingOccurrences(of: "\"", with: "&quot;") }
    return out
  }
}

/// Python string literals as feedparser's `Expect:` lines write them: `'…'` or `"…"`,
/// joined with `+`.
enum PythonStringLiteral {
  static func parseConcatenation(_ source: String) -> String? {
    let chars = Array(source.unicodeScalars)
    var index = 0
    var result = ""
    var expectLiteral = true
    while index < chars.count {
      let c = chars[index]
      if c == " " || c == "\t" || c == "\r" {
        index += 1
        continue
      }
      if expectLiteral {
        guard c == "'" || c == "\"" else { return nil }
        guard let (value, next) = literal(chars, from: index) else { return nil }
        result += value
        index = next
        expectLiteral = false
      } else {
        guard c == "+" else { return nil }  // anything else: not a plain string comparison
        index += 1
        expectLiteral = true
      }
    }
    return expectLiteral ? nil : result
  }

  private static func literal(_ chars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
    let quote = chars[start]
    var index = start + 1
    var out = String.UnicodeScalarView()
    while index < chars.count {
      let c = chars[index]
      if c == quote { return (String(out), index + 1) }
      if c == "\\", index + 1 < chars.count {
        let e = chars[index + 1]
        index += 2
        switch e {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        case "\\": out.append("\\")
        case "'": out.append("'")
        case "\"": out.append("\"")
        case "x", "u", "U":
          let width = e == "x" ? 2 : (e == "u" ? 4 : 8)
          guard index + width <= chars.count,
            let value = UInt32(String(String.UnicodeScalarView(chars[index..<(index + width)])), radix: 16),
            let scalar = Unicode.Scalar(value)
          else { return nil }
          out.append(scalar)
          index += width
        default:
          out.append("\\")
          out.append(e)
        }
        continue
      }
      out.append(c)
      index += 1
    }
    return nil
  }
}
