import FeedloomModel

/// Reads the dates feeds carry into a `DateTime`.
///
/// Families (feedparser's date handlers, merged into one hand-written grammar over UTF-8):
/// - RFC 822 / RFC 1123 / RFC 2822 with the usual misspellings: optional weekday, comma with or
///   without a space, full month names, day and month swapped (`Thu Aug 30 2012 …`), extra
///   commas, missing seconds, missing time, 2-digit years (< 90 → 20xx, else 19xx), named zones
///   (`GMT`, `UT`, `EST`…, `ET`/`CT`/`MT`/`PT`, military letters, `MET`/`MEST`, `Etc/GMT`),
///   `GMT+hh:mm`, `±hhmm`, `±hh:mm`, and a trailing `(comment)`. An unknown alphabetic zone
///   reads as UTC, as feedparser does.
/// - asctime: `Sun Jan  4 16:29:06 2004`, optionally with a numeric zone before the year.
/// - perforce: `Fri, 2006/09/15 08:19:53 EDT`.
/// - Greek (`Κυρ, 11 Ιούλ 2004 12:00:00 EST`): RFC 822 with Greek names.
/// - W3C-DTF / RFC 3339 / ISO 8601: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYYMMDD`, ordinal
///   `YYYY-DDD`/`YYYYDDD`, week `YYYY-Www-D`/`YYYYWwwD`, 2-digit-year forms `YYMMDD`,
///   `YY-MM-DD`, `YY-DDD`, `-YYMM`, `-YY-MM` (2-digit years are 20YY), Google's `YYYY-0MM-DD`,
///   a time after `T` or white space (`hh`, `hh:mm`, `hh:mm:ss`, fraction, compact `hhmmss`
///   after `T`), zone `Z`, `±hh`, `±hhmm`, `±hh:mm`, or a zone name after white space (MSSQL
///   style `2004-07-08 23:56:58 -00:20`). No zone means UTC.
/// - Hungarian month names in the ISO form: `2004-július-13T9:15-05:00`.
/// - Korean: Nate `2004-05-25 오후 11:23:17` and OnBlog `2004년 05월 28일  01:31:15`, both
///   in Korea time (+09:00).
///
/// Refused (nil): anything with text left over, impossible fields (Feb 30, hour 25, second 61,
/// zone beyond ±23:59), results outside years 1…9999, forms that need today's date to read
/// (`--MM-DD`, `-YY`, `-DDD`), a bare 2-digit century, and the 5-digit `YYDDD` ordinal (a
/// 5-digit run is more often a mangled year than a date).
public enum DateReader {
  /// Reads `text` as a date; nil when it is not one of the known forms or not a real instant.
  public static func parse(_ text: String) -> DateTime? {
    var text = text
    return text.withUTF8 { parse(bytes: $0) }
  }

  /// Reads UTF-8 bytes as a date (see `parse(_:)`).
  public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> DateTime? {
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    guard start < end else { return nil }
    let first = bytes[start]
    if isDigit(first) || first == UInt8(ascii: "-") {
      var scanner = ByteScanner(bytes, from: start, to: end)
      if let date = readISO(&scanner) { return date }
    }
    var scanner = ByteScanner(bytes, from: start, to: end)
    return readTextual(&scanner)
  }
}

/// Civil fields as read, validated and converted together.
struct DateFields {
  var year: Int
  var month: Int = 1
  var day: Int = 1
  /// When set, the date is `year`'s day number `dayOfYear` (ordinal and week dates).
  var dayOfYear: Int?
  var hour = 0
  var minute = 0
  var second = 0
  /// Minutes east of UTC.
  var offsetMinutes = 0

