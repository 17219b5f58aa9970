/// feedparser's `style` attribute filter, on bytes and without regular expressions: `url(…)`
/// removed; the whole value dropped unless it is made of plain declarations over a small
/// character set (no escapes, no comments, no functions but `rgb(digits)`); then only
/// allowed properties kept, and background/border/margin/padding ones only with known
/// keywords and simple lengths. Output: `prop: value;` joined by single spaces.
///
/// It runs on every `style` attribute of a feed, so it allocates nothing but its output
/// (a copy only when the value holds `url`, a temporary bit set only when the value is not
/// made of plain bytes) and matches names by length and bytes, not through hashed sets.
enum HTMLStyleFilter {
  /// Appends the cleaned declarations to `output` and returns true; returns false, with
  /// `output` unchanged, when nothing is left.
  static func clean(_ raw: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
    guard mayHoldURL(raw) else { return cleanWithoutURLs(raw, into: &output) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(raw.count, 1)) { scratch in
      let count = removingURLs(raw, into: scratch)
      return cleanWithoutURLs(UnsafeBufferPointer(rebasing: scratch[0..<count]), into: &output)
    }
  }

  /// The cleaned declarations as bytes, or nil when nothing is left (for tests and callers
  /// that want a value).
  static func clean(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var output: [UInt8] = []
    return clean(raw, into: &output) ? output : nil
  }

  private static func cleanWithoutURLs(_ style: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
    guard passesGauntlet(style) else { return false }
    let mark = output.count
    guard appendDeclarations(of: style, to: &output), output.count > mark else {
      output.removeSubrange(mark...)
      return false
    }
    return true
  }

  /// Whether "url" occurs at all: most values hold none and need no copy.
  @inline(__always) private static func mayHoldURL(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    guard s.count >= 3 else { return false }
    for i in 0..<(s.count - 2) where s[i] == UInt8(ascii: "u") {
      if s[i + 1] == UInt8(ascii: "r"), s[i + 2] == UInt8(ascii: "l") { return true }
    }
    return false
  }

  /// `url\s*\(\s*[^\s)]+?\s*\)\s*` replaced with one space, into `out` (never longer than
  /// `s`); returns the length written.
  private static func removingURLs(_ s: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
    var written = 0
    var i = 0
    let n = s.count
    while i < n {
      if i + 3 <= n, s[i] == UInt8(ascii: "u"), s[i + 1] == UInt8(ascii: "r"), s[i + 2] == UInt8(ascii: "l") {
        var j = i + 3
        while j < n, isCSSSpace(s[j]) { j += 1 }
        if j < n, s[j] == UInt8(ascii: "(") {
          j += 1
          while j < n, isCSSSpace(s[j]) { j += 1 }
          let bodyStart = j
          while j < n, !isCSSSpace(s[j]), s[j] != UInt8(ascii: ")") { j += 1 }
          if j > bodyStart {
            while j < n, isCSSSpace(s[j]) { j += 1 }
            if j < n, s[j] == UInt8(ascii: ")") {
              j += 1
              while j < n, isCSSSpace(s[j]) { j += 1 }
              out[written] = UInt8(ascii: " ")
              written += 1
              i = j
              continue
            }
          }
        }
      }
      out[written] = s[i]
      written += 1
      i += 1
    }
    return written
  }

