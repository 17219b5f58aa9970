import Testing
@testable import FeedloomXML

/// Collects what a parse delivers, for assertions.
final class Recorder: XMLEventHandler {
  var names: [XMLName] = []
  var text: [UInt8] = []
  var attributes: [XMLAttribute] = []

  func startElement(
    _ name: XMLName, attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int
  ) {
    names.append(name)
    self.attributes += attributes
  }
  func endElement(_ name: XMLName) {}
  func characters(_ utf8: [UInt8]) { text += utf8 }

  var string: String { String(decoding: text, as: UTF8.self) }
}

func parse(_ xml: String, limits: XMLLimits = .default) -> (Recorder, XMLParseResult) {
  let r = Recorder()
  let result = XMLEventParser.parse(utf8: Array(xml.utf8), handler: r, limits: limits)
  return (r, result)
}

@Suite struct XMLSafetyTests {
  @Test func billionLaughsStaysSmall() {
    var xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY lol \"lol\">"
    xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
    for i in 2...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
    xml += "]><r>&lol9;</r>"
    let (r, result) = parse(xml)
    #expect(r.text.count < 1000)
    #expect(!result.wellFormed)
  }

  @Test func quadraticBlowupIsBounded() {
    let big = String(repeating: "A", count: 50_000)
    let xml = "<!DOCTYPE r [<!ENTITY a \"\(big)\">]><r>" + String(repeating: "&a;", count: 10_000) + "</r>"
    let (r, _) = parse(xml)
    #expect(r.text.count <= XMLLimits.default.maximumExpansionBytes + 100_000)
  }

  @Test func externalEntitiesAreNeverLoaded() {
    let xml = "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><r>&xxe;</r>"
    let (r, _) = parse(xml)
    #expect(!r.string.contains("root:"))
  }

  @Test func simpleInternalEntitiesExpand() {
    let (r, _) = parse("<!DOCTYPE r [<!ENTITY who \"World\">]><r>Hello &who;</r>")
    #expect(r.string == "Hello World")
  }

  @Test func htmlEntitiesResolveButAreReported() {
    let (r, result) = parse("<r>caf&eacute; &amp; &hellip;</r>")
    #expect(r.string == "café & …")
    #expect(result.issues.contains { $0.code == "undefined-entity" })
    #expect(!result.wellFormed)
  }

  @Test func unknownEntitiesAndBareAmpersandsStayLiteral() {
    let (r, _) = parse("<r a=\"?x=1&y=2\">&nope; a & b</r>")
    #expect(r.string == "&nope; a & b")
    #expect(r.attributes.first?.value == "?x=1&y=2")
  }

  @Test func escapedAmpersandsInAttributesComeBackAsAmpersands() {
    let (r, result) = parse("<r a=\"1&amp;2&#38;3\"/>")
    #expect(result.wellFormed)
    #expect(r.attributes.first?.value == "1&2&3")
  }

  @Test func attributeFloodIsCut() {
    let attrs = (0..<5000).map { " a\($0)=\"\"" }.joined()
    let (r, result) = parse("<r\(attrs)>x</r>", limits: XMLLimits(maximumAttributes: 100))
    #expect(r.attributes.count == 100)
    #expect(r.string == "x")
    #expect(!result.wellFormed)
  }

  @Test func forbiddenControlCharactersAreDropped() {
    let (r, _) = parse("<r>a\u{1}b</r>")
    #expect(r.string == "ab")
  }

  @Test func namespacesAreByURINotPrefix() {
    let (r, result) = parse("<x:r xmlns:x=\"urn:a\"><y:r xmlns:y=\"urn:a\"/></x:r>")
    #expect(result.wellFormed)
    #expect(r.names.map(\.namespace) == ["urn:a", "urn:a"])
    #expect(r.names.map(\.local) == ["r", "r"])
  }

  @Test func brokenDocumentsStillDeliverWhatTheyHold() {
    let (r, result) = parse("<r><a>one</a><b>two</r>")
    #expect(!result.wellFormed)
    #expect(r.string.contains("one"))
    #expect(result.issues.first?.line != nil)
  }
}
