import Testing

@testable import FeedloomNormalize

@Suite struct HTMLSanitizerTests {
  private func clean(_ html: String, base: String? = nil) -> String {
    HTMLSanitizer.sanitize(html, baseURL: base)
  }

  @Test func plainTextPassesThroughTrimmed() {
    #expect(clean("  just words \n") == "just words")
    #expect(clean("") == "")
  }

  @Test func writesCanonicalMarkup() {
    #expect(clean("<P CLASS=x ID='y' class=z>a</P>") == "<p class=\"x\" id=\"y\">a</p>")
    #expect(clean("<br><IMG SRC=\"a.png\" alt=hi>") == "<br /><img alt=\"hi\" src=\"a.png\" />")
    #expect(clean("<span title='say \"hi\"'>x</span>") == "<span title=\"say &quot;hi&quot;\">x</span>")
    #expect(clean("<span title=\"a<b>c\">x</span>") == "<span title=\"a&lt;b&gt;c\">x</span>")
    #expect(clean("<input disabled>") == "<input disabled=\"\" />")
  }

  @Test func keepsReferencesAsWrittenAndEscapesBareCharacters() {
    #expect(clean("<b>&#38; &amp; &#x26;</b>") == "<b>&#38; &amp; &#x26;</b>")
    #expect(clean("AT&T < 3 > 2") == "AT&amp;T &lt; 3 > 2")
    #expect(clean("<code>&lt;br /></code>") == "<code>&lt;br /></code>")
    #expect(clean("&#X61; &#x61;") == "&#x61; &#x61;")
    #expect(clean("&copy 2020 &bogus; &#169") == "&copy; 2020 &amp;bogus; &#169;")
    #expect(clean("<a title=\"?a=1&copy=2\">x</a>") == "<a title=\"?a=1&amp;copy=2\">x</a>")
  }

  @Test func closesUnclosedAndDropsStrayEndTags() {
    #expect(clean("<div><b>bold</div>") == "<div><b>bold</b></div>")
    #expect(clean("a</b></div>b") == "ab")
    #expect(clean("<ul><li>one<li>two</ul>") == "<ul><li>one</li><li>two</li></ul>")
    #expect(clean("<p>one<p>two") == "<p>one</p><p>two</p>")
    #expect(clean("<em>x") == "<em>x</em>")
  }

  @Test func dropsScriptStyleAndTheirContent() {
    #expect(clean("a<script>alert(1)</script>b") == "ab")
    #expect(clean("a<SCRIPT type=x>if (a<b) {}</SCRIPT >b") == "ab")
    #expect(clean("a<style>p{}</style>b") == "ab")
    #expect(clean("a<script>never closed") == "a")
    #expect(clean("a<iframe src=x>fallback</iframe>b") == "afallbackb")
  }

  @Test func dropsCommentsDeclarationsAndUnknownElements() {
    #expect(clean("a<!-- c -->b<!DOCTYPE html>c<?php x ?>d") == "abcd")
    #expect(clean("<blink>safe</blink> text") == "safe text")
    #expect(clean("safe<!--") == "safe")
    #expect(clean("a<![CDATA[<b>x</b>]]>") == "a&lt;b&gt;x&lt;/b&gt;")  // CDATA text: all escaped
  }

  @Test func dropsEventHandlersAndFormsOfRawText() {
    #expect(clean("<img src=x.png onerror=alert(1) OnLoad='y'>") == "<img src=\"x.png\" />")
    #expect(clean("<form action=x><input name=q></form>") == "<input name=\"q\" />")
    #expect(clean("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>")
      == "<p title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\"></p>")
    #expect(clean("<textarea><b>x</b></textarea>") == "&lt;b>x&lt;/b>")
  }

  @Test func dropsScriptURLsEvenObfuscated() {
    for href in [
      "javascript:alert(1)", "JaVaScRiPt:alert(1)", " \u{1}javascript:alert(1)", "java\tscript:alert(1)",
      "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#106avascript:x",
      "javascript&colon;alert(1)", "vbscript:msgbox", "data:text/html,<script>", "livescript:x",
    ] {
      #expect(clean("<a href=\"\(href)\">x</a>") == "<a>x</a>", "\(href)")
    }
    #expect(clean("<img src=\"data:image/png;base64,AAAA\">") == "<img src=\"data:image/png;base64,AAAA\" />")
    #expect(clean("<a href=\"http://x/?a=1&amp;b=2\">x</a>") == "<a href=\"http://x/?a=1&amp;b=2\">x</a>")
    #expect(clean("<a href=\"mailto:a@b\">x</a>") == "<a href=\"mailto:a@b\">x</a>")
    #expect(clean("<a href=\"/path?q\">x</a>") == "<a href=\"/path?q\">x</a>")
  }

  @Test func filtersStyle() {
    #expect(clean("<span style=\"color: red; position: absolute\">x</span>") == "<span style=\"color: red;\">x</span>")
    #expect(clean("<span style=\"width: expression(alert(1))\">x</span>") == "<span>x</span>")
    #expect(clean("<span style=\"background: url(javascript:alert(1))\">x</span>") == "<span>x</span>")
    #expect(clean("<span style=\"color: &#x72;ed\">x</span>") == "<span>x</span>")
  }

  @Test func suppressesAppletContent() {
    #expect(clean("safe<applet code=x><b>no</b></applet> description") == "safe description")
  }

  @Test func cutOffTagIsDropped() {
    #expect(clean("text<a href=\"x") == "text")
    #expect(clean("text<b") == "text")
    #expect(clean("1 < 2 and 3<4") == "1 &lt; 2 and 3&lt;4")
  }

  @Test func mutationXSSShapesStayInert() {
    #expect(clean("<svg><style><img src=x onerror=alert(1)></style></svg>") == "")
    #expect(clean("<math><mi>x</mi></math>") == "x")
    #expect(clean("<p>a</p></p>b") == "<p>a</p>b")
    #expect(clean("<a href=\"x\"title=\"y\"onclick=\"z\">t</a>") == "<a href=\"x\" title=\"y\">t</a>")
    #expect(clean("<img src=x/onerror=alert(1)>") == "<img src=\"x/onerror=alert(1)\" />")
    #expect(clean("<scr<script>ipt>alert(1)</script>") == "ipt>alert(1)")
  }

  @Test func nulBecomesReplacementCharacter() {
    #expect(clean("a\u{0}b<b>c</b>") == "a\u{FFFD}b<b>c</b>")
  }
}

@Suite struct HTMLLooksLikeHTMLTests {
  @Test func endTagOrEntityOfKnownHTMLCounts() {
    #expect(HTMLSanitizer.looksLikeHTML("<b>bold</b>"))
    #expect(HTMLSanitizer.looksLikeHTML("AT&amp;T"))
    #expect(HTMLSanitizer.looksLikeHTML("&#169; 2020"))
    #expect(HTMLSanitizer.looksLikeHTML("line<br/>break</p>"))
  }

  @Test func plainTextOrUnknownMarkupDoesNot() {
    #expect(!HTMLSanitizer.looksLikeHTML("plain title"))
    #expect(!HTMLSanitizer.looksLikeHTML("a < b and c > d"))
    #expect(!HTMLSanitizer.looksLikeHTML("<br>"))  // no end tag, no reference
    #expect(!HTMLSanitizer.looksLikeHTML("<foo>x</foo>"))
    #expect(!HTMLSanitizer.looksLikeHTML("&bogus; <b>x</b>"))
  }
}
