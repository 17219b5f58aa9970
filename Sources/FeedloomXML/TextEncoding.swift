#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension XMLDecoder {
  // MARK: - Sniffing

  enum Family { case ascii, utf16le, utf16be, utf32le, utf32be, ebcdic }

  struct Sniffed {
    var name: String?
    var family: Family
    var bomLength: Int
    var hasBOM: Bool
  }

  static func sniff(_ b: [UInt8]) -> Sniffed {
    func starts(_ p: [UInt8]) -> Bool { b.count >= p.count && Array(b[0..<p.count]) == p }
    if starts([0x00, 0x00, 0xFE, 0xFF]) { return Sniffed(name: "utf-32be", family: .utf32be, bomLength: 4, hasBOM: true) }
    if starts([0xFF, 0xFE, 0x00, 0x00]) { return Sniffed(name: "utf-32le", family: .utf32le, bomLength: 4, hasBOM: true) }
    if starts([0xFE, 0xFF]) { return Sniffed(name: "utf-16be", family: .utf16be, bomLength: 2, hasBOM: true) }
    if starts([0xFF, 0xFE]) { return Sniffed(name: "utf-16le", family: .utf16le, bomLength: 2, hasBOM: true) }
    if starts([0xEF, 0xBB, 0xBF]) { return Sniffed(name: "utf-8", family: .ascii, bomLength: 3, hasBOM: true) }
    if starts([0x00, 0x00, 0x00, 0x3C]) { return Sniffed(name: "utf-32be", family: .utf32be, bomLength: 0, hasBOM: false) }
    if starts([0x3C, 0x00, 0x00, 0x00]) { return Sniffed(name: "utf-32le", family: .utf32le, bomLength: 0, hasBOM: false) }
    if starts([0x00, 0x3C, 0x00, 0x3F]) || starts([0x00, 0x3C, 0x00, 0x21]) {
      return Sniffed(name: "utf-16be", family: .utf16be, bomLength: 0, hasBOM: false)
    }
    if starts([0x3C, 0x00, 0x3F, 0x00]) || starts([0x3C, 0x00, 0x21, 0x00]) {
      return Sniffed(name: "utf-16le", family: .utf16le, bomLength: 0, hasBOM: false)
    }
    if starts([0x4C, 0x6F, 0xA7, 0x94]) { return Sniffed(name: "cp037", family: .ebcdic, bomLength: 0, hasBOM: false) }
    return Sniffed(name: nil, family: .ascii, bomLength: 0, hasBOM: false)
  }

  /// The `encoding` of the XML declaration, read in the byte family sniffed.
  static func declaredEncoding(_ b: [UInt8], family: Family) -> String? {
    let head = Array(b.prefix(1024))
    var text: [UInt8]
    switch family {
    case .ascii:
      text = head
      if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
    case .utf16le: text = stride(from: 0, to: head.count - 1, by: 2).map { head[$0 + 1] == 0 ? head[$0] : 0x3F }
    case .utf16be: text = stride(from: 0, to: head.count - 1, by: 2).map { head[$0] == 0 ? head[$0 + 1] : 0x3F }
    case .utf32le, .utf32be:
      text = stride(from: 0, to: head.count - 3, by: 4).map {
        family == .utf32le ? head[$0] : head[$0 + 3]
      }
    case .ebcdic:
      text = Iconv.toUTF8(head, from: "cp037") ?? []
    }
    while let first = text.first, first == 0xFE || first == 0xFF { text.removeFirst() }
    guard text.starts(with: Array("<?xml".utf8)) else { return nil }
    guard let end = text.firstIndex(of: UInt8(ascii: ">")) else { return nil }
    return pseudoAttribute("encoding", in: Array(text[..<end]))?.lowercased()
  }

  /// The value of `name="…"` in an XML declaration.
  static func pseudoAttribute(_ name: String, in decl: [UInt8]) -> String? {
    let key = Array(name.utf8)
    var i = 0
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    while i + key.count <= decl.count {
      guard Array(decl[i..<(i + key.count)]) == key else { i += 1; continue }
      var j = i + key.count
      while j < decl.count && isSpace(decl[j]) { j += 1 }
      guard j < decl.count, decl[j] == UInt8(ascii: "=") else { i += 1; continue }
      j += 1
      while j < decl.count && isSpace(decl[j]) { j += 1 }
      guard j < decl.count, decl[j] == 0x22 || decl[j] == 0x27 else { return nil }
      let quote = decl[j]
      let start = j + 1
      var end = start
      while end < decl.count && decl[end] != quote { end += 1 }
      let value = String(decoding: decl[start..<end], as: UTF8.self).trimmingSpaces
      return value.isEmpty ? nil : value
    }
    return nil
  }

  /// The `charset` parameter of a Content-Type value, lower-cased.
  public static func charset(ofContentType value: String) -> String? {
    parseContentType(value).charset
  }

  static func parseContentType(_ value: String) -> (mime: String, charset: String?) {
    let parts = value.split(separator: ";", omittingEmptySubsequences: false)
    let mime = (parts.first.map { String($0) } ?? "").trimmingSpaces.lowercased()
    var charset: String?
    for part in parts.dropFirst() {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "charset" else { continue }
      var v = pair[1].trimmingSpaces
      v = String(v.filter { $0 != "\"" && $0 != "'" }).trimmingSpaces
      if !v.isEmpty { charset = v.lowercased() }
    }
    return (mime, charset)
  }

  static func isApplicationXML(_ mime: String) -> Bool {
    mime == "application/xml" || mime == "application/xml-dtd"
      || mime == "application/xml-external-parsed-entity"
      || (mime.hasPrefix("application/") && mime.hasSuffix("+xml"))
  }

  static func isTextXML(_ mime: String) -> Bool {
    mime == "text/xml" || mime == "text/xml-external-parsed-entity"
      || (mime.hasPrefix("text/") && mime.hasSuffix("+xml"))
  }

}

