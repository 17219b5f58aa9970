import FeedloomModel

/// The one entry point for turning input bytes into a normalised `Document`.
public enum DocumentReader {
  /// Reads `input` as `kind` (or detects the kind when `.auto`).
  public static func read(_ input: Input, kind: InputKind = .auto) throws(ReadError) -> Document {
    switch kind {
    case .text:
      return try TextArticleReader.read(input)
    case .auto where isTextFileName(input.name):
      return try TextArticleReader.read(input)
    default:
      return try FeedReader.read(input, kind: kind)
    }
  }

  static func isTextFileName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower.hasSuffix(".txt") || lower.hasSuffix(".text")
  }
}
