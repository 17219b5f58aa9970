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
    var scalars = Array(text.lowercased().unicodeScalars)
    let trailing: Set<Unicode.Scalar> = [".", ":", "!", "…", ">", "»", "›", " ", "→", "|", "-", "–", "—", "+"]
    let leading: Set<Unicode.Scalar> = ["•", "·", "-", "–", "—", "*", " ", "»", "›", "|", ">", "▶", "►", "■", "→"]
    while let last = scalars.last, trailing.contains(last) { scalars.removeLast() }
    var start = 0
    while start < scalars.count && leading.contains(scalars[start]) { start += 1 }
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars[start...])
    return out
  }

  func isBoilerplate(_ line: TextLine) -> Bool {
    let f = line.features
    if f.length > 400 { return Self.looksLikeCode(line.text) }
    let key = Self.key(line.text)
    if key.isEmpty { return true }
    if BoilerplatePhrases.lineSet.contains(key) || extraBoilerplate.contains(key) { return true }
    if let first = key.unicodeScalars.first, let prefixes = BoilerplatePhrases.prefixesByFirstScalar[first] {
      for prefix in prefixes where key.hasPrefix(prefix) { return true }
    }
    if BoilerplatePhrases.creditSet.contains(key) { return true }
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
    if f.stopRatio >= 0.12 && (f.endsSentence || f.length >= 90) { return true }
    if f.endsSentence && f.words >= 10 { return true }
    if f.length >= 150 && f.letters * 10 >= f.length * 6 { return true }
    return false
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
    if t.hasSubstring("function(") || t.hasSubstring("function (") || t.hasSubstring("document.") || t.hasSubstring("window.")
      || t.hasSubstring("var ") && t.hasSubstring(" = ") || t.hasSubstring("=>") && braces > 0
      || t.hasSubstring(".push(") || t.hasSubstring("googletag") || t.hasSubstring("getElementsBy") || t.hasSubstring("insertBefore")
      || t.hasSubstring(".src =") || t.hasSubstring("DM.")
    {
      return true
    }
    if braces >= 2 && (semicolons >= 1 || t.hasSubstring(":")) { return true }
    if semicolons >= 2 && parens >= 2 && !t.hasSubstring(" ") { return true }
    return false
  }

  /// Photo captions and credits: "(AP)", "— AP", "(Photo by …)", "(Pictured: …)", "(Copyright …)".
  static func looksLikeCaption(_ line: TextLine) -> Bool {
    let t = line.text
    let lower = t.lowercased()
    if lower.hasSubstring("(pictured") || lower.hasPrefix("pictured:") || lower.hasSubstring("(photo")
      || lower.hasSubstring("(image") || lower.hasSubstring("photo by ") || lower.hasSubstring("photo:")
      || lower.hasSubstring("(copyright") || lower.hasSubstring("/ afp") || lower.hasSubstring("getty images")
      || lower.hasSubstring("(credit") || lower.hasSubstring("credit:") || lower.hasSubstring("foto:")
      || lower.hasSubstring("bild:") || lower.hasSubstring("/ reuters") || lower.hasSubstring("(file photo")
      || lower.hasPrefix("file photo") || lower.hasSubstring("restricted to editorial use")
      || lower.hasPrefix("©") || lower.hasSubstring("© foto") || lower.hasSubstring("fotocredit") || lower.hasSubstring("bildquelle")
      || lower.hasSubstring("(bild:") || lower.hasPrefix("quelle:") || lower.hasSubstring("istock") || lower.hasSubstring("gettyimages")
      || lower.hasSubstring("shutterstock") || lower.hasSubstring("/ dpa") || lower.hasSubstring("(dpa)") || lower.hasSubstring("imago")
      || lower.hasPrefix("text & fotos") || lower.hasPrefix("fotos:") || lower.hasSubstring("(symbolbild")
    {
      return true
    }
    // A trailing credit: "… Crimea. (AP)", "… Kharkiv, Ukraine. — AP", "… (Reuters)".
    if let open = t.lastIndex(of: "("), t.hasSuffix(")") {
      let inside = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).lowercased()
      if BoilerplatePhrases.creditSet.contains(inside) || inside.hasSuffix("photo") { return true }
    }
    // Only the last few words matter: a word-split of the tail, no substring search over the line.
    let words = t.unicodeScalars.suffix(48).split(separator: " ").map { String(String.UnicodeScalarView($0)) }
    if words.count >= 2 {
      for k in 1...min(4, words.count - 1) where ["—", "–", "-"].contains(words[words.count - k - 1]) {
        if BoilerplatePhrases.creditSet.contains(words.suffix(k).joined(separator: " ").lowercased()) { return true }
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
