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
    "for", "in", "at", "from", "on", "|", "-", "–", "—", "·", "•", "/", "published", "updated", "posted",
    "am", "um", "le", "el", "em", "il", "the", "fuer", "für", "aus", "mit", "with", "con", "avec",
    "kategorien:", "categories:", "category:", "kategorie:", "tags:", "comments", "kommentare", "comment",
    "under", "veröffentlicht", "publiziert", "publicado", "publié", "pubblicato", "last", "says:", "sagt:",
    "schreibt:", "wrote:", "schrieb:", "dice:", "dit:",
  ]

  /// Particles allowed inside a name (de la Cruz, van der Berg, bin Salman).
  static let particles: Set<String> = [
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "le", "la", "du", "dos", "das",
    "bin", "al", "el", "y", "st.", "mc", "o'",
  ]

  static let conjunctions: Set<String> = ["and", "&", "und", "et", "y", "e", "i", "и", "en", "og", "och"]

  /// The names of a byline line, or nil when the line is not one.
  static func byline(_ text: String) -> [String]? {
    guard let found = bylineNames(in: text), !found.names.isEmpty else { return nil }
    return found.names
  }

  /// Openers as word sequences, matched case-insensitively anywhere a byline can start.
  static let openerSequences: [[String]] = {
    let phrases = [
      "by", "von", "par", "por", "di", "door", "av", "escribe", "escrito por", "publicado por", "posted by",
      "written by", "words by", "words written by", "story by", "text by", "reported by", "erstellt von",
      "geschrieben von", "veröffentlicht von", "verfasst von", "publié par", "scritto da", "a cura di",
      "autor:", "autorin:", "autoren:", "author:", "authors:", "auteur:", "autore:", "text:", "texto:",
      "interview:", "von:", "by:", "reporter:", "written by:", "posted by:", "thread starter", "themenstarter",
      "gespeichert von", "eingestellt von", "bearbeitet von", "écrit par", "rédigé par", "redactado por",
      "text & fotos:", "text und fotos:", "text/fotos:", "text & foto:", "text und foto:", "text & bild:",
      "redaktion:", "por:", "par:", "autor/in:", "autorin/autor:", "verfasser:", "verfasserin:",
    ]
    return phrases.map { $0.split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }
  }()

  /// Words before an opener that make it a credit for something other than the text.
  static let notAuthorLeads: Set<String> = [
    "photo", "photos", "foto", "fotos", "image", "images", "bild", "bilder", "video", "videos",
    "illustration", "grafik", "credit", "picture", "pictures", "map", "chart", "graphic", "cover",
    "supported", "powered", "sponsored", "presented", "followed", "joined", "led", "made", "edited",
  ]

  /// A byline anywhere in a short line: "By X", "27. Januar 2014 by X / Kategorien",
  /// "Publiziert am 13. Januar 2014 von uriebe", "Eine Kolumne von X". `openerAtEnd` is true
  /// when the line ends with the opener ("10.12.2022 18:27 von") and the names are on the next line.
  static func bylineNames(in text: String) -> (names: [String], openerAtEnd: Bool, opener: [String])? {
    guard text.unicodeScalars.count <= 200 else { return nil }
    let words = text.split(separator: " ")
    guard words.count <= 30 else { return nil }
    let lower = words.map { $0.lowercased() }
    for p in lower.indices {
      for opener in openerSequences where p + opener.count <= lower.count {
        guard Array(lower[p..<(p + opener.count)]) == opener else { continue }
        if p > 0 {
          let previous = lower[p - 1]
          if notAuthorLeads.contains(previous.trimmingPunctuation) { break }
          let separates = previous.allSatisfy { !$0.isLetter } || previous.contains(where: { $0.isNumber })
            || previous.last == "," || previous.last == ":" || leadIns.contains(previous)
          // A sentence that merely contains "by" is not a byline.
          if !separates { break }
        }
        let restWords = words[(p + opener.count)...]
        if restWords.isEmpty { return ([], true, opener) }
        let rest = restWords.joined(separator: " ")
        var names = splitNames(rest)
        if names.isEmpty, let first = restWords.first, isUserName(first),
          !StopWords.hashes.contains(StopWords.hash(first.lowercased())),
          restWords.count == 1 || restWords.dropFirst().first.map({ w in
            w.allSatisfy { !$0.isLetter } || w.contains { $0.isNumber } || nameEnders.contains(w.lowercased())
          }) == true
        {
          names = [String(first.trimmingPunctuation)]
        }
        if names.isEmpty { return nil }
        return (names, false, opener)
      }
    }
    return nil
  }

  /// Credit markers that name where a text comes from rather than who wrote it, though on
  /// small sites and agency copy that is the author: "Quelle: kathpress", "© 2012 APA/AP",
  /// "Herausgeber: Nordex SE" (data, several languages).
  static let creditMarkers: [String] = [
    "quelle:", "source:", "sources:", "fuente:", "fonte:", "herausgeber:", "herausgeberin:", "éditeur:",
    "©", "(c)", "copyright", "copyright:",
  ]

  /// The names a credit line gives: "© 2009-2012 Jonathan Krase. Impressum" → ["Jonathan Krase"],
  /// "© 2012 APA/AP" → ["APA", "AP"]; nil when the line holds no credit marker.
  static func creditNames(in text: String) -> [String]? {
    guard text.unicodeScalars.count <= 160 else { return nil }
    var words = text.split(separator: " ")
    guard words.count <= 16 else { return nil }
    // "©2020" and "©Name" written without a space.
    if let first = words.first, first.hasPrefix("©"), first.count > 1 {
      words[0] = first.dropFirst()
      words.insert("©", at: 0)
    }
    guard let p = words.firstIndex(where: { creditMarkers.contains($0.lowercased()) }), p <= 2 else { return nil }
    var rest = words[(p + 1)...].drop { w in
      w.allSatisfy { !$0.isLetter } || creditMarkers.contains(w.lowercased()) || w.lowercased() == "by"
    }
    // Up to the first full stop: "Jonathan Krase. Impressum & Datenschutz".
    if let stop = rest.firstIndex(where: { $0.hasSuffix(".") && $0.count > 2 && !$0.dropLast().contains(".") }) {
      rest = rest[..<rest.index(after: stop)]
    }
    let parts = rest.flatMap { w -> [Substring] in
      // "APA/AP", "AFP/The": names joined by slashes.
      guard w.contains("/"), !w.hasPrefix("/"), !w.hasSuffix("/") else { return [w] }
      return Array(w.split(separator: "/").map { [$0] }.joined(separator: [","]))
    }
    let names = splitNames(parts.joined(separator: " ").trimmingPunctuation)
    return names.isEmpty ? nil : names
  }

  /// Words that lead into a byline: "Eine Kolumne von", "Ein Interview von", "A column by".
  static let leadIns: Set<String> = [
    "kolumne", "interview", "kommentar", "analyse", "gastbeitrag", "reportage", "essay", "column",
    "story", "article", "artikel", "beitrag", "bericht", "text", "review", "opinion", "commentary",
    "author", "post", "rezept", "recipe", "foto-story", "fotostory",
  ]

  /// A handle as blogs print it: "uriebe", "delta201", "Herr_Rein".
  static func isUserName(_ word: Substring) -> Bool {
    let w = word.trimmingPunctuation
    guard w.count >= 3, w.count <= 30, w.first?.isLetter == true else { return false }
    return w.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
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
      // Digits mean a date or a count, a handle or an address follows the name, a month name
      // before a number starts a date: the names are over.
      if word.contains(where: { $0.isNumber }) || word.hasPrefix("@") || word.contains("@") { break outer }
      // "Eberhard Fuhr (Pressesprecher des EJW)": a role in brackets after the name.
      if word.hasPrefix("("), !current.isEmpty { break outer }
      if index < words.count, words[index].first?.isNumber == true,
        ProseDateReader.months[word.lowercased().trimmingPunctuation] != nil
      {
        break outer
      }
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
  static func isNameLine(_ line: TextLine) -> Bool { isNameLine(line.text) }

  static func isNameLine(_ text: String) -> Bool {
    let f = LineFeatures.measure(text)
    guard f.words >= 2, f.words <= 12, f.digits == 0, !f.endsSentence, f.length <= 80 else { return false }
    let words = text.split(separator: " ")
    for w in words {
      let lower = w.lowercased()
      if StopWords.hashes.contains(StopWords.hash(lower)) && !particles.contains(lower) && !conjunctions.contains(lower) {
        return false
      }
    }
    if let first = words.first, ["The", "A", "An", "Der", "Die", "Das", "Le", "La", "El", "Il"].contains(first) {
      return false
    }
    let names = splitNames(text)
    guard !names.isEmpty else { return false }
    // Every word of the line must be part of a name or a conjunction.
    let nameWords = names.reduce(0) { $0 + $1.split(separator: " ").count }
    let conjunctionWords = words.filter { conjunctions.contains($0.lowercased()) }.count
    guard nameWords + conjunctionWords == words.count else { return false }
    // Each name two to four words.
    return names.allSatisfy { (2...4).contains($0.split(separator: " ").count) }
  }
}

extension StringProtocol {
  /// The text without leading and trailing punctuation and symbols.
  var trimmingPunctuation: String {
    var scalars = Array(String(self).unicodeScalars)
    while let last = scalars.last, !last.properties.isAlphabetic && !(last.value >= 0x30 && last.value <= 0x39) {
      scalars.removeLast()
    }
    var start = 0
    while start < scalars.count, !scalars[start].properties.isAlphabetic
      && !(scalars[start].value >= 0x30 && scalars[start].value <= 0x39)
    {
      start += 1
    }
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars[start...])
    return out
  }
}
