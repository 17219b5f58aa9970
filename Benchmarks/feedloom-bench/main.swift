#if canImport(Glibc)
  import Glibc
#endif

let usage = """
  feedloom-bench: feedloom against libxml2's SAX floor, in one process and one run.

    feedloom-bench corpus  [--rounds N] [--dir DIR] [--limit N] [--json]
        Loads every corpus file, then alternates the SAX floor and feedloom's full read over
        all of them, N rounds (default 5); prints CPU and wall per round and the ratio.
    feedloom-bench scale   [--sizes 1,10,...] [--format rss|atom] [--runs N] [--feedloom PATH]
        Generates feeds with make_big_feed.py and times `feedloom parse FILE --compact` on
        each as a child process: CPU, wall, peak RSS, cost per item.
    feedloom-bench startup [--runs N] [--file FEED] [--feedloom PATH]
        Whole-process cost of `feedloom parse` on a typical (~40 KB) corpus feed.
    feedloom-bench --smoke
        A few seconds of each, for CI; does nothing when ../shared is absent.

  DIR defaults to ../shared/corpus/real (or /work/shared/corpus/real); PATH to the feedloom
  built beside this executable. Build both with
  `swift build -c release --static-swift-stdlib`.
  """

/// Where the shared reference material is, if anywhere.
func sharedDirectory() -> String? {
  let candidates = ["../shared", executableDirectory() + "/../../../shared", "/work/shared"]
  return candidates.first { isDirectory($0 + "/corpus") }
}

struct Arguments {
  var words: [String]

  mutating func option(_ name: String) -> String? {
    guard let i = words.firstIndex(of: name) else { return nil }
    guard i + 1 < words.count else { fail("\(name) needs a value") }
    let value = words[i + 1]
    words.removeSubrange(i...(i + 1))
    return value
  }

  mutating func flag(_ name: String) -> Bool {
    guard let i = words.firstIndex(of: name) else { return false }
    words.remove(at: i)
    return true
  }

  mutating func number(_ name: String) -> Int? {
    guard let text = option(name) else { return nil }
    guard let n = Int(text), n > 0 else { fail("\(name) wants a positive number, not '\(text)'") }
    return n
  }

  func finish() {
    if !words.isEmpty { fail("unexpected argument(s): \(words.joined(separator: " "))\n\(usage)") }
  }
}

func defaultFeedloom() -> String { executableDirectory() + "/feedloom" }

func requireFeedloom(_ path: String) -> String {
  guard isExecutable(path) else {
    fail("no feedloom executable at \(path): build it (swift build -c release --product feedloom) or pass --feedloom")
  }
  return path
}

func corpusDirectory(_ given: String?) -> String {
  if let given { return given }
  guard let shared = sharedDirectory() else { fail("no ../shared/corpus here: pass --dir") }
  return shared + "/corpus/real"
}

func generator() -> String {
  guard let shared = sharedDirectory() else { fail("no ../shared/corpus/make_big_feed.py here") }
  return shared + "/corpus/make_big_feed.py"
}

var arguments = Arguments(words: Array(CommandLine.arguments.dropFirst()))
if arguments.flag("--smoke") {
  arguments.finish()
  guard let shared = sharedDirectory() else {
    say("feedloom-bench --smoke: no ../shared/corpus, skipped")
    exit(0)
  }
  let feedloom = requireFeedloom(defaultFeedloom())
  runCorpus(CorpusOptions(dir: shared + "/corpus/real", rounds: 1, limit: 20, json: true))
  var ok = runScale(ScaleOptions(
    generator: shared + "/corpus/make_big_feed.py", feedloom: feedloom, sizes: [1, 10, 100]))
  if let typical = typicalFeed(in: shared + "/corpus/real") {
    ok = runStartup(StartupOptions(feedloom: feedloom, file: typical, runs: 3)) && ok
  }
  if !ok { fail("feedloom crashed during the smoke run") }
  exit(0)
}

switch arguments.words.first {
case "corpus":
  arguments.words.removeFirst()
  var options = CorpusOptions(dir: corpusDirectory(arguments.option("--dir")))
  options.rounds = arguments.number("--rounds") ?? options.rounds
  options.limit = arguments.number("--limit")
  options.json = arguments.flag("--json")
  arguments.finish()
  runCorpus(options)
case "scale":
  arguments.words.removeFirst()
  var options = ScaleOptions(
    generator: generator(), feedloom: requireFeedloom(arguments.option("--feedloom") ?? defaultFeedloom()))
  if let sizes = arguments.option("--sizes") {
    options.sizes = sizes.split(separator: ",").map { text in
      guard let n = Int(text), n > 0 else { fail("--sizes wants positive numbers, not '\(text)'") }
      return n
    }
  }
  options.format = arguments.option("--format") ?? options.format
  guard ["rss", "atom"].contains(options.format) else { fail("--format is rss or atom") }
  options.runs = arguments.number("--runs") ?? options.runs
  arguments.finish()
  if !runScale(options) { exit(1) }
case "startup":
  arguments.words.removeFirst()
  let feedloom = requireFeedloom(arguments.option("--feedloom") ?? defaultFeedloom())
  let runs = arguments.number("--runs") ?? 50
  let file: String
  if let given = arguments.option("--file") {
    file = given
  } else if let typical = typicalFeed(in: corpusDirectory(nil)) {
    file = typical
  } else {
    fail("no typical feed found: pass --file")
  }
  arguments.finish()
  if !runStartup(StartupOptions(feedloom: feedloom, file: file, runs: runs)) { exit(1) }
case "-h", "--help", "help":
  say(usage)
default:
  fail("say what to run\n\(usage)")
}
