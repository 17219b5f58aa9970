/// A small, fast JSON writer over UTF-8 bytes.
///
/// Pretty output indents by two spaces; callers emit object keys in sorted order so that
/// both forms are byte-stable. Strings are escaped per RFC 8259; non-ASCII is written as is.
public struct JSONWriter: Sendable {
  public private(set) var bytes: [UInt8] = []
  public let pretty: Bool
  private var depth = 0
  private var first = true

  public init(pretty: Bool) {
    self.pretty = pretty
    bytes.reserveCapacity(4096)
  }

  /// Hands out what was written so far and starts a fresh buffer (for streaming output).
  public mutating func take() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return bytes
  }

  public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); open() }
  public mutating func endObject() { close(UInt8(ascii: "}")) }
  public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); open() }
  public mutating func endArray() { close(UInt8(ascii: "]")) }

  public mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    if pretty { bytes.append(UInt8(ascii: " ")) }
    pendingValueAfterKey = true  // the value that follows needs no separator
  }

  public mutating func string(_ value: String) {
    separate()
    JSONWriter.appendEscaped(value, to: &bytes)
  }

  /// A date as its RFC 3339 string.
  public mutating func date(_ value: DateTime) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    value.appendRFC3339(to: &bytes)
    bytes.append(UInt8(ascii: "\""))
  }

  public mutating func int(_ value: Int) {
    separate()
    bytes.append(contentsOf: String(value).utf8)
  }

  public mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  // MARK: Convenience for optional members

  public mutating func member(_ name: StaticString, _ value: String?) {
    guard let value else { return }
    key(name)
    string(value)
  }

  public mutating func member(_ name: StaticString, _ value: Int?) {
    guard let value else { return }
    key(name)
    int(value)
  }

  // MARK: Layout

  private var pendingValueAfterKey = false

  private mutating func separate() {
    if pendingValueAfterKey {
      pendingValueAfterKey = false
      return
    }
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
    if pretty && depth > 0 { newline() }
  }

  private mutating func open() {
    depth += 1
    first = true
  }

  private mutating func close(_ bracket: UInt8) {
    depth -= 1
    if pretty && !first { newline() }
    bytes.append(bracket)
    first = false
  }

  private mutating func newline() {
    bytes.append(UInt8(ascii: "\n"))
    for _ in 0..<depth { bytes.append(UInt8(ascii: " ")); bytes.append(UInt8(ascii: " ")) }
  }

  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  public static func appendEscaped(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { b in
      guard let base = b.baseAddress else { return }
      let raw = UnsafeRawPointer(base)
      let count = b.count
      // Runs of bytes that need no escape (nearly all of them) go in with one copy each; the
      // next byte to escape is found eight bytes at a time, its place read off the flags.
      var run = 0
      var i = 0
      func escape(_ at: Int) {
        if run < at { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<at])) }
        run = at + 1
        let byte = b[at]
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0..<0x20:
          out.append(UInt8(ascii: "u"))
          out.append(0x30)
          out.append(0x30)
          out.append(hex[Int(byte >> 4)])
          out.append(hex[Int(byte & 0xF)])
        default: out.append(byte)
        }
      }
      while i + 8 <= count {
        let flags = escapeFlags(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
        if flags == 0 {
          i += 8
          continue
        }
        let at = i + flags.trailingZeroBitCount >> 3
        escape(at)
        i = at + 1
      }
      while i < count {
        let byte = b[i]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { escape(i) }
        i += 1
      }
      if run < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run...])) }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// The high bit of each byte (first byte lowest) that is a control, a quote or a
  /// backslash. Each test is the usual borrow trick (`x - 0x01…`, `x - 0x20…`; bytes from 0x80
  /// up masked out): no such byte is missed, and a borrow can only raise a false flag above a
  /// real one, so the lowest flag is always a byte to escape.
  @inline(__always)
  static func escapeFlags(_ word: UInt64) -> UInt64 {
    let quote = word ^ 0x2222_2222_2222_2222
    let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
    let borrows = (word &- 0x2020_2020_2020_2020) | (quote &- 0x0101_0101_0101_0101)
      | (backslash &- 0x0101_0101_0101_0101)
    return borrows & ~(word & quote & backslash) & 0x8080_8080_8080_8080
  }
}
