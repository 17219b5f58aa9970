/// Checks and repairs the IRIs the Atom writer puts in `href`, `src`, `uri` and `id`.
///
/// Entries arrive normalised (absolute URLs, script schemes dropped), but an export must stay
/// valid whatever it is handed: characters an IRI cannot hold are percent-encoded, and values
/// that are relative, hostless or of a scheme that can run code are refused (`nil`).
enum IRI {
  /// Schemes a link in an export may use. Everything else (`javascript:`, `data:`, `file:`, …) is
  /// dropped: a feed reader may follow a link without asking.
  static let linkSchemes: Set<String> = [
    "http", "https", "ftp", "ftps", "sftp", "mailto", "tel", "news", "nntp", "magnet", "gopher",
    "irc", "ircs", "xmpp", "geo",
  ]

  /// `value` as a valid absolute IRI with one of `schemes`, or `nil`.
  static func absolute(_ value: String, schemes: Set<String> = linkSchemes) -> String? {
    let trimmed = trimmedBytes(value)
    guard let schemeEnd = schemeLength(trimmed) else { return nil }
    let scheme = String(decoding: trimmed[0..<schemeEnd], as: UTF8.self).lowercased()
    guard schemes.contains(scheme) else { return nil }
    let repaired = percentEncodeForbidden(trimmed)
    if scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "ftps" {
      guard hasValidAuthority(repaired, schemeEnd: schemeEnd) else { return nil }
    } else if repaired.count <= schemeEnd + 1 {
      return nil  // `mailto:` with nothing after it
    }
    return String(decoding: repaired, as: UTF8.self)
  }

  /// `value` as an Atom id: an absolute IRI of any scheme that is not a script or data scheme,
  /// with `urn:` and `tag:` values checked against their RFCs, or `nil`.
  static func identifier(_ value: String) -> String? {
    let trimmed = trimmedBytes(value)
    guard let schemeEnd = schemeLength(trimmed) else { return nil }
    let scheme = String(decoding: trimmed[0..<schemeEnd], as: UTF8.self).lowercased()
    switch scheme {
    case "javascript", "vbscript", "livescript", "data", "file", "about", "blob":
      return nil
    case "urn":
      return isValidURN(trimmed) ? absoluteRepaired(trimmed) : nil
    case "tag":
      return isValidTag(trimmed) ? absoluteRepaired(trimmed) : nil
    case "http", "https":
      return absolute(value, schemes: [scheme])
    default:
      return trimmed.count > schemeEnd + 1 ? absoluteRepaired(trimmed) : nil
    }
  }

  /// The lower-cased scheme of `value`, or nil for a relative reference.
  static func scheme(of value: String) -> String? {
    let bytes = Array(value.utf8)
    guard let end = schemeLength(bytes) else { return nil }
    return String(decoding: bytes[0..<end], as: UTF8.self).lowercased()
  }

  private static func absoluteRepaired(_ bytes: [UInt8]) -> String {
    String(decoding: percentEncodeForbidden(bytes), as: UTF8.self)
  }

  // MARK: - Pieces

  private static func trimmedBytes(_ value: String) -> [UInt8] {
    let bytes = Array(value.utf8)
    var start = 0
    var end = bytes.count
    while start < end && bytes[start] <= 0x20 { start += 1 }
    while end > start && bytes[end - 1] <= 0x20 { end -= 1 }
    return Array(bytes[start..<end])
  }

