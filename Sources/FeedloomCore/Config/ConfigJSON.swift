/// A JSON value read from a config file, with the line it starts on, so that every config error
/// can name the line as well as the JSON path.
struct JSONNode: Sendable, Equatable {
  enum Value: Sendable, Equatable {
    case object([(key: String, node: JSONNode)])
    case array([JSONNode])
    case string(String)
    /// The number as written (`12`, `-0.5e3`), so that integers are checked exactly.
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: Value, rhs: Value) -> Bool {
      switch (lhs, rhs) {
      case let (.object(a), .object(b)):
        return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.node == $1.node }
      case let (.array(a), .array(b)): return a == b
      case let (.string(a), .string(b)): return a == b
      case let (.number(a), .number(b)): return a == b
      case let (.bool(a), .bool(b)): return a == b
      case (.null, .null): return true
      default: return false
      }
    }
  }

  var value: Value
  /// 1-based line of the value's first character.
  var line: Int

  /// What the value is, for messages ("expected a string, found a number").
  var kindName: String {
    switch value {
    case .object: return "an object"
    case .array: return "an array"
    case .string: return "a string"
    case .number: return "a number"
    case .bool: return "a boolean"
    case .null: return "null"
    }
  }
}

/// A strict RFC 8259 parser (no comments, no trailing commas) that keeps line numbers.
struct ConfigJSONParser {
  struct SyntaxError: Error, Equatable {
    var line: Int
    var column: Int
    var message: String
  }

  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var lineStart = 0
  private var depth = 0
  private static let maximumDepth = 64

  init(_ bytes: [UInt8]) {
    // A UTF-8 byte order mark is tolerated: editors on some systems write one.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      self.bytes = Array(bytes.dropFirst(3))
    } else {
      self.bytes = bytes
    }
  }

  /// The document's one value.
  static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONNode {
    var parser = ConfigJSONParser(bytes)
    parser.skipSpace()
    let node = try parser.parseValue()
    parser.skipSpace()
    if parser.index < parser.bytes.count { throw parser.error("unexpected text after the JSON value") }
    return node
  }

  private func error(_ message: String) -> SyntaxError {
    SyntaxError(line: line, column: index - lineStart + 1, message: message)
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0D: index += 1
      case 0x0A:
        index += 1
        line += 1
        lineStart = index
      default: return
      }
    }
  }

  private mutating func parseValue() throws(SyntaxError) -> JSONNode {
    guard index < bytes.count else { throw error("unexpected end of file: a value is missing") }
    let startLine = line
    switch bytes[index] {
    case UInt8(ascii: "{"): return JSONNode(value: try parseObject(), line: startLine)
    case UInt8(ascii: "["): return JSONNode(value: try parseArray(), line: startLine)
    case UInt8(ascii: "\""): return JSONNode(value: .string(try parseString()), line: startLine)
    case UInt8(ascii: "t"): try literal("true"); return JSONNode(value: .bool(true), line: startLine)
    case UInt8(ascii: "f"): try literal("false"); return JSONNode(value: .bool(false), line: startLine)
    case UInt8(ascii: "n"): try literal("null"); return JSONNode(value: .null, line: startLine)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(value: .number(try parseNumber()), line: startLine)
    default:
      throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))': expected a value")
    }
  }

  private mutating func enter() throws(SyntaxError) {
    depth += 1
    if depth > ConfigJSONParser.maximumDepth { throw error("nested too deeply") }
  }

  private mutating func parseObject() throws(SyntaxError) -> JSONNode.Value {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [(key: String, node: JSONNode)] = []
    var seen = Set<String>()
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error("expected a key in double quotes")
      }
      let keyError = error("")
      let key = try parseString()
      guard seen.insert(key).inserted else {
        throw SyntaxError(line: keyError.line, column: keyError.column, message: "key \"\(key)\" appears twice")
      }
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after the key \"\(key)\"")
      }
      index += 1
      skipSpace()
      members.append((key, try parseValue()))
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end of file: '}' is missing") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      throw error("expected ',' or '}'")
    }
  }

  private mutating func parseArray() throws(SyntaxError) -> JSONNode.Value {
    try enter()
    defer { depth -= 1 }
    index += 1
    var elements: [JSONNode] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipSpace()
      elements.append(try parseValue())
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end of file: ']' is missing") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(elements)
      }
      throw error("expected ',' or ']'")
    }
  }

  private mutating func literal(_ word: String) throws(SyntaxError) {
    let expected = Array(word.utf8)
    guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected
    else { throw error("unexpected text: expected a value") }
    index += expected.count
  }

  private mutating func parseNumber() throws(SyntaxError) -> String {
    let start = index
    func digits() -> Int {
      let from = index
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      return index - from
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { throw error("a number needs digits") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if digits() == 0 {
      throw error("a number needs digits")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw error("a number needs digits after '.'") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard digits() > 0 else { throw error("a number needs digits in its exponent") }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private mutating func parseString() throws(SyntaxError) -> String {
    index += 1
    var out = [UInt8]()
    while true {
      guard index < bytes.count else { throw error("unexpected end of file inside a string") }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        guard let text = String(validating: out, as: UTF8.self) else {
          throw error("the string is not valid UTF-8")
        }
        return text
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { throw error("unexpected end of file inside a string") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("a \\u escape of a high surrogate needs its low surrogate") }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let value = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
          UTF8.encode(value) { out.append($0) }
        default:
          throw error("unknown escape '\\\(Character(Unicode.Scalar(escape)))'")
        }
      case 0x00..<0x20:
        throw error("a control character (a raw line break?) inside a string: write it as an escape")
      default:
        out.append(byte)
        index += 1
      }
    }
  }

  private mutating func hex4() throws(SyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count,
      let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
    else { throw error("a \\u escape needs four hex digits") }
    index += 4
    return value
  }
}
