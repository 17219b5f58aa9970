import FeedloomModel

/// The one order every export lists items in: newest first, undated items last, ties broken by
/// the stable key and then the source, so that the order is fully defined by the input.
public enum ItemOrder {
  /// `items` newest first (by `Entry.effectiveDate`).
  public static func newestFirst(_ items: [Item]) -> [Item] {
    items.sorted(by: precedes)
  }

  /// Whether `a` comes before `b` in the export order.
  public static func precedes(_ a: Item, _ b: Item) -> Bool {
    switch (a.entry.effectiveDate, b.entry.effectiveDate) {
    case let (x?, y?) where x != y: return x > y
    case (.some, nil): return true
    case (nil, .some): return false
    default: break
    }
    if a.key != b.key { return a.key.utf8.lexicographicallyPrecedes(b.key.utf8) }
    if a.source.slug != b.source.slug {
      return a.source.slug.utf8.lexicographicallyPrecedes(b.source.slug.utf8)
    }
    return a.source.location.utf8.lexicographicallyPrecedes(b.source.location.utf8)
  }
}
