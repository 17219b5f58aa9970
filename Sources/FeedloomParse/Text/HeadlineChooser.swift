/// Choosing the headline, standfirst, bylines, date and publisher of an article, once
/// `ArticleAnalyzer` has found its body run.
extension ArticleAnalyzer {
  // MARK: authors

  /// The byline names by fixed rules: a "By …" line near the headline, else a line of names
  /// alone beside the headline or a date, else a byline opening a short line just after the
  /// body. One of the candidates `chooseAuthors` weighs.
  func ruleAuthors(
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
    lines[i].features.digits > 0 ? namePart(of: lines[i].text) : lines[i].text
  }

  /// `text` without the dates in it and the separators around them.
  func namePart(of text: String) -> String {
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

  /// Lines that come between a headline and its body: a byline, a date, "Von" / "By" alone,
  /// a source credit or a contact line ("Herausgeber: Nordex SE", "AFP - news@example.com").
  func isByOrDateLine(_ i: Int) -> Bool {
    let line = lines[i]
    if isDateLine(i) || BylineReader.byline(line.text) != nil { return true }
    if line.features.words <= 12 && (isContactLine(line.text) || BylineReader.creditNames(in: line.text) != nil) {
      return true
    }
    let key = LineClassifier.key(line.text)
    if BylineReader.openers.contains(key + " ") { return true }
    return false
  }

  /// A line holding an e-mail address or a web address: a contact or credit line, never a headline.
  func isContactLine(_ text: String) -> Bool {
    text.contains("@") || text.contains("[email") || text.contains("http://") || text.contains("https://")
      || text.contains("www.")
  }

  /// Words that open or close a link to another page rather than a headline: "← Older post",
  /// "Vorheriger Artikel", "Next »" (data, several languages).
  static let navigationWords: Set<String> = [
    "previous", "next", "prev", "older", "newer", "zurück", "weiter", "vorheriger", "vorherige", "nächster",
    "nächste", "précédent", "précédente", "suivant", "suivante", "anterior", "siguiente", "próximo",
    "precedente", "successivo", "vorige", "volgende",
  ]
  static let navigationMarks: Set<Unicode.Scalar> = ["←", "→", "«", "»", "‹", "›", "<", ">", "⟵", "⟶", "▸", "◂", "❮", "❯"]

  /// Whether a line reads as a link to the previous or next page.
  func isNavigationLine(_ text: String) -> Bool {
    let scalars = text.unicodeScalars
    if let first = scalars.first, Self.navigationMarks.contains(first) { return true }
    if let last = scalars.last, Self.navigationMarks.contains(last), !text.contains("«") { return true }
    let words = text.split(separator: " ")
    guard let first = words.first else { return false }
    let head = first.lowercased().trimmingPunctuation
    return Self.navigationWords.contains(head) || Self.navigationWords.contains(
      words.last.map { $0.lowercased().trimmingPunctuation } ?? "")
  }

  /// Content words (four letters or more, lower-cased) of a text.
  static func contentWords(_ text: String) -> [Substring] {
    text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).filter { $0.count >= 4 }
  }

  /// Whether line `i` is looked at as a headline: text of headline length, not a menu line,
  /// a date, a byline or a caption. The scorer weighs the rest.
  func isLooseTitleCandidate(_ i: Int) -> Bool {
    let f = lines[i].features
    guard classes[i] != .boilerplate, !captions[i] else { return false }
    guard f.length >= 3, f.length <= 250, f.letters * 2 >= f.length, f.words >= 1, f.words <= 35 else { return false }
    if BylineReader.byline(lines[i].text) != nil && !BylineReader.isNameLine(namePart(i)) { return false }
    // A headline may hold a date ("Protokoll der Sitzung vom 10. Oktober 2019"), a date line
    // is mostly date.
    if f.digits > 0, let d = ProseDateReader.dates(in: lines[i].text, monthFirst: monthFirst).first,
      (d.end - d.start) * 2 >= f.length
    {
      return false
    }
    return true
  }

