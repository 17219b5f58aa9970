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
  /// `entry` consumes each entry, so one that keeps it (`read`) moves it without a copy.
  static func stream(
    _ input: Input, kind: InputKind, begin: (String) -> Void, entry: (consuming Entry) -> Void
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
    _ document: consuming Document, begin: (String) -> Void, entry: (consuming Entry) -> Void
  ) -> Document {
    begin(document.encoding)
    var entries: [Entry] = []
    swap(&entries, &document.entries)
    // Handed on in order, each moved out of the array.
    entries.reverse()
    while let e = entries.popLast() { entry(e) }
    return document
  }

  static func readXML(
    _ input: Input, kind: InputKind, begin: (String) -> Void, entry: (consuming Entry) -> Void
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
    return bytes.withUnsafeBufferPointer { all in
      var start = 0
      if all.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
      let head = UnsafeBufferPointer(rebasing: all[start..<min(all.count, start + 4096)])
      guard let controls = controlCount(head) else { return .binary("binary data") }
      if controls * 20 > head.count {
        return .binary("binary data")
      }
      guard let first = head.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
      else { return .empty }
      if first == UInt8(ascii: "{") { return .json }
      if first == UInt8(ascii: "<") {
        return namesHTMLOnly(UnsafeBufferPointer(rebasing: head.prefix(1024))) ? .html : .markup
      }
      return .text
    }
  }

  /// The C0 controls in `bytes` other than tab, LF, FF and CR; nil when there is a NUL.
  /// Eight bytes a step while none is below 0x20 (most words of text hold none).
  static func controlCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var controls = 0
    var i = 0
    let raw = UnsafeRawBufferPointer(bytes)
    while i < bytes.count {
      if i + 8 <= bytes.count {
        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // A byte below 0x20 sets its high bit here (bytes from 0x80 are masked by ~word).
        if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 == 0 {
          i += 8
          continue
        }
      }
      let end = min(i + 8, bytes.count)
      while i < end {
        let b = bytes[i]
        if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C {
          if b == 0 { return nil }
          controls += 1
        }
        i += 1
      }
    }
    return controls
  }

  private static let htmlNames: [[UInt8]] = ["!doctype html", "html"].map { Array($0.utf8) }
  private static let feedNames: [[UInt8]] = ["rss", "feed", "rdf:rdf", "channel"].map {
    Array($0.utf8)
  }

  /// Whether `window` holds `<!doctype html` or `<html` and none of `<rss`, `<feed`,
  /// `<rdf:rdf`, `<channel`, in any ASCII case, each wholly inside the window.
  ///
  /// Names are looked for only after a `<`: one pass, no lower-cased copy of the window and
  /// no search per name (those cost some 90 k instructions a document).
  static func namesHTMLOnly(_ window: UnsafeBufferPointer<UInt8>) -> Bool {
    var html = false
    var i = 0
    while i < window.count {
      if window[i] == UInt8(ascii: "<") {
        for name in feedNames where follows(name, in: window, at: i + 1) { return false }
        if !html { html = htmlNames.contains { follows($0, in: window, at: i + 1) } }
      }
      i += 1
    }
    return html
  }

  /// Whether the lower-case ASCII `name` is at `start` in `bytes`, ignoring ASCII case.
  private static func follows(_ name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int)
    -> Bool
  {
    guard bytes.count - start >= name.count else { return false }
    for k in 0..<name.count {
      let b = bytes[start + k]
      if (b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b) != name[k] { return false }
    }
    return true
  }
}

enum XMLSniff {
  static func looksLikeWideOrEBCDICMarkup(_ b: [UInt8]) -> Bool {
    patterns.contains { b.starts(with: $0) }
  }

  private static let patterns: [[UInt8]] = [
    [0x00, 0x00, 0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0xFE, 0xFF], [0xFF, 0xFE],
    [0x00, 0x00, 0x00, 0x3C], [0x3C, 0x00, 0x00, 0x00], [0x00, 0x3C], [0x3C, 0x00],
    [0x4C, 0x6F, 0xA7, 0x94],
  ]
}