// MARK: - Names

enum EncodingName {
  static let aliases: [String: String] = [
    "utf8": "utf-8", "u8": "utf-8", "utf": "utf-8", "cp65001": "utf-8", "u16": "utf-16",
    "u32": "utf-32", "utf-16-le": "utf-16le", "utf-16-be": "utf-16be", "unicode-1-1-utf-8": "utf-8", "unicode-2-0-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "utf16": "utf-16", "utf-16": "utf-16", "ucs-2": "utf-16", "iso-10646-ucs-2": "utf-16",
    "utf16le": "utf-16le", "utf16be": "utf-16be", "unicodefffe": "utf-16be",
    "unicode": "utf-16",
    "utf32": "utf-32", "ucs-4": "utf-32", "iso-10646-ucs-4": "utf-32",
    "utf32le": "utf-32le", "utf32be": "utf-32be",
    "ascii": "us-ascii", "ansi_x3.4-1968": "us-ascii", "iso646-us": "us-ascii", "us": "us-ascii",
    "latin1": "iso-8859-1", "latin-1": "iso-8859-1", "l1": "iso-8859-1", "iso8859-1": "iso-8859-1",
    "iso_8859-1": "iso-8859-1", "iso88591": "iso-8859-1", "cp819": "iso-8859-1",
    "ibm819": "iso-8859-1", "iso-ir-100": "iso-8859-1", "iso_8859-1:1987": "iso-8859-1",
    "csisolatin1": "iso-8859-1", "8859-1": "iso-8859-1",
    "cp1252": "windows-1252", "x-cp1252": "windows-1252", "windows1252": "windows-1252",
    "ms-ansi": "windows-1252",
    "sjis": "shift_jis", "x-sjis": "shift_jis", "shift-jis": "shift_jis", "ms_kanji": "shift_jis",
    "x-euc-jp": "euc-jp", "x-euc-kr": "euc-kr", "ks_c_5601-1987": "euc-kr",
    "x-gbk": "gbk", "maclatin2": "mac-centraleurope", "maciceland": "mac-is",
    "macroman": "macintosh", "mac-roman": "macintosh", "x-mac-roman": "macintosh",
    "x-mac-cyrillic": "mac-cyrillic",
    "macgreek": "mac-greek", "x-mac-greek": "mac-greek", "macturkish": "mac-turkish",
    "x-mac-turkish": "mac-turkish", "maccroatian": "mac-croatian", "x-mac-croatian": "mac-croatian",
    "macromanian": "mac-romanian", "x-mac-romanian": "mac-romanian", "ptcp154": "pt154",
  ]

