/// Markup bytes turned into UTF-8, with the encoding they were read as.
public struct DecodedInput: Sendable {
  /// UTF-8, no byte order mark, invalid sequences repaired.
  public var bytes: [UInt8]
  /// Lower-case IANA name of the encoding actually used (`utf-8`, `windows-1252`, …).
  public var encoding: String
  /// Encoding problems (`character-encoding-override`, `character-encoding-unknown`,
  /// `non-xml-content-type`, `not-well-formed` for repaired bytes).
  public var issues: [XMLIssue]
}

/// Encoding detection for XML documents as RFC 7303 and feedparser do it: byte order mark,
/// then the HTTP charset (with `text/xml`'s default), then the XML declaration, then UTF-8,
/// then windows-1252. An `iso-8859-1` label is decoded as windows-1252, as browsers do; UTF-8
/// that is labelled Latin-1 is read as UTF-8.
///
/// The decision has two steps: the label (`Label`, from the first bytes and the transport),
/// then the codec (`Resolution`, from facts about the whole body: is it valid UTF-8, does it
/// hold C1 bytes, does iconv accept it). `decode` takes both on bytes in memory;
/// `XMLStreamDecoder` on an input read in chunks, with the same results.
public enum XMLDecoder {
  public static func decode(_ bytes: [UInt8], contentType: String? = nil) -> DecodedInput {
    let label = Label(head: bytes, contentType: contentType)
    // No byte order mark (the usual case): share the input instead of copying it whole.
    let body = label.bomLength == 0 ? bytes : Array(bytes[label.bomLength...])
    var facts = BodyFacts()
    body.withUnsafeBufferPointer { facts.add($0, isLast: true) }
    var iconvOutput: [UInt8] = []
    let resolution = Resolution(label: label, facts: facts, bodyHead: body.prefix(4)) { name in
      guard let converted = Iconv.toUTF8(body, from: name) else { return false }
      iconvOutput = converted
      return true
    }
    var issues = resolution.issues
    var out: [UInt8]
    var repaired = 0
    switch resolution.codec {
    case .utf8:
      out = body
    case .iconv:
      out = iconvOutput
    default:
      var transcoder = Transcoder(resolution.codec)
      out = []
      out.reserveCapacity(body.count + body.count / 8 + 16)
      body.withUnsafeBufferPointer { transcoder.run($0, isLast: true, into: &out) }
      repaired = transcoder.repaired
    }
    if repaired > 0 { issues.append(repairedIssue(repaired)) }
    return DecodedInput(bytes: out, encoding: resolution.encoding, issues: issues)
  }

  static func repairedIssue(_ count: Int) -> XMLIssue {
    XMLIssue(code: "not-well-formed", message: "\(count) invalid byte sequence(s) replaced")
  }

  // MARK: - The label

  /// What the first bytes and the transport say the encoding is.
  struct Label {
    var issues: [XMLIssue] = []
    /// What the document (or its transport) said it was.
    var claimed: String?
    var chosen: String
    var bomLength: Int

