import FeedloomModel
import FeedloomParse
import FeedloomRender
import Testing

@testable import FeedloomCore

@Suite struct ConfigTests {
  func parse(_ json: String) throws(ConfigError) -> Config {
    try Config.parse(Array(json.utf8), file: "config.json", directory: "/srv/site")
  }

  func message(_ json: String) -> String {
    do {
      _ = try parse(json)
      return "no error"
    } catch {
      return error.description
    }
  }

  let minimal = #"{"site": {"title": "T", "url": "https://example.org/"}, "sources": []}"#

  @Test func minimalConfigGetsDocumentedDefaults() throws {
    let config = try parse(minimal)
    #expect(config.version == 1)
    #expect(config.output == "public")
    #expect(config.site.info.language == "en")
    #expect(config.site.pageSize == 20)
    #expect(config.site.templates == nil)
    #expect(!config.site.buildTime)
    #expect(config.atom == AtomOptions(path: "feed.atom", limit: 50))
    #expect(config.csv == CSVOptions(path: "entries.csv", columns: CSVColumn.defaults, bom: true))
  }

  @Test func everyKeyIsRead() throws {
    let config = try parse(#"""
      {"version": 1,
       "site": {"title": "T", "url": "https://example.org/d/", "language": "pt-BR", "description": "D",
                "author": {"name": "N", "email": "n@example.org", "uri": "https://example.org/n"},
                "templates": "my-templates", "pageSize": 5, "buildTime": true},
       "sources": [
         {"name": "Reuters World", "path": "feeds/*.xml", "kind": "rss", "base": "https://r.example.com/",
          "publisher": "Reuters", "timezone": "Europe/London", "language": "en-GB", "limit": 7},
         {"name": "Reuters world!", "url": "https://r.example.com/feed", "timezone": "-05:30"}],
       "output": "/var/www/digest",
       "atom": {"path": "feeds/all.atom", "limit": 0},
       "csv": {"path": "data/entries.csv", "columns": ["id", "title", "words"], "bom": false}}
      """#)
    #expect(config.site.info == SiteInfo(title: "T", url: "https://example.org/d/", language: "pt-BR",
      description: "D", author: Person(name: "N", email: "n@example.org", uri: "https://example.org/n")))
    #expect(config.site.templates == "my-templates")
    #expect(config.site.pageSize == 5)
    #expect(config.site.buildTime)
    #expect(config.sources.map(\.slug) == ["reuters-world", "reuters-world-2"])
    #expect(config.sources[0] == Config.SourceSettings(name: "Reuters World", slug: "reuters-world",
      location: .path("feeds/*.xml"), kind: .rss, base: "https://r.example.com/", publisher: "Reuters",
      timeZone: .named("Europe/London"), language: "en-GB", limit: 7))
    #expect(config.sources[1].location == .url("https://r.example.com/feed"))
    #expect(config.sources[1].timeZone == .offset(seconds: -(5 * 3600 + 30 * 60)))
    #expect(config.output == "/var/www/digest")
    #expect(config.atom.path == "feeds/all.atom" && config.atom.limit == 0)
    #expect(config.csv == CSVOptions(path: "data/entries.csv", columns: [.id, .title, .words], bom: false))
  }

  @Test func errorsNameFileLineAndJSONPath() {
    #expect(message("""
      {"site": {"title": "T", "url": "https://example.org/"},
       "sources": [
         {"name": "a", "path": "a.xml"},
         {"name": "b", "path": "b.xml"},
         {"name": "c", "path": "c.xml",
          "kind": "rsss"}]}
      """) == #"config.json:6: sources[2].kind: unknown kind "rsss" (auto, rss, atom, rdf, jsonfeed, html, text)"#)
    #expect(message(#"{"site": {"title": "T", "url": "https://example.org/"}, "sorces": []}"#)
      == "config.json:1: sorces: unknown key (top-level keys: version, site, sources, output, atom, csv)")
    #expect(message(#"{"site": {"title": "T", "url": "https://example.org/", "colour": 1}}"#)
      == "config.json:1: site.colour: unknown key (keys of site: title, url, language, description, author, templates, pageSize, buildTime)")
    #expect(message(#"{"version": 2, "site": {"title": "T", "url": "https://example.org/"}}"#)
      == "config.json:1: version: config version 2 is newer than this feedloom reads (1); upgrade feedloom")
    #expect(message(#"{"site": {"title": "T"}}"#) == "config.json:1: site.url: missing: the absolute URL the site is published at")
    #expect(message(#"{"site": {"title": "T", "url": "example.org"}}"#)
      == #"config.json:1: site.url: "example.org" is not an absolute http(s) URL"#)
    #expect(message(#"{"sources": []}"#) == "config.json:1: site: missing: the site needs a title and a url")
    #expect(message("[]") == "config.json:1: (top level): expected an object, found an array")
  }

  @Test func sourceValuesAreChecked() {
    let site = #""site": {"title": "T", "url": "https://example.org/"}"#
    #expect(message(#"{\#(site), "sources": [{"name": "a", "path": "x", "url": "https://e.org/"}]}"#)
      == #"config.json:1: sources[0]: give either "path" or "url", not both"#)
    #expect(message(#"{\#(site), "sources": [{"name": "a"}]}"#)
      == #"config.json:1: sources[0]: missing "path" (a file or glob) or "url""#)
    #expect(message(#"{\#(site), "sources": [{"name": "A", "path": "x"}, {"name": "a", "path": "y"}]}"#)
      == #"config.json:1: sources[1].name: "a" is already the name of sources[0]"#)
    #expect(message(#"{\#(site), "sources": [{"name": "a", "path": "x", "limit": 0}]}"#)
      == "config.json:1: sources[0].limit: 0 is out of range (from 1 to 1000000)")
    #expect(message(#"{\#(site), "sources": [{"name": "a", "path": "x", "limit": 2.5}]}"#)
      == "config.json:1: sources[0].limit: expected a whole number, found 2.5")
    #expect(message(#"{\#(site), "sources": [{"name": "a", "path": "x", "timezone": "Mars/Olympus"}]}"#)
      == #"config.json:1: sources[0].timezone: unknown time zone "Mars/Olympus" (an IANA name such as Europe/Berlin, or an offset such as +01:00)"#)
    #expect(message(#"{\#(site), "sources": [{"name": "a", "path": "x", "language": "english please"}]}"#)
      == #"config.json:1: sources[0].language: "english please" is not a language tag (en, en-GB, pt-BR, …)"#)
    #expect(message(#"{\#(site), "sources": {"name": "a"}}"#)
      == "config.json:1: sources: expected an array of sources, found an object")
  }

  @Test func outputValuesAreChecked() {
    let site = #""site": {"title": "T", "url": "https://example.org/"}"#
    #expect(message(#"{\#(site), "atom": {"path": "../feed.atom"}}"#)
      == #"config.json:1: atom.path: "../feed.atom" must be a file path inside the output directory (relative, no "..")"#)
    #expect(message(#"{\#(site), "csv": {"columns": ["title", "tilte"]}}"#)
      == #"config.json:1: csv.columns[1]: unknown column "tilte" (published, updated, source, title, authors, link, summary, text, words, categories, language, enclosures, publisher, id)"#)
    #expect(message(#"{\#(site), "csv": {"columns": []}}"#)
      == "config.json:1: csv.columns: expected a non-empty array of column names")
    #expect(message(#"{\#(site), "csv": {"bom": "yes"}}"#) == "config.json:1: csv.bom: expected true or false, found a string")
    #expect(message(#"{\#(site), "csv": {"path": "feed.atom"}}"#) == #"config.json:1: csv.path: "feed.atom" is also the Atom feed's path"#)
    #expect(message(#"{"site": {"title": "T", "url": "https://example.org/", "pageSize": 0}}"#)
      == "config.json:1: site.pageSize: 0 is out of range (from 1 to 10000)")
  }

  @Test func syntaxErrorsNameLineAndColumn() {
    #expect(message("{\n  \"site\": {\"title\": \"T\",}\n}") == "config.json:2:25: not valid JSON: expected a key in double quotes")
    #expect(message("{\"a\": 1, \"a\": 2}") == "config.json:1:10: not valid JSON: key \"a\" appears twice")
    #expect(message("{\"a\": \"line\nbreak\"}") == "config.json:1:12: not valid JSON: a control character (a raw line break?) inside a string: write it as an escape")
    #expect(message("") == "config.json:1:1: not valid JSON: unexpected end of file: a value is missing")
  }

  @Test func jsonStringsDecodeEscapes() throws {
    let node = try ConfigJSONParser.parse(Array(#"["a\"\\\/\n\u00e9\ud83d\ude00"]"#.utf8))
    #expect(node.value == .array([JSONNode(value: .string("a\"\\/\né😀"), line: 1)]))
  }

  @Test func zoneOffsetsParse() {
    #expect(SourceTimeZone.parseOffset("UTC") == 0)
    #expect(SourceTimeZone.parseOffset("+01:00") == 3600)
    #expect(SourceTimeZone.parseOffset("-0530") == -19800)
    #expect(SourceTimeZone.parseOffset("+02") == 7200)
    #expect(SourceTimeZone.parseOffset("+25:00") == nil)
    #expect(SourceTimeZone.parseOffset("Europe/Paris") == nil)
  }
}
