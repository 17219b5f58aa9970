import FeedloomModel

/// A live-blog post stamp: "12:31 , Thomas Kingsley", "Thursday 27 January 2022 13:37 , Emily Atkinson".
struct LiveStamp: Sendable {
  var line: Int
  var hour: Int
  var minute: Int
  /// The civil day, when the stamp itself gives one.
  var day: (year: Int, month: Int, day: Int)?
  var offsetSeconds: Int?
  /// The stamp's date and time as written.
  var text: String
  var authors: [String] = []
}

enum LiveBlogReader {
  /// Fewest stamps that make a page a live blog.
  static let minimumStamps = 3

  /// The stamp on `line`, when the line is one: a time (with or without a date) at its start,
  /// then nothing or a name.
  static func stamp(_ line: TextLine, index: Int, monthFirst: Bool) -> LiveStamp? {
    let f = line.features
    guard f.length <= 90, f.digits >= 3 else { return nil }
    let text = line.text
    let scalars = Array(text.unicodeScalars)
    var end: Int
    var stamp: LiveStamp
    if let d = ProseDateReader.dates(in: text, monthFirst: monthFirst).first, let hour = d.hour, let minute = d.minute {
      guard onlyWeekdayBefore(scalars, d.start) else { return nil }
      end = d.end
      var written = ""
      written.unicodeScalars.append(contentsOf: scalars[0..<d.end])
      stamp = LiveStamp(
        line: index, hour: hour, minute: minute, day: (d.year, d.month, d.day), offsetSeconds: d.offsetSeconds,
        text: written)
    } else if let t = ProseDateReader.timeOnly(in: text), t.start == 0 {
      end = t.end
      var written = ""
      written.unicodeScalars.append(contentsOf: scalars[0..<t.end])
      stamp = LiveStamp(
        line: index, hour: t.hour, minute: t.minute, day: nil, offsetSeconds: t.offsetSeconds, text: written)
    } else {
      return nil
    }
    // What follows the time: nothing, or a separator and a name.
    while end < scalars.count, [" ", ",", "-", "–", "—", "|", "·", "•", ":"].contains(scalars[end]) { end += 1 }
    var rest = ""
    rest.unicodeScalars.append(contentsOf: scalars[end...])
    if rest.lowercased().hasPrefix("by ") { rest = String(rest.dropFirst(3)) }
    if !rest.isEmpty {
      let names = BylineReader.splitNames(rest)
      guard !names.isEmpty, rest.split(separator: " ").count <= 8 else { return nil }
      stamp.authors = names
    }
    return stamp
  }

