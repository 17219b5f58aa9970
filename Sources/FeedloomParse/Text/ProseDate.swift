import FeedloomModel

/// A date found in a line of prose: "Published: Fri 11 Feb 2022, 10:00 PM",
/// "Thursday 27 January 2022 13:37", "March 3, 2022 at 5:04 p.m. ET", "03.03.2022", "2022-03-03".
struct ProseDate: Sendable, Equatable {
  var year: Int
  var month: Int
  var day: Int
  /// Time of day, when the text gives one.
  var hour: Int?
  var minute: Int?
  var second: Int?
  /// Zone offset east of UTC, when the text names a zone.
  var offsetSeconds: Int?
  /// Where the date sits in the line, in scalars, and its text as written.
  var text: String
  var start: Int
  var end: Int

  /// The instant. A time without a named zone is read in `defaultOffset` (the sidecar's zone, else
  /// UTC); a day without a time is that civil day at 00:00 UTC, never shifted by a zone, so the
  /// day written is the day reported.
  func dateTime(defaultOffset: Int?) -> DateTime {
    guard let hour, let minute else { return DateTime(year: year, month: month, day: day) }
    return DateTime(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second ?? 0,
      offsetSeconds: offsetSeconds ?? defaultOffset ?? 0)
  }
}

/// A time of day without a date ("12:31", "5:04 p.m. ET"), as live-blog stamps carry.
struct ProseTime: Sendable, Equatable {
  var hour: Int
  var minute: Int
  var offsetSeconds: Int?
  var start: Int
  var end: Int
}

enum ProseDateReader {
  // MARK: tokens

  enum Kind: Equatable { case number, word, punct, space }

  struct Token {
    var kind: Kind
    /// Lower-cased word, digits, or the punctuation character.
    var text: String
    var value: Int
    var start: Int
    var end: Int
  }

