internal import CLibXML2

/// An element or attribute name, by namespace URI (never by prefix).
public struct XMLName: Hashable, Sendable {
  /// The namespace URI, "" when none.
  public var namespace: String
  public var local: String
  /// The prefix as written, "" when none (kept only to re-serialise inline markup).
  public var prefix: String

  public init(namespace: String = "", local: String, prefix: String = "") {
    self.namespace = namespace
    self.local = local
    self.prefix = prefix
  }

  /// `prefix:local` as written.
  public var qualified: String { prefix.isEmpty ? local : prefix + ":" + local }
}

public struct XMLAttribute: Sendable, Hashable {
  public var name: XMLName
  public var value: String
}

/// A namespace declaration on a start tag (`xmlns:prefix="uri"`; prefix "" for the default).
public struct XMLNamespaceDeclaration: Sendable, Hashable {
  public var prefix: String
  public var uri: String
}

/// Receives a document as a stream of events, in order. Text arrives in one piece between
/// two tags; the array is lent for the call (copy what you keep).
public protocol XMLEventHandler: AnyObject {
  func startElement(
    _ name: XMLName, attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int)
  func endElement(_ name: XMLName)
  func characters(_ utf8: [UInt8])
  /// The same text, handed over: the handler may take the array's storage (swapping in an
  /// empty array, best one with capacity) instead of copying the bytes. The parser empties
  /// whatever array it gets back. By default it calls `characters(_:)`.
  func characters(taking utf8: inout [UInt8])
}

extension XMLEventHandler {
  public func characters(taking utf8: inout [UInt8]) { characters(utf8) }
}

/// The outcome of one parse: whether the input was well-formed, and every problem met.
public struct XMLParseResult: Sendable {
  public var wellFormed: Bool
  public var issues: [XMLIssue]
  /// Whether a root element was seen at all.
  public var sawElement: Bool
}

/// libxml2's SAX2 push parser, fed in chunks, made safe: no network, no DTD, no entity
/// expansion of its own (see `XMLPreparer`), bounded text, errors collected per parse.
///
/// One pass in recovery mode: a well-formed document parses exactly as in strict mode, and
/// a broken one still yields everything before and after the break; `wellFormed` is false
/// as soon as any error was met.
public enum XMLEventParser {
  /// Parses UTF-8 `bytes` (see `XMLDecoder`), sending events to `handler`.
  public static func parse(
    utf8 bytes: [UInt8], handler: XMLEventHandler, limits: XMLLimits = .default
  ) -> XMLParseResult {
    let parser = XMLPushParser(handler: handler, limits: limits)
    bytes.withUnsafeBufferPointer { parser.feed($0, isLast: true) }
    return parser.finish()
  }
}

/// `XMLEventParser` fed chunk by chunk (see `XMLStreamDecoder` for turning raw bytes into
/// UTF-8 chunks): the events and issues are the same however the input is split.
///
/// The chunks must be what `XMLDecoder`/`XMLStreamDecoder` produce: well-formed UTF-8. Text
/// the preparer decodes itself (escaped text, CDATA sections, long runs) does not go through
/// libxml2's encoding check again, so an ill-formed byte handed in directly reaches the
/// handler's text as it is instead of being reported.
public final class XMLPushParser {
  private let session: Session
  private var preparer: XMLPreparer
  private let ctxt: xmlParserCtxtPtr?
  private var finished = false

