#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Markup bytes turned into UTF-8, with the encoding they were read as.
public struct DecodedInput: Sendable {
  /// UTF-8, no byte order mark, invalid sequences repaired.
  public var bytes: [UInt8]
  /// Lower-case IANA name of the encoding actually used (`utf-8`, `windows-1252`, …).
  public var encoding: String
  /// Encoding problems (`character-encoding-override`, `character-encoding-unknown`,
  /// `non-xml-content-type`, `not-well-formed` for repaired bytes).
  public var issues: [XMLIssue]
}

/// Encoding detection for XML documents as RFC 7303 and feedparser do it: byte order mark,
/// then the HTTP charset (with `text/xml`'s default), then the XML declaration, then UTF-8,
/// then windows-1252. An `iso-8859-1` label is decoded as windows-1252, as browsers do; UTF-8
/// that is labelled Latin-1 is read as UTF-8.
public enum XMLDecoder {
  public static func decode(_ bytes: [UInt8], contentType: String? = nil) -> DecodedInput {
    var issues: [XMLIssue] = []
    let sniffed = sniff(bytes)
    let declared = declaredEncoding(bytes, family: sniffed.family)
    var claimed: String?  // what the document (or its transport) said it was
    var chosen: String

    if let contentType {
      let (mime, charset) = parseContentType(contentType)
      if isApplicationXML(mime) {
        claimed = charset ?? declared
        chosen = claimed ?? sniffed.name ?? "utf-8"
      } else if isTextXML(mime) {
        claimed = charset ?? "us-ascii"
        chosen = claimed!
      } else {
        if !mime.isEmpty {
          issues.append(XMLIssue(code: "non-xml-content-type",
            message: "served as \(mime), not as XML"))
        }
        claimed = charset ?? declared
        chosen = claimed ?? sniffed.name ?? "utf-8"
      }
    } else {
      claimed = declared
      chosen = declared ?? sniffed.name ?? "utf-8"
    }

    // A byte order mark, or the shape of `<?xml` in a 16/32-bit or EBCDIC encoding, is
    // stronger than any label: a label of another family is a lie.
    if sniffed.family == .ebcdic {
      if EncodingName.family(of: chosen) != .ebcdic { chosen = "cp037" }
    } else if let structural = sniffed.name, sniffed.hasBOM || sniffed.family != .ascii {
      if let claimed, !EncodingName.sameCodec(claimed, structural) {
        issues.append(XMLIssue(code: "character-encoding-override",
          message: "declared \(claimed), but the bytes are \(structural)"))
      }
      chosen = structural
      claimed = nil
    } else if EncodingName.family(of: chosen) != .ascii {
      // 8-bit bytes labelled UTF-16/32 (or EBCDIC): the label cannot be right.
      issues.append(XMLIssue(code: "character-encoding-override",
        message: "declared \(chosen), but the bytes are 8-bit"))
      claimed = nil
      chosen = "utf-8"
    }

    // No byte order mark (the usual case): share the input instead of copying it whole.
    let body = sniffed.bomLength == 0 ? bytes : Array(bytes[sniffed.bomLength...])
    var candidates = [chosen]
    let utf8 = UTF8Scan(body)
    if EncodingName.isLatin(chosen) && utf8.invalid == 0 && utf8.multibyte > 0 {
      candidates.insert("utf-8", at: 0)  // UTF-8 mislabelled as Latin-1
    }
    candidates += ["utf-8", "windows-1252"]

    for (index, candidate) in candidates.enumerated() {
      guard let decoded = transcode(body, from: candidate, utf8Scan: utf8) else {
        if index == 0 && !EncodingName.isKnown(candidate) {
          issues.append(XMLIssue(code: "character-encoding-unknown",
            message: "unknown or refused encoding '\(candidate)'"))
        }
        continue
      }
      let used = decoded.name
      if let claimed, !EncodingName.sameCodec(claimed, used) {
        issues.append(XMLIssue(code: "character-encoding-override",
          message: "declared \(claimed), read as \(used)"))
      } else if claimed == nil && index > 0 && !issues.contains(where: {
        $0.code == "character-encoding-override"
      }) {
        issues.append(XMLIssue(code: "character-encoding-override",
          message: "not valid \(candidates[0]), read as \(used)"))
      }
      if decoded.repaired > 0 {
        issues.append(XMLIssue(code: "not-well-formed",
          message: "\(decoded.repaired) invalid byte sequence(s) replaced"))
      }
      return DecodedInput(bytes: decoded.bytes, encoding: used, issues: issues)
    }
    // windows-1252 decodes every byte: not reached.
    return DecodedInput(bytes: body, encoding: "windows-1252", issues: issues)
  }

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
      text = transcode(head, from: "cp037", utf8Scan: nil)?.bytes ?? []
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

  // MARK: - Transcoding

  struct Transcoded {
    var bytes: [UInt8]
    var name: String
    var repaired: Int
  }