    /// `head`: the first bytes of the input (1 KB or more, or all of it).
    init(head bytes: [UInt8], contentType: String?) {
      let sniffed = sniff(bytes)
      let declared = declaredEncoding(bytes, family: sniffed.family)
      bomLength = sniffed.bomLength

      if let contentType {
        let (mime, charset) = parseContentType(contentType)
        if isApplicationXML(mime) {
          claimed = charset ?? declared
          chosen = claimed ?? sniffed.name ?? "utf-8"
        } else if isTextXML(mime) {
          claimed = charset ?? "us-ascii"
          chosen = claimed!
        } else {
          if !mime.isEmpty {
            issues.append(XMLIssue(code: "non-xml-content-type",
              message: "served as \(mime), not as XML"))
          }
          claimed = charset ?? declared
          chosen = claimed ?? sniffed.name ?? "utf-8"
        }
      } else {
        claimed = declared
        chosen = declared ?? sniffed.name ?? "utf-8"
      }

      // A byte order mark, or the shape of `<?xml` in a 16/32-bit or EBCDIC encoding, is
      // stronger than any label: a label of another family is a lie.
      if sniffed.family == .ebcdic {
        if EncodingName.family(of: chosen) != .ebcdic { chosen = "cp037" }
      } else if let structural = sniffed.name, sniffed.hasBOM || sniffed.family != .ascii {
        if let claimed, !EncodingName.sameCodec(claimed, structural) {
          issues.append(XMLIssue(code: "character-encoding-override",
            message: "declared \(claimed), but the bytes are \(structural)"))
        }
        chosen = structural
        claimed = nil
      } else if EncodingName.family(of: chosen) != .ascii {
        // 8-bit bytes labelled UTF-16/32 (or EBCDIC): the label cannot be right.
        issues.append(XMLIssue(code: "character-encoding-override",
          message: "declared \(chosen), but the bytes are 8-bit"))
        claimed = nil
        chosen = "utf-8"
      }
    }

    /// The encoding iconv must check the whole body in, if any (only the chosen one can be).
    var iconvName: String? {
      let name = EncodingName.canonical(chosen)
      return Codec.builtIn(name) == nil && EncodingName.isAllowed(name) ? name : nil
    }

    /// Whether the decision depends on the body at all (16/32-bit input decodes always).
    var needsFacts: Bool {
      switch Codec.builtIn(EncodingName.canonical(chosen)) {
      case .utf16?, .utf32?, .table?: return false
      default: return true
      }
    }
  }

  // MARK: - The codec

  /// How the body turns into UTF-8.
  enum Codec {
    /// Already valid UTF-8 (or ASCII): passed through.
    case utf8
    /// UTF-8 with a few invalid sequences, each replaced by U+FFFD.
    case utf8Repaired
    case windows1252
    /// `skip`: bytes of a byte order mark left at the start of the body.
    case utf16(bigEndian: Bool, skip: Int)
    case utf32(bigEndian: Bool, skip: Int)
    /// A Mac code page glibc lacks: the upper 128 code points.
    case table([UInt16])
    case iconv(String)

    /// The codecs decoded here rather than by iconv (their endianness and byte order mark
    /// still to be read from the body).
    static func builtIn(_ name: String) -> Codec? {
      switch name {
      case "utf-8", "us-ascii": return .utf8
      case "iso-8859-1", "windows-1252": return .windows1252
      case "utf-16le", "utf-16be", "utf-16": return .utf16(bigEndian: false, skip: 0)
      case "utf-32le", "utf-32be", "utf-32": return .utf32(bigEndian: false, skip: 0)
      default: return MacCodePages.table(for: name).map { .table($0) }
      }
    }
  }

  /// The facts about the whole body the choice of codec depends on, gathered chunk by chunk.
  struct BodyFacts {
    var utf8 = UTF8Scan()
    /// The start of a sequence the last chunk cut (at most 3 bytes).
    private var carry: [UInt8] = []

    /// Adds the next chunk of the body; `isLast` on the last one.
    mutating func add(_ chunk: UnsafeBufferPointer<UInt8>, isLast: Bool) {
      var rest = chunk[...]
      if !carry.isEmpty {
        // The cut sequence needs at most 3 more bytes: join them to it, not the whole chunk.
        var joined = carry
        joined.append(contentsOf: chunk.prefix(3))
        let held = carry.count
        let used = joined.withUnsafeBufferPointer {
          utf8.add($0, isLast: isLast && chunk.count <= 3, upTo: held)
        }
        if used < held {
          carry = Array(joined[used...])  // a chunk too short to finish it: wait for more
          return
        }
        carry = []
        rest = chunk[(used - held)...]
      }
      let p = UnsafeBufferPointer(rebasing: rest)
      let used = utf8.add(p, isLast: isLast)
      if used < p.count { carry = Array(p[used...]) }
    }
  }

