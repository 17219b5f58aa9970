import FeedloomModel
import Testing

@testable import FeedloomNormalize

private func item(
  _ source: String, id: String? = nil, link: String? = nil, title: String? = nil,
  text: String? = nil, published: String? = nil, key: String? = nil
) -> Item {
  var entry = Entry()
  entry.id = id
  entry.link = link
  entry.title = title.map { Text.plain($0) }
  entry.text = text
  if let published { entry.published = Stamp(date: DateReader.parse(published), text: published) }
  let info = SourceInfo(name: source, slug: source, feed: Feed(), location: "\(source).xml")
  return Item(
    entry: entry, source: info, key: key ?? Deduplicator.stableKey(for: entry, sourceSlug: source))
}

private let article = """
  The city council voted on Tuesday to approve a new budget that expands bus service, \
  repairs three bridges and hires forty additional teachers for the public schools, \
  after a debate that lasted more than six hours and drew hundreds of residents.
  """

@Suite struct DedupTests {
  let dedup = Deduplicator()

  @Test func sameIDWithinASourceIsOneStory() {
    let items = [item("a", id: "42", title: "First"), item("a", id: "42", title: "Edited")]
    let c = dedup.duplicateClusters(items)
    #expect(c.count == 1 && c[0].members == [0, 1] && c[0].reasons == [.sameID])
  }

  @Test func bareIDsAcrossSourcesAreNotCompared() {
    let items = [item("a", id: "42", title: "One"), item("b", id: "42", title: "Two")]
    #expect(dedup.duplicateClusters(items).isEmpty)
  }

  @Test func uriIDsAcrossSourcesAreCompared() {
    let items = [item("a", id: "urn:uuid:1", title: "One"), item("b", id: "urn:uuid:1", title: "Two")]
    #expect(dedup.duplicateClusters(items).map(\.members) == [[0, 1]])
  }

