#if canImport(Glibc)
  import Glibc
#endif
@testable import FeedloomParse

/// Paths to this target's fixtures and the package root, found from the source location so
/// the tests need no Foundation.
enum Fixture {
  static let testsDirectory: String = {
    let file = #filePath
    return String(file[..<file.lastIndex(of: "/")!])
  }()

  static var packageRoot: String {
    var parts = testsDirectory.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(2)
    return parts.joined(separator: "/")
  }

  static func path(_ name: String) -> String { testsDirectory + "/Fixtures/feeds/" + name }

  static func input(_ name: String, base: String? = nil) throws -> Input {
    Input(bytes: try Input.read(path: path(name)), name: name, baseURL: base)
  }

  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

/// Runs a program and collects its exit status and output.
struct ProcessRun {
  var status: Int32
  var stdout: String
  var stderr: String

  static func run(_ arguments: [String]) -> ProcessRun {
    var outPipe: [Int32] = [0, 0]
    var errPipe: [Int32] = [0, 0]
    pipe(&outPipe)
    pipe(&errPipe)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    posix_spawn_file_actions_addclose(&actions, outPipe[0])
    posix_spawn_file_actions_addclose(&actions, errPipe[0])
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let rc = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
    posix_spawn_file_actions_destroy(&actions)
    close(outPipe[1])
    close(errPipe[1])
    guard rc == 0 else { return ProcessRun(status: -1, stdout: "", stderr: "spawn failed") }
    // Read both pipes; outputs here are small, so reading stdout first cannot deadlock on
    // a full stderr pipe.
    let out = drain(outPipe[0])
    let err = drain(errPipe[0])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return ProcessRun(status: exit, stdout: out, stderr: err)
  }

  private static func drain(_ fd: Int32) -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      bytes += buffer[0..<n]
    }
    close(fd)
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// The `feedloom` binary `swift build`/`swift test` left in this package's .build, if any.
enum Binary {
  static var feedloom: String? {
    for configuration in ["debug", "release"] {
      let p = Fixture.packageRoot + "/.build/" + configuration + "/feedloom"
      if Fixture.exists(p) { return p }
    }
    return nil
  }
}
