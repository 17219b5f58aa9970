import FeedloomModel

/// A column the CSV export can hold (config `csv.columns`); the raw value is the header name.
public enum CSVColumn: String, CaseIterable, Sendable, Hashable {
  /// `Entry.published`, else `updated`, else `created`, ISO 8601 in UTC.
  case published
  /// `Entry.updated`, ISO 8601 in UTC.
  case updated
  /// The configured source's name.
  case source
  /// Plain text of the title.
  case title
  /// Author names (email when there is no name), `; ` between them.
  case authors
  /// The entry's link.
  case link
  /// Plain text of the summary; without one, the start of the text (300 characters at most).
  case summary
  /// The whole plain text.
  case text
  /// Number of white-space separated words in the plain text.
  case words
  /// Category terms (labels where there is no term), `; ` between them.
  case categories
  /// The entry's language tag.
  case language
  /// Enclosure URLs, a space between them.
  case enclosures
  /// The publisher's name.
  case publisher
  /// The stable id the Atom feed uses too.
  case id

  /// The columns written when the config names none.
  public static let defaults: [CSVColumn] = [
    .published, .source, .title, .authors, .link, .summary, .words, .id,
  ]
}

/// Settings of the CSV export (config `csv`).
public struct CSVOptions: Sendable, Hashable {
  public var path: String
  public var columns: [CSVColumn]
  /// Start with a UTF-8 byte order mark, which Excel needs to read UTF-8.
  public var bom: Bool

  public init(path: String = "entries.csv", columns: [CSVColumn] = CSVColumn.defaults, bom: Bool = true) {
    self.path = path
    self.columns = columns
    self.bom = bom
  }
}

/// Writes items as RFC 4180 CSV that is safe to open in a spreadsheet.
///
/// A header row, then one record per item, newest first; CRLF line ends; every field quoted with
/// inner quotes doubled; plain text only; every cell neutralised against formula injection the
/// OWASP way (see `CSVCell`).
public struct CSVWriter: Sendable {
  public var options: CSVOptions

  public init(options: CSVOptions = CSVOptions()) {
    self.options = options
  }

  /// The CSV file, UTF-8.
  public func render(_ items: [Item]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(256 + items.count * 256)
    if options.bom { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    writeRecord(options.columns.map(\.rawValue), to: &out)
    for item in ItemOrder.newestFirst(items) {
      writeRecord(options.columns.map { value(of: $0, for: item) }, to: &out)
    }
    return out
  }

  private func writeRecord(_ fields: [String], to out: inout [UInt8]) {
    for (index, field) in fields.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      CSVCell.append(field, to: &out)
    }
    out.append(0x0D)
    out.append(0x0A)
  }

  /// The plain-text value of `column` for `item`.
  func value(of column: CSVColumn, for item: Item) -> String {
    let entry = item.entry
    switch column {
    case .published:
      return entry.effectiveDate.map(\.rfc3339) ?? ""
    case .updated:
      return entry.updated?.date.map(\.rfc3339) ?? ""
    case .source:
      return PlainText.singleLine(item.source.name)
    case .title:
      return entry.title.map(PlainText.of) ?? ""
    case .authors:
      return joined(entry.authors.map { PlainText.singleLine($0.name ?? $0.email ?? "") })
    case .link:
      return PlainText.singleLine(entry.link ?? "")
    case .summary:
      if let summary = entry.summary.map(PlainText.of), !summary.isEmpty { return summary }
      return PlainText.truncated(PlainText.singleLine(bodyText(entry)), maxLength: 300)
    case .text:
      return PlainText.singleLine(bodyText(entry))
    case .words:
      return String(CSVWriter.wordCount(bodyText(entry)))
    case .categories:
      return joined(entry.categories.map { PlainText.singleLine($0.term ?? $0.label ?? "") })
    case .language:
      return PlainText.singleLine(entry.language ?? "")
    case .enclosures:
      return entry.enclosures.map { PlainText.singleLine($0.href) }.filter { !$0.isEmpty }
        .joined(separator: " ")
    case .publisher:
      return PlainText.singleLine(entry.publisher?.name ?? entry.publisher?.email ?? "")
    case .id:
      return PlainText.singleLine(item.key)
    }
  }

  /// The entry's plain text, else the plain text of its summary.
  private func bodyText(_ entry: Entry) -> String {
    if let text = entry.text, !text.isEmpty { return text }
    return entry.summary.map(PlainText.of) ?? ""
  }

  private func joined(_ values: [String]) -> String {
    values.filter { !$0.isEmpty }.joined(separator: "; ")
  }

  /// Runs of characters that are not white space (Unicode spaces and line separators count).
  static func wordCount(_ text: String) -> Int {
    var count = 0
    var inWord = false
    for scalar in text.unicodeScalars {
      let v = scalar.value
      let isSpace = v == 0x20 || (v >= 0x09 && v <= 0x0D) || v == 0xA0 || v == 0x1680
        || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F
        || v == 0x3000
      if !isSpace && !inWord { count += 1 }
      inWord = !isSpace
    }
    return count
  }
}

/// One CSV field, written the OWASP way.
///
/// Control characters other than tab, LF and CR are dropped (NUL included: ASVS 1.2.10); a field
/// that then starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so that no spreadsheet
/// reads it as a formula; the field is wrapped in double quotes with inner quotes doubled
/// (RFC 4180 2.6, 2.7). Fields longer than a spreadsheet cell can hold (32,767 UTF-16 units)
/// are cut.
public enum CSVCell {
  public static let maximumLength = 32_767

  /// The neutralised, quoted field.
  public static func encode(_ value: String) -> String {
    var out = [UInt8]()
    append(value, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the neutralised, quoted field to `out`.
  public static func append(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var first = true
    var units = 0
    for scalar in value.unicodeScalars {
      let v = scalar.value
      if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || (v >= 0x80 && v <= 0x9F) {
        continue
      }
      if first {
        first = false
        if v == 0x3D || v == 0x2B || v == 0x2D || v == 0x40 || v == 0x09 || v == 0x0D {
          out.append(UInt8(ascii: "'"))
          units += 1
        }
      }
      units += v > 0xFFFF ? 2 : 1
      if units > maximumLength { break }
      if v == 0x22 { out.append(UInt8(ascii: "\"")) }
      UTF8.encode(scalar) { out.append($0) }
    }
    out.append(UInt8(ascii: "\""))
  }
}
