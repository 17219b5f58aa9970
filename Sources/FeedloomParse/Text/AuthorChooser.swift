/// Where an author candidate was read.
enum AuthorSource: Int, CaseIterable {
  /// "By X", "Von X", "Autor: X" in the line (or the opener ending the line, the names next).
  case byline
  /// A line of names alone.
  case nameLine
  /// A part of a line cut at separators: "Arne Sjöström | 30. Dezember 2022 | HR-Welt".
  case segment
  /// The line after an author label alone on its line ("Über den Autor", "AUTOR/IN").
  case labelled
  /// A source or copyright credit: "Quelle: kathpress", "© 2012 APA/AP".
  case credit
  /// The names before the date in a line: "Tine 2. Februar 2020 Radtouren Berlin".
  case beforeDate
  /// A reading without the last of several names, when that one is a single word: "By Rob
  /// Picheta, CNN" → "Rob Picheta".
  case shortened
  /// The byline's opener is a label ending in a colon ("Autor:", "Text:").
  case colonLabel
}

/// One reading of the page's authors, with the line it came from.
struct AuthorCandidate {
  var line: Int
  var names: [String]
  var sources: Set<AuthorSource> = []
  var byRules = false
  var lines: [Int]
}

/// Author labels standing alone on a line above the name (data, several languages).
enum AuthorLabels {
  static let keys: Set<String> = [
    "autor", "autorin", "autor/in", "autor*in", "autorinnen", "autoren", "author", "authors", "auteur", "auteurs",
    "autore", "autores", "über den autor", "über die autorin", "über den autor/ die autorin", "about the author",
    "kommentar von", "artikel von", "rezept von", "beitrag von", "ein beitrag von", "von", "by", "par", "por",
    "text", "texto", "written by", "posted by", "geschrieben von", "verfasst von", "redakteur", "redakteurin",
    "à propos de l'auteur", "sobre el autor", "sull'autore", "thread starter", "themenstarter", "journalist",
    "reporter", "zum autor", "zur autorin", "zur person", "mehr von", "mehr zum autor", "über mich",
  ]
}

extension ArticleAnalyzer {
  /// The authors: every reading near the headline, after an author label or in a byline
  /// anywhere, weighed by `AuthorWeights`; the fixed rules' answer is one reading among them.
  func chooseAuthors(
    range: Range<Int>, titleIndex: Int?, body: Range<Int>, head: Range<Int>, used: inout Set<Int>
  ) -> [String] {
    var ruleUsed = used
    let byRules = ruleAuthors(range: range, titleIndex: titleIndex, body: body, head: head, used: &ruleUsed)
    var candidates = authorCandidates(range: range, titleIndex: titleIndex, body: body, used: used)
    if !byRules.isEmpty {
      let ruleLines = ruleUsed.subtracting(used).sorted()
      let key = Self.nameKey(byRules)
      if let k = candidates.firstIndex(where: { Self.nameKey($0.names) == key }) {
        candidates[k].byRules = true
      } else {
        candidates.append(AuthorCandidate(line: ruleLines.first ?? 0, names: byRules, byRules: true, lines: ruleLines))
      }
    }
    guard !candidates.isEmpty else { return [] }
    let anchor = titleIndex ?? body.lowerBound
    let pageWords = AuthorContext(self, body: body)
    var best: (Int, Double)?
    for (k, c) in candidates.enumerated() {
      let x = authorFeatures(c, anchor: anchor, body: body, context: pageWords)
      var s = 0.0
      for j in x.indices { s += x[j] * AuthorWeights.weights[j] }
      if TextFeatureDump.isOn {
        TextFeatureDump.write("author", line: c.line, features: x, text: c.names.joined(separator: "; "))
      }
      if best == nil || s > best!.1 { best = (k, s) }
    }
    guard best!.1 > AuthorWeights.threshold else { return [] }
    let chosen = candidates[best!.0]
    for l in chosen.lines { used.insert(l) }
    return chosen.names
  }

  /// The names as one comparable key.
  static func nameKey(_ names: [String]) -> String { names.map { $0.lowercased() }.joined(separator: "|") }

