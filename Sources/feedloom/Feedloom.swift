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
}
