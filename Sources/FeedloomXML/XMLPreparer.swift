#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One pass over decoded UTF-8 markup before libxml2 sees it. It makes the hostile and the
/// merely sloppy inert, so the parser's own entity machinery is never used:
///
/// - the document type declaration is blanked (new lines kept, so error lines stay right):
///   no external DTD, no parameter entity, no entity declaration ever reaches libxml2;
///   simple internal text entities it declared are expanded here, within a byte budget;
/// - `&name;` references become character references: HTML named entities (`&eacute;`)
///   by value, unknown names and bare `&` as literal text (`&amp;name;`), each reported;
/// - the XML declaration is blanked: the bytes are already UTF-8, whatever it said;
/// - characters XML forbids are dropped; a bare `<` in text becomes `&lt;`;
/// - a start tag keeps at most `limits.maximumAttributes` attributes (libxml2's duplicate
///   check is quadratic in them).
///
/// Input comes in chunks (`feed`), output goes to `emit` in chunks, so memory stays flat
/// whatever the input size. A construct cut by a chunk boundary (a tag, a reference, a
/// comment…) is scanned again once more bytes came, as if the input had been whole: the
/// output, its chunking and the issues are the same however the input was split.
struct XMLPreparer {
  let limits: XMLLimits
  var log: IssueLog
  private var out: [UInt8] = []
  private var entities: [String: [UInt8]] = [:]
  private var expansionLeft: Int
  private var lineCountedTo = 0
  private var line = 1
  private var reportedNames: Set<String> = []

  /// Whether the buffer being scanned is the end of the input.
  private var final = true
  /// Set when a decision needed bytes past the end of a buffer that is not the last.
  private var starved = false
  /// The unscanned tail of the input: a construct a chunk boundary cut.
  private var carry: [UInt8] = []
  /// `carry` is scanned again when it has grown to this size (doubling: linear time even
  /// for a construct of many chunks).
  private var retryAt = 0
  /// What the construct being scanned added to the name and entity tables, to undo.
  private var undo: [Undo] = []

  private enum Undo {
    case reportedName(String)
    case entity(String)
  }

  /// Everything a construct may change, to go back when it turns out to be cut.
  private struct Mark {
    var out: Int
    var issues: Int
    var dropped: Int
    var expansionLeft: Int
    var line: Int
    var lineCountedTo: Int
  }

  static let chunkSize = 1 << 16
  /// Bytes a character or entity reference can span (`&` + 64 name bytes + `;`, or
  /// `&#x` + 10 digits + `;`), with room.
  static let referenceSpan = 72
  /// The longest markup prefix told apart at `<` (`<![CDATA[`, `<!DOCTYPE`).
  static let markupPrefix = 9

  init(limits: XMLLimits) {
    self.limits = limits
    log = IssueLog(limit: limits.maximumIssues)
    expansionLeft = limits.maximumExpansionBytes
    out.reserveCapacity(XMLPreparer.chunkSize + 1024)
  }

  /// Prepares a whole input.
  mutating func run(_ input: [UInt8], emit: ([UInt8]) -> Void) {
    input.withUnsafeBufferPointer { feed($0, final: true, emit: emit) }
  }

