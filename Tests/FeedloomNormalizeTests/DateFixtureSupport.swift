import FeedloomTestSupport
import Foundation

// Fixture loading shared by this target's normaliser tests (dates, people, URLs, dedup).

/// A file of the shared harness data (`shared/`, found by `SharedHarness`); nil when absent.
func sharedFile(_ relative: String) -> URL? { SharedHarness.file(relative) }

/// The tab-separated rows of `Fixtures/<name>.tsv` with exactly `columns` fields; lines
/// starting with `#` are comments.
func fixtureRows(_ name: String, columns: Int) -> [[Substring]] {
  guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "tsv"),
    let text = try? String(contentsOf: url, encoding: .utf8)
  else { return [] }
  return text.split(separator: "\n").compactMap { line in
    guard !line.hasPrefix("#") else { return nil }
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    return fields.count == columns ? fields : nil
  }
}

/// `-` in a fixture column means "none".
func optionalField(_ field: Substring) -> String? { field == "-" ? nil : String(field) }