  var instant: DateTime? {
    guard year >= 1, year <= 9999 else { return nil }
    guard hour >= 0, hour <= 23, minute >= 0, minute <= 59, second >= 0, second <= 59 else {
      return nil
    }
    guard abs(offsetMinutes) < 24 * 60 else { return nil }
    let days: Int64
    if let ordinal = dayOfYear {
      let length = DateTime.isLeapYear(year) ? 366 : 365
      guard ordinal >= 1, ordinal <= length else { return nil }
      days = DateTime.daysFromCivil(year: year, month: 1, day: 1) + Int64(ordinal - 1)
    } else {
      guard month >= 1, month <= 12, day >= 1,
        day <= DateTime.daysInMonth(year: year, month: month)
      else { return nil }
      days = DateTime.daysFromCivil(year: year, month: month, day: day)
    }
    let seconds =
      days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
    // Python's datetime range, which feedparser's results live in.
    let lowest = DateTime.daysFromCivil(year: 1, month: 1, day: 1) * 86_400
    let highest = DateTime.daysFromCivil(year: 10000, month: 1, day: 1) * 86_400
    guard seconds >= lowest, seconds < highest else { return nil }
    return DateTime(secondsSinceEpoch: seconds)
  }
}

// MARK: - Pieces both grammars share

extension ByteScanner {
  /// `h[h][:mm[:ss[.fff]]]`: hour alone only when `hourAlone`; the fraction is dropped.
  mutating func readClock(into fields: inout DateFields, hourAlone: Bool) -> Bool {
    guard let hour = digits(minimum: 1, maximum: 2) else { return false }
    fields.hour = hour.value
    guard consume(UInt8(ascii: ":")) else { return hourAlone }
    guard let minute = digits(minimum: 1, maximum: 2) else { return false }
    fields.minute = minute.value
    if consume(UInt8(ascii: ":")) {
      guard let second = digits(minimum: 1, maximum: 2) else { return false }
      fields.second = second.value
      skipFraction()
    }
    return true
  }

  mutating func skipFraction() {
    if let b = peek, b == UInt8(ascii: ".") || b == UInt8(ascii: ","), let next = peek(ahead: 1),
      isDigit(next)
    {
      position += 1
      while let d = peek, isDigit(d) { position += 1 }
    }
  }

  /// `±hh`, `±hhmm`, `±hh:mm` (also `±h:mm`), as minutes east of UTC.
  mutating func readNumericOffset() -> Int? {
    guard let sign = peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
      return nil
    }
    position += 1
    let hours: Int
    var minutes = 0
    let run = digitRunLength()
    if run == 4 {
      guard let hh = digits(exactly: 2), let mm = digits(exactly: 2) else { return nil }
      hours = hh
      minutes = mm
    } else if run == 1 || run == 2 {
      guard let hh = digits(minimum: 1, maximum: 2) else { return nil }
      hours = hh.value
      if consume(UInt8(ascii: ":")) {
        guard let mm = digits(minimum: 2, maximum: 2) else { return nil }
        minutes = mm.value
      }
    } else {
      return nil
    }
    guard hours <= 23, minutes <= 59 else { return nil }
    let total = hours * 60 + minutes
    return sign == UInt8(ascii: "-") ? -total : total
  }

  /// A zone name, `GMT±…`/`UTC±…`, or a numeric offset. `unknownIsUTC`: an unknown
  /// alphabetic name reads as UTC (feedparser's RFC 822 rule).
  mutating func readZone(unknownIsUTC: Bool) -> Int? {
    guard let b = peek else { return nil }
    if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { return readNumericOffset() }
    let name = word(allowingSlash: true)
    guard !name.isEmpty else { return nil }
    if let next = peek, next == UInt8(ascii: "+") || next == UInt8(ascii: "-") {
      // GMT+01:00, UTC-5, Etc/GMT-01:01: the offset as written, as feedparser reads it.
      guard zoneOffset(named: name) == 0, let offset = readNumericOffset() else { return nil }
      return offset
    }
    if let offset = zoneOffset(named: name) { return offset }
    return unknownIsUTC ? 0 : nil
  }

  /// Skips a trailing RFC 822 comment such as `(PST)`.
  mutating func skipComment() {
    guard consume(UInt8(ascii: "(")) else { return }
    while let b = peek, b != UInt8(ascii: ")") { position += 1 }
    _ = consume(UInt8(ascii: ")"))
  }
}
