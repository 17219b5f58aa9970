import ArgumentParser
import FeedloomCore

@main
struct Feedloom: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "feedloom",
    abstract: "Turn news feeds, article pages and plain-text articles into clean published outputs.",
    version: FeedloomInfo.version,
    subcommands: [ParseCommand.self, BuildCommand.self]
  )

  /// `feedloom parse` on a plain command line skips ArgumentParser's set-up (start-up
  /// time for cron runs: see `QuickParse`).
  static func main() {
    if var parse = QuickParse.command(Array(CommandLine.arguments.dropFirst())) {
      do {
        try parse.run()
      } catch {
        exit(withError: error)
      }
      return
    }
    main(nil)
  }
}
