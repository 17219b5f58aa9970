import FeedloomModel

/// Why two items were put in one cluster.
public enum DuplicateReason: String, Sendable, Hashable, Codable, CaseIterable {
  /// The same entry id (within one source; across sources only for URI-shaped ids).
  case sameID
  /// The same canonical link (see `Deduplicator.canonicalLink(_:)`).
  case sameLink
  /// Title and body that are equal, or near-identical by word-shingle Jaccard similarity.
  case similarText
}

/// A group of items that are one story; every input item belongs to exactly one cluster.
public struct DuplicateCluster: Sendable, Hashable {
  /// Index, into the input, of the item to keep.
  public var representative: Int
  /// Indices of every member, ascending; the representative included.
  public var members: [Int]
  /// Every rule that joined two of the members; empty for a lone item.
  public var reasons: Set<DuplicateReason>

  /// The members other than the representative, ascending.
  public var duplicates: [Int] { members.filter { $0 != representative } }

  public init(representative: Int, members: [Int], reasons: Set<DuplicateReason>) {
    self.representative = representative
    self.members = members
    self.reasons = reasons
  }
}

/// Finds the items that are one story, within a source and across sources.
///
/// Two items are duplicates when any rule holds (and clusters are closed under it):
/// 1. **Same id**: equal entry ids in the same source; across sources only when the id is
///    URI-shaped (`scheme:…`), since bare ids such as `42` are only unique within a feed.
/// 2. **Same canonical link** (`canonicalLink(_:)`; `http`/`https` and a leading `www.` are
///    also ignored), unless the link is a front page (no path or query); within one source
///    the items must also carry no conflicting ids (a live blog's posts all link to one
///    page), the same fragment (`entries.php#111`, `#112`) and agreeing titles (see rule 3).
/// 3. **Similar text**: over lower-cased words of title and body (`text`, else content,
///    else summary, markup skipped), either the word sequences are equal (at least
///    `minimumWords` words, or across sources at least 4), or both have at least
///    `minimumWords` words and the Jaccard similarity of their 3-word shingle sets is at
///    least `similarityThreshold` (default 0.7: a reworded headline plus one changed phrase in
///    a 45-word story measures 0.75; unrelated stories measure near 0). Candidates come from
///    MinHash (64 hashes, 16 bands of 4: pairs at 0.7 are found with probability > 0.999),
///    then the exact Jaccard decides. Titles must agree too (`titleOverlap`, default 0.6, and
///    the same numbers): on 300 real feeds of shared/corpus, boilerplate bodies under
///    "PostGIS 3.5.0alpha1"/"…alpha2" or two episode titles were the false matches. Each
///    item is compared with at most the 32 latest earlier items per band bucket, so
///    boilerplate shared by every item cannot make the search quadratic.
///
/// The representative of a cluster is the earliest (published, else updated, else
/// created; undated last), then the richest (longest body), then the smallest `key`, then
/// the first in input order. Results depend only on the input: no randomness, no clock.
public struct Deduplicator: Sendable {
  /// Jaccard similarity of 3-word shingle sets at or above which two texts are one story.
  public var similarityThreshold: Double
  /// Fewest words a title and body need for the similarity rule, and for the equal-text rule
  /// within one source.
  public var minimumWords: Int

  /// For the similarity rule, when both items have titles: the Jaccard similarity their title
  /// word sets need, besides holding the same numbers.
  public var titleOverlap: Double

  public init(similarityThreshold: Double = 0.7, minimumWords: Int = 20, titleOverlap: Double = 0.6) {
    self.similarityThreshold = similarityThreshold
    self.minimumWords = minimumWords
    self.titleOverlap = titleOverlap
  }