  /// The facts about candidate line `i` that `TitleWeights` weighs; `rank` counts the distinct
  /// candidates between it and the body start.
  func titleFeatures(_ i: Int, bodyStart: Int, rank: Int, vocabulary: TitleVocabulary) -> [Double] {
    let line = lines[i]
    let f = line.features
    var x = [Double](repeating: 0, count: TitleWeights.count)
    func set(_ k: TitleFeature, _ v: Double) { x[k.rawValue] = v }
    func flag(_ k: TitleFeature, _ b: Bool) { if b { x[k.rawValue] = 1 } }
    let words = Self.contentWords(line.text)
    if !words.isEmpty {
      let shared = words.filter { vocabulary.words.contains($0) }.count
      let stems = words.filter { vocabulary.stems.contains(Self.stem($0)) }.count
      set(.vocabularyShare, Double(shared) / Double(words.count))
      set(.stemShare, Double(stems) / Double(words.count))
      set(.sharedWords, Double(min(shared, 6)) / 6)
    } else {
      flag(.noContentWords, true)
    }
    flag(.oneWord, f.words == 1)
    flag(.twoOrThreeWords, f.words == 2 || f.words == 3)
    flag(.fourToTwentyWords, f.words >= 4 && f.words <= 20)
    flag(.manyWords, f.words > 20)
    let last = line.text.unicodeScalars.last
    flag(.endsWithPeriod, last == "." && f.words >= 5)
    flag(.endsWithQuestionOrExclamation, last == "?" || last == "!")
    flag(.endsWithColon, f.endsWithColon)
    flag(.hasSeparators, f.separators > 0)
    let distance = bodyStart - i
    if distance > 0 {
      set(.distanceBefore, Double(min(distance, 60)) / 10)
      flag(.farBefore, distance > 60)
      // Bounded, so that one page of a hundred menu lines cannot outweigh every other fact.
      set(.rank, Double(min(rank, 30)) / 10)
      set(.logRank, Double(min(rank, 100) + 1).squareRoot() / 3)
    } else {
      flag(.inBody, true)
      set(.intoBody, Double(min(-distance, 4)))
      set(.deepIntoBody, Double(max(0, -distance - 4)) / 10)
    }
    var proseBefore = 0
    for k in max(0, i - 5)..<i where classes[k] == .prose { proseBefore += 1 }
    var proseAfter = 0
    for k in (i + 1)..<min(lines.count, i + 6) where classes[k] == .prose { proseAfter += 1 }
    set(.proseBefore, Double(proseBefore) / 5)
    set(.proseAfter, Double(proseAfter) / 5)
    flag(.holdsDate, isDateLine(i))
    // A headline pair (headline + second headline or standfirst) and title variants.
    func headlineLike(_ k: Int) -> Bool {
      guard k >= 0, k < lines.count, classes[k] != .boilerplate else { return false }
      let g = lines[k].features
      return g.words >= 4 && g.words <= 20 && lines[k].text.unicodeScalars.last != "." && lines[k].text != line.text
    }
    flag(.headlineLikeAbove, headlineLike(i - 1))
    flag(.headlineLikeBelow, headlineLike(i + 1))
    func overlap(_ k: Int) -> Double {
      guard k >= 0, k < lines.count, lines[k].text != line.text, !words.isEmpty else { return 0 }
      let other = Set(Self.contentWords(lines[k].text).map(Self.stem))
      return Double(words.filter { other.contains(Self.stem($0)) }.count) / Double(words.count)
    }
    set(.similarToNeighbour, max(overlap(i - 1), overlap(i + 1), overlap(i - 2), overlap(i + 2)))
    let scalars = Array(line.text.unicodeScalars)
    flag(.innerColon, scalars.dropLast().contains(":"))
    // "Sie sind hier: Aktuelles Land zahlte …": a breadcrumb ending in the headline; and a
    // line holding another whole line near it is a teaser or breadcrumb itself.
    let near = max(0, i - 30)..<min(lines.count, i + 30)
    flag(.endOfAnotherLine, f.words >= 3 && near.contains { k in
      k != i && lines[k].features.length > f.length + 3 && lines[k].text.hasSuffix(" " + line.text)
    })
    flag(.holdsAnotherLine, near.contains { k in
      k != i && lines[k].features.words >= 3 && lines[k].features.length + 3 < f.length && classes[k] != .boilerplate
        && line.text.hasSuffix(" " + lines[k].text)
    })
    flag(.quoted, scalars.contains { "\"“”„«»‘’".unicodeScalars.contains($0) })
    flag(.bylineShape, BylineReader.byline(line.text) != nil)
    flag(.afterProse, i > 0 && classes[i - 1] == .prose && distance <= 0)
    flag(.beforeProse, i + 1 < lines.count && classes[i + 1] == .prose)
    // A byline or date line just after it (its copy skipped), or just before it.
    var j = i + 1
    var looked = 0
    while j < lines.count && looked < 3 {
      if lines[j].text == line.text {
        j += 1
        continue
      }
      if isByOrDateLine(j) {
        set(.bylineOrDateAfter, 1 - Double(looked) / 3)
        break
      }
      looked += 1
      j += 1
    }
    flag(.bylineOrDateBefore, (max(0, i - 2)..<i).contains { isByOrDateLine($0) })
    let duplicated =
      (i + 1 < lines.count && lines[i + 1].text == line.text) || (i > 0 && lines[i - 1].text == line.text)
    flag(.adjacentCopy, duplicated)
    if let count = vocabulary.lineCounts[line.text] { flag(.repeatedOnPage, count >= 2 && !(duplicated && count == 2)) }
    flag(.startsLongerLine, vocabulary.titleTagHeads.contains(line.text))
    flag(.endsLongerLine, vocabulary.titleTagTails.contains(line.text))
    if i + 1 < lines.count, lines[i + 1].features.words >= 10, lines[i + 1].features.words > f.words,
      lines[i + 1].features.words <= 70, !captions[i + 1], classes[i + 1] != .boilerplate, !isByOrDateLine(i + 1)
    {
      flag(.standfirstAfter, true)
    }
    if i > 0, f.words >= 9, isTitleCandidate(i - 1), lines[i - 1].features.words < f.words,
      lines[i - 1].features.words >= 3, lines[i - 1].text != line.text
    {
      flag(.longerThanLineAbove, true)
    }
    func isCounter(_ k: Int) -> Bool { k >= 0 && k < lines.count && lines[k].features.digits == lines[k].features.length }
    flag(.besideCounter, isCounter(i - 1) || isCounter(i + 1))
    flag(.nameShape, BylineReader.isNameLine(line))
    flag(.shortCapitalisedNoStopWords, f.words <= 3 && f.capitalRatio >= 1 && f.stopWords == 0)
    // Menus: a headline rarely sits among lines of one to three words.
    var short = 0
    var around = 0
    for k in max(0, i - 3)...min(lines.count - 1, i + 3) where k != i {
      around += 1
      if lines[k].features.words <= 3 && classes[k] != .prose { short += 1 }
    }
    if around > 0 { set(.shortLinesAround, Double(short) / Double(around)) }
    set(.capitalRatio, f.capitalRatio)
    set(.stopRatio, f.stopRatio)
    set(.digitShare, f.length == 0 ? 0 : Double(f.digits) / Double(f.length))
    flag(.prose, classes[i] == .prose)
    set(.length, Double(min(f.length, 200)) / 100)
    flag(.strictCandidate, isTitleCandidate(i))
    flag(.contactOrCredit, isContactLine(line.text) || BylineReader.creditNames(in: line.text) != nil)
    flag(.navigation, isNavigationLine(line.text))
    flag(.endsWithComma, last == ",")
    return x
  }