  /// Decodes `body` from `label` to UTF-8; nil when the label is unknown or refused, or the
  /// bytes are not valid in it.
  static func transcode(_ body: [UInt8], from label: String, utf8Scan: UTF8Scan?) -> Transcoded? {
    let name = EncodingName.canonical(label)
    switch name {
    case "utf-8":
      let scan = utf8Scan ?? UTF8Scan(body)
      if scan.invalid == 0 { return Transcoded(bytes: body, name: "utf-8", repaired: 0) }
      // Mostly UTF-8 with a few bad bytes: repair rather than turn the whole feed into
      // windows-1252 mojibake.
      guard scan.multibyte > scan.invalid else { return nil }
      return Transcoded(bytes: UTF8Scan.repaired(body), name: "utf-8", repaired: scan.invalid)
    case "us-ascii":
      return body.allSatisfy({ $0 < 0x80 }) ? Transcoded(bytes: body, name: "us-ascii", repaired: 0) : nil
    case "iso-8859-1", "windows-1252":
      let hasC1 = body.contains(where: { $0 >= 0x80 && $0 < 0xA0 })
      return Transcoded(
        bytes: SingleByte.windows1252(body),
        name: name == "iso-8859-1" && !hasC1 ? "iso-8859-1" : "windows-1252", repaired: 0)
    case "utf-16le", "utf-16be", "utf-16":
      var bigEndian = name == "utf-16be"
      var start = 0
      if body.count >= 2 {
        if body[0] == 0xFE && body[1] == 0xFF { bigEndian = true; start = 2 }
        else if body[0] == 0xFF && body[1] == 0xFE { bigEndian = false; start = 2 }
        else if name == "utf-16" { bigEndian = body[0] == 0 }
      }
      let (out, repaired) = Wide.utf16(body, from: start, bigEndian: bigEndian)
      return Transcoded(bytes: out, name: bigEndian ? "utf-16be" : "utf-16le", repaired: repaired)
    case "utf-32le", "utf-32be", "utf-32":
      var bigEndian = name == "utf-32be"
      if name == "utf-32", body.count >= 4 { bigEndian = body[0] == 0 }
      let (out, repaired) = Wide.utf32(body, bigEndian: bigEndian)
      return Transcoded(bytes: out, name: bigEndian ? "utf-32be" : "utf-32le", repaired: repaired)
    default:
      if let table = MacCodePages.table(for: name) {
        var out = [UInt8]()
        out.reserveCapacity(body.count + body.count / 4)
        for c in body {
          if c < 0x80 { out.append(c) } else { appendUTF8(UInt32(table[Int(c - 0x80)]), to: &out) }
        }
        return Transcoded(bytes: out, name: name, repaired: 0)
      }
      guard EncodingName.isAllowed(name), let out = Iconv.toUTF8(body, from: name) else {
        return nil
      }
      return Transcoded(bytes: out, name: name, repaired: 0)
    }
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

/// Validation of UTF-8 in one pass.
struct UTF8Scan {
  var invalid = 0
  var multibyte = 0

  init(_ b: [UInt8]) {
    b.withUnsafeBufferPointer { p in
      var i = 0
      let n = p.count
      while i < n {
        let c = p[i]
        if c < 0x80 { i += 1; continue }
        let len = UTF8Scan.sequenceLength(p, i)
        if len == 0 { invalid += 1; i += 1 } else { multibyte += 1; i += len }
      }
    }
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

  /// `b` with every invalid sequence replaced by U+FFFD.
  static func repaired(_ b: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(b.count + 16)
    b.withUnsafeBufferPointer { p in
      var i = 0
      while i < p.count {
        let c = p[i]
        if c < 0x80 { out.append(c); i += 1; continue }
        let len = sequenceLength(p, i)
        if len == 0 {
          out.append(contentsOf: [0xEF, 0xBF, 0xBD])
          i += 1
        } else {
          out.append(contentsOf: p[i..<(i + len)])
          i += len
        }
      }
    }
    return out
  }
}

enum SingleByte {
  /// windows-1252 as browsers read it (which is also what an `iso-8859-1` label means on the
  /// web); the five unassigned bytes map to the C1 code points of the same value.
  static let c1: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
    0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
  ]

  static func windows1252(_ b: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(b.count + b.count / 8)
    for c in b {
      if c < 0x80 { out.append(c); continue }
      let scalar = c < 0xA0 ? c1[Int(c - 0x80)] : UInt32(c)
      appendUTF8(scalar, to: &out)
    }
    return out
  }
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

enum Wide {
  static func utf16(_ b: [UInt8], from start: Int, bigEndian: Bool) -> ([UInt8], Int) {
    var out = [UInt8]()
    out.reserveCapacity(b.count / 2 + 16)
    var repaired = 0
    var i = start
    func unit(_ k: Int) -> UInt32 {
      bigEndian ? UInt32(b[k]) << 8 | UInt32(b[k + 1]) : UInt32(b[k + 1]) << 8 | UInt32(b[k])
    }
    while i + 1 < b.count {
      let u = unit(i)
      i += 2
      if u >= 0xD800 && u < 0xDC00 {
        if i + 1 < b.count {
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
    if i < b.count { repaired += 1 }  // odd trailing byte dropped
    return (out, repaired)
  }

  static func utf32(_ b: [UInt8], bigEndian: Bool) -> ([UInt8], Int) {
    var out = [UInt8]()
    var repaired = 0
    var i = 0
    if b.count >= 4 && (b[0..<4] == [0xFF, 0xFE, 0, 0] || b[0..<4] == [0, 0, 0xFE, 0xFF]) { i = 4 }
    while i + 3 < b.count {
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
    if i < b.count { repaired += 1 }
    return (out, repaired)
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

  static func toUTF8(_ input: [UInt8], from name: String) -> [UInt8]? {
    guard let cd = open(name) else { return nil }
    defer { iconv_close(cd) }
    var out = [UInt8](repeating: 0, count: max(64, input.count * 4 + 16))
    var produced = 0
    let ok: Bool = input.withUnsafeBufferPointer { inBuf in
      out.withUnsafeMutableBufferPointer { outBuf in
        var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress.map {
          UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: CChar.self)
        }
        var inLeft = inBuf.count
        var outPtr: UnsafeMutablePointer<CChar>? =
          UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
        var outLeft = outBuf.count
        if inBuf.count == 0 { return true }
        let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        produced = outBuf.count - outLeft
        return r != -1 && inLeft == 0
      }
    }
    guard ok else { return nil }
    out.removeSubrange(produced...)
    return out
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
