// TEMPORARY until FeedloomNormalize's HTMLSanitizer/HTMLText land on main: the safe minimum
// (every tag dropped, text escaped). Removed when the real sanitiser is merged.
enum PendingHTML {
  static func sanitize(_ html: String, baseURL: String?) -> String {
    var out = ""
    var inTag = false
    for c in html {
      if inTag { if c == ">" { inTag = false }; continue }
      switch c {
      case "<": inTag = true
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  static func looksLikeHTML(_ s: String) -> Bool {
    var previous: Character = " "
    for c in s {
      if previous == "<" && (c.isLetter || c == "/") { return true }
      previous = c
    }
    return false
  }

  static func plainText(fromHTML html: String) -> String {
    var out = ""
    var inTag = false
    for c in html {
      if inTag { if c == ">" { inTag = false }; continue }
      if c == "<" { inTag = true; continue }
      out.append(c)
    }
    return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }
}