  static func canonical(_ label: String) -> String {
    var name = label.lowercased()
    name = String(name.filter { $0 != " " && $0 != "\t" })
    // The labels nearly every document declares are canonical already: skip the alias table,
    // whose first use costs a one-off protocol-conformance scan (~0.35 M instructions).
    switch name {
    case "utf-8", "us-ascii", "iso-8859-1", "windows-1252", "utf-16", "utf-16le", "utf-16be": return name
    default: break
    }
    if let a = aliases[name] { return a }
    let dashed = name.replacingUnderscores
    if let a = aliases[dashed] { return a }
    // IBM code pages under their IANA `cs` names (csibm861, cspc850multilingual, cspcp852).
    for prefix in ["csibm", "cspcp", "cspc"] where dashed.hasPrefix(prefix) {
      let digits = dashed.dropFirst(prefix.count).prefix(while: { $0.isNumber })
      if !digits.isEmpty { return "ibm" + digits }
    }
    if dashed.hasPrefix("windows-") || dashed.hasPrefix("iso-8859-") || dashed.hasPrefix("koi8-")
      || dashed.hasPrefix("ebcdic-") || dashed.hasPrefix("mac-")
    {
      return dashed
    }
    return name
  }

  /// UTF-7 and friends can smuggle markup past every check that looks at ASCII: refused.
  static func isAllowed(_ name: String) -> Bool {
    !(name.hasPrefix("utf-7") || name.hasPrefix("utf7") || name == "unicode-1-1-utf-7"
      || name.hasPrefix("x-imap4") || name == "csunicode11utf7" || name.contains("hz-gb"))
  }

  static func isKnown(_ label: String) -> Bool {
    let name = canonical(label)
    switch name {
    case "utf-8", "us-ascii", "iso-8859-1", "windows-1252", "utf-16", "utf-16le", "utf-16be",
      "utf-32", "utf-32le", "utf-32be":
      return true
    default:
      return MacCodePages.table(for: name) != nil || (isAllowed(name) && Iconv.knows(name))
    }
  }

  static func isLatin(_ label: String) -> Bool {
    let name = canonical(label)
    return name == "iso-8859-1" || name == "windows-1252" || name == "us-ascii"
  }

  static func family(of label: String) -> XMLDecoder.Family {
    let name = canonical(label)
    if name.hasPrefix("utf-16") { return name == "utf-16be" ? .utf16be : .utf16le }
    if name.hasPrefix("utf-32") { return name == "utf-32be" ? .utf32be : .utf32le }
    if name.hasPrefix("ebcdic") || name == "cp037" || name == "ibm037" || name == "csibm037"
      || name == "cp500" || name == "ibm500" || name == "cp875" || name == "ibm1140"
      || name == "cp1140" || name == "cp1026" || name == "ibm1026"
    {
      return .ebcdic
    }
    return .ascii
  }

  /// Whether two labels name one codec (utf-16 with either byte order counts as one).
  static func sameCodec(_ a: String, _ b: String) -> Bool {
    let x = canonical(a)
    let y = canonical(b)
    if x == y { return true }
    if x.hasPrefix("utf-16") && y.hasPrefix("utf-16") { return x == "utf-16" || y == "utf-16" }
    if x.hasPrefix("utf-32") && y.hasPrefix("utf-32") { return x == "utf-32" || y == "utf-32" }
    return (x == "iso-8859-1" && y == "windows-1252") || (x == "windows-1252" && y == "iso-8859-1")
  }
}

// MARK: - Decoders

/// Validation of UTF-8, chunk by chunk.
struct UTF8Scan {
  var invalid = 0
  var multibyte = 0
  /// Whether any byte is in 0x80-0x9F (which windows-1252 and ISO-8859-1 read differently).
  var hasC1 = false

