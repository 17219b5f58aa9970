import Testing
@testable import FeedloomParse

@Suite struct InputKindTests {
  @Test func namesMatchTheCommandLine() {
    #expect(InputKind(rawValue: "jsonfeed") == .jsonfeed)
    #expect(InputKind(rawValue: "json") == nil)
  }
}
