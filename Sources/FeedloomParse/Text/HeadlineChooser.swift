/// Choosing the headline, standfirst, bylines, date and publisher of an article, once
/// `ArticleAnalyzer` has found its body run.
extension ArticleAnalyzer {
  // MARK: authors

  /// The byline names: a "By …" line near the headline, else a line of names alone beside the
  /// headline or a date, else a byline opening a short line just after the body.
  func chooseAuthors(
    range: Range<Int>, titleIndex: Int?, body: Range<Int>, head: Range<Int>, used: inout Set<Int>
  ) -> [String] {
    var authors: [String] = []
    var nameLines: [Int] = []
    for i in head where !used.contains(i) && authors.isEmpty {
      if let found = BylineReader.bylineNames(in: lines[i].text) {
        if !found.names.isEmpty {
          authors = found.names
          used.insert(i)
        } else if i + 1 < lines.count, lines[i + 1].features.words <= 10 {
          // "Von" / "By" ending a line, the names on the next.
          var names = BylineReader.splitNames(namePart(i + 1))
          if names.isEmpty, let w = lines[i + 1].text.split(separator: " ").first, lines[i + 1].features.words == 1,
            BylineReader.isUserName(w)
          {
            names = [String(w)]
          }
          if !names.isEmpty {
            authors = names
            used.insert(i)
            used.insert(i + 1)
          }
        }
      } else if classes[i] != .boilerplate, BylineReader.isNameLine(namePart(i)) {
        nameLines.append(i)
      }
    }
    // A line of names alone, next to the headline or a date line.
    if authors.isEmpty, let n = nameLines.first(where: { n in
      let nearTitle = titleIndex.map { abs(n - $0) <= 3 } ?? false
      let nearDate = (max(0, n - 1)...min(lines.count - 1, n + 1)).contains { $0 != n && isDateLine($0) }
      return nearTitle || nearDate || namePart(n) != lines[n].text
    }) {
      authors = BylineReader.splitNames(namePart(n))
      used.insert(n)
    }
    // Else a byline that starts its own short line in or just after the body ("Von Julia
    // Müller", "Auteur: Anna Kubišta", "Publicado por Alberto González").
    if authors.isEmpty {
      let tail = min(range.upperBound, body.upperBound + 12)
      let from = max(head.upperBound, body.upperBound - 3)
      for i in from..<max(from, tail) where !used.contains(i) && lines[i].features.words <= 8 {
        let lower = lines[i].text.lowercased()
        guard BylineReader.openerSequences.contains(where: { lower.hasPrefix($0.joined(separator: " ") + " ") }),
          let found = BylineReader.bylineNames(in: lines[i].text), !found.names.isEmpty
        else { continue }
        authors = found.names
        used.insert(i)
        break
      }
    }
    return authors
  }

  /// Line `i` without the dates in it and the separators around them: "Tina Klostermeier
  /// 15.12.2022" → "Tina Klostermeier".
  func namePart(_ i: Int) -> String {
    let text = lines[i].text
    guard lines[i].features.digits > 0 else { return text }
    let dates = ProseDateReader.dates(in: text, monthFirst: monthFirst)
    guard !dates.isEmpty else { return text }
    // Dates may overlap (a time read before one date can reach into the previous): mark, then drop.
    let scalars = Array(text.unicodeScalars)
    var keep = [Bool](repeating: true, count: scalars.count)
    for d in dates where d.start < d.end {
      for k in max(0, d.start)..<min(d.end, scalars.count) { keep[k] = false }
    }
    var out = ""
    for (k, scalar) in scalars.enumerated() where keep[k] { out.unicodeScalars.append(scalar) }
    let kept = out.split(separator: " ").filter { w in w.contains { $0.isLetter } }
    return kept.joined(separator: " ").trimmingPunctuation
  }

  // MARK: title

  /// Whether line `i` could be a headline at all.
  func isTitleCandidate(_ i: Int) -> Bool {
    let line = lines[i]
    let f = line.features
    guard classes[i] != .boilerplate, !captions[i] else { return false }
    guard f.length >= 8, f.length <= 250, f.letters * 2 >= f.length else { return false }
    if f.words < 2 || (f.words < 3 && f.length < 16) { return false }
    if f.separators > 0 || f.endsWithColon { return false }
    if isDateLine(i) || BylineReader.byline(line.text) != nil { return false }
    if f.words > 35 { return false }
    return true
  }

