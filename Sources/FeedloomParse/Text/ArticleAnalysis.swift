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
  /// Whether the page sets its paragraphs apart with blank lines (a copied `<p>` does; menu
  /// items, teaser lists and table rows come one to a line): most prose has a blank line
  /// before or after it.
  var paragraphsSpaced = false
  /// For a short line: whether the run of short lines it is in follows prose or a line ending
  /// in a colon (the run is then a list of the body's, not a block of links).
  var listLead: [Bool] = []
  /// Lines after which the article is over ("Related stories", "Most read in world news").
  var endMarkers: [Bool] = []
  /// Lines of a numbered list ("1) …", "2a etapa: …", "3. …"), the lines between its items
  /// included: a list the page numbers is the body's, however short its lines.
  var numberedList: [Bool] = []
  /// Headings after which the article is over whatever follows: a list of sources ("Sources:",
  /// "References"), a box about the writer or the company ("About Jane Doe", "Über Acme").
  var closingHeadings: [Bool] = []

  init(lines: [TextLine], classifier: LineClassifier, monthFirst: Bool) {
    self.lines = lines
    self.classifier = classifier
    self.monthFirst = monthFirst
    classes = lines.map { classifier.classify($0) }
    captions = lines.map { LineClassifier.looksLikeCaption($0) }
    var spaced = 0
    var prose = 0
    for i in lines.indices where classes[i] == .prose {
      prose += lines[i].features.length
      if isSpaced(i) { spaced += lines[i].features.length }
    }
    paragraphsSpaced = prose > 0 && spaced * 10 >= prose * 1
    // Runs of short lines and what leads into each: a sentence or a "…:" line leads into a
    // list, a "Related" line into links.
    closingHeadings = lines.indices.map { i in
      guard Self.isClosingHeading(lines[i]) else { return false }
      // A box has text under its heading; a menu item "About Me" has more menu items.
      return Self.isSourceListHeading(lines[i]) || (i + 1 < lines.count && classes[i + 1] == .prose)
    }
    endMarkers = lines.indices.map { closingHeadings[$0] || LineClassifier.isEndMarker(LineClassifier.key(lines[$0].text)) }
    listLead = [Bool](repeating: false, count: lines.count)
    var lead = false
    for i in lines.indices {
      if endMarkers[i] {
        lead = false
      } else if classes[i] == .short && i > 0 && classes[i - 1] == .short {
        listLead[i] = lead
      } else if classes[i] == .short && i > 0 {
        lead = classes[i - 1] == .prose || lines[i - 1].features.endsWithColon
        listLead[i] = lead
      } else {
        lead = false
      }
    }
    numberedList = Self.numberedLists(lines, endMarkers: endMarkers)
    // A list has two items at least: one short line after prose is a credit or a link.
    var runStart = 0
    for i in 0...lines.count {
      if i < lines.count && listLead[i] && i > 0 && listLead[i - 1] { continue }
      if i - runStart == 1 && listLead[runStart] { listLead[runStart] = false }
      runStart = i
    }
  }

  /// A blank line before or after line `i`.
  func isSpaced(_ i: Int) -> Bool {
    lines[i].blankBefore || i + 1 == lines.count || lines[i + 1].blankBefore
  }

  // MARK: body

  /// The weight of a line in the search for the body: prose counts for, the rest against.
  /// A teaser cut short for a link: "Microsoft removes the safeguard hold for Windows 10 users...".
  func isTruncatedTeaser(_ i: Int) -> Bool { Self.isTruncatedTeaser(lines[i]) }

  static func isTruncatedTeaser(_ line: TextLine) -> Bool {
    let text = line.text
    guard line.features.words >= 3, line.features.words <= 25 else { return false }
    return text.hasSuffix("...") || text.hasSuffix("…") || text.hasSuffix("[…]") || text.hasSuffix("[...]")
  }

  func weight(_ i: Int) -> Int { weight(i, layout: true) }

  static let tableRowWeight = 10

  /// `layout`: whether blank-line spacing counts (see `paragraphsSpaced`).
  func weight(_ i: Int, layout: Bool) -> Int {
    let f = lines[i].features
    if endMarkers[i] && classes[i] != .prose { return -150 }
    if isTruncatedTeaser(i) { return -120 }
    if numberedList[i] && classes[i] != .boilerplate { return min(max(f.length, 20), 1000) }
    // A table row: part of the body around it, if any, never the reason for one; a long table
    // weighs a little (a standings page is its table and a few lines of prose).
    if f.cellBreaks > 0 && classes[i] == .short { return Self.tableRowWeight }
    switch classes[i] {
    case .prose:
      if captions[i] { return -10 }
      // On a page of spaced paragraphs, prose packed between other lines is a teaser or a
      // list item: it may sit inside the body, but does not make one.
      if layout && paragraphsSpaced && !isSpaced(i) && f.cellBreaks == 0 { return -15 }
      return min(f.length, 1000)
    case .short:
      if f.endsSentence && f.wordEstimate >= 3 { return max(5, f.length / 2) }
      return -(20 + min(f.length, 120) / 2)
    case .boilerplate:
      if endMarkers[i] { return -150 }
      if LineClassifier.looksLikeCode(lines[i].text) { return -200 }
      return -60
    }
  }

  /// The run of lines holding the article body: the maximum-weight segment (Kadane).
  func bodyRange(in range: Range<Int>, layout: Bool = true) -> Range<Int>? {
    var best = 0
    var bestRange: Range<Int>?
    var sum = 0
    var start = range.lowerBound
    for i in range {
      let w = weight(i, layout: layout)
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

  /// Least prose (in characters) before an end marker for the article to end there. An end
  /// marker above that ("Comments", "Share this article" in the bar under the headline) is a link.
  static let bodyBeforeEndMarker = 300

  /// The body cut at its first end marker ("Related stories", "You may also like…", "Comments")
  /// once the article has begun: the teasers or comments below it are other people's text,
  /// however much prose they hold.
  func cutAtEndMarker(_ body: Range<Int>) -> Range<Int> {
    var before = 0
    for i in body {
      if endMarkers[i] && classes[i] != .prose && before >= Self.bodyBeforeEndMarker
        && (closingHeadings[i] || !continuesAsArticle(i + 1..<nextEndMarker(after: i, before: body.upperBound)))
      {
        return body.lowerBound..<i
      }
      let w = weight(i)
      if w > 0 { before += w }
    }
    return body
  }

  /// "Sources", "References"; "About Jane Doe", "Über Acme": one of
  /// `BoilerplatePhrases.aboutBoxPrefixes` and one to three capitalised words.
  static func isClosingHeading(_ line: TextLine) -> Bool {
    let f = line.features
    guard f.words <= 5, f.length <= 60, !f.endsSentence else { return false }
    if isSourceListHeading(line) { return true }
    let key = LineClassifier.key(line.text)
    guard let prefix = BoilerplatePhrases.aboutBoxPrefixes.first(where: { key.hasPrefix($0) }) else { return false }
    let name = line.text.unicodeScalars.dropFirst(prefix.unicodeScalars.count).split(separator: " ")
    if name.count == 1 && BoilerplatePhrases.aboutSelf.contains(String(key.unicodeScalars.dropFirst(prefix.unicodeScalars.count))) {
      return false
    }
    return (1...3).contains(name.count) && name.allSatisfy { $0.first?.properties.isUppercase == true }
  }

  static func isSourceListHeading(_ line: TextLine) -> Bool {
    line.features.words <= 2 && BoilerplatePhrases.sourceListSet.contains(LineClassifier.key(line.text))
  }

  /// The next end marker after line `i` with prose before it, or `limit` (boxes of links set one
  /// after another, "Related" twice, are read as one).
  func nextEndMarker(after i: Int, before limit: Int) -> Int {
    var j = i + 1
    var prose = false
    while j < limit && !(prose && endMarkers[j] && classes[j] != .prose) {
      if classes[j] == .prose { prose = true }
      j += 1
    }
    return j
  }

  /// Whether lines after an end marker (up to the next one) read as more of the article (a "Related" box set in
  /// the middle of it): paragraphs one after another. Teasers and comments come one prose line
  /// at a time, between headlines, names, dates and share buttons.
  func continuesAsArticle(_ range: Range<Int>) -> Bool {
    let proseLines = range.filter { classes[$0] == .prose }
    // The last paragraph ends the article whatever follows it.
    let followed = zip(proseLines, proseLines.dropFirst()).filter { $0 + 1 == $1 }.count + 1
    return !proseLines.isEmpty && followed * 2 >= proseLines.count
  }

  /// The number a list item starts with: "1) …", "2. …", "3a etapa: …", "4 – …" (not a time,
  /// a decimal or a thousands group).
  static func leadingOrdinal(_ text: String) -> Int? {
    var value = 0
    var digits = 0
    var rest = text.utf8.makeIterator()
    var next: UInt8?
    while let b = rest.next() {
      if b >= 0x30 && b <= 0x39 && digits < 3 {
        value = value * 10 + Int(b - 0x30)
        digits += 1
      } else {
        next = b
        break
      }
    }
    guard digits > 0, let mark = next else { return nil }
    switch mark {
    case UInt8(ascii: ")"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "-"), UInt8(ascii: "]"): break
    case UInt8(ascii: "."), UInt8(ascii: " "):
      // "1.5 million", "12 000": a number, not an item.
      if let after = rest.next(), after >= 0x30 && after <= 0x39 { return nil }
    case 0xC2, 0xE2: break  // º ª, – —
    default: return nil
    }
    return value
  }

  /// Lines in runs of numbered items counted from 1 (three items at least, each within a few
  /// lines of the one before), with the lines between the items; not a run right under an
  /// end marker ("Most read": a top ten of links).
  static func numberedLists(_ lines: [TextLine], endMarkers: [Bool]) -> [Bool] {
    var marks = [Bool](repeating: false, count: lines.count)
    let maxGap = 6
    let minimumItemLength = 18
    var i = 0
    while i < lines.count {
      guard lines[i].features.length <= 400, leadingOrdinal(lines[i].text) == 1 else {
        i += 1
        continue
      }
      var items = [i]
      var j = i + 1
      while j < lines.count && j - items.last! <= maxGap {
        if lines[j].features.length <= 400, let n = leadingOrdinal(lines[j].text) {
          if n == items.count + 1 { items.append(j) } else { break }
        }
        j += 1
      }
      // A list of links looks the same (a "Most read" top ten, a league menu "1. Bundesliga"):
      // the items of a body's list say something, and are not table cells.
      let itemLength = items.reduce(0) { $0 + lines[$1].features.length } / items.count
      let cells = items.contains { lines[$0].features.cellBreaks > 0 }
      let afterEndMarker = (max(0, i - 2)..<i).contains { endMarkers[$0] }
      if items.count >= 3 && itemLength >= minimumItemLength && !cells && !afterEndMarker {
        for k in items.first!...items.last! { marks[k] = true }
        i = items.last! + 1
      } else {
        i += 1
      }
    }
    return marks
  }

  /// Whether line `i`, inside the body run, is article text.
  func keepInBody(_ i: Int) -> Bool {
    let line = lines[i]
    if isTruncatedTeaser(i) { return false }
    if endMarkers[i] && classes[i] != .prose { return false }
    if numberedList[i] && classes[i] != .boilerplate { return line.features.words > 0 && !captions[i] }
    switch classes[i] {
    case .boilerplate: return false
    case .prose: return !captions[i]
    case .short:
      let f = line.features
      if captions[i] { return false }
      if f.words == 0 { return false }
      if f.cellBreaks > 0 { return true }
      if isDateLine(i) || BylineReader.byline(line.text) != nil { return false }
      if f.endsSentence && f.wordEstimate >= 2 { return true }
      // A wire's name alone on a line is its credit ("The Associated Press"), not text.
      if KnownAgencies.nameSet.contains(line.text) { return false }
      // Sub-headings: a few words of text between prose lines.
      if f.wordEstimate >= 2 && f.words <= 20 && !f.endsWithColon {
        let before = i > 0 && classes[i - 1] == .prose
        let after = i + 1 < lines.count && classes[i + 1] == .prose
        if before && after { return true }
      }
      // An item of a list the body leads into.
      if f.wordEstimate >= 2 && f.words <= 25 && listLead[i] { return true }
      return false
    }
  }

  /// A line that is mostly a date ("Published: Fri 11 Feb 2022, 10:00 PM").
  func isDateLine(_ i: Int) -> Bool {
    let f = lines[i].features
    guard f.digits > 0, f.length <= 200 else { return false }
    guard let d = ProseDateReader.dates(in: lines[i].text, monthFirst: monthFirst).first else { return false }
    return (d.end - d.start) * 3 >= f.length || f.words <= 12 || (d.start <= 30 && !f.endsSentence)
  }

  // MARK: whole article

  func analyse(range: Range<Int>, excluding: Set<Int> = []) -> ArticleParts {
    var parts = ArticleParts()
    guard !range.isEmpty else { return parts }
    var textBody = bodyRange(in: range) ?? range.lowerBound..<range.lowerBound
    textBody = cutAtEndMarker(textBody)
    var body = textBody
    // The headline, byline and date are looked for before the first prose whatever its
    // spacing: a standfirst set without blank lines is not body, but the headline is above it.
    if paragraphsSpaced, let blind = bodyRange(in: range, layout: false), blind.lowerBound < body.lowerBound {
      body = blind.lowerBound..<max(blind.lowerBound, body.upperBound)
    }
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
    let searchEnd = min(range.upperBound, max(headEnd, (titleIndex ?? 0) + 1) + 8)
    parts.authors = chooseAuthors(
      range: range, titleIndex: titleIndex, body: body, head: searchStart..<searchEnd, used: &used)
    parts.date = chooseDate(range: range, head: searchStart..<searchEnd, body: body)

    // Publisher: a known agency alone on a line, or a short proper-noun line repeated at the top.
    parts.publisher = choosePublisher(range: range, authors: parts.authors)

    var seen: Set<String> = [parts.title, parts.summary].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
    for i in textBody where !used.contains(i) && keepInBody(i) {
      let text = lines[i].text
      if seen.contains(text) { continue }
      seen.insert(text)
      parts.paragraphs.append(text)
    }
    // The writer's biography closing the body ("Jane Doe is a reporter for …") is not article text.
    // So is the publisher's profile closing a press release ("Acme is a leading provider of …").
    while parts.paragraphs.count > 1, let last = parts.paragraphs.last, Self.isAuthorBio(last) || Self.isCompanyProfile(last) {
      parts.paragraphs.removeLast()
    }
    return parts
  }

  /// A paragraph that introduces a company: a name, then "is a leading", "is headquartered in"
  /// (the phrases are data: `BoilerplatePhrases.companyProfileVerbs`).
  static func isCompanyProfile(_ text: String) -> Bool {
    guard text.utf8.count <= 800 else { return false }
    // The name: one to five capitalised words, then "is".
    let words = text.split(separator: " ", maxSplits: 12).prefix(12)
    guard let verb = words.firstIndex(of: "is"), verb >= 1, verb <= 5 else { return false }
    let named = words[..<verb].allSatisfy { $0.unicodeScalars.first?.properties.isUppercase == true }
    guard named else { return false }
    let rest = " " + words[verb...].joined(separator: " ").lowercased() + " "
    return BoilerplatePhrases.companyProfileVerbs.contains { rest.hasPrefix($0) }
  }

  /// A short paragraph that introduces a writer: a name, then "is a reporter", "joined …",
  /// "writes about …" (the phrases are data: `BoilerplatePhrases.bioVerbs`, `bioRoles`).
  static func isAuthorBio(_ text: String) -> Bool {
    let f = LineFeatures.measure(text)
    guard f.words >= 4, f.length <= 400, let first = text.unicodeScalars.first, first.properties.isUppercase else { return false }
    let lower = text.lowercased()
    let head = String(lower.unicodeScalars.prefix(80))
    guard BoilerplatePhrases.bioVerbs.contains(where: { head.hasSubstring($0) }) else { return false }
    return BoilerplatePhrases.bioRoles.contains { lower.hasSubstring($0) }
  }

}
