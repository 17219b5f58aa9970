import Testing
@testable import FeedloomParse

@Suite struct TextSidecarParsingTests {
  private func parse(_ json: String, bom: Bool = false) -> Result<TextArticleMetadata, SidecarError> {
    TextArticleMetadata.parse(json: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(json.utf8))
  }

  @Test func readsStringsListsAndAliases() throws {
    let meta = try parse(#"{"link": "https://x.example/a", "author": ["A B", "C D"], "site": "X", "n": 3, "nested": {"k": 1}}"#).get()
    #expect(meta.url == "https://x.example/a")
    #expect(meta.authors == ["A B", "C D"])
    #expect(meta.publisher == "X")
  }

  @Test func acceptsAByteOrderMark() throws {
    #expect(try parse(#"{"title": "T"}"#, bom: true).get().title == "T")
  }

  @Test func malformedJSONIsAnError() {
    #expect(parse(#"{"title": "T""#) == .failure(SidecarError(message: "not valid JSON")))
    #expect(parse(#"["T"]"#) == .failure(SidecarError(message: "must be a JSON object")))
  }

  @Test func aValueOfTheWrongTypeIsNamed() {
    #expect(parse(#"{"title": 3}"#) == .failure(SidecarError(message: "\"title\" must be a string")))
    #expect(parse(#"{"authors": ["A", 1]}"#)
      == .failure(SidecarError(message: "\"authors\" must be a string or a list of strings")))
  }
}