  /// `^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`, by tracking which
  /// offsets the repetition can reach. First a greedy read of plain bytes and `\w-\w`
  /// (`font-size: 12px`): when it gets through, that is a match; when it stops, the exact
  /// search decides.
  private static func passesGauntlet(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = s.count
    var i = 0
    while i < n {
      if i + 2 < n, s[i + 1] == UInt8(ascii: "-"), isWord(s[i]), isWord(s[i + 2]) {
        i += 3
      } else if isPlainStyleByte(s[i]) {
        i += 1
      } else {
        break
      }
    }
    if i == n { return true }
    return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n + 1) { reachable in
      reachable.initialize(repeating: false)
      reachable[0] = true
      for i in 0..<n where reachable[i] {
        let byte = s[i]
        if isPlainStyleByte(byte) { reachable[i + 1] = true }
        if i + 2 < n, isWord(byte), s[i + 1] == UInt8(ascii: "-"), isWord(s[i + 2]) { reachable[i + 3] = true }
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
          var j = i + 1
          while j < n, isCSSSpace(s[j]) || isWord(s[j]) { j += 1 }
          if j > i + 1, j < n, s[j] == byte { reachable[j + 1] = true }
        }
        if byte == UInt8(ascii: "(") {
          var j = i + 1
          while j < n, isDigit(s[j]) || s[j] == UInt8(ascii: ",") || isCSSSpace(s[j]) { j += 1 }
          if j > i + 1, j < n, s[j] == UInt8(ascii: ")") { reachable[j + 1] = true }
        }
      }
      return reachable[n]
    }
  }

  /// Reads the value as `\s*[-\w]+\s*:\s*[^:;]*;?` repeated (trailing white space allowed)
  /// and appends the declarations worth keeping; false when anything else is left over
  /// (the caller then drops what was appended).
  private static func appendDeclarations(of s: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
    var i = 0
    let n = s.count
    let start = output.count
    while true {
      while i < n, isCSSSpace(s[i]) { i += 1 }
      if i == n { return true }
      let nameStart = i
      while i < n, isWord(s[i]) || s[i] == UInt8(ascii: "-") { i += 1 }
      guard i > nameStart else { return false }
      let name = UnsafeBufferPointer(rebasing: s[nameStart..<i])
      while i < n, isCSSSpace(s[i]) { i += 1 }
      guard i < n, s[i] == UInt8(ascii: ":") else { return false }
      i += 1
      while i < n, isCSSSpace(s[i]) { i += 1 }
      let valueStart = i
      while i < n, s[i] != UInt8(ascii: ":"), s[i] != UInt8(ascii: ";") { i += 1 }
      let value = UnsafeBufferPointer(rebasing: s[valueStart..<i])
      if i < n, s[i] == UInt8(ascii: ";") { i += 1 }
      guard !value.isEmpty, keeps(property: name, value: value) else { continue }
      if output.count > start { output.append(UInt8(ascii: " ")) }
      output.append(contentsOf: name)
      output.append(UInt8(ascii: ":"))
      output.append(UInt8(ascii: " "))
      output.append(contentsOf: value)
      output.append(UInt8(ascii: ";"))
    }
  }

  /// An allowed property, or a background/border/margin/padding one whose every keyword is
  /// known or a simple length or colour.
  private static func keeps(property: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Bool {
    if StyleNames.acceptableProperties.contains(property, ignoringCase: true) { return true }
    var familyEnd = 0
    while familyEnd < property.count, property[familyEnd] != UInt8(ascii: "-") { familyEnd += 1 }
    guard
      StyleNames.shorthandFamilies.contains(UnsafeBufferPointer(rebasing: property[0..<familyEnd]), ignoringCase: true)
    else { return false }
    var i = 0
    let n = value.count
    while i < n {
      while i < n, isCSSSpace(value[i]) { i += 1 }
      guard i < n else { break }
      let keywordStart = i
      while i < n, !isCSSSpace(value[i]) { i += 1 }
      let keyword = UnsafeBufferPointer(rebasing: value[keywordStart..<i])
      guard StyleNames.acceptableKeywords.contains(keyword, ignoringCase: false) || isValidValue(keyword) else {
        return false
      }
    }
    return true
  }

  /// `^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$`
  private static func isValidValue(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = v.count
    if n > 0, v[0] == UInt8(ascii: "#") {
      guard n > 1 else { return false }
      for i in 1..<n where !(isDigit(v[i]) || (v[i] >= 0x61 && v[i] <= 0x66)) { return false }
      return true
    }
    var i = 0
    func digits() -> Int {
      let start = i
      while i < n, isDigit(v[i]) { i += 1 }
      return i - start
    }
    func optional(_ byte: UInt8) {
      if i < n, v[i] == byte { i += 1 }
    }
    if n >= 4, v[0] == UInt8(ascii: "r"), v[1] == UInt8(ascii: "g"), v[2] == UInt8(ascii: "b"),
      v[3] == UInt8(ascii: "(")
    {
      i = 4
      guard digits() > 0 else { return false }
      optional(UInt8(ascii: "%"))
      guard i < n, v[i] == UInt8(ascii: ",") else { return false }
      i += 1
      _ = digits()
      optional(UInt8(ascii: "%"))
      optional(UInt8(ascii: ","))
      _ = digits()
      optional(UInt8(ascii: "%"))
      optional(UInt8(ascii: ")"))
      return i == n
    }
    let before = digits()
    if i < n, v[i] == UInt8(ascii: ".") {
      guard before <= 2 else { return false }
      i += 1
      guard digits() <= 2 else { return false }
    } else if before > 4 {
      return false
    }
    return i == n || StyleNames.lengthUnits.contains(UnsafeBufferPointer(rebasing: v[i..<n]), ignoringCase: false)
  }

  @inline(__always) private static func isPlainStyleByte(_ b: UInt8) -> Bool {
    isASCIIAlphanumeric(b) || isCSSSpace(b) || b == UInt8(ascii: ":") || b == UInt8(ascii: ",")
      || b == UInt8(ascii: ";") || b == UInt8(ascii: "#") || b == UInt8(ascii: "%")
      || b == UInt8(ascii: ".") || b == UInt8(ascii: "!")
  }

  /// Python's `\w` on bytes: ASCII letters, digits, '_', and any non-ASCII byte (letters of
  /// other scripts).
  @inline(__always) private static func isWord(_ b: UInt8) -> Bool {
    isASCIIAlphanumeric(b) || b == UInt8(ascii: "_") || b >= 0x80
  }
}