  public init(handler: XMLEventHandler, limits: XMLLimits = .default) {
    LibXML2.setUp()
    session = Session(handler: handler, limits: limits)
    preparer = XMLPreparer(limits: limits)
    session.pending.pointee.runs = preparer.runs.pointer
    let userData = UnsafeMutableRawPointer(session.pending)

    var sax = xmlSAXHandler()
    sax.initialized = XML_SAX2_MAGIC
    sax.startElementNs = saxStartElement
    sax.endElementNs = saxEndElement
    sax.characters = feedloom_characters
    sax.cdataBlock = feedloom_characters
    sax.ignorableWhitespace = feedloom_characters
    sax.processingInstruction = feedloom_run_marker
    sax.getEntity = saxGetEntity
    sax.serror = saxStructuredError

    ctxt = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil)
    if let ctxt {
      let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
      xmlCtxtUseOptions(ctxt, options)
      session.ctxt = ctxt
      session.pending.pointee.ctxt = ctxt
    }
  }

  deinit {
    if let ctxt { xmlFreeParserCtxt(ctxt) }
  }

  /// Parses the next UTF-8 chunk; `isLast` when no more follow (then call `finish`).
  public func feed(_ utf8: UnsafeBufferPointer<UInt8>, isLast: Bool = false) {
    guard let ctxt, !finished else { return }
    let session = self.session
    let runs = preparer.runs.pointer
    withErrorHandler {
      preparer.feed(utf8, final: isLast) { chunk in
        guard !session.stopped else { return }
        chunk.withMemoryRebound(to: CChar.self) { c in
          _ = xmlParseChunk(ctxt, c.baseAddress, Int32(c.count), 0)
        }
        if ctxt.pointee.instate == XML_PARSER_EOF {
          // libxml2 gave up (it reads nothing more): no marker will take diverted text.
          session.stopped = true
          runs.pointee.discard = 1
        }
      }
    }
  }

  /// Ends the input: closes what it left open and returns the outcome.
  public func finish() -> XMLParseResult {
    guard let ctxt else {
      return XMLParseResult(
        wellFormed: false,
        issues: [XMLIssue(code: "not-well-formed", message: "parser could not start")],
        sawElement: false)
    }
    if !finished {
      feed(UnsafeBufferPointer(start: nil, count: 0), isLast: true)
      finished = true
      _ = withErrorHandler { xmlParseChunk(ctxt, nil, 0, 1) }
      session.finish()
    }

    var issues = preparer.log.issues
    issues += session.log.issues
    let dropped = preparer.log.dropped + session.log.dropped
    if dropped > 0 {
      issues.append(XMLIssue(code: "not-well-formed", message: "\(dropped) more problem(s)"))
    }
    issues.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    return XMLParseResult(
      wellFormed: issues.isEmpty, issues: issues, sawElement: session.sawElement)
  }

  /// Error handlers are per thread in libxml2 2.9: set for each call into the parser.
  private func withErrorHandler<T>(_ body: () -> T) -> T {
    xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(session.pending), saxStructuredError)
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    return body()
  }
}

enum LibXML2 {
  private static let initialised: Bool = {
    xmlInitParser()
    feedloom_silence_generic_errors()
    feedloom_install_deny_entity_loader()
    return true
  }()

  static func setUp() { _ = initialised }
}

/// Per-parse state the C callbacks reach through `user_data`.
///
/// The stored state is `@exclusivity(unchecked)`: libxml2 calls back on one thread, one event
/// at a time, and a callback never re-enters another; the run-time access checks cost more
/// than the per-element work itself.
final class Session {
  let handler: XMLEventHandler
  let limits: XMLLimits
  @exclusivity(unchecked) var ctxt: xmlParserCtxtPtr?
  @exclusivity(unchecked) var log: IssueLog
  @exclusivity(unchecked) var names: [UnsafePointer<xmlChar>: String] = [:]
  @exclusivity(unchecked) var qualifiedNames = NameTable()
  /// The attributes of the current start tag, refilled for each (its storage is kept).
  @exclusivity(unchecked) private var attributes: [XMLAttribute] = []
  /// Text of the current node, behind a pointer: the characters callback runs once per
  /// entity reference (millions of times on escaped HTML), and accesses through a pointer
  /// skip the dynamic exclusivity checks every access to a class property pays.
  /// It is also the user data of the parse (see `feedloom_text`).
  let pending: UnsafeMutablePointer<feedloom_text>
  /// The array the text is handed over in (the handler may keep its storage).
  @exclusivity(unchecked) private var handoff: [UInt8] = []
  /// The open elements, as indices into `qualifiedNames`.
  @exclusivity(unchecked) var open: [Int32] = []
  @exclusivity(unchecked) var stopped = false
  @exclusivity(unchecked) var sawElement = false
  @exclusivity(unchecked) var textCut = false

  init(handler: XMLEventHandler, limits: XMLLimits) {
    self.handler = handler
    self.limits = limits
    log = IssueLog(limit: limits.maximumIssues)
    pending = .allocate(capacity: 1)
    let capacity = 4096
    pending.initialize(to: feedloom_text(
      bytes: .allocate(capacity: capacity), count: 0, capacity: capacity,
      limit: limits.maximumTextBytes, session: nil, overflow: saxTextOverflow, runs: nil,
      ctxt: nil))
    pending.pointee.session = Unmanaged.passUnretained(self).toOpaque()
  }

  deinit {
    pending.pointee.bytes.deallocate()
    pending.deinitialize(count: 1)
    pending.deallocate()
  }

  /// The index in `qualifiedNames` of the name of a SAX2 event, made on first sight.
  @inline(__always)
  func nameIndex(
    local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?
  ) -> Int32 {
    if let known = qualifiedNames.index(local: local, prefix: prefix, uri: uri) { return known }
    return qualifiedNames.add(
      XMLName(namespace: name(uri), local: name(local), prefix: name(prefix)),
      local: local, prefix: prefix, uri: uri)
  }

  @inline(__always)
  func xmlName(
    local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?
  ) -> XMLName {
    let index = Int(nameIndex(local: local, prefix: prefix, uri: uri))
    return qualifiedNames.names[index]
  }

