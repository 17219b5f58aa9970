import FeedloomModel

// MARK: - RFC 822 and relatives: asctime, perforce, Greek

extension DateReader {
  static func readTextual(_ s: inout ByteScanner) -> DateTime? {
    var fields = DateFields(year: 0)
    s.skipSpaces()
    let save = s.position
    let leading = s.word()
    if !leading.isEmpty, s.isWeekday(leading), s.month(named: leading) == nil {
      _ = s.consume(UInt8(ascii: "."))
      s.skipSpaces()
      _ = s.consume(UInt8(ascii: ","))
      s.skipSpaces()
    } else {
      s.position = save
    }

    var yearPending = false  // asctime: the year comes after the time
    if let b = s.peek, isDigit(b) {
      if s.digitRunLength() == 4, s.peek(ahead: 4) == UInt8(ascii: "/") {
        // perforce: 2006/09/15
        fields.year = s.digits(exactly: 4)!
        guard s.consume(UInt8(ascii: "/")), let m = s.digits(minimum: 1, maximum: 2),
          s.consume(UInt8(ascii: "/")), let d = s.digits(minimum: 1, maximum: 2)
        else { return nil }
        fields.month = m.value
        fields.day = d.value
      } else {
        guard let day = s.digits(minimum: 1, maximum: 2) else { return nil }
        fields.day = day.value
        guard skipDateSeparators(&s), let month = s.month(named: s.word()) else { return nil }
        fields.month = month
        guard skipDateSeparators(&s), let year = readYear(&s) else { return nil }
        fields.year = year
      }
    } else {
      guard let month = s.month(named: s.word()) else { return nil }
      fields.month = month
      guard skipDateSeparators(&s), let day = s.digits(minimum: 1, maximum: 2) else {
        return nil
      }
      fields.day = day.value
      guard skipDateSeparators(&s) else { return nil }
      if looksLikeClock(s) {
        yearPending = true
      } else {
        guard let year = readYear(&s) else { return nil }
        fields.year = year
      }
    }

    s.skipSpaces()
    _ = s.consume(UInt8(ascii: ","))
    s.skipSpaces()
    if s.isAtEnd {
      return yearPending ? nil : fields.instant
    }
    guard s.readClock(into: &fields, hourAlone: false) else { return nil }
    if s.peek == UInt8(ascii: ":") { return nil }  // 1:2:3:4
    s.skipSpaces()
    let save2 = s.position
    let meridiem = s.word()
    if s.matches(meridiem, DateNames.am) || s.matches(meridiem, DateNames.pm) {
      guard fields.hour <= 12 else { return nil }
      fields.hour = fields.hour % 12 + (s.matches(meridiem, DateNames.pm) ? 12 : 0)
      s.skipSpaces()
    } else {
      s.position = save2
    }
    if let b = s.peek, !isDigit(b), b != UInt8(ascii: "(") {
      guard let offset = s.readZone(unknownIsUTC: true) else { return nil }
      fields.offsetMinutes = offset
      s.skipSpaces()
    }
    if yearPending {
      guard s.digitRunLength() == 4, let year = s.digits(exactly: 4) else { return nil }
      fields.year = year
      s.skipSpaces()
    }
    s.skipComment()
    s.skipSpaces()
    return s.isAtEnd ? fields.instant : nil
  }

  /// White space, `-`, `.` or `,` between date fields; at least one.
  private static func skipDateSeparators(_ s: inout ByteScanner) -> Bool {
    let start = s.position
    while let b = s.peek,
      isSpace(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: ",")
    {
      s.position += 1
    }
    return s.position > start
  }

  /// A 4-digit year as written; 2-digit years as feedparser (< 90 → 20xx, else 19xx) and
  /// 3-digit years as RFC 2822 (+ 1900).
  private static func readYear(_ s: inout ByteScanner) -> Int? {
    guard let year = s.digits(minimum: 2, maximum: 4) else { return nil }
    switch year.count {
    case 2: return year.value + (year.value < 90 ? 2000 : 1900)
    case 3: return year.value + 1900
    default: return year.value
    }
  }

  private static func looksLikeClock(_ s: ByteScanner) -> Bool {
    let run = s.digitRunLength()
    return (run == 1 || run == 2) && s.peek(ahead: run) == UInt8(ascii: ":")
  }
}
