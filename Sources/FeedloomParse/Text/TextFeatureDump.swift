#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the feature vectors of the headline and author candidates, one line each, to the file
/// named by the environment variable `FEEDLOOM_DUMP_TEXT_FEATURES`, so that
/// `tools/fit-text-weights.py` can refit `TitleWeights` and `AuthorWeights` without patching
/// the source. The variable is read once; unset (every normal run), a dump costs one check.
///
/// Line format (tab-separated): `title` or `author`, the candidate's line index, the features
/// comma-separated in `TitleFeature` / `AuthorFeature` order, the candidate's text (author
/// names joined by "; "), with tabs and line breaks turned into spaces.
enum TextFeatureDump {
  static let path: String? = getenv("FEEDLOOM_DUMP_TEXT_FEATURES").map { String(cString: $0) }

  static var isOn: Bool { path != nil }

  static func write(_ kind: String, line: Int, features: [Double], text: String) {
    guard let path, let file = fopen(path, "a") else { return }
    defer { fclose(file) }
    let flat = String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    let row = "\(kind)\t\(line)\t\(features.map { String($0) }.joined(separator: ","))\t\(flat)\n"
    fputs(row, file)
  }
}
