#if canImport(Glibc)
  import Glibc
#endif

/// CPU (user + system) and wall seconds at one instant, for differences.
struct Instant {
  var cpu: Double
  var wall: Double

  static func now() -> Instant {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    var clock = timespec()
    clock_gettime(CLOCK_MONOTONIC, &clock)
    return Instant(
      cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
      wall: Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9)
  }

  static func - (a: Instant, b: Instant) -> Instant {
    Instant(cpu: a.cpu - b.cpu, wall: a.wall - b.wall)
  }
}

func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }

/// What one child process cost, from `wait4`.
struct ChildCost {
  var cpu: Double
  var wall: Double
  /// Peak resident set, bytes.
  var maxRSS: Int
  /// Exit status, or 128 + signal when killed.
  var status: Int32
  var crashed: Bool
}

/// Runs `argv` with standard output sent to /dev/null (standard error kept) and returns its
/// own CPU, wall time and peak RSS.
func runChild(_ argv: [String]) -> ChildCost {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
  cArgs.append(nil)
  defer { for p in cArgs { free(p) } }
  var pid: pid_t = 0
  let start = Instant.now()
  let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
  guard rc == 0 else { fail("cannot run \(argv[0]): \(String(cString: strerror(rc)))") }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 {
    if errno != EINTR { fail("wait4: \(String(cString: strerror(errno)))") }
  }
  let wall = (Instant.now() - start).wall
  let signal = status & 0x7f
  return ChildCost(
    cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), wall: wall,
    maxRSS: Int(usage.ru_maxrss) * 1024,
    status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, crashed: signal != 0)
}

/// min, median, max of a non-empty sample.
struct Spread {
  var min: Double
  var median: Double
  var max: Double

  init(_ values: [Double]) {
    let sorted = values.sorted()
    min = sorted.first ?? 0
    max = sorted.last ?? 0
    let n = sorted.count
    median = n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }
}

/// Fixed-point text without Foundation's formatters.
func fixed(_ value: Double, _ decimals: Int) -> String {
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let negative = value < 0
  let scaled = Int((abs(value) * scale).rounded())
  let whole = String(scaled / Int(scale))
  guard decimals > 0 else { return (negative ? "-" : "") + whole }
  var fraction = String(scaled % Int(scale))
  while fraction.count < decimals { fraction = "0" + fraction }
  return (negative ? "-" : "") + whole + "." + fraction
}

func pad(_ s: String, _ width: Int) -> String {
  s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

func mib(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) }

func fail(_ message: String) -> Never {
  let line = Array(("feedloom-bench: " + message + "\n").utf8)
  line.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
  exit(1)
}

/// Writes and flushes at once, so progress shows while long runs go on.
func say(_ line: String) {
  print(line)
  fflush(nil)
}

func readFile(_ path: String) -> [UInt8]? {
  let fd = open(path, O_RDONLY)
  guard fd >= 0 else { return nil }
  defer { close(fd) }
  var bytes = [UInt8]()
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n < 0 { if errno == EINTR { continue }; return nil }
    if n == 0 { return bytes }
    bytes.append(contentsOf: chunk[0..<n])
  }
}

func isDirectory(_ path: String) -> Bool {
  var info = stat()
  return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

/// The directory this executable lives in (.build/release), where `feedloom` is built too.
func executableDirectory() -> String {
  var buffer = [CChar](repeating: 0, count: 4096)
  let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  guard n > 0 else { return "." }
  let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  guard let slash = path.lastIndex(of: "/") else { return "." }
  return String(path[..<slash])
}
