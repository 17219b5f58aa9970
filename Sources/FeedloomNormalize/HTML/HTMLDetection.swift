import FeedloomXML

/// feedparser's `_looks_like_html`, on bytes.
enum HTMLDetection {
  static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var hasEndTagOrReference = false
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "<") {
        // `</?(\w+)`: every tag must name a known HTML element.
        var nameStart = index + 1
        let isEnd = nameStart < count && bytes[nameStart] == UInt8(ascii: "/")
        if isEnd { nameStart += 1 }
        var nameEnd = nameStart
        while nameEnd < count, isWordByte(bytes[nameEnd]) { nameEnd += 1 }
        if nameEnd > nameStart {
          guard let element = HTMLElementTable.element(HTMLNameKey(lowercasing: bytes, from: nameStart, to: nameEnd)),
            element.has(.knownHTML)
          else { return false }
          if isEnd, nameEnd < count, bytes[nameEnd] == UInt8(ascii: ">") { hasEndTagOrReference = true }
        }
        index = max(nameEnd, index + 1)
        continue
      }
      if byte == UInt8(ascii: "&") {
        // `&#?\w+;` counts; `&(\w+);` must be a known entity.
        var nameStart = index + 1
        let isNumeric = nameStart < count && bytes[nameStart] == UInt8(ascii: "#")
        if isNumeric { nameStart += 1 }
        var nameEnd = nameStart
        while nameEnd < count, isWordByte(bytes[nameEnd]) { nameEnd += 1 }
        if nameEnd > nameStart, nameEnd < count, bytes[nameEnd] == UInt8(ascii: ";") {
          if !isNumeric {
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)
            guard HTMLEntities.lookup(name) != nil else { return false }
          }
          hasEndTagOrReference = true
        }
        index = max(nameEnd, index + 1)
        continue
      }
      index += 1
    }
    return hasEndTagOrReference
  }

  /// Python's `\w` on UTF-8 bytes: ASCII letters, digits, '_' and any non-ASCII byte.
  @inline(__always) private static func isWordByte(_ byte: UInt8) -> Bool {
    isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
  }
}
