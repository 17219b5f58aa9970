import FeedloomModel
import FeedloomXML

/// RSS, Atom, RDF and JSON Feed documents (and the sniffing that sends other inputs on).
enum FeedReader {
  static func read(_ input: Input, kind: InputKind) throws(ReadError) -> Document {
    var entries: [Entry] = []
    var document = try stream(input, kind: kind, begin: { _ in }, entry: { entries.append($0) })
    document.entries = entries
    return document
  }

  /// Reads `input`, calling `begin` with the encoding before the first entry and `entry` with
  /// each entry as it completes. The document returned has no entries: they went to `entry`.
  /// Feeds in a chunked input are read chunk by chunk; other kinds read it whole first.
  static func stream(
    _ input: Input, kind: InputKind, begin: (String) -> Void, entry: (Entry) -> Void
  ) throws(ReadError) -> Document {
    switch kind {
    case .jsonfeed:
      return try finishEager(JSONFeedReader.read(input.whole()), begin: begin, entry: entry)
    case .html:
      return try finishEager(HTMLPageReader.read(input.whole()), begin: begin, entry: entry)
    case .text:
      return try finishEager(TextArticleReader.read(input.whole()), begin: begin, entry: entry)
    case .rss, .atom, .rdf:
      return try readXML(input, kind: kind, begin: begin, entry: entry)
    case .auto:
      break
    }
    switch Sniffer.kind(of: input.bytes) {
    case .empty:
      begin("utf-8")
      return Document(format: .rss, encoding: "utf-8", wellFormed: false,
        errors: [ParseIssue(code: "not-a-feed", message: "\(input.name): the input is empty")])
    case .binary(let why):
      throw .notADocument(path: input.name, reason: why)
    case .json:
      return try finishEager(JSONFeedReader.read(input.whole()), begin: begin, entry: entry)
    case .html:
      return try finishEager(HTMLPageReader.read(input.whole()), begin: begin, entry: entry)
    case .markup:
      return try readXML(input, kind: .auto, begin: begin, entry: entry)
    case .text:
      return try finishEager(TextArticleReader.read(input.whole()), begin: begin, entry: entry)
    }
  }

  private static func finishEager(
    _ document: Document, begin: (String) -> Void, entry: (Entry) -> Void
  ) -> Document {
    begin(document.encoding)
    for e in document.entries { entry(e) }
    var rest = document
    rest.entries = []
    return rest
  }

  static func readXML(
    _ input: Input, kind: InputKind, begin: (String) -> Void, entry: (Entry) -> Void
  ) throws(ReadError) -> Document {
    var encoding = ""
    var decodingIssues: [XMLIssue] = []
    var result: XMLParseResult?
    let builder = try withoutActuallyEscaping(entry) { entry throws(ReadError) in
      let builder = FeedBuilder(documentBase: input.baseURL, kind: kind, sink: entry)
      defer { builder.releaseSink() }
      if let file = input.file {
        (encoding, decodingIssues, result) = try parseChunked(
          file, head: input.bytes, contentType: input.contentType, builder: builder, begin: begin)
      } else {
        let decoded = XMLDecoder.decode(input.bytes, contentType: input.contentType)
        begin(decoded.encoding)
        encoding = decoded.encoding
        decodingIssues = decoded.issues
        result = XMLEventParser.parse(utf8: decoded.bytes, handler: builder)
      }
      builder.finishDocument()
      return builder
    }

    var errors = decodingIssues.map(ParseIssue.init)
    errors += result!.issues.map(ParseIssue.init)
    var wellFormed = errors.isEmpty
    errors += builder.issues
    var format = builder.format
    if format == nil {
      wellFormed = false
      let what = builder.rootName.map { "root element <\($0)> is not RSS, RDF or Atom" }
        ?? "no root element"
      errors.append(ParseIssue(code: "not-a-feed", message: "\(input.name): \(what)"))
      switch kind {
      case .atom: format = .atom10
      case .rdf: format = .rss10
      default: format = .rss
      }
    }
    return Document(
      format: format!, encoding: encoding, wellFormed: wellFormed, errors: errors,
      feed: builder.feed)
  }