  /// Prepares the next chunk of the input; `final` on the last one (which may be empty).
  mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, final: Bool, emit: ([UInt8]) -> Void) {
    self.final = final
    if carry.isEmpty {
      let stop = scan(chunk, emit: emit)
      endBuffer(chunk, at: stop)
      if stop < chunk.count {
        carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[stop...]))
        retryAt = 2 * carry.count
      }
    } else {
      carry.append(contentsOf: chunk)
      if final || carry.count >= retryAt {
        var buffer: [UInt8] = []
        swap(&buffer, &carry)
        let stop = buffer.withUnsafeBufferPointer { p in
          let stop = scan(p, emit: emit)
          endBuffer(p, at: stop)
          return stop
        }
        if stop < buffer.count {
          buffer.removeSubrange(0..<stop)
          carry = buffer
          retryAt = 2 * carry.count
        }
      }
    }
    if final {
      if !out.isEmpty { emit(out) }
      out.removeAll()
    }
  }

  /// Lines are counted up to where the scan of `p` stopped; the next buffer starts there.
  private mutating func endBuffer(_ p: UnsafeBufferPointer<UInt8>, at stop: Int) {
    _ = lineAt(p, stop)
    lineCountedTo = 0
  }

  private mutating func lineAt(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    if i < lineCountedTo { return line }  // issues come in order; good enough
    line += newlineCount(p, from: lineCountedTo, to: i)
    lineCountedTo = i
    return line
  }

  private mutating func report(
    _ code: String, _ message: @autoclosure () -> String, _ p: UnsafeBufferPointer<UInt8>,
    _ i: Int
  ) {
    let l = lineAt(p, i)
    log.add(code, message(), line: l)
  }

  @inline(__always)
  private mutating func flushIfFull(_ emit: ([UInt8]) -> Void) {
    if out.count >= XMLPreparer.chunkSize {
      emit(out)
      out.removeAll(keepingCapacity: true)
    }
  }

  /// Notes that the construct being scanned needs bytes past the end of the buffer (never
  /// on the last buffer: there, the end of the buffer is the end of the input).
  @inline(__always)
  private mutating func starve() {
    if !final { starved = true }
  }

  private mutating func mark() -> Mark {
    if !undo.isEmpty { undo.removeAll(keepingCapacity: true) }
    return Mark(out: out.count, issues: log.issues.count, dropped: log.dropped,
      expansionLeft: expansionLeft, line: line, lineCountedTo: lineCountedTo)
  }

  private mutating func rollBack(to mark: Mark) {
    out.removeSubrange(mark.out...)
    log.issues.removeSubrange(mark.issues...)
    log.dropped = mark.dropped
    expansionLeft = mark.expansionLeft
    line = mark.line
    lineCountedTo = mark.lineCountedTo
    for change in undo {
      switch change {
      case .reportedName(let name): reportedNames.remove(name)
      case .entity(let name): entities[name] = nil
      }
    }
    undo.removeAll(keepingCapacity: true)
    starved = false
  }

  /// Inserts `name` into `reportedNames`, undoably; whether it was new.
  private mutating func firstReport(of name: String) -> Bool {
    guard reportedNames.insert(name).inserted else { return false }
    if !final { undo.append(.reportedName(name)) }
    return true
  }

  // MARK: - The scan

  /// Scans `p`; returns where it stopped: `p.count`, or the start of a construct cut by the
  /// end of a buffer that is not the last.
  private mutating func scan(_ p: UnsafeBufferPointer<UInt8>, emit: ([UInt8]) -> Void) -> Int {
    let n = p.count
    var i = 0
    while i < n {
      let b = p[i]
      switch b {
      case UInt8(ascii: "<"), UInt8(ascii: "&"):
        let start = i
        let before = final ? nil : mark()
        i = b == UInt8(ascii: "<") ? markup(p, i) : reference(p, i, quote: 0)
        if starved, let before {
          rollBack(to: before)
          return start
        }
      default:
        // Copy the run of ordinary text up to the next special byte: eight bytes at a time
        // while no byte of the word can be special, then byte by byte through that word.
        var j = i
        let base = UnsafeRawPointer(p.baseAddress!)
        textRun: while j < n {
          while j + 8 <= n && !mayHoldTextSpecial(base.loadUnaligned(fromByteOffset: j, as: UInt64.self)) {
            j += 8
          }
          let stop = min(j + 8, n)
          while j < stop {
            let c = p[j]
            if c == UInt8(ascii: "<") || c == UInt8(ascii: "&") || isForbiddenControl(c) || c == 0xEF {
              break textRun
            }
            j += 1
          }
        }
        if j > i {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j]))
          i = j
        } else {
          let start = i
          let before = final ? nil : mark()
          i = forbidden(p, i)
          if starved, let before {
            rollBack(to: before)
            return start
          }
        }
      }
      flushIfFull(emit)
    }
    return n
  }

  /// At a control character or 0xEF: drops what XML forbids (C0 controls, U+FFFE, U+FFFF).
  private mutating func forbidden(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let b = p[i]
    if b == 0xEF {
      if i + 2 >= p.count { starve() }
      if i + 2 < p.count && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF) {
        report("not-well-formed", "character not allowed in XML dropped", p, i)
        return i + 3
      }
      out.append(b)
      return i + 1
    }
    report("not-well-formed", "control character \(b) not allowed in XML dropped", p, i)
    return i + 1
  }

  /// Copies `p[i..<j]`, dropping characters XML forbids.
  private mutating func copyScrubbed(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) {
    var k = i
    var start = i
    let base = UnsafeRawPointer(p.baseAddress!)
    while k < j {
      // Skip eight bytes at a time while none can be dropped; else look at each of them.
      if k + 8 <= j && !mayHoldControlOrEF(base.loadUnaligned(fromByteOffset: k, as: UInt64.self)) {
        k += 8
        continue
      }
      let stop = min(k + 8, j)
      while k < stop {
        let c = p[k]
        if isForbiddenControl(c)
          || (c == 0xEF && k + 2 < j && p[k + 1] == 0xBF && (p[k + 2] == 0xBE || p[k + 2] == 0xBF))
        {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<k]))
          k += c == 0xEF ? 3 : 1
          start = k
          continue
        }
        k += 1
      }
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<j]))
  }

  /// Blanks `p[i..<j]`: spaces, new lines kept.
  private mutating func blank(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) {
    for k in i..<j { out.append(p[k] == 0x0A ? 0x0A : 0x20) }
  }

  private func find(_ p: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int) -> Int? {
    let n = p.count
    let m = needle.count
    let first = needle[0]
    var i = from
    while i + m <= n {
      // memchr finds the next candidate first byte far faster than a byte loop.
      guard let hit = memchr(p.baseAddress! + i, Int32(first), n - m + 1 - i) else { return nil }
      i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p.baseAddress!
      var k = 1
      while k < m && p[i + k] == needle[k] { k += 1 }
      if k == m { return i }
      i += 1
    }
    return nil
  }

  /// Whether `s` is at `p[i]`; a buffer that ends inside a match starves the construct.
  private mutating func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ s: StaticString, caseInsensitive: Bool = false) -> Bool {
    let m = s.utf8CodeUnitCount
    let available = min(m, p.count - i)
    let base = s.utf8Start
    for k in 0..<available {
      var a = p[i + k]
      var b = base[k]
      if caseInsensitive {
        if a >= 0x61 && a <= 0x7A { a -= 0x20 }
        if b >= 0x61 && b <= 0x7A { b -= 0x20 }
      }
      if a != b { return false }
    }
    if available < m {
      starve()
      return false
    }
    return true
  }

  /// At `<`: comment, CDATA, DOCTYPE, processing instruction, end tag or start tag.
  private mutating func markup(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let n = p.count
    if n - i < XMLPreparer.markupPrefix { starve() }
    if hasPrefix(p, i, "<!--") {
      let end = find(p, Array("-->".utf8), from: i + 4).map { $0 + 3 } ?? unterminated(n)
      copyScrubbed(p, i, end)
      return end
    }
    if hasPrefix(p, i, "<![CDATA[") {
      let end = find(p, Array("]]>".utf8), from: i + 9).map { $0 + 3 } ?? unterminated(n)
      copyScrubbed(p, i, end)
      return end
    }
    if hasPrefix(p, i, "<!DOCTYPE", caseInsensitive: true) {
      let end = doctype(p, i)
      blank(p, i, end)
      return end
    }
    if hasPrefix(p, i, "<?") {
      let end = find(p, Array("?>".utf8), from: i + 2).map { $0 + 2 } ?? unterminated(n)
      if hasPrefix(p, i, "<?xml", caseInsensitive: true),
        i + 5 < n, p[i + 5] == 0x20 || p[i + 5] == 0x09 || p[i + 5] == 0x0A || p[i + 5] == 0x0D
          || p[i + 5] == UInt8(ascii: "?")
      {
        blank(p, i, end)
      } else {
        copyScrubbed(p, i, end)
      }
      return end
    }
    if i + 1 < n && p[i + 1] == UInt8(ascii: "/") {
      var j = i + 2
      while j < n && p[j] != UInt8(ascii: ">") && p[j] != UInt8(ascii: "<") { j += 1 }
      if j == n { starve() }
      if j < n && p[j] == UInt8(ascii: ">") { j += 1 }
      copyScrubbed(p, i, j)
      return j
    }
    if i + 1 < n && isNameStart(p[i + 1]) {
      return startTag(p, i)
    }
    if i + 1 < n && p[i + 1] == UInt8(ascii: "!") {
      // Some other declaration (<!ELEMENT outside a DTD, …): copy up to `>`; libxml2 reports it.
      var j = i + 2
      while j < n && p[j] != UInt8(ascii: ">") { j += 1 }
      if j < n { j += 1 } else { starve() }
      copyScrubbed(p, i, j)
      return j
    }
    report("not-well-formed", "'<' not starting markup taken as text", p, i)
    out.append(contentsOf: Array("&lt;".utf8))
    return i + 1
  }

  /// The end of a construct whose terminator is not in the buffer: the end of the input,
  /// or (starving) the sign that more must be read.
  private mutating func unterminated(_ n: Int) -> Int {
    starve()
    return n
  }

  /// A start tag: attributes counted and bounded, `&` and `<` in values made safe.
  private mutating func startTag(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let n = p.count
    var j = i + 1
    while j < n && isNameChar(p[j]) { j += 1 }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j]))
    var attributes = 0
    var dropping = false
    while j < n {
      let c = p[j]
      if c == UInt8(ascii: ">") {
        out.append(c)
        return j + 1
      }
      if c == UInt8(ascii: "<") {
        // An unclosed tag: let the parser report it.
        return j
      }
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
        j = attributeValue(p, j, quote: c, keep: !dropping)
        continue
      }
      if c == UInt8(ascii: "=") {
        attributes += 1
        if attributes > limits.maximumAttributes && !dropping {
          dropping = true
          let maximum = limits.maximumAttributes
          report("not-well-formed",
            "more than \(maximum) attributes in one tag: the rest dropped", p, j)
          // Remove the name of the attribute this `=` belongs to.
          while let last = out.last, isNameChar(last) { out.removeLast() }
        }
        if !dropping { out.append(c) }
        j += 1
        continue
      }
      if dropping {
        if c == UInt8(ascii: "/") { out.append(c) }
        j += 1
        continue
      }
      if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D {
        j += 1
        continue
      }
      // Names, spaces and `/` up to the next byte that needs a decision: copied in one go.
      var k = j + 1
      while k < n && !isTagSpecial(p[k]) { k += 1 }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: p[j..<k]))
      j = k
    }
    starve()
    return j
  }

  /// A quoted attribute value starting at the quote `p[i]`.
  private mutating func attributeValue(
    _ p: UnsafeBufferPointer<UInt8>, _ i: Int, quote: UInt8, keep: Bool
  ) -> Int {
    let n = p.count
    var j = i + 1
    if !keep {
      while j < n && p[j] != quote { j += 1 }
      return min(j + 1, n)
    }
    out.append(quote)
    while j < n {
      let c = p[j]
      if c == quote {
        out.append(c)
        return j + 1
      }
      switch c {
      case UInt8(ascii: "&"):
        j = reference(p, j, quote: quote)
      case UInt8(ascii: "<"):
        out.append(contentsOf: Array("&lt;".utf8))
        j += 1
      case 0..<0x20 where c != 0x09 && c != 0x0A && c != 0x0D:
        j += 1
      default:
        // The run of plain value bytes up to the next quote, `&`, `<` or control: in one go.
        var k = j + 1
        while k < n {
          let d = p[k]
          if d == quote || d == UInt8(ascii: "&") || d == UInt8(ascii: "<") || isForbiddenControl(d) {
            break
          }
          k += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[j..<k]))
        j = k
      }
    }
    return j
  }

  // MARK: - References

  /// At `&`: keeps valid character references and the five predefined entities, turns the
  /// rest into something libxml2 reads as the intended text.
  private mutating func reference(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, quote: UInt8) -> Int {
    let n = p.count
    if n - i < XMLPreparer.referenceSpan { starve() }
    var j = i + 1
    if j < n && p[j] == UInt8(ascii: "#") {
      j += 1
      var value: UInt32 = 0
      var digits = 0
      let hex = j < n && (p[j] == UInt8(ascii: "x") || p[j] == UInt8(ascii: "X"))
      if hex { j += 1 }
      while j < n, digits < 10 {
        let c = p[j]
        var d: UInt32
        if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
        else if hex && c >= 0x61 && c <= 0x66 { d = UInt32(c - 0x61 + 10) }
        else if hex && c >= 0x41 && c <= 0x46 { d = UInt32(c - 0x41 + 10) }
        else { break }
        value = value &* (hex ? 16 : 10) &+ d
        digits += 1
        j += 1
      }
      if digits > 0 && j < n && p[j] == UInt8(ascii: ";") {
        if isXMLChar(value) {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i...j]))
        } else {
          report("not-well-formed", "character reference to a character XML forbids dropped", p, i)
        }
        return j + 1
      }
      report("not-well-formed", "malformed character reference taken as text", p, i)
      out.append(contentsOf: Array("&amp;".utf8))
      return i + 1
    }
    while j < n && j - i <= 64 && isNameChar(p[j]) { j += 1 }
    guard j > i + 1, j < n, p[j] == UInt8(ascii: ";") else {
      report("not-well-formed", "bare '&' taken as text", p, i)
      out.append(contentsOf: Array("&amp;".utf8))
      return i + 1
    }
    let nameBytes = UnsafeBufferPointer(rebasing: p[(i + 1)..<j])
    if isPredefined(nameBytes) {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i...j]))
      return j + 1
    }
    let name = String(decoding: nameBytes, as: UTF8.self)
    if let value = entities[name] {
      if value.count <= expansionLeft {
        expansionLeft -= value.count
        appendExpansion(value, quote: quote)
        return j + 1
      }
      report("not-well-formed", "entity expansion budget spent: '&" + name + ";' left as text", p, i)
    } else if let text = HTMLEntities.lookup(name) {
      if firstReport(of: name) {
        report("undefined-entity", "HTML entity '&\(name);' used in XML", p, i)
      }
      for scalar in text.unicodeScalars { appendCharacterReference(scalar.value) }
      return j + 1
    } else if firstReport(of: name) {
      report("undefined-entity", "undefined entity '&\(name);' kept as text", p, i)
    }
    out.append(contentsOf: Array("&amp;".utf8))
    return i + 1
  }

  private func isPredefined(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    switch name.count {
    case 2: return (name[0] == 0x6C || name[0] == 0x67) && name[1] == 0x74  // lt gt
    case 3: return name[0] == 0x61 && name[1] == 0x6D && name[2] == 0x70  // amp
    case 4:
      return (name[0] == 0x71 && name[1] == 0x75 && name[2] == 0x6F && name[3] == 0x74)  // quot
        || (name[0] == 0x61 && name[1] == 0x70 && name[2] == 0x6F && name[3] == 0x73)  // apos
    default: return false
    }
  }

  private mutating func appendCharacterReference(_ v: UInt32) {
    out.append(contentsOf: Array("&#".utf8))
    out.append(contentsOf: Array(String(v).utf8))
    out.append(UInt8(ascii: ";"))
  }

  private mutating func appendExpansion(_ value: [UInt8], quote: UInt8) {
    guard quote != 0 else {
      out.append(contentsOf: value)
      return
    }
    for c in value {
      if c == quote { out.append(contentsOf: Array(c == 0x22 ? "&#34;".utf8 : "&#39;".utf8)) }
      else { out.append(c) }
    }
  }

  private func isXMLChar(_ v: UInt32) -> Bool {
    v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
      || (v >= 0x10000 && v <= 0x10FFFF)
  }

  // MARK: - Document type declaration

  /// Finds the end of `<!DOCTYPE …>` (internal subset included) and records the simple
  /// internal general entities it declares.
  private mutating func doctype(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let n = p.count
    var j = i + 9
    var quote: UInt8 = 0
    while j < n {
      let c = p[j]
      if quote != 0 {
        if c == quote { quote = 0 }
        j += 1
        continue
      }
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
        quote = c
        j += 1
      } else if c == UInt8(ascii: "[") {
        j = internalSubset(p, j + 1)
      } else if c == UInt8(ascii: ">") {
        return j + 1
      } else {
        j += 1
      }
    }
    starve()
    report("not-well-formed", "unterminated document type declaration", p, i)
    return n
  }

  /// Scans the internal subset from `i` to just after its `]`.
  private mutating func internalSubset(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let n = p.count
    var j = i
    while j < n {
      let c = p[j]
      if c == UInt8(ascii: "]") { return j + 1 }
      if hasPrefix(p, j, "<!--") {
        j = find(p, Array("-->".utf8), from: j + 4).map { $0 + 3 } ?? unterminated(n)
        continue
      }
      if hasPrefix(p, j, "<!ENTITY") {
        j = entityDeclaration(p, j + 8)
        continue
      }
      if c == UInt8(ascii: "<") {
        // Other markup declarations: skip to their end, quotes respected.
        var quote: UInt8 = 0
        j += 1
        while j < n {
          let d = p[j]
          if quote != 0 { if d == quote { quote = 0 } }
          else if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") { quote = d }
          else if d == UInt8(ascii: ">") { break }
          j += 1
        }
        j += 1
        continue
      }
      j += 1
    }
    return n
  }

  private mutating func entityDeclaration(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let n = p.count
    var j = i
    func skipSpace() { while j < n && (p[j] == 0x20 || p[j] == 0x09 || p[j] == 0x0A || p[j] == 0x0D) { j += 1 } }
    skipSpace()
    var parameter = false
    if j < n && p[j] == UInt8(ascii: "%") { parameter = true; j += 1; skipSpace() }
    let nameStart = j
    while j < n && isNameChar(p[j]) { j += 1 }
    let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<j]), as: UTF8.self)
    skipSpace()
    var value: [UInt8]?
    if j < n && (p[j] == UInt8(ascii: "\"") || p[j] == UInt8(ascii: "'")) {
      let quote = p[j]
      let valueStart = j + 1
      j += 1
      while j < n && p[j] != quote { j += 1 }
      if !parameter && !name.isEmpty {
        value = expandDeclared(UnsafeBufferPointer(rebasing: p[valueStart..<min(j, n)]))
      }
      j += 1
    }
    // The rest of the declaration (external ids, NDATA), quotes respected.
    var quote: UInt8 = 0
    while j < n {
      let d = p[j]
      if quote != 0 { if d == quote { quote = 0 } }
      else if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") { quote = d }
      else if d == UInt8(ascii: ">") { j += 1; break }
      j += 1
    }
    if let value, entities[name] == nil {
      entities[name] = value
      if !final { undo.append(.entity(name)) }
    }
    return j
  }

  /// The replacement text of a declared entity, with references to earlier declared ones
  /// expanded; nil when it holds markup or grows past the per-entity bound (a "laughs" bomb).
  private func expandDeclared(_ v: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var result = [UInt8]()
    var k = 0
    while k < v.count {
      let c = v[k]
      if c == UInt8(ascii: "<") || c == UInt8(ascii: "%") { return nil }
      if c == UInt8(ascii: "&") && k + 1 < v.count && v[k + 1] != UInt8(ascii: "#") {
        var e = k + 1
        while e < v.count && isNameChar(v[e]) { e += 1 }
        guard e < v.count, v[e] == UInt8(ascii: ";") else { return nil }
        let nameBytes = UnsafeBufferPointer(rebasing: v[(k + 1)..<e])
        if isPredefined(nameBytes) {
          result.append(contentsOf: UnsafeBufferPointer(rebasing: v[k...e]))
        } else {
          guard let inner = entities[String(decoding: nameBytes, as: UTF8.self)] else { return nil }
          result.append(contentsOf: inner)
        }
        k = e + 1
      } else {
        result.append(c)
        k += 1
      }
      if result.count > limits.maximumEntityBytes { return nil }
    }
    return result
  }
}

