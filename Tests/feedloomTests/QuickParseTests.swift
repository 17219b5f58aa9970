import ArgumentParser
import Testing

@testable import feedloom

/// The start-up shortcut for `feedloom parse` must read a command line exactly as
/// ArgumentParser does, or leave it to ArgumentParser.
@Suite struct QuickParseTests {
  static let accepted: [[String]] = [
    ["parse", "feed.xml"],
    ["parse", "feed.xml", "--compact"],
    ["parse", "--compact", "a.xml", "b.xml"],
    ["parse", "-"],
    ["parse", "--kind", "rss", "feed.xml"],
    ["parse", "--kind=atom", "--base=https://example.com/x/", "feed.xml"],
    ["parse", "feed.xml", "--base", "https://example.com/"],
    ["parse", "--", "--compact"],
  ]

  static let declined: [[String]] = [
    ["parse"],
    ["parse", "--help"],
    ["parse", "-h", "feed.xml"],
    ["parse", "--kind", "nonsense", "feed.xml"],
    ["parse", "--kind", "feed.xml"],
    ["parse", "--kind", "rss", "--kind", "atom", "feed.xml"],
    ["parse", "--compact", "--compact", "feed.xml"],
    ["parse", "--unknown", "feed.xml"],
    ["parse", "feed.xml", "--base"],
    ["build", "--config", "config.json"],
    ["--version"],
    [],
  ]

  @Test("a plain command line gives the same run ArgumentParser's command asks for", arguments: accepted)
  func sameAsArgumentParser(arguments: [String]) throws {
    let quick = try #require(QuickParse.request(arguments))
    let full = try ParseCommand.parse(Array(arguments.dropFirst()))
    #expect(quick == full.request)
  }

  @Test("help, bad values and anything unusual are left to ArgumentParser", arguments: declined)
  func leftToArgumentParser(arguments: [String]) {
    #expect(QuickParse.request(arguments) == nil)
  }
}
