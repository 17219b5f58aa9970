#if canImport(Glibc)
  import Glibc
#endif

import FeedloomModel
import FeedloomParse

/// One corpus file, loaded before any timing.
struct CorpusFile {
  var name: String
  var bytes: [UInt8]
}

/// Reads the files MANIFEST.tsv lists (its first column), or every regular file under `dir`
/// when there is no manifest. Sorted by name so runs compare.
func loadCorpus(_ dir: String, limit: Int?) -> [CorpusFile] {
  var names: [String] = []
  if let manifest = readFile(dir + "/MANIFEST.tsv") {
    for line in manifest.split(separator: UInt8(ascii: "\n")).dropFirst() {
      guard let name = line.split(separator: UInt8(ascii: "\t")).first else { continue }
      names.append(String(decoding: name, as: UTF8.self))
    }
  } else {
    names = listFiles(dir, prefix: "")
  }
  names.sort()
  if let limit { names = Array(names.prefix(limit)) }
  return names.compactMap { name in
    readFile(dir + "/" + name).map { CorpusFile(name: name, bytes: $0) }
  }
}

private func listFiles(_ dir: String, prefix: String) -> [String] {
  guard let handle = opendir(dir) else { return [] }
  defer { closedir(handle) }
  var found: [String] = []
  while let entry = readdir(handle) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
    }
    if name.hasPrefix(".") { continue }
    let path = dir + "/" + name
    if isDirectory(path) {
      found += listFiles(path, prefix: prefix + name + "/")
    } else {
      found.append(prefix + name)
    }
  }
  return found
}

/// What feedloom's side produced, so the work cannot be optimised away.
struct FeedloomCounts {
  var entries = 0
  var jsonBytes = 0
  var failures = 0
}

/// feedloom's full read of one input: detect, parse, normalise (dates, people, URLs,
/// sanitised content and plain text), and optionally the JSON `feedloom parse` prints.
func feedloomRead(_ file: CorpusFile, json: Bool, into counts: inout FeedloomCounts) {
  do {
    let document = try DocumentReader.read(Input(bytes: file.bytes, name: file.name), kind: .auto)
    counts.entries += document.entries.count
    if json { counts.jsonBytes += document.jsonBytes(pretty: false).count }
  } catch {
    counts.failures += 1
  }
}

struct CorpusOptions {
  var dir: String
  var rounds = 5
  var limit: Int?
  var json = false
}

/// Alternates the floor and feedloom over every file, round after round (the order flips
/// each round so that neither side always runs on a warmer cache), and prints the ratio.
func runCorpus(_ options: CorpusOptions) {
  let files = loadCorpus(options.dir, limit: options.limit)
  guard !files.isEmpty else { fail("no corpus files in \(options.dir)") }
  let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
  let mb = Double(totalBytes) / 1e6
  say("corpus: \(files.count) files, \(fixed(mb, 1)) MB from \(options.dir)")
  say("feedloom side: DocumentReader.read (parse + normalise)\(options.json ? " + JSON" : "")")

  func floorPass() -> (Instant, SAXFloor.Counts) {
    var counts = SAXFloor.Counts()
    let start = Instant.now()
    for file in files { SAXFloor.walk(file.bytes, into: &counts) }
    return (Instant.now() - start, counts)
  }
  func feedloomPass() -> (Instant, FeedloomCounts) {
    var counts = FeedloomCounts()
    let start = Instant.now()
    for file in files { feedloomRead(file, json: options.json, into: &counts) }
    return (Instant.now() - start, counts)
  }

  // One untimed pass each: page in code and data, let malloc reach its working size.
  let (_, floorCounts) = floorPass()
  let (_, loomCounts) = feedloomPass()
  say("floor saw \(floorCounts.elements) elements, \(floorCounts.textBytes) text bytes, "
    + "\(floorCounts.errors) errors; feedloom read \(loomCounts.entries) entries, "
    + "\(loomCounts.failures) inputs refused"
    + (options.json ? ", \(loomCounts.jsonBytes) JSON bytes" : ""))

  say("round  floor-cpu  floor-wall  feedloom-cpu  feedloom-wall  ratio-cpu  ratio-wall")
  var cpuRatios: [Double] = []
  var wallRatios: [Double] = []
  var floorCPU: [Double] = []
  var loomCPU: [Double] = []
  for round in 1...max(1, options.rounds) {
    let floor: Instant
    let loom: Instant
    if round % 2 == 1 {
      floor = floorPass().0
      loom = feedloomPass().0
    } else {
      loom = feedloomPass().0
      floor = floorPass().0
    }
    floorCPU.append(floor.cpu)
    loomCPU.append(loom.cpu)
    let cpuRatio = loom.cpu / max(floor.cpu, 1e-9)
    let wallRatio = loom.wall / max(floor.wall, 1e-9)
    cpuRatios.append(cpuRatio)
    wallRatios.append(wallRatio)
    say(pad(String(round), 5) + pad(fixed(floor.cpu, 3), 11) + pad(fixed(floor.wall, 3), 12)
      + pad(fixed(loom.cpu, 3), 14) + pad(fixed(loom.wall, 3), 15)
      + pad(fixed(cpuRatio, 2), 11) + pad(fixed(wallRatio, 2), 12))
  }
  let cpu = Spread(cpuRatios)
  let wall = Spread(wallRatios)
  let floorMedian = Spread(floorCPU).median
  let loomMedian = Spread(loomCPU).median
  say("floor:    median \(fixed(floorMedian, 3)) CPU-s, \(fixed(mb / max(floorMedian, 1e-9), 1)) MB/s")
  say("feedloom: median \(fixed(loomMedian, 3)) CPU-s, \(fixed(mb / max(loomMedian, 1e-9), 1)) MB/s")
  say("ratio feedloom/floor, CPU:  min \(fixed(cpu.min, 2))  median \(fixed(cpu.median, 2))  max \(fixed(cpu.max, 2))")
  say("ratio feedloom/floor, wall: min \(fixed(wall.min, 2))  median \(fixed(wall.median, 2))  max \(fixed(wall.max, 2))")
}
