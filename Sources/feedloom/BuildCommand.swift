import ArgumentParser
import FeedloomCore
import Foundation

struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the outputs (Atom feed, CSV, HTML digest) from the configured sources.",
    discussion: """
      Reads every source of the config (files and globs relative to the config file), turns
      them into one list of entries, newest first, and writes the outputs into a staging
      directory that then replaces the output directory whole: a failed build never leaves a
      half-written site, and the previous one survives. Building twice from the same inputs
      writes identical bytes.

      A source that cannot be read is reported and skipped. When every source fails, nothing
      is published.

      Exit status: 0 built; 2 built, but some sources failed (they are listed on standard
      error); 1 nothing was published (no source could be read, or rendering or publishing
      failed; the previous output is kept); 64 bad usage or a bad config (the message names
      the file, line and JSON path).
      """
  )

  /// Built, but some sources failed and were skipped.
  static let partialExitCode: Int32 = 2

  @Option(help: "The config file.")
  var config: String = "config.json"

  @Option(help: "Output directory (relative to the working directory); overrides the config's 'output'.")
  var output: String?

  @Flag(help: "Also list the problems the readers recovered from.")
  var verbose = false

  func run() throws {
    let settings: Config
    do {
      settings = try Config.load(path: config)
    } catch {
      printError("feedloom: \(error)")
      throw ExitCode(64)
    }
    let report: BuildReport
    do {
      report = try Builder().build(
        settings, output: output, workingDirectory: FileManager.default.currentDirectoryPath)
    } catch {
      if case let .noSourceRead(failures) = error {
        for failure in failures { printError("feedloom: [step] read \(failure)") }
      }
      printError("feedloom: \(error)")
      throw ExitCode(1)
    }
    for failure in report.failures { printError("feedloom: [step] read \(failure)") }
    if verbose {
      for line in report.diagnostics { printError("feedloom: [step] read \(line)") }
    }
    let recovered = report.diagnostics.isEmpty || verbose ? "" : ", \(report.diagnostics.count) recovered problems (--verbose lists them)"
    printError(
      "feedloom: built \(report.output): \(report.items) entries from \(report.documents) documents, "
        + "\(report.files.count) files\(recovered)"
        + (report.failures.isEmpty ? "" : "; \(report.failures.count) inputs failed"))
    if !report.failures.isEmpty { throw ExitCode(BuildCommand.partialExitCode) }
  }
}
