#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
internal import CLibXML2

/// The text `XMLPreparer` takes out of the markup, in records (a length, then the bytes)
/// that the parser's marker callback (`feedloom_run_marker`) appends to the current text,
/// in order. Behind a pointer: the preparer writes and the C callback reads it, one call
/// within the other, without exclusivity checks or retains.
final class DivertedRuns {
  let pointer: UnsafeMutablePointer<feedloom_runs>
  /// The length (-1 while the record is written) and the line feeds it stands for.
  private static let header = 2 * MemoryLayout<Int32>.size

  init() {
    pointer = .allocate(capacity: 1)
    let capacity = 1 << 16
    pointer.initialize(to: feedloom_runs(
      bytes: malloc(capacity)!.assumingMemoryBound(to: UInt8.self), count: 0,
      capacity: capacity, read: 0, discard: 0))
  }

  deinit {
    free(pointer.pointee.bytes)
    pointer.deinitialize(count: 1)
    pointer.deallocate()
  }

  /// Bytes written, the record being written included.
  var count: Int { pointer.pointee.count }

  /// Starts a record; returns where its header is.
  func openRecord() -> Int {
    let runs = pointer
    if runs.pointee.read == runs.pointee.count || runs.pointee.discard != 0 {
      // Everything was handed over (or nothing will be): start again from the front.
      runs.pointee.read = 0
      runs.pointee.count = 0
    }
    let at = runs.pointee.count
    reserve(DivertedRuns.header)
    UnsafeMutableRawPointer(runs.pointee.bytes + at).storeBytes(of: -1, as: Int32.self)
    runs.pointee.count = at + DivertedRuns.header
    return at
  }

  /// Ends the record whose header is at `at`: its length is known now; `newlines`: the line
  /// feeds of the input it stands for.
  func closeRecord(at: Int, newlines: Int) {
    let length = pointer.pointee.count - at - DivertedRuns.header
    let header = UnsafeMutableRawPointer(pointer.pointee.bytes + at)
    header.storeBytes(of: Int32(length), as: Int32.self)
    header.storeBytes(of: Int32(newlines), toByteOffset: 4, as: Int32.self)
  }

  @inline(__always)
  func append(_ byte: UInt8) {
    let runs = pointer
    let at = runs.pointee.count
    if at == runs.pointee.capacity { grow(to: at + 1) }
    runs.pointee.bytes[at] = byte
    runs.pointee.count = at + 1
  }

  @inline(__always)
  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let runs = pointer
    let at = runs.pointee.count
    reserve(bytes.count)
    (runs.pointee.bytes + at).update(from: base, count: bytes.count)
    runs.pointee.count = at + bytes.count
  }

  /// Appends the UTF-8 form of the scalar `v`.
  func appendUTF8(_ v: UInt32) {
    if v < 0x80 {
      append(UInt8(v))
    } else if v < 0x800 {
      append(UInt8(0xC0 | v >> 6))
      append(UInt8(0x80 | v & 0x3F))
    } else if v < 0x10000 {
      append(UInt8(0xE0 | v >> 12))
      append(UInt8(0x80 | v >> 6 & 0x3F))
      append(UInt8(0x80 | v & 0x3F))
    } else {
      append(UInt8(0xF0 | v >> 18))
      append(UInt8(0x80 | v >> 12 & 0x3F))
      append(UInt8(0x80 | v >> 6 & 0x3F))
      append(UInt8(0x80 | v & 0x3F))
    }
  }

  /// The records not handed over yet, as byte arrays (for tests).
  var pendingRecords: [[UInt8]] { pendingRecordsWithLines.map(\.bytes) }

  /// The records not handed over yet, with the line feeds each stands for (for tests).
  var pendingRecordsWithLines: [(bytes: [UInt8], newlines: Int)] {
    var records: [(bytes: [UInt8], newlines: Int)] = []
    var at = pointer.pointee.read
    while at + DivertedRuns.header <= pointer.pointee.count {
      let header = UnsafeRawPointer(pointer.pointee.bytes + at)
      let length = Int(header.loadUnaligned(as: Int32.self))
      guard length >= 0 else { break }
      let newlines = Int(header.loadUnaligned(fromByteOffset: 4, as: Int32.self))
      let start = at + DivertedRuns.header
      records.append(
        (Array(UnsafeBufferPointer(start: pointer.pointee.bytes + start, count: length)), newlines))
      at = start + length
    }
    return records
  }

  /// Makes room for `extra` more bytes.
  @inline(__always)
  func reserve(_ extra: Int) {
    let needed = pointer.pointee.count + extra
    if needed > pointer.pointee.capacity { grow(to: needed) }
  }

  /// realloc: a large buffer grows in place (no copy of what it holds).
  private func grow(to needed: Int) {
    let runs = pointer
    var larger = runs.pointee.capacity * 2
    while larger < needed { larger *= 2 }
    guard let moved = realloc(runs.pointee.bytes, larger) else { fatalError("out of memory") }
    runs.pointee.bytes = moved.assumingMemoryBound(to: UInt8.self)
    runs.pointee.capacity = larger
  }
}
