import Foundation

// Fixture loading shared by this target's normaliser tests (dates, people, URLs, dedup).

/// Where the shared harness data lives: /work/shared, or ../shared beside the package root.
func sharedFile(_ relative: String) -> URL? {
  let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let candidates = [
    packageRoot.deletingLastPathComponent().appendingPathComponent("shared"),
    URL(fileURLWithPath: "/work/shared"),
  ]
  for root in candidates {
    let url = root.appendingPathComponent(relative)
    if FileManager.default.fileExists(atPath: url.path) { return url }
  }
  return nil
}

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