  static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
    var tokens: [Token] = []
    var i = 0
    let n = scalars.count
    while i < n {
      let s = scalars[i]
      if s.value >= 0x30 && s.value <= 0x39 {
        var j = i
        var value = 0
        while j < n && scalars[j].value >= 0x30 && scalars[j].value <= 0x39 && j - i < 9 {
          value = value * 10 + Int(scalars[j].value - 0x30)
          j += 1
        }
        var digits = ""
        digits.unicodeScalars.append(contentsOf: scalars[i..<j])
        tokens.append(Token(kind: .number, text: digits, value: value, start: i, end: j))
        i = j
      } else if s.properties.isAlphabetic {
        var j = i
        var word = ""
        while j < n && scalars[j].properties.isAlphabetic && !(scalars[j].value >= 0x30 && scalars[j].value <= 0x39) {
          word.unicodeScalars.append(lowered(scalars[j]))
          j += 1
          if j - i > 24 { break }
        }
        tokens.append(Token(kind: .word, text: word, value: 0, start: i, end: j))
        i = j
      } else if s == " " {
        tokens.append(Token(kind: .space, text: " ", value: 0, start: i, end: i + 1))
        i += 1
      } else {
        tokens.append(Token(kind: .punct, text: String(s), value: 0, start: i, end: i + 1))
        i += 1
      }
    }
    return tokens
  }

  static func lowered(_ s: Unicode.Scalar) -> Unicode.Scalar {
    let v = s.value
    if (v >= 0x41 && v <= 0x5A) || (v >= 0xC0 && v <= 0xDE && v != 0xD7) || (v >= 0x410 && v <= 0x42F) {
      return Unicode.Scalar(v + 0x20) ?? s
    }
    return s
  }

  // MARK: dates

  /// Every date in `line`, in order.
  static func dates(in line: String, monthFirst: Bool = false) -> [ProseDate] {
    let scalars = Array(line.unicodeScalars)
    // Cheap rejection: a date needs at least one digit.
    guard scalars.contains(where: { $0.value >= 0x30 && $0.value <= 0x39 }) else { return [] }
    let all = tokenize(scalars)
    let tokens = all.filter { $0.kind != .space }
    var found: [ProseDate] = []
    var i = 0
    while i < tokens.count {
      if let (date, next) = date(at: i, tokens, monthFirst: monthFirst) {
        var d = date
        // Time after the date (or just before it, "10:00 PM, Fri 11 Feb 2022").
        if let (t, after) = time(near: next, tokens, maxSkip: 4) {
          d.hour = t.hour
          d.minute = t.minute
          d.second = t.second
          d.offsetSeconds = t.offset
          d.end = tokens[after - 1].end
        } else if let t = timeBefore(i, tokens) {
          d.hour = t.hour
          d.minute = t.minute
          d.second = t.second
          d.offsetSeconds = t.offset
          d.start = t.start
        }
        if d.offsetSeconds == nil, let zone = zoneAfter(index(after: d.end, tokens), tokens) {
          d.offsetSeconds = zone.offset
          d.end = zone.end
        }
        if d.offsetSeconds == nil, d.hour != nil, let standard = usZoneAfter(index(after: d.end, tokens), tokens) {
          let daylight = isUSDaylightTime(year: d.year, month: d.month, day: d.day)
          d.offsetSeconds = standard + (daylight ? 3600 : 0)
          d.end = tokens[index(after: d.end, tokens)].end
        }
        // The written text includes a weekday just before the date ("Fri 11 Feb 2022").
        if i >= 1, tokens[i - 1].kind == .word, weekdays.contains(tokens[i - 1].text), tokens[i - 1].start < d.start {
          d.start = tokens[i - 1].start
        } else if i >= 2, tokens[i - 1].kind == .punct, tokens[i - 1].text == ",", tokens[i - 2].kind == .word,
          weekdays.contains(tokens[i - 2].text), tokens[i - 2].start < d.start
        {
          d.start = tokens[i - 2].start
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[d.start..<d.end])
        d.text = text
        found.append(d)
        i = index(after: d.end, tokens)
      } else {
        i += 1
      }
    }
    return found
  }

  static func index(after scalarEnd: Int, _ tokens: [Token]) -> Int {
    var k = 0
    while k < tokens.count && tokens[k].start < scalarEnd { k += 1 }
    return k
  }

  static func isNumber(_ tokens: [Token], _ i: Int) -> Bool { i < tokens.count && tokens[i].kind == .number }
  static func isPunct(_ tokens: [Token], _ i: Int, _ p: String) -> Bool {
    i < tokens.count && tokens[i].kind == .punct && tokens[i].text == p
  }

  static func validDay(_ y: Int, _ m: Int, _ d: Int) -> Bool {
    y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= DateTime.daysInMonth(year: y, month: m)
  }

  static func make(_ y: Int, _ m: Int, _ d: Int, _ start: Int, _ end: Int) -> ProseDate? {
    guard validDay(y, m, d) else { return nil }
    return ProseDate(year: y, month: m, day: d, text: "", start: start, end: end)
  }

  /// A date starting at token `i`, and the index of the token after it.
  static func date(at i: Int, _ t: [Token], monthFirst: Bool) -> (ProseDate, Int)? {
    let tok = t[i]
    if tok.kind == .number {
      // ISO and other year-first numeric forms: 2022-03-03, 2022/03/03, 2022.03.03
      if tok.text.count == 4, i + 4 < t.count, t[i + 1].kind == .punct,
        ["-", "/", "."].contains(t[i + 1].text), isNumber(t, i + 2), t[i + 3].kind == .punct,
        t[i + 3].text == t[i + 1].text, isNumber(t, i + 4), t[i + 2].text.count <= 2, t[i + 4].text.count <= 2
      {
        if let d = make(tok.value, t[i + 2].value, t[i + 4].value, tok.start, t[i + 4].end) {
          var next = i + 5
          // ISO time: "T13:37" tokenises as the word "t" then the time.
          if next < t.count, t[next].kind == .word, t[next].text == "t", t[next].start == t[i + 4].end {
            next += 1
          }
          return (d, next)
        }
      }
      // CJK: 2022年3月3日
      if tok.text.count == 4, i + 5 < t.count, t[i + 1].text == "年", isNumber(t, i + 2), t[i + 3].text == "月",
        isNumber(t, i + 4), t[i + 5].text == "日" || t[i + 5].text == "일"
      {
        if let d = make(tok.value, t[i + 2].value, t[i + 4].value, tok.start, t[i + 5].end) { return (d, i + 6) }
      }
      // Korean: 2022. 3. 3. / 2022.03.03. handled above; "2022년 3월 3일"
      if tok.text.count == 4, i + 5 < t.count, t[i + 1].text == "년", isNumber(t, i + 2), t[i + 3].text == "월",
        isNumber(t, i + 4), t[i + 5].text == "일"
      {
        if let d = make(tok.value, t[i + 2].value, t[i + 4].value, tok.start, t[i + 5].end) { return (d, i + 6) }
      }
      // Day-first or month-first numeric: 03.03.2022, 3/3/2022, 03-03-2022, 03.03.22
      if tok.text.count <= 2, i + 4 < t.count, t[i + 1].kind == .punct, [".", "/", "-"].contains(t[i + 1].text),
        isNumber(t, i + 2), t[i + 2].text.count <= 2, t[i + 3].kind == .punct, t[i + 3].text == t[i + 1].text,
        isNumber(t, i + 4), t[i + 4].text.count == 4 || (t[i + 4].text.count == 2 && t[i + 1].text == ".")
      {
        var year = t[i + 4].value
        if t[i + 4].text.count == 2 { year += year < 50 ? 2000 : 1900 }
        let a = tok.value
        let b = t[i + 2].value
        // Dots and dashes are day-first everywhere; a slash is month-first only when the
        // day-first reading is impossible (13/01 vs 01/13).
        let dayFirst = t[i + 1].text != "/" || a > 12 || (b <= 12 && !monthFirst)
        let (d, m) = dayFirst ? (a, b) : (b, a)
        if let date = make(year, m, d, tok.start, t[i + 4].end) { return (date, i + 5) }
        if let date = make(year, d, m, tok.start, t[i + 4].end) { return (date, i + 5) }
      }
      // Day month year: 11 Feb 2022, 27. Januar 2022, 3rd of March, 2022, 5 de março de 2022
      if tok.text.count <= 2, tok.value >= 1, tok.value <= 31 {
        var j = i + 1
        if isPunct(t, j, ".") || isPunct(t, j, "/") || isPunct(t, j, "-") { j += 1 }
        if j < t.count, t[j].kind == .word, ordinalSuffixes.contains(t[j].text), t[j].start == tok.end { j += 1 }
        if j < t.count, t[j].kind == .word, ["of", "de", "di"].contains(t[j].text) { j += 1 }
        if j < t.count, t[j].kind == .word, let month = months[t[j].text] {
          var k = j + 1
          if isPunct(t, k, ".") || isPunct(t, k, "/") || isPunct(t, k, "-") { k += 1 }
          if isPunct(t, k, ",") { k += 1 }
          if k < t.count, t[k].kind == .word, ["de", "del", "of"].contains(t[k].text) { k += 1 }
          // A year run into what follows it ("20202. Februar 2020" from copied markup) keeps its
          // first four digits.
          if isNumber(t, k), t[k].text.count >= 4, t[k].text.count == 4 || t[k].end < t.last!.end,
            let date = make(t[k].text.count == 4 ? t[k].value : Int(t[k].text.prefix(4))!, month, tok.value, tok.start, t[k].end)
          {
            var next = k + 1
            if next < t.count, t[next].kind == .word, ["г", "года", "року"].contains(t[next].text) { next += 1 }
            return (date, next)
          }
        }
      }
    } else if tok.kind == .word, let month = months[tok.text] {
      // Month day, year: March 3, 2022 / Feb. 11th 2022 / Mar 3 2022
      var j = i + 1
      if isPunct(t, j, ".") { j += 1 }
      if isNumber(t, j), t[j].text.count <= 2 {
        let day = t[j].value
        var k = j + 1
        if k < t.count, t[k].kind == .word, ordinalSuffixes.contains(t[k].text) { k += 1 }
        if isPunct(t, k, ",") { k += 1 }
        if isNumber(t, k), t[k].text.count == 4, let date = make(t[k].value, month, day, tok.start, t[k].end) {
          return (date, k + 1)
        }
      }
    }
    return nil
  }

  struct FoundTime {
    var hour: Int
    var minute: Int
    var second: Int?
    var offset: Int?
    var start: Int
  }

  /// A time of day at token `i` (skipping up to `maxSkip` joining tokens: ",", "at", "um", "à", "-", "|").
  static func time(near i: Int, _ t: [Token], maxSkip: Int) -> (FoundTime, Int)? {
    var j = i
    var skipped = 0
    while j < t.count && skipped < maxSkip {
      if let r = timeAt(j, t) { return r }
      let tok = t[j]
      let joins =
        (tok.kind == .punct && [",", "-", "|", "–", "—", "/", "·", "•", "(", "@"].contains(tok.text))
        || (tok.kind == .word && timeJoiners.contains(tok.text))
      if !joins { return nil }
      j += 1
      skipped += 1
    }
    return nil
  }

  static func timeBefore(_ i: Int, _ t: [Token]) -> FoundTime? {
    // Look back up to 8 tokens for "HH:MM [am|pm] [zone] [,]" that ends just before the date.
    var k = max(0, i - 8)
    while k < i {
      if let (found, after) = timeAt(k, t) {
        var j = after
        while j < i && (t[j].kind == .punct || timeJoiners.contains(t[j].text) || weekdays.contains(t[j].text)) {
          j += 1
        }
        if j == i { return found }
      }
      k += 1
    }
    return nil
  }

  /// `HH:MM[:SS] [am|pm|a.m.|p.m.] [zone]`, or `HH.MM am`, or `HHhMM`.
  static func timeAt(_ i: Int, _ t: [Token]) -> (FoundTime, Int)? {
    guard isNumber(t, i), t[i].text.count <= 2 else { return nil }
    var hour = t[i].value
    var j = i + 1
    var minute = 0
    var second: Int?
    if j + 1 < t.count, (t[j].text == ":" || t[j].text == "h" || t[j].text == "."),
      t[j].start == t[i].end, isNumber(t, j + 1), t[j + 1].text.count == 2
    {
      minute = t[j + 1].value
      j += 2
      if j + 1 < t.count, t[j].text == ":", isNumber(t, j + 1), t[j + 1].text.count == 2 {
        second = t[j + 1].value
        j += 2
      }
      if t[i + 1].text == "." {
        // "10.00" is a time only with an am/pm after it.
        guard j < t.count, ["am", "pm", "a", "p"].contains(t[j].text) else { return nil }
      }
    } else if j < t.count, ["am", "pm"].contains(t[j].text) {
      // "5pm"
    } else {
      return nil
    }
    // am/pm
    if j < t.count, t[j].kind == .word {
      var meridiem: String?
      if t[j].text == "am" || t[j].text == "pm" {
        meridiem = t[j].text
        j += 1
      } else if (t[j].text == "a" || t[j].text == "p"), isPunct(t, j + 1, "."), j + 2 < t.count, t[j + 2].text == "m" {
        meridiem = t[j].text == "a" ? "am" : "pm"
        j += 3
        if isPunct(t, j, ".") { j += 1 }
      } else if t[j].text == "uhr" || t[j].text == "h" || t[j].text == "hs" || t[j].text == "hrs" {
        j += 1
      }
      if let meridiem {
        guard hour >= 1 && hour <= 12 else { return nil }
        if meridiem == "pm" && hour != 12 { hour += 12 }
        if meridiem == "am" && hour == 12 { hour = 0 }
      }
    }
    guard hour <= 23, minute <= 59, (second ?? 0) <= 59 else { return nil }
    var found = FoundTime(hour: hour, minute: minute, second: second, offset: nil, start: t[i].start)
    if let zone = zoneAt(j, t) {
      found.offset = zone.offset
      j = zone.next
    }
    return (found, j)
  }

  static func zoneAfter(_ i: Int, _ t: [Token]) -> (offset: Int, end: Int)? {
    guard let z = zoneAt(i, t) else { return nil }
    return (z.offset, t[z.next - 1].end)
  }

  /// A named zone or numeric offset at token `i`: GMT, UTC, BST, CET, ET, +0100, +01:00, UTC+1, (GMT).
  static func zoneAt(_ i: Int, _ t: [Token]) -> (offset: Int, next: Int)? {
    var j = i
    let open = isPunct(t, j, "(")
    if open { j += 1 }
    var base: Int?
    if j < t.count, t[j].kind == .word, let known = zones[t[j].text] {
      base = known
      j += 1
    } else if j < t.count, t[j].kind == .word, t[j].text == "z", j == i {
      base = 0
      j += 1
    }
    // numeric offset, alone or after UTC/GMT
    if j + 1 < t.count, (t[j].text == "+" || t[j].text == "-" || t[j].text == "−"), isNumber(t, j + 1),
      base == nil || base == 0
    {
      let sign = t[j].text == "+" ? 1 : -1
      var hours = t[j + 1].value
      var minutes = 0
      var k = j + 2
      if t[j + 1].text.count == 4 {
        hours = t[j + 1].value / 100
        minutes = t[j + 1].value % 100
      } else if k + 1 < t.count, t[k].text == ":", isNumber(t, k + 1), t[k + 1].text.count == 2 {
        minutes = t[k + 1].value
        k += 2
      }
      if hours <= 14 && minutes < 60 {
        base = sign * (hours * 3600 + minutes * 60)
        j = k
      }
    }
    guard let offset = base else { return nil }
    if open && isPunct(t, j, ")") { j += 1 }
    return (offset, j)
  }

  /// US zones written without saying standard or daylight (ET, CT, MT, PT): the standard offset;
  /// the caller adds daylight saving by the US rule for the day.
  static func usZoneAfter(_ i: Int, _ t: [Token]) -> Int? {
    guard i < t.count, t[i].kind == .word else { return nil }
    switch t[i].text {
    case "et": return -18000
    case "ct": return -21600
    case "mt": return -25200
    case "pt": return -28800
    default: return nil
    }
  }

  static func isUSDaylightTime(year: Int, month: Int, day: Int) -> Bool {
    // Second Sunday of March to first Sunday of November.
    func nthSunday(_ n: Int, month: Int) -> Int {
      let first = DateTime(year: year, month: month, day: 1).weekday  // 1 = Monday
      let firstSunday = 1 + (7 - first) % 7
      return firstSunday + 7 * (n - 1)
    }
    if month > 3 && month < 11 { return true }
    if month == 3 { return day >= nthSunday(2, month: 3) }
    if month == 11 { return day < nthSunday(1, month: 11) }
    return false
  }

  /// A time with no date: "12:31", "5:04 p.m. ET".
  static func timeOnly(in line: String) -> ProseTime? {
    let scalars = Array(line.unicodeScalars)
    let tokens = tokenize(scalars).filter { $0.kind != .space }
    for i in tokens.indices {
      if let (found, next) = timeAt(i, tokens), tokens[i + 1].text == ":" || tokens[i + 1].text == "h"
        || ["am", "pm", "a"].contains(tokens[i + 1].text)
      {
        return ProseTime(
          hour: found.hour, minute: found.minute, offsetSeconds: found.offset, start: found.start,
          end: tokens[next - 1].end)
      }
    }
    return nil
  }

  static let timeJoiners: Set<String> = [
    "at", "um", "à", "a", "às", "alle", "ore", "las", "los", "kl", "klo", "в", "o", "the", "de",
  ]

  static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "er", "e", "º", "ª", "o", "a"]

  static let weekdays: Set<String> = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
    "segunda", "terça", "quarta", "quinta", "sexta",
  ]

  static let zones: [String: Int] = [
    "gmt": 0, "utc": 0, "wet": 0, "bst": 3600, "ist": 19800, "cet": 3600, "mez": 3600,
    "cest": 7200, "mesz": 7200, "eet": 7200, "eest": 10800, "msk": 10800, "est": -18000,
    "edt": -14400, "cst": -21600, "cdt": -18000, "mst": -25200, "mdt": -21600, "pst": -28800,
    "pdt": -25200, "akst": -32400, "akdt": -28800, "hst": -36000, "jst": 32400, "kst": 32400,
    "aest": 36000, "aedt": 39600, "awst": 28800, "nzst": 43200, "nzdt": 46800, "sgt": 28800,
    "hkt": 28800, "brt": -10800, "art": -10800, "wib": 25200, "pht": 28800,
  ]

  static let months: [String: Int] = {
    var m: [String: Int] = [:]
    let names: [[String]] = [
      ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "января", "январь", "jänn"],
      ["february", "feb", "febr", "februar", "février", "févr", "fevr", "febrero", "febbraio", "fevereiro", "fev", "februari", "февраля", "февраль"],
      ["march", "mar", "märz", "mär", "mrz", "mars", "marzo", "março", "maart", "марта", "март"],
      ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "апреля", "апрель"],
      ["may", "mai", "mayo", "maggio", "mag", "maio", "mei", "мая", "май"],
      ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "июня", "июнь"],
      ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "июля", "июль"],
      ["august", "aug", "août", "aout", "agosto", "ago", "augustus", "августа", "август"],
      ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro", "сентября", "сентябрь"],
      ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "октября", "октябрь"],
      ["november", "nov", "novembre", "noviembre", "novembro", "ноября", "ноябрь"],
      ["december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "december", "декабря", "декабрь"],
    ]
    for (index, list) in names.enumerated() { for name in list { m[name] = index + 1 } }
    return m
  }()
}

extension ProseDate {
  func withEnd(_ end: Int) -> ProseDate {
    var d = self
    d.end = end
    return d
  }
}
