/// Collects a document's issues with a bound per code, so a hostile feed (say a million
/// entries with bad dates) cannot grow memory without limit.
///
/// The first `perCodeLimit` issues of each code are kept as they came, with their lines;
/// the rest are only counted, and `issues` ends with one summary issue per such code,
/// of the same code, whose message says how many more there were.
public struct ParseIssueCollector: Sendable {
  /// How many issues of one code are kept before the rest are only counted.
  public static let defaultPerCodeLimit = 20

  public let perCodeLimit: Int
  private var kept: [ParseIssue] = []
  /// Per code, in order of first appearance: how many were seen in all.
  private var counts: [(code: String, seen: Int)] = []

  public init(perCodeLimit: Int = ParseIssueCollector.defaultPerCodeLimit) {
    self.perCodeLimit = max(0, perCodeLimit)
  }

  /// Adds `issue`, or only counts it when its code already has `perCodeLimit` issues kept.
  public mutating func add(_ issue: ParseIssue) {
    if let i = counts.firstIndex(where: { $0.code == issue.code }) {
      counts[i].seen += 1
      if counts[i].seen <= perCodeLimit { kept.append(issue) }
    } else {
      counts.append((issue.code, 1))
      if perCodeLimit > 0 { kept.append(issue) }
    }
  }

  /// Every issue seen, whether kept or only counted.
  public var totalCount: Int { counts.reduce(0) { $0 + $1.seen } }

  /// The kept issues, then one summary per code that went over the limit.
  public var issues: [ParseIssue] {
    var all = kept
    for (code, seen) in counts where seen > perCodeLimit {
      let more = seen - perCodeLimit
      all.append(ParseIssue(code: code, message: "and \(more) more '\(code)' issue\(more == 1 ? "" : "s")"))
    }
    return all
  }

  /// `issues` bounded the same way.
  public static func capped(
    _ issues: [ParseIssue], perCodeLimit: Int = ParseIssueCollector.defaultPerCodeLimit
  ) -> [ParseIssue] {
    var collector = ParseIssueCollector(perCodeLimit: perCodeLimit)
    for issue in issues { collector.add(issue) }
    return collector.issues
  }
}