  /// Reads a feed from `file` in two passes of chunks: the first for the facts its encoding
  /// depends on, the second to decode and parse. Memory stays flat whatever the file size;
  /// the result is that of the whole file read at once.
  private static func parseChunked(
    _ file: InputFile, head: [UInt8], contentType: String?, builder: FeedBuilder,
    begin: (String) -> Void
  ) throws(ReadError) -> (String, [XMLIssue], XMLParseResult) {
    var decoder = XMLStreamDecoder(head: head, contentType: contentType)
    if decoder.needsScan {
      try file.forEachChunk(from: decoder.bodyOffset) { chunk, isLast in
        decoder.scan(chunk, isLast: isLast)
        return true
      }
    }
    let encoding = decoder.decide()
    begin(encoding)
    let parser = XMLPushParser(handler: builder)
    var readFailure: XMLIssue?
    do {
      try file.forEachChunk(from: decoder.bodyOffset) { chunk, isLast in
        decoder.decode(chunk, isLast: isLast) { parser.feed($0) }
        return true
      }
    } catch {
      // Entries may be out already: end the document with what was read.
      readFailure = XMLIssue(code: "unreadable", message: error.description)
    }
    var issues = decoder.issues
    if let readFailure { issues.append(readFailure) }
    return (encoding, issues, parser.finish())
  }
}

extension ParseIssue {
  init(_ issue: XMLIssue) {
    self.init(code: issue.code, message: issue.message, line: issue.line)
  }
}

/// What the bytes of an input look like, for `--kind auto`.
enum Sniffer {
  enum Kind: Equatable {
    case empty, binary(String), json, html, markup, text
  }

  static func kind(of bytes: [UInt8]) -> Kind {
    if bytes.isEmpty { return .empty }
    if bytes.starts(with: [0x1F, 0x8B]) { return .binary("gzip-compressed data") }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .binary("zip archive") }
    if bytes.starts(with: [0x25, 0x50, 0x44, 0x46]) { return .binary("PDF document") }
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) || bytes.starts(with: [0xFF, 0xD8, 0xFF])
      || bytes.starts(with: [0x47, 0x49, 0x46, 0x38])
    {
      return .binary("image data")
    }
    // 16/32-bit and EBCDIC markup have NULs or odd bytes: let the XML decoder look first.
    let sniffed = XMLSniff.looksLikeWideOrEBCDICMarkup(bytes)
    if sniffed { return .markup }
    var start = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    let head = bytes[start..<min(bytes.count, start + 4096)]
    var controls = 0
    for b in head where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C {
      if b == 0 { return .binary("binary data") }
      controls += 1
    }
    if controls * 20 > head.count {
      return .binary("binary data")
    }
    guard let first = head.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
    else { return .empty }
    if first == UInt8(ascii: "{") { return .json }
    if first == UInt8(ascii: "<") {
      // ASCII case folding on bytes: String.contains sets up a searcher (and a Dictionary
      // type the runtime looks up) per call, ~1 M instructions for one cron-style parse.
      let lower = head.prefix(1024).map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
      func has(_ needle: String) -> Bool { containsBytes(lower, needle) }
      let htmlish = has("<!doctype html") || has("<html")
      let feedish = has("<rss") || has("<feed") || has("<rdf:rdf") || has("<channel")
      if htmlish && !feedish {
        return .html
      }
      return .markup
    }
    return .text
  }

  /// Whether `needle`'s UTF-8 bytes occur in `haystack`.
  private static func containsBytes(_ haystack: [UInt8], _ needle: String) -> Bool {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first, haystack.count >= pattern.count else { return false }
    var i = 0
    while i <= haystack.count - pattern.count {
      if haystack[i] == first, haystack[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
      i += 1
    }
    return false
  }
}

enum XMLSniff {
  static func looksLikeWideOrEBCDICMarkup(_ b: [UInt8]) -> Bool {
    let patterns: [[UInt8]] = [
      [0x00, 0x00, 0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0xFE, 0xFF], [0xFF, 0xFE],
      [0x00, 0x00, 0x00, 0x3C], [0x3C, 0x00, 0x00, 0x00], [0x00, 0x3C], [0x3C, 0x00],
      [0x4C, 0x6F, 0xA7, 0x94],
    ]
    return patterns.contains { b.starts(with: $0) }
  }
}
