import Testing
@testable import FeedloomNormalize

@Suite struct WhitespaceTests {
  @Test func foldsRunsAndTrims() {
    #expect(Whitespace.fold("  a \n\t b\u{00A0}\u{00A0}c  ") == "a b c")
    #expect(Whitespace.fold(" \n ") == "")
  }
}
