/// A problem met while decoding or parsing markup. Collected, never thrown.
public struct XMLIssue: Sendable, Hashable {
  /// Stable kebab-case code: `not-well-formed`, `undefined-entity`, `undeclared-namespace`,
  /// `character-encoding-override`, `character-encoding-unknown`, `non-xml-content-type`, …
  public var code: String
  public var message: String
  /// 1-based line in the decoded input, when known.
  public var line: Int?

  public init(code: String, message: String, line: Int? = nil) {
    self.code = code
    self.message = message
    self.line = line
  }
}

/// Bounds that keep hostile input inert: they cut work, never the well-formed common case.
public struct XMLLimits: Sendable {
  /// Attributes (namespace declarations included) kept per start tag; the rest are dropped.
  public var maximumAttributes: Int
  /// Bytes of one text run kept; the rest is dropped.
  public var maximumTextBytes: Int
  /// Bytes one internal DTD entity may expand to.
  public var maximumEntityBytes: Int
  /// Bytes all internal DTD entity references of a document may expand to together.
  public var maximumExpansionBytes: Int
  /// Issues kept per parse (the rest are counted in the last message).
  public var maximumIssues: Int

  public init(
    maximumAttributes: Int = 512, maximumTextBytes: Int = 32 << 20,
    maximumEntityBytes: Int = 64 << 10, maximumExpansionBytes: Int = 4 << 20,
    maximumIssues: Int = 64
  ) {
    self.maximumAttributes = maximumAttributes
    self.maximumTextBytes = maximumTextBytes
    self.maximumEntityBytes = maximumEntityBytes
    self.maximumExpansionBytes = maximumExpansionBytes
    self.maximumIssues = maximumIssues
  }

  public static let `default` = XMLLimits()
}

/// Collects issues up to a bound.
struct IssueLog {
  var issues: [XMLIssue] = []
  var dropped = 0
  let limit: Int

  init(limit: Int) { self.limit = limit }

  mutating func add(_ code: String, _ message: @autoclosure () -> String, line: Int?) {
    if issues.count < limit {
      issues.append(XMLIssue(code: code, message: message(), line: line))
    } else {
      dropped += 1
    }
  }
}
