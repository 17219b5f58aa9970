/// The parts of one article found in a run of lines: body, headline, standfirst, bylines, date.
struct ArticleParts: Sendable {
  var title: String?
  var summary: String?
  var authors: [String] = []
  var publisher: String?
  var date: ProseDate?
  var dateIsUpdate = false
  /// Body paragraphs, in order.
  var paragraphs: [String] = []
}

struct ArticleAnalyzer {
  var lines: [TextLine]
  var classifier: LineClassifier
  var monthFirst = false

  /// The class of every line, and whether it is a photo caption, computed once.
  var classes: [LineClass] = []
  var captions: [Bool] = []

  init(lines: [TextLine], classifier: LineClassifier, monthFirst: Bool) {
    self.lines = lines
    self.classifier = classifier
    self.monthFirst = monthFirst
    classes = lines.map { classifier.classify($0) }
    captions = lines.map { LineClassifier.looksLikeCaption($0) }
  }

  // MARK: body

  /// The weight of a line in the search for the body: prose counts for, the rest against.
  func weight(_ i: Int) -> Int {
    let f = lines[i].features
    switch classes[i] {
    case .prose:
      if captions[i] { return -10 }
      return min(f.length, 1000)
    case .short:
      if f.endsSentence && f.words >= 3 { return max(5, f.length / 2) }
      return -(15 + min(f.length, 60) / 3)
    case .boilerplate:
      let key = LineClassifier.key(lines[i].text)
      if BoilerplatePhrases.endMarkerSet.contains(key) { return -400 }
      if LineClassifier.looksLikeCode(lines[i].text) { return -200 }
      return -60
    }
  }

  /// The run of lines holding the article body: the maximum-weight segment (Kadane).
  func bodyRange(in range: Range<Int>) -> Range<Int>? {
    var best = 0
    var bestRange: Range<Int>?
    var sum = 0
    var start = range.lowerBound
    for i in range {
      let w = weight(i)
      if sum <= 0 {
        sum = w
        start = i
      } else {
        sum += w
      }
      if sum > best {
        best = sum
        bestRange = start..<(i + 1)
      }
    }
    return bestRange
  }

  /// Whether line `i`, inside the body run, is article text.
  func keepInBody(_ i: Int) -> Bool {
    let line = lines[i]
    switch classes[i] {
    case .boilerplate: return false
    case .prose: return !captions[i]
    case .short:
      let f = line.features
      if captions[i] { return false }
      if f.words == 0 { return false }
      if isDateLine(i) || BylineReader.byline(line.text) != nil { return false }
      if f.endsSentence && f.words >= 2 { return true }
      // Sub-headings: a few words of text between prose lines.
      if f.words >= 2 && f.words <= 20 && !f.endsWithColon {
        let before = i > 0 && classes[i - 1] == .prose
        let after = i + 1 < lines.count && classes[i + 1] == .prose
        return before && after
      }
      return false
    }
  }

  /// A line that is mostly a date ("Published: Fri 11 Feb 2022, 10:00 PM").
  func isDateLine(_ i: Int) -> Bool {
    let f = lines[i].features
    guard f.digits > 0, f.length <= 120 else { return false }
    guard let d = ProseDateReader.dates(in: lines[i].text, monthFirst: monthFirst).first else { return false }
    return (d.end - d.start) * 3 >= f.length || f.words <= 12
  }

  // MARK: whole article

