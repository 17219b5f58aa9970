import FeedloomModel

/// Plain-text articles: the text of a news page as select-all + copy gives it. Finds the
/// headline, standfirst, bylines, date and body among the boilerplate; a live blog becomes one
/// entry for the page and one per post.
///
/// The rules are general line features (length, punctuation, function-word density,
/// position, repetition) and phrase lists kept as data (`BoilerplatePhrases`, `StopWords`).
public enum TextArticleReader {
  /// Reads `input`, with the sidecar `NAME.meta.json` next to it when there is one.
  public static func read(_ input: Input) throws(ReadError) -> Document {
    var issues: [ParseIssueNote] = []
    let metadata = sidecar(for: input.name, issues: &issues)
    return try read(input, metadata: metadata, extraIssues: issues)
  }

  /// Reads `input` with metadata given explicitly (a source's settings from config.json, say);
  /// no sidecar is looked for.
  public static func read(_ input: Input, metadata: TextArticleMetadata?) throws(ReadError) -> Document {
    try read(input, metadata: metadata, extraIssues: [])
  }

  /// Where the sidecar of `path` is: `NAME.meta.json` beside `NAME.txt` (or beside `NAME`).
  public static func sidecarPath(for path: String) -> String? {
    guard path != "-", !path.isEmpty, !path.hasPrefix("http://"), !path.hasPrefix("https://") else { return nil }
    var base = path
    if let dot = base.lastIndex(of: "."), !base[dot...].contains("/") { base = String(base[..<dot]) }
    return base + ".meta.json"
  }

  static func sidecar(for path: String, issues: inout [ParseIssueNote]) -> TextArticleMetadata? {
    guard let sidecarPath = sidecarPath(for: path), let bytes = try? Input.read(path: sidecarPath) else {
      return nil
    }
    switch TextArticleMetadata.parse(json: bytes) {
    case .success(let meta): return meta
    case .failure(let error):
      issues.append(
        ParseIssueNote(code: "unreadable-sidecar", message: "\(sidecarPath): \(error.message)", line: nil))
      return nil
    }
  }

