import FeedloomParse

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `feedloom parse …` without building ArgumentParser's command tree, which costs most of a
/// cron-style run: for a 40 KB feed, ~10 of ~15 M instructions went into reflection and
/// protocol-conformance lookups before any byte was read. Only plain, valid command lines
/// take this path; anything else (help, unknown or repeated options, bad values) goes to
/// ArgumentParser as before, so usage and error messages do not change. Even creating a
/// `ParseCommand` value costs ~0.5 M instructions (its property wrappers build name sets whose
/// generic metadata the runtime looks up), so the shortcut hands over a plain `ParseRequest`.
enum QuickParse {
  /// The parse run `arguments` (without the program name) ask for, or nil to let
  /// ArgumentParser handle them.
  static func request(_ arguments: [String]) -> ParseRequest? {
    guard arguments.first == "parse" else { return nil }
    var inputs: [String] = []
    var kind: String?
    var base: String?
    var compact = false
    var onlyInputs = false
    var rest = arguments.dropFirst()
    while let word = rest.popFirst() {
      if onlyInputs || word == "-" || !word.hasPrefix("-") {
        inputs.append(word)
        continue
      }
      if word == "--" {
        onlyInputs = true
        continue
      }
      if word == "--compact" {
        if compact { return nil }
        compact = true
        continue
      }
      var name = Substring(word)
      var value: Substring?
      if let equals = word.firstIndex(of: "=") {
        name = word[..<equals]
        value = word[word.index(after: equals)...]
      } else {
        guard let next = rest.first, !next.hasPrefix("-") else { return nil }
        value = Substring(next)
        rest.removeFirst()
      }
      switch name {
      case "--kind" where kind == nil: kind = value.map(String.init)
      case "--base" where base == nil: base = value.map(String.init)
      default: return nil
      }
    }
    guard !inputs.isEmpty, let inputKind = InputKind(rawValue: kind ?? "auto") else { return nil }
    return ParseRequest(inputs: inputs, kind: inputKind, base: base, compact: compact)
  }
}

/// Ends the process with `status`: the C library's `exit`, which inside a `ParsableCommand`
/// the name `exit` does not reach (ArgumentParser's own shadows it).
func exitProcess(_ status: Int32) -> Never {
  exit(status)
}