  /// Scans the sequences of `p` that start before `upTo`; returns where it stopped: there,
  /// or (when not `isLast`) at a sequence the end of `p` may cut.
  @discardableResult
  mutating func add(_ p: UnsafeBufferPointer<UInt8>, isLast: Bool, upTo: Int = .max) -> Int {
    let n = p.count
    let end = min(n, upTo)
    var i = 0
    // Counters in locals: the loop keeps them in registers.
    var invalid = self.invalid, multibyte = self.multibyte, hasC1 = self.hasC1
    defer { (self.invalid, self.multibyte, self.hasC1) = (invalid, multibyte, hasC1) }
    while i < end {
      let c = p[i]
      if c < 0x80 {
        // ASCII runs: 32 bytes a step while they last, then 8. (Non-ASCII text skips the
        // block tests: its next byte is most likely not ASCII either.)
        if i + 32 <= end && UTF8Scan.asciiBlock(p, i) {
          i += 32
        } else if i + 8 <= end && UTF8Scan.asciiWord(p, i) {
          i += 8
        } else {
          i += 1
        }
        continue
      }
      if !isLast && i + 4 > n { return i }
      // Two- and three-byte characters (accents, Cyrillic, CJK) without the general switch.
      if c >= 0xC2 && c <= 0xDF && i + 1 < n && p[i + 1] & 0xC0 == 0x80 {
        multibyte += 1
        if p[i + 1] < 0xA0 { hasC1 = true }
        i += 2
        continue
      }
      if c >= 0xE1 && c <= 0xEC && i + 2 < n && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 {
        multibyte += 1
        if p[i + 1] < 0xA0 || p[i + 2] < 0xA0 { hasC1 = true }
        i += 3
        continue
      }
      let len = UTF8Scan.sequenceLength(p, i)
      if len == 0 {
        invalid += 1
        if c < 0xA0 { hasC1 = true }
        i += 1
      } else {
        multibyte += 1
        if !hasC1 {
          for k in 1..<len where p[i + k] < 0xA0 { hasC1 = true }
        }
        i += len
      }
    }
    return i
  }

  /// Whether the 32 bytes at `p[i]` are all ASCII.
  @inline(__always)
  static func asciiBlock(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let r = UnsafeRawPointer(p.baseAddress! + i)
    let any = r.loadUnaligned(as: UInt64.self) | r.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
      | r.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
      | r.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    return any & 0x8080_8080_8080_8080 == 0
  }

  /// Whether the 8 bytes at `p[i]` are all ASCII.
  @inline(__always)
  static func asciiWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
  }

  /// Length of the valid UTF-8 sequence starting at `i` (lead byte ≥ 0x80), or 0.
  @inline(__always)
  static func sequenceLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let c = p[i]
    let n = p.count
    @inline(__always) func cont(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
    switch c {
    case 0xC2...0xDF:
      return cont(i + 1) ? 2 : 0
    case 0xE0...0xEF:
      guard cont(i + 1), cont(i + 2) else { return 0 }
      let c1 = p[i + 1]
      if c == 0xE0 && c1 < 0xA0 { return 0 }  // overlong
      if c == 0xED && c1 >= 0xA0 { return 0 }  // surrogate
      return 3
    case 0xF0...0xF4:
      guard cont(i + 1), cont(i + 2), cont(i + 3) else { return 0 }
      let c1 = p[i + 1]
      if c == 0xF0 && c1 < 0x90 { return 0 }
      if c == 0xF4 && c1 >= 0x90 { return 0 }
      return 4
    default:
      return 0
    }
  }
}

/// windows-1252 as browsers read it (which is also what an `iso-8859-1` label means on the
/// web); the five unassigned bytes map to the C1 code points of the same value.
enum SingleByte {
  static let c1: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
    0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
  ]
}

