/// What a line of a copied page is, judged from the line alone.
enum LineClass: Equatable, Sendable {
  /// Running prose: long enough, sentence punctuation, function words.
  case prose
  /// A short line that may be a heading, a name, a date, or a menu item.
  case short
  /// Known boilerplate: a phrase from `BoilerplatePhrases`, a menu, leaked markup or script.
  case boilerplate
}

struct LineClassifier: Sendable {
  /// Extra whole lines to drop, keyed like `BoilerplatePhrases` (from the sidecar or from
  /// lines repeated across files of one source).
  var extraBoilerplate: Set<String> = []

  /// The matching key of a line: lower-cased, bullets and trailing punctuation trimmed.
  static func key(_ text: String) -> String {
    let lower = text.lowercased()
    let scalars = lower.unicodeScalars
    var end = scalars.endIndex
    var start = scalars.startIndex
    while end > start, keyTrailing.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
    while start < end, keyLeading.contains(scalars[start]) { start = scalars.index(after: start) }
    if start == scalars.startIndex && end == scalars.endIndex { return lower }
    return String(scalars[start..<end])
  }

  static let keyTrailing: Set<Unicode.Scalar> = [".", ":", "!", "…", ">", "»", "›", " ", "→", "|", "-", "–", "—", "+"]
  static let keyLeading: Set<Unicode.Scalar> = ["•", "·", "-", "–", "—", "*", " ", "»", "›", "|", ">", "▶", "►", "■", "→"]

  func isBoilerplate(_ line: TextLine) -> Bool {
    let f = line.features
    if f.length > 400 { return Self.looksLikeCode(line.text) || Self.isConsentNotice(line.text.lowercased()) }
    let key = Self.key(line.text)
    if key.isEmpty { return true }
    if BoilerplatePhrases.lineSet.contains(key) || extraBoilerplate.contains(key) { return true }
    if let first = key.unicodeScalars.first, let prefixes = BoilerplatePhrases.prefixesByFirstScalar[first] {
      for prefix in prefixes where key.hasPrefix(prefix) { return true }
    }
    if BoilerplatePhrases.creditSet.contains(key) { return true }
    if Self.isConsentNotice(key) { return true }
    if Self.looksLikeCode(line.text) { return true }
    // Menus and breadcrumbs copied as one line: "Home | News | Sport".
    if f.separators >= 2 && f.separators * 6 >= f.words { return true }
    return false
  }

  func classify(_ line: TextLine) -> LineClass {
    if isBoilerplate(line) { return .boilerplate }
    return Self.isProse(line.features) ? .prose : .short
  }

  static func isProse(_ f: LineFeatures) -> Bool {
    // Scripts with no spaces between words (CJK) have few "words": judge by length.
    if f.words <= 3 && f.length >= 40 && f.letters * 2 >= f.length { return f.endsSentence || f.length >= 80 }
    if f.words < 6 { return false }
    // Many words and not one comma or full stop: a keyword list, a tag cloud, a breadcrumb.
    // (A standfirst without a full stop still reads as a sentence: function words, few capitals.)
    if f.words >= 15 && f.clauseMarks == 0 && (f.words >= 40 || f.stopRatio < 0.1) {
      return false
    }
    if f.stopRatio >= 0.12 && (f.endsSentence || f.length >= 90) { return true }
    if f.endsSentence && f.words >= 10 { return true }
    if f.length >= 150 && f.letters * 10 >= f.length * 6 { return true }
    return false
  }

  /// Whether a line (its `key`) marks the end of the article: related links, comments, footers.
  static func isEndMarker(_ key: String) -> Bool {
    if BoilerplatePhrases.endMarkerSet.contains(key) { return true }
    return BoilerplatePhrases.endMarkerPrefixes.contains { key.hasPrefix($0) }
  }

  /// A cookie or consent notice: a line about cookies in the words of a site's banner ("This
  /// website uses cookies to improve your experience"), not cookies that are baked.
  static func isConsentNotice(_ key: String) -> Bool {
    guard BoilerplatePhrases.consentTopics.contains(where: { key.hasSubstring($0) }) else { return false }
    return BoilerplatePhrases.consentContext.contains { key.hasSubstring($0) }
  }

  /// Leaked JavaScript, CSS or HTML comments: `<!--`, `function (`, `document.`, braces.
  static func looksLikeCode(_ text: String) -> Bool {
    let t = text
    if t.hasPrefix("<!") || t.hasPrefix("-->") || t.hasPrefix("–>") || t.hasPrefix("//") || t.hasPrefix("/*") { return true }
    if t.hasPrefix("<") && t.hasSuffix(">") { return true }
    if t == "{" || t == "}" || t == "});" || t == "})();" || t.hasPrefix("}(") || t.hasPrefix("})(") { return true }
    var braces = 0
    var semicolons = 0
    var parens = 0
    for s in t.unicodeScalars {
      switch s {
      case "{", "}": braces += 1
      case ";": semicolons += 1
      case "(", ")": parens += 1
      default: break
      }
    }
    var text = t
    if text.withUTF8({ codeMarks.occurs(in: $0) }) { return true }
    if t.hasSubstring("var ") && t.hasSubstring(" = ") || t.hasSubstring("=>") && braces > 0 { return true }
    if braces >= 2 && (semicolons >= 1 || t.hasSubstring(":")) { return true }
    if semicolons >= 2 && parens >= 2 && !t.hasSubstring(" ") { return true }
    return false
  }