  static func onlyWeekdayBefore(_ scalars: [Unicode.Scalar], _ start: Int) -> Bool {
    if start == 0 { return true }
    var prefix = ""
    prefix.unicodeScalars.append(contentsOf: scalars[0..<start])
    for word in prefix.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }) {
      if !ProseDateReader.weekdays.contains(String(word)) && !["updated", "posted", "published"].contains(String(word)) {
        return false
      }
    }
    return true
  }

  /// The stamps of `lines` when they read as a run of posts (a live blog's, or a comment
  /// thread's), else none. Time-like lines are common on ordinary pages (video durations, a
  /// schedule), so the run needs at least `minimumStamps` stamps, times running one way
  /// (newest first or oldest first, a midnight crossing or two aside), and most stamps
  /// followed by a prose body.
  static func postRun(_ lines: [TextLine], classes: [LineClass], monthFirst: Bool) -> [LiveStamp] {
    let all = stamps(lines, monthFirst: monthFirst)
    guard all.count >= minimumStamps, runsOneWay(all) else { return [] }
    var postsWithBody = 0
    for (k, s) in all.enumerated() {
      let next = k + 1 < all.count ? all[k + 1].line : lines.count
      if hasBody(lines, classes: classes, from: s.line + 1, to: next, nextIsStamp: k + 1 < all.count) {
        postsWithBody += 1
      }
    }
    guard postsWithBody >= minimumStamps, postsWithBody * 3 >= all.count * 2 else { return [] }
    return all
  }

  /// Whether a run of posts makes the page a live blog: newest post first (comment threads
  /// and forum posts run oldest first), and the posts hold most of the page's prose (a few
  /// comments under an article do not).
  static func isLiveBlog(_ run: [LiveStamp], lines: [TextLine], classes: [LineClass]) -> Bool {
    guard let first = run.first else { return false }
    let (falling, rising) = steps(run)
    guard falling > rising else { return false }
    var pageWords = 0
    var postWords = 0
    for i in lines.indices where classes[i] == .prose {
      pageWords += lines[i].features.words
      if i > first.line { postWords += lines[i].features.words }
    }
    return postWords * 2 >= pageWords
  }

  /// Whether the times run one way down the page. A page's posts are newest first or oldest
  /// first; only a midnight crossing (or a day change between dated stamps) goes against that.
  static func runsOneWay(_ stamps: [LiveStamp]) -> Bool {
    let (falling, rising) = steps(stamps)
    let against = min(rising, falling)
    let along = max(rising, falling)
    return along >= minimumStamps - 1 && against <= max(1, (along + against) / 10)
  }

  /// How many steps from one stamp to the next go back in time (falling) and forward (rising).
  static func steps(_ stamps: [LiveStamp]) -> (falling: Int, rising: Int) {
    var falling = 0
    var rising = 0
    for (a, b) in zip(stamps, stamps.dropFirst()) {
      let order: Int
      if let da = a.day, let db = b.day {
        let ma = DateTime.daysFromCivil(year: da.year, month: da.month, day: da.day) * 1440 + Int64(a.hour * 60 + a.minute)
        let mb = DateTime.daysFromCivil(year: db.year, month: db.month, day: db.day) * 1440 + Int64(b.hour * 60 + b.minute)
        order = ma == mb ? 0 : (ma < mb ? 1 : -1)
      } else {
        let ma = a.hour * 60 + a.minute
        let mb = b.hour * 60 + b.minute
        order = ma == mb ? 0 : (ma < mb ? 1 : -1)
      }
      if order > 0 { rising += 1 } else if order < 0 { falling += 1 }
    }
    return (falling, rising)
  }

  /// Whether lines `from..<to` after a stamp hold a post body: a prose line that is not the
  /// next post's headline (the line just before the next stamp), or a full sentence there. A
  /// teaser cut short for a link ("… teve resultado negativo no exame que fez hoje para...")
  /// is not a body: a list of latest news has one under each time.
  static func hasBody(
    _ lines: [TextLine], classes: [LineClass], from: Int, to: Int, nextIsStamp: Bool
  ) -> Bool {
    let end = min(to, from + 40)
    var i = from
    while i < end {
      if classes[i] == .prose && !ArticleAnalyzer.isTruncatedTeaser(lines[i]) {
        let mayBeNextHeadline = nextIsStamp && i == to - 1
        if !mayBeNextHeadline { return true }
        let f = lines[i].features
        if f.endsSentence && f.words >= 8 { return true }
      }
      i += 1
    }
    return false
  }

  /// The stamps with a prose line in the few lines after them (before the next stamp).
  static func stampsBeforeProse(_ lines: [TextLine], classes: [LineClass], monthFirst: Bool) -> [LiveStamp] {
    let all = stamps(lines, monthFirst: monthFirst)
    let stampLines = Set(all.map(\.line))
    return all.filter { s in
      var i = s.line + 1
      while i < min(lines.count, s.line + 5) && !stampLines.contains(i) {
        if classes[i] == .prose { return true }
        i += 1
      }
      return false
    }
  }

  /// Every stamp, in line order.
  static func stamps(_ lines: [TextLine], monthFirst: Bool) -> [LiveStamp] {
    var out: [LiveStamp] = []
    for (i, line) in lines.enumerated() {
      if let s = stamp(line, index: i, monthFirst: monthFirst) { out.append(s) }
    }
    return out
  }

  /// Civil days for stamps that give only a time, taken from the nearest dated stamp by walking
  /// the stamps in order and counting midnight crossings. The order (newest first or oldest
  /// first) is read from the dated stamps; with no dated stamp, or no order to read, a
  /// time-only stamp gets no date rather than a guessed one.
  static func resolveDays(_ stamps: [LiveStamp]) -> [(year: Int, month: Int, day: Int)?] {
    var days: [(year: Int, month: Int, day: Int)?] = stamps.map { $0.day }
    let dated = stamps.indices.filter { stamps[$0].day != nil }
    guard !dated.isEmpty else { return days }
    func minutes(_ k: Int) -> Int64 {
      let s = stamps[k]
      let d = s.day!
      return DateTime.daysFromCivil(year: d.year, month: d.month, day: d.day) * 1440 + Int64(s.hour * 60 + s.minute)
    }
    // Newest first when the dated stamps' times fall down the page.
    var falling = 0
    var rising = 0
    for (a, b) in zip(dated, dated.dropFirst()) {
      if minutes(a) > minutes(b) { falling += 1 } else if minutes(a) < minutes(b) { rising += 1 }
    }
    let newestFirst: Bool
    if falling > rising {
      newestFirst = true
    } else if rising > falling {
      newestFirst = false
    } else {
      // One dated stamp: read the order from the time-only stamps next to it.
      let times = stamps.map { $0.hour * 60 + $0.minute }
      var down = 0
      var up = 0
      for (a, b) in zip(times, times.dropFirst()) { if a > b { down += 1 } else if a < b { up += 1 } }
      if down > up * 3 { newestFirst = true } else if up > down * 3 { newestFirst = false } else { return days }
    }
    for k in stamps.indices where stamps[k].day == nil {
      guard let anchor = dated.min(by: { abs($0 - k) < abs($1 - k) }) else { continue }
      let a = stamps[anchor].day!
      var dayNumber = DateTime.daysFromCivil(year: a.year, month: a.month, day: a.day)
      var previous = stamps[anchor].hour * 60 + stamps[anchor].minute
      let step = k > anchor ? 1 : -1
      var j = anchor + step
      while true {
        let t = stamps[j].hour * 60 + stamps[j].minute
        // Moving down the page moves back in time on a newest-first page.
        let forwardInTime = (step > 0) != newestFirst
        if let own = stamps[j].day {
          dayNumber = DateTime.daysFromCivil(year: own.year, month: own.month, day: own.day)
        } else if forwardInTime && t < previous {
          dayNumber += 1
        } else if !forwardInTime && t > previous {
          dayNumber -= 1
        }
        previous = t
        if j == k { break }
        j += step
      }
      let civil = DateTime.civilFromDays(dayNumber)
      days[k] = (civil.0, civil.1, civil.2)
    }
    return days
  }
}