@inline(__always)
func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
  switch v {
  case 0..<0x80: out.append(UInt8(v))
  case 0x80..<0x800:
    out.append(UInt8(0xC0 | (v >> 6)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  case 0x800..<0x10000:
    out.append(UInt8(0xE0 | (v >> 12)))
    out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  default:
    out.append(UInt8(0xF0 | (v >> 18)))
    out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
    out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  }
}

extension XMLDecoder {
  /// Turns the body into UTF-8 chunk by chunk with one codec, keeping what a chunk boundary
  /// cuts (a UTF-8 sequence, a UTF-16 unit or surrogate pair) for the next chunk: the output
  /// is the same however the body is split.
  struct Transcoder {
    let codec: Codec
    /// Invalid sequences replaced by U+FFFD (or dropped, for a trailing odd byte).
    private(set) var repaired = 0
    private var carry: [UInt8] = []
    /// Bytes of a byte order mark still to drop.
    private var skip = 0
    private var iconv: IconvStream?

    init(_ codec: Codec) {
      self.codec = codec
      switch codec {
      case .utf16(_, let skip), .utf32(_, let skip): self.skip = skip
      case .iconv(let name): iconv = IconvStream(name)
      default: break
      }
    }

    /// Appends the UTF-8 of `chunk` (`isLast` on the last one) to `out`.
    mutating func run(_ chunk: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: inout [UInt8]) {
      var chunk = chunk
      if skip > 0 {
        let dropped = min(skip, chunk.count)
        skip -= dropped
        chunk = UnsafeBufferPointer(rebasing: chunk[dropped...])
      }
      if carry.isEmpty {
        let used = convert(chunk, isLast: isLast, into: &out)
        if used < chunk.count { carry = Array(chunk[used...]) }
      } else {
        var joined: [UInt8] = []
        swap(&joined, &carry)
        joined.append(contentsOf: chunk)
        let used = joined.withUnsafeBufferPointer { convert($0, isLast: isLast, into: &out) }
        if used < joined.count { carry = Array(joined[used...]) }
      }
    }

    /// Converts what `p` holds whole; returns how much that was (all of it when `isLast`).
    private mutating func convert(
      _ p: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: inout [UInt8]
    ) -> Int {
      switch codec {
      case .utf8:
        out.append(contentsOf: p)
        return p.count
      case .utf8Repaired:
        return repairUTF8(p, isLast: isLast, into: &out)
      case .windows1252:
        for c in p {
          if c < 0x80 { out.append(c); continue }
          appendUTF8(c < 0xA0 ? SingleByte.c1[Int(c - 0x80)] : UInt32(c), to: &out)
        }
        return p.count
      case .table(let table):
        for c in p {
          if c < 0x80 { out.append(c) } else { appendUTF8(UInt32(table[Int(c - 0x80)]), to: &out) }
        }
        return p.count
      case .utf16(let bigEndian, _):
        return utf16(p, bigEndian: bigEndian, isLast: isLast, into: &out)
      case .utf32(let bigEndian, _):
        return utf32(p, bigEndian: bigEndian, isLast: isLast, into: &out)
      case .iconv:
        // Validated in full before (or by `decode`): a failure here cannot happen.
        _ = iconv?.convert(p, isLast: isLast, into: &out)
        return p.count
      }
    }

    /// Every invalid sequence replaced by U+FFFD.
    private mutating func repairUTF8(
      _ p: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: inout [UInt8]
    ) -> Int {
      let n = p.count
      var i = 0
      while i < n {
        var j = i
        while j < n && p[j] < 0x80 { j += 1 }
        if j > i {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j]))
          i = j
          continue
        }
        if !isLast && i + 4 > n { return i }
        let len = UTF8Scan.sequenceLength(p, i)
        if len == 0 {
          out.append(contentsOf: [0xEF, 0xBF, 0xBD])
          repaired += 1
          i += 1
        } else {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + len)]))
          i += len
        }
      }
      return i
    }

    private mutating func utf16(
      _ b: UnsafeBufferPointer<UInt8>, bigEndian: Bool, isLast: Bool, into out: inout [UInt8]
    ) -> Int {
      func unit(_ k: Int) -> UInt32 {
        bigEndian ? UInt32(b[k]) << 8 | UInt32(b[k + 1]) : UInt32(b[k + 1]) << 8 | UInt32(b[k])
      }
      let n = b.count
      var i = 0
      // A unit may need the next one (a surrogate pair): short of the last chunk, stop
      // while fewer than two units are left.
      while isLast ? i + 1 < n : i + 3 < n {
        let u = unit(i)
        i += 2
        if u >= 0xD800 && u < 0xDC00 {
          if i + 1 < n {
            let low = unit(i)
            if low >= 0xDC00 && low < 0xE000 {
              i += 2
              appendUTF8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: &out)
              continue
            }
          }
          repaired += 1
          appendUTF8(0xFFFD, to: &out)
        } else if u >= 0xDC00 && u < 0xE000 {
          repaired += 1
          appendUTF8(0xFFFD, to: &out)
        } else {
          appendUTF8(u, to: &out)
        }
      }
      guard isLast else { return i }
      if i < n { repaired += 1 }  // odd trailing byte dropped
      return n
    }

    private mutating func utf32(
      _ b: UnsafeBufferPointer<UInt8>, bigEndian: Bool, isLast: Bool, into out: inout [UInt8]
    ) -> Int {
      let n = b.count
      var i = 0
      while i + 3 < n {
        let v = bigEndian
          ? UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
          : UInt32(b[i + 3]) << 24 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i])
        i += 4
        if v > 0x10FFFF || (v >= 0xD800 && v < 0xE000) {
          repaired += 1
          appendUTF8(0xFFFD, to: &out)
        } else {
          appendUTF8(v, to: &out)
        }
      }
      guard isLast else { return i }
      if i < n { repaired += 1 }
      return n
    }
  }
}