@inline(__always)
private func isNameStart(_ c: UInt8) -> Bool {
  (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == UInt8(ascii: "_")
    || c == UInt8(ascii: ":") || c >= 0x80
}

@inline(__always)
private func isNameChar(_ c: UInt8) -> Bool {
  isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
}

/// A C0 control character XML forbids (all but tab, line feed, carriage return).
@inline(__always)
private func isForbiddenControl(_ c: UInt8) -> Bool {
  c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D
}

/// A byte a start tag's scan must stop at: `>`, `<`, a quote, `=` or a forbidden control.
@inline(__always)
private func isTagSpecial(_ c: UInt8) -> Bool {
  c == UInt8(ascii: ">") || c == UInt8(ascii: "<") || c == UInt8(ascii: "\"")
    || c == UInt8(ascii: "'") || c == UInt8(ascii: "=") || isForbiddenControl(c)
}

/// Whether one of the eight bytes of `w` may be `<`, `&`, below 0x20 or 0xEF (false
/// positives allowed, never false negatives): the bytes the text scan stops at.
@inline(__always)
private func mayHoldTextSpecial(_ w: UInt64) -> Bool {
  let ones: UInt64 = 0x0101_0101_0101_0101
  let high: UInt64 = 0x8080_8080_8080_8080
  @inline(__always) func hasZeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
  return (hasZeroByte(w ^ (ones &* 0x3C)) | hasZeroByte(w ^ (ones &* 0x26))) != 0
    || mayHoldControlOrEF(w)
}

/// Whether one of the eight bytes of `w` may be below 0x20 or 0xEF (false positives
/// allowed, never false negatives): the bytes a scrubbing copy looks at.
@inline(__always)
private func mayHoldControlOrEF(_ w: UInt64) -> Bool {
  let ones: UInt64 = 0x0101_0101_0101_0101
  let high: UInt64 = 0x8080_8080_8080_8080
  let below20 = (w &- ones &* 0x20) & ~w & high
  let v = w ^ (ones &* 0xEF)
  return (below20 | ((v &- ones) & ~v & high)) != 0
}

/// The line feeds in `p[from..<to]`, counted eight bytes at a time.
private func newlineCount(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
  guard from < to else { return 0 }
  let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
  let feeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
  let base = UnsafeRawPointer(p.baseAddress!)
  var count = 0
  var k = from
  while k + 8 <= to {
    let v = base.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ feeds
    // The high bit of each byte that was a line feed (zero after the xor), exactly.
    let zeroBytes = ~(((v & low7) &+ low7) | v | low7)
    count += zeroBytes.nonzeroBitCount
    k += 8
  }
  while k < to {
    if p[k] == 0x0A { count += 1 }
    k += 1
  }
  return count
}
