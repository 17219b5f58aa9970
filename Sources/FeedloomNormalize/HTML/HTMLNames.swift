// Element and attribute names the HTML code knows, looked up from source bytes without
// creating a String per tag: names are lower-cased into a 16-byte key.

/// Up to 16 lower-cased ASCII bytes of a name packed into two words; longer names (and
/// names holding NUL) have no key, and no known name is longer.
struct HTMLNameKey: Hashable, Sendable {
  var low: UInt64 = 0
  var high: UInt64 = 0

  init?<C: Collection>(lowercasing name: C) where C.Element == UInt8 {
    var index = 0
    for byte in name {
      if index == 16 || byte == 0 { return nil }
      let lower = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
      if index < 8 {
        low |= UInt64(lower) << (8 * UInt64(index))
      } else {
        high |= UInt64(lower) << (8 * UInt64(index - 8))
      }
      index += 1
    }
    if index == 0 { return nil }
  }

  /// The key of `bytes[start..<end]`: the tokenizer's hot path. Where 16 bytes can be read,
  /// two word loads lower-cased and masked to the name's length; else byte by byte.
  @inline(__always) init?(lowercasing bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
    let length = end - start
    guard length > 0, length <= 16 else { return nil }
    if start + 16 <= bytes.count {
      let lowMask: UInt64 = length >= 8 ? ~0 : (1 << UInt64(8 * length)) &- 1
      let highMask: UInt64 = length <= 8 ? 0 : length == 16 ? ~0 : (1 << UInt64(8 * (length - 8))) &- 1
      let low = HTMLWords.load(bytes, at: start) & lowMask
      let high = HTMLWords.load(bytes, at: start + 8) & highMask
      // A NUL inside the name: no key (bytes past the name read as 0xFF here).
      guard HTMLWords.zeroBytes(low | ~lowMask) | HTMLWords.zeroBytes(high | ~highMask) == 0 else { return nil }
      self.low = HTMLWords.lowercasedASCII(low)
      self.high = HTMLWords.lowercasedASCII(high)
      return
    }
    var words: (UInt64, UInt64) = (0, 0)
    for i in 0..<length {
      var byte = bytes[start + i]
      if byte == 0 { return nil }
      if byte &- 0x41 < 26 { byte |= 0x20 }
      if i < 8 {
        words.0 |= UInt64(byte) << (8 * UInt64(i))
      } else {
        words.1 |= UInt64(byte) << (8 * UInt64(i - 8))
      }
    }
    low = words.0
    high = words.1
  }

  /// The name's byte at `index` (0 past its end).
  @inline(__always) func byte(at index: Int) -> UInt8 {
    index < 8
      ? UInt8(truncatingIfNeeded: low >> (8 * UInt64(index)))
      : UInt8(truncatingIfNeeded: high >> (8 * UInt64(index - 8)))
  }

  var count: Int {
    let highBytes = high == 0 ? 0 : 8 - high.leadingZeroBitCount / 8
    return highBytes > 0 ? 8 + highBytes : 8 - low.leadingZeroBitCount / 8
  }

  @inline(__always) var tableHash: UInt64 {
    (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
  }
}

/// A fixed open-addressing table from names to values, hashed without SipHash: lookups are
/// on every tag and attribute. The slots live in memory the table never frees (its tables
/// are program-wide constants), so a lookup does no reference counting or bounds checks.
struct HTMLNameTable<Value: Sendable & BitwiseCopyable>: @unchecked Sendable {
  private let keys: UnsafeMutablePointer<HTMLNameKey>
  private let values: UnsafeMutablePointer<Value?>
  private let mask: Int

  init(_ entries: [(HTMLNameKey, Value)]) {
    var size = 64
    while size < entries.count * 4 { size *= 2 }
    mask = size - 1
    let keys = UnsafeMutablePointer<HTMLNameKey>.allocate(capacity: size)
    keys.initialize(repeating: HTMLNameKey.empty, count: size)
    let values = UnsafeMutablePointer<Value?>.allocate(capacity: size)
    values.initialize(repeating: nil, count: size)
    for (key, value) in entries {
      var slot = Int(truncatingIfNeeded: key.tableHash >> 40) & mask
      while keys[slot] != HTMLNameKey.empty { slot = (slot + 1) & mask }
      keys[slot] = key
      values[slot] = value
    }
    self.keys = keys
    self.values = values
  }

