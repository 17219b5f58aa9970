/// feedparser's `style` attribute filter, on bytes and without regular expressions: `url(…)`
/// removed; the whole value dropped unless it is made of plain declarations over a small
/// character set (no escapes, no comments, no functions but `rgb(digits)`); then only
/// allowed properties kept, and background/border/margin/padding ones only with known
/// keywords and simple lengths. Output: `prop: value;` joined by single spaces.
enum HTMLStyleFilter {
  /// The cleaned declarations, or nil when nothing is left.
  static func clean(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    let style = removingURLs(raw)
    guard passesGauntlet(style) else { return nil }
    guard let declarations = declarations(of: style) else { return nil }
    var output: [UInt8] = []
    for (property, value) in declarations where !value.isEmpty {
      let lowered = property.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
      var keep = acceptableProperties.contains(lowered)
      if !keep, let family = lowered.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false).first,
        shorthandFamilies.contains(Array(family))
      {
        keep = value.split(whereSeparator: isCSSSpace).allSatisfy { keyword in
          acceptableKeywords.contains(Array(keyword)) || isValidValue(Array(keyword))
        }
      }
      guard keep else { continue }
      if !output.isEmpty { output.append(UInt8(ascii: " ")) }
      output.append(contentsOf: property)
      output.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
      output.append(contentsOf: value)
      output.append(UInt8(ascii: ";"))
    }
    return output.isEmpty ? nil : output
  }

  /// `url\s*\(\s*[^\s)]+?\s*\)\s*` replaced with one space.
  private static func removingURLs(_ s: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(s.count)
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
              out.append(UInt8(ascii: " "))
              i = j
              continue
            }
          }
        }
      }
      out.append(s[i])
      i += 1
    }
    return out
  }

  /// `^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`, by tracking which
  /// offsets the repetition can reach.
  private static func passesGauntlet(_ s: [UInt8]) -> Bool {
    let n = s.count
    var reachable = [Bool](repeating: false, count: n + 1)
    reachable[0] = true
    var i = 0
    while i < n {
      defer { i += 1 }
      guard reachable[i] else { continue }
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

  /// The value as `\s*[-\w]+\s*:\s*[^:;]*;?` repeated (trailing white space allowed), as
  /// (property, value) pairs; nil when anything else is left over.
  private static func declarations(of s: [UInt8]) -> [(ArraySlice<UInt8>, ArraySlice<UInt8>)]? {
    var result: [(ArraySlice<UInt8>, ArraySlice<UInt8>)] = []
    var i = 0
    let n = s.count
    while true {
      while i < n, isCSSSpace(s[i]) { i += 1 }
      if i == n { return result }
      let nameStart = i
      while i < n, isWord(s[i]) || s[i] == UInt8(ascii: "-") { i += 1 }
      guard i > nameStart else { return nil }
      let name = s[nameStart..<i]
      while i < n, isCSSSpace(s[i]) { i += 1 }
      guard i < n, s[i] == UInt8(ascii: ":") else { return nil }
      i += 1
      while i < n, isCSSSpace(s[i]) { i += 1 }
      let valueStart = i
      while i < n, s[i] != UInt8(ascii: ":"), s[i] != UInt8(ascii: ";") { i += 1 }
      result.append((name, s[valueStart..<i]))
      if i < n, s[i] == UInt8(ascii: ";") { i += 1 }
    }
  }

  /// `^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$`
  private static func isValidValue(_ v: [UInt8]) -> Bool {
    if v.first == UInt8(ascii: "#") {
      return v.count > 1 && v.dropFirst().allSatisfy { isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }
    }
    if v.starts(with: Array("rgb(".utf8)) {
      var i = 4
      func digits() -> Int {
        let start = i
        while i < v.count, isDigit(v[i]) { i += 1 }
        return i - start
      }
      func optional(_ byte: UInt8) {
        if i < v.count, v[i] == byte { i += 1 }
      }
      guard digits() > 0 else { return false }
      optional(UInt8(ascii: "%"))
      guard i < v.count, v[i] == UInt8(ascii: ",") else { return false }
      i += 1
      _ = digits()
      optional(UInt8(ascii: "%"))
      optional(UInt8(ascii: ","))
      _ = digits()
      optional(UInt8(ascii: "%"))
      optional(UInt8(ascii: ")"))
      return i == v.count
    }
    var i = 0
    var before = 0
    while i < v.count, isDigit(v[i]) {
      before += 1
      i += 1
    }
    if i < v.count, v[i] == UInt8(ascii: ".") {
      guard before <= 2 else { return false }
      i += 1
      var after = 0
      while i < v.count, isDigit(v[i]) {
        after += 1
        i += 1
      }
      guard after <= 2 else { return false }
    } else if before > 4 {
      return false
    }
    let unit = v[i...]
    return unit.isEmpty || lengthUnits.contains(Array(unit))
  }

  private static let lengthUnits: Set<[UInt8]> = Set(
    ["cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"].map { Array($0.utf8) })

  private static let shorthandFamilies: Set<[UInt8]> = Set(
    ["background", "border", "margin", "padding"].map { Array($0.utf8) })

  private static let acceptableProperties: Set<[UInt8]> = Set(
    [
      "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color",
      "border-left-color", "border-right-color", "border-top-color", "clear", "color", "cursor",
      "direction", "display", "elevation", "float", "font", "font-family", "font-size",
      "font-style", "font-variant", "font-weight", "height", "letter-spacing", "line-height",
      "overflow", "pause", "pause-after", "pause-before", "pitch", "pitch-range", "richness",
      "speak", "speak-header", "speak-numeral", "speak-punctuation", "speech-rate", "stress",
      "text-align", "text-decoration", "text-indent", "unicode-bidi", "vertical-align",
      "voice-family", "volume", "white-space", "width",
    ].map { Array($0.utf8) })

  private static let acceptableKeywords: Set<[UInt8]> = Set(
    [
      "!important", "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom", "brown",
      "center", "collapse", "dashed", "dotted", "fuchsia", "gray", "green", "italic", "left",
      "lime", "maroon", "medium", "navy", "none", "normal", "nowrap", "olive", "pointer",
      "purple", "red", "right", "silver", "solid", "teal", "top", "transparent", "underline",
      "white", "yellow",
    ].map { Array($0.utf8) })

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

@inline(__always) private func isCSSSpace(_ b: UInt8) -> Bool { isHTMLSpace(b) || b == 0x0B }
