import FeedloomModel

/// The one entry point for turning input bytes into a normalised `Document`.
public enum DocumentReader {
  /// Reads `input` as `kind` (or detects the kind when `.auto`).
  public static func read(_ input: Input, kind: InputKind = .auto) throws(ReadError) -> Document {
    switch kind {
    case .text:
      return try TextArticleReader.read(input.whole())
    case .auto where isTextFileName(input.name):
      return try TextArticleReader.read(input.whole())
    default:
      return try FeedReader.read(input, kind: kind)
    }
  }

  /// Reads `input` without keeping its entries: `begin` gets the encoding before the first
  /// entry, `entry` each entry as soon as it is complete (feeds are read in one streaming
  /// pass, from a chunked `Input(path:)` chunk by chunk, so memory stays flat whatever their
  /// size). Returns the document without entries;
  /// `Document.writeOpening`/`writeClosing` write the same JSON as `read` would.
  public static func stream(
    _ input: Input, kind: InputKind = .auto, begin: (String) -> Void, entry: (Entry) -> Void
  ) throws(ReadError) -> Document {
    switch kind {
    case .text:
      return try FeedReader.stream(input, kind: .text, begin: begin, entry: { entry($0) })
    case .auto where isTextFileName(input.name):
      return try FeedReader.stream(input, kind: .text, begin: begin, entry: { entry($0) })
    default:
      return try FeedReader.stream(input, kind: kind, begin: begin, entry: { entry($0) })
    }
  }

  static func isTextFileName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower.hasSuffix(".txt") || lower.hasSuffix(".text")
  }
}