  /// The lower-cased stem of a content word: its first five letters, so that inflections and
  /// compounds ("Schafskunde", "Schafe") meet.
  static func stem(_ word: Substring) -> Substring { word.prefix(5) }

  func chooseTitle(_ head: Range<Int>, bodyStart: Int) -> Int? {
    let from = max(head.lowerBound, bodyStart - 150)
    // The first lines of the body may hold the headline too (never the body's only prose
    // line, and never a sentence that ends in a full stop).
    let prose = (bodyStart..<min(lines.count, bodyStart + 40)).filter { classes[$0] == .prose }.count
    let intoBody = (bodyStart..<min(lines.count, bodyStart + 30)).filter {
      !(classes[$0] == .prose && (prose < 2 || lines[$0].text.unicodeScalars.last == "."))
    }
    let vocabulary = TitleVocabulary(self, bodyStart: bodyStart)
    var best: (Int, Double)?
    func consider(_ i: Int, rank: Int) {
      let x = titleFeatures(i, bodyStart: bodyStart, rank: rank, vocabulary: vocabulary)
      var s = 0.0
      for k in x.indices { s += x[k] * TitleWeights.weights[k] }
      if TextFeatureDump.isOn { TextFeatureDump.write("title", line: i, features: x, text: lines[i].text) }
      if best == nil || s > best!.1 { best = (i, s) }
    }
    var rank = 0
    var previousText: String?
    for i in (from..<bodyStart).reversed() where isLooseTitleCandidate(i) {
      consider(i, rank: rank)
      if lines[i].text != previousText { rank += 1 }
      previousText = lines[i].text
    }
    for i in intoBody where isLooseTitleCandidate(i) { consider(i, rank: 0) }
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