  @Test func canonicalLinkIgnoresTrackingCaseSlashFragmentAndWWW() {
    let items = [
      item("a", link: "https://www.Example.COM/news/story/?utm_source=rss&b=2&a=1#top"),
      item("b", link: "http://example.com:80/news/story?a=1&fbclid=XYZ&b=2"),
      item("c", link: "https://example.com/news/other"),
    ]
    let c = dedup.duplicateClusters(items)
    #expect(c.map(\.members) == [[0, 1]])
    #expect(c.first?.reasons == [.sameLink])
    #expect(
      Deduplicator.canonicalLink("HTTPS://www.Example.COM:443/news/story/?utm_medium=x&b=2&a=1#f")
        == "https://www.example.com/news/story?a=1&b=2")
    #expect(Deduplicator.canonicalLink("/relative") == nil)
  }

  @Test func frontPageLinksAndLiveBlogPostsDoNotMerge() {
    let items = [
      item("a", link: "https://example.com/", title: "Alpha story here"),
      item("b", link: "https://example.com", title: "Beta tale there"),
      item("live", id: "p1", link: "https://example.com/live", title: "Post one happened"),
      item("live", id: "p2", link: "https://example.com/live", title: "Post two happened too"),
    ]
    #expect(dedup.duplicateClusters(items).isEmpty)
  }

  /// Real feeds: entries of one page told apart by fragment, a news page every item links to,
  /// and one boilerplate body under distinct release titles are all distinct stories.
  @Test func sharedPagesAndBoilerplateWithinASourceStayApart() {
    let items = [
      item("n", link: "https://example.org/entries.php#111", title: "Newsletter 111"),
      item("n", link: "https://example.org/entries.php#112", title: "Newsletter 112"),
      item("p", link: "https://example.org/news.html", title: "Fastly supports the project"),
      item("p", link: "https://example.org/news.html", title: "Release party in Paris"),
      item("r", title: "Tool 3.5.0alpha1", text: article),
      item("r", title: "Tool 3.5.0alpha2", text: article),
    ]
    #expect(dedup.duplicateClusters(items).isEmpty)
    let keys = items[0...1].map(\.key)
    #expect(keys == ["tag:feedloom,2026:example.org/entries.php%23111", "tag:feedloom,2026:example.org/entries.php%23112"])
  }

  @Test func nearIdenticalTextAcrossSourcesMerges() {
    let edited = article.replacingOccurrences(of: "more than six hours", with: "over six hours")
    let items = [
      item("a", title: "Council approves budget", text: article),
      item("b", title: "Council approves new budget", text: edited),
      item("c", title: "Weather", text: "Sunny skies are expected all week with light winds from the west and mild temperatures at night, forecasters said on Monday morning in their outlook."),
    ]
    let c = dedup.duplicateClusters(items)
    #expect(c.map(\.members) == [[0, 1]])
    #expect(c.first?.reasons == [.similarText])
  }

  @Test func differentTextStaysApart() {
    let other = "The school board met on Wednesday to discuss a plan that would close two buildings, merge classes and cut the number of buses serving rural districts, after months of falling enrolment."
    let items = [item("a", title: "Council", text: article), item("b", title: "Board", text: other)]
    #expect(dedup.duplicateClusters(items).isEmpty)
  }

  @Test func shortEqualTitlesMergeOnlyAcrossSources() {
    let items = [
      item("a", id: "1", title: "Daily weather forecast update"),
      item("a", id: "2", title: "Daily weather forecast update"),
      item("b", title: "Daily weather forecast update"),
    ]
    // 0 and 1 stay distinct by themselves; 2 joins both across sources, closing the cluster.
    let c = dedup.duplicateClusters(items)
    #expect(c.map(\.members) == [[0, 1, 2]])
    let alone = [items[0], items[1]]
    #expect(dedup.duplicateClusters(alone).isEmpty)
  }

  @Test func representativeIsEarliestThenRichestThenKey() {
    let base = [
      item("a", id: "x:1", text: "short", published: "2024-01-02T00:00:00Z", key: "k3"),
      item("b", id: "x:1", text: "a much longer body", published: "2024-01-01T00:00:00Z", key: "k2"),
      item("c", id: "x:1", text: "longest body of them all", key: "k1"),
    ]
    #expect(dedup.clusters(base).map(\.representative) == [1])
    let sameDate = [
      item("a", id: "x:1", text: "short", published: "2024-01-01T00:00:00Z", key: "k1"),
      item("b", id: "x:1", text: "a much longer body", published: "2024-01-01T00:00:00Z", key: "k2"),
    ]
    #expect(dedup.clusters(sameDate).map(\.representative) == [1])
    let tie = [item("a", id: "x:1", text: "same", key: "k9"), item("b", id: "x:1", text: "same", key: "k1")]
    #expect(dedup.clusters(tie).map(\.representative) == [1])
  }

  @Test func uniqueKeepsRepresentativesInInputOrderAndClustersCoverEveryItem() {
    let items = [
      item("a", id: "x:1", title: "A", published: "2024-01-02T00:00:00Z"),
      item("b", id: "x:2", title: "B"),
      item("c", id: "x:1", title: "A again", published: "2024-01-01T00:00:00Z"),
    ]
    #expect(dedup.unique(items).map(\.source.slug) == ["b", "c"])
    #expect(dedup.clusters(items).flatMap(\.members).sorted() == [0, 1, 2])
  }

  @Test func stableKeysFollowTheRules() {
    var e = Entry()
    e.id = "  https://example.com/p/1 "
    #expect(Deduplicator.stableKey(for: e, sourceSlug: "s") == "https://example.com/p/1")
    e.id = "42 b"
    #expect(Deduplicator.stableKey(for: e, sourceSlug: "my-src") == "tag:feedloom,2026:my-src/id/42%20b")
    e.id = nil
    e.link = "https://www.example.com/a/b/?utm_source=x"
    #expect(Deduplicator.stableKey(for: e, sourceSlug: "s") == "tag:feedloom,2026:example.com/a/b")
    e.link = "https://example.com/"
    e.title = .plain("Hello")
    #expect(Deduplicator.stableKey(for: e, sourceSlug: "s").hasPrefix("tag:feedloom,2026:s/item-"))
    e.link = nil
    e.text = "World"
    let key = Deduplicator.stableKey(for: e, sourceSlug: "s")
    #expect(key.hasPrefix("tag:feedloom,2026:s/item-") && key.utf8.count == "tag:feedloom,2026:s/item-".utf8.count + 16)
    #expect(Deduplicator.stableKey(for: e, sourceSlug: "s") == key)
    e.text = "World!"
    #expect(Deduplicator.stableKey(for: e, sourceSlug: "s") != key)
  }

  @Test func batchKeysAreUniqueWithinASource() {
    let entries = ["One", "Two", "Two"].map { title -> Entry in
      var e = Entry()
      e.link = "https://example.org/news.html"
      e.title = .plain(title)
      return e
    }
    let keys = Deduplicator.stableKeys(for: entries, sourceSlug: "p")
    #expect(Set(keys).count == 3)
    #expect(keys.allSatisfy { $0.hasPrefix("tag:feedloom,2026:p/item-") })
    #expect(keys[2] == keys[1] + "-2")
    #expect(Deduplicator.stableKeys(for: [entries[0]], sourceSlug: "p") == ["tag:feedloom,2026:example.org/news.html"])
  }

  /// FNV-1a 64 reference values, so keys never change across runs or platforms.
  @Test func fnvMatchesReferenceVectors() {
    #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
    #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
    #expect(FNV1a.hex(0xaf63_dc4c_8601_ec8c) == "af63dc4c8601ec8c")
  }

  @Test func handlesManyItemsQuickly() {
    let items = (0..<300).map { i in
      item("s\(i % 7)", id: "n\(i)", title: "Council approves budget", text: "\(article) Item \(i).")
    }
    // All share the article body: every item is near-identical to every other.
    #expect(dedup.duplicateClusters(items).count == 1)
  }

  /// The indexed same-link pass picks, for every item, exactly the partner the pairwise scan
  /// (first earlier item of the link group it may join) picks, on one group mixing sources,
  /// ids, fragments and titles, and so gives the same clusters.
  @Test func sameLinkPartnersMatchThePairwiseScan() {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(n))
    }
    let words = ["budget", "council", "vote", "bridge", "school", "bus"]
    let items = (0..<400).map { n -> Item in
      let source = n < 30 ? "a" : ["a", "b", "c"][next(3)]
      let id: String? = [nil, nil, "x", "y", "id\(n)"][next(5)]
      let link = "http://feed.example/item" + ["", "", "#1", "#2"][next(4)]
      let title: String? = next(6) == 0 ? nil
        : (0..<(1 + next(3))).map { _ in words[next(words.count)] }.joined(separator: " ")
          + ["", " 2", " 3"][next(3)]
      return item(source, id: id, link: link, title: title)
    }
    let prints = items.map { TextFingerprint(entry: $0.entry) }
    let pairwise = items.indices.map { i in
      (0..<i).first { j in dedup.sameSourceAllowsLinkMatch(items, prints, i, j) }
    }
    let indexed = dedup.linkPartners(items, prints)
    #expect(indexed == pairwise)
    // The group exercises both outcomes, and partners within one source too.
    #expect(indexed.contains(nil))
    #expect(indexed.indices.contains { i in
      indexed[i].map { items[$0].source.slug == items[i].source.slug && $0 > 0 } ?? false
    })
  }

  /// A build where thousands of items without distinguishing titles link to one page with
  /// distinct guids: none joins by link, and the pass does not compare every pair.
  @Test func largeSameLinkGroupStaysApart() {
    let items = (0..<2729).map { n in
      item("big", id: "guid-\(n)", link: "http://feed.example/item", title: "Item \(n)")
    }
    let prints = items.map { TextFingerprint(entry: $0.entry) }
    #expect(dedup.linkPartners(items, prints).allSatisfy { $0 == nil })
    #expect(dedup.duplicateClusters(items).isEmpty)
  }
}
