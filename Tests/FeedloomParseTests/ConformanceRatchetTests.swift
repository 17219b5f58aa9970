import Testing
@testable import FeedloomParse

/// feedparser's conformance cases (shared/conformance) run against the built binary: the pass
/// count may only go up. Raise `reached` when it does; never lower it to make the test pass.
@Suite struct ConformanceRatchetTests {
  /// Passing cases (feedparser cases plus date cases) last measured.
  static let reached = 1043

  @Test func passCountDoesNotDrop() throws {
    // ../shared beside the checkout (or two levels up, from a worktree in wt/).
    let candidates = [Fixture.packageRoot + "/../shared", Fixture.packageRoot + "/../../shared"]
    guard let shared = candidates.first(where: {
      Fixture.exists($0 + "/conformance/feedparser_suite.py")
    }), let binary = Binary.feedloom else { return }
    let suite = shared + "/conformance/feedparser_suite.py"
    let run = ProcessRun.run([
      "python3", suite, "--cmd", binary + " parse --compact",
      "--cases", shared + "/conformance/feedparser",
      "--dates", shared + "/conformance/dates.json",
    ])
    guard run.status != -1 else { return }  // no python3 here
    let last = run.stdout.split(separator: "\n").last(where: { $0.contains(" passed") })
    let passed = try #require(last.flatMap { Int($0.split(separator: " ")[0]) })
    #expect(passed >= Self.reached, "conformance dropped: \(passed) < \(Self.reached)")
  }
}