  /// Every item in exactly one cluster; clusters ordered by their first member.
  public func clusters(_ items: [Item]) -> [DuplicateCluster] {
    var groups = UnionFind(count: items.count)
    joinByID(items, &groups)
    let prints = items.map { TextFingerprint(entry: $0.entry) }
    joinByLink(items, prints, &groups)
    joinByText(items, prints, &groups)

    var membersByRoot: [Int: [Int]] = [:]
    var rootsInOrder: [Int] = []
    for i in items.indices {
      let root = groups.find(i)
      if membersByRoot[root] == nil { rootsInOrder.append(root) }
      membersByRoot[root, default: []].append(i)
    }
    return rootsInOrder.map { root in
      let members = membersByRoot[root]!
      let representative = members.min { Deduplicator.ranksBefore(items[$0], $0, items[$1], $1) }!
      return DuplicateCluster(
        representative: representative, members: members, reasons: groups.reasons[root] ?? [])
    }
  }

  /// Only the clusters with two or more members.
  public func duplicateClusters(_ items: [Item]) -> [DuplicateCluster] {
    clusters(items).filter { $0.members.count > 1 }
  }

  /// The items with every duplicate removed: each cluster's representative, in input order.
  public func unique(_ items: [Item]) -> [Item] {
    clusters(items).map(\.representative).sorted().map { items[$0] }
  }

  // MARK: - Rules

  private func joinByID(_ items: [Item], _ groups: inout UnionFind) {
    var firstByKey: [String: Int] = [:]
    for (i, item) in items.enumerated() {
      guard let id = Deduplicator.trimmedID(item.entry) else { continue }
      let key = Deduplicator.isURIShaped(id) ? id : item.source.slug + "\u{0}" + id
      if let first = firstByKey[key] {
        groups.union(first, i, .sameID)
      } else {
        firstByKey[key] = i
      }
    }
  }

  private func joinByLink(_ items: [Item], _ prints: [TextFingerprint], _ groups: inout UnionFind) {
    for (i, j) in linkPartners(items, prints).enumerated() {
      if let j { groups.union(j, i, .sameLink) }
    }
  }

  /// For each item sharing a canonical link with earlier items, the first of those it may
  /// join (`sameSourceAllowsLinkMatch`), else nil.
  ///
  /// Found without comparing every pair of a group: an item of another source than the
  /// group's first joins that first item; within one source, earlier items are indexed by
  /// fragment, id and title numbers (all must match) and by distinct title word sets, so only
  /// distinct titles that may agree are compared, in order, and the first that agrees wins.
  func linkPartners(_ items: [Item], _ prints: [TextFingerprint]) -> [Int?] {
    var byLink: [String: [Int]] = [:]
    var order: [String] = []
    for (i, item) in items.enumerated() {
      guard let link = Deduplicator.articleLink(item.entry),
        let identity = LinkCanonicalizer.identity(link), !LinkCanonicalizer.isFrontPage(identity)
      else { continue }
      if byLink[identity] == nil { order.append(identity) }
      byLink[identity, default: []].append(i)
    }
    var partners = [Int?](repeating: nil, count: items.count)
    for identity in order {
      let members = byLink[identity]!
      guard members.count > 1 else { continue }
      let firstSlug = items[members[0]].source.slug
      // The leading run of the first source: the only same-source items any later item of
      // that source can meet before the first item of another source (which it always joins).
      let otherSource = members.firstIndex { items[$0].source.slug != firstSlug }
      var buckets: [LinkBucketKey: IDIndex] = [:]
      for (n, i) in members.enumerated() {
        guard items[i].source.slug == firstSlug else {
          partners[i] = members[0]
          continue
        }
        let key = LinkBucketKey(
          fragment: Deduplicator.articleLink(items[i].entry)?
            .split(separator: "#", maxSplits: 1).dropFirst().first.map(String.init))
        let id = Deduplicator.trimmedID(items[i].entry)
        let found = buckets[key]?.first(agreeingWith: i, id: id, prints, titleOverlap)
        let fallback = otherSource.flatMap { $0 < n ? members[$0] : nil }
        partners[i] = found ?? fallback
        if otherSource.map({ n < $0 }) ?? true {
          buckets[key, default: IDIndex()].insert(i, id: id, prints)
        }
      }
    }
    return partners
  }

