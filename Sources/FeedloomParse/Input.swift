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
  public var bytes: [UInt8]
  /// A file path or URL, for messages and for kind detection by extension.
  public var name: String
  /// The document's own URL, for resolving relative links (`--base`).
  public var baseURL: String?
  /// The HTTP `Content-Type` the bytes came with, when fetched.
  public var contentType: String?

  public init(bytes: [UInt8], name: String, baseURL: String? = nil, contentType: String? = nil) {
    self.bytes = bytes
    self.name = name
    self.baseURL = baseURL
    self.contentType = contentType
  }

  /// Largest input read into memory at once.
  public static let maximumSize = 1 << 31

  /// Reads a whole file (or standard input for `-`) with plain POSIX calls: no Foundation on
  /// the start-up path, and errors that name the cause.
  public static func read(path: String) throws(ReadError) -> [UInt8] {
    let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
    if fd < 0 { throw .unreadable(path: path, reason: errnoText()) }
    defer { if fd != 0 { close(fd) } }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      throw .unreadable(path: path, reason: "is a directory")
    }
    var bytes = [UInt8]()
    if (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0 {
      bytes.reserveCapacity(Int(info.st_size))
    }
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

private func errnoText() -> String {
  switch errno {
  case ENOENT: return "no such file"
  case EACCES: return "permission denied"
  case EISDIR: return "is a directory"
  default: return String(cString: strerror(errno))
  }
}