  func authorCandidates(range: Range<Int>, titleIndex: Int?, body: Range<Int>, used: Set<Int>) -> [AuthorCandidate] {
    var out: [AuthorCandidate] = []
    var index: [String: Int] = [:]
    func add(_ line: Int, _ names: [String], _ source: AuthorSource, lines extra: [Int] = []) {
      let names = names.filter { !$0.isEmpty }
      guard !names.isEmpty, names.count <= 6 else { return }
      let key = Self.nameKey(names)
      if let k = index[key] {
        out[k].sources.insert(source)
        // The reading nearest the headline stands for all.
        if let t = titleIndex, abs(line - t) < abs(out[k].line - t) {
          out[k].line = line
          out[k].lines = [line] + extra
        }
        return
      }
      index[key] = out.count
      out.append(AuthorCandidate(line: line, names: names, sources: [source], lines: [line] + extra))
    }
    func addShortened(_ line: Int, _ names: [String]) {
      guard names.count >= 2, let last = names.last, !last.contains(" ") else { return }
      add(line, Array(names.dropLast()), .shortened)
    }
    let anchor = titleIndex ?? body.lowerBound
    let limit = min(range.upperBound, range.lowerBound + 5000)
    for i in range.lowerBound..<limit where !used.contains(i) {
      let line = lines[i]
      let f = line.features
      guard f.words <= 30, f.length <= 200, classes[i] != .boilerplate || f.words <= 6 else { continue }
      let near = i >= anchor - 4 && i <= max(anchor + 10, body.lowerBound + 3)
      if let found = BylineReader.bylineNames(in: line.text) {
        if !found.names.isEmpty {
          add(i, found.names, .byline)
          if found.opener.last?.hasSuffix(":") == true { add(i, found.names, .colonLabel) }
          addShortened(i, found.names)
        } else if i + 1 < lines.count, lines[i + 1].features.words <= 10 {
          var names = BylineReader.splitNames(namePart(i + 1))
          if names.isEmpty, let w = lines[i + 1].text.split(separator: " ").first, lines[i + 1].features.words == 1,
            BylineReader.isUserName(w)
          {
            names = [String(w)]
          }
          add(i, names, .byline, lines: [i + 1])
        }
        continue
      }
      // An author label alone, the name on the next line.
      if f.words <= 6, AuthorLabels.keys.contains(LineClassifier.key(line.text)), i + 1 < lines.count {
        let next = namePart(i + 1)
        if BylineReader.isNameLine(next) {
          add(i + 1, BylineReader.splitNames(next), .labelled, lines: [i])
        } else if lines[i + 1].features.words == 1, let w = next.split(separator: " ").first, BylineReader.isUserName(w)
        {
          add(i + 1, [String(w)], .labelled, lines: [i])
        } else if lines[i + 1].features.words <= 4, lines[i + 1].features.digits == 0, !lines[i + 1].features.endsSentence
        {
          add(i + 1, [lines[i + 1].text.trimmingPunctuation], .labelled, lines: [i])
        }
        continue
      }
      if let names = BylineReader.creditNames(in: line.text) {
        add(i, names, .credit)
        addShortened(i, names)
        continue
      }
      guard f.words <= 14 else { continue }
      // The names before a date: "Tine 2. Februar 2020", "Marco Kratzenberg , 01. Dez. 2017".
      if f.digits > 0, let d = ProseDateReader.dates(in: line.text, monthFirst: monthFirst).first, d.start > 0 {
        var head = ""
        head.unicodeScalars.append(contentsOf: Array(line.text.unicodeScalars)[..<min(d.start, line.text.unicodeScalars.count)])
        let lead = head.trimmingPunctuation
        let leadWords = lead.split(separator: " ")
        if BylineReader.isNameLine(lead) {
          add(i, BylineReader.splitNames(lead), .beforeDate)
        } else if leadWords.count == 1, let w = leadWords.first, Self.isOneWordName(w) {
          add(i, [String(w)], .beforeDate)
        }
      }
      // Near the headline: a line of parts ("Name | date | section", "date - Name").
      if near, let part = Self.segments(line.text).lazy.map({ self.namePart(of: $0) }).first(where: {
        BylineReader.isNameLine($0)
      }) {
        add(i, BylineReader.splitNames(part), .segment)
        continue
      }
      // "- Nadja Podbregar", "ET Online|": a name line inside punctuation.
      let cleaned = namePart(i).trimmingPunctuation
      if BylineReader.isNameLine(cleaned) {
        add(i, BylineReader.splitNames(cleaned), .nameLine)
      } else if f.words == 1, Self.isOneWordName(Substring(cleaned)), cleaned.first?.isUppercase == true,
        (max(range.lowerBound, i - 1)...min(range.upperBound - 1, i + 1)).contains(where: { $0 != i && isDateLine($0) })
      {
        // A one-word name beside a date line: "Benni" above "10. September 2017".
        add(i, [cleaned], .nameLine)
      }
    }
    return out
  }

  /// A word that may be a name or handle alone: not a stop word, a weekday or a month
  /// ("sexta-feira", "Montag").
  static func isOneWordName(_ word: Substring) -> Bool {
    guard BylineReader.isUserName(word) else { return false }
    let lower = word.lowercased()
    if StopWords.hashes.contains(StopWords.hash(lower)) { return false }
    let head = String(lower.split(separator: "-").first ?? Substring(lower))
    return !ProseDateReader.weekdays.contains(head) && ProseDateReader.months[head] == nil
  }

