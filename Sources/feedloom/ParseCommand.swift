import ArgumentParser
import FeedloomModel
import FeedloomParse

#if canImport(Glibc)
  import Glibc
#endif

struct ParseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Print the normalised JSON document of each input.",
    discussion: """
      With one input, prints one JSON document (pretty unless --compact). With several, prints
      JSON Lines: one compact document per input, in order.

      Exit status: 0 a document was produced (even from broken input: see wellFormed and
      errors); 65 the input is not a feed, page or text article; 66 the input cannot be read;
      64 bad usage. With several inputs, the first failure's status, after all were tried.
      """
  )

  @Argument(help: "Files to read; '-' reads standard input.")
  var inputs: [String]

  @Option(help: "Input kind: auto, rss, atom, rdf, jsonfeed, html, text.")
  var kind: String = "auto"

  @Option(help: "The document's own URL, for resolving relative links.")
  var base: String?

  @Flag(help: "One line of JSON.")
  var compact = false

  func validate() throws {
    guard InputKind(rawValue: kind) != nil else {
      throw ValidationError("unknown --kind '\(kind)' (auto, rss, atom, rdf, jsonfeed, html, text)")
    }
    guard !inputs.isEmpty else { throw ValidationError("name at least one input") }
  }

  /// The run these options ask for.
  var request: ParseRequest {
    ParseRequest(inputs: inputs, kind: InputKind(rawValue: kind) ?? .auto, base: base, compact: compact)
  }

  func run() throws {
    let status = request.run()
    if status != 0 { throw ExitCode(status) }
  }
}

/// One `feedloom parse` run as plain values: the start-up shortcut (`QuickParse`) runs it
/// without creating ArgumentParser's property wrappers.
struct ParseRequest: Equatable {
  var inputs: [String]
  var kind: InputKind
  var base: String?
  var compact: Bool

  /// Prints the document of each input; returns the exit status: 0, or the first failure's.
  func run() -> Int32 {
    let pretty = !compact && inputs.count == 1
    var status: Int32 = 0
    for path in inputs {
      do {
        // A large file is read in chunks as it is parsed: flat memory whatever its size.
        try streamDocument(Input(path: path, baseURL: base), kind: kind, pretty: pretty)
      } catch {
        printError("feedloom: \(error)")
        if status == 0 {
          switch error {
          case .unreadable: status = 66
          case .notADocument: status = 65
          }
        }
      }
    }
    return status
  }
}

/// Writes the document of `input` to standard output entry by entry, as the reader completes
/// each one: the JSON is the same as `Document.jsonBytes`, but memory stays flat. Nothing is
/// written when the input is rejected (the reader throws before the first entry).
func streamDocument(_ input: Input, kind: InputKind, pretty: Bool) throws(ReadError) {
  var writer = JSONWriter(pretty: pretty)
  let rest = try DocumentReader.stream(
    input, kind: kind,
    begin: { encoding in Document.writeOpening(encoding: encoding, to: &writer) },
    entry: { entry in
      entry.write(to: &writer)
      if writer.bytes.count >= 1 << 16 { writeStandardOutput(writer.take()) }
    })
  rest.writeClosing(to: &writer)
  var out = writer.take()
  out.append(UInt8(ascii: "\n"))
  writeStandardOutput(out)
}

func writeStandardOutput(_ bytes: [UInt8]) {
  bytes.withUnsafeBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
      if n <= 0 { if errno == EINTR { continue }; return }
      offset += n
    }
  }
}

func printError(_ message: String) {
  writeStandardError(Array((message + "\n").utf8))
}

func writeStandardError(_ bytes: [UInt8]) {
  bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
}
