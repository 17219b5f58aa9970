import Foundation
import Testing

@testable import FeedloomModel

/// `Entry.source` is held behind a reference: it still reads, writes, compares, hashes and
/// codes as the plain `Feed?` it was.
@Suite struct EntrySourceTests {
  private func sample() -> Entry {
    var entry = Entry()
    entry.id = "e"
    var source = Feed()
    source.title = Text(value: "Source")
    source.links = [Link(href: "http://example.com/s", rel: "self")]
    entry.source = source
    return entry
  }

  @Test func readsAndWritesInPlace() {
    var entry = sample()
    #expect(entry.source?.title?.value == "Source")
    entry.source?.title = Text(value: "Changed")
    #expect(entry.source?.title?.value == "Changed")
    entry.source = nil
    #expect(entry.source == nil)
  }

  /// A copy changed later leaves the original alone (value semantics through the box).
  @Test func copiesAreIndependent() {
    let original = sample()
    var copy = original
    copy.source?.id = "other"
    #expect(original.source?.id == nil)
    #expect(copy.source?.id == "other")
    #expect(original != copy)
  }

  @Test func equalityAndHashFollowTheFeed() {
    let a = sample()
    let b = sample()
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    var c = sample()
    c.source?.subtitle = Text(value: "x")
    #expect(a != c)
    var noSource = sample()
    noSource.source = nil
    #expect(a != noSource)
  }

  /// Coded under "source" with the Feed's own shape; absent when nil.
  @Test func codesAsTheFeed() throws {
    let entry = sample()
    let data = try JSONEncoder().encode(entry)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let source = object?["source"] as? [String: Any]
    #expect((source?["title"] as? [String: Any])?["value"] as? String == "Source")
    #expect(try JSONDecoder().decode(Entry.self, from: data) == entry)
    var plain = entry
    plain.source = nil
    let plainObject = try JSONSerialization.jsonObject(with: JSONEncoder().encode(plain)) as? [String: Any]
    #expect(plainObject?["source"] == nil)
    #expect(plainObject?["id"] as? String == "e")
  }
}