  /// libxml2 interns names in its dictionary for the life of the parse: one Swift String
  /// per distinct pointer, not per node.
  @inline(__always)
  func name(_ p: UnsafePointer<xmlChar>?) -> String {
    guard let p else { return "" }
    if let s = names[p] { return s }
    let s = String(cString: p)
    names[p] = s
    return s
  }

  @inline(__always)
  func flushText() {
    if pending.pointee.count > 0 {
      handText()
    } else if textCut {
      endCut()
    }
  }

  private func handText() {
    // (Empty when the handler took the last text: no generic removal call then.)
    if !handoff.isEmpty { handoff.removeAll(keepingCapacity: true) }
    handoff.append(contentsOf: UnsafeBufferPointer(start: pending.pointee.bytes, count: Int(pending.pointee.count)))
    handler.characters(taking: &handoff)
    pending.pointee.count = 0
    if textCut { endCut() }
  }

  /// The next text has the whole bound again.
  private func endCut() {
    textCut = false
    pending.pointee.limit = limits.maximumTextBytes
  }

  var line: Int {
    guard let ctxt else { return 0 }
    return Int(xmlSAX2GetLineNumber(ctxt))
  }

  /// Closes what the document left open (a truncated feed) so its last entry completes.
  func finish() {
    flushText()
    while let index = open.popLast() { handler.endElement(qualifiedNames.names[Int(index)]) }
  }

  /// A start tag: its name, attributes and namespace declarations to the handler.
  @inline(__always)
  func startElement(
    local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
    namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count nbNamespaces: Int,
    attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count nbAttributes: Int
  ) {
    flushText()
    sawElement = true
    let index = nameIndex(local: local, prefix: prefix, uri: uri)
    if !self.attributes.isEmpty { self.attributes.removeAll(keepingCapacity: true) }
    if nbAttributes > 0, let attributes {
      for k in 0..<nbAttributes {
        let base = attributes + 5 * k
        let attrName = xmlName(local: base[0], prefix: base[1], uri: base[2])
        var value = ""
        if let start = base[3], let end = base[4] {
          let bytes = UnsafeBufferPointer(start: start, count: end - start)
          value = String(decoding: bytes, as: UTF8.self)
          // Without entity substitution libxml2 writes every `&` it read from a reference
          // as `&#38;` (and a literal `&` cannot occur): put the character back.
          if bytes.contains(UInt8(ascii: "&")) { value = unescapeAmpersands(value) }
        }
        self.attributes.append(XMLAttribute(name: attrName, value: value))
      }
    }
    var decls: [XMLNamespaceDeclaration] = []
    if nbNamespaces > 0, let namespaces {
      for k in 0..<nbNamespaces {
        decls.append(XMLNamespaceDeclaration(
          prefix: name(namespaces[2 * k]), uri: name(namespaces[2 * k + 1])))
      }
    }
    open.append(index)
    handler.startElement(
      qualifiedNames.names[Int(index)], attributes: self.attributes, namespaces: decls, line: line)
  }

  @inline(__always)
  func endElement() {
    flushText()
    guard let index = open.popLast() else { return }
    handler.endElement(qualifiedNames.names[Int(index)])
  }
}

/// One `XMLName` per distinct (local, prefix, uri) triple of pointers: libxml2 interns every
/// name in its dictionary for the life of the parse, so the pointers are the key, and a
/// multiplicative hash of them (open addressing) finds the name without hashing its bytes.
struct NameTable {
  private(set) var names: [XMLName] = []
  private struct Slot {
    var local: UnsafePointer<xmlChar>?
    var prefix: UnsafePointer<xmlChar>?
    var uri: UnsafePointer<xmlChar>?
    /// -1: empty.
    var index: Int32 = -1
  }
  private var slots = [Slot](repeating: Slot(), count: 64)
  private var shift = 64 - 6

  @inline(__always)
  private func home(
    _ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
  ) -> Int {
    let l = UInt(bitPattern: local), p = UInt(bitPattern: prefix), u = UInt(bitPattern: uri)
    let h = (l ^ (u &* 0x9E37_79B9) ^ (p << 7)) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: h >> UInt(shift))
  }

  @inline(__always)
  func index(
    local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?
  ) -> Int32? {
    let mask = slots.count - 1
    var k = home(local, prefix, uri)
    return slots.withUnsafeBufferPointer { table in
      while true {
        let slot = table[k]
        if slot.index < 0 { return nil }
        if slot.local == local && slot.uri == uri && slot.prefix == prefix { return slot.index }
        k = (k + 1) & mask
      }
    }
  }

  /// Adds a name not in the table; returns its index.
  mutating func add(
    _ name: XMLName, local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
    uri: UnsafePointer<xmlChar>?
  ) -> Int32 {
    let index = Int32(names.count)
    names.append(name)
    if 2 * names.count > slots.count {
      // Half full at most: probes stay short.
      let old = slots
      slots = [Slot](repeating: Slot(), count: 2 * old.count)
      shift -= 1
      for slot in old where slot.index >= 0 { place(slot) }
    }
    place(Slot(local: local, prefix: prefix, uri: uri, index: index))
    return index
  }

  private mutating func place(_ slot: Slot) {
    let mask = slots.count - 1
    var k = home(slot.local, slot.prefix, slot.uri)
    while slots[k].index >= 0 { k = (k + 1) & mask }
    slots[k] = slot
  }
}