  @inline(__always) func lookup(_ key: HTMLNameKey) -> Value? {
    var slot = Int(truncatingIfNeeded: key.tableHash >> 40) & mask
    while true {
      let candidate = keys[slot]
      if candidate == key { return values[slot] }
      if candidate.low == 0 { return nil }
      slot = (slot + 1) & mask
    }
  }
}

extension HTMLNameKey {
  fileprivate static let empty = HTMLNameKey()
  private init() {}
}

/// What the sanitiser, the plain-text extractor and the tokenizer need to know of an element.
struct HTMLElementFlags: OptionSet, Sendable {
  let rawValue: UInt32
  /// Kept by the sanitiser (feedparser's acceptable elements, less the mutation-XSS raw material).
  static let allowed = HTMLElementFlags(rawValue: 1 << 0)
  /// No end tag; written `<br />`.
  static let void = HTMLElementFlags(rawValue: 1 << 1)
  /// Its content is raw text up to the matching end tag (script, style, textarea, …).
  static let rawText = HTMLElementFlags(rawValue: 1 << 2)
  /// Its content is dropped with it (script, style, iframe, applet, …).
  static let dropsContent = HTMLElementFlags(rawValue: 1 << 3)
  /// Starts a new paragraph in plain text.
  static let block = HTMLElementFlags(rawValue: 1 << 4)
  /// Opening it closes an open `p` (HTML's implied end tag).
  static let closesParagraph = HTMLElementFlags(rawValue: 1 << 5)
  static let paragraph = HTMLElementFlags(rawValue: 1 << 6)
  static let listItem = HTMLElementFlags(rawValue: 1 << 7)
  static let definitionItem = HTMLElementFlags(rawValue: 1 << 8)
  static let option = HTMLElementFlags(rawValue: 1 << 9)
  static let tableCell = HTMLElementFlags(rawValue: 1 << 10)
  static let tableRow = HTMLElementFlags(rawValue: 1 << 11)
  /// A known HTML element for the looks-like-HTML test (feedparser's acceptable elements).
  static let knownHTML = HTMLElementFlags(rawValue: 1 << 12)
  /// Content suppressed until the matching end tag even though it is parsed (applet).
  static let suppressesContent = HTMLElementFlags(rawValue: 1 << 13)
  // Which URL attributes of this element are resolved (feedparser's relative-URI pairs).
  static let resolvesHref = HTMLElementFlags(rawValue: 1 << 16)
  static let resolvesSrc = HTMLElementFlags(rawValue: 1 << 17)
  static let resolvesCite = HTMLElementFlags(rawValue: 1 << 18)
  static let resolvesLongdesc = HTMLElementFlags(rawValue: 1 << 19)
  static let resolvesUsemap = HTMLElementFlags(rawValue: 1 << 20)
  static let resolvesPoster = HTMLElementFlags(rawValue: 1 << 21)
  /// Elements whose start closes an open `p` (computed once: OptionSet literals are not free).
  static let endsParagraph: HTMLElementFlags = [.closesParagraph, .listItem, .definitionItem, .tableRow]
  static let closesSameGroup: HTMLElementFlags = [.listItem, .definitionItem, .option, .tableCell, .tableRow]
}

/// A known element: its (lower-case) name and its flags.
struct HTMLElement: Equatable {
  let name: HTMLNameKey
  let flags: HTMLElementFlags

  @inline(__always) func has(_ flag: HTMLElementFlags) -> Bool { flags.rawValue & flag.rawValue != 0 }
}

enum HTMLElementTable {
  private static let allowedBlock: HTMLElementFlags = [.allowed, .knownHTML, .block, .closesParagraph]
  private static let allowedInline: HTMLElementFlags = [.allowed, .knownHTML]
  private static let allowedVoid: HTMLElementFlags = [.allowed, .knownHTML, .void]

