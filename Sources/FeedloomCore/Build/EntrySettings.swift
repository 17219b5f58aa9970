import FeedloomModel
import FeedloomParse

/// Applies a source's per-source settings to its entries: defaults fill only what the entry
/// itself leaves open.
struct EntrySettings {
  let source: Config.SourceSettings

  func apply(to entry: inout Entry, feed: Feed, shiftingDates: Bool = true) {
    if entry.language == nil { entry.language = source.language ?? feed.language }
    if entry.publisher == nil, let publisher = source.publisher { entry.publisher = Person(name: publisher) }
    if shiftingDates, let zone = source.timeZone {
      entry.published = EntrySettings.shift(entry.published, to: zone)
      entry.updated = EntrySettings.shift(entry.updated, to: zone)
      entry.created = EntrySettings.shift(entry.created, to: zone)
      entry.expires = EntrySettings.shift(entry.expires, to: zone)
    }
  }

  /// The readers read a date without a zone as UTC; with a configured zone it is local time
  /// there instead. Dates whose text names a zone, or whose text is unknown, are kept.
  static func shift(_ stamp: Stamp?, to zone: SourceTimeZone) -> Stamp? {
    guard var stamp, let date = stamp.date, let text = stamp.text, !namesZone(text) else { return stamp }
    let offset = zone.offset(at: date)
    stamp.date = DateTime(secondsSinceEpoch: date.secondsSinceEpoch - Int64(offset))
    return stamp
  }

  /// Whether the text article at `path` has a `NAME.meta.json` sidecar that sets `timezone`.
  static func sidecarSetsZone(_ path: String) -> Bool {
    guard let sidecar = TextArticleReader.sidecarPath(for: path), let bytes = try? Input.read(path: sidecar),
      case let .object(members)? = (try? ConfigJSONParser.parse(bytes))?.value
    else { return false }
    return members.contains { $0.key == "timezone" }
  }

  /// Whether a date as written ends in a zone: `Z`, `+01:00`, `-0500`, or a zone name (`GMT`).
  static func namesZone(_ text: String) -> Bool {
    let bytes = Array(text.utf8.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
    guard let last = bytes.last else { return false }
    func digit(_ index: Int) -> Bool { index >= 0 && bytes[index] >= 0x30 && bytes[index] <= 0x39 }
    func sign(_ index: Int) -> Bool { index >= 0 && (bytes[index] == 0x2B || bytes[index] == 0x2D) }
    let n = bytes.count
    if (last == UInt8(ascii: "Z") || last == UInt8(ascii: "z")) && digit(n - 2) { return true }
    let hasTime = bytes.contains(UInt8(ascii: ":"))
    // ±hh:mm
    if n >= 6, sign(n - 6), digit(n - 5), digit(n - 4), bytes[n - 3] == UInt8(ascii: ":"), digit(n - 2),
      digit(n - 1), hasTime
    {
      return true
    }
    // ±hhmm (RFC 822) and ±hh after a time
    if n >= 5, sign(n - 5), digit(n - 4), digit(n - 3), digit(n - 2), digit(n - 1) { return true }
    if n >= 3, sign(n - 3), digit(n - 2), digit(n - 1), hasTime, n >= 4, digit(n - 4) { return true }
    // A trailing alphabetic token of one to five letters, other than AM/PM.
    var start = n
    while start > 0, isLetter(bytes[start - 1]) { start -= 1 }
    let letters = n - start
    guard (1...5).contains(letters), start == 0 || !isLetter(bytes[start - 1]) else { return false }
    let token = String(decoding: bytes[start...], as: UTF8.self).uppercased()
    return token != "AM" && token != "PM" && (start == 0 || bytes[start - 1] == 0x20 || digit(start - 1))
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }
}
