import FeedloomModel

/// What near-duplicate detection compares: an entry's title and body as lower-case words,
/// their 3-word shingles, and a MinHash signature of those for candidate search.
struct TextFingerprint {
  static let shingleWidth = 3
  static let signatureLength = 64
  static let bands = 16
  static var rowsPerBand: Int { signatureLength / bands }

  /// How many words the title and body hold.
  var wordCount = 0
  /// Hash of the whole word sequence: equal texts, equal hashes.
  var sequenceHash: UInt64 = 0
  /// Sorted, distinct shingle hashes.
  var shingles: [UInt64] = []
  /// MinHash signature; empty when there are no shingles.
  var signature: [UInt64] = []
  /// Sorted, distinct title words; nil when there is no title.
  var titleWords: [UInt64]?
  /// The title's words holding a digit (versions, dates, episode numbers), sorted.
  var titleNumbers: [UInt64] = []

  init(entry: Entry) {
    var words: [UInt64] = []
    if let title = entry.title {
      var numeric: [Bool] = []
      TextFingerprint.appendWords(
        of: title.value, markup: title.type != .text, to: &words, numeric: &numeric)
      titleWords = Array(Set(words)).sorted()
      titleNumbers = zip(words, numeric).filter(\.1).map(\.0).sorted()
    }
    if let text = entry.text {
      TextFingerprint.appendWords(of: text, markup: false, to: &words)
    } else if let body = entry.content.first(where: { $0.asText != nil }) {
      TextFingerprint.appendWords(of: body.value, markup: body.type != "text", to: &words)
    } else if let summary = entry.summary {
      TextFingerprint.appendWords(of: summary.value, markup: summary.type != .text, to: &words)
    }
    wordCount = words.count
    var sequence = FNV1a()
    for w in words { sequence.add(w) }
    sequenceHash = sequence.value
    guard words.count >= TextFingerprint.shingleWidth else { return }
    var set = [UInt64]()
    set.reserveCapacity(words.count)
    for i in 0...(words.count - TextFingerprint.shingleWidth) {
      var h = FNV1a()
      for w in words[i..<(i + TextFingerprint.shingleWidth)] { h.add(w) }
      set.append(h.value)
    }
    set.sort()
    shingles = []
    shingles.reserveCapacity(set.count)
    for s in set where shingles.last != s { shingles.append(s) }
    // The i-th hash of a shingle is a + i·b (Kirsch–Mitzenmacher double hashing): 64 hash
    // functions for the price of two.
    var lowest = [UInt64](repeating: .max, count: TextFingerprint.signatureLength)
    lowest.withUnsafeMutableBufferPointer { out in
      for s in shingles {
        let a = mix64(s)
        let b = mix64(a) | 1
        var v = a
        for i in 0..<out.count {
          if v < out[i] { out[i] = v }
          v = v &+ b
        }
      }
    }
    signature = lowest
  }

  /// Bucket keys for locality-sensitive hashing: texts sharing one are candidates.
  var bandKeys: [UInt64] {
    guard !signature.isEmpty else { return [] }
    return (0..<TextFingerprint.bands).map { band in
      var h = FNV1a()
      h.add(UInt64(band))
      for v in signature[(band * TextFingerprint.rowsPerBand)..<((band + 1) * TextFingerprint.rowsPerBand)] {
        h.add(v)
      }
      return h.value
    }
  }

  /// Whether two titles can name one story: no title on either side, or equal numbers
  /// (`alpha1` ≠ `alpha2`, `[05.08.2018]` ≠ `[06.08.2018]`) and at least
  /// `minimumOverlap` Jaccard similarity of their word sets. Feeds repeat a boilerplate body
  /// under distinct titles (episodes, releases, alerts); the title tells those apart.
  func titleAgrees(with other: TextFingerprint, minimumOverlap: Double) -> Bool {
    guard let mine = titleWords, let theirs = other.titleWords, !mine.isEmpty, !theirs.isEmpty
    else { return true }
    guard titleNumbers == other.titleNumbers else { return false }
    let common = TextFingerprint.commonCount(mine, theirs)
    return Double(common) / Double(mine.count + theirs.count - common) >= minimumOverlap
  }

  /// Exact Jaccard similarity of the shingle sets.
  func similarity(to other: TextFingerprint) -> Double {
    guard !shingles.isEmpty, !other.shingles.isEmpty else { return 0 }
    let common = TextFingerprint.commonCount(shingles, other.shingles)
    return Double(common) / Double(shingles.count + other.shingles.count - common)
  }

  /// How many values two sorted, distinct arrays share, in one merge.
  static func commonCount(_ x: [UInt64], _ y: [UInt64]) -> Int {
    var i = 0
    var j = 0
    var common = 0
    while i < x.count, j < y.count {
      if x[i] == y[j] {
        common += 1
        i += 1
        j += 1
      } else if x[i] < y[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return common
  }

  /// Appends one hash per word: letters and digits lower-cased; each Han or kana character is
  /// a word of its own (those scripts do not separate words). With `markup`, tags and
  /// character references are skipped.
  static func appendWords(of text: String, markup: Bool, to words: inout [UInt64]) {
    var ignored: [Bool] = []
    appendWords(of: text, markup: markup, to: &words, numeric: &ignored)
  }

  /// As above, also noting for each word whether it holds a digit.
  static func appendWords(
    of text: String, markup: Bool, to words: inout [UInt64], numeric: inout [Bool]
  ) {
    var hasDigit = false
    var current = FNV1a()
    var inWord = false
    var inTag = false
    var inReference = false
    func finish() {
      if inWord {
        words.append(current.value)
        numeric.append(hasDigit)
      }
      hasDigit = false
      current = FNV1a()
      inWord = false
    }
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if markup {
        if inTag {
          if v == 0x3E { inTag = false }
          continue
        }
        if inReference {
          if v == 0x3B { inReference = false; continue }
          if (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) || v == 0x23 { continue }
          inReference = false
        }
        if v == 0x3C { finish(); inTag = true; continue }
        if v == 0x26 { finish(); inReference = true; continue }
      }
      if v < 0x80 {
        let b = UInt8(v)
        if isDigit(b) || isLetter(b) {
          if isDigit(b) { hasDigit = true }
          current.add(isLetter(b) ? b | 0x20 : b)
          inWord = true
        } else {
          finish()
        }
        continue
      }
      let p = scalar.properties
      if isIdeographic(v) {
        finish()
        current.add(String(scalar).utf8)
        inWord = true
        finish()
      } else if p.isAlphabetic || p.numericType != nil {
        if p.changesWhenLowercased {
          current.add(p.lowercaseMapping.utf8)
        } else {
          current.add(String(scalar).utf8)
        }
        inWord = true
      } else {
        finish()
      }
    }
    finish()
  }

  private static func isIdeographic(_ v: UInt32) -> Bool {
    (v >= 0x3040 && v <= 0x30FF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF)
      || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FA1F)
  }
}
