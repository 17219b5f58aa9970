import Testing
@testable import FeedloomRender

@Suite struct RenderErrorTests {
  @Test func templateErrorNamesFileAndLine() {
    #expect(RenderError.template(file: "Templates/base.mustache", line: 3, message: "unclosed section").description
      == "Templates/base.mustache:3: unclosed section")
  }
}
