import Testing
@testable import FeedloomXML

@Suite struct HTMLEntitiesTests {
  @Test func knowsCommonAndRareNames() {
    #expect(HTMLEntities.lookup("eacute") == "é")
    #expect(HTMLEntities.lookup("nbsp") == "\u{00A0}")
    #expect(HTMLEntities.lookup("NotNestedGreaterGreater") == "\u{2AA2}\u{0338}")
    #expect(HTMLEntities.lookup("notanentity") == nil)
  }

  @Test func legacyFormsWithoutSemicolonAreLimited() {
    #expect(HTMLEntities.lookupLegacy("copy") == "©")
    #expect(HTMLEntities.lookupLegacy("hearts") == nil)
  }
}
