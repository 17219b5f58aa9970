extension TextArticleReader {
  /// Lines that recur across several texts of one source (menus, footers, newsletter pitches):
  /// each is boilerplate for that source. Pass the result as `TextArticleMetadata.boilerplate`.
  ///
  /// A line counts when it is at most 200 characters and occurs in at least `minimumTexts` of
  /// the texts and in at least half of them; article sentences of different stories do not
  /// repeat, so with three or more texts this catches furniture without touching bodies.
  public static func repeatedLines(in texts: [[UInt8]], minimumTexts: Int = 3) -> [String] {
    guard texts.count >= 2 else { return [] }
    var counts: [String: Int] = [:]
    for bytes in texts where !TextDecoder.looksBinary(bytes) {
      var seen: Set<String> = []
      for line in TextDecoder.decode(bytes).lines where line.features.length <= 200 {
        let key = LineClassifier.key(line.text)
        if !key.isEmpty && seen.insert(key).inserted { counts[key, default: 0] += 1 }
      }
    }
    let needed = max(min(minimumTexts, texts.count), (texts.count + 1) / 2)
    return counts.filter { $0.value >= needed }.map(\.key).sorted()
  }
}
