#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
internal import CLibXML2

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
///   check is quadratic in them);
/// - escaped text (from a predefined reference inside the root element on, as in escaped
///   HTML), CDATA sections and long plain text in the root element do not go to libxml2 at
///   all: they are decoded here into `runs` ("diverted text") and a marker `<?_?>` takes
///   their place, which the parser turns back into the text (see `feedloom_run_marker`).
///   libxml2 would make a call of every reference, or, as a CDATA section, check, scan and
///   skip every byte three times; the input is valid UTF-8 (`XMLDecoder`), so nothing of
///   that is needed. Each record carries the text's line feeds, which the marker adds to
///   libxml2's line count: the lines are the same.
///
/// Input comes in chunks (`feed`), output goes to `emit` in chunks, so memory stays flat
/// whatever the input size. A construct cut by a chunk boundary (a tag, a reference, a
/// comment…) is scanned again once more bytes came, as if the input had been whole: the
/// output, its chunking and the issues are the same however the input was split.
struct XMLPreparer {
  let limits: XMLLimits
  var log: IssueLog
  /// Output that differs from the input (edits, and the unchanged bytes before them since the
  /// last emit). Unchanged bytes are not copied until an edit needs them to be: the output is
  /// `out` followed by the run `p[runStart..<i]` of the buffer being scanned, and a run is
  /// handed to `emit` straight from the input.
  private var out: [UInt8] = []
  /// Start of the unchanged run of the buffer being scanned not yet in `out` or emitted.
  private var runStart = 0
  private var entities: [String: [UInt8]] = [:]
  private var expansionLeft: Int
  /// Lines are counted only when an issue needs one (and at the end of a buffer that is not
  /// the last, for the next one): up to `lineCountedTo` of the buffer, `line` is known.
  private var lineCountedTo = 0
  private var line = 1
  private var reportedNames: Set<String> = []
  /// Elements open at the scan position, as far as the tags tell: text is rewritten only
  /// inside the root element.
  private var depth = 0
  /// The diverted text, read by the parser's marker callback.
  let runs = DivertedRuns()
  /// Whether text is being diverted (see `scan`): `runStart` is then the start of the
  /// plain bytes of the buffer not yet in `runs`.
  private var inRun = false
  /// Where the header of the record being written starts in `runs`.
  private var runHeader = 0
  /// The line feeds of the input the record being written stands for, up to
  /// `runLinesFrom` of the buffer being scanned.
  private var runNewlines = 0
  private var runLinesFrom = 0
  /// The diverted bytes still held right after the last emit between constructs.
  private var runsLeftAtEmit = 0

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
    var runStart: Int
    var issues: Int
    var dropped: Int
    var expansionLeft: Int
    var line: Int
    var lineCountedTo: Int
    var depth: Int
  }

  static let chunkSize = 1 << 16
  /// The longest record of diverted text (its length goes to libxml2's callbacks as an int);
  /// longer text takes several.
  static let maximumRunBytes = 1 << 24
  /// Plain text at least this long (before the next byte that needs a decision) is diverted.
  static let divertedTextLength = 64
  /// Bytes a character or entity reference can span (`&` + 64 name bytes + `;`, or
  /// `&#x` + 10 digits + `;`), with room.
  static let referenceSpan = 72
  /// The longest markup prefix told apart at `<` (`<![CDATA[`, `<!DOCTYPE`).
  static let markupPrefix = 9

  init(limits: XMLLimits) {
    self.limits = limits
    log = IssueLog(limit: limits.maximumIssues)
    expansionLeft = limits.maximumExpansionBytes
  }

  /// Prepares a whole input.
  mutating func run(_ input: [UInt8], emit: (UnsafeBufferPointer<UInt8>) -> Void) {
    input.withUnsafeBufferPointer { feed($0, final: true, emit: emit) }
  }

  /// Prepares the next chunk of the input; `final` on the last one (which may be empty).
  /// The output goes to `emit` in pieces lent for the call.
  mutating func feed(
    _ chunk: UnsafeBufferPointer<UInt8>, final: Bool, emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    self.final = final
    if carry.isEmpty {
      let stop = scan(chunk, emit: emit)
      endBuffer(chunk, at: stop, emit: emit)
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
          endBuffer(p, at: stop, emit: emit)
          return stop
        }
        if stop < buffer.count {
          buffer.removeSubrange(0..<stop)
          carry = buffer
          retryAt = 2 * carry.count
        }
      }
    }
    if final { emitOut(emit) }
  }

  /// At the end of the scan of `p` (stopped at `stop`): the last buffer's output goes out
  /// whole; otherwise its unchanged tail is kept in `out` (the buffer is only lent) and its
  /// lines are counted, since the next buffer starts there.
  private mutating func endBuffer(
    _ p: UnsafeBufferPointer<UInt8>, at stop: Int, emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    // Diverted text goes on into the next buffer (it never ends inside a construct, so the
    // scan stopped at the end): a character the buffer cuts is completed there.
    if inRun {
      if final {
        closeRun(p, at: stop)
      } else {
        divert(p, upTo: stop)
        runNewlines += newlineCount(p, from: runLinesFrom, to: stop)
        runLinesFrom = 0
      }
    }
    if final {
      emitOut(emit)
      if stop > runStart { emit(UnsafeBufferPointer(rebasing: p[runStart..<stop])) }
    } else {
      take(p, upTo: stop)
      _ = lineAt(p, stop)
    }
    runStart = 0
    lineCountedTo = 0
  }

  /// Where the UTF-8 character that `p[..<end]` cuts short begins (not before `floor`);
  /// `end` when it cuts none.
  private func characterStart(
    _ p: UnsafeBufferPointer<UInt8>, cutBy end: Int, notBefore floor: Int
  ) -> Int {
    var lead = end - 1
    while lead > floor, end - lead < 4, p[lead] & 0xC0 == 0x80 { lead -= 1 }
    guard lead >= floor, p[lead] >= 0xC0 else { return end }
    let length = p[lead] >= 0xF0 ? 4 : p[lead] >= 0xE0 ? 3 : 2
    return lead + length > end ? lead : end
  }

  private mutating func emitOut(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
    guard !out.isEmpty else { return }
    out.withUnsafeBufferPointer { emit($0) }
    out.removeAll(keepingCapacity: true)
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

  // MARK: - Output

  /// Moves the unchanged bytes before `k` into `out`, ahead of an edit at `k`.
  @inline(__always)
  private mutating func take(_ p: UnsafeBufferPointer<UInt8>, upTo k: Int) {
    if k > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<k])) }
    runStart = k
  }

  /// Leaves `p[a..<b]` out of the output.
  @inline(__always)
  private mutating func drop(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) {
    take(p, upTo: a)
    runStart = b
  }

  /// Puts `s` in the output in place of `p[a..<b]`.
  private mutating func replace(
    _ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, with s: StaticString
  ) {
    take(p, upTo: a)
    out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    runStart = b
  }

  /// Between two constructs: hands the output to `emit` once a chunk's worth is waiting
  /// (output or diverted text), the unchanged run straight from the input.
  @inline(__always)
  private mutating func flushIfFull(
    _ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    // Diverted text counts too: it is held until libxml2 reads its markers (text libxml2
    // left unread at the last emit does not count again).
    if out.count + (i - runStart) + max(0, runs.count - runsLeftAtEmit) >= XMLPreparer.chunkSize {
      emitOut(emit)
      if i > runStart { emit(UnsafeBufferPointer(rebasing: p[runStart..<i])) }
      runStart = i
      runsLeftAtEmit = runs.count
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
    return Mark(out: out.count, runStart: runStart, issues: log.issues.count,
      dropped: log.dropped, expansionLeft: expansionLeft, line: line,
      lineCountedTo: lineCountedTo, depth: depth)
  }

  private mutating func rollBack(to mark: Mark) {
    out.removeSubrange(mark.out...)
    runStart = mark.runStart
    log.issues.removeSubrange(mark.issues...)
    log.dropped = mark.dropped
    expansionLeft = mark.expansionLeft
    line = mark.line
    lineCountedTo = mark.lineCountedTo
    depth = mark.depth
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
  private mutating func scan(
    _ p: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) -> Int {
    let n = p.count
    runStart = 0
    var i = 0
    while i < n {
      if inRun {
        let (stop, handled) = runLoop(p, from: i)
        i = stop
        if handled { continue }
      } else {
        // Ordinary text up to the next byte that needs a decision stays as it is; a long
        // stretch of it in the root element is diverted too (libxml2 spends more on it, byte
        // by byte and most on non-ASCII characters, than on a marker).
        let stop = textStop(p, from: i, inRun: false)
        if depth > 0 && stop - i >= XMLPreparer.divertedTextLength && p[i] & 0xC0 != 0x80 {
          openRun(p, at: i)
          continue
        }
        i = stop
      }
      guard i < n else { break }
      let b = p[i]
      if b == UInt8(ascii: "&"), final || n - i >= XMLPreparer.referenceSpan {
        if let end = predefinedReferenceEnd(p, i) {
          if depth > 0 {
            // Escaped HTML is mostly `&lt;` and the like, and libxml2 makes a call of every
            // one: the text is diverted instead, references decoded.
            if inRun {
              divert(p, upTo: i)
              splitIfLong(p, at: i)
            } else {
              openRun(p, at: i)
            }
            runs.append(predefinedCharacter(p[i + 1], p[i + 2]))
            runStart = end
          }
          i = end
          continue
        }
        if inRun, let (value, end) = plainCharacterReference(p, i) {
          divert(p, upTo: i)
          runs.appendUTF8(value)
          runStart = end
          i = end
          continue
        }
      }
      if inRun, let next = stepInRun(p, i) {
        i = next
        continue
      }
      closeRun(p, at: i)
      if b == UInt8(ascii: "]") || b == 0x0D {
        // Ended diverted text: plain text after it.
        i += 1
        continue
      }
      let start = i
      let before = final ? nil : mark()
      if b == UInt8(ascii: "<") {
        i = markup(p, i)
      } else if b == UInt8(ascii: "&") {
        i = reference(p, i, quote: 0)
      } else {
        i = forbidden(p, i)
      }
      if starved, let before {
        rollBack(to: before)
        return start
      }
      flushIfFull(p, i, emit)
    }
    return n
  }

  // MARK: - Diverted text

  /// The hot loop of diverted text: plain bytes, predefined and character references and
  /// what `stepInRun` passes, written straight into `runs` (reserved ahead: decoded text is
  /// never longer than its input). Returns where it stopped (everything before is in
  /// `runs`), and whether it stopped only because the reserved room ended (`scan` then comes
  /// back) rather than at a byte for the general code or at the end of the buffer.
  private mutating func runLoop(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool) {
    let n = p.count
    let base = p.baseAddress!
    let span = min(n - runStart, 1 << 20)
    runs.reserve(span + 32)
    // Input up to `bound` fits the room reserved (plus a vector's slack for the stores).
    let bound = runStart + span
    let bounded = UnsafeBufferPointer(start: base, count: bound)
    let bytes = runs.pointer.pointee.bytes!
    var dst = bytes + runs.count
    let recordEnd = bytes + runHeader + XMLPreparer.maximumRunBytes
    var plain = runStart
    var i = start
    var roomEnded = false
    while true {
      i = textStop(bounded, from: i, inRun: true)
      copyShort(from: base + plain, count: i - plain, to: dst, readableTo: base + n)
      dst += i - plain
      plain = i
      guard i < bound else {
        roomEnded = i < n
        break
      }
      let b = base[i]
      if b == UInt8(ascii: "&") {
        guard final || n - i >= XMLPreparer.referenceSpan, dst < recordEnd else { break }
        if let end = predefinedReferenceEnd(p, i) {
          dst.pointee = predefinedCharacter(base[i + 1], base[i + 2])
          dst += 1
          i = end
          plain = end
          continue
        }
        if let (value, end) = plainCharacterReference(p, i) {
          dst += writeUTF8(value, to: dst)
          i = end
          plain = end
          continue
        }
        break
      }
      if b == UInt8(ascii: "]") {
        guard i + 2 < n, base[i + 1] != UInt8(ascii: "]") || base[i + 2] != UInt8(ascii: ">") else {
          break
        }
        i += 1
        continue
      }
      if b == 0xEF {
        guard i + 2 < n, base[i + 1] != 0xBF || base[i + 2] < 0xBE else { break }
        i += 1
        continue
      }
      break
    }
    runs.pointer.pointee.count = dst - bytes
    runStart = plain
    return (i, roomEnded)
  }

  /// Starts diverting text at `p[i]`.
  private mutating func openRun(_ p: UnsafeBufferPointer<UInt8>, at i: Int) {
    take(p, upTo: i)
    runHeader = runs.openRecord()
    runNewlines = 0
    runLinesFrom = i
    inRun = true
  }

  /// Moves the plain bytes of the diverted text before `k` into `runs`.
  @inline(__always)
  private mutating func divert(_ p: UnsafeBufferPointer<UInt8>, upTo k: Int) {
    if k > runStart {
      runs.append(UnsafeBufferPointer(rebasing: p[runStart..<k]))
      runStart = k
    }
  }

  /// At a reference in diverted text (a character's start): a record's length must fit
  /// libxml2's int, so a long one ends there and the text goes on in a new one.
  @inline(__always)
  private mutating func splitIfLong(_ p: UnsafeBufferPointer<UInt8>, at i: Int) {
    guard runs.count - runHeader > XMLPreparer.maximumRunBytes else { return }
    runNewlines += newlineCount(p, from: runLinesFrom, to: i)
    runLinesFrom = i
    endRecord(at: runHeader, newlines: runNewlines)
    runHeader = runs.openRecord()
    runNewlines = 0
  }

  /// Ends the diverted text before `p[i]`, if any: its marker goes into the output.
  @inline(__always)
  private mutating func closeRun(_ p: UnsafeBufferPointer<UInt8>, at i: Int) {
    guard inRun else { return }
    divert(p, upTo: i)
    runNewlines += newlineCount(p, from: runLinesFrom, to: i)
    endRecord(at: runHeader, newlines: runNewlines)
    runStart = i
    inRun = false
  }

  /// Closes the record whose header is at `header` (with the `newlines` line feeds of the
  /// input it stands for, which the marker callback adds to libxml2's line count) and puts
  /// its marker in the output.
  private mutating func endRecord(at header: Int, newlines: Int) {
    runs.closeRecord(at: header, newlines: newlines)
    let marker: StaticString = "<?_?>"
    out.append(contentsOf: UnsafeBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount))
  }

  /// Diverts the content `p[a..<b]` of a CDATA section in the root element (`p[i..<end]`),
  /// without the characters XML forbids, as `scrub` would leave it (libxml2 passes a
  /// section's bytes on as they are, carriage returns too).
  private mutating func divertSection(
    _ p: UnsafeBufferPointer<UInt8>, _ i: Int, content a: Int, _ b: Int, end: Int
  ) {
    take(p, upTo: i)
    let header = runs.openRecord()
    var k = a
    while k < b {
      let stop = scrubStop(p, from: k, to: b)
      runs.append(UnsafeBufferPointer(rebasing: p[k..<stop]))
      guard stop < b else { break }
      if p[stop] != 0xEF {
        k = stop + 1
      } else if stop + 2 < b && p[stop + 1] == 0xBF && (p[stop + 2] == 0xBE || p[stop + 2] == 0xBF) {
        k = stop + 3
      } else {
        runs.append(0xEF)
        k = stop + 1
      }
    }
    endRecord(at: header, newlines: newlineCount(p, from: a, to: b))
    runStart = end
  }

  /// Inside diverted text, at a byte `textStop` stopped at that is not a reference: where
  /// the text goes on after it, or nil when the text ends there. libxml2 would fold a
  /// carriage return (with a line feed after it, or alone) into a line feed; `]` is
  /// plain text but for `]]>`, which libxml2 reports; 0xEF is plain but for U+FFFE and
  /// U+FFFF, which `forbidden` drops. At the end of a buffer that is not the last the
  /// text ends, and the byte is handled as it is outside.
  @inline(__always)
  private mutating func stepInRun(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
    let n = p.count
    switch p[i] {
    case UInt8(ascii: "]"):
      guard i + 2 < n, p[i + 1] != UInt8(ascii: "]") || p[i + 2] != UInt8(ascii: ">") else {
        return nil
      }
      return i + 1
    case 0xEF:
      guard i + 2 < n, p[i + 1] != 0xBF || p[i + 2] < 0xBE else { return nil }
      return i + 1
    case 0x0D:
      if i + 1 < n {
        divert(p, upTo: i)
        if p[i + 1] != 0x0A { runs.append(0x0A) }
        runStart = i + 1
        return i + 1
      }
      guard final else { return nil }
      divert(p, upTo: i)
      runs.append(0x0A)
      runStart = i + 1
      return i + 1
    default:
      return nil
    }
  }

  /// A character reference at `p[i]` that libxml2 would read as the character itself
  /// (one XML allows, few enough digits that the value cannot wrap): its value and end.
  @inline(__always)
  private func plainCharacterReference(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int)? {
    let n = p.count
    guard i + 3 < n, p[i + 1] == UInt8(ascii: "#") else { return nil }
    var j = i + 2
    let hex = p[j] == UInt8(ascii: "x")
    if hex { j += 1 }
    let first = j
    var value: UInt32 = 0
    while j < n, j - first < 7 {
      let c = p[j]
      if c >= 0x30 && c <= 0x39 {
        value = value * (hex ? 16 : 10) + UInt32(c - 0x30)
      } else if hex && c | 0x20 >= 0x61 && c | 0x20 <= 0x66 {
        value = value * 16 + UInt32(c | 0x20 - 0x61 + 10)
      } else {
        break
      }
      j += 1
    }
    guard j > first, j < n, p[j] == UInt8(ascii: ";"), isXMLChar(value) else { return nil }
    return (value, j + 1)
  }

  /// The character `&lt;`, `&gt;`, `&amp;`, `&quot;` or `&apos;` stands for, from its first
  /// two name bytes.
  @inline(__always)
  private func predefinedCharacter(_ a: UInt8, _ b: UInt8) -> UInt8 {
    switch a {
    case UInt8(ascii: "l"): return UInt8(ascii: "<")
    case UInt8(ascii: "g"): return UInt8(ascii: ">")
    case UInt8(ascii: "q"): return UInt8(ascii: "\"")
    default: return b == UInt8(ascii: "m") ? UInt8(ascii: "&") : UInt8(ascii: "'")
    }
  }

  /// At a control character or 0xEF: drops what XML forbids (C0 controls, U+FFFE, U+FFFF).
  private mutating func forbidden(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let b = p[i]
    if b == 0xEF {
      if i + 2 >= p.count { starve() }
      if i + 2 < p.count && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF) {
        report("not-well-formed", "character not allowed in XML dropped", p, i)
        drop(p, i, i + 3)
        return i + 3
      }
      // Another character: the scan goes on after it (diverted text must not start inside).
      if i + 2 < p.count && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 { return i + 3 }
      return i + 1
    }
    report("not-well-formed", "control character \(b) not allowed in XML dropped", p, i)
    drop(p, i, i + 1)
    return i + 1
  }

  /// Drops the characters XML forbids from `p[i..<j]`.
  private mutating func scrub(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) {
    guard !starved else { return }  // the construct is cut: scanned again, whole, later
    var k = scrubStop(p, from: i, to: j)
    while k < j {
      if p[k] != 0xEF {
        drop(p, k, k + 1)
        k += 1
      } else if k + 2 < j && p[k + 1] == 0xBF && (p[k + 2] == 0xBE || p[k + 2] == 0xBF) {
        drop(p, k, k + 3)
        k += 3
      } else {
        k += 1
      }
      k = scrubStop(p, from: k, to: j)
    }
  }

  /// Blanks `p[i..<j]`: spaces, new lines kept.
  private mutating func blank(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) {
    take(p, upTo: i)
    for k in i..<j { out.append(p[k] == 0x0A ? 0x0A : 0x20) }
    runStart = j
  }

  private func find(_ p: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
    let n = p.count
    let m = needle.utf8CodeUnitCount
    let bytes = needle.utf8Start
    let first = bytes[0]
    var i = from
    while i + m <= n {
      // memchr finds the next candidate first byte far faster than a byte loop.
      guard let hit = memchr(p.baseAddress! + i, Int32(first), n - m + 1 - i) else { return nil }
      i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p.baseAddress!
      var k = 1
      while k < m && p[i + k] == bytes[k] { k += 1 }
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

  /// At `<`: start tag, end tag, comment, CDATA, DOCTYPE or processing instruction.
  private mutating func markup(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let n = p.count
    if n - i < XMLPreparer.markupPrefix { starve() }
    if i + 1 < n {
      // Tags first: the markup that is everywhere (none of the prefixes below can match).
      let c = p[i + 1]
      if isNameStart(c) { return startTag(p, i) }
      if c == UInt8(ascii: "/") { return endTag(p, i) }
    }
    if hasPrefix(p, i, "<!--") {
      let end = find(p, "-->", from: i + 4).map { $0 + 3 } ?? unterminated(n)
      scrub(p, i, end)
      return end
    }
    if hasPrefix(p, i, "<![CDATA[") {
      let close = find(p, "]]>", from: i + 9)
      let end = close.map { $0 + 3 } ?? unterminated(n)
      if depth > 0, let close, !starved {
        // libxml2 would scan, check and skip every byte of the section: diverted instead.
        divertSection(p, i, content: i + 9, close, end: end)
      } else {
        scrub(p, i, end)
      }
      return end
    }
    if hasPrefix(p, i, "<!DOCTYPE", caseInsensitive: true) {
      let end = doctype(p, i)
      blank(p, i, end)
      return end
    }
    if hasPrefix(p, i, "<?") {
      let end = find(p, "?>", from: i + 2).map { $0 + 2 } ?? unterminated(n)
      if hasPrefix(p, i, "<?xml", caseInsensitive: true),
        i + 5 < n, p[i + 5] == 0x20 || p[i + 5] == 0x09 || p[i + 5] == 0x0A || p[i + 5] == 0x0D
          || p[i + 5] == UInt8(ascii: "?")
      {
        blank(p, i, end)
      } else {
        if i + 3 < n, p[i + 2] == UInt8(ascii: "_"), !isNameChar(p[i + 3]) {
          // `_` is the target of the markers of diverted text: the input's own is renamed
          // (libxml2 ignores both alike).
          replace(p, i + 2, i + 3, with: "x")
        }
        scrub(p, i, end)
      }
      return end
    }
    if i + 1 < n && p[i + 1] == UInt8(ascii: "!") {
      // Some other declaration (<!ELEMENT outside a DTD, …): copy up to `>`; libxml2 reports it.
      var j = i + 2
      while j < n && p[j] != UInt8(ascii: ">") { j += 1 }
      if j < n { j += 1 } else { starve() }
      scrub(p, i, j)
      return j
    }
    report("not-well-formed", "'<' not starting markup taken as text", p, i)
    replace(p, i, i + 1, with: "&lt;")
    return i + 1
  }

  /// At `</`: up to and with the `>` (or up to a `<` that opens the next markup).
  private mutating func endTag(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let n = p.count
    var j = i + 2
    var dirty = false
    while j < n {
      let c = p[j]
      if c == UInt8(ascii: ">") || c == UInt8(ascii: "<") { break }
      if c < 0x20 || c == 0xEF { dirty = true }
      j += 1
    }
    if j == n { starve() }
    if j < n && p[j] == UInt8(ascii: ">") { j += 1 }
    if depth > 0 { depth -= 1 }
    if dirty { scrub(p, i, j) }
    return j
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
    var attributes = 0
    var dropping = false
    while j < n {
      // Past the attribute cap everything but `/` and the end of the tag is left out.
      if dropping { runStart = j }
      let c = p[j]
      if c == UInt8(ascii: ">") {
        if p[j - 1] != UInt8(ascii: "/") { depth += 1 }
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
          // Remove the name of the attribute this `=` belongs to (from the output so far).
          var k = j
          while k > runStart && isNameChar(p[k - 1]) { k -= 1 }
          let wholeRun = k == runStart
          take(p, upTo: k)
          if wholeRun { while let last = out.last, isNameChar(last) { out.removeLast() } }
          runStart = j
        }
        j += 1
        continue
      }
      if dropping {
        if c == UInt8(ascii: "/") { take(p, upTo: j + 1) }
        j += 1
        continue
      }
      if isForbiddenControl(c) {
        drop(p, j, j + 1)
        j += 1
        continue
      }
      // Names, spaces and `/` up to the next byte that needs a decision stay as they are.
      j += 1
      while j < n && !isTagSpecial(p[j]) { j += 1 }
    }
    if dropping { runStart = j }
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
    while j < n {
      // Plain value bytes up to the next quote, `&`, `<` or control stay as they are.
      j = valueStop(p, from: j, quote: quote)
      guard j < n else { break }
      let c = p[j]
      if c == quote { return j + 1 }
      if c == UInt8(ascii: "&") {
        j = reference(p, j, quote: quote)
      } else if c == UInt8(ascii: "<") {
        replace(p, j, j + 1, with: "&lt;")
        j += 1
      } else {
        drop(p, j, j + 1)
        j += 1
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
    // The five predefined entities (most references in escaped HTML) stay as they are.
    if let end = predefinedReferenceEnd(p, i) { return end }
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
        if !isXMLChar(value) {
          report("not-well-formed", "character reference to a character XML forbids dropped", p, i)
          drop(p, i, j + 1)
        }
        return j + 1
      }
      report("not-well-formed", "malformed character reference taken as text", p, i)
      replace(p, i, i + 1, with: "&amp;")
      return i + 1
    }
    while j < n && j - i <= 64 && isNameChar(p[j]) { j += 1 }
    guard j > i + 1, j < n, p[j] == UInt8(ascii: ";") else {
      report("not-well-formed", "bare '&' taken as text", p, i)
      replace(p, i, i + 1, with: "&amp;")
      return i + 1
    }
    let nameBytes = UnsafeBufferPointer(rebasing: p[(i + 1)..<j])
    if isPredefined(nameBytes) { return j + 1 }
    let name = String(decoding: nameBytes, as: UTF8.self)
    if let value = entities[name] {
      if value.count <= expansionLeft {
        expansionLeft -= value.count
        take(p, upTo: i)
        appendExpansion(value, quote: quote)
        runStart = j + 1
        return j + 1
      }
      report("not-well-formed", "entity expansion budget spent: '&" + name + ";' left as text", p, i)
    } else if let text = HTMLEntities.lookup(name) {
      if firstReport(of: name) {
        report("undefined-entity", "HTML entity '&\(name);' used in XML", p, i)
      }
      take(p, upTo: i)
      for scalar in text.unicodeScalars { appendCharacterReference(scalar.value) }
      runStart = j + 1
      return j + 1
    } else if firstReport(of: name) {
      report("undefined-entity", "undefined entity '&\(name);' kept as text", p, i)
    }
    replace(p, i, i + 1, with: "&amp;")
    return i + 1
  }

  /// The end of `&lt;`, `&gt;`, `&amp;`, `&quot;` or `&apos;` at `p[i]`, if one is there.
  @inline(__always)
  private func predefinedReferenceEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
    guard i + 5 < p.count else { return nil }
    let a = p[i + 1], b = p[i + 2], c = p[i + 3]
    if (a == 0x6C || a == 0x67) && b == 0x74 && c == 0x3B { return i + 4 }  // lt gt
    if a == 0x61 && b == 0x6D && c == 0x70 && p[i + 4] == 0x3B { return i + 5 }  // amp
    if p[i + 5] == 0x3B
      && ((a == 0x71 && b == 0x75 && c == 0x6F && p[i + 4] == 0x74)  // quot
        || (a == 0x61 && b == 0x70 && c == 0x6F && p[i + 4] == 0x73))  // apos
    {
      return i + 6
    }
    return nil
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

  /// `&#v;` in decimal.
  private mutating func appendCharacterReference(_ v: UInt32) {
    out.append(UInt8(ascii: "&"))
    out.append(UInt8(ascii: "#"))
    var divisor: UInt32 = 1
    while divisor <= v / 10 { divisor *= 10 }
    var rest = v
    while divisor > 0 {
      out.append(0x30 + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
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
        j = find(p, "-->", from: j + 4).map { $0 + 3 } ?? unterminated(n)
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

// MARK: - Scanning sixteen bytes at a time

/// Sixteen input bytes. Comparisons of two vectors (not of a vector with a scalar) and the
/// mask operators compile to SSE2 instructions on all lanes at once (the constant vectors
/// are computed, not global constants: no lazy initialisation in the loops).
private typealias Lanes = SIMD16<UInt8>
private typealias LaneMask = SIMDMask<SIMD16<Int8>>

private var lessThanSign: Lanes { Lanes(repeating: UInt8(ascii: "<")) }
private var ampersands: Lanes { Lanes(repeating: UInt8(ascii: "&")) }
private var byteEF: Lanes { Lanes(repeating: 0xEF) }
private var spaces: Lanes { Lanes(repeating: 0x20) }
private var tabs: Lanes { Lanes(repeating: 0x09) }
private var lineFeeds: Lanes { Lanes(repeating: 0x0A) }
private var carriageReturns: Lanes { Lanes(repeating: 0x0D) }
private var closingBrackets: Lanes { Lanes(repeating: UInt8(ascii: "]")) }

/// The lanes holding a C0 control character XML forbids.
@inline(__always)
private func forbiddenControlLanes(_ v: Lanes) -> LaneMask {
  (v .< spaces) .& .!((v .== tabs) .| (v .== lineFeeds) .| (v .== carriageReturns))
}

/// The first lane set in `m`, if any.
@inline(__always)
private func firstMarkedLane(_ m: LaneMask) -> Int? {
  let words = unsafeBitCast(m, to: SIMD2<UInt64>.self)
  if (words[0] | words[1]) == 0 { return nil }
  if words[0] != 0 { return words[0].trailingZeroBitCount >> 3 }
  return 8 + words[1].trailingZeroBitCount >> 3
}

@inline(__always)
private func lanes(_ p: UnsafeBufferPointer<UInt8>, _ k: Int) -> Lanes {
  UnsafeRawPointer(p.baseAddress! + k).loadUnaligned(as: Lanes.self)
}

/// The first byte from `from` on that text cannot pass as it is: `<`, `&`, a control
/// character XML forbids, or 0xEF (which may start U+FFFE or U+FFFF); `p.count` if none.
/// In diverted text, also `]` and a carriage return (see `XMLPreparer.stepInRun`).
@inline(__always)
private func textStop(_ p: UnsafeBufferPointer<UInt8>, from: Int, inRun: Bool) -> Int {
  let n = p.count
  var k = from
  while k + 16 <= n {
    let v = lanes(p, k)
    let controls = inRun
      ? (v .< spaces) .& .!((v .== tabs) .| (v .== lineFeeds)) .| (v .== closingBrackets)
      : forbiddenControlLanes(v)
    let marked = (v .== lessThanSign) .| (v .== ampersands) .| (v .== byteEF) .| controls
    if let lane = firstMarkedLane(marked) { return k + lane }
    k += 16
  }
  while k < n {
    let c = p[k]
    if c == UInt8(ascii: "<") || c == UInt8(ascii: "&") || c == 0xEF { return k }
    if inRun
      ? (c < 0x20 && c != 0x09 && c != 0x0A) || c == UInt8(ascii: "]") : isForbiddenControl(c)
    {
      return k
    }
    k += 1
  }
  return n
}

/// The first byte of `p[from..<to]` a scrub must look at: a control character XML forbids
/// or 0xEF; `to` if none.
private func scrubStop(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
  var k = from
  while k + 16 <= to {
    let v = lanes(p, k)
    if let lane = firstMarkedLane((v .== byteEF) .| forbiddenControlLanes(v)) {
      return k + lane
    }
    k += 16
  }
  while k < to {
    let c = p[k]
    if isForbiddenControl(c) || c == 0xEF { return k }
    k += 1
  }
  return to
}

/// The first byte from `from` on that ends the plain run of an attribute value: its quote,
/// `&`, `<` or a control character XML forbids; `p.count` if none.
private func valueStop(_ p: UnsafeBufferPointer<UInt8>, from: Int, quote: UInt8) -> Int {
  let n = p.count
  var k = from
  let quotes = Lanes(repeating: quote)
  while k + 16 <= n {
    let v = lanes(p, k)
    let marked = (v .== quotes) .| (v .== ampersands) .| (v .== lessThanSign)
      .| forbiddenControlLanes(v)
    if let lane = firstMarkedLane(marked) { return k + lane }
    k += 16
  }
  while k < n {
    let c = p[k]
    if c == quote || c == UInt8(ascii: "&") || c == UInt8(ascii: "<") || isForbiddenControl(c) {
      return k
    }
    k += 1
  }
  return n
}

/// The line feeds in `p[from..<to]`, counted sixteen bytes at a time: each lane of a vector
/// counts its line feeds (a match is all ones, -1: subtracted, it adds one), and the lanes
/// are summed before any can pass 255.
private func newlineCount(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
  guard from < to else { return 0 }
  var count = 0
  var k = from
  while k + 16 <= to {
    var lanesCount = Lanes(repeating: 0)
    let stop = min(to, k + 255 * 16)
    while k + 16 <= stop {
      let feeds = unsafeBitCast(lanes(p, k) .== lineFeeds, to: Lanes.self)
      lanesCount &-= feeds
      k += 16
    }
    let halves = unsafeBitCast(lanesCount, to: SIMD2<UInt64>.self)
    count += byteSum(halves[0]) + byteSum(halves[1])
  }
  while k < to {
    if p[k] == 0x0A { count += 1 }
    k += 1
  }
  return count
}

/// The sum of the eight bytes of `w`: pairwise widening adds.
@inline(__always)
private func byteSum(_ w: UInt64) -> Int {
  var v = (w & 0x00FF_00FF_00FF_00FF) &+ ((w >> 8) & 0x00FF_00FF_00FF_00FF)
  v = (v & 0x0000_FFFF_0000_FFFF) &+ ((v >> 16) & 0x0000_FFFF_0000_FFFF)
  return Int((v & 0xFFFF_FFFF) &+ (v >> 32))
}

/// Copies `count` bytes from `src` to `dst`: sixteen at once when that many can be read
/// (the destination has a vector's slack), else memcpy.
@inline(__always)
private func copyShort(
  from src: UnsafePointer<UInt8>, count: Int, to dst: UnsafeMutablePointer<UInt8>,
  readableTo end: UnsafePointer<UInt8>
) {
  if count <= 16 && end - src >= 16 {
    UnsafeMutableRawPointer(dst).storeBytes(
      of: UnsafeRawPointer(src).loadUnaligned(as: Lanes.self), as: Lanes.self)
  } else if count > 0 {
    dst.update(from: src, count: count)
  }
}

/// Writes the UTF-8 form of the scalar `v` at `dst`; returns its length.
@inline(__always)
private func writeUTF8(_ v: UInt32, to dst: UnsafeMutablePointer<UInt8>) -> Int {
  if v < 0x80 {
    dst[0] = UInt8(v)
    return 1
  } else if v < 0x800 {
    dst[0] = UInt8(0xC0 | v >> 6)
    dst[1] = UInt8(0x80 | v & 0x3F)
    return 2
  } else if v < 0x10000 {
    dst[0] = UInt8(0xE0 | v >> 12)
    dst[1] = UInt8(0x80 | v >> 6 & 0x3F)
    dst[2] = UInt8(0x80 | v & 0x3F)
    return 3
  }
  dst[0] = UInt8(0xF0 | v >> 18)
  dst[1] = UInt8(0x80 | v >> 12 & 0x3F)
  dst[2] = UInt8(0x80 | v >> 6 & 0x3F)
  dst[3] = UInt8(0x80 | v & 0x3F)
  return 4
}