  private static let entries: [(String, HTMLElementFlags)] = [
    // feedparser's acceptable elements
    ("a", allowedInline.union(.resolvesHref)), ("abbr", allowedInline), ("acronym", allowedInline),
    ("address", allowedBlock), ("area", allowedVoid.union(.resolvesHref)), ("article", allowedBlock),
    ("aside", allowedBlock), ("audio", allowedInline.union(.resolvesSrc)), ("b", allowedInline), ("big", allowedInline),
    ("blockquote", allowedBlock.union(.resolvesCite)), ("br", allowedVoid.union(.block)), ("button", allowedInline),
    ("canvas", allowedInline), ("caption", allowedInline.union(.block)),
    ("center", allowedBlock), ("cite", allowedInline), ("code", allowedInline),
    ("col", allowedVoid), ("colgroup", allowedInline), ("command", allowedVoid),
    ("datagrid", allowedInline), ("datalist", allowedInline),
    ("dd", allowedInline.union([.block, .definitionItem])), ("del", allowedInline.union(.resolvesCite)),
    ("details", allowedBlock), ("dfn", allowedInline), ("dialog", allowedBlock),
    ("dir", allowedBlock), ("div", allowedBlock), ("dl", allowedBlock),
    ("dt", allowedInline.union([.block, .definitionItem])), ("em", allowedInline),
    ("event-source", allowedInline), ("fieldset", allowedBlock),
    ("figcaption", allowedBlock), ("figure", allowedBlock), ("font", allowedInline),
    ("footer", allowedBlock), ("h1", allowedBlock), ("h2", allowedBlock), ("h3", allowedBlock),
    ("h4", allowedBlock), ("h5", allowedBlock), ("h6", allowedBlock), ("header", allowedBlock),
    ("hr", allowedVoid.union([.block, .closesParagraph])), ("i", allowedInline),
    ("img", allowedVoid.union([.resolvesSrc, .resolvesLongdesc, .resolvesUsemap])), ("input", allowedVoid.union([.resolvesSrc, .resolvesUsemap])), ("ins", allowedInline.union(.resolvesCite)), ("kbd", allowedInline),
    ("keygen", allowedVoid), ("label", allowedInline), ("legend", allowedInline.union(.block)),
    ("li", allowedInline.union([.block, .listItem])), ("m", allowedInline),
    ("map", allowedInline), ("menu", allowedBlock), ("meter", allowedInline),
    ("multicol", allowedInline), ("nav", allowedBlock), ("nextid", allowedInline),
    ("ol", allowedBlock), ("optgroup", allowedInline), ("option", allowedInline.union(.option)),
    ("output", allowedInline), ("p", allowedBlock.union(.paragraph)), ("pre", allowedBlock),
    ("progress", allowedInline), ("q", allowedInline.union(.resolvesCite)), ("s", allowedInline),
    ("samp", allowedInline), ("section", allowedBlock), ("select", allowedInline),
    ("small", allowedInline), ("sound", allowedInline), ("source", allowedVoid.union(.resolvesSrc)),
    ("spacer", allowedInline), ("span", allowedInline), ("strike", allowedInline),
    ("strong", allowedInline), ("sub", allowedInline), ("sup", allowedInline),
    ("table", allowedBlock), ("tbody", allowedInline), ("td", allowedInline.union(.tableCell)),
    ("tfoot", allowedInline), ("th", allowedInline.union(.tableCell)), ("thead", allowedInline),
    ("time", allowedInline), ("tr", allowedInline.union([.block, .tableRow])),
    ("tt", allowedInline), ("u", allowedInline), ("ul", allowedBlock), ("var", allowedInline),
    ("video", allowedInline.union([.resolvesSrc, .resolvesPoster])),
    // feedparser accepts these too, but they are the raw material of mutation XSS (a form
    // hijacks submissions; noscript and textarea content is raw text to a browser): the
    // element is dropped, its content kept.
    ("form", [.knownHTML, .block]), ("noscript", [.knownHTML]),
    ("textarea", [.knownHTML, .rawText]),
    // Raw-text elements: content dropped with them, or kept as text (title, xmp). iframe,
    // noembed and noframes are raw text to a browser too, but feedparser keeps their
    // content: it is read as markup and sanitised like the rest, which is safe.
    ("script", [.rawText, .dropsContent]), ("style", [.rawText, .dropsContent]),
    ("xmp", [.rawText, .block]), ("title", [.rawText]),
    ("plaintext", [.rawText]),
    ("applet", [.suppressesContent]), ("iframe", []), ("noembed", []), ("noframes", []),
    // Known but never kept; named for plain text's paragraph breaks.
    ("html", []), ("head", []), ("body", [.block]), ("main", [.block]), ("summary", [.block]),
    ("svg", []), ("math", []), ("object", []), ("embed", [.void]), ("param", [.void]),
    ("frame", [.void]), ("frameset", []), ("meta", [.void]), ("link", [.void]),
    ("base", [.void]), ("basefont", [.void]), ("isindex", [.void]), ("track", [.void]),
    ("wbr", [.void]), ("template", []),
  ]