  /// Within one source a shared link is one story only when the items carry no conflicting
  /// ids, the same fragment (`entries.php#111` and `#112` are two entries of one page) and
  /// agreeing titles (a news page every item links to).
  func sameSourceAllowsLinkMatch(
    _ items: [Item], _ prints: [TextFingerprint], _ i: Int, _ j: Int
  ) -> Bool {
    guard items[i].source.slug == items[j].source.slug else { return true }
    if Deduplicator.areDistinctEntriesOfOneSource(items[i], items[j]) { return false }
    let fragment = { (item: Item) in Deduplicator.articleLink(item.entry)?.split(separator: "#", maxSplits: 1).dropFirst().first }
    guard fragment(items[i]) == fragment(items[j]) else { return false }
    return prints[i].titleAgrees(with: prints[j], minimumOverlap: titleOverlap)
  }

  private struct LinkBucketKey: Hashable {
    var fragment: String?
  }

  /// Earlier items of one source, link and fragment, by id: an item without an id may join
  /// any of them, one with an id only those without an id or with the same one.
  private struct IDIndex {
    var all = TitleIndex()
    var withoutID = TitleIndex()
    var byID: [String: TitleIndex] = [:]

    mutating func insert(_ i: Int, id: String?, _ prints: [TextFingerprint]) {
      all.insert(i, prints[i])
      if let id { byID[id, default: TitleIndex()].insert(i, prints[i]) } else { withoutID.insert(i, prints[i]) }
    }

    func first(
      agreeingWith i: Int, id: String?, _ prints: [TextFingerprint], _ overlap: Double
    ) -> Int? {
      guard let id else { return all.first(agreeingWith: i, prints, overlap) }
      let a = withoutID.first(agreeingWith: i, prints, overlap)
      let b = byID[id]?.first(agreeingWith: i, prints, overlap)
      switch (a, b) {
      case let (a?, b?): return min(a, b)
      default: return a ?? b
      }
    }
  }

  /// Earlier items, in input order, by what `TextFingerprint.titleAgrees` reads: an untitled
  /// item agrees with every title; titled ones need equal numbers, then the word overlap,
  /// which depends only on the word set (so one item per distinct set is compared).
  private struct TitleIndex {
    struct TitleKey: Hashable {
      var numbers: [UInt64]
      var words: [UInt64]
    }

    var firstItem: Int?
    var firstUntitled: Int?
    /// Per title numbers, the first item of each distinct word set, in input order.
    var titledByNumbers: [[UInt64]: [Int]] = [:]
    var seenTitles: Set<TitleKey> = []

    mutating func insert(_ i: Int, _ p: TextFingerprint) {
      if firstItem == nil { firstItem = i }
      guard let words = p.titleWords, !words.isEmpty else {
        if firstUntitled == nil { firstUntitled = i }
        return
      }
      if seenTitles.insert(TitleKey(numbers: p.titleNumbers, words: words)).inserted {
        titledByNumbers[p.titleNumbers, default: []].append(i)
      }
    }

    func first(agreeingWith i: Int, _ prints: [TextFingerprint], _ overlap: Double) -> Int? {
      let p = prints[i]
      guard let words = p.titleWords, !words.isEmpty else { return firstItem }
      for j in titledByNumbers[p.titleNumbers] ?? [] {
        if let u = firstUntitled, u < j { break }
        if p.titleAgrees(with: prints[j], minimumOverlap: overlap) { return j }
      }
      return firstUntitled
    }
  }