  /// The encoding and codec chosen, with the issues the choice raised.
  struct Resolution {
    var encoding = "windows-1252"
    var codec = Codec.windows1252
    var issues: [XMLIssue]

    /// `bodyHead`: the first bytes of the body (after a byte order mark); `iconvAccepts`:
    /// whether iconv decodes the whole body in the encoding named.
    init(
      label: Label, facts: BodyFacts, bodyHead: ArraySlice<UInt8>,
      iconvAccepts: (String) -> Bool
    ) {
      issues = label.issues
      let chosen = label.chosen
      var candidates = [chosen]
      let scan = facts.utf8
      if EncodingName.isLatin(chosen) && scan.invalid == 0 && scan.multibyte > 0 {
        candidates.insert("utf-8", at: 0)  // UTF-8 mislabelled as Latin-1
      }
      candidates += ["utf-8", "windows-1252"]

      for (index, candidate) in candidates.enumerated() {
        guard let (codec, used) = Resolution.codec(
          candidate, facts: facts, bodyHead: bodyHead, iconvAccepts: iconvAccepts)
        else {
          if index == 0 && !EncodingName.isKnown(candidate) {
            issues.append(XMLIssue(code: "character-encoding-unknown",
              message: "unknown or refused encoding '\(candidate)'"))
          }
          continue
        }
        if let claimed = label.claimed, !EncodingName.sameCodec(claimed, used) {
          issues.append(XMLIssue(code: "character-encoding-override",
            message: "declared \(claimed), read as \(used)"))
        } else if label.claimed == nil && index > 0 && !issues.contains(where: {
          $0.code == "character-encoding-override"
        }) {
          issues.append(XMLIssue(code: "character-encoding-override",
            message: "not valid \(candidates[0]), read as \(used)"))
        }
        encoding = used
        self.codec = codec
        return
      }
      // windows-1252 decodes every byte: not reached.
    }

    /// How `label` decodes the body and the name it goes by; nil when the label is unknown
    /// or refused, or the body is not valid in it.
    static func codec(
      _ label: String, facts: BodyFacts, bodyHead body: ArraySlice<UInt8>,
      iconvAccepts: (String) -> Bool
    ) -> (Codec, String)? {
      let name = EncodingName.canonical(label)
      let scan = facts.utf8
      let b = Array(body)
      switch name {
      case "utf-8":
        if scan.invalid == 0 { return (.utf8, "utf-8") }
        // Mostly UTF-8 with a few bad bytes: repair rather than turn the whole feed into
        // windows-1252 mojibake.
        guard scan.multibyte > scan.invalid else { return nil }
        return (.utf8Repaired, "utf-8")
      case "us-ascii":
        return scan.invalid == 0 && scan.multibyte == 0 ? (.utf8, "us-ascii") : nil
      case "iso-8859-1", "windows-1252":
        return (.windows1252, name == "iso-8859-1" && !scan.hasC1 ? "iso-8859-1" : "windows-1252")
      case "utf-16le", "utf-16be", "utf-16":
        var bigEndian = name == "utf-16be"
        var skip = 0
        if b.count >= 2 {
          if b[0] == 0xFE && b[1] == 0xFF { bigEndian = true; skip = 2 }
          else if b[0] == 0xFF && b[1] == 0xFE { bigEndian = false; skip = 2 }
          else if name == "utf-16" { bigEndian = b[0] == 0 }
        }
        return (.utf16(bigEndian: bigEndian, skip: skip), bigEndian ? "utf-16be" : "utf-16le")
      case "utf-32le", "utf-32be", "utf-32":
        var bigEndian = name == "utf-32be"
        if name == "utf-32", b.count >= 4 { bigEndian = b[0] == 0 }
        let bom = b.count >= 4 && (b[0..<4] == [0xFF, 0xFE, 0, 0] || b[0..<4] == [0, 0, 0xFE, 0xFF])
        return (.utf32(bigEndian: bigEndian, skip: bom ? 4 : 0), bigEndian ? "utf-32be" : "utf-32le")
      default:
        if let table = MacCodePages.table(for: name) { return (.table(table), name) }
        guard EncodingName.isAllowed(name), iconvAccepts(name) else { return nil }
        return (.iconv(name), name)
      }
    }
  }
}

