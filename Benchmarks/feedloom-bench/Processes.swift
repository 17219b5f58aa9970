#if canImport(Glibc)
  import Glibc
#endif
import FeedloomParse

struct ScaleOptions {
  var generator: String
  var feedloom: String
  var sizes = [1, 10, 100, 1000, 10000, 100_000]
  var format = "rss"
  var runs = 1
}

/// Generates feeds of growing size and runs `feedloom parse FILE --compact > /dev/null` on
/// each as its own process: CPU, wall and peak RSS per size, and the cost per item; a size
/// whose items do not all come out (read again in process) fails the run.
@discardableResult
func runScale(_ options: ScaleOptions) -> Bool {
  var crashed = false
  var template = Array("/tmp/feedloom-bench-XXXXXX".utf8CString)
  guard let made = mkdtemp(&template) else { fail("cannot make a temporary directory") }
  let dir = String(cString: made)
  defer { rmdir(dir) }
  say("scale: \(options.format) feeds from \(options.generator), `feedloom parse FILE --compact`, "
    + "best of \(options.runs) run(s)")
  say("   items        MB   cpu-s  wall-s   us/item  us/item(marginal)   MB/s  peak-RSS-MiB  status")
  var first: (items: Int, cpu: Double)?
  var peaks: [(items: Int, rss: Int)] = []
  for items in options.sizes {
    let path = dir + "/feed-\(items).\(options.format == "atom" ? "atom" : "rss")"
    let made = runChild([
      "python3", options.generator, "--format", options.format, "--items", String(items), "-o", path,
    ])
    guard made.status == 0 else { fail("make_big_feed.py failed for \(items) items") }
    defer { unlink(path) }
    var info = stat()
    stat(path, &info)
    let mb = Double(info.st_size) / 1e6
    var best: ChildCost?
    for _ in 0..<max(1, options.runs) {
      let cost = runChild([options.feedloom, "parse", path, "--compact"])
      if best == nil || cost.cpu < best!.cpu { best = cost }
      if cost.crashed { crashed = true }
    }
    let cost = best!
    // A time means nothing if items were lost: the same file read in process, streaming as
    // `feedloom parse` does, must give every item and a well-formed document.
    let read = streamedEntryCount(path)
    if read.entries != items || !read.wellFormed {
      say("  ! \(path): read \(read.entries) of \(items) items, wellFormed \(read.wellFormed)")
      crashed = true
    }
    var marginal = "-"
    if let first, items > first.items {
      marginal = fixed((cost.cpu - first.cpu) / Double(items - first.items) * 1e6, 1)
    } else {
      first = (items, cost.cpu)
    }
    say(pad(String(items), 8) + pad(fixed(mb, 2), 10) + pad(fixed(cost.cpu, 3), 8)
      + pad(fixed(cost.wall, 3), 8) + pad(fixed(cost.cpu / Double(items) * 1e6, 1), 10)
      + pad(marginal, 19) + pad(fixed(mb / max(cost.cpu, 1e-9), 1), 7)
      + pad(mib(cost.maxRSS), 14) + pad(String(cost.status), 8))
    peaks.append((items, cost.maxRSS))
  }
  // Flat memory is the goal: the peak should not grow with the feed.
  if let smallest = peaks.first, let largest = peaks.last, peaks.count > 1 {
    let highest = peaks.map(\.rss).max()!
    say("peak RSS: \(mib(smallest.rss)) MiB at \(smallest.items) items, \(mib(largest.rss)) MiB at "
      + "\(largest.items) items, highest \(mib(highest)) MiB")
  }
  return !crashed
}

/// Entries and well-formedness of the feed at `path`, read in chunks as `feedloom parse` reads it.
func streamedEntryCount(_ path: String) -> (entries: Int, wellFormed: Bool) {
  var entries = 0
  guard let input = try? Input(path: path),
    let document = try? DocumentReader.stream(input, begin: { _ in }, entry: { _ in entries += 1 })
  else { return (entries, false) }
  return (entries, document.wellFormed)
}

struct StartupOptions {
  var feedloom: String
  var file: String
  var runs = 50
}

/// cron-style cost: one whole process (start-up included) per typical feed.
@discardableResult
func runStartup(_ options: StartupOptions) -> Bool {
  var info = stat()
  guard stat(options.file, &info) == 0 else { fail("cannot read \(options.file)") }
  say("startup: `feedloom parse FILE --compact` on \(options.file) (\(info.st_size) bytes), "
    + "\(options.runs) runs")
  func measure(_ argv: [String]) -> (cpu: Spread, wall: Spread, rss: Int, status: Int32, crashed: Bool) {
    var cpu: [Double] = []
    var wall: [Double] = []
    var rss = 0
    var status: Int32 = 0
    var crashed = false
    for _ in 0..<max(1, options.runs) {
      let cost = runChild(argv)
      cpu.append(cost.cpu)
      wall.append(cost.wall)
      rss = max(rss, cost.maxRSS)
      status = max(status, cost.status)
      if cost.crashed { crashed = true }
    }
    return (Spread(cpu), Spread(wall), rss, status, crashed)
  }
  let parse = measure([options.feedloom, "parse", options.file, "--compact"])
  // The fixed cost of a process (exec, runtime start-up, exit) apart from the parsing work.
  var template = Array("/tmp/feedloom-bench-XXXXXX".utf8CString)
  let fd = mkstemp(&template)
  guard fd >= 0 else { fail("cannot make a temporary file") }
  let emptyFeed = String(cString: template)
  defer { unlink(emptyFeed) }
  let feedText = Array("<rss version=\"2.0\"><channel><title>t</title></channel></rss>\n".utf8)
  guard write(fd, feedText, feedText.count) == feedText.count else { fail("cannot write \(emptyFeed)") }
  close(fd)
  let empty = measure([options.feedloom, "parse", emptyFeed, "--compact"])
  let help = measure([options.feedloom, "--help"])
  say("                        cpu-ms min/median/max    wall-ms median  peak-RSS-MiB  status")
  for (label, m) in [
    ("feedloom parse (40 KB)", parse), ("feedloom parse (empty)", empty), ("feedloom --help", help),
  ] {
    say(label.padding(24) + pad(fixed(m.cpu.min * 1e3, 2), 6) + " / " + pad(fixed(m.cpu.median * 1e3, 2), 6)
      + " / " + pad(fixed(m.cpu.max * 1e3, 2), 6) + pad(fixed(m.wall.median * 1e3, 2), 17)
      + pad(mib(m.rss), 14) + pad(String(m.status), 8))
  }
  say("CPU per process, median: \(fixed(parse.cpu.median * 1e3, 2)) ms")
  return !parse.crashed && !empty.crashed && !help.crashed
}

/// The well-formed RSS 2.0 file of the manifest closest to 40 KB (the corpus median).
func typicalFeed(in dir: String) -> String? {
  guard let manifest = readFile(dir + "/MANIFEST.tsv") else { return nil }
  var best: (name: String, distance: Int)?
  for line in manifest.split(separator: UInt8(ascii: "\n")).dropFirst() {
    let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
      .map { String(decoding: $0, as: UTF8.self) }
    guard fields.count > 5, fields[3] == "rss2.0", fields[5] == "yes", let size = Int(fields[1])
    else { continue }
    let distance = abs(size - 40_000)
    if best == nil || distance < best!.distance || (distance == best!.distance && fields[0] < best!.name) {
      best = (fields[0], distance)
    }
  }
  return best.map { dir + "/" + $0.name }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