  /// Lines that come between a headline and its body: a byline, a date, "Von" / "By" alone.
  func isByOrDateLine(_ i: Int) -> Bool {
    let line = lines[i]
    if isDateLine(i) || BylineReader.byline(line.text) != nil { return true }
    let key = LineClassifier.key(line.text)
    if BylineReader.openers.contains(key + " ") { return true }
    return false
  }

  /// Content words (four letters or more, lower-cased) of a text.
  static func contentWords(_ text: String) -> [Substring] {
    text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).filter { $0.count >= 4 }
  }

  /// The content words of the first body lines, which a headline shares and a teaser for
  /// another page does not.
  func bodyVocabulary(from bodyStart: Int) -> Set<Substring> {
    var words: Set<Substring> = []
    var characters = 0
    var i = bodyStart
    while i < lines.count && characters < 3000 {
      if classes[i] == .prose {
        for w in Self.contentWords(lines[i].text) { words.insert(w) }
        characters += lines[i].features.length
      }
      i += 1
    }
    return words
  }

  func titleScore(_ i: Int, bodyStart: Int, rank: Int, vocabulary: Set<Substring>) -> Int {
    let line = lines[i]
    let f = line.features
    var score = 0
    let words = Self.contentWords(line.text)
    if !words.isEmpty {
      let shared = words.filter { vocabulary.contains($0) }.count
      score += min(24, 30 * shared / words.count)
    }
    switch f.words {
    case 4...20: score += 10
    case 21...30: score += 4
    default: score += f.length >= 14 ? 2 : -4
    }
    if f.endsSentence && line.text.last == "." && f.words >= 5 { score -= 15 }
    // Closer to the body is better: headline-like lines in between count most.
    let distance = bodyStart - i
    if distance >= 0 {
      score -= 4 * rank + min(distance, 40) / 2
    } else {
      score -= 8 * -distance
      // Between prose lines of the body it is a sub-heading.
      if i > 0, classes[i - 1] == .prose { score -= 20 }
    }
    // A byline or date line just after it.
    var j = i + 1
    var looked = 0
    while j < lines.count && looked < 3 {
      if lines[j].text == line.text {
        j += 1
        continue
      }
      if isByOrDateLine(j) {
        score += 18 - 6 * looked
        break
      }
      looked += 1
      j += 1
    }
    // Written twice in a row (a headline and its copy), or quoted elsewhere on the page.
    if (i + 1 < lines.count && lines[i + 1].text == line.text) || (i > 0 && lines[i - 1].text == line.text) {
      score += 14
    }
    // A standfirst right after it; or it is itself the standfirst of the headline above.
    if i + 1 < lines.count, lines[i + 1].features.words >= 10, lines[i + 1].features.words > f.words,
      lines[i + 1].features.words <= 70, !captions[i + 1], classes[i + 1] != .boilerplate, !isByOrDateLine(i + 1)
    {
      score += 12
    }
    if i > 0, f.words >= 9, isTitleCandidate(i - 1), lines[i - 1].features.words < f.words,
      lines[i - 1].features.words >= 3, lines[i - 1].text != line.text
    {
      score -= 12
    }
    // Items of a numbered list ("1", "2" between teasers) are not headlines of this page.
    func isCounter(_ k: Int) -> Bool { k >= 0 && k < lines.count && lines[k].features.digits == lines[k].features.length }
    if isCounter(i - 1) || isCounter(i + 1) { score -= 15 }
    if BylineReader.isNameLine(line) { score -= 20 }
    if f.words <= 3 && f.capitalRatio >= 1 && f.stopWords == 0 { score -= 4 }
    return score
  }

  func chooseTitle(_ head: Range<Int>, bodyStart: Int) -> Int? {
    let from = max(head.lowerBound, bodyStart - 40)
    // The first lines of the body may hold the headline too (never the body's only prose
    // line, and never a sentence).
    let prose = (bodyStart..<min(lines.count, bodyStart + 40)).filter { classes[$0] == .prose }.count
    let intoBody = (bodyStart..<min(lines.count, bodyStart + 3)).filter {
      !(classes[$0] == .prose && (prose < 2 || lines[$0].features.endsSentence))
    }
    let vocabulary = bodyVocabulary(from: bodyStart)
    var best: (Int, Int)?
    var rank = 0
    var previousText: String?
    for i in (from..<bodyStart).reversed() where isTitleCandidate(i) {
      let s = titleScore(i, bodyStart: bodyStart, rank: rank, vocabulary: vocabulary)
      if best == nil || s > best!.1 { best = (i, s) }
      if lines[i].text != previousText { rank += 1 }
      previousText = lines[i].text
    }
    for i in intoBody where isTitleCandidate(i) {
      let s = titleScore(i, bodyStart: bodyStart, rank: 0, vocabulary: vocabulary)
      if best == nil || s > best!.1 { best = (i, s) }
    }
    return best?.0
  }

  func chooseSummary(after title: Int, bodyStart: Int) -> Int? {
    // The next line or two after the headline, longer than it, before any byline or date.
    var i = title + 1
    while i < min(bodyStart + 1, title + 3), i < lines.count {
      let f = lines[i].features
      if classes[i] == .boilerplate || isDateLine(i) || BylineReader.byline(lines[i].text) != nil { return nil }
      if f.words >= 8 && f.length >= 50 && !captions[i] && i < bodyStart {
        return i
      }
      if f.words >= 3 { return nil }
      i += 1
    }
    return nil
  }

  // MARK: date

  func chooseDate(range: Range<Int>, head: Range<Int>, body: Range<Int>) -> ProseDate? {
    var best: (ProseDate, Int)?
    func consider(_ i: Int, bonus: Int) {
      let line = lines[i]
      guard line.features.digits >= 2, line.features.length <= 300 else { return }
      let found = ProseDateReader.dates(in: line.text, monthFirst: monthFirst)
      guard let d = found.first else { return }
      let lower = line.text.lowercased()
      var score = bonus
      if DateLabels.published.contains(where: { lower.hasSubstring($0) }) { score += 40 }
      if DateLabels.updated.contains(where: { lower.hasSubstring($0) }) { score -= 10 }
      if DateLabels.notPublication.contains(where: { lower.hasSubstring($0) }) { score -= 40 }
      if isDateLine(i) { score += 20 }
      if d.hour != nil { score += 5 }
      if line.features.length > 150 { score -= 20 }
      if best == nil || score > best!.1 { best = (d, score) }
    }
    for i in head { consider(i, bonus: 30 - abs(i - head.lowerBound) / 2) }
    let firstBody = body.lowerBound
    for i in firstBody..<min(body.upperBound, firstBody + 3) where !head.contains(i) { consider(i, bonus: 10) }
    // Date lines anywhere else (a sign-off after the body, a date line the body run took in),
    // each worth less than one near the headline; bounded so a huge text stays linear.
    let limit = min(range.upperBound, range.lowerBound + 5000)
    for i in range.lowerBound..<limit where !head.contains(i) && !(firstBody..<(firstBody + 3)).contains(i) {
      let bonus: Int
      if i < head.lowerBound {
        bonus = 0
      } else if body.contains(i) {
        // In the body only a line that is a date line, never a date in a sentence or caption.
        guard isDateLine(i), !captions[i], !lines[i].features.endsSentence else { continue }
        bonus = -10
      } else {
        bonus = i < body.upperBound + 15 ? 0 : -15
      }
      consider(i, bonus: bonus)
    }
    return best?.0
  }

  // MARK: publisher

  func choosePublisher(range: Range<Int>, authors: [String]) -> String? {
    for name in authors where KnownAgencies.names.contains(name) { return name }
    var counts: [String: Int] = [:]
    let top = range.lowerBound..<min(range.upperBound, range.lowerBound + 15)
    for i in top {
      let f = lines[i].features
      if f.words >= 2 && f.words <= 4 && f.capitalisedWords == f.words && f.digits == 0 && !f.endsSentence
        && classes[i] != .boilerplate
      {
        counts[lines[i].text, default: 0] += 1
      }
    }
    if let repeated = top.map({ lines[$0].text }).first(where: { (counts[$0] ?? 0) >= 2 }) { return repeated }
    for i in range where lines[i].features.words <= 3 {
      if KnownAgencies.names.contains(lines[i].text) { return lines[i].text }
    }
    return nil
  }
}

/// Words around a date that say what kind of date it is (data, several languages).
enum DateLabels {
  static let published: [String] = [
    "published", "posted", "publié", "publicado", "pubblicato", "veröffentlicht", "publiziert",
    "erschienen", "опубликовано", "date:", "datum:", "fecha:", "data:", "on ",
  ]
  static let updated: [String] = [
    "updated", "last modified", "aktualisiert", "mis à jour", "actualizado", "atualizado",
    "aggiornato", "обновлено", "modified",
  ]
  static let notPublication: [String] = [
    "copyright", "©", "comment", "reply", "replied", "says:", "schreibt:", "joined", "member since",
    "born", "deadline", "event", "until", "bis ", "expires", "ends", "valid",
  ]
}

