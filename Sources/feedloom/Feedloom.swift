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
    if let request = QuickParse.request(Array(CommandLine.arguments.dropFirst())) {
      let status = request.run()
      if status != 0 { exitProcess(status) }
      return
    }
    main(nil)
  }
}