  /// Photo captions and credits: "(AP)", "— AP", "(Photo by …)", "(Pictured: …)", "(Copyright …)".
  static func looksLikeCaption(_ line: TextLine) -> Bool {
    let t = line.text
    var lower = t.lowercased()
    if lower.hasPrefix("pictured:") || lower.hasPrefix("file photo") || lower.hasPrefix("©") || lower.hasPrefix("quelle:")
      || lower.hasPrefix("text & fotos") || lower.hasPrefix("fotos:")
    {
      return true
    }
    if lower.withUTF8({ captionMarks.occurs(in: $0) }) { return true }
    // A trailing credit: "… Crimea. (AP)", "… Kharkiv, Ukraine. — AP", "… (Reuters)".
    if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
      let inside = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).lowercased()
      if BoilerplatePhrases.creditSet.contains(inside) || inside.hasSuffix("photo") { return true }
    }
    // Only the last few words matter: a word-split of the tail, no substring search over the line.
    let tail = t.unicodeScalars.suffix(48)
    guard tail.contains(where: { $0 == "—" || $0 == "–" || $0 == "-" }) else { return false }
    let words = tail.split(separator: " ").map { String(String.UnicodeScalarView($0)) }
    if words.count >= 2 {
      for k in 1...min(4, words.count - 1) where ["—", "–", "-"].contains(words[words.count - k - 1]) {
        if BoilerplatePhrases.creditSet.contains(words.suffix(k).joined(separator: " ").lowercased()) { return true }
      }
    }
    return false
  }
}

extension LineClassifier {
  /// Marks of a photo caption or credit anywhere in a line (matched lower-cased).
  static let captionMarks = PhraseScanner([
    "(pictured", "(photo", "(image", "photo by ", "photo:", "(copyright", "/ afp", "getty images", "(credit",
    "credit:", "foto:", "bild:", "/ reuters", "(file photo", "restricted to editorial use", "© foto", "fotocredit",
    "bildquelle", "(bild:", "istock", "gettyimages", "shutterstock", "/ dpa", "(dpa)", "imago", "(symbolbild",
    ", file photo,", "in this file photo", "in this undated photo", "in this handout photo",
  ])

  /// Marks of leaked script anywhere in a line (matched as written).
  static let codeMarks = PhraseScanner([
    "function(", "function (", "document.", "window.", ".push(", "googletag", "getElementsBy", "insertBefore",
    ".src =", "DM.",
  ])
}

/// Finds whether any of a fixed set of phrases occurs in a text, in one pass over its UTF-8
/// bytes: each position is looked up by its first two bytes, and only the phrases that start
/// with those are compared. Phrases are at least two bytes long.
struct PhraseScanner: Sendable {
  private var phrases: [[UInt8]]
  /// Bit per two-byte start: whether some phrase begins with it.
  private var starts: [UInt64]
  private var byStart: [UInt16: [Int]] = [:]

  init(_ list: [String]) {
    phrases = list.map { Array($0.utf8) }
    starts = [UInt64](repeating: 0, count: 1024)
    for (k, p) in phrases.enumerated() {
      precondition(p.count >= 2, "a scanned phrase needs two bytes")
      let pair = UInt16(p[0]) << 8 | UInt16(p[1])
      starts[Int(pair >> 6)] |= 1 << UInt64(pair & 63)
      byStart[pair, default: []].append(k)
    }
  }

  func occurs(in text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard text.count >= 2 else { return false }
    var pair = UInt16(text[0])
    for i in 1..<text.count {
      pair = pair << 8 | UInt16(text[i])
      guard starts[Int(pair >> 6)] & (1 << UInt64(pair & 63)) != 0 else { continue }
      let from = i - 1
      for k in byStart[pair]! {
        let p = phrases[k]
        if from + p.count <= text.count {
          var j = 2
          while j < p.count && text[from + j] == p[j] { j += 1 }
          if j == p.count { return true }
        }
      }
    }
    return false
  }
}

extension String {
  /// Whether `needle` occurs in the string, compared as UTF-8 bytes: a plain scan with no
  /// searcher set up per call (String.contains(String) builds one, too slow per line).
  func hasSubstring(_ needle: String) -> Bool {
    var haystack = self
    var pattern = needle
    return haystack.withUTF8 { h in
      pattern.withUTF8 { p in
        guard !p.isEmpty else { return true }
        guard p.count <= h.count else { return false }
        let first = p[0]
        var i = 0
        let last = h.count - p.count
        while i <= last {
          if h[i] == first {
            var k = 1
            while k < p.count && h[i + k] == p[k] { k += 1 }
            if k == p.count { return true }
          }
          i += 1
        }
        return false
      }
    }
  }
}
