/// Month, weekday, meridiem and zone names the date grammar knows, as lower-case UTF-8.
enum DateNames {
  static let englishMonths: [[UInt8]] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ].map { Array($0.utf8) }

  static let englishWeekdays: [[UInt8]] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    .map { Array($0.utf8) }

  /// Greek abbreviations as feedparser's Greek handler knows them (with and without accents).
  static let greekMonths: [([UInt8], Int)] = [
    ("Ιαν", 1), ("Φεβ", 2), ("Μάώ", 3), ("Μαώ", 3), ("Μάρ", 3), ("Μαρ", 3), ("Απρ", 4),
    ("Μάι", 5), ("Μαϊ", 5), ("Μαι", 5), ("Ιούν", 6), ("Ιον", 6), ("Ιουν", 6), ("Ιούλ", 7),
    ("Ιολ", 7), ("Ιουλ", 7), ("Αύγ", 8), ("Αυγ", 8), ("Σεπ", 9), ("Οκτ", 10), ("Νοέ", 11),
    ("Νοε", 11), ("Δεκ", 12),
  ].map { (Array($0.0.utf8), $0.1) }

  static let greekWeekdays: [[UInt8]] = ["Κυρ", "Δευ", "Τρι", "Τετ", "Πεμ", "Παρ", "Σαβ"]
    .map { Array($0.utf8) }

  /// Hungarian month names; feedparser's misspellings (`februári`, `máujus`) included.
  static let hungarianMonths: [([UInt8], Int)] = [
    ("január", 1), ("február", 2), ("februári", 2), ("március", 3), ("április", 4),
    ("május", 5), ("máujus", 5), ("június", 6), ("július", 7), ("augusztus", 8),
    ("szeptember", 9), ("október", 10), ("november", 11), ("december", 12),
  ].map { (Array($0.0.utf8), $0.1) }

  /// The byte length of the shortest Greek or Hungarian month or weekday name.
  static let shortestNonEnglishName: Int = (greekMonths.map(\.0) + hungarianMonths.map(\.0)
    + greekWeekdays).map(\.count).min()!

  /// `am`, `pm` and the `Etc/` zone prefix, built once (an Array made from a literal per date
  /// read cost an allocation each).
  static let am: [UInt8] = Array("am".utf8)
  static let pm: [UInt8] = Array("pm".utf8)
  static let etcPrefix: [UInt8] = Array("etc/".utf8)
  /// Korean 오전 (a.m.) and 오후 (p.m.), as the Nate blog platform writes them.
  static let koreanAM: [UInt8] = Array("오전".utf8)
  static let koreanPM: [UInt8] = Array("오후".utf8)
  /// Korean 년 (year), 월 (month), 일 (day), as OnBlog writes them.
  static let koreanYear: [UInt8] = Array("년".utf8)
  static let koreanMonth: [UInt8] = Array("월".utf8)
  static let koreanDay: [UInt8] = Array("일".utf8)

  /// Named zones, offset in minutes east of UTC. RFC 822's names and military letters (signs
  /// as RFC 822 and feedparser give them: A = -1 … M = -12, N = +1 … Y = +12), feedparser's
  /// American shorthands (ET, CT, MT, PT, AT) and MET/MEST, plus common unambiguous ones.
  static let zones: [([UInt8], Int)] = {
    var table: [(String, Int)] = [
      ("ut", 0), ("utc", 0), ("gmt", 0), ("z", 0), ("wet", 0), ("west", 60), ("bst", 60),
      ("cet", 60), ("cest", 120), ("met", 60), ("mest", 120), ("mez", 60), ("mesz", 120),
      ("eet", 120), ("eest", 180), ("msk", 180),
      ("adt", -180), ("ast", -240), ("at", -240),
      ("edt", -240), ("est", -300), ("et", -300),
      ("cdt", -300), ("cst", -360), ("ct", -360),
      ("mdt", -360), ("mst", -420), ("mt", -420),
      ("pdt", -420), ("pst", -480), ("pt", -480),
      ("akst", -540), ("akdt", -480), ("hst", -600),
      ("jst", 540), ("kst", 540), ("hkt", 480), ("sgt", 480), ("awst", 480),
      ("acst", 570), ("acdt", 630), ("aest", 600), ("aedt", 660), ("nzst", 720), ("nzdt", 780),
    ]
    let letters = Array("abcdefghiklm".utf8)  // J is not a zone
    for (i, l) in letters.enumerated() {
      table.append((String(UnicodeScalar(l)), -60 * (i + 1)))
    }
    for (i, l) in Array("nopqrstuvwxy".utf8).enumerated() {
      table.append((String(UnicodeScalar(l)), 60 * (i + 1)))
    }
    return table.map { (Array($0.0.utf8), $0.1) }
  }()
}

extension ByteScanner {
  /// The month an English (3-letter prefix, as feedparser), Greek or Hungarian name gives.
  func month(named range: Range<Int>) -> Int? {
    if range.count >= 3 {
      let prefix = range.lowerBound..<(range.lowerBound + 3)
      for (i, name) in DateNames.englishMonths.enumerated() where matches(prefix, name) {
        return i + 1
      }
    }
    // Shorter words (every English one) cannot be Greek or Hungarian names: skip the tables.
    guard range.count >= DateNames.shortestNonEnglishName else { return nil }
    for (name, month) in DateNames.greekMonths where matches(range, name) { return month }
    for (name, month) in DateNames.hungarianMonths where matches(range, name) { return month }
    return nil
  }

  func isWeekday(_ range: Range<Int>) -> Bool {
    if range.count >= 3 {
      let prefix = range.lowerBound..<(range.lowerBound + 3)
      if DateNames.englishWeekdays.contains(where: { matches(prefix, $0) }) { return true }
    }
    guard range.count >= DateNames.shortestNonEnglishName else { return false }
    return DateNames.greekWeekdays.contains { matches(range, $0) }
  }

  /// Minutes east of UTC for a zone name (`Etc/` prefix ignored), nil when unknown.
  func zoneOffset(named range: Range<Int>) -> Int? {
    var r = range
    if hasPrefix(r, DateNames.etcPrefix) { r = (r.lowerBound + 4)..<r.upperBound }
    for (name, offset) in DateNames.zones where matches(r, name) { return offset }
    return nil
  }
}