  private static let byKey = HTMLNameTable<HTMLElementFlags>(
    entries.map { (HTMLNameKey(lowercasing: $0.0.utf8)!, $0.1) })

  @inline(__always) static func element(_ key: HTMLNameKey?) -> HTMLElement? {
    guard let key, let flags = byKey.lookup(key) else { return nil }
    return HTMLElement(name: key, flags: flags)
  }
}

/// What the sanitiser does with an attribute's value.
enum HTMLAttributeKind: UInt8, Sendable {
  case plain
  /// A URL (or URLs): checked for a safe scheme, resolved where feedparser resolves it.
  case url
  /// CSS: filtered declaration by declaration.
  case style
}

struct HTMLAttribute: Sendable {
  let name: HTMLNameKey
  /// Position in name order, for sorting attributes without comparing bytes.
  let rank: UInt16
  let kind: HTMLAttributeKind
  /// The element flag saying this URL attribute is resolved on that element.
  let resolvedBy: HTMLElementFlags
}

enum HTMLAttributeTable {
  /// feedparser's acceptable attributes (event handlers are never in it).
  private static let plainNames: [String] = [
    "abbr", "accept", "accept-charset", "accesskey", "align", "alt", "autocomplete",
    "autofocus", "axis", "balance", "bgcolor", "bgproperties", "border", "bordercolor",
    "bordercolordark", "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch",
    "challenge", "char", "charoff", "charset", "checked", "choff", "class", "clear", "color",
    "cols", "colspan", "compact", "contenteditable", "controls", "coords", "datafld",
    "datapagesize", "datetime", "default", "delay", "dir", "disabled", "draggable", "enctype",
    "end", "face", "for", "form", "frame", "galleryimg", "gutter", "headers", "height", "hidden",
    "hidefocus", "high", "hreflang", "hspace", "id", "inputmode", "ismap", "keytype", "label",
    "lang", "leftspacing", "list", "loop", "loopcount", "loopend", "loopstart", "low", "max",
    "maxlength", "media", "method", "min", "multiple", "name", "nohref", "noshade", "nowrap",
    "open", "optimum", "pattern", "pqg", "preload", "prompt", "radiogroup", "readonly", "rel",
    "repeat-max", "repeat-min", "replace", "required", "rev", "rightspacing", "rows", "rowspan",
    "rules", "scope", "selected", "shape", "size", "span", "start", "step", "summary",
    "suppress", "tabindex", "target", "template", "title", "toppadding", "type", "unselectable",
    "urn", "valign", "value", "variable", "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
  ]
  /// The acceptable attributes that hold URLs.
  private static let urlNames: [String] = [
    "action", "background", "cite", "data", "datasrc", "dynsrc", "href", "icon", "longdesc",
    "lowsrc", "ping", "poster", "src", "usemap",
  ]

  private static let sorted: [(String, HTMLAttributeKind)] =
    (plainNames.map { ($0, HTMLAttributeKind.plain) } + urlNames.map { ($0, .url) }
      + [("style", .style)]).sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }

  private static let resolvingElements: [String: HTMLElementFlags] = [
    "href": .resolvesHref, "src": .resolvesSrc, "cite": .resolvesCite, "longdesc": .resolvesLongdesc,
    "usemap": .resolvesUsemap, "poster": .resolvesPoster,
  ]

  private static let byKey = HTMLNameTable<HTMLAttribute>(
    sorted.enumerated().map { rank, entry in
      let key = HTMLNameKey(lowercasing: entry.0.utf8)!
      let attribute = HTMLAttribute(
        name: key, rank: UInt16(rank), kind: entry.1, resolvedBy: resolvingElements[entry.0] ?? [])
      return (key, attribute)
    })

  @inline(__always) static func attribute(_ key: HTMLNameKey?) -> HTMLAttribute? {
    guard let key else { return nil }
    return byKey.lookup(key)
  }
}