/// `XMLDecoder.decode` for an input read in chunks, in two passes: `scan` every chunk of the
/// body for the facts the encoding depends on, `decide`, then `decode` every chunk again.
/// The encoding, the UTF-8 bytes and the issues are those `decode` gives on the whole input;
/// memory stays flat whatever its size.
public struct XMLStreamDecoder {
  private let label: XMLDecoder.Label
  private var facts = XMLDecoder.BodyFacts()
  private var bodyHead: [UInt8]
  private var iconvCheck: IconvStream?
  private var iconvFailed = false
  private var scratch: [UInt8] = []
  private var transcoder: XMLDecoder.Transcoder?
  private var resolution: XMLDecoder.Resolution?

  /// `head`: the first bytes of the input (at least 1 KB, or all of it); `contentType`: the
  /// HTTP `Content-Type` it came with.
  public init(head: [UInt8], contentType: String? = nil) {
    label = XMLDecoder.Label(head: head, contentType: contentType)
    bodyHead = Array(head.dropFirst(label.bomLength).prefix(4))
    if let name = label.iconvName { iconvCheck = IconvStream(name) }
  }

  /// Bytes at the start of the input (a byte order mark) that are not part of the body:
  /// both passes start after them.
  public var bodyOffset: Int { label.bomLength }

  /// Whether the encoding depends on the body; when not, `scan` can be skipped.
  public var needsScan: Bool { label.needsFacts }

  /// First pass: the next chunk of the body; `isLast` on the last one (which may be empty).
  public mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, isLast: Bool) {
    facts.add(chunk, isLast: isLast)
    if let iconv = iconvCheck, !iconvFailed {
      scratch.removeAll(keepingCapacity: true)
      if !iconv.convert(chunk, isLast: isLast, into: &scratch) { iconvFailed = true }
    }
  }

  /// Chooses the encoding (after the first pass) and returns its name.
  public mutating func decide() -> String {
    if let resolution { return resolution.encoding }
    let iconvOK = iconvCheck != nil && !iconvFailed
    let checked = label.iconvName
    let resolution = XMLDecoder.Resolution(
      label: label, facts: facts, bodyHead: bodyHead[...],
      iconvAccepts: { $0 == checked && iconvOK })
    self.resolution = resolution
    iconvCheck = nil
    transcoder = XMLDecoder.Transcoder(resolution.codec)
    return resolution.encoding
  }

  /// Second pass: the next chunk of the body, whose UTF-8 goes to `emit` (in pieces of any
  /// size, lent for the call); `isLast` on the last one.
  public mutating func decode(
    _ chunk: UnsafeBufferPointer<UInt8>, isLast: Bool,
    emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    if transcoder == nil { _ = decide() }
    if case .utf8 = resolution!.codec {
      if !chunk.isEmpty { emit(chunk) }
      return
    }
    scratch.removeAll(keepingCapacity: true)
    transcoder!.run(chunk, isLast: isLast, into: &scratch)
    if !scratch.isEmpty { scratch.withUnsafeBufferPointer { emit($0) } }
  }

  /// The encoding problems met: complete after the last `decode`.
  public var issues: [XMLIssue] {
    var issues = resolution?.issues ?? label.issues
    if let repaired = transcoder?.repaired, repaired > 0 {
      issues.append(XMLDecoder.repairedIssue(repaired))
    }
    return issues
  }
}