  private func joinByText(_ items: [Item], _ prints: [TextFingerprint], _ groups: inout UnionFind) {
    // Equal word sequences.
    var bySequence: [UInt64: [Int]] = [:]
    for (i, p) in prints.enumerated() where p.wordCount >= 4 {
      bySequence[p.sequenceHash, default: []].append(i)
    }
    for i in prints.indices {
      guard prints[i].wordCount >= 4, let candidates = bySequence[prints[i].sequenceHash] else {
        continue
      }
      for j in candidates where j < i {
        let sameSource = items[i].source.slug == items[j].source.slug
        if !sameSource || prints[i].wordCount >= minimumWords {
          groups.union(j, i, .similarText)
        }
      }
    }
    // Near-identical long texts, candidates from MinHash bands. Buckets fill as items are
    // visited, so a bucket holds only earlier items; each item looks at the latest
    // `comparisonsPerBucket` of them, so text every item shares (a long footer) cannot make
    // the search quadratic.
    let comparisonsPerBucket = 32
    var buckets: [UInt64: [Int]] = [:]
    for i in prints.indices where prints[i].wordCount >= minimumWords {
      for key in prints[i].bandKeys {
        for j in (buckets[key] ?? []).suffix(comparisonsPerBucket).reversed() {
          if groups.find(i) == groups.find(j) { continue }
          if prints[i].similarity(to: prints[j]) >= similarityThreshold,
            prints[i].titleAgrees(with: prints[j], minimumOverlap: titleOverlap)
          {
            groups.union(j, i, .similarText)
          }
        }
        buckets[key, default: []].append(i)
      }
    }
  }

  // MARK: - Helpers

  static func trimmedID(_ entry: Entry) -> String? {
    guard let id = entry.id else { return nil }
    let trimmed = Whitespace.fold(id)
    return trimmed.isEmpty ? nil : trimmed
  }

  static func isURIShaped(_ id: String) -> Bool {
    URLResolver.schemeEnd(Array(id.utf8)) != nil
  }

  /// The entry's link, else its first `alternate` link.
  static func articleLink(_ entry: Entry) -> String? {
    entry.link ?? entry.links.first { $0.rel == "alternate" }?.href
  }

  private static func areDistinctEntriesOfOneSource(_ a: Item, _ b: Item) -> Bool {
    guard a.source.slug == b.source.slug, let x = trimmedID(a.entry), let y = trimmedID(b.entry)
    else { return false }
    return x != y
  }

  /// Representative order: earliest, richest, smallest key, first.
  static func ranksBefore(_ a: Item, _ i: Int, _ b: Item, _ j: Int) -> Bool {
    switch (a.entry.effectiveDate, b.entry.effectiveDate) {
    case let (x?, y?) where x != y: return x < y
    case (.some, nil): return true
    case (nil, .some): return false
    default: break
    }
    let richA = richness(a.entry)
    let richB = richness(b.entry)
    if richA != richB { return richA > richB }
    if a.key != b.key { return a.key < b.key }
    return i < j
  }

  /// Length of the body: plain text, else the longest content, else the summary.
  static func richness(_ entry: Entry) -> Int {
    if let text = entry.text { return text.utf8.count }
    if let longest = entry.content.map({ $0.value.utf8.count }).max() { return longest }
    return entry.summary?.value.utf8.count ?? 0
  }
}

/// Disjoint sets over item indices, remembering why sets were joined.
struct UnionFind {
  private var parent: [Int]
  private(set) var reasons: [Int: Set<DuplicateReason>] = [:]

  init(count: Int) { parent = Array(0..<count) }

  mutating func find(_ x: Int) -> Int {
    var root = x
    while parent[root] != root { root = parent[root] }
    var node = x
    while parent[node] != root {
      let next = parent[node]
      parent[node] = root
      node = next
    }
    return root
  }

  /// Joins the sets of `a` and `b`; the smaller index stays the root, so results are stable.
  mutating func union(_ a: Int, _ b: Int, _ reason: DuplicateReason) {
    let ra = find(a)
    let rb = find(b)
    let root = min(ra, rb)
    let other = max(ra, rb)
    var merged = reasons[root] ?? []
    merged.insert(reason)
    if ra != rb {
      parent[other] = root
      if let moved = reasons.removeValue(forKey: other) { merged.formUnion(moved) }
    }
    reasons[root] = merged
  }
}