  static func read(
    _ input: Input, metadata: TextArticleMetadata?, extraIssues: [ParseIssueNote]
  ) throws(ReadError) -> Document {
    if TextDecoder.looksBinary(input.bytes) {
      throw .notADocument(path: input.name, reason: "binary data, not text")
    }
    let decoded = TextDecoder.decode(input.bytes)
    var issues = extraIssues + decoded.issues
    let meta = metadata ?? TextArticleMetadata()
    var document = Document(format: .text, encoding: decoded.encoding)
    let lines = decoded.lines
    if lines.isEmpty {
      issues.append(ParseIssueNote(code: "empty-text", message: "the text holds no words", line: nil))
    }

    var classifier = LineClassifier()
    classifier.extraBoilerplate = Set(meta.boilerplate.map(LineClassifier.key))
    let monthFirst = meta.dateOrder?.lowercased() == "mdy"
    let defaultOffset = meta.timezoneOffset
    if meta.timezone != nil && defaultOffset == nil {
      issues.append(
        ParseIssueNote(
          code: "unknown-timezone", message: "timezone '\(meta.timezone!)' is not a known zone or offset; UTC used",
          line: nil))
    }
    let analyzer = ArticleAnalyzer(lines: lines, classifier: classifier, monthFirst: monthFirst)

    var entries: [Entry] = []
    let run = LiveBlogReader.postRun(lines, classes: analyzer.classes, monthFirst: monthFirst)
    if LiveBlogReader.isLiveBlog(run, lines: lines, classes: analyzer.classes) {
      entries = liveBlogEntries(analyzer, stamps: run, defaultOffset: defaultOffset)
    } else if !lines.isEmpty {
      var parts = analyzer.analyse(range: 0..<lines.count)
      // Time-stamped lines under an article (comments, a video list, a news ticker) carry
      // other people's names and dates: the article's own byline and date are above them.
      let timed = run.isEmpty ? LiveBlogReader.stampsBeforeProse(lines, classes: analyzer.classes, monthFirst: monthFirst) : run
      if timed.count >= LiveBlogReader.minimumStamps, let first = timed.first, first.line >= 2 {
        let head = analyzer.analyse(range: 0..<(first.line - 1))
        if !run.isEmpty, let title = head.title { parts.title = title }
        if let date = head.date {
          parts.date = date
          parts.dateIsUpdate = head.dateIsUpdate
        }
        if !head.authors.isEmpty { parts.authors = head.authors }
      }
      entries = [entry(parts, defaultOffset: defaultOffset)]
    }

    // Metadata the text cannot give, and what the sidecar knows better.
    if entries.isEmpty && (meta.title != nil || meta.url != nil) { entries = [Entry()] }
    if !entries.isEmpty {
      var first = entries[0]
      if let title = meta.title { first.title = .plain(title) }
      if !meta.authors.isEmpty { first.authors = meta.authors.map { Person(name: $0) } }
      if let published = meta.published {
        if let d = ProseDateReader.dates(in: published, monthFirst: monthFirst).first {
          first.published = Stamp(date: d.dateTime(defaultOffset: defaultOffset), text: published)
        } else {
          first.published = Stamp(date: nil, text: published)
          issues.append(ParseIssueNote(code: "unreadable-date", message: "sidecar published '\(published)'", line: nil))
        }
      }
      if let updated = meta.updated {
        let d = ProseDateReader.dates(in: updated, monthFirst: monthFirst).first
        first.updated = Stamp(date: d?.dateTime(defaultOffset: defaultOffset), text: updated)
      }
      if let url = meta.url { first.link = url; first.links = [Link(href: url)] }
      entries[0] = first
    }
    for k in entries.indices {
      if let publisher = meta.publisher { entries[k].publisher = Person(name: publisher) }
      if let language = meta.language { entries[k].language = language }
    }

    document.feed.publisher = entries.first?.publisher
    if let publisher = entries.first?.publisher?.name { document.feed.title = .plain(publisher) }
    document.feed.language = meta.language
    document.feed.link = meta.url
    document.entries = entries
    document.errors = issues.map { ParseIssue(code: $0.code, message: $0.message, line: $0.line) }
    document.wellFormed = !lines.isEmpty
    return document
  }

  // MARK: entries

  static func entry(_ parts: ArticleParts, defaultOffset: Int?, bullets: Bool = false) -> Entry {
    var e = Entry()
    if let title = parts.title { e.title = .plain(title) }
    if let summary = parts.summary { e.summary = .plain(summary) }
    e.authors = parts.authors.map { Person(name: $0) }
    if let publisher = parts.publisher { e.publisher = Person(name: publisher) }
    if let d = parts.date {
      let stamp = Stamp(date: d.dateTime(defaultOffset: defaultOffset), text: d.text)
      if parts.dateIsUpdate { e.updated = stamp } else { e.published = stamp }
    }
    if !parts.paragraphs.isEmpty {
      e.text = parts.paragraphs.joined(separator: "\n\n")
      e.content = [Content(type: "html", value: html(parts.paragraphs))]
    }
    return e
  }

  /// Paragraphs as simple HTML: one `<p>` each; runs of bulleted lines as a `<ul>`.
  static func html(_ paragraphs: [String]) -> String {
    var out = ""
    var inList = false
    for p in paragraphs {
      if let item = bulletItem(p) {
        if !inList { out += "<ul>"; inList = true }
        out += "<li>" + escape(item) + "</li>"
      } else {
        if inList { out += "</ul>"; inList = false }
        out += "<p>" + escape(p) + "</p>"
      }
    }
    if inList { out += "</ul>" }
    return out
  }

  static func bulletItem(_ line: String) -> String? {
    for bullet in ["• ", "· ", "- ", "* ", "– ", "▪ ", "■ "] where line.hasPrefix(bullet) {
      return String(line.dropFirst(bullet.count))
    }
    return nil
  }

  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  // MARK: live blogs

