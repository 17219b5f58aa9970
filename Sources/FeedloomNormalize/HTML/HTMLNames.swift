// Element and attribute names the HTML code knows, looked up from source bytes without
// creating a String per tag: names are lower-cased into a 16-byte key.

/// Up to 16 lower-cased ASCII bytes of a name packed into two words; longer names (and
/// names holding NUL) have no key, and no known name is longer.
struct HTMLNameKey: Hashable {
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

  init?(lowercasing bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
    self.init(lowercasing: UnsafeBufferPointer(rebasing: bytes[start..<end]))
  }
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
}

/// A known element: its index in the name table and its flags.
struct HTMLElement: Equatable {
  let index: UInt16
  let flags: HTMLElementFlags

  func has(_ flag: HTMLElementFlags) -> Bool { !flags.isDisjoint(with: flag) }
  var name: [UInt8] { HTMLElementTable.names[Int(index)] }
}

enum HTMLElementTable {
  private static let allowedBlock: HTMLElementFlags = [.allowed, .knownHTML, .block, .closesParagraph]
  private static let allowedInline: HTMLElementFlags = [.allowed, .knownHTML]
  private static let allowedVoid: HTMLElementFlags = [.allowed, .knownHTML, .void]

  private static let entries: [(String, HTMLElementFlags)] = [
    // feedparser's acceptable elements
    ("a", allowedInline), ("abbr", allowedInline), ("acronym", allowedInline),
    ("address", allowedBlock), ("area", allowedVoid), ("article", allowedBlock),
    ("aside", allowedBlock), ("audio", allowedInline), ("b", allowedInline), ("big", allowedInline),
    ("blockquote", allowedBlock), ("br", allowedVoid.union(.block)), ("button", allowedInline),
    ("canvas", allowedInline), ("caption", allowedInline.union(.block)),
    ("center", allowedBlock), ("cite", allowedInline), ("code", allowedInline),
    ("col", allowedVoid), ("colgroup", allowedInline), ("command", allowedVoid),
    ("datagrid", allowedInline), ("datalist", allowedInline),
    ("dd", allowedInline.union([.block, .definitionItem])), ("del", allowedInline),
    ("details", allowedBlock), ("dfn", allowedInline), ("dialog", allowedBlock),
    ("dir", allowedBlock), ("div", allowedBlock), ("dl", allowedBlock),
    ("dt", allowedInline.union([.block, .definitionItem])), ("em", allowedInline),
    ("event-source", allowedInline), ("fieldset", allowedBlock),
    ("figcaption", allowedBlock), ("figure", allowedBlock), ("font", allowedInline),
    ("footer", allowedBlock), ("h1", allowedBlock), ("h2", allowedBlock), ("h3", allowedBlock),
    ("h4", allowedBlock), ("h5", allowedBlock), ("h6", allowedBlock), ("header", allowedBlock),
    ("hr", allowedVoid.union([.block, .closesParagraph])), ("i", allowedInline),
    ("img", allowedVoid), ("input", allowedVoid), ("ins", allowedInline), ("kbd", allowedInline),
    ("keygen", allowedVoid), ("label", allowedInline), ("legend", allowedInline.union(.block)),
    ("li", allowedInline.union([.block, .listItem])), ("m", allowedInline),
    ("map", allowedInline), ("menu", allowedBlock), ("meter", allowedInline),
    ("multicol", allowedInline), ("nav", allowedBlock), ("nextid", allowedInline),
    ("ol", allowedBlock), ("optgroup", allowedInline), ("option", allowedInline.union(.option)),
    ("output", allowedInline), ("p", allowedBlock.union(.paragraph)), ("pre", allowedBlock),
    ("progress", allowedInline), ("q", allowedInline), ("s", allowedInline),
    ("samp", allowedInline), ("section", allowedBlock), ("select", allowedInline),
    ("small", allowedInline), ("sound", allowedInline), ("source", allowedVoid),
    ("spacer", allowedInline), ("span", allowedInline), ("strike", allowedInline),
    ("strong", allowedInline), ("sub", allowedInline), ("sup", allowedInline),
    ("table", allowedBlock), ("tbody", allowedInline), ("td", allowedInline.union(.tableCell)),
    ("tfoot", allowedInline), ("th", allowedInline.union(.tableCell)), ("thead", allowedInline),
    ("time", allowedInline), ("tr", allowedInline.union([.block, .tableRow])),
    ("tt", allowedInline), ("u", allowedInline), ("ul", allowedBlock), ("var", allowedInline),
    ("video", allowedInline),
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

  static let names: [[UInt8]] = entries.map { Array($0.0.utf8) }

  private static let byKey: [HTMLNameKey: HTMLElement] = {
    var map: [HTMLNameKey: HTMLElement] = [:]
    for (index, (name, flags)) in entries.enumerated() {
      map[HTMLNameKey(lowercasing: name.utf8)!] = HTMLElement(index: UInt16(index), flags: flags)
    }
    return map
  }()

  static func element(_ key: HTMLNameKey?) -> HTMLElement? {
    guard let key else { return nil }
    return byKey[key]
  }
}

/// What the sanitiser does with an attribute's value.
enum HTMLAttributeKind: UInt8 {
  case plain
  /// A URL (or URLs): checked for a safe scheme, resolved where feedparser resolves it.
  case url
  /// CSS: filtered declaration by declaration.
  case style
}

struct HTMLAttribute {
  /// Position in name order, for sorting attributes without comparing bytes.
  let rank: UInt16
  let kind: HTMLAttributeKind
  var name: [UInt8] { HTMLAttributeTable.names[Int(rank)] }
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

  static let names: [[UInt8]] = sorted.map { Array($0.0.utf8) }

  private static let byKey: [HTMLNameKey: HTMLAttribute] = {
    var map: [HTMLNameKey: HTMLAttribute] = [:]
    for (rank, (name, kind)) in sorted.enumerated() {
      map[HTMLNameKey(lowercasing: name.utf8)!] = HTMLAttribute(rank: UInt16(rank), kind: kind)
    }
    return map
  }()

  static func attribute(_ key: HTMLNameKey?) -> HTMLAttribute? {
    guard let key else { return nil }
    return byKey[key]
  }
}