  /// The parts of a line between separators standing alone: `|`, `•`, `·`, `∙`, `-`, `–`, `—`, `/`.
  static func segments(_ text: String) -> [String] {
    var parts: [String] = []
    var current: [Substring] = []
    for token in text.split(separator: " ") {
      if TitleVocabulary.separators.contains(token) || token == "∙" {
        if !current.isEmpty { parts.append(current.joined(separator: " ")) }
        current = []
      } else {
        current.append(token)
      }
    }
    if !current.isEmpty { parts.append(current.joined(separator: " ")) }
    return parts.count >= 2 ? parts : []
  }

  func authorFeatures(_ c: AuthorCandidate, anchor: Int, body: Range<Int>, context: AuthorContext) -> [Double] {
    var x = [Double](repeating: 0, count: AuthorWeights.count)
    func set(_ k: AuthorFeature, _ v: Double) { x[k.rawValue] = v }
    func flag(_ k: AuthorFeature, _ b: Bool) { if b { x[k.rawValue] = 1 } }
    flag(.byRules, c.byRules)
    flag(.byline, c.sources.contains(.byline))
    flag(.nameLine, c.sources.contains(.nameLine))
    flag(.segment, c.sources.contains(.segment))
    flag(.labelled, c.sources.contains(.labelled))
    flag(.credit, c.sources.contains(.credit))
    flag(.beforeDate, c.sources.contains(.beforeDate))
    flag(.shortened, c.sources.contains(.shortened))
    flag(.colonLabel, c.sources.contains(.colonLabel))
    let d = c.line - anchor
    flag(.justAfterTitle, d >= 1 && d <= 3)
    flag(.nearAfterTitle, d >= 4 && d <= 10)
    flag(.beforeTitle, d < 0 && d >= -6)
    flag(.farBeforeTitle, d < -6)
    flag(.inBody, body.contains(c.line) && c.line > body.lowerBound + 3)
    flag(.justAfterBody, c.line >= body.upperBound && c.line < body.upperBound + 15)
    flag(.farAfterBody, c.line >= body.upperBound + 15)
    set(.distance, Double(min(abs(d), 200)) / 50)
    let i = c.line
    flag(.dateBeside, (max(0, i - 1)...min(lines.count - 1, i + 1)).contains { $0 != i && isDateLine($0) })
    flag(.dateInLine, lines[i].features.digits > 0 && namePart(i) != lines[i].text)
    let words = c.names.flatMap { $0.split(separator: " ") }
    set(.nameCount, Double(min(c.names.count, 4)))
    flag(.oneWordName, words.count == 1)
    flag(.allCaps, words.allSatisfy { w in !w.contains { $0.isLowercase } })
    // Common words of the page written lower-case somewhere: a menu item, not a name.
    let lowered = words.filter { context.lowerWords.contains($0.lowercased()) }.count
    set(.commonWordShare, words.isEmpty ? 0 : Double(lowered) / Double(words.count))
    let repeats = context.lineCounts[lines[i].text] ?? 1
    set(.repeats, Double(min(repeats, 5)))
    // An author box: the name, then a line about the person starting with it.
    if i + 1 < lines.count, let first = c.names.first, lines[i + 1].text.hasPrefix(first), lines[i + 1].text != lines[i].text
    {
      flag(.bioAfter, true)
    }
    flag(.boilerplateLine, classes[i] == .boilerplate)
    flag(.captionLine, captions[i])
    set(.mentionsInBody, Double(min(context.bodyMentions(words), 3)))
    // Names as people write them: two or three capitalised words each, not all capitals.
    flag(.personShape, c.names.allSatisfy { name in
      let parts = name.split(separator: " ")
      return (2...3).contains(parts.count) && parts.allSatisfy { w in
        w.first?.isUppercase == true && w.dropFirst().contains { $0.isLowercase }
      }
    })
    // How much of its line the reading covers.
    let lineWords = max(1, lines[i].features.words)
    set(.lineCoverage, min(1, Double(words.count) / Double(lineWords)))
    return x
  }
}

/// What the author scorer compares a candidate with: words the page writes lower-case, how
/// often lines repeat, the body's text.
struct AuthorContext {
  var lowerWords: Set<String> = []
  var lineCounts: [String: Int] = [:]
  var bodyWords: [String: Int] = [:]

  init(_ analyzer: ArticleAnalyzer, body: Range<Int>) {
    for (k, line) in analyzer.lines.prefix(20_000).enumerated() {
      lineCounts[line.text, default: 0] += 1
      guard analyzer.classes[k] == .prose else { continue }
      for w in line.text.split(whereSeparator: { !$0.isLetter }) {
        if let first = w.first, first.isLowercase { lowerWords.insert(String(w)) }
        if body.contains(k) { bodyWords[String(w), default: 0] += 1 }
      }
    }
  }

  /// How often the rarest word of the name occurs in the body.
  func bodyMentions(_ words: [Substring]) -> Int {
    words.map { bodyWords[String($0)] ?? 0 }.min() ?? 0
  }
}
