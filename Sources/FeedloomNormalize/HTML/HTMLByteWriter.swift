/// A growable byte buffer for building output, without the per-append uniqueness checks of
/// `[UInt8]` (a measurable share of the sanitiser's time when it was one).
struct HTMLByteWriter: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  @inline(__always) private mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(count + extra) }
  }

  private mutating func grow(_ needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  /// Makes room for `extra` more bytes and returns where the next one goes, for loops that
  /// write through the pointer and then hand back where they stopped (`commit(upTo:)`).
  @inline(__always) mutating func tail(reserving extra: Int) -> UnsafeMutablePointer<UInt8> {
    reserve(extra)
    return base + count
  }

  /// Takes the bytes written through `tail(reserving:)` up to `end`.
  @inline(__always) mutating func commit(upTo end: UnsafeMutablePointer<UInt8>) {
    count = end - base
  }

  @inline(__always) mutating func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, bytes.count > 0 else { return }
    reserve(bytes.count)
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
    guard end > start else { return }
    append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
  }

  @inline(__always) mutating func appendASCII(_ literal: StaticString) {
    append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Writes markup around a name in one reservation: up to two ASCII bytes before it and up
  /// to two after it, each pair packed little-endian into a UInt16 (`<a`, `</a>`, ` href="`).
  @inline(__always) mutating func append(
    _ lead: UInt16, count leadCount: Int, name: HTMLNameKey, _ trail: UInt16, count trailCount: Int
  ) {
    reserve(20)
    let raw = UnsafeMutableRawPointer(base + count)
    raw.storeBytes(of: lead.littleEndian, as: UInt16.self)
    raw.storeBytes(of: name.low.littleEndian, toByteOffset: leadCount, as: UInt64.self)
    raw.storeBytes(of: name.high.littleEndian, toByteOffset: leadCount + 8, as: UInt64.self)
    let nameCount = name.count
    raw.storeBytes(of: trail.littleEndian, toByteOffset: leadCount + nameCount, as: UInt16.self)
    count += leadCount + nameCount + trailCount
  }

  /// The bytes written so far (valid until the next append).
  var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  /// The bytes written, without leading and trailing HTML white space, as a String. The
  /// HTML code writes well-formed UTF-8 only (whole sequences of well-formed input, ASCII,
  /// encoded scalars), so it is not validated again.
  func trimmedString() -> String {
    var start = 0
    var end = count
    while start < end, isHTMLSpace(base[start]) { start += 1 }
    while end > start, isHTMLSpace(base[end - 1]) { end -= 1 }
    return HTMLUTF8.string(knownValid: UnsafeBufferPointer(start: base + start, count: end - start))
  }
}

/// Strings from the UTF-8 the HTML code writes.
enum HTMLStrings {
  /// Long ASCII runs get Strings of their own.
  private static let shortestSeparateRun = 128

  /// `String(decoding:as:)`, cheaper on long mostly-ASCII text: the standard library checks
  /// pure ASCII eight bytes at a time, but once it meets one non-ASCII byte it validates the
  /// whole buffer byte by byte from the start. Here long ASCII runs are decoded on their own
  /// (the fast check) and the pieces joined, so only the stretches around non-ASCII bytes
  /// take the slow path. Pieces are split next to ASCII bytes, which no multi-byte sequence
  /// holds, so the String is the same.
  static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let count = bytes.count
    var asciiEnd = firstNonASCII(bytes, from: 0)
    guard asciiEnd < count, count >= 2 * shortestSeparateRun else {
      return String(decoding: bytes, as: UTF8.self)
    }
    var result = String()
    result.reserveCapacity(count)
    var pending = 0  // start of what is not in `result` yet
    var asciiStart = 0
    while true {
      if asciiEnd - asciiStart >= shortestSeparateRun {
        if asciiStart > pending { result.append(String(decoding: slice(bytes, pending, asciiStart), as: UTF8.self)) }
        result.append(String(decoding: slice(bytes, asciiStart, asciiEnd), as: UTF8.self))
        pending = asciiEnd
      }
      guard asciiEnd < count else { break }
      asciiStart = asciiEnd + 1
      while asciiStart < count, bytes[asciiStart] >= 0x80 { asciiStart += 1 }
      asciiEnd = firstNonASCII(bytes, from: asciiStart)
    }
    if pending < count { result.append(String(decoding: slice(bytes, pending, count), as: UTF8.self)) }
    return result
  }

  @inline(__always) private static func slice(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> UnsafeBufferPointer<UInt8>
  {
    UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  /// The offset of the first byte from `start` that is not ASCII, or the count.
  private static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    let count = bytes.count
    while index + 8 <= count {
      let high = HTMLWords.load(bytes, at: index) & 0x8080_8080_8080_8080
      if high != 0 { return index + high.trailingZeroBitCount >> 3 }
      index += 8
    }
    while index < count, bytes[index] < 0x80 { index += 1 }
    return index
  }
}

/// A list (or stack) of plain values reused from tag to tag, on storage of its own: clearing
/// costs nothing and appends skip an Array's uniqueness and bounds checks (both showed up
/// per tag and per attribute).
struct HTMLScratchList<Element: BitwiseCopyable>: ~Copyable {
  private var base: UnsafeMutablePointer<Element>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 16) {
    self.capacity = max(capacity, 4)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  @inline(__always) mutating func removeAll() { count = 0 }

  @inline(__always) mutating func append(_ element: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  private mutating func grow() {
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity *= 2
  }

  /// The element at `index`, which must be below `count`.
  @inline(__always) subscript(index: Int) -> Element {
    get { base[index] }
    set { base[index] = newValue }
  }

  var isEmpty: Bool { count == 0 }

  var last: Element? { count > 0 ? base[count - 1] : nil }

  /// Removes and returns the last element, which must exist.
  @inline(__always) mutating func removeLast() -> Element {
    count -= 1
    return base[count]
  }

  mutating func popLast() -> Element? { count > 0 ? removeLast() : nil }
}

/// Which attribute ranks a tag has used (the first of duplicates wins).
struct HTMLAttributeRankSet {
  private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  /// Adds `rank` (< 256); false when it was already there.
  @inline(__always) mutating func insert(_ rank: UInt16) -> Bool {
    let bit = UInt64(1) << UInt64(rank & 63)
    switch rank >> 6 {
    case 0:
      if words.0 & bit != 0 { return false }
      words.0 |= bit
    case 1:
      if words.1 & bit != 0 { return false }
      words.1 |= bit
    case 2:
      if words.2 & bit != 0 { return false }
      words.2 |= bit
    default:
      if words.3 & bit != 0 { return false }
      words.3 |= bit
    }
    return true
  }
}
