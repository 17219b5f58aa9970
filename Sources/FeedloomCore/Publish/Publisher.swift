import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One file of a build's output.
public struct OutputFile: Sendable, Equatable {
  /// Path inside the output directory (`feed.atom`, `page/2/index.html`).
  public var path: String
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

/// Why the output could not be published. The previous output is left as it was.
public enum PublishError: Error, Equatable, CustomStringConvertible {
  /// Replacing the directory would destroy something that is not a feedloom output.
  case unsafeOutput(path: String, reason: String)
  /// A file-system operation failed.
  case io(path: String, reason: String)

  public var description: String {
    switch self {
    case let .unsafeOutput(path, reason): return "\(path): will not replace it: \(reason)"
    case let .io(path, reason): return "\(path): \(reason)"
    }
  }
}

/// Publishes a whole output tree at once: everything is written into a staging directory beside
/// the output, which then replaces the output by `rename`. A failure at any point leaves the
/// previous output in place, never a half-written one.
enum Publisher {
  /// The file that marks a directory as a feedloom output, so that a build never replaces a
  /// directory it did not make (a mistyped `--output ~`).
  static let markerName = ".feedloom-output"
  static let marker = Array("This directory is a feedloom build output: each build replaces it whole.\n".utf8)

  /// Writes `files` as the new content of `output` (an absolute path); `protected` are paths
  /// (the config, sources, templates) the output must not contain.
  static func publish(_ files: [OutputFile], to output: String, protecting protected: [String]) throws(PublishError) {
    let output = PathTools.normalised(output)
    let parent = PathTools.directory(of: output)
    let name = PathTools.lastComponent(of: output)
    guard output != "/", !name.isEmpty, name != "..", name != "." else {
      throw .unsafeOutput(path: output, reason: "not a directory a build can own")
    }
    for path in protected where PathTools.isInside(path, output) {
      throw .unsafeOutput(path: output, reason: "it contains \(path), which the build reads")
    }
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    let exists = fm.fileExists(atPath: output, isDirectory: &isDirectory)
    if exists {
      guard isDirectory.boolValue else { throw .unsafeOutput(path: output, reason: "it is not a directory") }
      let contents = (try? fm.contentsOfDirectory(atPath: output)) ?? []
      guard contents.isEmpty || contents.contains(markerName) else {
        throw .unsafeOutput(
          path: output, reason: "it is not empty and was not made by feedloom (no \(markerName) in it)")
      }
    }

    let staging = parent + "/." + name + ".staging"
    let previous = parent + "/." + name + ".previous"
    do {
      try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
      try removeIfPresent(staging)
      try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
    } catch {
      throw .io(path: staging, reason: "cannot create the staging directory: \(error.localizedDescription)")
    }
    do {
      try write(OutputFile(path: markerName, bytes: marker), into: staging)
      for file in files.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
        try write(file, into: staging)
      }
    } catch {
      try? removeIfPresent(staging)
      throw error
    }

    // The swap: two renames, the old output kept until the new one is in place.
    if exists {
      do { try removeIfPresent(previous) } catch {
        try? removeIfPresent(staging)
        throw .io(path: previous, reason: "cannot remove a leftover: \(error.localizedDescription)")
      }
      guard rename(output, previous) == 0 else {
        let reason = errnoDescription()
        try? removeIfPresent(staging)
        throw .io(path: output, reason: "cannot move the previous output aside: \(reason)")
      }
    }
    guard rename(staging, output) == 0 else {
      let reason = errnoDescription()
      if exists { _ = rename(previous, output) }
      try? removeIfPresent(staging)
      throw .io(path: output, reason: "cannot move the new output in place: \(reason)")
    }
    if exists { try? removeIfPresent(previous) }
  }

  private static func write(_ file: OutputFile, into root: String) throws(PublishError) {
    let parts = file.path.split(separator: "/")
    guard !file.path.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
      throw .io(path: file.path, reason: "an output path must stay inside the output directory")
    }
    let target = root + "/" + parts.joined(separator: "/")
    let directory = PathTools.directory(of: target)
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .io(path: directory, reason: "cannot create: \(error.localizedDescription)")
    }
    let fd = open(target, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw .io(path: target, reason: "cannot create: \(errnoDescription())") }
    defer { close(fd) }
    let failure: String? = file.bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return errnoDescription()
        }
        offset += n
      }
      return nil
    }
    if let failure { throw .io(path: target, reason: "cannot write: \(failure)") }
  }

  private static func removeIfPresent(_ path: String) throws {
    if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
  }

  private static func errnoDescription() -> String {
    String(cString: strerror(errno))
  }
}
