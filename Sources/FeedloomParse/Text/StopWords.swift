// Data only: the commonest function words of the languages copied pages come in. A line of
// running prose has many of them; menus, names and headlines few.

enum StopWords {
  static let words: [String] = [
    // English
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "not", "no", "it", "its", "it's", "this", "that", "these", "those", "he", "she", "they",
    "we", "you", "i", "his", "her", "their", "our", "your", "my", "him", "them", "us", "me", "who",
    "which", "what", "when", "where", "why", "how", "if", "than", "then", "so", "there", "here",
    "about", "after", "before", "into", "over", "under", "also", "would", "could", "should", "will",
    "can", "may", "might", "must", "said", "says", "more", "most", "some", "any", "all", "one",
    "up", "out", "just", "only", "very", "such", "while", "because", "between", "during",
    // German
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und",
    "oder", "aber", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "hat", "haben",
    "nicht", "mit", "von", "zu", "zum", "zur", "auf", "für", "bei", "nach", "aus", "im", "am",
    "auch", "sich", "es", "er", "sie", "wir", "ich", "dass", "wie", "als", "noch", "nur", "so",
    "an", "um", "über", "vor", "kann", "man", "mehr", "schon", "wenn", "sein", "seine", "ihre",
    // French
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "mais", "est", "sont", "été",
    "à", "au", "aux", "en", "dans", "pour", "par", "sur", "avec", "ne", "pas", "plus", "que", "qui",
    "il", "elle", "ils", "nous", "vous", "ce", "cette", "ses", "son", "sa", "leur", "a", "ont",
    // Spanish and Portuguese
    "el", "los", "las", "y", "o", "es", "son", "fue", "del", "al", "en", "por", "para", "con",
    "que", "se", "su", "sus", "lo", "como", "más", "pero", "una", "uno", "este", "esta", "o", "os",
    "as", "e", "é", "do", "da", "dos", "das", "no", "na", "nos", "nas", "um", "uma", "em", "com",
    "não", "mais", "foi", "ao", "à", "seu", "sua", "ser", "está",
    // Italian
    "il", "lo", "gli", "di", "che", "è", "non", "per", "con", "una", "della", "delle", "dei", "nel",
    "nella", "alla", "sono", "anche", "come", "ha", "si", "ma", "più", "questo", "questa",
    // Dutch
    "het", "een", "en", "van", "op", "te", "voor", "met", "zijn", "niet", "dat", "ook", "wordt",
    // Russian
    "и", "в", "не", "на", "что", "с", "по", "как", "это", "из", "к", "а", "но", "о", "за", "от",
    "у", "же", "для", "он", "она", "они", "его", "ее", "так", "был", "была", "были", "бы", "то",
  ]

  static let offset: UInt64 = 14_695_981_039_346_656_037

  /// FNV-1a over the lower-cased scalars of a word, so membership needs no String per word.
  @inline(__always)
  static func step(_ hash: UInt64, _ scalar: Unicode.Scalar) -> UInt64 {
    var v = scalar.value
    if (v >= 0x41 && v <= 0x5A) || (v >= 0xC0 && v <= 0xDE && v != 0xD7) || (v >= 0x410 && v <= 0x42F) {
      v += 0x20
    } else if v >= 0x400 && v <= 0x40F {
      v += 0x50
    } else if v == 0x2019 {
      v = 0x27
    }
    var h = hash
    var x = v
    repeat {
      h ^= UInt64(x & 0xFF)
      h = h &* 1_099_511_628_211
      x >>= 8
    } while x != 0
    return h
  }

  static func hash(_ word: String) -> UInt64 {
    var h = offset
    for s in word.unicodeScalars { h = step(h, s) }
    return h
  }

  static let hashes: Set<UInt64> = Set(words.map(hash))
}