/// Everything else through the C library's iconv.
enum Iconv {
  static func open(_ name: String) -> iconv_t? {
    for candidate in [name, name.uppercased(), name.replacingOccurrencesOfDash] {
      let cd = iconv_open("UTF-8", candidate)
      if cd != iconv_t(bitPattern: -1) { return cd }
    }
    return nil
  }

  static func knows(_ name: String) -> Bool {
    guard let cd = open(name) else { return false }
    iconv_close(cd)
    return true
  }

  /// `input` decoded from `name`; nil when iconv does not know it or the bytes are not
  /// valid in it.
  static func toUTF8(_ input: [UInt8], from name: String) -> [UInt8]? {
    guard let stream = IconvStream(name) else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(input.count * 2 + 16)
    let ok = input.withUnsafeBufferPointer { stream.convert($0, isLast: true, into: &out) }
    return ok ? out : nil
  }
}

/// One iconv conversion to UTF-8 fed chunk by chunk: a character a chunk boundary cuts is
/// kept for the next chunk, shift states carry over.
final class IconvStream {
  private let cd: iconv_t
  private var carry: [UInt8] = []
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)

  init?(_ name: String) {
    guard let cd = Iconv.open(name) else { return nil }
    self.cd = cd
  }

  deinit { iconv_close(cd) }

  /// Appends the UTF-8 of `chunk` to `out`; false when the bytes are not valid (or, on the
  /// last chunk, end inside a character).
  func convert(_ chunk: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: inout [UInt8]) -> Bool {
    if carry.isEmpty {
      return convertHeld(chunk, isLast: isLast, into: &out)
    }
    var joined: [UInt8] = []
    swap(&joined, &carry)
    joined.append(contentsOf: chunk)
    return joined.withUnsafeBufferPointer { convertHeld($0, isLast: isLast, into: &out) }
  }

  private func convertHeld(
    _ input: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: inout [UInt8]
  ) -> Bool {
    guard let base = input.baseAddress, !input.isEmpty else { return true }
    var inPtr: UnsafeMutablePointer<CChar>? =
      UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
    var inLeft = input.count
    while inLeft > 0 {
      let before = inLeft
      var produced = 0
      let r = buffer.withUnsafeMutableBytes { outBuf -> Int in
        var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress!.assumingMemoryBound(to: CChar.self)
        var outLeft = outBuf.count
        let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        produced = outBuf.count - outLeft
        return r
      }
      out.append(contentsOf: buffer[0..<produced])
      if r != -1 {
        if inLeft == before && produced == 0 { return false }  // no progress: give up
        continue
      }
      switch errno {
      case E2BIG:
        continue
      case EINVAL where !isLast:
        // A character cut by the end of the chunk: finished with the next one.
        carry = Array(UnsafeBufferPointer(rebasing: input[(input.count - inLeft)...]))
        return true
      default:
        return false
      }
    }
    return true
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
    return String(s)
  }

  var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }

  var replacingOccurrencesOfDash: String { String(filter { $0 != "-" }) }
}
