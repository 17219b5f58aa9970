/// One non-blank line of a copied page, white space folded, with the features the
/// body, title, byline and date rules look at. Features are computed once, in one pass over
/// the line's UTF-8 bytes.
struct TextLine: Sendable {
  /// The line, white space folded (tabs, non-breaking spaces, runs of spaces → one space).
  var text: String
  /// 1-based line number in the input, for messages.
  var number: Int
  /// A blank line came before this one.
  var blankBefore: Bool
  var features: LineFeatures
}

/// Measured facts about one line.
struct LineFeatures: Sendable {
  /// Characters (Unicode scalars).
  var length = 0
  /// Words: runs of letters or digits.
  var words = 0
  /// Words that start with an upper-case letter.
  var capitalisedWords = 0
  /// Words found in the stop-word lists (any language).
  var stopWords = 0
  var letters = 0
  var digits = 0
  /// Last non-space character is sentence-ending punctuation (. ! ? … or a closing quote after one).
  var endsSentence = false
  /// Last character is a colon.
  var endsWithColon = false
  /// Separators typical of menus and breadcrumbs: `|`, `›`, `»`, `•`, `·` between words.
  var separators = 0
  /// Characters that are neither letters, digits, spaces nor ordinary punctuation.
  var symbols = 0
  /// Clause and sentence punctuation anywhere in the line: `, ; : . ! ?` and their CJK forms.
  var clauseMarks = 0
  /// Tabs between text: a copied table row has one between each pair of cells.
  var cellBreaks = 0

  /// Words, or for scripts written without spaces (Chinese, Japanese), about one word per
  /// two letters: a run of letters longer than any word counts as several.
  var wordEstimate: Int { letters > words * 8 ? max(words, letters / 2) : words }

  var stopRatio: Double { words == 0 ? 0 : Double(stopWords) / Double(words) }
  var capitalRatio: Double { words == 0 ? 0 : Double(capitalisedWords) / Double(words) }
}

/// What the decoder found about the input as a whole.
struct DecodedText: Sendable {
  var lines: [TextLine]
  var encoding: String
  var issues: [ParseIssueNote]
}

/// A problem to report in `errors`, kept as plain values here.
struct ParseIssueNote: Sendable {
  var code: String
  var message: String
  var line: Int?
}

enum TextDecoder {
  /// Longest line kept, in UTF-8 bytes; the rest of a longer line is dropped (and reported), so
  /// a pathological one-line input stays linear and bounded.
  static let maximumLineBytes = 1 << 16

  /// Longest text read, in UTF-8 bytes. An article runs to tens of kilobytes; past this the
  /// input is not one page's copied text, so only its first lines up to this size are read
  /// (and that is reported), which keeps time and memory bounded whatever the input.
  static let maximumTextBytes = 8 << 20

  /// Bytes that make an input binary rather than text: NUL, and a share of other C0 controls.
  static func looksBinary(_ bytes: [UInt8]) -> Bool {
    let sample = bytes.prefix(1 << 16)
    var controls = 0
    for b in sample {
      if b == 0 { return true }
      if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { controls += 1 }
    }
    return controls * 20 > sample.count  // more than 5 % control characters
  }