  static func liveBlogEntries(_ analyzer: ArticleAnalyzer, stamps: [LiveStamp], defaultOffset: Int?) -> [Entry] {
    let lines = analyzer.lines
    let days = LiveBlogReader.resolveDays(stamps)
    // Each post: its headline is the line just before its stamp (when that is not prose).
    var titleLines: [Int?] = []
    for s in stamps {
      let t = s.line - 1
      if t >= 0, !BoilerplatePhrases.lineSet.contains(LineClassifier.key(lines[t].text)), lines[t].features.words >= 2, lines[t].features.length <= 200,
        !stamps.contains(where: { $0.line == t })
      {
        titleLines.append(t)
      } else {
        titleLines.append(nil)
      }
    }
    let firstPostStart = titleLines[0] ?? stamps[0].line

    // The page: headline, standfirst, byline, date, intro and key points.
    // The page's own date is only what its head says: never borrowed from a post.
    let page = analyzer.introParts(range: 0..<firstPostStart)
    var entries = [entry(page, defaultOffset: defaultOffset)]

    for (k, s) in stamps.enumerated() {
      let bodyStart = s.line + 1
      var bodyEnd = k + 1 < stamps.count ? (titleLines[k + 1] ?? stamps[k + 1].line) : lines.count
      // The last post ends where the page's furniture starts.
      if k + 1 == stamps.count {
        for i in bodyStart..<lines.count where analyzer.classes[i] == .boilerplate {
          if BoilerplatePhrases.endMarkerSet.contains(LineClassifier.key(lines[i].text)) {
            bodyEnd = i
            break
          }
        }
      }
      var e = Entry()
      if let t = titleLines[k] { e.title = .plain(lines[t].text) }
      e.authors = s.authors.map { Person(name: $0) }
      var date: DateTime?
      if let day = days[k] {
        date = DateTime(
          year: day.year, month: day.month, day: day.day, hour: s.hour, minute: s.minute,
          offsetSeconds: s.offsetSeconds ?? defaultOffset ?? 0)
      }
      e.published = Stamp(date: date, text: s.text)
      var paragraphs: [String] = []
      var seen: Set<String> = []
      if bodyStart < bodyEnd {
        for i in bodyStart..<bodyEnd where analyzer.keepInPost(i) {
          if seen.insert(lines[i].text).inserted { paragraphs.append(lines[i].text) }
        }
      }
      if !paragraphs.isEmpty {
        e.text = paragraphs.joined(separator: "\n\n")
        e.content = [Content(type: "html", value: html(paragraphs))]
      }
      entries.append(e)
    }
    return entries
  }
}

extension ArticleAnalyzer {
  /// The head of a live blog: headline, standfirst, byline, date, then every text line
  /// (intro paragraphs, the key-points list) up to the first post.
  func introParts(range: Range<Int>) -> ArticleParts {
    var parts = analyse(range: range)
    guard let titleText = parts.title, let t = range.first(where: { lines[$0].text == titleText }) else { return parts }
    var paragraphs: [String] = []
    var seen: Set<String> = []
    for i in (t + 1)..<range.upperBound {
      let line = lines[i]
      if line.text == parts.summary { continue }
      if classes[i] == .boilerplate || captions[i] || isDateLine(i) { continue }
      if BylineReader.byline(line.text) != nil { continue }
      if seen.insert(line.text).inserted { paragraphs.append(line.text) }
    }
    parts.paragraphs = paragraphs
    return parts
  }

  /// Whether line `i` of a live post is post text: any line but boilerplate, captions and
  /// credits (posts are short, so the body-run search does not apply).
  func keepInPost(_ i: Int) -> Bool {
    let line = lines[i]
    if classes[i] == .boilerplate || captions[i] { return false }
    let f = line.features
    if f.words == 0 { return false }
    if f.words <= 2 && !f.endsSentence { return false }
    return true
  }
}