/// The filter's word lists, each grouped by length so a lookup compares a few candidates
/// of the right length only.
private enum StyleNames {
  static let lengthUnits = ByteWordList(["cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"])

  static let shorthandFamilies = ByteWordList(["background", "border", "margin", "padding"])

  static let acceptableProperties = ByteWordList([
    "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color",
    "border-left-color", "border-right-color", "border-top-color", "clear", "color", "cursor",
    "direction", "display", "elevation", "float", "font", "font-family", "font-size",
    "font-style", "font-variant", "font-weight", "height", "letter-spacing", "line-height",
    "overflow", "pause", "pause-after", "pause-before", "pitch", "pitch-range", "richness",
    "speak", "speak-header", "speak-numeral", "speak-punctuation", "speech-rate", "stress",
    "text-align", "text-decoration", "text-indent", "unicode-bidi", "vertical-align",
    "voice-family", "volume", "white-space", "width",
  ])

  static let acceptableKeywords = ByteWordList([
    "!important", "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom", "brown",
    "center", "collapse", "dashed", "dotted", "fuchsia", "gray", "green", "italic", "left",
    "lime", "maroon", "medium", "navy", "none", "normal", "nowrap", "olive", "pointer",
    "purple", "red", "right", "silver", "solid", "teal", "top", "transparent", "underline",
    "white", "yellow",
  ])
}

/// A fixed set of short lower-case ASCII words, looked up from bytes without hashing or
/// allocating: one flat byte array, with the words of each length side by side.
struct ByteWordList: Sendable {
  private let bytes: [UInt8]
  /// For each length, where its words start in `bytes` and how many there are.
  private let groups: [(start: Int, count: Int)]

  init(_ words: [String]) {
    let longest = words.map(\.utf8.count).max() ?? 0
    var bytes: [UInt8] = []
    var groups: [(start: Int, count: Int)] = []
    for length in 0...longest {
      let group = words.filter { $0.utf8.count == length }
      groups.append((bytes.count, group.count))
      for word in group { bytes.append(contentsOf: word.utf8) }
    }
    self.bytes = bytes
    self.groups = groups
  }

  /// Whether `word` is in the list; with `ignoringCase`, ASCII capitals in `word` match too.
  func contains(_ word: UnsafeBufferPointer<UInt8>, ignoringCase: Bool) -> Bool {
    let length = word.count
    guard length > 0, length < groups.count else { return false }
    let group = groups[length]
    return bytes.withUnsafeBufferPointer { all in
      var offset = group.start
      for _ in 0..<group.count {
        var equal = true
        for i in 0..<length {
          var byte = word[i]
          if ignoringCase, byte &- 0x41 < 26 { byte |= 0x20 }
          if byte != all[offset + i] {
            equal = false
            break
          }
        }
        if equal { return true }
        offset += length
      }
      return false
    }
  }
}

@inline(__always) private func isCSSSpace(_ b: UInt8) -> Bool { isHTMLSpace(b) || b == 0x0B }