  func analyse(range: Range<Int>, excluding: Set<Int> = []) -> ArticleParts {
    var parts = ArticleParts()
    guard !range.isEmpty else { return parts }
    let body = bodyRange(in: range) ?? range.lowerBound..<range.lowerBound
    let headEnd = body.isEmpty ? range.upperBound : body.lowerBound

    // Title and standfirst: from the lines before the body (or the first lines of the body).
    let titleIndex = chooseTitle(range.lowerBound..<headEnd, bodyStart: body.lowerBound)
    var used = excluding
    if let t = titleIndex {
      parts.title = lines[t].text
      used.insert(t)
      if let s = chooseSummary(after: t, bodyStart: headEnd) {
        parts.summary = lines[s].text
        used.insert(s)
      }
    }

    // Bylines and dates: around the title and the start of the body, then at the end.
    let searchStart = max(range.lowerBound, (titleIndex ?? headEnd) - 6)
    let searchEnd = min(range.upperBound, max(headEnd, (titleIndex ?? 0) + 1) + 4)
    var nameLines: [Int] = []
    for i in searchStart..<searchEnd where !used.contains(i) {
      if let names = BylineReader.byline(lines[i].text) {
        if parts.authors.isEmpty { parts.authors = names }
        used.insert(i)
      } else if parts.authors.isEmpty, BylineReader.isNameLine(lines[i]), classes[i] != .boilerplate {
        nameLines.append(i)
      }
    }
    if parts.authors.isEmpty, let n = nameLines.first(where: { abs($0 - (titleIndex ?? headEnd)) <= 4 }) {
      parts.authors = BylineReader.splitNames(lines[n].text)
      used.insert(n)
    }
    parts.date = chooseDate(range: range, head: searchStart..<searchEnd, body: body)

    // Publisher: a known agency alone on a line, or a short proper-noun line repeated at the top.
    parts.publisher = choosePublisher(range: range, authors: parts.authors)

    var seen: Set<String> = []
    for i in body where !used.contains(i) && keepInBody(i) {
      let text = lines[i].text
      if seen.contains(text) { continue }
      seen.insert(text)
      parts.paragraphs.append(text)
    }
    return parts
  }

  // MARK: title

  func titleScore(_ i: Int, bodyStart: Int) -> Int? {
    let line = lines[i]
    let f = line.features
    guard classes[i] != .boilerplate else { return nil }
    guard f.length >= 10, f.length <= 250, f.letters * 2 >= f.length else { return nil }
    if f.words < 3 && f.length < 20 { return nil }
    if f.separators > 0 || f.endsWithColon { return nil }
    if isDateLine(i) || BylineReader.byline(line.text) != nil { return nil }
    if captions[i] { return nil }
    var score = 0
    switch f.words {
    case 5...16: score += 30
    case 4, 17...22: score += 20
    case 3, 23...30: score += 8
    default: score -= 10
    }
    if f.endsSentence && line.text.last == "." { score -= 15 }
    // Closer to the body is better, but headlines come before bylines and standfirsts.
    let distance = bodyStart - i
    if distance >= 0 { score -= min(distance, 20) } else { score -= 10 + min(-distance, 20) * 2 }
    if BylineReader.isNameLine(line) { score -= 20 }
    return score
  }

  func chooseTitle(_ head: Range<Int>, bodyStart: Int) -> Int? {
    var best: (Int, Int)?
    var candidates = Array(head)
    // Text with no head at all: the first lines of the body may hold the headline.
    // (never the body's only prose line, and never a sentence).
    if head.count < 2 {
      let prose = (head.upperBound..<min(lines.count, head.upperBound + 40)).filter { classes[$0] == .prose }.count
      candidates += Array(head.upperBound..<min(lines.count, head.upperBound + 2)).filter {
        !(classes[$0] == .prose && (prose < 2 || lines[$0].features.endsSentence))
      }
    }
    for i in candidates {
      guard let s = titleScore(i, bodyStart: bodyStart) else { continue }
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
      if DateLabels.published.contains(where: { lower.contains($0) }) { score += 40 }
      if DateLabels.updated.contains(where: { lower.contains($0) }) { score -= 10 }
      if DateLabels.notPublication.contains(where: { lower.contains($0) }) { score -= 40 }
      if isDateLine(i) { score += 20 }
      if d.hour != nil { score += 5 }
      if line.features.length > 150 { score -= 20 }
      if best == nil || score > best!.1 { best = (d, score) }
    }
    for i in head { consider(i, bonus: 30 - abs(i - head.lowerBound) / 2) }
    let firstBody = body.lowerBound
    for i in firstBody..<min(body.upperBound, firstBody + 3) where !head.contains(i) { consider(i, bonus: 10) }
    // Date lines after the body (a sign-off) and anywhere before it.
    for i in range.lowerBound..<head.lowerBound { consider(i, bonus: 0) }
    for i in body.upperBound..<min(range.upperBound, body.upperBound + 15) { consider(i, bonus: 0) }
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