  /// Splits `bytes` (UTF-8, else windows-1252) into folded, non-blank lines, reading at most
  /// `limit` bytes of them.
  static func decode(_ bytes: [UInt8], limit: Int = maximumTextBytes) -> DecodedText {
    var start = 0
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
    var issues: [ParseIssueNote] = []
    // The bounded prefix: whole lines up to maximumTextBytes (a cut inside a line only when
    // the first line alone is longer).
    var n = bytes.count
    if n > limit {
      var cut = max(limit, start)
      while cut > start && bytes[cut - 1] != 0x0A && bytes[cut - 1] != 0x0D { cut -= 1 }
      if cut == start {
        cut = max(limit, start)
        while cut > start && (bytes[cut] & 0xC0) == 0x80 { cut -= 1 }
      }
      n = cut
    }
    let isUTF8 = validUTF8(bytes, from: start, to: n)
    if !isUTF8 {
      issues.append(
        ParseIssueNote(
          code: "character-encoding-override",
          message: "the text is not valid UTF-8; read as windows-1252", line: nil))
    }
    var lines: [TextLine] = []
    var lineNumber = 1
    var blankBefore = false
    var lineBytes: [UInt8] = []
    lineBytes.reserveCapacity(256)
    var truncatedReported = false

    func finish(_ raw: ArraySlice<UInt8>, number: Int) {
      var slice = raw
      if slice.count > maximumLineBytes {
        var cut = slice.startIndex + maximumLineBytes
        if isUTF8 { while cut > slice.startIndex && (bytes[cut] & 0xC0) == 0x80 { cut -= 1 } }
        slice = slice[slice.startIndex..<cut]
        if !truncatedReported {
          truncatedReported = true
          issues.append(
            ParseIssueNote(
              code: "line-too-long",
              message: "line longer than \(maximumLineBytes) bytes: the rest of it was dropped",
              line: number))
        }
      }
      lineBytes.removeAll(keepingCapacity: true)
      let cellBreaks = foldWhiteSpace(slice, utf8: isUTF8, into: &lineBytes)
      if lineBytes.isEmpty {
        blankBefore = true
        return
      }
      let text = String(decoding: lineBytes, as: UTF8.self)
      var features = LineFeatures.measure(text)
      features.cellBreaks = cellBreaks
      lines.append(TextLine(text: text, number: number, blankBefore: blankBefore || lines.isEmpty, features: features))
      blankBefore = false
    }

    var i = start
    var lineStart = start
    while i < n {
      let b = bytes[i]
      if b == 0x0A || b == 0x0D {
        finish(bytes[lineStart..<i], number: lineNumber)
        lineNumber += 1
        if b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
        lineStart = i + 1
      }
      i += 1
    }
    if lineStart < n { finish(bytes[lineStart..<n], number: lineNumber) }
    if n < bytes.count {
      issues.append(
        ParseIssueNote(
          code: "text-truncated",
          message: "text of \(bytes.count) bytes is longer than the \(limit) read: only its first \(n) bytes (whole lines) were read",
          line: lineNumber))
    }
    return DecodedText(lines: lines, encoding: isUTF8 ? "utf-8" : "windows-1252", issues: issues)
  }