// MARK: - C callbacks

/// The session behind the parse's user data (a `feedloom_text`).
private func session(_ ctx: UnsafeMutableRawPointer?) -> Session {
  Unmanaged<Session>.fromOpaque(ctx!.assumingMemoryBound(to: feedloom_text.self).pointee.session)
    .takeUnretainedValue()
}

private let saxStartElement: startElementNsSAX2Func = {
  ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
  session(ctx).startElement(
    local: localname, prefix: prefix, uri: uri, namespaces: namespaces,
    count: Int(nbNamespaces), attributes: attributes, count: Int(nbAttributes))
}

private let saxEndElement: endElementNsSAX2Func = { ctx, _, _, _ in
  session(ctx).endElement()
}

/// The append `feedloom_characters` leaves to Swift: the text needs more room, or passes
/// `XMLLimits.maximumTextBytes`.
private let saxTextOverflow: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<xmlChar>?, Int32) -> Void = {
  ctx, ch, len in
  guard let ch, len > 0 else { return }
  let s = session(ctx)
  let text = s.pending
  var count = Int(len)
  let held = text.pointee.count
  let limit = text.pointee.limit
  if held + count > limit {
    if !s.textCut {
      s.textCut = true
      s.log.add("not-well-formed", "text longer than \(limit) bytes cut", line: s.line)
    }
    // Keep the first bytes up to the bound, at a character boundary, however libxml2 split
    // the text (that depends on how the input was fed).
    count = max(0, limit - held)
    while count > 0 && ch[count] & 0xC0 == 0x80 { count -= 1 }
    // Nothing more of this text, however small the pieces that follow (until it is handed).
    text.pointee.limit = held + count
    if count == 0 { return }
  }
  if held + count > text.pointee.capacity {
    var larger = text.pointee.capacity * 2
    while larger < held + count { larger *= 2 }
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.update(from: text.pointee.bytes, count: held)
    text.pointee.bytes.deallocate()
    text.pointee.bytes = moved
    text.pointee.capacity = larger
  }
  (text.pointee.bytes + held).update(from: ch, count: count)
  text.pointee.count = held + count
}

/// Only the five predefined entities exist: everything else was resolved before parsing.
/// Having our own `getEntity` (and `user_data`) also keeps libxml2 2.9 from re-expanding
/// entities into the text callback (quadratic blowup).
private let saxGetEntity: getEntitySAXFunc = { _, name in
  xmlGetPredefinedEntity(name)
}

private let saxStructuredError: xmlStructuredErrorFunc = { ctx, error in
  guard let ctx, let error else { return }
  let s = session(ctx)
  let e = error.pointee
  guard e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
  let code: String
  switch Int(e.code) {
  case Int(XML_NS_ERR_UNDEFINED_NAMESPACE.rawValue): code = "undeclared-namespace"
  case Int(XML_ERR_UNDECLARED_ENTITY.rawValue), Int(XML_WAR_UNDECLARED_ENTITY.rawValue):
    code = "undefined-entity"
  default: code = "not-well-formed"
  }
  s.log.add(code, {
    var text = e.message.map { String(cString: $0) } ?? "XML error \(e.code)"
    while text.last == "\n" { text.removeLast() }
    return text
  }(), line: e.line > 0 ? Int(e.line) : nil)
}

private func unescapeAmpersands(_ s: String) -> String {
  var out = [UInt8]()
  let b = Array(s.utf8)
  out.reserveCapacity(b.count)
  var i = 0
  while i < b.count {
    if b[i] == UInt8(ascii: "&"), i + 4 < b.count, b[i + 1] == UInt8(ascii: "#"),
      b[i + 2] == UInt8(ascii: "3"), b[i + 3] == UInt8(ascii: "8"), b[i + 4] == UInt8(ascii: ";")
    {
      out.append(UInt8(ascii: "&"))
      i += 5
    } else {
      out.append(b[i])
      i += 1
    }
  }
  return String(decoding: out, as: UTF8.self)
}
