import FeedloomModel

// MARK: - W3C-DTF, RFC 3339, ISO 8601, MSSQL, Hungarian, Korean

extension DateReader {
  static func readISO(_ s: inout ByteScanner) -> DateTime? {
    guard var fields = readISODate(&s) else { return nil }
    if s.isAtEnd { return fields.instant }
    var koreaTime = false
    if s.consumeCaseless(UInt8(ascii: "t")) {
      guard readISOTime(&s, into: &fields, compactAllowed: true) else { return nil }
    } else if s.skipSpaces() > 0 {
      let meridiem = s.word()
      var pm = false
      if !meridiem.isEmpty {
        // Nate: 2004-05-25 오후 11:23:17, Korea time.
        if s.matches(meridiem, DateNames.koreanPM) {
          pm = true
        } else if !s.matches(meridiem, DateNames.koreanAM) {
          return nil
        }
        guard s.skipSpaces() > 0 else { return nil }
        koreaTime = true
        fields.offsetMinutes = 9 * 60
      }
      guard readISOTime(&s, into: &fields, compactAllowed: false) else { return nil }
      if koreaTime {
        guard fields.hour <= 12 else { return nil }
        fields.hour = fields.hour % 12 + (pm ? 12 : 0)
      }
    } else {
      return nil
    }
    return s.isAtEnd ? fields.instant : nil
  }

  /// The date part; on return the cursor is after it.
  private static func readISODate(_ s: inout ByteScanner) -> DateFields? {
    if s.consume(UInt8(ascii: "-")) {
      // -YYMM, -YY-MM (truncated ISO 8601:2000 forms, 2-digit year in this century).
      guard let yy = s.digits(exactly: 2) else { return nil }
      _ = s.consume(UInt8(ascii: "-"))
      guard s.digitRunLength() == 2, let mm = s.digits(exactly: 2) else { return nil }
      return DateFields(year: 2000 + yy, month: mm)
    }
    let run = s.digitRunLength()
    switch run {
    case 4:
      let year = s.digits(exactly: 4)!
      return readAfterYear(&s, year: year)
    case 6:
      let yy = s.digits(exactly: 2)!, mm = s.digits(exactly: 2)!, dd = s.digits(exactly: 2)!
      return DateFields(year: 2000 + yy, month: mm, day: dd)
    case 7:
      let year = s.digits(exactly: 4)!, ordinal = s.digits(exactly: 3)!
      return DateFields(year: year, dayOfYear: ordinal)
    case 8:
      let year = s.digits(exactly: 4)!, mm = s.digits(exactly: 2)!, dd = s.digits(exactly: 2)!
      return DateFields(year: year, month: mm, day: dd)
    case 2:
      let yy = s.digits(exactly: 2)!
      guard s.consume(UInt8(ascii: "-")) else { return nil }
      let next = s.digitRunLength()
      if next == 3 {
        return DateFields(year: 2000 + yy, dayOfYear: s.digits(exactly: 3)!)
      }
      guard next == 2, let mm = s.digits(exactly: 2), s.consume(UInt8(ascii: "-")),
        s.digitRunLength() == 2, let dd = s.digits(exactly: 2)
      else { return nil }
      return DateFields(year: 2000 + yy, month: mm, day: dd)
    default:
      return nil
    }
  }

