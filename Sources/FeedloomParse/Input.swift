#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an input could not be turned into a document.
public enum ReadError: Error, Equatable, CustomStringConvertible {
  /// The input cannot be read (missing, a directory, no permission). Exit status 66.
  case unreadable(path: String, reason: String)
  /// The input is not a feed, page or text article at all (binary data, say). Exit status 65.
  case notADocument(path: String, reason: String)

  public var description: String {
    switch self {
    case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
    case let .notADocument(path, reason): return "\(path): not a feed, page or text article: \(reason)"
    }
  }
}

/// The bytes of one input and what is known about where they came from.
public struct Input: Sendable {
  /// The input's bytes; for a large file opened with `init(path:)`, only its first
  /// `headSize` bytes (the readers read the rest in chunks, see `isChunked`).
  public var bytes: [UInt8]
  /// A file path or URL, for messages and for kind detection by extension.
  public var name: String
  /// The document's own URL, for resolving relative links (`--base`).
  public var baseURL: String?
  /// The HTTP `Content-Type` the bytes came with, when fetched.
  public var contentType: String?
  /// The file the rest of the bytes are read from, in chunks.
  var file: InputFile?

  public init(bytes: [UInt8], name: String, baseURL: String? = nil, contentType: String? = nil) {
    self.bytes = bytes
    self.name = name
    self.baseURL = baseURL
    self.contentType = contentType
  }

  /// Opens the file at `path` (standard input for `-`). A regular file larger than
  /// `chunkedAbove` bytes is not read here: `DocumentReader.stream` reads feeds from it in
  /// chunks, so memory stays flat whatever its size (other kinds are read whole). Anything
  /// else is read whole now, as `read(path:)` does.
  public init(
    path: String, baseURL: String? = nil, chunkedAbove threshold: Int = Input.chunkedThreshold
  ) throws(ReadError) {
    try self.init(path: path, baseURL: baseURL, chunkedAbove: threshold, chunkSize: InputFile.chunkSize)
  }

  /// `chunkSize`: bytes per read of a chunked file (small ones test chunk boundaries).
  init(path: String, baseURL: String?, chunkedAbove threshold: Int, chunkSize: Int) throws(ReadError) {
    let opened = try Input.open(path)
    self.name = path
    self.baseURL = baseURL
    // Standard input redirected from a large file is read in chunks too (not a pipe: the
    // encoding decision needs two passes over the bytes).
    if let size = opened.size, size > threshold {
      let file = InputFile(fd: opened.fd, path: path, start: opened.start, chunkSize: chunkSize)
      self.file = file
      bytes = try file.read(from: 0, count: Input.headSize)
    } else {
      defer { if opened.fd != 0 { close(opened.fd) } }
      bytes = try Input.readAll(opened.fd, path: path, sizeHint: opened.size ?? 0)
    }
  }

  /// Whether the readers get the bytes in chunks from a file (`bytes` is only its head).
  public var isChunked: Bool { file != nil }

  /// The same input with all its bytes in memory.
  func whole() throws(ReadError) -> Input {
    guard let file else { return self }
    var copy = self
    copy.bytes = try file.readToEnd()
    copy.file = nil
    return copy
  }

  /// Largest input read into memory at once.
  public static let maximumSize = 1 << 31
  /// Files above this size are read in chunks by `init(path:)` (smaller ones are read
  /// whole: one read is cheapest for the common feed of some KB).
  public static let chunkedThreshold = 1 << 20
  /// The first bytes of a chunked file kept in `bytes`: enough to sniff the kind (4 KB) and
  /// the encoding (1 KB).
  public static let headSize = 1 << 16

  /// Reads a whole file (or standard input for `-`) with plain POSIX calls: no Foundation on
  /// the start-up path, and errors that name the cause.
  public static func read(path: String) throws(ReadError) -> [UInt8] {
    let opened = try open(path)
    defer { if opened.fd != 0 { close(opened.fd) } }
    return try readAll(opened.fd, path: path, sizeHint: opened.size ?? 0)
  }

  /// Opens `path`; for a regular file, `size` is what is left to read from `start` (standard
  /// input may have been read from already).
  private static func open(_ path: String) throws(ReadError) -> (fd: Int32, size: Int?, start: Int) {
    let fd: Int32 = path == "-" ? 0 : Glibc.open(path, O_RDONLY)
    if fd < 0 { throw .unreadable(path: path, reason: errnoText()) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      if fd != 0 { close(fd) }
      throw .unreadable(path: path, reason: "is a directory")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else { return (fd, nil, 0) }
    let start = max(0, Int(lseek(fd, 0, SEEK_CUR)))
    return (fd, max(0, Int(info.st_size) - start), start)
  }

  private static func readAll(_ fd: Int32, path: String, sizeHint: Int) throws(ReadError) -> [UInt8] {
    var bytes = [UInt8]()
    if sizeHint > 0 { bytes.reserveCapacity(min(sizeHint, maximumSize)) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path: path, reason: errnoText())
      }
      if n == 0 { break }
      if bytes.count + n > maximumSize { throw .unreadable(path: path, reason: "larger than 2 GiB") }
      bytes.append(contentsOf: chunk[0..<n])
    }
    return bytes
  }
}

/// An open regular file, read by position (so one may be read again from the start). It
/// owns its descriptor (but leaves standard input open).
final class InputFile: Sendable {
  let fd: Int32
  let path: String
  /// Where the input starts in the file.
  let start: Int
  /// Bytes per read when going through the file.
  let chunkSize: Int
  static let chunkSize = 1 << 18

  init(fd: Int32, path: String, start: Int = 0, chunkSize: Int = InputFile.chunkSize) {
    self.fd = fd
    self.path = path
    self.start = start
    self.chunkSize = chunkSize
  }

  deinit { if fd != 0 { close(fd) } }  // standard input stays open

  /// Up to `count` bytes from `offset` of the input (fewer at its end).
  func read(from offset: Int, count: Int) throws(ReadError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let n = bytes.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress! + filled, count - filled, off_t(start + offset + filled))
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path: path, reason: errnoText())
      }
      if n == 0 { break }
      filled += n
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// Every byte from the start, in memory.
  func readToEnd() throws(ReadError) -> [UInt8] {
    var bytes: [UInt8] = []
    var tooLarge = false
    try forEachChunk(from: 0) { chunk, _ in
      tooLarge = bytes.count + chunk.count > Input.maximumSize
      if !tooLarge { bytes.append(contentsOf: chunk) }
      return !tooLarge
    }
    if tooLarge { throw .unreadable(path: path, reason: "larger than 2 GiB") }
    return bytes
  }

  /// Calls `body` with each chunk of the input from `offset` on, then once with an empty
  /// chunk and `isLast`; `body` returns false to stop early.
  func forEachChunk(
    from offset: Int, _ body: (_ chunk: UnsafeBufferPointer<UInt8>, _ isLast: Bool) -> Bool
  ) throws(ReadError) {
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var position = start + offset
    while true {
      let n = buffer.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress, $0.count, off_t(position))
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path: path, reason: errnoText())
      }
      if n == 0 { break }
      position += n
      let more = buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<n]), false) }
      if !more { return }
    }
    _ = body(UnsafeBufferPointer(start: nil, count: 0), true)
  }
}

private func errnoText() -> String {
  switch errno {
  case ENOENT: return "no such file"
  case EACCES: return "permission denied"
  case EISDIR: return "is a directory"
  default: return String(cString: strerror(errno))
  }
}
