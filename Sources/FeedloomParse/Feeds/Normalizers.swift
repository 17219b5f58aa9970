import FeedloomModel
import FeedloomNormalize

/// The normalisers every reader calls, in one place (they live in FeedloomNormalize).
enum Normalize {
  static func date(_ text: String) -> DateTime? { DateReader.parse(text) }

  static func person(_ text: String) -> Person { PersonReader.parse(text) }

  /// An absolute URL, or nil for one that must not be kept (`javascript:` and friends).
  static func url(_ reference: String, base: String?) -> String? {
    URLResolver.resolve(reference, against: base)
  }

  static func sanitize(_ html: String, base: String?) -> String {
    HTMLSanitizer.sanitize(html, baseURL: base)
  }

  static func looksLikeHTML(_ text: String) -> Bool { HTMLSanitizer.looksLikeHTML(text) }

  static func plainText(fromHTML html: String) -> String { HTMLText.plainText(fromHTML: html) }
}
