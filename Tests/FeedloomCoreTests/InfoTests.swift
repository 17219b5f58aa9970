import Testing
@testable import FeedloomCore

@Suite struct InfoTests {
  @Test func versionIsSemantic() {
    #expect(FeedloomInfo.version.split(separator: ".").count == 3)
  }
}
