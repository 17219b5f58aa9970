/// Author names from bylines: "By Reuters", "By Chris Jewers for Mail Online and AFP",
/// "Von Lisa Petrich", "David Harding and Holly Bancroft".
enum BylineReader {
  /// Byline openers, lower-cased, each followed by the names (data, several languages).
  static let openers: [String] = [
    "by ", "written by ", "words by ", "story by ", "text by ", "author: ", "authors: ", "autor: ",
    "autorin: ", "autoren: ", "von ", "text: ", "texto: ", "por ", "par ", "di ", "door ", "av ",
    "автор: ", "auteur: ", "reporter: ", "posted by ", "reported by ",
  ]

  /// Words that end the names part of a byline: "for Mail Online", "in Kiev", "| Reporter".
  static let nameEnders: Set<String> = [
    "for", "in", "at", "from", "on", "|", "-", "–", "—", "·", "•", "published", "updated", "posted",
    "am", "um", "le", "el", "em", "il", "the", "fuer", "für", "aus",
  ]

  /// Particles allowed inside a name (de la Cruz, van der Berg, bin Salman).
  static let particles: Set<String> = [
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "le", "la", "du", "dos", "das",
    "bin", "al", "el", "y", "st.", "mc", "o'",
  ]

  static let conjunctions: Set<String> = ["and", "&", "und", "et", "y", "e", "i", "и", "en", "og", "och"]

  /// The names of a byline line, or nil when the line is not one.
  static func byline(_ text: String) -> [String]? {
    guard text.unicodeScalars.count <= 160 else { return nil }
    let lower = text.lowercased()
    for opener in openers where lower.hasPrefix(opener) {
      let rest = String(text.unicodeScalars.dropFirst(opener.unicodeScalars.count))
      let names = splitNames(rest)
      if !names.isEmpty { return names }
    }
    return nil
  }

  /// Splits "A, B and C for Outlet" into names, stopping at words that end the names part.
  static func splitNames(_ text: String) -> [String] {
    var names: [String] = []
    var current: [Substring] = []
    func flush() {
      if !current.isEmpty {
        let name = current.joined(separator: " ")
        if isPlausibleName(name) { names.append(name) }
      }
      current = []
    }
    let words = text.split(separator: " ")
    var index = 0
    outer: while index < words.count {
      var word = words[index]
      index += 1
      let lower = word.lowercased()
      if conjunctions.contains(lower) {
        flush()
        continue
      }
      if nameEnders.contains(lower) && !current.isEmpty { break outer }
      if nameEnders.contains(lower) { continue }
      var endsName = false
      while let last = word.last, [",", ";", "/", "|"].contains(last) {
        word = word.dropLast()
        endsName = true
      }
      if word.isEmpty {
        flush()
        continue
      }
      // Digits mean a date or a count: the names are over.
      if word.contains(where: { $0.isNumber }) { break outer }
      current.append(word)
      if endsName { flush() }
      if current.count > 5 { return [] }
    }
    flush()
    return names
  }

  static func isPlausibleName(_ name: String) -> Bool {
    let words = name.split(separator: " ")
    guard !words.isEmpty, words.count <= 5, name.count <= 60 else { return false }
    for (k, w) in words.enumerated() {
      guard let first = w.first else { return false }
      if particles.contains(w.lowercased()) && k > 0 { continue }
      if !first.isUppercase { return false }
      if w.contains(where: { !$0.isLetter && $0 != "." && $0 != "-" && $0 != "'" && $0 != "’" }) { return false }
    }
    return true
  }

  /// A line that is only names: "David Harding and Holly Bancroft", "Lisa Petrich".
  static func isNameLine(_ line: TextLine) -> Bool {
    let f = line.features
    guard f.words >= 2, f.words <= 12, f.digits == 0, !f.endsSentence, f.length <= 80 else { return false }
    let words = line.text.split(separator: " ")
    if let first = words.first, ["The", "A", "An", "Der", "Die", "Das", "Le", "La", "El", "Il"].contains(first) {
      return false
    }
    let names = splitNames(line.text)
    guard !names.isEmpty else { return false }
    // Every word of the line must be part of a name or a conjunction.
    let nameWords = names.reduce(0) { $0 + $1.split(separator: " ").count }
    let conjunctionWords = words.filter { conjunctions.contains($0.lowercased()) }.count
    guard nameWords + conjunctionWords == words.count else { return false }
    // Each name two to four words.
    return names.allSatisfy { (2...4).contains($0.split(separator: " ").count) }
  }
}