  private static func readAfterYear(_ s: inout ByteScanner, year: Int) -> DateFields? {
    if s.isAtEnd { return DateFields(year: year) }
    if s.consumeCaseless(UInt8(ascii: "w")) { return readWeek(&s, year: year, hyphens: false) }
    if let b = s.peek, b >= 0x80 { return readOnBlog(&s, year: year) }
    guard s.consume(UInt8(ascii: "-")) else {
      // A year then a time ("2003T10:00") is not a form anyone writes.
      return nil
    }
    if s.consumeCaseless(UInt8(ascii: "w")) { return readWeek(&s, year: year, hyphens: true) }
    let monthName = s.word()
    if !monthName.isEmpty {
      // Hungarian: 2004-július-13.
      guard let month = s.month(named: monthName), s.consume(UInt8(ascii: "-")),
        let day = s.digits(minimum: 1, maximum: 2)
      else { return nil }
      return DateFields(year: year, month: month, day: day.value)
    }
    let run = s.digitRunLength()
    if run == 3 && s.peek(ahead: 3) != UInt8(ascii: "-") {
      return DateFields(year: year, dayOfYear: s.digits(exactly: 3)!)
    }
    // Month: 1–2 digits, or Google's zero-padded 3 (2003-012-31).
    guard run >= 1, run <= 3, run < 3 || s.peek == UInt8(ascii: "0"),
      let month = s.digits(minimum: run, maximum: run)
    else { return nil }
    guard s.consume(UInt8(ascii: "-")) else { return DateFields(year: year, month: month.value) }
    guard let day = s.digits(minimum: 1, maximum: 2) else { return nil }
    return DateFields(year: year, month: month.value, day: day.value)
  }

  /// ISO week date: `Www[-D]` (hyphens) or `Www[D]`; weeks start on Monday, week 1 holds Jan 4.
  private static func readWeek(_ s: inout ByteScanner, year: Int, hyphens: Bool) -> DateFields? {
    guard let week = s.digits(exactly: 2), week >= 1, week <= 53 else { return nil }
    var weekday = 1
    if hyphens {
      if s.consume(UInt8(ascii: "-")) {
        guard let d = s.digits(exactly: 1) else { return nil }
        weekday = d
      }
    } else if s.digitRunLength() == 1 {
      weekday = s.digits(exactly: 1)!
    }
    guard weekday >= 1, weekday <= 7 else { return nil }
    let jan4 = DateTime(year: year, month: 1, day: 4)
    let mondayOfWeek1 = jan4.dayNumber - Int64(jan4.weekday - 1)
    let day = mondayOfWeek1 + Int64((week - 1) * 7 + weekday - 1)
    let (y, m, d) = DateTime.civilFromDays(day)
    // Week 53 exists only in long years: it must not spill past the next year's week 1.
    if week == 53 {
      let nextJan4 = DateTime(year: year + 1, month: 1, day: 4)
      guard day < nextJan4.dayNumber - Int64(nextJan4.weekday - 1) else { return nil }
    }
    return DateFields(year: y, month: m, day: d)
  }

  /// OnBlog: `2004년 05월 28일  01:31:15`, Korea time; the year is already read.
  private static func readOnBlog(_ s: inout ByteScanner, year: Int) -> DateFields? {
    guard s.matches(s.word(), DateNames.koreanYear), s.skipSpaces() > 0,
      let month = s.digits(minimum: 1, maximum: 2), s.matches(s.word(), DateNames.koreanMonth),
      s.skipSpaces() > 0, let day = s.digits(minimum: 1, maximum: 2),
      s.matches(s.word(), DateNames.koreanDay)
    else { return nil }
    var fields = DateFields(year: year, month: month.value, day: day.value)
    fields.offsetMinutes = 9 * 60
    if s.skipSpaces() > 0, !s.isAtEnd {
      guard s.readClock(into: &fields, hourAlone: false) else { return nil }
    }
    return s.isAtEnd ? fields : nil
  }

  /// Time and zone after the `T` or the white space.
  private static func readISOTime(
    _ s: inout ByteScanner, into fields: inout DateFields, compactAllowed: Bool
  ) -> Bool {
    let run = s.digitRunLength()
    if compactAllowed && (run == 4 || run == 6) {
      fields.hour = s.digits(exactly: 2)!
      fields.minute = s.digits(exactly: 2)!
      if run == 6 {
        fields.second = s.digits(exactly: 2)!
        s.skipFraction()
      }
    } else {
      guard s.readClock(into: &fields, hourAlone: compactAllowed) else { return false }
    }
    let spaced = s.skipSpaces() > 0
    if s.isAtEnd { return true }
    if !spaced, s.consumeCaseless(UInt8(ascii: "z")) { return s.isAtEnd }
    guard let offset = s.readZone(unknownIsUTC: false) else { return false }
    fields.offsetMinutes = offset
    s.skipSpaces()
    return s.isAtEnd
  }
}