  /// Copies `raw` into `out` as UTF-8 with tabs, form feeds, non-breaking and other Unicode
  /// spaces, and zero-width characters folded into single ASCII spaces, ends trimmed. Returns
  /// the number of folded spaces between text that held a tab (table cell breaks).
  @discardableResult
  static func foldWhiteSpace(_ raw: ArraySlice<UInt8>, utf8: Bool, into out: inout [UInt8]) -> Int {
    var pendingSpace = false
    var pendingTab = false
    var cellBreaks = 0
    func put(_ b: UInt8) {
      if pendingSpace && !out.isEmpty {
        out.append(0x20)
        if pendingTab { cellBreaks += 1 }
      }
      pendingSpace = false
      pendingTab = false
      out.append(b)
    }
    var i = raw.startIndex
    let end = raw.endIndex
    while i < end {
      let b = raw[i]
      if b < 0x80 {
        if b == 0x20 || b == 0x09 || b == 0x0C || b == 0x0B || b < 0x20 || b == 0x7F {
          pendingSpace = true
          if b == 0x09 { pendingTab = true }
        } else {
          put(b)
        }
        i += 1
        continue
      }
      if !utf8 {
        // windows-1252: map to a scalar and encode.
        let scalar = windows1252Scalar(b)
        if scalar == 0xA0 {
          pendingSpace = true
        } else {
          appendScalar(scalar, put)
        }
        i += 1
        continue
      }
      // UTF-8 multi-byte sequence (already validated).
      let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
      guard i + length <= end else { break }
      var scalar = UInt32(b & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
      for k in 1..<length { scalar = scalar << 6 | UInt32(raw[i + k] & 0x3F) }
      if isSpaceScalar(scalar) {
        pendingSpace = true
      } else if isInvisibleScalar(scalar) {
        // dropped: zero-width spaces, joiners and marks
      } else {
        for k in 0..<length { put(raw[i + k]) }
      }
      i += length
    }
    return cellBreaks
  }

  static func isSpaceScalar(_ s: UInt32) -> Bool {
    s == 0xA0 || s == 0x1680 || (s >= 0x2000 && s <= 0x200A) || s == 0x2028 || s == 0x2029
      || s == 0x202F || s == 0x205F || s == 0x3000 || s == 0x85
  }

  static func isInvisibleScalar(_ s: UInt32) -> Bool {
    s == 0x200B || s == 0x200C || s == 0x200D || s == 0x2060 || s == 0xFEFF || s == 0x200E
      || s == 0x200F || s == 0xAD
  }

  static func appendScalar(_ s: UInt32, _ put: (UInt8) -> Void) {
    if s < 0x80 {
      put(UInt8(s))
    } else if s < 0x800 {
      put(UInt8(0xC0 | (s >> 6)))
      put(UInt8(0x80 | (s & 0x3F)))
    } else {
      put(UInt8(0xE0 | (s >> 12)))
      put(UInt8(0x80 | ((s >> 6) & 0x3F)))
      put(UInt8(0x80 | (s & 0x3F)))
    }
  }

  static func windows1252Scalar(_ b: UInt8) -> UInt32 {
    if b < 0x80 || b >= 0xA0 { return UInt32(b) }
    let table: [UInt32] = [
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
      0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
    return table[Int(b - 0x80)]
  }

  /// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF).
  static func validUTF8(_ bytes: [UInt8], from start: Int, to end: Int? = nil) -> Bool {
    var i = start
    let n = end ?? bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var minimum: UInt32
      if b & 0xE0 == 0xC0 {
        length = 2
        minimum = 0x80
      } else if b & 0xF0 == 0xE0 {
        length = 3
        minimum = 0x800
      } else if b & 0xF8 == 0xF0 {
        length = 4
        minimum = 0x10000
      } else {
        return false
      }
      if i + length > n { return false }
      var scalar = UInt32(b & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
      for k in 1..<length {
        let c = bytes[i + k]
        if c & 0xC0 != 0x80 { return false }
        scalar = scalar << 6 | UInt32(c & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return false }
      minimum = 0
      i += length
    }
    return true
  }
}

extension LineFeatures {
  /// One pass over the scalars of `text`.
  static func measure(_ text: String) -> LineFeatures {
    var f = LineFeatures()
    var inWord = false
    var wordHash: UInt64 = 0
    var wordLength = 0
    var lastNonSpace: Unicode.Scalar = " "
    var beforeLast: Unicode.Scalar = " "
    var previous: Unicode.Scalar = " "
    func endWord() {
      if inWord {
        f.words += 1
        if wordLength <= 12 && StopWords.hashes.contains(wordHash) { f.stopWords += 1 }
      }
      inWord = false
      wordHash = 14_695_981_039_346_656_037
      wordLength = 0
    }
    wordHash = 14_695_981_039_346_656_037
    var pendingSeparator = false
    for s in text.unicodeScalars {
      f.length += 1
      let v = s.value
      if pendingSeparator {
        // A separator counts only between spaces: "News | Sport", not "»Quote«".
        if v == 0x20 { f.separators += 1 }
        pendingSeparator = false
      }
      // ASCII without the Unicode property tables (most of most pages).
      let isASCII = v < 0x80
      let isLetter = isASCII ? (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A : s.properties.isAlphabetic
      let isDigit = v >= 0x30 && v <= 0x39
      if isLetter || isDigit {
        if !inWord {
          inWord = true
          if isASCII ? v >= 0x41 && v <= 0x5A : s.properties.isUppercase { f.capitalisedWords += 1 }
        }
        if isLetter { f.letters += 1 } else { f.digits += 1 }
        wordLength += 1
        wordHash = StopWords.step(wordHash, s)
      } else if (v == 0x27 || v == 0x2019 || v == 0x2D) && inWord {
        // apostrophes and hyphens stay inside a word (don't, Jean-Yves)
        wordHash = StopWords.step(wordHash, s)
        wordLength += 1
      } else {
        endWord()
        switch v {
        case 0x2C, 0x3B, 0x3A, 0x2E, 0x21, 0x3F, 0x3001, 0x3002, 0xFF0C, 0xFF01, 0xFF1F, 0x2026: f.clauseMarks += 1
        default: break
        }
        if v != 0x20 {
          switch v {
          case 0x7C, 0x203A, 0xBB, 0x2022, 0xB7, 0x25B8, 0x25BA, 0x2192:
            if previous == " " && f.length > 1 { pendingSeparator = true }
          case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E, 0x2010...0x205E, 0xAB, 0xBF, 0xA1:
            break
          default:
            if !isASCII && s.properties.generalCategory != .nonspacingMark {
              f.symbols += 1
            }
          }
        }
      }
      if v != 0x20 {
        beforeLast = lastNonSpace
        lastNonSpace = s
      }
      previous = s
    }
    endWord()
    switch lastNonSpace {
    case ".", "!", "?", "…", "。", "！", "？", "؟":
      f.endsSentence = true
    case "\"", "”", "’", "'", "»", ")", "“":
      f.endsSentence = [".", "!", "?", "…", ",", "\"", "”", "’"].contains(beforeLast)
    case ":":
      f.endsWithColon = true
    default:
      break
    }
    return f
  }
}
