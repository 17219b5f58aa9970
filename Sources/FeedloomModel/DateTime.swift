/// A point in time, UTC, to the second.
///
/// Stored as seconds since 1970-01-01T00:00:00Z in an `Int64` so that the far past feeds
/// sometimes carry (year 0099) and the far future both fit, with no Foundation formatter
/// in the hot path. Civil-date conversion follows Howard Hinnant's `days_from_civil`.
public struct DateTime: Sendable, Hashable, Comparable, Codable {
  public var secondsSinceEpoch: Int64

  public init(secondsSinceEpoch: Int64) {
    self.secondsSinceEpoch = secondsSinceEpoch
  }

  /// Builds a time from civil fields given in a zone `offsetSeconds` east of UTC.
  /// Fields out of range are not rejected here; callers validate what they read.
  public init(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
    offsetSeconds: Int = 0
  ) {
    let days = DateTime.daysFromCivil(year: year, month: month, day: day)
    let local = days * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
    secondsSinceEpoch = local - Int64(offsetSeconds)
  }

  public static func < (lhs: DateTime, rhs: DateTime) -> Bool {
    lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
  }

  /// Civil fields in UTC.
  public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    let days = floorDiv(secondsSinceEpoch, 86_400)
    let secs = Int(secondsSinceEpoch - days * 86_400)
    let (y, m, d) = DateTime.civilFromDays(days)
    return (y, m, d, secs / 3600, (secs / 60) % 60, secs % 60)
  }

  /// Days since 1970-01-01 of the UTC calendar day.
  public var dayNumber: Int64 { floorDiv(secondsSinceEpoch, 86_400) }

  /// ISO weekday of the UTC day: 1 = Monday … 7 = Sunday.
  public var weekday: Int {
    let w = Int((dayNumber % 7 + 7 + 3) % 7)  // 1970-01-01 was a Thursday
    return w + 1
  }

  /// `2022-02-11T22:00:00Z`.
  public var rfc3339: String {
    var out = [UInt8]()
    out.reserveCapacity(20)
    appendRFC3339(to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `rfc3339`'s bytes, appended (the JSON writer puts them straight into its buffer).
  func appendRFC3339(to out: inout [UInt8]) {
    let c = components
    appendPadded(&out, c.year, width: 4)
    out.append(UInt8(ascii: "-"))
    appendPadded(&out, c.month, width: 2)
    out.append(UInt8(ascii: "-"))
    appendPadded(&out, c.day, width: 2)
    out.append(UInt8(ascii: "T"))
    appendPadded(&out, c.hour, width: 2)
    out.append(UInt8(ascii: ":"))
    appendPadded(&out, c.minute, width: 2)
    out.append(UInt8(ascii: ":"))
    appendPadded(&out, c.second, width: 2)
    out.append(UInt8(ascii: "Z"))
  }

  /// `2022-02-11` (the UTC day).
  public var isoDay: String { String(rfc3339.prefix(10)) }

  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = floorDiv(y, 400)
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  public static func civilFromDays(_ days: Int64) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = floorDiv(z, 146_097)
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return (Int(y), Int(m), Int(d))
  }

  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

@inline(__always)
private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// `value` in decimal, zero-padded to `width` digits (a minus sign before the zeros).
private func appendPadded(_ out: inout [UInt8], _ value: Int, width: Int) {
  let magnitude = value.magnitude
  var digitCount = 1
  var scale: UInt = 1
  while magnitude / scale >= 10 {
    scale *= 10
    digitCount += 1
  }
  if value < 0 { out.append(UInt8(ascii: "-")) }
  for _ in digitCount..<max(width, digitCount) { out.append(UInt8(ascii: "0")) }
  while scale > 0 {
    out.append(UInt8(ascii: "0") + UInt8(magnitude / scale % 10))
    scale /= 10
  }
}
