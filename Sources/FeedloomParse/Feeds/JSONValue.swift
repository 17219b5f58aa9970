/// A parsed JSON value (RFC 8259), read by a small recursive-descent parser over UTF-8 bytes:
/// FeedloomParse stays free of Foundation, whose ICU headers clash with libxml2's.
enum JSONValue: Equatable {
  case null
  case bool(Bool)
  case number(Double, text: String)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  var string: String? { if case .string(let s) = self { return s }; return nil }
  var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
  var object: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
  var integer: Int? {
    if case .number(let d, _) = self, d.isFinite, d.rounded() == d, abs(d) < 1e18 { return Int(d) }
    return nil
  }

  /// Parses a whole document; nil when it is not valid JSON.
  static func parse(_ bytes: [UInt8]) -> JSONValue? {
    var p = Parser(bytes: bytes)
    guard let v = p.value(depth: 0) else { return nil }
    p.skipSpace()
    return p.i == bytes.count ? v : nil
  }

  private struct Parser {
    let bytes: [UInt8]
    var i = 0

    mutating func skipSpace() {
      while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
        i += 1
      }
    }

    mutating func value(depth: Int) -> JSONValue? {
      guard depth < 512 else { return nil }
      skipSpace()
      guard i < bytes.count else { return nil }
      switch bytes[i] {
      case UInt8(ascii: "{"):
        i += 1
        var o: [String: JSONValue] = [:]
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
        while true {
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let k = string() else { return nil }
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
          i += 1
          guard let v = value(depth: depth + 1) else { return nil }
          if o[k] == nil { o[k] = v }
          skipSpace()
          guard i < bytes.count else { return nil }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
          return nil
        }
      case UInt8(ascii: "["):
        i += 1
        var a: [JSONValue] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
        while true {
          guard let v = value(depth: depth + 1) else { return nil }
          a.append(v)
          skipSpace()
          guard i < bytes.count else { return nil }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
          return nil
        }
      case UInt8(ascii: "\""):
        return string().map(JSONValue.string)
      case UInt8(ascii: "t"): return literal("true", .bool(true))
      case UInt8(ascii: "f"): return literal("false", .bool(false))
      case UInt8(ascii: "n"): return literal("null", .null)
      default:
        let start = i
        while i < bytes.count, let c = Optional(bytes[i]),
          (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x65 || c == 0x45
        {
          i += 1
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let d = Double(text) else { return nil }
        return .number(d, text: text)
      }
    }

    mutating func literal(_ word: String, _ v: JSONValue) -> JSONValue? {
      let w = Array(word.utf8)
      guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return nil }
      i += w.count
      return v
    }

    mutating func hex4() -> UInt32? {
      guard i + 4 <= bytes.count else { return nil }
      var v: UInt32 = 0
      for _ in 0..<4 {
        let c = bytes[i]
        let d: UInt32
        switch c {
        case 0x30...0x39: d = UInt32(c - 0x30)
        case 0x61...0x66: d = UInt32(c - 0x61 + 10)
        case 0x41...0x46: d = UInt32(c - 0x41 + 10)
        default: return nil
        }
        v = v * 16 + d
        i += 1
      }
      return v
    }

    /// At the opening quote.
    mutating func string() -> String? {
      i += 1
      var out: [UInt8] = []
      while i < bytes.count {
        let c = bytes[i]
        if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
        if c == UInt8(ascii: "\\") {
          i += 1
          guard i < bytes.count else { return nil }
          let e = bytes[i]
          i += 1
          switch e {
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "u"):
            guard var v = hex4() else { return nil }
            if v >= 0xD800 && v < 0xDC00, i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
              i += 2
              guard let low = hex4() else { return nil }
              v = low >= 0xDC00 && low < 0xE000 ? 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            } else if v >= 0xD800 && v < 0xE000 {
              v = 0xFFFD
            }
            out.append(contentsOf: String(Character(Unicode.Scalar(v) ?? "\u{FFFD}")).utf8)
          default: out.append(e)
          }
          continue
        }
        out.append(c)
        i += 1
      }
      return nil
    }
  }
}