  /// Length of `scheme` in `scheme:…`, or nil when there is no valid scheme.
  private static func schemeLength(_ bytes: [UInt8]) -> Int? {
    guard let first = bytes.first, isAlpha(first) else { return nil }
    var index = 1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ":") { return index }
      guard isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".")
      else { return nil }
      index += 1
    }
    return nil
  }

  /// Percent-encodes what RFC 3987 does not allow in an IRI: controls, space, `<>"{}|\^` and
  /// backquote, C1 controls, the specials block U+FFF0–U+FFFF, a `%` not starting an escape, and
  /// every `#` after the first.
  static func percentEncodeForbidden(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count + 8)
    var seenHash = false
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case 0x00...0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
        UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"),
        UInt8(ascii: "^"), UInt8(ascii: "`"):
        appendEscape(byte, to: &out)
      case UInt8(ascii: "%"):
        if index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
          out.append(byte)
        } else {
          appendEscape(byte, to: &out)
        }
      case UInt8(ascii: "#"):
        if seenHash { appendEscape(byte, to: &out) } else { out.append(byte) }
        seenHash = true
      case 0xC2 where index + 1 < bytes.count && bytes[index + 1] >= 0x80 && bytes[index + 1] <= 0x9F:
        // U+0080–U+009F (C1 controls): encode both bytes.
        appendEscape(byte, to: &out)
        appendEscape(bytes[index + 1], to: &out)
        index += 1
      case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xB0:
        // U+FFF0–U+FFFF.
        for offset in 0...2 { appendEscape(bytes[index + offset], to: &out) }
        index += 2
      default:
        out.append(byte)
      }
      index += 1
    }
    return out
  }

  /// `scheme://host[:port]…` with a non-empty host, a numeric port in range and balanced
  /// IPv6 brackets.
  private static func hasValidAuthority(_ bytes: [UInt8], schemeEnd: Int) -> Bool {
    let start = schemeEnd + 1
    guard bytes.count >= start + 2, bytes[start] == UInt8(ascii: "/"),
      bytes[start + 1] == UInt8(ascii: "/")
    else { return false }
    var end = start + 2
    while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"),
      bytes[end] != UInt8(ascii: "#")
    {
      end += 1
    }
    var authority = Array(bytes[(start + 2)..<end])
    if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
      authority = Array(authority[(at + 1)...])
    }
    var host = authority[...]
    var port: ArraySlice<UInt8> = []
    if authority.first == UInt8(ascii: "[") {
      guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return false }
      host = authority[1..<close]
      let rest = authority[(close + 1)...]
      if let colon = rest.first {
        guard colon == UInt8(ascii: ":") else { return false }
        port = rest.dropFirst()
      }
    } else {
      if authority.contains(UInt8(ascii: "[")) || authority.contains(UInt8(ascii: "]")) {
        return false
      }
      if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
        host = authority[..<colon]
        port = authority[(colon + 1)...]
      }
    }
    guard !host.isEmpty else { return false }
    guard port.allSatisfy(isDigit), port.count <= 5 else { return false }
    if !port.isEmpty, let number = Int(String(decoding: port, as: UTF8.self)), number > 65535 {
      return false
    }
    return true
  }

  /// RFC 8141 `urn:NID:NSS`, and a `urn:uuid:` that is a real 8-4-4-4-12 UUID.
  private static func isValidURN(_ bytes: [UInt8]) -> Bool {
    let parts = bytes.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, let nid = parts.dropFirst().first, !nid.isEmpty, nid.count <= 32,
      isAlpha(nid.first!) || isDigit(nid.first!),
      nid.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") }),
      let nss = parts.last, !nss.isEmpty, !nss.contains(where: { $0 <= 0x20 })
    else { return false }
    if String(decoding: nid, as: UTF8.self).lowercased() == "uuid" {
      let groups = nss.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
      return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(isHex) }
    }
    return true
  }

  /// RFC 4151 `tag:authority,YYYY[-MM[-DD]]:specific`.
  private static func isValidTag(_ bytes: [UInt8]) -> Bool {
    let body = bytes.dropFirst(4)
    guard let comma = body.firstIndex(of: UInt8(ascii: ",")) else { return false }
    let authority = body[body.startIndex..<comma]
    guard !authority.isEmpty,
      !authority.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") })
    else { return false }
    let afterComma = body[(comma + 1)...]
    guard let colon = afterComma.firstIndex(of: UInt8(ascii: ":")) else { return false }
    let date = Array(afterComma[afterComma.startIndex..<colon])
    let shapeOK: Bool
    switch date.count {
    case 4: shapeOK = date.allSatisfy(isDigit)
    case 7: shapeOK = date[4] == UInt8(ascii: "-") && date.enumerated().allSatisfy { $0 == 4 || isDigit($1) }
    case 10:
      shapeOK = date[4] == UInt8(ascii: "-") && date[7] == UInt8(ascii: "-")
        && date.enumerated().allSatisfy { $0 == 4 || $0 == 7 || isDigit($1) }
    default: shapeOK = false
    }
    return shapeOK && !afterComma[(colon + 1)...].contains(where: { $0 <= 0x20 })
  }

  private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

  private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "%"))
    out.append(hexDigits[Int(byte >> 4)])
    out.append(hexDigits[Int(byte & 0xF)])
  }

  private static func isAlpha(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private static func isHex(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
  }
}
