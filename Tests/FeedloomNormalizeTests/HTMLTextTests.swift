import Testing

@testable import FeedloomNormalize

@Suite struct HTMLTextTests {
  @Test func blocksBecomeParagraphsSeparatedByOneBlankLine() {
    #expect(HTMLText.plainText(fromHTML: "<p>One</p><p>Two</p>") == "One\n\nTwo")
    #expect(HTMLText.plainText(fromHTML: "<div>a<br>b</div><ul><li>c</li><li>d</li></ul>") == "a\n\nb\n\nc\n\nd")
    #expect(HTMLText.plainText(fromHTML: "<h1>T</h1>\n\n<blockquote> q </blockquote>") == "T\n\nq")
  }

  @Test func foldsWhiteSpaceAndDecodesReferences() {
    #expect(HTMLText.plainText(fromHTML: "  AT&amp;T \n\t&nbsp; rocks&#33; ") == "AT&T rocks!")
    #expect(HTMLText.plainText(fromHTML: "<b>bold</b> <i>and</i>\u{00A0}italic") == "bold and italic")
    #expect(HTMLText.plainText(fromHTML: "&copy 2020 &#150; &bogus;") == "\u{A9} 2020 \u{2013} &bogus;")
  }

  @Test func dropsScriptStyleAndComments() {
    #expect(HTMLText.plainText(fromHTML: "a<script>x()</script>b<style>p{}</style>c<!-- d -->e") == "abce")
  }

  @Test func emptyAndTagOnlyInputGiveEmptyText() {
    #expect(HTMLText.plainText(fromHTML: "") == "")
    #expect(HTMLText.plainText(fromHTML: "<p></p><br><div> </div>") == "")
  }
}
